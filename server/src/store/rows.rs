//! Rows as SurrealDB returns them, and their mapping to `shared` types.

use super::SurrealStore;
use crate::store::visibility::{current_filter, node_filter};
use shared::{OrgId, OrgKind, OrgRef, OrgSummary, PersonId, PersonRef, Theme};
use surrealdb::types::SurrealValue;

/// The name of an organisation's seat, as far as the viewer may see it.
/// Needs `$vis`.
macro_rules! seat_name {
    () => {
        concat!(
            "(->based_in",
            $crate::store::visibility::current_filter!(),
            "->country",
            $crate::store::visibility::node_filter!(),
            ".name)[0]"
        )
    };
}
pub(super) use seat_name;

/// The projection of an organisation as a directory line. Needs `$vis`.
pub const SUMMARY_FIELDS: &str = concat!(
    "record::id(id) AS key, name, acronym, kind, city, member_since, demo,
    (->based_in",
    current_filter!(),
    "->country",
    node_filter!(),
    ")[0] AS seat, ",
    seat_name!(),
    " AS country_name,
    array::distinct(->works_on",
    current_filter!(),
    "->theme",
    node_filter!(),
    ") AS themes"
);

#[derive(Debug, SurrealValue)]
pub struct SummaryRow {
    pub key: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub city: Option<String>,
    pub member_since: Option<i64>,
    pub demo: bool,
    pub seat: Option<surrealdb::types::RecordId>,
    pub themes: Vec<surrealdb::types::RecordId>,
}

pub fn record_key(id: &surrealdb::types::RecordId) -> String {
    match &id.key {
        surrealdb::types::RecordIdKey::String(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

pub fn kind(raw: &str) -> OrgKind {
    OrgKind::parse(raw).unwrap_or(OrgKind::Member)
}

impl SurrealStore {
    pub(super) fn summary_of(&self, row: SummaryRow) -> Option<OrgSummary> {
        let id = OrgId::parse(&row.key).ok()?;
        let seat = row
            .seat
            .as_ref()
            .and_then(|r| self.country_by_key(&record_key(r)))
            .cloned();
        let mut themes: Vec<Theme> = row
            .themes
            .iter()
            .filter_map(|t| self.theme_by_key(&record_key(t)).cloned())
            .collect();
        themes.sort_by(|a, b| a.id.cmp(&b.id));
        Some(OrgSummary {
            id,
            name: row.name,
            acronym: row.acronym,
            kind: kind(&row.kind),
            seat,
            city: row.city,
            themes,
            member_since: row.member_since.and_then(|y| i32::try_from(y).ok()),
            demo: row.demo,
        })
    }

    pub(super) fn summaries(&self, rows: Vec<SummaryRow>) -> Vec<OrgSummary> {
        rows.into_iter()
            .filter_map(|r| self.summary_of(r))
            .collect()
    }

    /// The directory lines of the organisations `keys` that `viewer` may
    /// read, by key (an unreadable or missing one is absent).
    pub(super) async fn summaries_by_key(
        &self,
        viewer: &shared::Viewer,
        keys: impl IntoIterator<Item = &str>,
    ) -> Result<std::collections::HashMap<String, OrgSummary>, app::error::StoreError> {
        use crate::store::internal;
        let ids: Vec<surrealdb::types::RecordId> = keys
            .into_iter()
            .map(|k| surrealdb::types::RecordId::new("organisation", k))
            .collect();
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let rows: Vec<SummaryRow> = self
            .query_for(
                viewer,
                format!(
                    "SELECT {SUMMARY_FIELDS} FROM $ids WHERE {}",
                    crate::store::visibility::READABLE
                ),
            )
            .bind(("ids", ids))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?
            .take(0)
            .map_err(internal)?;
        Ok(self
            .summaries(rows)
            .into_iter()
            .map(|s| (s.id.as_str().to_owned(), s))
            .collect())
    }
}

/// The answer of a `SELECT count() AS n ... GROUP ALL`.
#[derive(Debug, SurrealValue)]
pub struct Count {
    pub n: i64,
}

impl Count {
    /// The count in a `GROUP ALL` answer, which has no row when nothing matched.
    pub fn of(rows: &[Count]) -> u64 {
        rows.first().map_or(0, |c| c.n.max(0) as u64)
    }
}

/// A stored visibility level; an unknown one counts as the most closed.
pub fn visibility(raw: &str) -> shared::Visibility {
    shared::Visibility::parse(raw).unwrap_or(shared::Visibility::Restricted)
}

/// The `table:key` text of a record, as grants and node ids write it.
pub fn record_text(record: &surrealdb::types::RecordId) -> String {
    format!("{}:{}", record.table, record_key(record))
}

/// An organisation as a link, from its key, name and acronym; `None` for a
/// key that is not an organisation's.
pub fn org_ref(key: &str, name: String, acronym: Option<String>) -> Option<OrgRef> {
    Some(OrgRef {
        id: OrgId::parse(key).ok()?,
        name,
        acronym,
    })
}

/// A person as a link, from their key and name.
pub fn person_ref(key: &str, name: String) -> Option<PersonRef> {
    Some(PersonRef {
        id: PersonId::parse(key).ok()?,
        name,
    })
}

/// `record::id(id) AS key, name, acronym` of an organisation.
#[derive(Debug, SurrealValue)]
pub struct OrgRefRow {
    pub key: String,
    pub name: String,
    pub acronym: Option<String>,
}

impl OrgRefRow {
    pub fn into_ref(self) -> Option<OrgRef> {
        org_ref(&self.key, self.name, self.acronym)
    }
}

/// How the person who did something (a follow-up's owner, the author of a
/// change) is shown to a reader: an anonymous reader learns only their role,
/// a signed-in reader their name, and only admins their e-mail address.
pub fn actor_shown(
    viewer: &shared::Viewer,
    name: Option<String>,
    role: Option<&str>,
    email: Option<String>,
) -> Option<String> {
    use shared::Visibility;
    match viewer.clearance() {
        Visibility::Public => role.map(|r| {
            match shared::Role::parse(r) {
                Ok(shared::Role::Member) => "a network member",
                Ok(shared::Role::Campaigner) => "a campaigner",
                Ok(shared::Role::Staff) => "the secretariat",
                Ok(shared::Role::Admin) => "an administrator",
                Err(_) => "a user",
            }
            .to_owned()
        }),
        Visibility::Restricted => email.or(name),
        _ => name.or_else(|| role.map(str::to_owned)),
    }
}

/// A record key as the site makes them: letters, digits, `-` and `_`.
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 128
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The day a stored value names: `2024-04-15`, or the day of an instant.
fn day(raw: &str) -> Option<chrono::NaiveDate> {
    let raw = raw.trim_matches(|c| c == '\'' || c == '"' || c == 'd');
    chrono::NaiveDate::parse_from_str(raw.get(..10)?, "%Y-%m-%d").ok()
}

/// A line of a timeline as a query gives it: the record's key, its title,
/// a day written YYYY-MM-DD (or an instant), and a word.
#[derive(Debug, SurrealValue)]
struct TimelineRow {
    key: String,
    title: String,
    on: Option<String>,
    detail: Option<String>,
}

/// Which statement of a response holds which kind of timeline line, the
/// page path its records have and their table.
pub(in crate::store) type TimelineKinds<'a> =
    &'a [(usize, shared::TimelineKind, &'a str, &'a str)];

/// The timeline lines of a response, one statement per kind (a person's
/// page and an organisation's read them alike).
pub(in crate::store) fn timeline_lines(
    response: &mut surrealdb::IndexedResults,
    kinds: TimelineKinds<'_>,
) -> Result<Vec<shared::TimelineEntry>, app::error::StoreError> {
    let mut timeline = Vec::new();
    for &(index, kind, path, table) in kinds {
        let lines: Vec<TimelineRow> = response.take(index).map_err(crate::store::internal)?;
        timeline.extend(
            lines
                .into_iter()
                // Keys are the site's own; one that is not is not linked.
                .filter(|line| plain_key(&line.key))
                .map(|line| shared::TimelineEntry {
                    on: line.on.as_deref().and_then(day),
                    kind,
                    href: format!("{path}{}", line.key),
                    record: format!("{table}:{}", line.key),
                    title: line.title,
                    detail: line.detail,
                }),
        );
    }
    Ok(timeline)
}
