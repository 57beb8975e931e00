//! Changing an organisation's profile: the confidentiality rule decides what
//! the editor may see, the role what they may change, the version that no
//! edit overwrites another unseen, and the audit log keeps before and after.

use crate::store::accounts::audit_log::AuditRow;
use crate::store::audit::AuditEvent;
use crate::store::{granted, vis, SurrealStore};
use app::directory::store::EditError;
use app::error::StoreError;
use serde_json::{Map, Value};
use shared::{AuditEntry, CurrentUser, OrgEdit, OrgId, Viewer};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct Editable {
    name: String,
    acronym: Option<String>,
    city: Option<String>,
    website: Option<String>,
    email: Option<String>,
    description: String,
    description_lang: String,
    visibility: String,
    version: Option<i64>,
    translated_into: Vec<String>,
}

fn internal(e: impl std::fmt::Display) -> EditError {
    EditError::Store(StoreError::Internal(e.to_string()))
}

/// Empty text clears an optional field.
fn optional(v: &Option<String>) -> Value {
    match v.as_deref() {
        None | Some("") => Value::Null,
        Some(s) => Value::String(s.to_owned()),
    }
}

#[async_trait::async_trait]
impl app::directory::store::Editing for SurrealStore {
    /// The changes made to an organisation, newest first, for a reader who
    /// can see it (nothing otherwise).
    async fn organisation_history(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = "IF (SELECT VALUE (visibility IN $vis OR id IN $granted)
                       FROM ONLY type::record('organisation', $key)) = true {
                SELECT at, actor_email, action, target, before, after, NONE AS address FROM audit
                    WHERE target = $target AND string::starts_with(action, 'organisation.')
                    ORDER BY at DESC LIMIT 50
            } ELSE { [] }";
        let rows: Vec<AuditRow> = self
            .db
            .query(sql)
            .bind(("vis", vis(viewer)))
            .bind(("granted", granted(viewer)))
            .bind(("key", id.to_string()))
            .bind(("target", format!("organisation:{id}")))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(crate::store::internal)?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }

    async fn update_organisation(
        &self,
        editor: &CurrentUser,
        viewer: &Viewer,
        id: &OrgId,
        edit: &OrgEdit,
        address: &str,
    ) -> Result<(), EditError> {
        let record = RecordId::new("organisation", id.as_str());
        let current: Option<Editable> = self
            .db
            .query(
                "SELECT name, acronym, city, website, email, description, description_lang,
                        visibility, version,
                        object::keys(description_translations ?? {}).filter(|$k|
                            description_translations[$k] != NONE) AS translated_into
                 FROM ONLY $org WHERE (visibility IN $vis OR id IN $granted)",
            )
            .bind(("org", record.clone()))
            .bind(("vis", vis(viewer)))
            .bind(("granted", granted(viewer)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(current) = current else {
            return Err(EditError::NotFound);
        };
        if !editor.may_edit_organisation(id) {
            return Err(EditError::Forbidden);
        }
        let stored_version = current.version.unwrap_or(0).max(0) as u64;
        if stored_version != edit.version {
            return Err(self.stale(id).await);
        }

        let before_all: Map<String, Value> = [
            ("name", Value::String(current.name.clone())),
            ("acronym", optional(&current.acronym)),
            ("city", optional(&current.city)),
            ("website", optional(&current.website)),
            ("email", optional(&current.email)),
            ("description", Value::String(current.description.clone())),
            (
                "description_lang",
                Value::String(current.description_lang.clone()),
            ),
            ("visibility", Value::String(current.visibility.clone())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let mut wanted = Map::new();
        if let Some(name) = &edit.name {
            wanted.insert("name".into(), Value::String(name.clone()));
        }
        if let Some(acronym) = &edit.acronym {
            wanted.insert("acronym".into(), optional(acronym));
        }
        for (field, value) in [
            ("city", &edit.city),
            ("website", &edit.website),
            ("email", &edit.email),
        ] {
            if let Some(v) = value {
                wanted.insert(field.into(), optional(&Some(v.clone())));
            }
        }
        wanted.insert(
            "description".into(),
            Value::String(edit.description.clone()),
        );
        wanted.insert(
            "description_lang".into(),
            Value::String(edit.description_lang.clone()),
        );
        if let Some(v) = edit.visibility {
            wanted.insert("visibility".into(), Value::String(v.as_str().to_owned()));
        }
        let mut changed: Vec<String> = wanted
            .iter()
            .filter(|(k, v)| before_all.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        // Translations of the old text would now say something else: they
        // go, and the page shows the new original with its language marked.
        let mut before_all = before_all;
        let text_changed = changed.iter().any(|k| k.starts_with("description"));
        if text_changed && !current.translated_into.is_empty() {
            before_all.insert(
                "description_translations".into(),
                Value::String(current.translated_into.join(", ")),
            );
            wanted.insert("description_translations".into(), Value::Null);
            changed.push("description_translations".into());
        }
        if changed.is_empty() {
            return Ok(());
        }
        let pick = |m: &Map<String, Value>| -> Value {
            Value::Object(
                changed
                    .iter()
                    .filter_map(|k| Some((k.clone(), m.get(k)?.clone())))
                    .collect(),
            )
        };
        let event = AuditEvent {
            actor: Some(editor.id.clone()),
            actor_email: Some(editor.email.clone()),
            action: "organisation.update",
            target: Some(format!("organisation:{id}")),
            before: Some(pick(&before_all)),
            after: Some(pick(&wanted)),
            address: Some(address.to_owned()),
        };
        // NONE, not null, clears an optional field in SurrealDB.
        let sets: Vec<String> = changed
            .iter()
            .map(|k| {
                if k == "description_translations" {
                    format!("{k} = {{}}")
                } else if wanted[k].is_null() {
                    format!("{k} = NONE")
                } else {
                    format!("{k} = $new_{k}")
                }
            })
            .collect();
        let sql = format!(
            "BEGIN TRANSACTION;
             IF ((SELECT VALUE version FROM ONLY $org) ?? 0) != $version {{ THROW 'stale' }};
             UPDATE ONLY $org SET {}, version = $version + 1;
             {};
             UPDATE ONLY $org SET updated_at = time::now();
             COMMIT TRANSACTION;",
            sets.join(", "),
            crate::store::audit::AUDIT_INSERT
        );
        let mut query = self
            .bind_audit(self.db.query(sql), event)
            .bind(("org", record))
            .bind(("version", edit.version as i64));
        for k in &changed {
            if let Some(Value::String(v)) = wanted.get(k) {
                query = query.bind((format!("new_{k}"), v.clone()));
            }
        }
        let response = query.await.map_err(internal)?;
        match crate::store::audit::transaction_outcome(response) {
            Ok(_) => Ok(()),
            Err(e) if e.contains("stale") => Err(self.stale(id).await),
            Err(e) => Err(internal(e)),
        }
    }
}

impl SurrealStore {
    /// The refusal of a stale edit, naming who changed the record and when.
    async fn stale(&self, id: &OrgId) -> EditError {
        #[derive(Debug, SurrealValue)]
        struct Last {
            actor_email: Option<String>,
            at: chrono::DateTime<chrono::Utc>,
        }
        let last: Vec<Last> = self
            .db
            .query(
                "SELECT actor_email, at FROM audit
                 WHERE target = $target AND action = 'organisation.update'
                 ORDER BY at DESC LIMIT 1",
            )
            .bind(("target", format!("organisation:{id}")))
            .await
            .and_then(|mut r| r.take(0))
            .unwrap_or_default();
        let last = last.into_iter().next();
        EditError::Stale {
            by: last.as_ref().and_then(|l| l.actor_email.clone()),
            at: last.map(|l| l.at.to_rfc3339()),
        }
    }
}
