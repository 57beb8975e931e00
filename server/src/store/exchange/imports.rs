//! Imports: the record of each one (its files, progress and preview, read
//! only by its author while their clearance covers every record it names),
//! what the author reads of the network for the preview, and the writing of
//! a confirmed import in one transaction, audited line by line and as one
//! import with its counts.

use crate::exchange::persons::{PersonValues, StoredPerson};
use crate::exchange::plan::{
    EndKind, OrgValues, Snapshot, StoredOrg, StoredTie, TieValues, Writes,
};
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::exchange::bulk::{
    create_each, ends_of, new_edge_id, relate_each, BULK_LINKS_ON, RELINK_ENDS,
};
use crate::store::people::editing::stored as person_fields;
use crate::store::rows::visibility;
use crate::store::visibility::{CURRENT_EDGE, EDGE_READABLE, READABLE};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::import::{ImportFile, ImportStatus, OutcomeCounts, PreviewRow};
use shared::{TieKind, Visibility};
use std::collections::{BTreeMap, HashMap};
use surrealdb::types::{RecordId, SurrealValue};

/// The confidentiality rule for an import: its author, while they may read
/// every record it names (by clearance, or by grant for restricted ones; a
/// restricted relation, `a|b`, through a grant on either end).
fn may_read(actor: &Actor, import: &ImportRow) -> bool {
    let level = visibility(&import.level);
    actor.viewer.can_read(level)
        || (level == Visibility::Restricted
            && import.restricted.iter().all(|entry| {
                entry
                    .split('|')
                    .any(|record| actor.viewer.grants().iter().any(|g| g == record))
            }))
}

fn import_record(id: &str) -> RecordId {
    RecordId::new("import", id)
}

/// A file of an import as kept until it is written.
#[derive(Debug, Clone, SurrealValue)]
pub struct ImportFileRow {
    pub kind: String,
    pub name: String,
    pub text: String,
}

/// An import as its author reads it back.
#[derive(Debug, Clone, SurrealValue)]
pub struct ImportRow {
    pub key: String,
    pub status: String,
    pub created_at: String,
    pub files: Vec<ImportFileRow>,
    pub done: i64,
    pub total: i64,
    pub preview: Option<String>,
    pub level: String,
    pub restricted: Vec<String>,
    pub counts: Option<String>,
    pub failure: Option<String>,
}

impl ImportRow {
    pub fn status(&self) -> ImportStatus {
        ImportStatus::parse(&self.status).unwrap_or(ImportStatus::Failed)
    }

    pub fn preview_rows(&self) -> Vec<PreviewRow> {
        self.preview
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default()
    }

    pub fn written(&self) -> Option<OutcomeCounts> {
        self.counts
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok())
    }
}

/// An import without its files' text, which only a check reads.
const IMPORT_FIELDS: &str = "record::id(id) AS key, status, <string> created_at AS created_at,
    files.map(|$f| { kind: $f.kind, name: $f.name, text: '' }) AS files,
    progress.done AS done, progress.total AS total, preview, level, restricted, counts, failure";

#[derive(SurrealValue)]
struct Translations {
    en: Option<String>,
    fr: Option<String>,
    es: Option<String>,
}

impl Translations {
    fn of(t: &BTreeMap<String, String>) -> Self {
        Self {
            en: t.get("en").cloned(),
            fr: t.get("fr").cloned(),
            es: t.get("es").cloned(),
        }
    }
}

#[derive(SurrealValue)]
struct OrgInsert {
    id: RecordId,
    name: String,
    acronym: Option<String>,
    kind: String,
    member_since: Option<i64>,
    city: Option<String>,
    website: Option<String>,
    email: Option<String>,
    description: String,
    description_lang: String,
    description_translations: Translations,
    languages: Vec<String>,
    other_names: Vec<String>,
    visibility: String,
    version: i64,
}

#[derive(SurrealValue)]
struct OrgChange {
    org: RecordId,
    version: i64,
    name: String,
    acronym: Option<String>,
    kind: String,
    member_since: Option<i64>,
    city: Option<String>,
    website: Option<String>,
    email: Option<String>,
    description: String,
    description_lang: String,
    translations: Translations,
    languages: Vec<String>,
    other_names: Vec<String>,
    visibility: String,
    seat_changed: bool,
    seat: Option<RecordId>,
    themes_gone: Vec<RecordId>,
    themes_added: Vec<RecordId>,
}

#[derive(SurrealValue)]
struct PlainEdge {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    visibility: String,
}

#[derive(SurrealValue)]
struct TieEdge {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    note: Option<String>,
    since: Option<i64>,
    until: Option<i64>,
    source: Option<String>,
    visibility: String,
    /// An updated relation's level as the check read it.
    was: Option<String>,
}

#[derive(SurrealValue)]
struct PersonInsert {
    id: RecordId,
    name: String,
    roles: Vec<String>,
    risk_level: String,
    gender: Option<String>,
    nationality: Option<RecordId>,
    languages: Vec<String>,
    description: String,
    visibility: String,
    version: i64,
}

#[derive(SurrealValue)]
struct PersonChange {
    person: RecordId,
    version: i64,
    /// The risk and level the check read: a write never puts back a lower
    /// one that another write (a merge) raised meanwhile.
    was_risk: String,
    was_level: String,
    name: String,
    roles: Vec<String>,
    risk_level: String,
    gender: Option<String>,
    nationality: Option<RecordId>,
    languages: Vec<String>,
    description: String,
    visibility: String,
}

#[derive(SurrealValue)]
struct EndLevel {
    end: RecordId,
    level: String,
}

#[derive(SurrealValue)]
struct AuditLine {
    actor: RecordId,
    actor_email: String,
    action: String,
    target: String,
    before: Option<String>,
    after: Option<String>,
    address: String,
}

fn org(key: &str) -> RecordId {
    RecordId::new("organisation", key)
}

fn tie_table(kind: TieKind) -> &'static str {
    match kind {
        TieKind::MemberOf => "member_of",
        TieKind::PartnerOf => "partner_of",
    }
}

fn org_json(v: &OrgValues) -> serde_json::Value {
    json!({
        "name": v.name,
        "acronym": v.acronym,
        "kind": v.kind,
        "member_since": v.member_since,
        "country": v.country,
        "themes": v.themes,
        "languages": v.languages,
        "other_names": v.other_names,
        "city": v.city,
        "website": v.website,
        "email": v.email,
        "description": v.description,
        "description_lang": v.description_lang,
        "description_translations": v.translations,
        "visibility": v.visibility,
    })
}

fn country(key: &Option<String>) -> Option<RecordId> {
    key.as_ref().map(|c| RecordId::new("country", c.as_str()))
}

fn tie_json(v: &TieValues) -> serde_json::Value {
    json!({
        "kind": v.kind.as_str(),
        "organisation": v.to,
        "role": v.role,
        "since": v.since,
        "until": v.until,
        "source": v.source,
        "visibility": v.visibility.as_str(),
    })
}

/// A new or changed relation's audit line: on the organisation for a
/// relation between two, on the person for a membership, as their forms
/// write it.
fn tie_line<F>(line: &F, tie: &TieValues) -> AuditLine
where
    F: Fn(&str, String, Option<String>, String) -> AuditLine,
{
    let action = match tie.from_kind {
        EndKind::Organisation => "organisation.tie",
        EndKind::Person => "person.membership",
    };
    line(
        action,
        tie.from_kind.text(&tie.from),
        None,
        tie_json(tie).to_string(),
    )
}

/// The fields of `before` and `after` that differ, as two objects.
fn difference(before: serde_json::Value, after: serde_json::Value) -> (String, String) {
    let (mut b, mut a) = (serde_json::Map::new(), serde_json::Map::new());
    if let (serde_json::Value::Object(before), serde_json::Value::Object(after)) = (before, after) {
        for (k, new) in after {
            let old = before.get(&k).cloned().unwrap_or(serde_json::Value::Null);
            if old != new {
                b.insert(k.clone(), old);
                a.insert(k, new);
            }
        }
    }
    (
        serde_json::Value::Object(b).to_string(),
        serde_json::Value::Object(a).to_string(),
    )
}

impl SurrealStore {
    /// How many uploads `actor` made in the last 24 hours.
    pub async fn uploads_in_a_day(&self, actor: &Actor) -> Result<i64, StoreError> {
        let n: Option<i64> = self
            .db()
            .query(
                "RETURN count(SELECT id FROM import WHERE author = $author
                    AND created_at > time::now() - 1d)",
            )
            .bind(("author", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(n.unwrap_or(0))
    }

    /// Keeps an upload as a new import of `actor`, checking to come.
    /// Keeps an upload as a new import; `Stale` when its author made
    /// `per_day` uploads in the last 24 hours already.
    pub async fn create_import(
        &self,
        actor: &Actor,
        files: Vec<ImportFileRow>,
        per_day: i64,
    ) -> Result<String, WorkError> {
        let key = crate::store::writes::random_suffix(20)?;
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let event = AuditEvent::by(actor, "import.upload", format!("import:{key}"))
            .after(json!({ "files": names }));
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 IF count(SELECT id FROM import WHERE author = $author
                     AND created_at > time::now() - 1d) >= $per_day {{ THROW 'stale' }};
                 CREATE $import CONTENT {{ author: $author, status: 'checking', files: $files }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("import", import_record(&key)))
            .bind(("author", user_record(&actor.user.id)))
            .bind(("per_day", per_day))
            .bind(("files", files));
        self.audited(query, event).await?;
        Ok(key)
    }

    /// The import `id` when `actor` is its author and may read every
    /// record it names; `None` otherwise.
    pub async fn import_of(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Option<ImportRow>, StoreError> {
        let row: Option<ImportRow> = self
            .db()
            .query(format!(
                "SELECT {IMPORT_FIELDS} FROM ONLY $import WHERE author = $author"
            ))
            .bind(("import", import_record(id)))
            .bind(("author", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(row.filter(|r| may_read(actor, r)))
    }

    /// The files of the author's import, for its check.
    pub async fn import_files(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<ImportFileRow>, StoreError> {
        let files: Vec<Vec<ImportFileRow>> = self
            .db()
            .query("SELECT VALUE files FROM $import WHERE author = $author")
            .bind(("import", import_record(id)))
            .bind(("author", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(files.into_iter().next().unwrap_or_default())
    }

    /// The author's imports, newest first (without their files' text).
    pub async fn imports_of(&self, actor: &Actor) -> Result<Vec<ImportRow>, StoreError> {
        let rows: Vec<ImportRow> = self
            .db()
            .query(
                "SELECT record::id(id) AS key, status, <string> created_at AS created_at,
                    files.map(|$f| { kind: $f.kind, name: $f.name, text: '' }) AS files,
                    progress.done AS done, progress.total AS total, NONE AS preview, level,
                    restricted, counts, failure, created_at AS at
                 FROM import WHERE author = $author ORDER BY at DESC LIMIT 50",
            )
            .bind(("author", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows.into_iter().filter(|r| may_read(actor, r)).collect())
    }

    /// How far the check has gone (bookkeeping of the import itself).
    pub async fn import_progress(
        &self,
        id: &str,
        done: usize,
        total: usize,
    ) -> Result<(), StoreError> {
        self.db()
            .query("UPDATE $import SET progress = { done: $done, total: $total }")
            .bind(("import", import_record(id)))
            .bind(("done", done as i64))
            .bind(("total", total as i64))
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }

    /// The preview is ready: the rows, and the most closed level named.
    pub async fn import_checked(
        &self,
        id: &str,
        rows: &[PreviewRow],
        level: Visibility,
        restricted: &std::collections::BTreeSet<String>,
        failure: Option<String>,
    ) -> Result<(), StoreError> {
        let preview = serde_json::to_string(rows).map_err(internal)?;
        self.db()
            .query(
                "UPDATE $import SET status = 'checked', preview = $preview, failure = $failure,
                    level = $level, restricted = $restricted_records,
                    progress.done = progress.total
                 WHERE status IN ['checking', 'writing']",
            )
            .bind(("import", import_record(id)))
            .bind(("preview", preview))
            .bind(("level", level.as_str()))
            .bind((
                "restricted_records",
                restricted.iter().cloned().collect::<Vec<_>>(),
            ))
            .bind(("failure", failure))
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }

    /// The import stopped as a whole: a file that cannot be read, or a
    /// write that failed (nothing of it was written).
    pub async fn import_failed(&self, id: &str, why: &str) -> Result<(), StoreError> {
        self.db()
            .query("UPDATE $import SET status = 'failed', failure = $why WHERE status != 'done'")
            .bind(("import", import_record(id)))
            .bind(("why", why.chars().take(2000).collect::<String>()))
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }

    /// Moves the author's import from one state to another; false when it
    /// was not in `from` (a second click, another tab).
    pub async fn import_moves(
        &self,
        actor: &Actor,
        id: &str,
        from: &[ImportStatus],
        to: ImportStatus,
    ) -> Result<bool, StoreError> {
        let moved: Vec<RecordId> = self
            .db()
            .query(
                "UPDATE $import SET status = $to, failure = NONE
                 WHERE author = $author AND status IN $from RETURN VALUE id",
            )
            .bind(("import", import_record(id)))
            .bind(("author", user_record(&actor.user.id)))
            .bind(("to", to.as_str()))
            .bind((
                "from",
                from.iter()
                    .map(|s| s.as_str().to_owned())
                    .collect::<Vec<_>>(),
            ))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(!moved.is_empty())
    }

    /// Imports left checking or writing by a server that stopped: nothing
    /// of them was written (a write is one transaction); their authors may
    /// check them again.
    pub async fn interrupt_running_imports(&self) -> Result<(), StoreError> {
        self.db()
            .query(
                "UPDATE import SET status = 'interrupted' WHERE status IN ['checking', 'writing']",
            )
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }

    /// What `actor` reads of the organisations and their relations, with
    /// the themes and countries an import may name.
    pub async fn import_snapshot(&self, actor: &Actor) -> Result<Snapshot, StoreError> {
        #[derive(SurrealValue)]
        struct OrgRow {
            key: String,
            version: Option<i64>,
            name: String,
            acronym: Option<String>,
            kind: String,
            city: Option<String>,
            website: Option<String>,
            email: Option<String>,
            member_since: Option<i64>,
            languages: Option<Vec<String>>,
            other_names: Option<Vec<String>>,
            description: String,
            description_lang: String,
            en: Option<String>,
            fr: Option<String>,
            es: Option<String>,
            visibility: String,
        }
        #[derive(SurrealValue)]
        struct EndRow {
            org: String,
            out: String,
        }
        #[derive(SurrealValue)]
        struct PersonRow {
            key: String,
            version: Option<i64>,
            name: String,
            roles: Option<Vec<String>>,
            risk_level: Option<String>,
            gender: Option<String>,
            nationality: Option<RecordId>,
            languages: Option<Vec<String>>,
            description: Option<String>,
            visibility: String,
        }
        #[derive(SurrealValue)]
        struct TieRow {
            id: RecordId,
            table: String,
            from_table: String,
            from: String,
            to: String,
            note: Option<String>,
            since: Option<i64>,
            until: Option<i64>,
            source: Option<String>,
            visibility: String,
        }
        let mut response = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT record::id(id) AS key, version, name, acronym, kind, city, website,
                        email, member_since, languages, other_names, description, description_lang,
                        description_translations.en AS en, description_translations.fr AS fr,
                        description_translations.es AS es, visibility
                     FROM organisation WHERE {READABLE};
                     SELECT record::id(in) AS org, record::id(out) AS out FROM based_in
                        WHERE record::tb(in) = 'organisation' AND {CURRENT_EDGE};
                     SELECT record::id(in) AS org, record::id(out) AS out FROM works_on
                        WHERE record::tb(in) = 'organisation' AND record::tb(out) = 'theme'
                        AND {CURRENT_EDGE};
                     SELECT id, 'member_of' AS table, record::tb(in) AS from_table,
                        record::id(in) AS from, record::id(out) AS to,
                        role AS note, since, until, source, visibility
                        FROM member_of WHERE record::tb(in) IN ['organisation', 'person']
                        AND record::tb(out) = 'organisation' AND {EDGE_READABLE};
                     SELECT id, 'partner_of' AS table, 'organisation' AS from_table,
                        record::id(in) AS from, record::id(out) AS to,
                        context AS note, since, until, source, visibility
                        FROM partner_of WHERE {EDGE_READABLE};
                     SELECT record::id(id) AS key, version, name, roles, risk_level, gender,
                        nationality, languages, description, visibility
                     FROM person WHERE {READABLE};"
                ),
            )
            .await
            .map_err(internal)?;
        let orgs: Vec<OrgRow> = response.take(0).map_err(internal)?;
        let seats: Vec<EndRow> = response.take(1).map_err(internal)?;
        let themes: Vec<EndRow> = response.take(2).map_err(internal)?;
        let mut ties: Vec<TieRow> = response.take(3).map_err(internal)?;
        ties.extend(response.take::<Vec<TieRow>>(4).map_err(internal)?);
        let persons: Vec<PersonRow> = response.take(5).map_err(internal)?;
        let mut seat_of: HashMap<String, String> = HashMap::new();
        for s in seats {
            seat_of.entry(s.org).or_insert(s.out);
        }
        let mut themes_of: HashMap<String, Vec<String>> = HashMap::new();
        for t in themes {
            themes_of.entry(t.org).or_default().push(t.out);
        }
        let readable: std::collections::HashSet<&str> =
            orgs.iter().map(|o| o.key.as_str()).collect();
        let readable_persons: std::collections::HashSet<&str> =
            persons.iter().map(|p| p.key.as_str()).collect();
        let ties = ties
            .into_iter()
            // Both ends read, as the relations and membership forms ask.
            .filter(|t| {
                let from_read = if t.from_table == "person" {
                    readable_persons.contains(t.from.as_str())
                } else {
                    readable.contains(t.from.as_str())
                };
                from_read && readable.contains(t.to.as_str())
            })
            .map(|t| StoredTie {
                id: t.id,
                values: TieValues {
                    kind: if t.table == "member_of" {
                        TieKind::MemberOf
                    } else {
                        TieKind::PartnerOf
                    },
                    from_kind: if t.from_table == "person" {
                        EndKind::Person
                    } else {
                        EndKind::Organisation
                    },
                    from: t.from,
                    to: t.to,
                    role: t.note,
                    since: t.since.map(|y| y as i32),
                    until: t.until.map(|y| y as i32),
                    source: t.source,
                    visibility: visibility(&t.visibility),
                },
            })
            .collect();
        let orgs = orgs
            .into_iter()
            .map(|o| {
                let mut themes = themes_of.remove(&o.key).unwrap_or_default();
                themes.sort();
                themes.dedup();
                let translations = [("en", o.en), ("fr", o.fr), ("es", o.es)]
                    .into_iter()
                    .filter_map(|(l, t)| Some((l.to_owned(), t?)))
                    .collect();
                StoredOrg {
                    version: o.version.unwrap_or(0) as u64,
                    values: OrgValues {
                        name: o.name,
                        acronym: o.acronym,
                        kind: o.kind,
                        country: seat_of.get(&o.key).cloned(),
                        city: o.city,
                        website: o.website,
                        email: o.email,
                        member_since: o.member_since.map(|y| y as i32),
                        themes,
                        languages: o.languages.unwrap_or_default(),
                        other_names: o.other_names.unwrap_or_default(),
                        description: o.description,
                        description_lang: o.description_lang,
                        translations,
                        visibility: o.visibility,
                    },
                    key: o.key,
                }
            })
            .collect();
        let persons = persons
            .into_iter()
            .map(|p| {
                let mut roles = p.roles.unwrap_or_default();
                roles.sort();
                StoredPerson {
                    version: p.version.unwrap_or(0).max(0) as u64,
                    values: PersonValues {
                        name: p.name,
                        roles,
                        // The schema's default.
                        risk_level: p.risk_level.unwrap_or_else(|| "low".to_owned()),
                        gender: p.gender,
                        nationality: p.nationality.as_ref().map(crate::store::rows::record_key),
                        languages: p.languages.unwrap_or_default(),
                        description: p.description.unwrap_or_default(),
                        visibility: p.visibility,
                    },
                    key: p.key,
                }
            })
            .collect();
        let mut theme_keys: Vec<String> = self.themes.keys().cloned().collect();
        theme_keys.sort();
        Ok(Snapshot {
            orgs,
            persons,
            ties,
            themes: theme_keys,
            countries: self.countries.keys().cloned().collect(),
        })
    }

    /// Writes a confirmed import in one transaction: updates first (their
    /// relations kept by the events), then every new record through the
    /// bulk path; a line in the audit log per record and one for the import
    /// with its counts; the import marked done and its files' text dropped.
    /// A record changed since the preview refuses the whole (`Stale`).
    pub async fn write_import(
        &self,
        actor: &Actor,
        id: &str,
        writes: &Writes,
        counts: &OutcomeCounts,
    ) -> Result<(), WorkError> {
        let now_year = i64::from(chrono::Datelike::year(&chrono::Utc::now()));
        let store_err = |e: String| WorkError::Store(internal(e));
        let actor_record = user_record(&actor.user.id);
        let line =
            |action: &str, target: String, before: Option<String>, after: String| AuditLine {
                actor: actor_record.clone(),
                actor_email: actor.user.email.clone(),
                action: action.to_owned(),
                target,
                before,
                after: Some(after),
                address: actor.address.clone(),
            };
        let mut audit: Vec<AuditLine> = Vec::new();
        let mut org_inserts = Vec::new();
        let mut based_in = Vec::new();
        let mut works_on = Vec::new();
        let mut new_ids: Vec<(RecordId, RecordId, RecordId)> = Vec::new();
        let mut edge = |table: &str, from: RecordId, to: RecordId, visibility: &str| {
            let id = new_edge_id(table).map_err(store_err)?;
            new_ids.push((id.clone(), from.clone(), to.clone()));
            Ok::<PlainEdge, WorkError>(PlainEdge {
                id,
                r#in: from,
                out: to,
                visibility: visibility.to_owned(),
            })
        };
        for new in &writes.new_orgs {
            let v = &new.values;
            let record = org(&new.key);
            org_inserts.push(OrgInsert {
                id: record.clone(),
                name: v.name.clone(),
                acronym: v.acronym.clone(),
                kind: v.kind.clone(),
                member_since: v.member_since.map(i64::from),
                city: v.city.clone(),
                website: v.website.clone(),
                email: v.email.clone(),
                description: v.description.clone(),
                description_lang: v.description_lang.clone(),
                description_translations: Translations::of(&v.translations),
                languages: v.languages.clone(),
                other_names: v.other_names.clone(),
                visibility: v.visibility.clone(),
                version: 0,
            });
            if let Some(country) = &v.country {
                based_in.push(edge(
                    "based_in",
                    record.clone(),
                    RecordId::new("country", country.as_str()),
                    &v.visibility,
                )?);
            }
            for theme in &v.themes {
                works_on.push(edge(
                    "works_on",
                    record.clone(),
                    RecordId::new("theme", theme.as_str()),
                    &v.visibility,
                )?);
            }
            audit.push(line(
                "organisation.create",
                format!("organisation:{}", new.key),
                None,
                org_json(v).to_string(),
            ));
        }
        let mut person_inserts = Vec::new();
        for new in &writes.new_persons {
            let v = &new.values;
            person_inserts.push(PersonInsert {
                id: EndKind::Person.record(&new.key),
                name: v.name.clone(),
                roles: v.roles.clone(),
                risk_level: v.risk_level.clone(),
                gender: v.gender.clone(),
                nationality: country(&v.nationality),
                languages: v.languages.clone(),
                description: v.description.clone(),
                visibility: v.visibility.clone(),
                version: 0,
            });
            audit.push(line(
                "person.create",
                EndKind::Person.text(&new.key),
                None,
                person_fields(v).to_string(),
            ));
        }
        let mut person_changes = Vec::new();
        for u in &writes.person_updates {
            let a = &u.after;
            person_changes.push(PersonChange {
                person: EndKind::Person.record(&u.key),
                version: u.version as i64,
                was_risk: u.before.risk_level.clone(),
                was_level: u.before.visibility.clone(),
                name: a.name.clone(),
                roles: a.roles.clone(),
                risk_level: a.risk_level.clone(),
                gender: a.gender.clone(),
                nationality: country(&a.nationality),
                languages: a.languages.clone(),
                description: a.description.clone(),
                visibility: a.visibility.clone(),
            });
            let (before, after) = difference(person_fields(&u.before), person_fields(a));
            audit.push(line(
                "person.update",
                EndKind::Person.text(&u.key),
                Some(before),
                after,
            ));
        }
        let mut member_of = Vec::new();
        let mut partner_of = Vec::new();
        for tie in &writes.new_ties {
            let table = tie_table(tie.kind);
            let plain = edge(
                table,
                tie.from_kind.record(&tie.from),
                org(&tie.to),
                tie.visibility.as_str(),
            )?;
            let row = TieEdge {
                id: plain.id,
                r#in: plain.r#in,
                out: plain.out,
                note: tie.role.clone(),
                since: tie.since.map(i64::from),
                until: tie.until.map(i64::from),
                source: tie.source.clone(),
                visibility: plain.visibility,
                was: None,
            };
            match tie.kind {
                TieKind::MemberOf => member_of.push(row),
                TieKind::PartnerOf => partner_of.push(row),
            }
            audit.push(tie_line(&line, tie));
        }
        let mut org_changes = Vec::new();
        for u in &writes.org_updates {
            let (b, a) = (&u.before, &u.after);
            let gone: Vec<RecordId> = b
                .themes
                .iter()
                .filter(|t| !a.themes.contains(t))
                .map(|t| RecordId::new("theme", t.as_str()))
                .collect();
            let added: Vec<RecordId> = a
                .themes
                .iter()
                .filter(|t| !b.themes.contains(t))
                .map(|t| RecordId::new("theme", t.as_str()))
                .collect();
            org_changes.push(OrgChange {
                org: org(&u.key),
                version: u.version as i64,
                name: a.name.clone(),
                acronym: a.acronym.clone(),
                kind: a.kind.clone(),
                member_since: a.member_since.map(i64::from),
                city: a.city.clone(),
                website: a.website.clone(),
                email: a.email.clone(),
                description: a.description.clone(),
                description_lang: a.description_lang.clone(),
                translations: Translations::of(&a.translations),
                languages: a.languages.clone(),
                other_names: a.other_names.clone(),
                visibility: a.visibility.clone(),
                seat_changed: b.country != a.country,
                seat: a
                    .country
                    .as_ref()
                    .map(|c| RecordId::new("country", c.as_str())),
                themes_gone: gone,
                themes_added: added,
            });
            let (before, after) = difference(org_json(b), org_json(a));
            audit.push(line(
                "organisation.update",
                format!("organisation:{}", u.key),
                Some(before),
                after,
            ));
        }
        let mut member_updates = Vec::new();
        let mut partner_updates = Vec::new();
        for u in &writes.tie_updates {
            let a = &u.after;
            let row = TieEdge {
                id: u.id.clone(),
                r#in: a.from_kind.record(&a.from),
                out: org(&a.to),
                note: a.role.clone(),
                since: a.since.map(i64::from),
                until: a.until.map(i64::from),
                source: a.source.clone(),
                visibility: a.visibility.as_str().to_owned(),
                was: Some(u.before.visibility.as_str().to_owned()),
            };
            match a.kind {
                TieKind::MemberOf => member_updates.push(row),
                TieKind::PartnerOf => partner_updates.push(row),
            }
            // As the relations form writes it: the history shows a
            // relation's line at its new level, so the old values stay out.
            audit.push(tie_line(&line, a));
        }
        let ends = ends_of(new_ids.iter().map(|(i, f, t)| (i, f, t)));
        let event = AuditEvent::by(actor, "import.apply", format!("import:{id}")).after(json!({
            "new": counts.new,
            "updated": counts.update,
            "unchanged": counts.unchanged,
            "organisations_new": writes.new_orgs.len(),
            "organisations_updated": writes.org_updates.len(),
            "persons_new": writes.new_persons.len(),
            "persons_updated": writes.person_updates.len(),
            "relations_new": writes.new_ties.len(),
            "relations_updated": writes.tie_updates.len(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE status FROM ONLY $import) != 'writing' {{ THROW 'stale' }};
             FOR $u IN $org_changes {{
                 IF ((SELECT VALUE version FROM ONLY $u.org) ?? -1) != $u.version {{ THROW 'stale' }};
                 UPDATE ONLY $u.org SET name = $u.name, acronym = $u.acronym, kind = $u.kind,
                     member_since = $u.member_since, city = $u.city, website = $u.website,
                     email = $u.email, description = $u.description,
                     description_lang = $u.description_lang,
                     description_translations = $u.translations, languages = $u.languages,
                     other_names = $u.other_names, visibility = $u.visibility,
                     version = $u.version + 1;
                 IF $u.seat_changed {{
                     UPDATE based_in SET until = math::max([$this_year, since ?? $this_year])
                         WHERE in = $u.org AND out != $u.seat AND {CURRENT_EDGE};
                     IF $u.seat != NONE {{
                         LET $edges = (SELECT id, until FROM based_in
                             WHERE in = $u.org AND out = $u.seat AND {EDGE_READABLE});
                         IF $edges = [] {{
                             RELATE ($u.org)->based_in->($u.seat) SET visibility = $u.visibility;
                         }} ELSE IF $edges[WHERE until = NONE] = [] {{
                             UPDATE $edges[0].id SET since = $this_year, until = NONE;
                         }};
                     }};
                 }};
                 UPDATE works_on SET until = math::max([$this_year, since ?? $this_year])
                     WHERE in = $u.org AND out IN $u.themes_gone AND {CURRENT_EDGE};
                 FOR $theme IN $u.themes_added {{
                     LET $edges = (SELECT id, until FROM works_on
                         WHERE in = $u.org AND out = $theme AND {EDGE_READABLE});
                     IF $edges = [] {{
                         RELATE ($u.org)->works_on->$theme SET visibility = $u.visibility;
                     }} ELSE IF $edges[WHERE until = NONE] = [] {{
                         UPDATE $edges[0].id SET since = $this_year, until = NONE;
                     }};
                 }};
             }};
             FOR $u IN $person_changes {{
                 LET $now = (SELECT version, risk_level, visibility FROM ONLY $u.person);
                 IF $now = NONE OR ($now.version ?? 0) != $u.version
                     OR $now.risk_level != $u.was_risk OR $now.visibility != $u.was_level {{
                     THROW 'stale'
                 }};
                 UPDATE ONLY $u.person SET name = $u.name, roles = $u.roles,
                     risk_level = $u.risk_level, gender = $u.gender,
                     nationality = $u.nationality, languages = $u.languages,
                     description = $u.description, visibility = $u.visibility,
                     version = $u.version + 1;
             }};
             FOR $e IN $end_levels {{
                 IF (SELECT VALUE visibility FROM ONLY $e.end) != $e.level {{ THROW 'stale' }};
             }};
             FOR $t IN array::concat($member_updates, $partner_updates) {{
                 IF (SELECT VALUE visibility FROM ONLY $t.id) != $t.was {{ THROW 'stale' }};
             }};
             FOR $t IN $member_updates {{
                 UPDATE $t.id SET role = $t.note, since = $t.since, until = $t.until,
                     source = $t.source, visibility = $t.visibility;
             }};
             FOR $t IN $partner_updates {{
                 UPDATE $t.id SET context = $t.note, since = $t.since, until = $t.until,
                     source = $t.source, visibility = $t.visibility;
             }};
             {BULK_LINKS_ON}
             {create_orgs}
             {create_persons}
             {relate_based_in}
             {relate_works_on}
             FOR $t IN $member_of {{
                 RELATE ($t.in)->($t.id)->($t.out) CONTENT {{ role: $t.note, since: $t.since,
                     until: $t.until, source: $t.source, visibility: $t.visibility }};
             }};
             FOR $t IN $partner_of {{
                 RELATE ($t.in)->($t.id)->($t.out) CONTENT {{ context: $t.note, since: $t.since,
                     until: $t.until, source: $t.source, visibility: $t.visibility }};
             }};
             {RELINK_ENDS}
             FOR $line IN $audit_lines {{ CREATE audit CONTENT $line }};
             UPDATE $import SET status = 'done', counts = $counts,
                 files = files.map(|$f| {{ kind: $f.kind, name: $f.name, text: '' }});
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            create_orgs = create_each("org_inserts", "organisation"),
            create_persons = create_each("person_inserts", "person"),
            relate_based_in = relate_each("based_in", "based_in"),
            relate_works_on = relate_each("works_on", "works_on"),
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("import", import_record(id)))
            .bind(("this_year", now_year))
            .bind(("org_changes", org_changes))
            .bind(("person_changes", person_changes))
            .bind(("person_inserts", person_inserts))
            .bind(("member_updates", member_updates))
            .bind(("partner_updates", partner_updates))
            .bind(("org_inserts", org_inserts))
            .bind(("based_in", based_in))
            .bind(("works_on", works_on))
            .bind(("member_of", member_of))
            .bind(("partner_of", partner_of))
            .bind(("bulk_ends", ends))
            .bind((
                "end_levels",
                writes
                    .end_levels
                    .iter()
                    .map(|((kind, key), l)| EndLevel {
                        end: kind.record(key),
                        level: l.as_str().to_owned(),
                    })
                    .collect::<Vec<_>>(),
            ))
            .bind(("audit_lines", audit))
            .bind((
                "counts",
                serde_json::to_string(counts).map_err(|e| store_err(e.to_string()))?,
            ));
        self.audited(query, event).await
    }
}

/// The kinds of file an import row names, for the page.
pub fn file_kind(raw: &str) -> ImportFile {
    ImportFile::parse(raw).unwrap_or(ImportFile::Organisations)
}
