//! Changing an organisation's profile: the confidentiality rule decides what
//! the editor may see, the role what they may change, the version that no
//! edit overwrites another unseen, and the audit log keeps before and after.

use crate::store::accounts::audit_log::AuditRow;
use crate::store::audit::AuditEvent;
use crate::store::visibility::readable;
use crate::store::{internal, SurrealStore};
use app::directory::store::EditError;
use app::error::StoreError;
use serde_json::{Map, Value};
use shared::{
    Acronym, AuditEntry, Change, City, CurrentUser, Email, OrgEdit, OrgId, OrgName, Viewer, Website,
};
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

/// Empty text clears an optional field.
/// A stored optional field; an empty string stored by an older version
/// counts as empty.
fn optional(v: &Option<String>) -> Value {
    match v.as_deref() {
        None | Some("") => Value::Null,
        Some(s) => Value::String(s.to_owned()),
    }
}

/// The stored form of a change: `None` keeps the field, null clears it.
fn change(c: Change<&str>) -> Option<Value> {
    match c {
        Change::Keep => None,
        Change::Clear => Some(Value::Null),
        Change::Set(v) => Some(Value::String(v.to_owned())),
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
        let sql = concat!(
            "IF (SELECT VALUE ",
            readable!(),
            "
                       FROM ONLY type::record('organisation', $key)) = true {
                SELECT at, actor_email, actor.name AS actor_name, actor.role AS actor_role, action,
                    target, before, after, NONE AS address FROM audit
                    WHERE target = $target AND string::starts_with(action, 'organisation.')
                    ORDER BY at DESC LIMIT 50
            } ELSE { [] }"
        );
        let rows: Vec<AuditRow> = self
            .query_for(viewer, sql)
            .bind(("key", id.to_string()))
            .bind(("target", format!("organisation:{id}")))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows.into_iter().map(|r| r.entry_for(viewer)).collect())
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
            .query_for(
                viewer,
                concat!(
                    "SELECT name, acronym, city, website, email, description, description_lang,
                        visibility, version,
                        object::keys(description_translations ?? {}).filter(|$k|
                            description_translations[$k] != NONE) AS translated_into
                 FROM ONLY $org WHERE ",
                    readable!()
                ),
            )
            .bind(("org", record.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(current) = current else {
            return Err(EditError::NotFound);
        };
        if !editor.may_edit_organisation(id) {
            return Err(EditError::Forbidden);
        }
        if let Change::Set(wanted) = edit.visibility {
            if !shared::may_reclassify(
                editor.role,
                crate::store::rows::visibility(&current.visibility),
                wanted,
            ) {
                return Err(EditError::Forbidden);
            }
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
        // What the edit asks for, in the stored form: null clears a field.
        let wanted: Map<String, Value> = [
            ("name", change(edit.name.as_ref().map(OrgName::as_str))),
            (
                "acronym",
                change(edit.acronym.as_ref().map(Acronym::as_str)),
            ),
            ("city", change(edit.city.as_ref().map(City::as_str))),
            (
                "website",
                change(edit.website.as_ref().map(Website::as_str)),
            ),
            ("email", change(edit.email.as_ref().map(Email::as_str))),
            (
                "description",
                Some(Value::String(edit.description.as_str().to_owned())),
            ),
            (
                "description_lang",
                Some(Value::String(edit.description_lang.clone())),
            ),
            (
                "visibility",
                change(edit.visibility.as_ref().map(|v| v.as_str())),
            ),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_owned(), v?)))
        .collect();
        let mut wanted = wanted;
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
        let event = AuditEvent::of("organisation.update")
            .by_user(editor)
            .on(format!("organisation:{id}"))
            .before(pick(&before_all))
            .after(pick(&wanted))
            .at(address);
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
            Err(e) => Err(EditError::Store(internal(e))),
        }
    }
}

impl SurrealStore {
    /// The refusal of a stale edit, naming who changed the record and when.
    async fn stale(&self, id: &OrgId) -> EditError {
        #[derive(Debug, SurrealValue)]
        struct Last {
            actor_name: Option<String>,
            at: chrono::DateTime<chrono::Utc>,
        }
        let last: Vec<Last> = self
            .db
            .query(
                "SELECT actor.name AS actor_name, at FROM audit
                 WHERE target = $target AND action = 'organisation.update'
                 ORDER BY at DESC LIMIT 1",
            )
            .bind(("target", format!("organisation:{id}")))
            .await
            .and_then(|mut r| r.take(0))
            .unwrap_or_default();
        let last = last.into_iter().next();
        EditError::Stale {
            by: last.as_ref().and_then(|l| l.actor_name.clone()),
            at: last.map(|l| l.at.to_rfc3339()),
        }
    }
}
