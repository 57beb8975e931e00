//! The seam of case alerts. An alert is read through the confidentiality
//! rule like every record; its sender reads it through the grant written
//! with it. Every write is audited in its transaction, and notifies (the
//! secretariat of a new alert or a sender's message, the sender of a
//! change or a message from the secretariat) in the same transaction.

use crate::accounts::Actor;
use crate::error::{StoreError, WorkError};
use shared::alert::{Alert, AlertSummary, NewAlert, Verification};
use shared::AlertId;
use std::sync::Arc;

/// Sending and reading alerts. Implemented in
/// `server/src/store/alerts/cases.rs`.
#[async_trait::async_trait]
pub trait Cases: Send + Sync + 'static {
    /// A new alert from the actor (for their organisation, when they speak
    /// for one), readable by them through a grant. Refused when it names a
    /// person the actor may not read.
    async fn send_alert(&self, actor: &Actor, alert: &NewAlert) -> Result<AlertId, WorkError>;

    /// The people the actor may name in an alert, by name.
    async fn alert_choices(&self, actor: &Actor) -> Result<Vec<shared::PersonRef>, StoreError>;

    /// For the secretariat, every alert they may read, open ones first
    /// (new, then by risk); for anyone else, the alerts they sent.
    async fn alerts(&self, actor: &Actor) -> Result<Vec<AlertSummary>, StoreError>;

    /// One alert with its exchange and decisions; `None` when absent or
    /// not readable.
    async fn alert(&self, actor: &Actor, id: &AlertId) -> Result<Option<Alert>, StoreError>;
}

/// The secretariat's work on an alert and the exchange with its sender.
/// Implemented in `server/src/store/alerts/handling.rs`.
#[async_trait::async_trait]
pub trait Handling: Send + Sync + 'static {
    /// A message on the alert from its sender or the secretariat; the other
    /// side is told.
    async fn write_alert_message(
        &self,
        actor: &Actor,
        id: &AlertId,
        text: &str,
    ) -> Result<(), WorkError>;

    /// The secretariat records the verification, on the version read; the
    /// alert is verified once every step is done.
    async fn verify_alert(
        &self,
        actor: &Actor,
        id: &AlertId,
        version: u32,
        verification: Verification,
    ) -> Result<(), WorkError>;

    /// The secretariat decides to take no action, with the reason its
    /// sender is told.
    async fn close_alert(
        &self,
        actor: &Actor,
        id: &AlertId,
        version: u32,
        reason: &str,
    ) -> Result<(), WorkError>;
}

pub trait Alerts: Cases + Handling {}

impl<T: Cases + Handling> Alerts for T {}

pub type SharedAlerts = Arc<dyn Alerts>;
