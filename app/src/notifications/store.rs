//! The seam of notifications. Implemented in
//! `server/src/store/notifications/outbox.rs`.

use crate::error::{StoreError, WorkError};
use std::sync::Arc;

/// The e-mail outbox, for admins.
#[async_trait::async_trait]
pub trait Outbox: Send + Sync + 'static {
    /// Counts by status and the messages that need a look (failed first).
    async fn outbox(&self) -> Result<shared::OutboxView, StoreError>;

    /// Sends a failed message again (its attempts start over); audited.
    async fn retry_mail(&self, actor: &crate::accounts::Actor, key: &str) -> Result<(), WorkError>;
}

pub trait Notifications: Outbox {}

impl<T> Notifications for T where T: Outbox {}

pub type SharedNotifications = Arc<dyn Notifications>;
