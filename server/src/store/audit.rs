//! The audit log's writing side: an event, the statement that appends it as
//! the last step of a transaction, and the bindings it needs. Every write of
//! the store goes through these, so a change and its record commit together.

use crate::store::accounts::sessions::user_record;
use crate::store::SurrealStore;
use app::accounts::Actor;
use app::error::StoreError;
use serde_json::Value;
use shared::{CurrentUser, UserId};

/// One event of the audit log, before it is written. Built only through
/// its constructors and setters, so that an actor always comes with their
/// e-mail and a value with its field.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    actor: Option<UserId>,
    actor_email: Option<String>,
    action: &'static str,
    target: Option<String>,
    before: Option<Value>,
    after: Option<Value>,
    address: Option<String>,
}

impl AuditEvent {
    /// An event of `action`, by nobody known yet, on nothing yet.
    pub(in crate::store) fn of(action: &'static str) -> Self {
        Self {
            actor: None,
            actor_email: None,
            action,
            target: None,
            before: None,
            after: None,
            address: None,
        }
    }

    /// An event by a signed-in actor on `target`, from their address.
    pub(in crate::store) fn by(actor: &Actor, action: &'static str, target: String) -> Self {
        Self::of(action)
            .by_user(&actor.user)
            .on(target)
            .at(&actor.address)
    }

    /// Done by this user.
    pub(in crate::store) fn by_user(self, user: &CurrentUser) -> Self {
        self.actor_id(user.id.clone()).email(user.email.clone())
    }

    /// Done by this user when there is one (a command-line action has none).
    pub(in crate::store) fn by_user_if(self, user: Option<&CurrentUser>) -> Self {
        match user {
            Some(user) => self.by_user(user),
            None => self,
        }
    }

    /// Done by the account `id` (one that has no session yet).
    pub(in crate::store) fn actor_id(mut self, id: UserId) -> Self {
        self.actor = Some(id);
        self
    }

    /// The e-mail address the actor gave, or had at the time.
    pub(in crate::store) fn email(mut self, email: impl Into<String>) -> Self {
        self.actor_email = Some(email.into());
        self
    }

    /// The record concerned, as `table:key`.
    pub(in crate::store) fn on(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// The record concerned, when one is known.
    pub(in crate::store) fn on_if(mut self, target: Option<String>) -> Self {
        self.target = target;
        self
    }

    pub(in crate::store) fn before(mut self, value: Value) -> Self {
        self.before = Some(value);
        self
    }

    pub(in crate::store) fn after(mut self, value: Value) -> Self {
        self.after = Some(value);
        self
    }

    /// The client's address.
    pub(in crate::store) fn at(mut self, address: &str) -> Self {
        self.address = Some(address.to_owned());
        self
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
pub(crate) fn transaction_outcome(
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

    /// Appends the event unless the same actor, from the same address, had
    /// the same action on the same target within the last hour: for reads
    /// and exports, which repeat. The address is part of it: a stolen
    /// session or calendar address used from elsewhere shows up at once.
    pub(in crate::store) async fn audit_once_an_hour(
        &self,
        event: AuditEvent,
    ) -> Result<(), StoreError> {
        self.audit_once_an_hour_where(event, true).await
    }

    /// The same, counting every address as one: for events anyone can cause
    /// from many addresses (a refused API call), whose number must stay
    /// bounded. The line names the first address of the hour.
    pub(in crate::store) async fn audit_once_an_hour_anywhere(
        &self,
        event: AuditEvent,
    ) -> Result<(), StoreError> {
        self.audit_once_an_hour_where(event, false).await
    }

    async fn audit_once_an_hour_where(
        &self,
        event: AuditEvent,
        per_address: bool,
    ) -> Result<(), StoreError> {
        let address = if per_address {
            "AND address = $audit_address"
        } else {
            ""
        };
        let sql = format!(
            "LET $recent = (SELECT VALUE id FROM audit
                WHERE at > time::now() - 1h AND action = $audit_action
                    AND actor = $audit_actor AND target = $audit_target
                    {address}
                LIMIT 1);
             IF array::len($recent) = 0 {{ {AUDIT_INSERT} }};"
        );
        self.bind_audit(self.db.query(sql), event)
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(|e| StoreError::Internal(e.to_string()))
    }

    /// Runs a write's transaction, whose last statement is [`AUDIT_INSERT`],
    /// with the event bound: the change and its audit line land together or
    /// not at all. A `THROW 'stale'` answers [`WorkError::Stale`], a
    /// `THROW 'not-found'` [`WorkError::NotFound`].
    pub(in crate::store) async fn audited<'a>(
        &self,
        query: surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
        event: AuditEvent,
    ) -> Result<(), app::error::WorkError> {
        use app::error::WorkError;
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(crate::store::internal)?;
        match transaction_outcome(response) {
            Ok(_) => Ok(()),
            Err(e) if e.contains("stale") => Err(WorkError::Stale),
            Err(e) if e.contains("not-found") => Err(WorkError::NotFound),
            Err(e) => Err(WorkError::Store(crate::store::internal(e))),
        }
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
