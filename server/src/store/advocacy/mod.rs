//! Advocacy records: events and advocacy missions with their follow-ups,
//! interventions, campaigns, grants and the annual figures. Reads filter by
//! the viewer inside the query; writes are one transaction with their audit
//! event, and nobody creates a record more closed than they may read.

mod campaigns;
mod events;
mod figures;
mod interventions;

use super::{internal, SurrealStore};
use crate::store::rows::org_ref;
use crate::store::rows::visibility;
use crate::store::visibility::READABLE;
pub(in crate::store) use crate::store::writes::within_clearance;
use crate::store::writes::{random_suffix, refused};
use app::accounts::Actor;
use app::advocacy::api::AdvocacyOptions;
use app::error::StoreError;
use app::error::WorkError;
use chrono::NaiveDate;
use shared::{AdvocacyMissionId, Problem, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

/// The first and last day of a year, as stored dates compare.
fn year_bounds(year: Option<i32>) -> (String, String) {
    match year {
        Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
        None => ("0000-01-01".into(), "9999-12-31".into()),
    }
}

/// A readable key for a new record: the title's slug and a random suffix.
fn new_key(title: &str) -> Result<String, WorkError> {
    let stem: String = crate::seed::names::slug(title).chars().take(40).collect();
    let stem = stem.trim_end_matches('-');
    let suffix = random_suffix(6)?;
    Ok(if stem.is_empty() {
        suffix
    } else {
        format!("{stem}-{suffix}")
    })
}

impl SurrealStore {
    /// Refuses a well-formed code that names no country (`XX`).
    pub(in crate::store) fn known_country(
        &self,
        code: &shared::CountryCode,
    ) -> Result<(), WorkError> {
        if self.country_by_key(&code.key()).is_some() {
            Ok(())
        } else {
            Err(refused("country", Problem::NotACountryCode, code.as_str()))
        }
    }
}

fn stricter(a: Visibility, b: Visibility) -> Visibility {
    a.max(b)
}

impl SurrealStore {
    /// The visibility of a record the viewer may read; `None` when absent
    /// or hidden, which callers answer alike.
    pub(in crate::store) async fn readable_level(
        &self,
        viewer: &Viewer,
        record: RecordId,
    ) -> Result<Option<Visibility>, StoreError> {
        let level: Option<String> = self
            .query_for(
                viewer,
                format!("SELECT VALUE visibility FROM ONLY $record WHERE {READABLE}"),
            )
            .bind(("record", record))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(level.map(|l| visibility(&l)))
    }

    /// Like [`Self::readable_level`], refusing `field` when hidden.
    pub(in crate::store) async fn level_of_choice(
        &self,
        actor: &Actor,
        field: &str,
        record: RecordId,
    ) -> Result<Visibility, WorkError> {
        let key = crate::store::rows::record_key(&record);
        self.readable_level(&actor.viewer, record)
            .await?
            .ok_or_else(|| refused(field, Problem::Required, &key))
    }
}

#[async_trait::async_trait]
impl app::advocacy::store::FormOptions for SurrealStore {
    async fn advocacy_options(&self, viewer: &Viewer) -> Result<AdvocacyOptions, StoreError> {
        #[derive(SurrealValue)]
        struct Choice {
            key: String,
            name: String,
            acronym: Option<String>,
        }
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT record::id(id) AS key, name, NONE AS acronym FROM person WHERE {READABLE} ORDER BY name LIMIT 500;
                     SELECT record::id(id) AS key, name, acronym FROM organisation WHERE {READABLE} ORDER BY name LIMIT 500;
                     SELECT record::id(id) AS key, title AS name, NONE AS acronym FROM advocacy_mission WHERE {READABLE} ORDER BY starts_on DESC LIMIT 100;
                     SELECT record::id(id) AS key, case_name AS name, NONE AS acronym FROM trial WHERE {READABLE} ORDER BY name LIMIT 300;
                     SELECT record::id(id) AS key, title + ' (' + sent_on + ')' AS name, NONE AS acronym, sent_on FROM intervention WHERE {READABLE} ORDER BY sent_on DESC LIMIT 300;"
                ),
            )
            .await
            .map_err(internal)?;
        let persons: Vec<Choice> = response.take(0).map_err(internal)?;
        let orgs: Vec<Choice> = response.take(1).map_err(internal)?;
        let missions: Vec<Choice> = response.take(2).map_err(internal)?;
        let trials: Vec<Choice> = response.take(3).map_err(internal)?;
        let interventions: Vec<Choice> = response.take(4).map_err(internal)?;
        let cases = |list: Vec<Choice>| -> Vec<shared::CaseLink> {
            list.into_iter()
                .map(|c| shared::CaseLink {
                    id: c.key,
                    title: c.name,
                })
                .collect()
        };
        Ok(AdvocacyOptions {
            persons: persons
                .into_iter()
                .filter_map(|c| crate::store::rows::person_ref(&c.key, c.name))
                .collect(),
            organisations: orgs
                .into_iter()
                .filter_map(|c| org_ref(&c.key, c.name, c.acronym))
                .collect(),
            missions: missions
                .into_iter()
                .filter_map(|c| {
                    Some(shared::MissionLink {
                        id: AdvocacyMissionId::parse(&c.key).ok()?,
                        title: c.name,
                    })
                })
                .collect(),
            trials: cases(trials),
            interventions: cases(interventions),
        })
    }
}
