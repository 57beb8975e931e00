//! The directory index kept current: the one in use answers while no write
//! has been made since it was read; a search that finds it old goes to the
//! database and has a new one read in the background, one at a time and
//! never back to back (between two reads, a pause as long as the last read
//! took, so that a stream of writes cannot keep a core busy rebuilding).

use super::index::DirectoryIndex;
use crate::store::changes::Changes;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Default)]
pub(crate) struct KeptIndex {
    current: RwLock<Option<Arc<DirectoryIndex>>>,
    reading: AtomicBool,
}

/// The shortest pause between two reads of the index.
const LEAST_PAUSE: Duration = Duration::from_millis(200);
/// An index older than this is read again even if no write was heard
/// (a write that bypassed the audit log: a migration, a restore).
const LONGEST: Duration = Duration::from_secs(300);

impl KeptIndex {
    /// The index, if it is the database's as of now.
    pub(crate) fn current(&self, changes: &Changes) -> Option<Arc<DirectoryIndex>> {
        let now = changes.now()?;
        let index = self.current.read().ok()?.clone()?;
        (index.at == now && index.read_at.elapsed() < LONGEST).then_some(index)
    }

    /// Reads the index now (and waits for it); `false` while changes cannot
    /// be heard, when an index could not be told current.
    pub(crate) async fn read_now(
        &self,
        db: &crate::db::Db,
        changes: &Changes,
    ) -> Result<bool, surrealdb::Error> {
        let Some(at) = changes.now() else {
            return Ok(false);
        };
        let index = DirectoryIndex::read(db, at).await?;
        if let Ok(mut current) = self.current.write() {
            *current = Some(Arc::new(index));
        }
        Ok(true)
    }

    /// Has a new index read in the background unless one is being read.
    pub(crate) fn refresh(self: &Arc<Self>, db: &crate::db::Db, changes: &Arc<Changes>) {
        if changes.now().is_none() || self.reading.swap(true, Ordering::AcqRel) {
            return;
        }
        let (kept, db, changes) = (self.clone(), db.clone(), changes.clone());
        tokio::spawn(async move {
            let mut pause = LEAST_PAUSE;
            loop {
                tokio::time::sleep(pause).await;
                let started = Instant::now();
                match kept.read_now(&db, &changes).await {
                    Ok(true) => {
                        tracing::info!(took = ?started.elapsed(), "directory index read");
                    }
                    Ok(false) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "the directory index could not be read; searches go to the database");
                        break;
                    }
                }
                pause = started.elapsed().max(LEAST_PAUSE);
                // A write made while it was read: read again.
                if kept.current(&changes).is_some() {
                    break;
                }
            }
            kept.reading.store(false, Ordering::Release);
        });
    }
}
