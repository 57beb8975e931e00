//! The network's criteria for membership: admins add, reword, retire and
//! restore them; a retired criterion stays with the assessments made on it.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::writes::random_suffix;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::membership::{check_criterion, is_criterion_key, Criterion};
use shared::Role;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct CriterionRow {
    key: String,
    text: String,
    active: bool,
}

fn admins_only(actor: &Actor) -> Result<(), WorkError> {
    if actor.user.role == Role::Admin {
        Ok(())
    } else {
        Err(WorkError::Forbidden)
    }
}

#[async_trait::async_trait]
impl app::membership::store::Criteria for SurrealStore {
    async fn criteria(&self, all: bool) -> Result<Vec<Criterion>, StoreError> {
        let rows: Vec<CriterionRow> = self
            .db
            .query(
                "SELECT record::id(id) AS key, text, active, position FROM criterion
                 WHERE $all OR active = true ORDER BY position",
            )
            .bind(("all", all))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .map(|r| Criterion {
                key: r.key,
                text: r.text,
                active: r.active,
            })
            .collect())
    }

    async fn add_criterion(&self, actor: &Actor, text: &str) -> Result<(), WorkError> {
        admins_only(actor)?;
        let text = check_criterion(text).map_err(|e| WorkError::Invalid(vec![e]))?;
        let stem: String = crate::seed::names::slug(&text).chars().take(40).collect();
        let key = format!("{}-{}", stem.trim_matches('-'), random_suffix(6)?);
        let key = key.trim_start_matches('-').to_owned();
        let event = AuditEvent::by(actor, "criterion.add", format!("criterion:{key}"))
            .after(json!({ "text": text }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 IF (SELECT count() AS n FROM criterion GROUP ALL)[0].n >= 100 {{ THROW 'too-many'; }};
                 CREATE $criterion CONTENT {{
                     text: $text, active: true,
                     position: (math::max((SELECT VALUE position FROM criterion)) ?? 0) + 1
                 }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("criterion", RecordId::new("criterion", key.as_str())))
            .bind(("text", text));
        match self.audited(query, event).await {
            Err(WorkError::Store(e)) if e.to_string().contains("too-many") => Err(
                crate::store::writes::refused("text", shared::Problem::TooLong { max: 100 }, ""),
            ),
            other => other,
        }
    }

    async fn change_criterion(
        &self,
        actor: &Actor,
        key: &str,
        text: &str,
        active: bool,
    ) -> Result<(), WorkError> {
        admins_only(actor)?;
        if !is_criterion_key(key) {
            return Err(WorkError::NotFound);
        }
        let text = check_criterion(text).map_err(|e| WorkError::Invalid(vec![e]))?;
        let event = AuditEvent::by(actor, "criterion.change", format!("criterion:{key}"))
            .after(json!({ "text": text, "active": active }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 IF !record::exists($criterion) {{ THROW 'not-found'; }};
                 UPDATE $criterion SET text = $text, active = $active;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("criterion", RecordId::new("criterion", key)))
            .bind(("text", text))
            .bind(("active", active));
        self.audited(query, event).await
    }
}
