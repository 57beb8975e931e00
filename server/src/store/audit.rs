//! The audit log's writing side: an event, the statement that appends it as
//! the last step of a transaction, and the bindings it needs. Every write of
//! the store goes through these, so a change and its record commit together.

use crate::store::accounts::sessions::user_record;
use crate::store::SurrealStore;
use app::error::StoreError;
use serde_json::Value;
use shared::UserId;

/// One event of the audit log, before it is written.
#[derive(Debug, Clone, Default)]
pub struct AuditEvent {
    pub actor: Option<UserId>,
    pub actor_email: Option<String>,
    pub action: &'static str,
    pub target: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub address: Option<String>,
}

impl AuditEvent {
    /// An event by a signed-in actor on `target`, with nothing before or after yet.
    pub(in crate::store) fn by(
        actor: &app::accounts::Actor,
        action: &'static str,
        target: String,
    ) -> Self {
        Self {
            actor: Some(actor.user.id.clone()),
            actor_email: Some(actor.user.email.clone()),
            action,
            target: Some(target),
            before: None,
            after: None,
            address: Some(actor.address.clone()),
        }
    }
}

/// Appends the event as the last statement of a transaction; needs no
/// other parameter than those it binds under the `audit_` prefix.
pub(in crate::store) const AUDIT_INSERT: &str = "CREATE audit CONTENT {
    actor: $audit_actor, actor_email: $audit_actor_email, action: $audit_action,
    target: $audit_target, before: $audit_before, after: $audit_after, address: $audit_address
}";

/// A failed transaction reports "not executed" for every statement but the
/// one that failed; this finds the real reason among them (e.g. a THROW).
pub(in crate::store) fn transaction_outcome(
    mut response: surrealdb::IndexedResults,
) -> Result<surrealdb::IndexedResults, String> {
    let errors = response.take_errors();
    if errors.is_empty() {
        return Ok(response);
    }
    let mut errors: Vec<(usize, String)> = errors
        .into_iter()
        .map(|(i, e)| (i, e.to_string()))
        .collect();
    errors.sort();
    let consequence = |m: &str| {
        m.contains("not executed") || m.contains("Cannot COMMIT") || m.contains("was aborted")
    };
    Err(errors
        .iter()
        .find(|(_, m)| !consequence(m))
        .or_else(|| errors.first())
        .map(|(_, m)| m.clone())
        .unwrap_or_default())
}

impl SurrealStore {
    /// Appends one audit event on its own (for events with no other write).
    pub async fn audit(&self, event: AuditEvent) -> Result<(), StoreError> {
        self.bind_audit(self.db.query(AUDIT_INSERT), event)
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(|e| StoreError::Internal(e.to_string()))
    }

    pub(in crate::store) fn bind_audit<'a, C: surrealdb::Connection>(
        &self,
        query: surrealdb::method::Query<'a, C>,
        event: AuditEvent,
    ) -> surrealdb::method::Query<'a, C> {
        query
            .bind(("audit_actor", event.actor.as_ref().map(user_record)))
            .bind(("audit_actor_email", event.actor_email))
            .bind(("audit_action", event.action))
            .bind(("audit_target", event.target))
            .bind(("audit_before", event.before.map(|v| v.to_string())))
            .bind(("audit_after", event.after.map(|v| v.to_string())))
            .bind(("audit_address", event.address))
    }
}
