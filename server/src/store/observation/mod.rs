//! Trial observation's store: trials and their registration, hearings and
//! outcomes, missions and their planning aids, reports, calendar feeds.

pub mod calendar;
pub mod hearings;
pub mod missions;
pub mod new_trials;
pub mod outcomes;
pub mod planning;
pub mod reports;
pub mod trials;

use crate::store::SurrealStore;
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use shared::Viewer;

#[async_trait::async_trait]
impl app::observation::store::Trials for SurrealStore {
    async fn trials(
        &self,
        viewer: &Viewer,
        filter: &shared::TrialFilter,
    ) -> Result<Vec<shared::TrialSummary>, StoreError> {
        self.list_trials(viewer, filter).await
    }

    async fn trial(
        &self,
        viewer: &Viewer,
        id: &shared::TrialId,
    ) -> Result<Option<shared::Trial>, StoreError> {
        self.trial_page(viewer, id).await
    }

    async fn hearings(
        &self,
        viewer: &Viewer,
        filter: &shared::HearingFilter,
    ) -> Result<Vec<shared::Hearing>, StoreError> {
        self.list_hearings(viewer, filter).await
    }

    async fn hearing(
        &self,
        viewer: &Viewer,
        id: &shared::HearingId,
    ) -> Result<Option<shared::Hearing>, StoreError> {
        self.one_hearing(viewer, id).await
    }

    async fn record_outcome(
        &self,
        actor: &Actor,
        id: &shared::TrialId,
        status: shared::TrialStatus,
        outcome: Option<shared::Outcome>,
    ) -> Result<(), WorkError> {
        self.set_outcome(actor, id, status, outcome).await
    }

    async fn trial_form_options(
        &self,
        viewer: &Viewer,
    ) -> Result<app::observation::api::TrialFormOptions, StoreError> {
        self.trial_options(viewer).await
    }

    async fn create_trial(
        &self,
        actor: &Actor,
        trial: &shared::NewTrial,
    ) -> Result<shared::TrialId, WorkError> {
        self.register_trial(actor, trial).await
    }

    async fn link_trial(
        &self,
        actor: &Actor,
        trial: &shared::TrialId,
        link: &app::observation::api::TrialLink,
    ) -> Result<(), WorkError> {
        self.add_to_trial(actor, trial, link).await
    }

    async fn add_hearing(
        &self,
        actor: &Actor,
        hearing: &shared::NewHearing,
    ) -> Result<shared::HearingId, WorkError> {
        self.new_hearing(actor, hearing).await
    }

    async fn record_hearing(
        &self,
        actor: &Actor,
        record: &shared::HearingRecord,
    ) -> Result<(), WorkError> {
        self.hearing_outcome(actor, record).await
    }

    async fn mission(
        &self,
        viewer: &Viewer,
        id: &shared::MissionId,
    ) -> Result<Option<shared::Mission>, StoreError> {
        self.mission_page(viewer, id).await
    }

    async fn plan_mission(
        &self,
        actor: &Actor,
        plan: &shared::MissionPlan,
    ) -> Result<shared::MissionId, WorkError> {
        self.plan(actor, plan).await
    }

    async fn assign_observer(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        person: &shared::PersonId,
        role: shared::ObserverRole,
    ) -> Result<(), WorkError> {
        self.assign(actor, mission, person, role).await
    }

    async fn remove_observer(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        person: &shared::PersonId,
    ) -> Result<(), WorkError> {
        self.unassign(actor, mission, person).await
    }

    async fn cover_hearing(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        hearing: &shared::HearingId,
    ) -> Result<(), WorkError> {
        self.cover(actor, mission, hearing).await
    }

    async fn move_mission(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        from: shared::MissionStatus,
        to: shared::MissionStatus,
    ) -> Result<(), WorkError> {
        self.move_to(actor, mission, from, to).await
    }

    async fn observer_options(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::ObserverOption>, StoreError> {
        self.observer_list(viewer).await
    }

    async fn planning_flags(
        &self,
        viewer: &Viewer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<shared::PlanningFlag>, StoreError> {
        self.flags(viewer, now).await
    }

    async fn work_queue(
        &self,
        viewer: &Viewer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<shared::WorkQueue, StoreError> {
        self.queue(viewer, now).await
    }

    async fn report(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
    ) -> Result<Option<shared::Report>, StoreError> {
        self.mission_report(actor, mission).await
    }

    async fn save_report(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        draft: &shared::ReportDraft,
        revision: u32,
    ) -> Result<app::observation::store::Saved, WorkError> {
        self.save_draft(actor, mission, draft, revision).await
    }

    async fn submit_report(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        draft: &shared::ReportDraft,
        revision: u32,
    ) -> Result<(), WorkError> {
        self.submit(actor, mission, draft, revision).await
    }

    async fn request_changes(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        note: &str,
    ) -> Result<(), WorkError> {
        self.send_back(actor, mission, note).await
    }

    async fn renew_calendar_token(&self, user: &shared::CurrentUser) -> Result<String, StoreError> {
        self.renew_calendar(user).await
    }
}
