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

/// Deletes the daily backups beyond the newest `keep`, among those of
/// `today` and before: a file named for a day still to come is neither
/// counted nor deleted, so that a few planted names cannot push the real
/// backups out. Other files of the directory are never touched, and one
/// that cannot be deleted does not stop the others. Answers how many were
/// deleted.
pub fn prune(dir: &Path, keep: usize, today: &str) -> std::io::Result<usize> {
    let mut days: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            e.file_name()
                .to_str()
                .and_then(day_of)
                .is_some_and(|day| day.as_str() <= today)
        })
        .map(|e| e.path())
        .collect();
    // Day names sort as the days do.
    days.sort();
    let old = days.len().saturating_sub(keep);
    let mut deleted = 0;
    for path in &days[..old] {
        match std::fs::remove_file(path) {
            Ok(()) => deleted += 1,
            Err(e) => {
                tracing::error!(file = %path.display(), error = %e, "an old backup could not be deleted")
            }
        }
    }
    Ok(deleted)
}

/// The day of a daily backup's file name (`YYYY-MM-DD`), if it is one.
fn day_of(name: &str) -> Option<String> {
    let day = name.strip_prefix("sos-torture-")?.strip_suffix(".surql")?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .map(|_| day.to_owned())
}

/// Removes what a backup cut short by a stop left (`.sos-backup-*.partial`,
/// whole records in clear), when older than an hour: none is being written
/// by this server yet when it starts.
pub fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let partial = name
            .to_str()
            .is_some_and(|n| n.starts_with(".sos-backup-") && n.ends_with(".partial"));
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if partial && stale {
            if let Err(e) = std::fs::remove_file(entry.path()) {
                tracing::error!(error = %e, "a stale partial backup could not be deleted");
            }
        }
    }
}

/// Writes the day's backup if it is due and not there yet.
pub async fn write_due(
    db: &Db,
    args: &ScheduleArgs,
    now: chrono::DateTime<Utc>,
) -> Result<Option<PathBuf>, ()> {
    let Some(dir) = args.backup_dir.as_ref() else {
        return Ok(None);
    };
    let Some(day) = crate::mail::digests::due(now, args.backup_hour) else {
        return Ok(None);
    };
    let path = dir.join(file_name(&day));
    if path.exists() {
        return Ok(None);
    }
    match super::backup::write(db, &path).await {
        Ok(bytes) => {
            tracing::info!(file = %path.display(), bytes, "daily backup written");
            match prune(dir, usize::from(args.backup_keep), &day) {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "older daily backups deleted"),
                Err(e) => tracing::error!(error = %e, "older daily backups could not be deleted"),
            }
            Ok(Some(path))
        }
        Err(e) => {
            tracing::error!(error = %e, "the daily backup could not be written");
            Err(())
        }
    }
}

/// After a failed backup (a full disk, say), the next try waits this long
/// rather than a minute: each try is a whole export.
const AFTER_A_FAILURE: Duration = Duration::from_secs(3600);

/// Until `stop` resolves.
pub async fn run(db: Db, args: ScheduleArgs, stop: impl std::future::Future<Output = ()>) {
    let Some(dir) = args.backup_dir.clone() else {
        return;
    };
    remove_stale_partials(&dir);
    tokio::pin!(stop);
    loop {
        let wait = match write_due(&db, &args, Utc::now()).await {
            Ok(_) => TICK,
            Err(()) => AFTER_A_FAILURE,
        };
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_oldest_past_daily_backups_go_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for day in [
            "2026-11-27",
            "2026-11-28",
            "2026-11-29",
            "2026-11-30",
            "9999-12-31",
        ] {
            std::fs::write(dir.path().join(file_name(day)), "x").unwrap();
        }
        for other in [
            "notes.txt",
            "sos-torture-latest.surql",
            "sos-torture-2026-11-26.surql.bak",
        ] {
            std::fs::write(dir.path().join(other), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join(file_name("2026-11-01"))).unwrap();
        assert_eq!(prune(dir.path(), 2, "2026-11-30").unwrap(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "notes.txt",
                "sos-torture-2026-11-01.surql",
                "sos-torture-2026-11-26.surql.bak",
                "sos-torture-2026-11-29.surql",
                "sos-torture-2026-11-30.surql",
                "sos-torture-9999-12-31.surql",
                "sos-torture-latest.surql"
            ],
            "a day still to come neither counts nor goes; a directory is not a backup"
        );
        assert_eq!(prune(dir.path(), 2, "2026-11-30").unwrap(), 0);
    }
}
