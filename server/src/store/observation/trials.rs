//! Trials and their hearings, as far as the viewer may see them. A hearing
//! is readable when it and its trial are; a grant on a trial opens its
//! hearings and missions.

use crate::store::rows::visibility;
use crate::store::rows::{person_ref, OrgRefRow};
use crate::store::visibility::{
    edge_filter, mission_edge_readable, readable, readable_or_trial_granted, READABLE_UNDER_TRIAL,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use shared::{
    Charge, CountryCode, Defendant, Hearing, HearingId, HearingStatus, Outcome, OutcomeKind, Trial,
    TrialFilter, TrialId, TrialStatus, TrialSummary, Viewer,
};
use surrealdb::types::{RecordId, SurrealValue};

/// The projection of a hearing; needs `$vis` and `$granted`.
pub(in crate::store) const HEARING_FIELDS: &str = concat!(
    "record::id(id) AS key, record::id(trial) AS trial_key, trial.case_name AS case_name,
    trial.court AS court, record::id(trial.country) AS country, trial.status AS trial_status,
    trial.timezone AS timezone, starts_at, place, status, summary, visibility,
    count(array::distinct(<-covers[WHERE ",
    mission_edge_readable!("in"),
    "]<-mission[WHERE ",
    readable_or_trial_granted!(),
    " AND status != 'cancelled'])) AS missions"
);

#[derive(Debug, SurrealValue)]
pub(in crate::store) struct HearingRow {
    key: String,
    trial_key: String,
    case_name: String,
    court: String,
    country: String,
    trial_status: String,
    timezone: String,
    starts_at: DateTime<Utc>,
    place: String,
    status: String,
    summary: String,
    visibility: String,
    missions: i64,
}

pub(in crate::store) fn local_time(at: DateTime<Utc>, timezone: &str) -> chrono::NaiveDateTime {
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => at.with_timezone(&tz).naive_local(),
        Err(_) => at.naive_utc(),
    }
}

impl HearingRow {
    pub(in crate::store) fn into_hearing(self, store: &SurrealStore) -> Option<Hearing> {
        Some(Hearing {
            id: HearingId::parse(&self.key).ok()?,
            trial: TrialId::parse(&self.trial_key).ok()?,
            case_name: self.case_name,
            court: self.court,
            country: store.country_by_key(&self.country)?.clone(),
            trial_status: TrialStatus::parse(&self.trial_status).ok()?,
            local_start: local_time(self.starts_at, &self.timezone),
            starts_at: self.starts_at,
            timezone: self.timezone,
            place: self.place,
            status: HearingStatus::parse(&self.status).ok()?,
            summary: self.summary,
            visibility: visibility(&self.visibility),
            missions: self.missions.max(0) as usize,
        })
    }
}

#[derive(Debug, SurrealValue)]
struct OutcomeRow {
    kind: String,
    sentence: Option<String>,
    decided_on: Option<String>,
}

fn outcome(row: Option<OutcomeRow>) -> Option<Outcome> {
    let row = row?;
    Some(Outcome {
        kind: OutcomeKind::parse(&row.kind).ok()?,
        sentence: row.sentence,
        decided_on: row
            .decided_on
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
    })
}

fn charges(raw: Vec<String>) -> Vec<Charge> {
    raw.iter().filter_map(|c| Charge::parse(c).ok()).collect()
}

#[derive(Debug, SurrealValue)]
struct PersonRow {
    key: String,
    name: String,
}

#[derive(Debug, SurrealValue)]
struct SummaryRow {
    key: String,
    case_name: String,
    court: String,
    country: String,
    status: String,
    outcome: Option<OutcomeRow>,
    charges: Vec<String>,
    defendants: Vec<PersonRow>,
    next_hearing: Option<DateTime<Utc>>,
    visibility: String,
}

const TRIALS: &str = concat!(
    "SELECT record::id(id) AS key, case_name, court, record::id(country) AS country, status, outcome,
        charges, visibility,
        (SELECT record::id(id) AS key, name FROM array::distinct($parent<-defendant_in",
    edge_filter!(),
    "<-person) WHERE ", readable!(), " ORDER BY name) AS defendants,
        (SELECT VALUE starts_at FROM hearing WHERE trial = $parent.id AND starts_at >= time::now()
            AND status = 'scheduled' AND ", readable_or_trial_granted!(), "
            ORDER BY starts_at LIMIT 1)[0] AS next_hearing
    FROM trial
    WHERE ", readable!(), "
        AND ($country = NONE OR country = $country) AND ($status = NONE OR status = $status)
    ORDER BY case_name COLLATE ASC"
);

#[derive(Debug, SurrealValue)]
struct DefendantRow {
    key: String,
    name: String,
    organisations: Vec<OrgRefRow>,
}

#[derive(Debug, SurrealValue)]
struct TrialRow {
    key: String,
    case_name: String,
    court: String,
    city: String,
    country: String,
    timezone: String,
    court_language: String,
    charges: Vec<String>,
    status: String,
    outcome: Option<OutcomeRow>,
    summary: String,
    visibility: String,
    defendants: Vec<DefendantRow>,
    lawyers: Vec<PersonRow>,
    supporters: Vec<OrgRefRow>,
}

const TRIAL: &str = concat!(
    "SELECT record::id(id) AS key, case_name, court, city, record::id(country) AS country, timezone,
        court_language, charges, status, outcome, summary, visibility,
        (SELECT record::id(id) AS key, name,
            (SELECT record::id(id) AS key, name, acronym FROM array::distinct($parent->member_of",
    edge_filter!(),
    "->organisation) WHERE ", readable!(), " ORDER BY name) AS organisations
         FROM array::distinct($parent<-defendant_in",
    edge_filter!(),
    "<-person) WHERE ", readable!(), " ORDER BY name) AS defendants,
        (SELECT record::id(id) AS key, name FROM array::distinct($parent<-defends",
    edge_filter!(),
    "<-person) WHERE ", readable!(), " ORDER BY name) AS lawyers,
        (SELECT record::id(id) AS key, name, acronym FROM array::distinct($parent->supported_by",
    edge_filter!(),
    "->organisation) WHERE ", readable!(), " ORDER BY name) AS supporters
    FROM ONLY type::record('trial', $key)
    WHERE ", readable!()
);

pub(in crate::store) fn country_record(code: &Option<CountryCode>) -> Option<RecordId> {
    code.as_ref().map(|c| RecordId::new("country", c.key()))
}

#[async_trait::async_trait]
impl app::observation::store::Trials for SurrealStore {
    async fn trials(
        &self,
        viewer: &Viewer,
        filter: &TrialFilter,
    ) -> Result<Vec<TrialSummary>, StoreError> {
        let rows: Vec<SummaryRow> = self
            .query_for(viewer, TRIALS)
            .bind(("country", country_record(&filter.country)))
            .bind(("status", filter.status.map(|s| s.as_str())))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(TrialSummary {
                    id: TrialId::parse(&r.key).ok()?,
                    case_name: r.case_name,
                    court: r.court,
                    country: self.country_by_key(&r.country)?.clone(),
                    status: TrialStatus::parse(&r.status).ok()?,
                    outcome: outcome(r.outcome),
                    charges: charges(r.charges),
                    defendants: r
                        .defendants
                        .into_iter()
                        .filter_map(|p| person_ref(&p.key, p.name))
                        .collect(),
                    next_hearing: r.next_hearing,
                    visibility: visibility(&r.visibility),
                })
            })
            .collect())
    }

    async fn trial(&self, viewer: &Viewer, id: &TrialId) -> Result<Option<Trial>, StoreError> {
        let row: Option<TrialRow> = self
            .query_for(viewer, TRIAL)
            .bind(("key", id.to_string()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        let hearings = self.trial_hearings(viewer, id).await?;
        let missions = self.mission_summaries(viewer, Some(id)).await?;
        Ok(Some(Trial {
            id: id.clone(),
            case_name: row.case_name,
            court: row.court,
            city: row.city,
            country: self
                .country_by_key(&row.country)
                .cloned()
                .ok_or_else(|| internal(format!("unknown country {}", row.country)))?,
            timezone: row.timezone,
            court_language: row.court_language,
            charges: charges(row.charges),
            status: TrialStatus::parse(&row.status).unwrap_or(TrialStatus::Pending),
            outcome: outcome(row.outcome),
            summary: row.summary,
            defendants: row
                .defendants
                .into_iter()
                .filter_map(|d| {
                    Some(Defendant {
                        person: person_ref(&d.key, d.name)?,
                        organisations: d
                            .organisations
                            .into_iter()
                            .filter_map(OrgRefRow::into_ref)
                            .collect(),
                    })
                })
                .collect(),
            lawyers: row
                .lawyers
                .into_iter()
                .filter_map(|p| person_ref(&p.key, p.name))
                .collect(),
            supporters: row
                .supporters
                .into_iter()
                .filter_map(OrgRefRow::into_ref)
                .collect(),
            hearings,
            missions,
            visibility: visibility(&row.visibility),
        }))
    }
}

impl SurrealStore {
    pub(in crate::store) async fn trial_hearings(
        &self,
        viewer: &Viewer,
        trial: &TrialId,
    ) -> Result<Vec<Hearing>, StoreError> {
        let sql = format!(
            "SELECT {HEARING_FIELDS} FROM hearing
             WHERE trial = $trial AND {READABLE_UNDER_TRIAL} ORDER BY starts_at"
        );
        let rows: Vec<HearingRow> = self
            .query_for(viewer, sql)
            .bind(("trial", RecordId::new("trial", trial.as_str())))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.into_hearing(self))
            .collect())
    }
}

pub(in crate::store) fn trial_record(id: &TrialId) -> RecordId {
    RecordId::new("trial", id.as_str())
}
