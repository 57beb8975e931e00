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

/// A reader's notifications and their choices. Implemented in
/// `server/src/store/notifications/inbox.rs`.
#[async_trait::async_trait]
pub trait Inbox: Send + Sync + 'static {
    /// The newest first, each still readable by the reader (a record made
    /// more closed since takes its notification out of the list).
    async fn notifications(
        &self,
        actor: &crate::accounts::Actor,
    ) -> Result<shared::NotificationList, StoreError>;

    /// Marks one (or, with `None`, every one) as read; answers where the
    /// one leads.
    async fn mark_read(
        &self,
        actor: &crate::accounts::Actor,
        id: Option<&str>,
    ) -> Result<Option<String>, WorkError>;

    async fn notification_settings(
        &self,
        actor: &crate::accounts::Actor,
    ) -> Result<shared::NotificationSettings, StoreError>;

    /// Audited.
    async fn save_notification_settings(
        &self,
        actor: &crate::accounts::Actor,
        settings: &shared::NotificationSettings,
    ) -> Result<(), WorkError>;

    /// Turns off, for its recipient, the kind of message the link came in;
    /// answers the kind, `None` for an unknown link. Audited.
    async fn unsubscribe(
        &self,
        token: &str,
    ) -> Result<Option<shared::NotificationKind>, StoreError>;
}

/// What a reader follows. Implemented in
/// `server/src/store/notifications/follows.rs`.
#[async_trait::async_trait]
pub trait Follows: Send + Sync + 'static {
    /// What the reader follows and may still read, by name.
    async fn follows(
        &self,
        actor: &crate::accounts::Actor,
    ) -> Result<Vec<shared::follow::Followed>, StoreError>;

    /// Follows a country, a region, or a record the reader may read (once);
    /// audited.
    async fn follow(
        &self,
        actor: &crate::accounts::Actor,
        target: &shared::follow::FollowTarget,
    ) -> Result<(), WorkError>;

    /// Stops following; audited.
    async fn unfollow(
        &self,
        actor: &crate::accounts::Actor,
        target: &shared::follow::FollowTarget,
    ) -> Result<(), WorkError>;
}

pub trait Notifications: Outbox + Inbox + Follows {}

impl<T> Notifications for T where T: Outbox + Inbox + Follows {}

pub type SharedNotifications = Arc<dyn Notifications>;
