//! Daily backups written by the running server, for an embedded database
//! that no other process may open while it runs: once a day after the
//! chosen hour (UTC), `sos-torture-<day>.surql` in the chosen directory,
//! keeping the newest few. A day already written is not written again, so
//! a restart does not repeat it.

use super::Db;
use chrono::Utc;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the clock is looked at.
const TICK: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, clap::Args)]
pub struct ScheduleArgs {
    /// A directory where the server writes a backup of the database every
    /// day (`sos-torture-<day>.surql`), keeping the newest `--backup-keep`.
    /// None: no scheduled backups (`server backup` and the admin pages
    /// still write one when asked).
    #[arg(long, env = "SOS_BACKUP_DIR", value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,

    /// The hour (UTC, 0–23) after which each day's backup is written.
    #[arg(long, env = "SOS_BACKUP_HOUR", default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..24))]
    pub backup_hour: u8,

    /// How many daily backups are kept; older ones are deleted.
    #[arg(long, env = "SOS_BACKUP_KEEP", default_value_t = 14, value_parser = clap::value_parser!(u16).range(1..))]
    pub backup_keep: u16,
}

impl ScheduleArgs {
    pub fn off() -> Self {
        ScheduleArgs {
            backup_dir: None,
            backup_hour: 3,
            backup_keep: 14,
        }
    }
}

/// The name of a day's backup.
pub fn file_name(day: &str) -> String {
    format!("sos-torture-{day}.surql")
}

/// Whether a file name is one of the daily backups (and which day).
fn is_daily(name: &str) -> bool {
    name.strip_prefix("sos-torture-")
        .and_then(|rest| rest.strip_suffix(".surql"))
        .is_some_and(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok())
}

/// Deletes the daily backups beyond the newest `keep`; other files of the
/// directory are never touched. Answers how many were deleted.
pub fn prune(dir: &Path, keep: usize) -> std::io::Result<usize> {
    let mut days: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_daily))
        .map(|e| e.path())
        .collect();
    // Day names sort as the days do.
    days.sort();
    let old = days.len().saturating_sub(keep);
    for path in &days[..old] {
        std::fs::remove_file(path)?;
    }
    Ok(old)
}

/// Writes the day's backup if it is due and not there yet.
pub async fn write_due(
    db: &Db,
    args: &ScheduleArgs,
    now: chrono::DateTime<Utc>,
) -> Option<PathBuf> {
    let dir = args.backup_dir.as_ref()?;
    let day = crate::mail::digests::due(now, args.backup_hour)?;
    let path = dir.join(file_name(&day));
    if path.exists() {
        return None;
    }
    match super::backup::write(db, &path).await {
        Ok(bytes) => {
            tracing::info!(file = %path.display(), bytes, "daily backup written");
            match prune(dir, usize::from(args.backup_keep)) {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "older daily backups deleted"),
                Err(e) => tracing::error!(error = %e, "older daily backups could not be deleted"),
            }
            Some(path)
        }
        Err(e) => {
            tracing::error!(error = %e, "the daily backup could not be written");
            None
        }
    }
}

/// Until `stop` resolves.
pub async fn run(db: Db, args: ScheduleArgs, stop: impl std::future::Future<Output = ()>) {
    if args.backup_dir.is_none() {
        return;
    }
    tokio::pin!(stop);
    loop {
        write_due(&db, &args, Utc::now()).await;
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(TICK) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_oldest_daily_backups_go_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for day in ["2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"] {
            std::fs::write(dir.path().join(file_name(day)), "x").unwrap();
        }
        for other in [
            "notes.txt",
            "sos-torture-latest.surql",
            "sos-torture-2026-11-26.surql.bak",
        ] {
            std::fs::write(dir.path().join(other), "x").unwrap();
        }
        assert_eq!(prune(dir.path(), 2).unwrap(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "notes.txt",
                "sos-torture-2026-11-26.surql.bak",
                "sos-torture-2026-11-29.surql",
                "sos-torture-2026-11-30.surql",
                "sos-torture-latest.surql"
            ]
        );
        assert_eq!(prune(dir.path(), 2).unwrap(), 0);
    }
}
