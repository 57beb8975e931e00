//! Urgent appeals: drafting, approval, publication, follow-ups and
//! co-signatures (`drafting.rs`), and reading them (`reading.rs`).

pub mod drafting;
pub mod reading;

use surrealdb::types::RecordId;

pub(in crate::store) fn appeal_record(id: &shared::AppealId) -> RecordId {
    RecordId::new("appeal", id.as_str())
}
