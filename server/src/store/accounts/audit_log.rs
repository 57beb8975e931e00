//! Reading the audit log: the admin's filtered list and a record's history.

use crate::store::audit::AuditEvent;
use crate::store::rows::Count;
use crate::store::{internal, SurrealStore};
use app::accounts::store::Access;
use app::error::StoreError;
use serde_json::{Map, Value};
use shared::{AuditEntry, AuditFilter, FieldChange, Page, AUDIT_PAGE_SIZE};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
pub(in crate::store) struct AuditRow {
    at: chrono::DateTime<chrono::Utc>,
    actor_email: Option<String>,
    actor_name: Option<String>,
    actor_role: Option<String>,
    pub(in crate::store) action: String,
    target: Option<String>,
    pub(in crate::store) before: Option<String>,
    pub(in crate::store) after: Option<String>,
    address: Option<String>,
}

/// Pairs the fields of a before and an after JSON object.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |s: Option<&str>| -> Map<String, Value> {
        s.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    };
    let (before, after) = (parse(before), parse(after));
    let text = |v: Option<&Value>| match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .map(|f| FieldChange {
            field: f.clone(),
            before: text(before.get(f)),
            after: text(after.get(f)),
        })
        .collect()
}

impl AuditRow {
    /// The entry as `viewer` may read it: who did it as
    /// [`crate::store::rows::actor_shown`] says.
    pub(in crate::store) fn entry_for(self, viewer: &shared::Viewer) -> AuditEntry {
        let actor = crate::store::rows::actor_shown(
            viewer,
            self.actor_name.clone(),
            self.actor_role.as_deref(),
            self.actor_email.clone(),
        );
        AuditEntry {
            actor,
            ..AuditEntry::from(self)
        }
    }
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        AuditEntry {
            at: row.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: row.actor_email,
            action: row.action,
            target: row.target,
            changes: changes(row.before.as_deref(), row.after.as_deref()),
            address: row.address,
        }
    }
}

#[async_trait::async_trait]
impl app::accounts::store::AuditLog for SurrealStore {
    /// One line per reader (an account, or an address when anonymous),
    /// action and record within the last hour.
    async fn record_access(&self, access: &Access) -> Result<(), StoreError> {
        let event = AuditEvent::of(access.action)
            .by_user_if(access.user.as_ref())
            .on_if(access.target.clone())
            .at(&access.address)
            .after(serde_json::json!({ "records": access.records }));
        self.audit_once_an_hour(event).await
    }

    async fn restricted_among(&self, records: &[String]) -> Result<Vec<String>, StoreError> {
        const TABLES: [&str; 10] = [
            "person",
            "organisation",
            "trial",
            "hearing",
            "intervention",
            "mission",
            "advocacy_event",
            "advocacy_mission",
            "campaign",
            "support_grant",
        ];
        let records: Vec<RecordId> = records
            .iter()
            .filter_map(|r| r.split_once(':'))
            .filter(|(table, key)| TABLES.contains(table) && !key.is_empty())
            .map(|(table, key)| RecordId::new(table, key))
            .collect();
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let restricted: Vec<RecordId> = self
            .db
            .query("SELECT VALUE id FROM $records WHERE visibility = 'restricted'")
            .bind(("records", records))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(restricted
            .iter()
            .map(crate::store::rows::record_text)
            .collect())
    }

    /// The whole log, newest first, filtered. Callers check the reader is an admin.
    async fn audit_log(&self, filter: &AuditFilter) -> Result<Page<AuditEntry>, StoreError> {
        let mut conditions = vec!["true"];
        if filter.action.as_deref().is_some_and(|a| a.ends_with('.')) {
            conditions.push("string::starts_with(action, $action)");
        } else if filter.action.is_some() {
            conditions.push("action = $action");
        }
        if filter.actor.is_some() {
            conditions.push("string::contains(actor_email ?? '', $actor)");
        }
        if filter.target.is_some() {
            conditions.push("target = $target");
        }
        if filter.from.is_some() {
            conditions.push("at >= <datetime> $from");
        }
        if filter.to.is_some() {
            conditions.push("at < <datetime> $to");
        }
        let filter_sql = conditions.join(" AND ");
        let sql = format!(
            "SELECT count() AS n FROM audit WHERE {filter_sql} GROUP ALL;
             SELECT at, actor_email, actor.name AS actor_name, actor.role AS actor_role, action, target,
                before, after, address FROM audit
                 WHERE {filter_sql} ORDER BY at DESC LIMIT $limit START $start;"
        );
        let page = filter.page.max(1);
        let day = |d: chrono::NaiveDate| format!("{d}T00:00:00Z");
        let mut response = self
            .db
            .query(sql)
            .bind(("action", filter.action.clone()))
            .bind(("actor", filter.actor.clone().map(|a| a.to_lowercase())))
            .bind(("target", filter.target.clone()))
            .bind(("from", filter.from.map(day)))
            .bind(("to", filter.to.and_then(|d| d.succ_opt()).map(day)))
            .bind(("limit", AUDIT_PAGE_SIZE as i64))
            .bind(("start", ((page - 1) * AUDIT_PAGE_SIZE) as i64))
            .await
            .map_err(internal)?;
        let total: Vec<Count> = response.take(0).map_err(internal)?;
        let rows: Vec<AuditRow> = response.take(1).map_err(internal)?;
        Ok(Page {
            items: rows.into_iter().map(AuditEntry::from).collect(),
            total: Count::of(&total),
            page,
            page_size: AUDIT_PAGE_SIZE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_pair_before_and_after() {
        let c = changes(
            Some(r#"{"city":"Abidjan","email":null}"#),
            Some(r#"{"city":"Bouaké","email":"a@b.ci"}"#),
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].field, "city");
        assert_eq!(c[0].before.as_deref(), Some("Abidjan"));
        assert_eq!(c[0].after.as_deref(), Some("Bouaké"));
        assert_eq!(c[1].before, None);
        assert!(changes(None, None).is_empty());
    }
}
