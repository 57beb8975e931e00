//! The audit log as readers see it: who did what to which record, when, and
//! which fields changed from what to what.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// The actor's e-mail address at the time; none for the system.
    pub actor: Option<String>,
    pub action: String,
    /// `table:key` of the record concerned.
    pub target: Option<String>,
    pub changes: Vec<FieldChange>,
    pub address: Option<String>,
}

/// Filters of the audit log page; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Exact action (`sign_in.failed`) or a prefix ending in `.` (`organisation.`).
    pub action: Option<String>,
    /// Part of the actor's e-mail address.
    pub actor: Option<String>,
    /// A record, `table:key`.
    pub target: Option<String>,
    /// Only events on or after this day (`YYYY-MM-DD`).
    pub from: Option<chrono::NaiveDate>,
    /// Only events on or before this day.
    pub to: Option<chrono::NaiveDate>,
    pub page: u32,
}

pub const AUDIT_PAGE_SIZE: u32 = 50;
