//! Changing an organisation's profile: the confidentiality rule decides what
//! the editor may see, the role what they may change, the version that no
//! edit overwrites another unseen, and the audit log keeps before and after.

use crate::store::accounts::audit_log::AuditRow;
use crate::store::audit::AuditEvent;
use crate::store::visibility::{current_edge, readable, readable_pair, CURRENT_EDGE};
use crate::store::{internal, SurrealStore};
use app::directory::store::EditError;
use app::error::StoreError;
use serde_json::{json, Map, Value};
use shared::{
    Acronym, AuditEntry, Change, City, CurrentUser, Email, OrgEdit, OrgFacts, OrgId, OrgName,
    Problem, ValidationError, Viewer, Website,
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
    kind: String,
    member_since: Option<i64>,
    languages: Option<Vec<String>>,
    other_names: Option<Vec<String>>,
    seat: Option<String>,
    themes: Vec<String>,
}

/// What an edit changes of the staff's facts, in the stored form.
struct FactChanges {
    before: Map<String, Value>,
    after: Map<String, Value>,
    /// The new seat, when it moves (`Some(None)`: no seat any more).
    seat: Option<Option<RecordId>>,
    themes_gone: Vec<RecordId>,
    themes_added: Vec<RecordId>,
}

impl FactChanges {
    fn of(current: &Editable, facts: &OrgFacts) -> Self {
        let mut before = Map::new();
        let mut after = Map::new();
        let mut diff = |k: &str, old: Value, new: Value| {
            if old != new {
                before.insert(k.to_owned(), old);
                after.insert(k.to_owned(), new);
            }
        };
        diff("kind", json!(current.kind), json!(facts.kind.as_str()));
        diff(
            "member_since",
            json!(current.member_since),
            json!(facts.member_since),
        );
        diff(
            "languages",
            json!(current.languages.clone().unwrap_or_default()),
            json!(facts.languages),
        );
        let other: Vec<&str> = facts.other_names.iter().map(OrgName::as_str).collect();
        diff(
            "other_names",
            json!(current.other_names.clone().unwrap_or_default()),
            json!(other),
        );
        let new_seat = facts.country.as_ref().map(|c| c.key());
        let seat = (current.seat != new_seat).then(|| {
            diff("country", json!(current.seat), json!(new_seat));
            new_seat.map(|k| RecordId::new("country", k))
        });
        let wanted: Vec<String> = facts.themes.iter().map(|t| t.as_str().to_owned()).collect();
        let themes_gone: Vec<RecordId> = current
            .themes
            .iter()
            .filter(|t| !wanted.contains(t))
            .map(|t| RecordId::new("theme", t.as_str()))
            .collect();
        let themes_added: Vec<RecordId> = wanted
            .iter()
            .filter(|t| !current.themes.contains(t))
            .map(|t| RecordId::new("theme", t.as_str()))
            .collect();
        if !themes_gone.is_empty() || !themes_added.is_empty() {
            diff("themes", json!(current.themes), json!(wanted));
        }
        FactChanges {
            before,
            after,
            seat,
            themes_gone,
            themes_added,
        }
    }

    fn is_empty(&self) -> bool {
        self.after.is_empty()
    }
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
        let rows = self.readable_tie_lines(viewer, rows).await?;
        Ok(rows.into_iter().map(|r| r.entry_for(viewer)).collect())
    }

    async fn create_organisation(
        &self,
        actor: &app::accounts::Actor,
        org: &OrgEdit,
        confirmed_new: bool,
    ) -> Result<OrgId, app::error::WorkError> {
        self.create_organisation_record(actor, org, confirmed_new)
            .await
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
                        visibility, version, kind, member_since, languages, other_names,
                        (SELECT VALUE record::id(out) FROM based_in WHERE in = $org AND ",
                    current_edge!(),
                    ")[0] AS seat,
                        (SELECT VALUE record::id(out) FROM works_on
                            WHERE in = $org AND record::tb(out) = 'theme' AND ",
                    current_edge!(),
                    ") AS themes,
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
        if let Some(facts) = &edit.facts {
            self.check_facts(facts).map_err(EditError::Invalid)?;
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
        let facts = edit.facts.as_ref().map(|f| FactChanges::of(&current, f));
        if changed.is_empty() && facts.as_ref().is_none_or(FactChanges::is_empty) {
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
        let (mut before, mut after) = (pick(&before_all), pick(&wanted));
        if let (Some(f), Value::Object(b), Value::Object(a)) = (&facts, &mut before, &mut after) {
            b.extend(f.before.clone());
            a.extend(f.after.clone());
        }
        let event = AuditEvent::of("organisation.update")
            .by_user(editor)
            .on(format!("organisation:{id}"))
            .before(before)
            .after(after)
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
        let mut sets = sets;
        let mut relations = String::new();
        if let Some(f) = &facts {
            for k in ["kind", "member_since", "languages", "other_names"] {
                if f.after.contains_key(k) {
                    sets.push(format!("{k} = $fact_{k}"));
                }
            }
            // A seat or a theme the editor cannot read is not theirs to
            // reopen, nor to learn of: theirs is written beside it.
            let seat_pair = readable_pair("based_in", "$org", "$seat");
            let theme_pair = readable_pair("works_on", "$org", "$theme");
            // A seat or a theme is a relation, at the organisation's level.
            // One changed here ends this year and stays as the past (the
            // places section deletes mistakes); one chosen again reopens,
            // unless the pair already has a current one.
            if f.seat.is_some() {
                relations.push_str(&format!(
                    "UPDATE based_in SET until = math::max([$this_year, since ?? $this_year])
                        WHERE in = $org AND out != $seat AND {CURRENT_EDGE};
                     IF $seat != NONE {{
                         LET $edges = (SELECT id, until FROM {seat_pair});
                         IF $edges = [] {{
                             RELATE $org->based_in->$seat SET visibility = $org.visibility;
                         }} ELSE IF $edges[WHERE until = NONE] = [] {{
                             UPDATE $edges[0].id SET since = $this_year, until = NONE;
                         }};
                     }};"
                ));
            }
            if !f.themes_gone.is_empty() {
                relations.push_str(&format!(
                    "UPDATE works_on SET until = math::max([$this_year, since ?? $this_year])
                        WHERE in = $org AND out IN $themes_gone AND {CURRENT_EDGE};"
                ));
            }
            if !f.themes_added.is_empty() {
                relations.push_str(&format!(
                    "FOR $theme IN $themes_added {{
                         LET $edges = (SELECT id, until FROM {theme_pair});
                         IF $edges = [] {{
                             RELATE $org->works_on->$theme SET visibility = $org.visibility;
                         }} ELSE IF $edges[WHERE until = NONE] = [] {{
                             UPDATE $edges[0].id SET since = $this_year, until = NONE;
                         }};
                     }};"
                ));
            }
        }
        let sql = format!(
            "BEGIN TRANSACTION;
             IF ((SELECT VALUE version FROM ONLY $org) ?? 0) != $version {{ THROW 'stale' }};
             UPDATE ONLY $org SET {}, version = $version + 1;
             {relations}
             {};
             UPDATE ONLY $org SET updated_at = time::now();
             COMMIT TRANSACTION;",
            sets.join(", "),
            crate::store::audit::AUDIT_INSERT
        );
        let mut query = self
            .bind_audit(self.query_for(viewer, sql), event)
            .bind(("org", record))
            .bind(("version", edit.version as i64));
        for k in &changed {
            if let Some(Value::String(v)) = wanted.get(k) {
                query = query.bind((format!("new_{k}"), v.clone()));
            }
        }
        if let (Some(f), Some(facts)) = (facts, &edit.facts) {
            query = query
                .bind(("fact_kind", facts.kind.as_str()))
                .bind(("fact_member_since", facts.member_since.map(i64::from)))
                .bind(("fact_languages", facts.languages.clone()))
                .bind((
                    "fact_other_names",
                    facts
                        .other_names
                        .iter()
                        .map(|n| n.as_str().to_owned())
                        .collect::<Vec<_>>(),
                ))
                .bind(("seat", f.seat.flatten()))
                .bind((
                    "this_year",
                    i64::from(chrono::Datelike::year(&chrono::Utc::now())),
                ))
                .bind(("themes_gone", f.themes_gone))
                .bind(("themes_added", f.themes_added));
        }
        let response = query.await.map_err(internal)?;
        match crate::store::audit::transaction_outcome(response) {
            Ok(_) => Ok(()),
            Err(e) if e.contains("stale") => Err(self.stale(id).await),
            Err(e) => Err(EditError::Store(internal(e))),
        }
    }
}

/// The other organisation and the level a relation's audit line names.
fn tie_line(row: &AuditRow) -> Option<(String, Option<shared::Visibility>)> {
    if !row.action.starts_with("organisation.tie") {
        return None;
    }
    let data = row
        .after
        .as_deref()
        .or(row.before.as_deref())
        .unwrap_or("{}");
    let value: Value = serde_json::from_str(data).unwrap_or(Value::Null);
    let other = value["organisation"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let level = value["visibility"]
        .as_str()
        .and_then(shared::Visibility::parse);
    Some((other, level))
}

/// The level a place relation's audit line names.
/// The stricter of the two when the line has both: a change that opened a
/// relation shows its old fields only to readers of its old level.
fn place_level(row: &AuditRow) -> Option<shared::Visibility> {
    let level = |data: &Option<String>| {
        let value: Value = serde_json::from_str(data.as_deref()?).ok()?;
        value["visibility"]
            .as_str()
            .and_then(shared::Visibility::parse)
    };
    match (level(&row.before), level(&row.after)) {
        (Some(b), Some(a)) => Some(b.max(a)),
        (b, a) => a.or(b),
    }
}

impl SurrealStore {
    /// The history keeps a relation's line only for readers who may read
    /// the relation: its level and the organisation at its other end. A
    /// line without its level (it cannot be judged) is left out.
    async fn readable_tie_lines(
        &self,
        viewer: &Viewer,
        rows: Vec<AuditRow>,
    ) -> Result<Vec<AuditRow>, StoreError> {
        let others: Vec<RecordId> = rows
            .iter()
            .filter_map(tie_line)
            .filter_map(|(other, _)| shared::OrgId::parse(&other).ok())
            .map(|o| RecordId::new("organisation", o.as_str()))
            .collect();
        let readable: Vec<String> = if others.is_empty() {
            Vec::new()
        } else {
            self.query_for(
                viewer,
                concat!("SELECT VALUE record::id(id) FROM $orgs WHERE ", readable!()),
            )
            .bind(("orgs", others))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?
        };
        Ok(rows
            .into_iter()
            .filter(|row| match tie_line(row) {
                // A seat or work (`organisation.place*`): the place is public
                // reference data, so the relation's level decides alone.
                None if row.action.starts_with("organisation.place") => {
                    place_level(row).is_some_and(|l| viewer.can_read(l))
                }
                None => true,
                Some((other, level)) => {
                    level.is_some_and(|l| viewer.can_read(l)) && readable.contains(&other)
                }
            })
            .collect())
    }

    /// Refuses a seat or a theme the network does not know: never silently
    /// added.
    pub(in crate::store) fn check_facts(
        &self,
        facts: &OrgFacts,
    ) -> Result<(), Vec<ValidationError>> {
        let mut problems = Vec::new();
        if let Some(c) = &facts.country {
            if self.country_by_key(&c.key()).is_none() {
                problems.push(
                    ValidationError::new("country", Problem::NotACountryCode)
                        .with_value(c.as_str()),
                );
            }
        }
        for t in &facts.themes {
            if self.theme_by_key(t.as_str()).is_none() {
                problems.push(
                    ValidationError::new(
                        "themes",
                        Problem::NotOneOf {
                            allowed: self.themes.keys().cloned().collect(),
                        },
                    )
                    .with_value(t.as_str()),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

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
