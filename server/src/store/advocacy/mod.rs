//! Advocacy records: events and advocacy missions with their follow-ups,
//! interventions, campaigns, grants and the annual figures. Reads filter by
//! the viewer inside the query; writes are one transaction with their audit
//! event, and nobody creates a record more closed than they may read.

mod campaigns;
mod events;
mod figures;
mod interventions;

use super::{internal, SurrealStore};
use crate::store::observation::trials::{random_suffix, refused};
use app::accounts::Actor;
use app::advocacy::api::{AdvocacyOptions, EventFilter, InterventionLink};
use app::error::StoreError;
use app::error::WorkError;
use chrono::NaiveDate;
use shared::{
    AdvocacyMission, AdvocacyMissionId, AdvocacyOverview, Campaign, CampaignAction, CampaignId,
    CampaignSummary, CaseRef, Event, EventId, Figures, FollowUp, FollowUpId, Grant, Intervention,
    InterventionFilter, InterventionId, InterventionProgress, InterventionSummary,
    NewAdvocacyMission, NewCampaign, NewEvent, NewFollowUp, NewIntervention, OrgId,
    ParticipantRole, PersonId, PlanItem, Problem, Viewer, Visibility,
};
use surrealdb::types::{RecordId, SurrealValue};

/// A record the viewer may read.
const READABLE: &str = "(visibility IN $vis OR id IN $granted)";

fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

fn visibility(raw: &str) -> Visibility {
    crate::store::observation::trials::visibility(raw)
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

/// Refuses a visibility the actor could not read back.
fn within_clearance(actor: &Actor, level: Visibility) -> Result<(), WorkError> {
    if actor.viewer.can_read(level) {
        Ok(())
    } else {
        Err(refused(
            "visibility",
            Problem::NotOneOf {
                allowed: Visibility::ALL
                    .iter()
                    .filter(|v| actor.viewer.can_read(**v))
                    .map(|v| v.as_str().to_owned())
                    .collect(),
            },
            level.as_str(),
        ))
    }
}

impl SurrealStore {
    /// Refuses a well-formed code that names no country (`XX`).
    fn known_country(&self, code: &shared::CountryCode) -> Result<(), WorkError> {
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
    async fn readable_level(
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
    async fn level_of_choice(
        &self,
        actor: &Actor,
        field: &str,
        record: RecordId,
    ) -> Result<Visibility, WorkError> {
        let key = crate::store::observation::trials::key_of(&record);
        self.readable_level(&actor.viewer, record)
            .await?
            .ok_or_else(|| refused(field, Problem::Required, &key))
    }

    async fn advocacy_choices(&self, viewer: &Viewer) -> Result<AdvocacyOptions, StoreError> {
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
                .filter_map(|c| crate::store::observation::trials::person_ref(&c.key, c.name))
                .collect(),
            organisations: orgs
                .into_iter()
                .filter_map(|c| {
                    Some(shared::OrgRef {
                        id: OrgId::parse(&c.key).ok()?,
                        name: c.name,
                        acronym: c.acronym,
                    })
                })
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

#[async_trait::async_trait]
impl app::advocacy::store::Advocacy for SurrealStore {
    async fn overview(
        &self,
        viewer: &Viewer,
        filter: &EventFilter,
    ) -> Result<AdvocacyOverview, StoreError> {
        self.advocacy_overview(viewer, filter).await
    }

    async fn event(&self, viewer: &Viewer, id: &EventId) -> Result<Option<Event>, StoreError> {
        self.event_page(viewer, id).await
    }

    async fn advocacy_mission(
        &self,
        viewer: &Viewer,
        id: &AdvocacyMissionId,
    ) -> Result<Option<AdvocacyMission>, StoreError> {
        self.advocacy_mission_page(viewer, id).await
    }

    async fn open_next_steps(&self, viewer: &Viewer) -> Result<Vec<FollowUp>, StoreError> {
        self.next_steps(viewer).await
    }

    async fn advocacy_options(&self, viewer: &Viewer) -> Result<AdvocacyOptions, StoreError> {
        self.advocacy_choices(viewer).await
    }

    async fn create_event(&self, actor: &Actor, event: &NewEvent) -> Result<EventId, WorkError> {
        self.new_event(actor, event).await
    }

    async fn add_participant(
        &self,
        actor: &Actor,
        event: &EventId,
        person: &PersonId,
        role: ParticipantRole,
    ) -> Result<(), WorkError> {
        self.participant(actor, event, person, role).await
    }

    async fn add_organiser(
        &self,
        actor: &Actor,
        event: &EventId,
        organisation: &OrgId,
    ) -> Result<(), WorkError> {
        self.organiser(actor, event, organisation).await
    }

    async fn add_follow_up(
        &self,
        actor: &Actor,
        event: &EventId,
        follow_up: &NewFollowUp,
    ) -> Result<FollowUpId, WorkError> {
        self.new_follow_up(actor, event, follow_up).await
    }

    async fn complete_follow_up(
        &self,
        actor: &Actor,
        id: &FollowUpId,
        on: NaiveDate,
    ) -> Result<(), WorkError> {
        self.follow_up_done(actor, id, on).await
    }

    async fn create_advocacy_mission(
        &self,
        actor: &Actor,
        mission: &NewAdvocacyMission,
    ) -> Result<AdvocacyMissionId, WorkError> {
        self.new_advocacy_mission(actor, mission).await
    }

    async fn add_plan_item(
        &self,
        actor: &Actor,
        mission: &AdvocacyMissionId,
        item: &PlanItem,
    ) -> Result<(), WorkError> {
        self.plan_item(actor, mission, item).await
    }

    async fn set_check(
        &self,
        actor: &Actor,
        mission: &AdvocacyMissionId,
        index: usize,
        done: bool,
    ) -> Result<(), WorkError> {
        self.check_item(actor, mission, index, done).await
    }

    async fn interventions(
        &self,
        viewer: &Viewer,
        filter: &InterventionFilter,
    ) -> Result<Vec<InterventionSummary>, StoreError> {
        self.list_interventions(viewer, filter).await
    }

    async fn intervention(
        &self,
        viewer: &Viewer,
        id: &InterventionId,
    ) -> Result<Option<Intervention>, StoreError> {
        self.intervention_page(viewer, id).await
    }

    async fn create_intervention(
        &self,
        actor: &Actor,
        intervention: &NewIntervention,
    ) -> Result<InterventionId, WorkError> {
        self.new_intervention(actor, intervention).await
    }

    async fn link_intervention(
        &self,
        actor: &Actor,
        id: &InterventionId,
        link: &InterventionLink,
    ) -> Result<(), WorkError> {
        self.intervention_link(actor, id, link).await
    }

    async fn record_progress(
        &self,
        actor: &Actor,
        id: &InterventionId,
        progress: &InterventionProgress,
    ) -> Result<(), WorkError> {
        self.intervention_progress(actor, id, progress).await
    }

    async fn campaigns(&self, viewer: &Viewer) -> Result<Vec<CampaignSummary>, StoreError> {
        self.list_campaigns(viewer).await
    }

    async fn campaign(
        &self,
        viewer: &Viewer,
        id: &CampaignId,
    ) -> Result<Option<Campaign>, StoreError> {
        self.campaign_page(viewer, id).await
    }

    async fn create_campaign(
        &self,
        actor: &Actor,
        campaign: &NewCampaign,
    ) -> Result<CampaignId, WorkError> {
        self.new_campaign(actor, campaign).await
    }

    async fn feature_case(
        &self,
        actor: &Actor,
        campaign: &CampaignId,
        case: &CaseRef,
    ) -> Result<(), WorkError> {
        self.feature(actor, campaign, case).await
    }

    async fn add_campaign_action(
        &self,
        actor: &Actor,
        campaign: &CampaignId,
        action: &CampaignAction,
    ) -> Result<(), WorkError> {
        self.campaign_action(actor, campaign, action).await
    }

    async fn grants(&self, viewer: &Viewer, year: Option<i32>) -> Result<Vec<Grant>, StoreError> {
        self.list_grants(viewer, year).await
    }

    async fn figures(&self, viewer: &Viewer, year: Option<i32>) -> Result<Figures, StoreError> {
        self.annual_figures(viewer, year).await
    }
}
