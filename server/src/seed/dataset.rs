//! An in-memory graph ready to be written: nodes and edges with their
//! visibility. Both the demo dataset and the synthetic generator produce one.

use crate::db::{Db, DbError};
use crate::store::exchange::bulk::{
    create_each, ends_of, new_edge_id, relate_each, EndEdges, BULK_LINKS_ON, RELINK_ENDS,
};
use shared::{OrgKind, PersonRole, RiskLevel, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, Clone, PartialEq)]
pub struct OrgSeed {
    pub key: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrgKind,
    pub description: String,
    /// ISO 639-1 code of the language the description is written in.
    pub description_lang: &'static str,
    /// `(language, text)` translations of the description.
    pub translations: Vec<(&'static str, String)>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub member_since: Option<i32>,
    pub visibility: Visibility,
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonSeed {
    pub key: String,
    pub name: String,
    pub roles: Vec<PersonRole>,
    pub risk_level: RiskLevel,
    pub description: String,
    pub visibility: Visibility,
    pub demo: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    MemberOf,
    PartnerOf,
    BasedIn,
    WorksOn,
}

impl EdgeKind {
    pub fn table(self) -> &'static str {
        match self {
            EdgeKind::MemberOf => "member_of",
            EdgeKind::PartnerOf => "partner_of",
            EdgeKind::BasedIn => "based_in",
            EdgeKind::WorksOn => "works_on",
        }
    }
}

/// A node by table and key, e.g. `("organisation", "midh")`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeRef {
    pub table: &'static str,
    pub key: String,
}

impl NodeRef {
    pub fn org(key: impl Into<String>) -> Self {
        Self {
            table: "organisation",
            key: key.into(),
        }
    }
    pub fn person(key: impl Into<String>) -> Self {
        Self {
            table: "person",
            key: key.into(),
        }
    }
    pub fn country(alpha2: &str) -> Self {
        Self {
            table: "country",
            key: alpha2.to_ascii_lowercase(),
        }
    }
    pub fn theme(key: impl Into<String>) -> Self {
        Self {
            table: "theme",
            key: key.into(),
        }
    }
    fn record(&self) -> RecordId {
        RecordId::new(self.table, self.key.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeSeed {
    pub kind: EdgeKind,
    pub from: NodeRef,
    pub to: NodeRef,
    pub visibility: Visibility,
    pub since: Option<i32>,
    /// `role` of a membership, `context` of a partnership.
    pub note: Option<String>,
}

impl EdgeSeed {
    pub fn new(kind: EdgeKind, from: NodeRef, to: NodeRef, visibility: Visibility) -> Self {
        Self {
            kind,
            from,
            to,
            visibility,
            since: None,
            note: None,
        }
    }
    pub fn since(mut self, year: i32) -> Self {
        self.since = Some(year);
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub orgs: Vec<OrgSeed>,
    pub persons: Vec<PersonSeed>,
    pub edges: Vec<EdgeSeed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteStats {
    pub organisations: usize,
    pub persons: usize,
    pub edges: usize,
}

#[derive(SurrealValue, Default)]
struct TranslationsRow {
    en: Option<String>,
    fr: Option<String>,
    es: Option<String>,
}

#[derive(SurrealValue)]
struct OrgRow {
    id: RecordId,
    name: String,
    acronym: Option<String>,
    kind: String,
    description: String,
    description_lang: String,
    description_translations: TranslationsRow,
    city: Option<String>,
    website: Option<String>,
    email: Option<String>,
    member_since: Option<i64>,
    visibility: String,
    demo: bool,
}

#[derive(SurrealValue)]
struct PersonRow {
    id: RecordId,
    name: String,
    roles: Vec<String>,
    risk_level: String,
    description: String,
    visibility: String,
    demo: bool,
}

#[derive(SurrealValue)]
struct MemberOfRow {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    visibility: String,
    since: Option<i64>,
    role: Option<String>,
}

#[derive(SurrealValue)]
struct PartnerOfRow {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    visibility: String,
    since: Option<i64>,
    context: Option<String>,
}

#[derive(SurrealValue)]
struct PlainEdgeRow {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    visibility: String,
}

/// Rows per transaction: large enough to be fast, small enough to keep one
/// transaction's memory bounded on a big synthetic graph.
const BATCH: usize = 2_000;

/// Writes the dataset. Each batch is one transaction; nodes go first so every
/// edge finds both of its ends.
pub async fn write(db: &Db, data: &Dataset) -> Result<WriteStats, DbError> {
    for chunk in data.orgs.chunks(BATCH) {
        let rows: Vec<OrgRow> = chunk
            .iter()
            .map(|o| OrgRow {
                id: RecordId::new("organisation", o.key.as_str()),
                name: o.name.clone(),
                acronym: o.acronym.clone(),
                kind: o.kind.as_str().to_owned(),
                description: o.description.clone(),
                description_lang: o.description_lang.to_owned(),
                description_translations: translations_row(&o.translations),
                city: o.city.clone(),
                website: o.website.clone(),
                email: o.email.clone(),
                member_since: o.member_since.map(i64::from),
                visibility: o.visibility.as_str().to_owned(),
                demo: o.demo,
            })
            .collect();
        insert(db, create_each("rows", "organisation"), rows).await?;
    }
    for chunk in data.persons.chunks(BATCH) {
        let rows: Vec<PersonRow> = chunk
            .iter()
            .map(|p| PersonRow {
                id: RecordId::new("person", p.key.as_str()),
                name: p.name.clone(),
                roles: p.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                risk_level: p.risk_level.as_str().to_owned(),
                description: p.description.clone(),
                visibility: p.visibility.as_str().to_owned(),
                demo: p.demo,
            })
            .collect();
        insert(db, create_each("rows", "person"), rows).await?;
    }
    for kind in [
        EdgeKind::MemberOf,
        EdgeKind::PartnerOf,
        EdgeKind::BasedIn,
        EdgeKind::WorksOn,
    ] {
        let edges: Vec<&EdgeSeed> = data.edges.iter().filter(|e| e.kind == kind).collect();
        for chunk in edges.chunks(BATCH) {
            let ids = chunk
                .iter()
                .map(|_| new_edge_id(kind.table()))
                .collect::<Result<Vec<_>, String>>()
                .map_err(DbError::Randomness)?;
            let records: Vec<(RecordId, RecordId)> = chunk
                .iter()
                .map(|e| (e.from.record(), e.to.record()))
                .collect();
            let ends = ends_of(ids.iter().zip(&records).map(|(id, (f, t))| (id, f, t)));
            let rows = ids.into_iter().zip(chunk.iter().zip(records));
            match kind {
                EdgeKind::MemberOf => {
                    let rows: Vec<MemberOfRow> = rows
                        .map(|(id, (e, (from, to)))| MemberOfRow {
                            id,
                            r#in: from,
                            out: to,
                            visibility: e.visibility.as_str().to_owned(),
                            since: e.since.map(i64::from),
                            role: e.note.clone(),
                        })
                        .collect();
                    insert_edges(db, kind.table(), rows, ends).await?;
                }
                EdgeKind::PartnerOf => {
                    let rows: Vec<PartnerOfRow> = rows
                        .map(|(id, (e, (from, to)))| PartnerOfRow {
                            id,
                            r#in: from,
                            out: to,
                            visibility: e.visibility.as_str().to_owned(),
                            since: e.since.map(i64::from),
                            context: e.note.clone(),
                        })
                        .collect();
                    insert_edges(db, kind.table(), rows, ends).await?;
                }
                EdgeKind::BasedIn | EdgeKind::WorksOn => {
                    let rows: Vec<PlainEdgeRow> = rows
                        .map(|(id, (e, (from, to)))| PlainEdgeRow {
                            id,
                            r#in: from,
                            out: to,
                            visibility: e.visibility.as_str().to_owned(),
                        })
                        .collect();
                    insert_edges(db, kind.table(), rows, ends).await?;
                }
            }
        }
    }
    Ok(WriteStats {
        organisations: data.orgs.len(),
        persons: data.persons.len(),
        edges: data.edges.len(),
    })
}

fn translations_row(translations: &[(&str, String)]) -> TranslationsRow {
    let find = |lang: &str| {
        translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.clone())
    };
    TranslationsRow {
        en: find("en"),
        fr: find("fr"),
        es: find("es"),
    }
}

async fn insert<T: SurrealValue>(db: &Db, statement: String, rows: Vec<T>) -> Result<(), DbError> {
    let sql = format!("BEGIN TRANSACTION; {statement}; COMMIT TRANSACTION;");
    db.query(sql).bind(("rows", rows)).await?.check()?;
    Ok(())
}

/// One batch of new relations of `table`, with their ends' counts and lists
/// brought up to date in the same transaction (the bulk path).
async fn insert_edges<T: SurrealValue>(
    db: &Db,
    table: &str,
    rows: Vec<T>,
    ends: Vec<EndEdges>,
) -> Result<(), DbError> {
    let sql = format!(
        "BEGIN TRANSACTION; {BULK_LINKS_ON} {} {RELINK_ENDS} COMMIT TRANSACTION;",
        relate_each("rows", table)
    );
    let response = db
        .query(sql)
        .bind(("rows", rows))
        .bind(("bulk_ends", ends))
        .await?;
    crate::store::audit::transaction_outcome(response)
        .map(|_| ())
        .map_err(DbError::Write)
}
