//! Writes each day's digests once the day's hour has come (UTC). It runs
//! whether or not mail goes out: without a relay, the outbox keeps them.

use crate::store::SurrealStore;
use chrono::{DateTime, Timelike, Utc};
use std::sync::Arc;
use std::time::Duration;

/// How often the clock is looked at.
const TICK: Duration = Duration::from_secs(60);

/// The day whose digests are due at `now`, if any.
pub fn due(now: DateTime<Utc>, hour: u8) -> Option<String> {
    (now.hour() >= u32::from(hour)).then(|| now.format("%Y-%m-%d").to_string())
}

/// Until `stop` resolves.
pub async fn run(store: Arc<SurrealStore>, hour: u8, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        if let Some(day) = due(Utc::now(), hour) {
            match store.write_digests(&day).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(day, digests = n, "daily digests written"),
                Err(e) => tracing::error!(error = %e, "the daily digests could not be written"),
            }
        }
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(TICK) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_day_is_due_from_its_hour_on() {
        let at = |h| Utc.with_ymd_and_hms(2026, 11, 30, h, 5, 0).unwrap();
        assert_eq!(due(at(5), 6), None);
        assert_eq!(due(at(6), 6).as_deref(), Some("2026-11-30"));
        assert_eq!(due(at(23), 6).as_deref(), Some("2026-11-30"));
        assert_eq!(due(at(0), 0).as_deref(), Some("2026-11-30"));
    }
}
