//! Case alerts: sending and reading them (`cases.rs`), the secretariat's
//! work and the exchange with the sender (`handling.rs`).

pub mod cases;
pub mod handling;

use surrealdb::types::RecordId;

pub(in crate::store) fn alert_record(id: &shared::AlertId) -> RecordId {
    RecordId::new("alert", id.as_str())
}

/// The secretariat's accounts, told of new alerts and senders' messages
/// (each still checked against what they may read).
pub(in crate::store) const SECRETARIAT: &str =
    "SELECT VALUE id FROM user WHERE role IN ['staff', 'admin'] AND disabled = false";
