//! A person's page: the record, the organisations they belong to, and a
//! timeline drawn from every relation the graph holds about them. Each line
//! needs both the relation and the record it leads to readable.

use super::person_record;
use crate::store::rows::{org_ref, timeline_lines, visibility};
use crate::store::visibility::{
    EDGE_READABLE, INTO_MISSION_READABLE, READABLE, READABLE_OUT, READABLE_UNDER_TRIAL,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use chrono::NaiveDate;
use shared::{
    Gender, Membership, Person, PersonId, PersonRole, RiskLevel, TimelineEntry, TimelineKind,
    Viewer, Visibility,
};
use surrealdb::types::SurrealValue;

#[derive(Debug, SurrealValue)]
struct PersonRow {
    key: String,
    name: String,
    roles: Vec<String>,
    risk_level: String,
    gender: Option<String>,
    nationality: Option<surrealdb::types::RecordId>,
    languages: Vec<String>,
    description: String,
    visibility: String,
    version: Option<i64>,
}

#[derive(Debug, SurrealValue)]
struct MembershipRow {
    key: String,
    name: String,
    acronym: Option<String>,
    role: Option<String>,
    since: Option<i64>,
    until: Option<i64>,
    source: Option<String>,
    visibility: String,
}

/// The person, then one list per kind of line. `$person` is the record.
fn page_query() -> String {
    format!(
        "SELECT record::id(id) AS key, name, roles, risk_level, gender,
                nationality, languages, description, visibility, version
             FROM ONLY $person WHERE {READABLE};
         SELECT record::id(out) AS key, out.name AS name, out.acronym AS acronym, role, since,
                until, source, visibility
             FROM member_of WHERE in = $person AND {EDGE_READABLE}
                 AND record::tb(out) = 'organisation'
                 AND {READABLE_OUT}
             ORDER BY name;
         {trials_of_edge}
         {lawyer};
         SELECT record::id(id) AS key, title, starts_on AS on,
                (SELECT VALUE role FROM observes WHERE in = $person AND out = $parent.id
                    AND {INTO_MISSION_READABLE} ORDER BY role)[0] AS detail
             FROM mission
             WHERE id IN (SELECT VALUE out FROM observes WHERE in = $person AND {INTO_MISSION_READABLE})
                 AND {READABLE_UNDER_TRIAL};
         SELECT record::id(id) AS key, title, starts_on AS on,
                (SELECT VALUE role FROM participates WHERE in = $person AND out = $parent.id
                    AND {EDGE_READABLE} ORDER BY role)[0] AS detail
             FROM advocacy_event
             WHERE id IN (SELECT VALUE out FROM participates WHERE in = $person AND {EDGE_READABLE})
                 AND {READABLE};
         SELECT record::id(id) AS key, title, sent_on AS on, kind AS detail
             FROM intervention
             WHERE id IN (SELECT VALUE in FROM concerns WHERE out = $person AND {EDGE_READABLE})
                 AND {READABLE};
         SELECT record::id(id) AS key, name AS title, starts_on AS on, NONE AS detail
             FROM campaign
             WHERE id IN (SELECT VALUE in FROM features WHERE out = $person AND {EDGE_READABLE})
                 AND {READABLE};",
        trials_of_edge = trials_via("defendant_in"),
        lawyer = trials_via("defends").trim_end_matches(';'),
    )
}

/// The trials `edge` leads the person to, dated by their first hearing the
/// reader may see.
fn trials_via(edge: &str) -> String {
    format!(
        "SELECT record::id(id) AS key, case_name AS title, status AS detail,
                (SELECT VALUE time::format(starts_at, '%Y-%m-%d') FROM hearing
                    WHERE trial = $parent.id AND {READABLE}
                    ORDER BY starts_at LIMIT 1)[0] AS on
             FROM trial
             WHERE id IN (SELECT VALUE out FROM {edge} WHERE in = $person AND {EDGE_READABLE})
                 AND {READABLE};"
    )
}

impl SurrealStore {
    pub(in crate::store) async fn person_page(
        &self,
        viewer: &Viewer,
        id: &PersonId,
    ) -> Result<Option<Person>, StoreError> {
        let mut response = self
            .query_for(viewer, page_query())
            .bind(("person", person_record(id)))
            .await
            .map_err(internal)?;
        let row: Option<PersonRow> = response.take(0).map_err(internal)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let memberships: Vec<MembershipRow> = response.take(1).map_err(internal)?;
        let kinds = [
            (2, TimelineKind::Defendant, "/trials/", "trial"),
            (3, TimelineKind::Lawyer, "/trials/", "trial"),
            (4, TimelineKind::Observer, "/missions/", "mission"),
            (
                5,
                TimelineKind::Participant,
                "/advocacy/events/",
                "advocacy_event",
            ),
            (
                6,
                TimelineKind::Intervention,
                "/interventions/",
                "intervention",
            ),
            (7, TimelineKind::Campaign, "/campaigns/", "campaign"),
        ];
        let mut timeline = timeline_lines(&mut response, &kinds)?;
        let organisations: Vec<Membership> = memberships
            .into_iter()
            .filter_map(|m| {
                Some(Membership {
                    organisation: org_ref(&m.key, m.name, m.acronym)?,
                    role: m.role,
                    since: m.since.and_then(|y| i32::try_from(y).ok()),
                    until: m.until.and_then(|y| i32::try_from(y).ok()),
                    source: m.source,
                    visibility: visibility(&m.visibility),
                })
            })
            .collect();
        timeline.extend(organisations.iter().map(|m| TimelineEntry {
            on: m.since.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
            kind: TimelineKind::Member,
            title: m.organisation.name.clone(),
            href: format!("/organisations/{}", m.organisation.id),
            record: format!("organisation:{}", m.organisation.id),
            detail: m.role.clone(),
        }));
        shared::sort_timeline(&mut timeline);
        let places = self
            .place_ties(viewer, &shared::PlaceHolder::Person(id.clone()))
            .await?;
        let staff_side = viewer.clearance() >= Visibility::Staff;
        Ok(Some(Person {
            id: PersonId::parse(&row.key).map_err(internal)?,
            name: row.name,
            roles: row
                .roles
                .iter()
                .filter_map(|r| PersonRole::parse(r).ok())
                .collect(),
            risk_level: staff_side
                .then(|| RiskLevel::parse(&row.risk_level).ok())
                .flatten(),
            gender: row.gender.as_deref().and_then(|g| Gender::parse(g).ok()),
            nationality: row
                .nationality
                .as_ref()
                .and_then(|c| self.country_of_record(c)),
            languages: row.languages,
            description: row.description,
            visibility: visibility(&row.visibility),
            version: row.version.unwrap_or(0).max(0) as u64,
            organisations,
            places,
            timeline,
        }))
    }
}
