//! A backup taken from the admin pages leaves its line in the audit log,
//! before a byte of it is sent: it holds every record of the platform.

use crate::store::audit::AuditEvent;
use crate::store::SurrealStore;
use app::error::StoreError;
use shared::CurrentUser;

impl SurrealStore {
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
