//! A backup taken from the admin pages leaves its line in the audit log,
//! before a byte of it is sent: it holds every record of the platform. One
//! is taken at a time: each holds a read transaction of the whole database.

use crate::store::audit::AuditEvent;
use crate::store::SurrealStore;
use app::error::StoreError;
use shared::CurrentUser;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The one download under way; given back when dropped.
pub struct BackupTurn(Arc<AtomicBool>);

impl Drop for BackupTurn {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

impl SurrealStore {
    /// The turn to download a backup, unless one is under way.
    pub fn backup_turn(&self) -> Option<BackupTurn> {
        self.backup_turn
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| BackupTurn(self.backup_turn.clone()))
    }

    pub async fn record_backup(&self, user: &CurrentUser, address: &str) -> Result<(), StoreError> {
        self.audit(
            AuditEvent::of("database.backup")
                .by_user(user)
                .on("database")
                .at(address),
        )
        .await
    }
}
