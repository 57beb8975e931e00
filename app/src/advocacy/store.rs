//! The seam for advocacy: events, advocacy missions, follow-ups,
//! interventions, campaigns, grants and the annual figures. Every read takes
//! the reader's [`Viewer`]; every write an [`Actor`] and is audited.

use crate::accounts::Actor;
use crate::error::StoreError;
use crate::error::WorkError;
use chrono::NaiveDate;
use shared::{
    AdvocacyMission, AdvocacyMissionId, AdvocacyOverview, Campaign, CampaignAction, CampaignId,
    CampaignSummary, CaseRef, Event, EventId, Figures, FollowUp, FollowUpId, Grant, Intervention,
    InterventionFilter, InterventionId, InterventionProgress, InterventionSummary,
    NewAdvocacyMission, NewCampaign, NewEvent, NewFollowUp, NewIntervention, OrgId,
    ParticipantRole, PersonId, PlanItem, Viewer,
};
use std::sync::Arc;

pub use crate::advocacy::api::{AdvocacyOptions, EventFilter, InterventionLink};

/// Advocacy events (UN sessions, side events, delegations) with their participants and follow-ups, and advocacy missions with their plans.
/// Implemented in `server/src/store/advocacy/events.rs`.
#[async_trait::async_trait]
pub trait Events: Send + Sync + 'static {
    async fn overview(
        &self,
        viewer: &Viewer,
        filter: &EventFilter,
    ) -> Result<AdvocacyOverview, StoreError>;

    async fn event(&self, viewer: &Viewer, id: &EventId) -> Result<Option<Event>, StoreError>;

    /// Next steps not done yet, earliest due first.
    async fn open_next_steps(&self, viewer: &Viewer) -> Result<Vec<FollowUp>, StoreError>;

    async fn create_event(&self, actor: &Actor, event: &NewEvent) -> Result<EventId, WorkError>;

    async fn add_participant(
        &self,
        actor: &Actor,
        event: &EventId,
        person: &PersonId,
        role: ParticipantRole,
    ) -> Result<(), WorkError>;

    async fn add_organiser(
        &self,
        actor: &Actor,
        event: &EventId,
        organisation: &OrgId,
    ) -> Result<(), WorkError>;

    async fn add_follow_up(
        &self,
        actor: &Actor,
        event: &EventId,
        follow_up: &NewFollowUp,
    ) -> Result<FollowUpId, WorkError>;

    async fn complete_follow_up(
        &self,
        actor: &Actor,
        id: &FollowUpId,
        on: NaiveDate,
    ) -> Result<(), WorkError>;

    async fn advocacy_mission(
        &self,
        viewer: &Viewer,
        id: &AdvocacyMissionId,
    ) -> Result<Option<AdvocacyMission>, StoreError>;

    async fn create_advocacy_mission(
        &self,
        actor: &Actor,
        mission: &NewAdvocacyMission,
    ) -> Result<AdvocacyMissionId, WorkError>;

    async fn add_plan_item(
        &self,
        actor: &Actor,
        mission: &AdvocacyMissionId,
        item: &PlanItem,
    ) -> Result<(), WorkError>;

    /// Ticks or unticks checklist item `index`.
    async fn set_check(
        &self,
        actor: &Actor,
        mission: &AdvocacyMissionId,
        index: usize,
        done: bool,
    ) -> Result<(), WorkError>;
}

/// Urgent interventions and rapid responses for defenders, their links and progress.
/// Implemented in `server/src/store/advocacy/interventions.rs`.
#[async_trait::async_trait]
pub trait Interventions: Send + Sync + 'static {
    async fn interventions(
        &self,
        viewer: &Viewer,
        filter: &InterventionFilter,
    ) -> Result<Vec<InterventionSummary>, StoreError>;

    async fn intervention(
        &self,
        viewer: &Viewer,
        id: &InterventionId,
    ) -> Result<Option<Intervention>, StoreError>;

    async fn create_intervention(
        &self,
        actor: &Actor,
        intervention: &NewIntervention,
    ) -> Result<InterventionId, WorkError>;

    async fn link_intervention(
        &self,
        actor: &Actor,
        id: &InterventionId,
        link: &InterventionLink,
    ) -> Result<(), WorkError>;

    async fn record_progress(
        &self,
        actor: &Actor,
        id: &InterventionId,
        progress: &InterventionProgress,
    ) -> Result<(), WorkError>;
}

/// Campaigns, the cases they feature and their actions.
/// Implemented in `server/src/store/advocacy/campaigns.rs`.
#[async_trait::async_trait]
pub trait Campaigns: Send + Sync + 'static {
    async fn campaigns(&self, viewer: &Viewer) -> Result<Vec<CampaignSummary>, StoreError>;

    async fn campaign(
        &self,
        viewer: &Viewer,
        id: &CampaignId,
    ) -> Result<Option<Campaign>, StoreError>;

    async fn create_campaign(
        &self,
        actor: &Actor,
        campaign: &NewCampaign,
    ) -> Result<CampaignId, WorkError>;

    async fn feature_case(
        &self,
        actor: &Actor,
        campaign: &CampaignId,
        case: &CaseRef,
    ) -> Result<(), WorkError>;

    async fn add_campaign_action(
        &self,
        actor: &Actor,
        campaign: &CampaignId,
        action: &CampaignAction,
    ) -> Result<(), WorkError>;
}

/// Support grants and the annual figures.
/// Implemented in `server/src/store/advocacy/figures.rs`.
#[async_trait::async_trait]
pub trait AnnualFigures: Send + Sync + 'static {
    async fn grants(&self, viewer: &Viewer, year: Option<i32>) -> Result<Vec<Grant>, StoreError>;

    /// The figures of `year`; without one, of the latest year with
    /// interventions the viewer may see.
    async fn figures(&self, viewer: &Viewer, year: Option<i32>) -> Result<Figures, StoreError>;
}

/// What the advocacy forms offer to choose from.
/// Implemented in `server/src/store/advocacy/mod.rs`.
#[async_trait::async_trait]
pub trait FormOptions: Send + Sync + 'static {
    async fn advocacy_options(&self, viewer: &Viewer) -> Result<AdvocacyOptions, StoreError>;
}

/// Everything this feature asks of the store, as one context value.
pub trait Advocacy: Events + Interventions + Campaigns + AnnualFigures + FormOptions {}

impl<T> Advocacy for T where T: Events + Interventions + Campaigns + AnnualFigures + FormOptions {}

pub type SharedAdvocacy = Arc<dyn Advocacy>;
