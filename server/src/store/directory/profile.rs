//! An organisation's profile and its peers.

use crate::store::rows::org_ref;
use crate::store::rows::{kind, record_key};
use crate::store::visibility::{
    current_edge, current_filter, edge_readable, node_filter, readable, readable_copy,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{OrgId, OrgRef, Organisation, Peer, PeerReason, Translated, Viewer, Visibility};
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct RefRow {
    key: String,
    name: String,
    acronym: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct TranslationsRow {
    en: Option<String>,
    fr: Option<String>,
    es: Option<String>,
}

/// A relation of the organisation with another, from either side.
#[derive(Debug, SurrealValue)]
struct TieRow {
    kind: String,
    key: String,
    name: String,
    acronym: Option<String>,
    role: Option<String>,
    since: Option<i64>,
    until: Option<i64>,
    source: Option<String>,
    visibility: String,
}

impl TieRow {
    fn tie(self) -> Option<shared::OrgTie> {
        Some(shared::OrgTie {
            kind: shared::TieKind::parse(&self.kind).ok()?,
            other: org_ref(&self.key, self.name, self.acronym)?,
            role: self.role,
            since: self.since.and_then(|y| i32::try_from(y).ok()),
            until: self.until.and_then(|y| i32::try_from(y).ok()),
            source: self.source,
            visibility: Visibility::parse(&self.visibility).unwrap_or(Visibility::Restricted),
        })
    }
}

#[derive(Debug, SurrealValue)]
struct ProfileRow {
    key: String,
    name: String,
    acronym: Option<String>,
    kind: String,
    description: String,
    description_lang: String,
    description_translations: TranslationsRow,
    updated_at: Option<chrono::DateTime<chrono::Utc>>,
    city: Option<String>,
    website: Option<String>,
    email: Option<String>,
    member_since: Option<i64>,
    visibility: String,
    demo: bool,
    seat: Vec<RecordId>,
    work: Vec<RecordId>,
    themes: Vec<RecordId>,
    member_of: Vec<RefRow>,
    partners_out: Vec<RefRow>,
    partners_in: Vec<RefRow>,
    member_count: i64,
    version: Option<i64>,
    languages: Option<Vec<String>>,
    other_names: Option<Vec<String>>,
    ties_out: Vec<TieRow>,
    partnered_out: Vec<TieRow>,
    partnered_in: Vec<TieRow>,
}

const PROFILE: &str = concat!("
SELECT
    record::id(id) AS key, name, acronym, kind, description, description_lang, description_translations,
    updated_at, city, website, email, member_since, visibility, demo, version,
    languages, other_names,
    array::distinct(->based_in", current_filter!(), "->country", node_filter!(), ") AS seat,
    array::distinct(->works_on", current_filter!(), "->country", node_filter!(), ") AS work,
    array::distinct(->works_on", current_filter!(), "->theme", node_filter!(), ") AS themes,
    (SELECT record::id(id) AS key, name, acronym
        FROM array::distinct($parent->member_of", current_filter!(), "->organisation)
        WHERE ", readable!(), " ORDER BY name COLLATE ASC) AS member_of,
    (SELECT record::id(id) AS key, name, acronym
        FROM array::distinct($parent->partner_of", current_filter!(), "->organisation)
        WHERE ", readable!(), " ORDER BY name COLLATE ASC) AS partners_out,
    (SELECT record::id(id) AS key, name, acronym
        FROM array::distinct($parent<-partner_of", current_filter!(), "<-organisation)
        WHERE ", readable!(), " ORDER BY name COLLATE ASC) AS partners_in,
    (SELECT 'member-of' AS kind, record::id(out) AS key, out.name AS name, out.acronym AS acronym,
            role, since, until, source, visibility
        FROM member_of WHERE in = $parent.id AND record::tb(in) = 'organisation'
            AND ", edge_readable!(), " AND ", readable_copy!("out"), ") AS ties_out,
    (SELECT 'partner-of' AS kind, record::id(out) AS key, out.name AS name, out.acronym AS acronym,
            context AS role, since, until, source, visibility
        FROM partner_of WHERE in = $parent.id
            AND ", edge_readable!(), " AND ", readable_copy!("out"), ") AS partnered_out,
    (SELECT 'partner-of' AS kind, record::id(in) AS key, in.name AS name, in.acronym AS acronym,
            context AS role, since, until, source, visibility
        FROM partner_of WHERE out = $parent.id
            AND ", edge_readable!(), " AND ", readable_copy!("in"), ") AS partnered_in,
    count(array::distinct(<-member_of", current_filter!(), "<-organisation", node_filter!(), ")) AS member_count
FROM ONLY type::record('organisation', $key)
WHERE ", readable!());

fn to_ref(row: RefRow) -> Option<OrgRef> {
    org_ref(&row.key, row.name, row.acronym)
}

#[async_trait::async_trait]
impl app::directory::store::Profiles for SurrealStore {
    async fn organisation(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Option<Organisation>, StoreError> {
        let row: Option<ProfileRow> = self
            .query_for(viewer, PROFILE)
            .bind(("key", id.to_string()))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?
            .take(0)
            .map_err(internal)?;
        let Some(row) = row else { return Ok(None) };

        let based_in = row
            .seat
            .first()
            .and_then(|c| self.country_by_key(&record_key(c)))
            .cloned();
        let mut works_in: Vec<_> = based_in.iter().cloned().collect();
        for c in &row.work {
            if let Some(country) = self.country_by_key(&record_key(c)) {
                if !works_in.iter().any(|w| w.code == country.code) {
                    works_in.push(country.clone());
                }
            }
        }
        let mut themes: Vec<_> = row
            .themes
            .iter()
            .filter_map(|t| self.theme_by_key(&record_key(t)).cloned())
            .collect();
        themes.sort_by(|a, b| a.name.cmp(&b.name));
        let mut partners: Vec<OrgRef> = row
            .partners_out
            .into_iter()
            .chain(row.partners_in)
            .filter_map(to_ref)
            .collect();
        partners.sort_by(|a, b| a.name.cmp(&b.name));
        partners.dedup_by(|a, b| a.id == b.id);
        let mut ties: Vec<shared::OrgTie> = row
            .ties_out
            .into_iter()
            .chain(row.partnered_out)
            .chain(row.partnered_in)
            .filter_map(TieRow::tie)
            .collect();
        // Current first, then the most recent; by name within a year.
        ties.sort_by(|a, b| {
            (a.until.is_some(), std::cmp::Reverse(a.until), &a.other.name).cmp(&(
                b.until.is_some(),
                std::cmp::Reverse(b.until),
                &b.other.name,
            ))
        });

        let timeline = self.organisation_timeline(viewer, id, &ties).await?;
        let places = self
            .place_ties(viewer, &shared::PlaceHolder::Organisation(id.clone()))
            .await?;
        Ok(Some(Organisation {
            id: OrgId::parse(&row.key).unwrap_or_else(|_| id.clone()),
            name: row.name,
            acronym: row.acronym,
            kind: kind(&row.kind),
            description: Translated {
                text: row.description,
                lang: row.description_lang,
                translations: [
                    ("en", row.description_translations.en),
                    ("fr", row.description_translations.fr),
                    ("es", row.description_translations.es),
                ]
                .into_iter()
                .filter_map(|(lang, text)| Some((lang.to_owned(), text?)))
                .collect(),
            },
            updated: row.updated_at.map(|t| t.date_naive()),
            version: row.version.unwrap_or(0).max(0) as u64,
            city: row.city,
            website: row.website,
            email: row.email,
            member_since: row.member_since.and_then(|y| i32::try_from(y).ok()),
            visibility: Visibility::parse(&row.visibility).unwrap_or(Visibility::Restricted),
            demo: row.demo,
            based_in,
            works_in,
            themes,
            member_of: row.member_of.into_iter().filter_map(to_ref).collect(),
            partners,
            member_count: row.member_count.max(0) as u64,
            languages: row.languages.unwrap_or_default(),
            other_names: row.other_names.unwrap_or_default(),
            ties,
            places,
            timeline,
        }))
    }

    async fn peers(
        &self,
        viewer: &Viewer,
        id: &OrgId,
        limit: usize,
    ) -> Result<Vec<Peer>, StoreError> {
        // The organisation itself must be visible: peers of a hidden record would
        // reveal that it exists.
        if !organisation_visible(self, viewer, id)
            .await
            .map_err(internal)?
        {
            return Ok(Vec::new());
        }
        let mut response = self
            .query_for(viewer, PEER_LINKS)
            .bind(("key", id.to_string()))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        let seats: Vec<Link> = response.take(3).map_err(internal)?;
        let works: Vec<Link> = response.take(4).map_err(internal)?;
        let topics: Vec<Link> = response.take(5).map_err(internal)?;
        let partners_out: Vec<Link> = response.take(6).map_err(internal)?;
        let partners_in: Vec<Link> = response.take(7).map_err(internal)?;

        let mut reasons: HashMap<String, Vec<PeerReason>> = HashMap::new();
        for link in partners_out.iter().chain(&partners_in) {
            push_reason(&mut reasons, record_key(&link.peer), PeerReason::Partner);
        }
        for link in seats.iter().chain(&works) {
            if let Some(c) = self.country_by_key(&record_key(&link.via)) {
                push_reason(
                    &mut reasons,
                    record_key(&link.peer),
                    PeerReason::SameCountry { country: c.clone() },
                );
            }
        }
        for link in &topics {
            if let Some(t) = self.theme_by_key(&record_key(&link.via)) {
                push_reason(
                    &mut reasons,
                    record_key(&link.peer),
                    PeerReason::SharedTheme { theme: t.clone() },
                );
            }
        }

        let weight = PeerReason::weight;
        let mut ranked: Vec<(String, Vec<PeerReason>, u32)> = reasons
            .into_iter()
            .map(|(key, rs)| {
                let score = rs.iter().map(weight).sum();
                (key, rs, score)
            })
            .collect();
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(limit);

        let mut summaries = self
            .summaries_by_key(viewer, ranked.iter().map(|(k, _, _)| k.as_str()))
            .await?;
        Ok(ranked
            .into_iter()
            .filter_map(|(key, mut reasons, _)| {
                reasons.sort_by_key(|r| std::cmp::Reverse(weight(r)));
                Some(Peer {
                    org: summaries.remove(&key)?,
                    reasons,
                })
            })
            .collect())
    }
}

#[derive(Debug, SurrealValue)]
struct Link {
    peer: RecordId,
    via: RecordId,
}

/// One query gathers every candidate with the link that makes it a peer; the
/// ranking happens here and the summaries of the best are fetched in a second.
const PEER_LINKS: &str = concat!(
    "
LET $me = type::record('organisation', $key);
LET $places = array::union(
    $me->based_in",
    current_filter!(),
    "->country,
    $me->works_on",
    current_filter!(),
    "->country);
LET $topics = $me->works_on",
    current_filter!(),
    "->theme;
SELECT in AS peer, out AS via FROM based_in
    WHERE out IN $places AND ",
    current_edge!(),
    " AND record::tb(in) = 'organisation' AND in != $me AND ",
    readable!("in"),
    ";
SELECT in AS peer, out AS via FROM works_on
    WHERE out IN $places AND ",
    current_edge!(),
    " AND record::tb(in) = 'organisation' AND in != $me AND ",
    readable!("in"),
    ";
SELECT in AS peer, out AS via FROM works_on
    WHERE out IN $topics AND ",
    current_edge!(),
    " AND record::tb(in) = 'organisation' AND in != $me AND ",
    readable!("in"),
    ";
SELECT out AS peer, in AS via FROM partner_of WHERE in = $me AND until = NONE AND ",
    edge_readable!(),
    " AND ",
    readable!("out"),
    ";
SELECT in AS peer, out AS via FROM partner_of WHERE out = $me AND until = NONE AND ",
    edge_readable!(),
    " AND ",
    readable!("in"),
    ";
"
);

fn push_reason(map: &mut HashMap<String, Vec<PeerReason>>, key: String, reason: PeerReason) {
    let list = map.entry(key).or_default();
    if !list.contains(&reason) {
        list.push(reason);
    }
}

async fn organisation_visible(
    store: &SurrealStore,
    viewer: &Viewer,
    id: &OrgId,
) -> Result<bool, surrealdb::Error> {
    let found: Option<bool> = store
        .query_for(
            viewer,
            concat!(
                "RETURN (SELECT VALUE ",
                readable!(),
                " FROM ONLY type::record('organisation', $key)) = true"
            ),
        )
        .bind(("key", id.to_string()))
        .await?
        .take(0)?;
    Ok(found.unwrap_or(false))
}
