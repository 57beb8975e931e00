//! The seam for trial observation: trials, hearings, missions, reports.
//! Every method takes the reader's [`Viewer`] and applies the
//! confidentiality rule in its own queries; every write is audited.

use crate::accounts::Actor;
use crate::error::{StoreError, WorkError};
use chrono::{DateTime, Utc};
use shared::{
    CurrentUser, Hearing, HearingFilter, HearingId, Mission, MissionId, MissionPlan, MissionStatus,
    ObserverOption, ObserverRole, Outcome, PersonId, PlanningFlag, Report, ReportDraft, Trial,
    TrialFilter, TrialId, TrialStatus, TrialSummary, Viewer, WorkQueue,
};
use std::sync::Arc;

use crate::observation::api::{TrialFormOptions, TrialLink};

/// What a save of a report draft answers: the new revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    pub revision: u32,
}

/// Trials as the viewer may see them.
/// Implemented in `server/src/store/observation/trials.rs`.
#[async_trait::async_trait]
pub trait Trials: Send + Sync + 'static {
    async fn trials(
        &self,
        viewer: &Viewer,
        filter: &TrialFilter,
    ) -> Result<Vec<TrialSummary>, StoreError>;

    /// `None` when absent or hidden.
    async fn trial(&self, viewer: &Viewer, id: &TrialId) -> Result<Option<Trial>, StoreError>;
}

/// Registering a trial and the people and organisations in it (staff).
/// Implemented in `server/src/store/observation/new_trials.rs`.
#[async_trait::async_trait]
pub trait TrialRegistration: Send + Sync + 'static {
    /// What the trial form offers: defenders and organisations the reader sees.
    async fn trial_form_options(&self, viewer: &Viewer) -> Result<TrialFormOptions, StoreError>;

    /// Registers a trial (pending); answers its id.
    async fn create_trial(
        &self,
        actor: &Actor,
        trial: &shared::NewTrial,
    ) -> Result<TrialId, WorkError>;

    /// Adds a defendant, a defence lawyer or a supporting organisation to a trial.
    async fn link_trial(
        &self,
        actor: &Actor,
        trial: &TrialId,
        link: &TrialLink,
    ) -> Result<(), WorkError>;
}

/// The status and outcome of a trial.
/// Implemented in `server/src/store/observation/outcomes.rs`.
#[async_trait::async_trait]
pub trait Outcomes: Send + Sync + 'static {
    /// Records the status and outcome of a trial (staff).
    async fn record_outcome(
        &self,
        actor: &Actor,
        id: &TrialId,
        status: TrialStatus,
        outcome: Option<Outcome>,
    ) -> Result<(), WorkError>;
}

/// Hearings of the trials the viewer can see, and what happened at them.
/// Implemented in `server/src/store/observation/hearings.rs`.
#[async_trait::async_trait]
pub trait Hearings: Send + Sync + 'static {
    /// Hearings in time order, of trials the viewer can see.
    async fn hearings(
        &self,
        viewer: &Viewer,
        filter: &HearingFilter,
    ) -> Result<Vec<Hearing>, StoreError>;

    async fn hearing(&self, viewer: &Viewer, id: &HearingId)
        -> Result<Option<Hearing>, StoreError>;

    /// Adds a hearing to a trial; answers its id.
    async fn add_hearing(
        &self,
        actor: &Actor,
        hearing: &shared::NewHearing,
    ) -> Result<HearingId, WorkError>;

    /// Records what happened at a hearing, and the next one when set.
    async fn record_hearing(
        &self,
        actor: &Actor,
        record: &shared::HearingRecord,
    ) -> Result<(), WorkError>;
}

/// Observation missions: planning, observers, hearings covered, workflow.
/// Implemented in `server/src/store/observation/missions.rs`.
#[async_trait::async_trait]
pub trait Missions: Send + Sync + 'static {
    async fn mission(&self, viewer: &Viewer, id: &MissionId)
        -> Result<Option<Mission>, StoreError>;

    /// Creates a proposed mission covering one hearing; answers its id.
    async fn plan_mission(&self, actor: &Actor, plan: &MissionPlan)
        -> Result<MissionId, WorkError>;

    /// Adds a person to a mission, or changes their role on it.
    async fn assign_observer(
        &self,
        actor: &Actor,
        mission: &MissionId,
        person: &PersonId,
        role: ObserverRole,
    ) -> Result<(), WorkError>;

    async fn remove_observer(
        &self,
        actor: &Actor,
        mission: &MissionId,
        person: &PersonId,
    ) -> Result<(), WorkError>;

    /// Adds another hearing of the same trial to a mission.
    async fn cover_hearing(
        &self,
        actor: &Actor,
        mission: &MissionId,
        hearing: &HearingId,
    ) -> Result<(), WorkError>;

    /// Moves a mission along its workflow; `from` is the state the actor saw.
    async fn move_mission(
        &self,
        actor: &Actor,
        mission: &MissionId,
        from: MissionStatus,
        to: MissionStatus,
    ) -> Result<(), WorkError>;

    /// People who can be sent on a mission, for the assignment form.
    async fn observer_options(&self, viewer: &Viewer) -> Result<Vec<ObserverOption>, StoreError>;
}

/// The planning aids and the work queue.
/// Implemented in `server/src/store/observation/planning.rs`.
#[async_trait::async_trait]
pub trait Planning: Send + Sync + 'static {
    /// The planning aids over every mission and hearing the viewer can see.
    async fn planning_flags(
        &self,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<Vec<PlanningFlag>, StoreError>;

    async fn work_queue(
        &self,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<WorkQueue, StoreError>;
}

/// Mission reports: drafts, submission, requests for changes.
/// Implemented in `server/src/store/observation/reports.rs`.
#[async_trait::async_trait]
pub trait Reports: Send + Sync + 'static {
    /// The mission's report (an empty draft when nobody started it).
    async fn report(
        &self,
        actor: &Actor,
        mission: &MissionId,
    ) -> Result<Option<Report>, StoreError>;

    /// Saves a draft; refused when `revision` is not the stored one.
    async fn save_report(
        &self,
        actor: &Actor,
        mission: &MissionId,
        draft: &ReportDraft,
        revision: u32,
    ) -> Result<Saved, WorkError>;

    /// Submits it (read-only afterwards); a deployed mission becomes reported.
    async fn submit_report(
        &self,
        actor: &Actor,
        mission: &MissionId,
        draft: &ReportDraft,
        revision: u32,
    ) -> Result<(), WorkError>;

    /// Sends a submitted report back to its observers with a note (staff).
    async fn request_changes(
        &self,
        actor: &Actor,
        mission: &MissionId,
        note: &str,
    ) -> Result<(), WorkError>;
}

/// The secret address of a user's hearings calendar.
/// Implemented in `server/src/store/observation/calendar.rs`.
#[async_trait::async_trait]
pub trait Calendar: Send + Sync + 'static {
    /// A new secret address of the user's hearings calendar; the old one stops working.
    /// `include_restricted`: the feed also carries the restricted hearings
    /// the user may read (off unless asked for).
    async fn renew_calendar_token(
        &self,
        user: &CurrentUser,
        include_restricted: bool,
    ) -> Result<String, StoreError>;
}

/// Everything trial observation asks of the store, as one context value.
pub trait Observation:
    Trials + TrialRegistration + Outcomes + Hearings + Missions + Planning + Reports + Calendar
{
}

impl<T> Observation for T where
    T: Trials + TrialRegistration + Outcomes + Hearings + Missions + Planning + Reports + Calendar
{
}

pub type SharedObservation = Arc<dyn Observation>;
