//! People: a person's page with their organisations and timeline, read
//! through the confidentiality rule, and the writes that create and edit a
//! person, each audited in its transaction.

pub(crate) mod editing;
mod list;
mod memberships;
mod merging;
mod page;
mod similar;

use surrealdb::types::RecordId;

pub(in crate::store) fn person_record(id: &shared::PersonId) -> RecordId {
    RecordId::new("person", id.as_str())
}
