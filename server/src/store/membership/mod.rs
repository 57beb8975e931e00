//! Membership applications: submitted on the public page, assessed by staff
//! against the criteria admins keep, vouched for by referee members, and
//! decided. `app::membership::store` is the seam.

mod applications;
mod criteria;
mod references;
mod reviewing;

use surrealdb::types::RecordId;

/// The network every admitted member joins.
pub(in crate::store) const NETWORK: &str = "sos-torture";

/// Applications sent from one address in a day before it must wait.
pub(in crate::store) const APPLICATIONS_PER_ADDRESS_A_DAY: i64 = 3;

/// Applications the public form takes in a day from everyone together,
/// so that a flood from many addresses stops too.
pub(in crate::store) const APPLICATIONS_A_DAY: i64 = 200;

fn application_record(key: &str) -> RecordId {
    RecordId::new("application", key)
}

/// Keys the store gives applications: 16 lowercase hex digits. Anything
/// else names no application, and is not sent to the database.
fn is_application_key(raw: &str) -> bool {
    raw.len() == 16
        && raw
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An applicant's status token as the store hands it out: 64 hex digits.
/// Anything else opens nothing, and is not looked up.
fn is_status_token(raw: &str) -> bool {
    raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The sealed invitation token is bound to its application and field.
fn invite_binding(key: &str) -> (String, &'static str) {
    (format!("application:{key}"), "invite")
}
