//! The network's figures and the world map as anonymous visitors see them
//! are the same for every one of them: made once a minute and shared. A
//! visitor reloading the page (or a script hammering it) then costs nothing,
//! and the others never wait behind them for the anonymous share of graph
//! work. The cache belongs to one server (one store), not to the process.

use crate::error::AppError;
use shared::network_stats::{MapCountry, NetworkStats};
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How old a shared answer may be: a record made public shows in the
/// anonymous figures within this time.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

/// One shared answer and when it was made.
pub struct Shared<T> {
    slot: Mutex<Option<(Instant, T)>>,
}

impl<T: Clone> Shared<T> {
    fn new() -> Self {
        Shared {
            slot: Mutex::new(None),
        }
    }

    /// The answer made within [`FRESH_FOR`], or a new one from `make`.
    /// Those who ask while it is being made wait for it rather than make it
    /// again; a failure is not kept.
    pub async fn get_or(
        &self,
        make: impl Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        let mut slot = self.slot.lock().await;
        if let Some((made, answer)) = slot.as_ref() {
            if made.elapsed() < FRESH_FOR {
                return Ok(answer.clone());
            }
        }
        let answer = make.await?;
        *slot = Some((Instant::now(), answer.clone()));
        Ok(answer)
    }
}

/// Provided in the request context by the server, one per store.
pub struct PublicAnswers {
    pub network_stats: Shared<NetworkStats>,
    pub world_map: Shared<Vec<MapCountry>>,
}

impl PublicAnswers {
    pub fn new() -> Self {
        PublicAnswers {
            network_stats: Shared::new(),
            world_map: Shared::new(),
        }
    }
}

impl Default for PublicAnswers {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn an_answer_is_made_once_while_fresh_and_a_failure_is_not_kept() {
        let shared = Shared::<u32>::new();
        let made = AtomicUsize::new(0);
        let make = || async {
            made.fetch_add(1, Ordering::SeqCst);
            Ok(7)
        };
        assert_eq!(
            shared.get_or(async { Err(AppError::Unavailable) }).await,
            Err(AppError::Unavailable)
        );
        for _ in 0..5 {
            assert_eq!(shared.get_or(make()).await, Ok(7));
        }
        assert_eq!(made.load(Ordering::SeqCst), 1);
    }
}
