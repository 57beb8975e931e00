//! What the platform tells people: the e-mail outbox (and, with it, the
//! account mail: invitations and password-reset links).

pub mod digest;
pub mod follows;
pub mod inbox;
pub mod notify;
pub mod outbox;

pub use outbox::{Mail, Outgoing, Verdict};

use surrealdb::types::RecordId;

/// A record named as `table:key` in a notice.
fn record(text: &str) -> Option<RecordId> {
    let (table, key) = text.split_once(':')?;
    Some(RecordId::new(table, key))
}

/// What a recipient may read as their account stands: their role's
/// clearance and their grants (as `SessionInfo::viewer` gives a session).
fn recipient_viewer(role: &str, grants: &[RecordId]) -> Option<shared::Viewer> {
    let role = shared::Role::parse(role).ok()?;
    let grants = grants.iter().map(crate::store::rows::record_text).collect();
    Some(shared::Viewer::with_clearance(role.clearance()).with_grants(grants))
}
