//! Server functions of trial observation: trials, the hearings calendar,
//! missions, the work queue and reports. Thin: who is asking, is the input
//! valid, one store call.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use shared::{
    Hearing, Mission, ObserverOption, PlanningFlag, Report, ReportDraft, Trial, TrialSummary,
    WorkQueue,
};

/// A trial page: the trial and what the reader may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrialView {
    pub trial: Trial,
    pub may_plan: bool,
    /// Who can be added to the trial, for those who may.
    pub options: Option<crate::observation::api::TrialFormOptions>,
}

/// A mission page: the mission, the warnings about it, and the people who
/// can be added to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissionView {
    pub mission: Mission,
    pub flags: Vec<PlanningFlag>,
    pub candidates: Vec<ObserverOption>,
    pub may_plan: bool,
}

/// The planning form's starting point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub hearing: Hearing,
    pub organisations: Vec<shared::OrgRef>,
}

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::accounts::store::SessionInfo;
    use crate::accounts::Actor;
    use crate::error::AppError;
    use crate::observation::store::SharedObservation;
    use leptos::prelude::*;

    pub fn observation() -> Result<SharedObservation, AppError> {
        use_context::<SharedObservation>().ok_or_else(|| {
            tracing::error!("no trial store in the request context");
            AppError::Internal
        })
    }

    pub fn actor_of(session: SessionInfo) -> Actor {
        Actor {
            viewer: session.viewer(),
            user: session.user,
            address: crate::accounts::auth::context::client_address(),
        }
    }

    /// A signed-in user of any role.
    pub fn signed_in() -> Result<Actor, AppError> {
        crate::accounts::auth::context::session()
            .map(actor_of)
            .ok_or(AppError::SignInRequired)
    }

    /// Staff and admins plan missions and record outcomes.
    pub fn planner() -> Result<Actor, AppError> {
        let actor = signed_in()?;
        if actor.user.role.plans_missions() {
            Ok(actor)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn may_plan() -> bool {
        crate::accounts::auth::context::session().is_some_and(|s| s.user.role.plans_missions())
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn parse<T>(r: Result<T, shared::ValidationError>) -> Result<T, AppError> {
    r.map_err(|e| AppError::Invalid(vec![e]))
}

#[cfg(feature = "ssr")]
pub(crate) fn not_found<T>(r: Result<T, shared::ValidationError>) -> Result<T, AppError> {
    r.map_err(|_| AppError::NotFound)
}

#[server(input = Json, endpoint = "trials")]
pub async fn fetch_trials(
    country: Option<String>,
    status: Option<String>,
) -> Result<Vec<TrialSummary>, AppError> {
    let filter = shared::TrialFilter {
        country: country
            .filter(|c| !c.is_empty())
            .map(|c| shared::CountryCode::parse(&c))
            .transpose()?,
        status: status
            .filter(|s| !s.is_empty())
            .map(|s| shared::TrialStatus::parse(&s))
            .transpose()?,
    };
    let viewer = crate::accounts::auth::context::viewer();
    Ok(context::observation()?.trials(&viewer, &filter).await?)
}

#[server(input = Json, endpoint = "trial")]
pub async fn fetch_trial(id: String) -> Result<TrialView, AppError> {
    let id = not_found(shared::TrialId::parse(&id))?;
    let viewer = crate::accounts::auth::context::viewer();
    let trial = context::observation()?
        .trial(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("trial:{id}"), trial.visibility).await?;
    crate::accounts::access_log::embedded_reads(shared::LinkedRecords::linked_records(&trial))
        .await?;
    let may_plan = context::may_plan();
    let options = if may_plan {
        Some(context::observation()?.trial_form_options(&viewer).await?)
    } else {
        None
    };
    Ok(TrialView {
        trial,
        may_plan,
        options,
    })
}

/// One hearing, as the calendar and its trial's page show it.
#[server(input = Json, endpoint = "hearing")]
pub async fn fetch_hearing(id: String) -> Result<Hearing, AppError> {
    let id = not_found(shared::HearingId::parse(&id))?;
    let viewer = crate::accounts::auth::context::viewer();
    let hearing = context::observation()?
        .hearing(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("hearing:{id}"), hearing.visibility)
        .await?;
    // It names its trial (case, court), which may be more closed.
    crate::accounts::access_log::embedded_reads([format!("trial:{}", hearing.trial)]).await?;
    Ok(hearing)
}

/// Hearings of one month (in UTC days), filtered like the calendar's form.
#[server(input = Json, endpoint = "hearings")]
pub async fn fetch_hearings(
    month: shared::Month,
    country: Option<String>,
    status: Option<String>,
) -> Result<Vec<Hearing>, AppError> {
    use chrono::{TimeZone, Utc};
    let start = |m: shared::Month| {
        Utc.from_utc_datetime(&m.first_day().and_hms_opt(0, 0, 0).expect("midnight"))
    };
    let filter = shared::HearingFilter {
        from: Some(start(month)),
        to: Some(start(month.next())),
        country: country
            .filter(|c| !c.is_empty())
            .map(|c| shared::CountryCode::parse(&c))
            .transpose()?,
        status: status
            .filter(|s| !s.is_empty())
            .map(|s| shared::TrialStatus::parse(&s))
            .transpose()?,
    };
    let viewer = crate::accounts::auth::context::viewer();
    Ok(context::observation()?.hearings(&viewer, &filter).await?)
}

#[server(input = Json, endpoint = "mission")]
pub async fn fetch_mission(id: String) -> Result<MissionView, AppError> {
    let id = not_found(shared::MissionId::parse(&id))?;
    let actor = context::signed_in()?;
    let trials = context::observation()?;
    let mission = trials
        .mission(&actor.viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("mission:{id}"), mission.visibility)
        .await?;
    crate::accounts::access_log::embedded_reads(shared::LinkedRecords::linked_records(&mission))
        .await?;
    let may_plan = actor.user.role.plans_missions();
    let flags = trials
        .planning_flags(&actor.viewer, chrono::Utc::now())
        .await?
        .into_iter()
        .filter(|f| f.is_about(&id))
        .collect();
    let candidates = if may_plan {
        trials.observer_options(&actor.viewer).await?
    } else {
        Vec::new()
    };
    Ok(MissionView {
        mission,
        flags,
        candidates,
        may_plan,
    })
}

#[server(input = Json, endpoint = "mission-plan-view")]
pub async fn fetch_plan_view(hearing: String) -> Result<PlanView, AppError> {
    let id = not_found(shared::HearingId::parse(&hearing))?;
    let actor = context::planner()?;
    let trials = context::observation()?;
    let hearing = trials
        .hearing(&actor.viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let trial = trials
        .trial(&actor.viewer, &hearing.trial)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("trial:{}", trial.id), trial.visibility)
        .await?;
    Ok(PlanView {
        hearing,
        organisations: trial.supporters,
    })
}

#[server(endpoint = "mission-plan")]
pub async fn plan_mission(form: shared::MissionPlanForm) -> Result<(), AppError> {
    let actor = context::planner()?;
    let plan = form.check().map_err(AppError::Invalid)?;
    let id = context::observation()?.plan_mission(&actor, &plan).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

#[server(endpoint = "mission-observer")]
pub async fn assign_observer(
    mission: String,
    person: String,
    role: String,
) -> Result<(), AppError> {
    let actor = context::planner()?;
    let id = not_found(shared::MissionId::parse(&mission))?;
    let person = parse(shared::PersonId::parse(&person).map_err(|e| e.at("person")))?;
    let role = parse(shared::ObserverRole::parse(&role))?;
    context::observation()?
        .assign_observer(&actor, &id, &person, role)
        .await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

#[server(endpoint = "mission-observer-remove")]
pub async fn remove_observer(mission: String, person: String) -> Result<(), AppError> {
    let actor = context::planner()?;
    let id = not_found(shared::MissionId::parse(&mission))?;
    let person = parse(shared::PersonId::parse(&person).map_err(|e| e.at("person")))?;
    context::observation()?
        .remove_observer(&actor, &id, &person)
        .await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

#[server(endpoint = "mission-cover")]
pub async fn cover_hearing(mission: String, hearing: String) -> Result<(), AppError> {
    let actor = context::planner()?;
    let id = not_found(shared::MissionId::parse(&mission))?;
    let hearing = parse(shared::HearingId::parse(&hearing).map_err(|e| e.at("hearing")))?;
    context::observation()?
        .cover_hearing(&actor, &id, &hearing)
        .await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

#[server(endpoint = "mission-move")]
pub async fn move_mission(mission: String, from: String, to: String) -> Result<(), AppError> {
    let actor = context::planner()?;
    let id = not_found(shared::MissionId::parse(&mission))?;
    let from = parse(shared::MissionStatus::parse(&from))?;
    let to = parse(shared::MissionStatus::parse(&to))?;
    context::observation()?
        .move_mission(&actor, &id, from, to)
        .await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

#[server(endpoint = "trial-outcome")]
pub async fn record_outcome(
    trial: String,
    status: String,
    outcome: String,
    sentence: String,
    decided_on: String,
) -> Result<(), AppError> {
    let actor = context::planner()?;
    let id = not_found(shared::TrialId::parse(&trial))?;
    let (status, outcome) = shared::parse_outcome(&status, &outcome, &sentence, &decided_on)
        .map_err(AppError::Invalid)?;
    context::observation()?
        .record_outcome(&actor, &id, status, outcome)
        .await?;
    leptos_axum::redirect(&format!("/trials/{id}?saved=1"));
    Ok(())
}

#[server(input = Json, endpoint = "trial-form")]
pub async fn fetch_trial_form() -> Result<crate::observation::api::TrialFormOptions, AppError> {
    let actor = context::planner()?;
    Ok(context::observation()?
        .trial_form_options(&actor.viewer)
        .await?)
}

#[server(endpoint = "trial-create")]
pub async fn create_trial(form: shared::TrialForm) -> Result<(), AppError> {
    let actor = context::planner()?;
    let new = form.check().map_err(AppError::Invalid)?;
    let id = context::observation()?.create_trial(&actor, &new).await?;
    leptos_axum::redirect(&format!("/trials/{id}"));
    Ok(())
}

#[server(endpoint = "trial-link")]
pub async fn link_trial(trial: String, link: String) -> Result<(), AppError> {
    let actor = context::planner()?;
    let id = not_found(shared::TrialId::parse(&trial))?;
    let link = parse(crate::observation::api::TrialLink::parse(&link))?;
    context::observation()?
        .link_trial(&actor, &id, &link)
        .await?;
    leptos_axum::redirect(&format!("/trials/{id}?saved=1"));
    Ok(())
}

/// Adds a hearing to a trial; answers its key.
#[server(endpoint = "hearing-add")]
pub async fn add_hearing(form: shared::HearingForm) -> Result<String, AppError> {
    let actor = context::planner()?;
    let new = form.check().map_err(AppError::Invalid)?;
    let id = context::observation()?.add_hearing(&actor, &new).await?;
    leptos_axum::redirect(&format!("/trials/{}?saved=1", new.trial));
    Ok(id.to_string())
}

#[server(endpoint = "hearing-record")]
pub async fn record_hearing(form: shared::HearingRecordForm) -> Result<(), AppError> {
    let actor = context::planner()?;
    let record = form.check().map_err(AppError::Invalid)?;
    let trials = context::observation()?;
    let trial = trials
        .hearing(&actor.viewer, &record.hearing)
        .await?
        .ok_or(AppError::NotFound)?
        .trial;
    trials.record_hearing(&actor, &record).await?;
    leptos_axum::redirect(&format!("/trials/{trial}?saved=1"));
    Ok(())
}

#[server(input = Json, endpoint = "work-queue")]
pub async fn fetch_work_queue() -> Result<WorkQueue, AppError> {
    let actor = context::planner()?;
    Ok(context::observation()?
        .work_queue(&actor.viewer, chrono::Utc::now())
        .await?)
}

#[server(input = Json, endpoint = "report")]
pub async fn fetch_report(mission: String) -> Result<Report, AppError> {
    let id = not_found(shared::MissionId::parse(&mission))?;
    let actor = context::signed_in()?;
    let report = context::observation()?
        .report(&actor, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("mission:{id}"), report.visibility)
        .await?;
    Ok(report)
}

#[server(input = Json, endpoint = "report-save")]
pub async fn save_report(
    mission: String,
    draft: ReportDraft,
    revision: u32,
) -> Result<u32, AppError> {
    let id = not_found(shared::MissionId::parse(&mission))?;
    let actor = context::signed_in()?;
    Ok(context::observation()?
        .save_report(&actor, &id, &draft, revision)
        .await?
        .revision)
}

#[server(input = Json, endpoint = "report-submit")]
pub async fn submit_report(
    mission: String,
    draft: ReportDraft,
    revision: u32,
) -> Result<(), AppError> {
    let id = not_found(shared::MissionId::parse(&mission))?;
    let actor = context::signed_in()?;
    context::observation()?
        .submit_report(&actor, &id, &draft, revision)
        .await?;
    Ok(())
}

#[server(endpoint = "report-changes")]
pub async fn request_changes(mission: String, note: String) -> Result<(), AppError> {
    let id = not_found(shared::MissionId::parse(&mission))?;
    let actor = context::planner()?;
    context::observation()?
        .request_changes(&actor, &id, &note)
        .await?;
    leptos_axum::redirect(&format!("/missions/{id}/report"));
    Ok(())
}

/// A new secret address for the user's calendar; answers its path.
/// `restricted` (a checkbox): the feed also carries restricted hearings.
#[server(endpoint = "calendar-renew")]
pub async fn renew_calendar(restricted: Option<String>) -> Result<String, AppError> {
    let actor = context::signed_in()?;
    let token = context::observation()?
        .renew_calendar_token(&actor.user, restricted.is_some())
        .await?;
    Ok(format!("/calendar/{token}.ics"))
}

/// The choices of the trial registration form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TrialFormOptions {
    pub defendants: Vec<shared::PersonRef>,
    pub lawyers: Vec<shared::PersonRef>,
    pub organisations: Vec<shared::OrgRef>,
}

/// Who or what joins a trial.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TrialLink {
    Defendant(shared::PersonId),
    Lawyer(shared::PersonId),
    Supporter(shared::OrgId),
}

impl TrialLink {
    /// Reads the form's `defendant:key`, `lawyer:key` or `supporter:key`.
    pub fn parse(raw: &str) -> Result<Self, shared::ValidationError> {
        let bad = || {
            shared::ValidationError::new("link", shared::Problem::BadCharacters)
                .with_value(raw.trim())
        };
        let (kind, key) = raw.trim().split_once(':').ok_or_else(bad)?;
        match kind {
            "defendant" => shared::PersonId::parse(key)
                .map(Self::Defendant)
                .map_err(|_| bad()),
            "lawyer" => shared::PersonId::parse(key)
                .map(Self::Lawyer)
                .map_err(|_| bad()),
            "supporter" => shared::OrgId::parse(key)
                .map(Self::Supporter)
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_its_kind_and_key() {
        assert_eq!(
            TrialLink::parse("defendant:eren-keskin").unwrap(),
            TrialLink::Defendant(shared::PersonId::parse("eren-keskin").unwrap())
        );
        assert!(matches!(
            TrialLink::parse("supporter:omct"),
            Ok(TrialLink::Supporter(_))
        ));
        for bad in ["", "judge:x", "lawyer:Bad Key", "omct"] {
            assert_eq!(TrialLink::parse(bad).unwrap_err().field, "link", "{bad}");
        }
    }
}
