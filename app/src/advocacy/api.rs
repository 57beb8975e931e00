//! Server functions of advocacy: events and advocacy missions, follow-ups,
//! interventions, campaigns, grants and the annual figures. Thin: who is
//! asking, is the input valid, one store call.

use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use shared::{
    AdvocacyMission, AdvocacyOverview, Campaign, CampaignSummary, Event, Figures, FollowUp, Grant,
    Intervention, InterventionSummary,
};

/// The advocacy overview and, for those who run advocacy, their next steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewView {
    pub overview: AdvocacyOverview,
    pub next_steps: Vec<FollowUp>,
    pub may_edit: bool,
    pub today: NaiveDate,
}

/// A record page: the record, whether the reader may change it, and what
/// the forms offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Editable<T> {
    pub record: T,
    pub may_edit: bool,
    pub options: Option<AdvocacyOptions>,
    pub today: NaiveDate,
}

#[cfg(feature = "ssr")]
mod context {
    use crate::accounts::Actor;
    use crate::advocacy::store::SharedAdvocacy;
    use crate::error::AppError;
    use leptos::prelude::*;

    pub fn advocacy() -> Result<SharedAdvocacy, AppError> {
        use_context::<SharedAdvocacy>().ok_or_else(|| {
            tracing::error!("no advocacy store in the request context");
            AppError::Internal
        })
    }

    /// Campaigners, staff and admins.
    pub fn campaigner() -> Result<Actor, AppError> {
        let actor = crate::observation::api::context::signed_in()?;
        if actor.user.role.runs_advocacy() {
            Ok(actor)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn may_edit() -> bool {
        crate::accounts::auth::context::session().is_some_and(|s| s.user.role.runs_advocacy())
    }

    pub fn today() -> chrono::NaiveDate {
        chrono::Utc::now().date_naive()
    }
}

#[cfg(feature = "ssr")]
use crate::observation::api::{not_found, parse};

#[cfg(feature = "ssr")]
fn year_of(raw: Option<String>) -> Result<Option<i32>, AppError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (1985..=2100).contains(y))
            .map(Some)
            .ok_or_else(|| {
                AppError::Invalid(vec![shared::ValidationError::new(
                    "year",
                    shared::Problem::YearOutOfRange {
                        min: 1985,
                        max: 2100,
                    },
                )
                .with_value(y)])
            }),
    }
}

/// A record page for this reader: may they edit it, and with which choices.
#[cfg(feature = "ssr")]
async fn editable<T>(record: T, with_options: bool) -> Result<Editable<T>, AppError> {
    let may_edit = context::may_edit();
    Ok(Editable {
        record,
        may_edit,
        options: options_if(may_edit && with_options).await?,
        today: context::today(),
    })
}

#[cfg(feature = "ssr")]
async fn options_if(may_edit: bool) -> Result<Option<AdvocacyOptions>, AppError> {
    if may_edit {
        let viewer = crate::accounts::auth::context::viewer();
        Ok(Some(context::advocacy()?.advocacy_options(&viewer).await?))
    } else {
        Ok(None)
    }
}

#[server(input = Json, endpoint = "advocacy")]
pub async fn fetch_overview(
    year: Option<String>,
    region: Option<String>,
) -> Result<OverviewView, AppError> {
    let filter = crate::advocacy::api::EventFilter {
        year: year_of(year)?,
        region: region
            .filter(|r| !r.is_empty())
            .map(|r| shared::Region::parse(&r))
            .transpose()?,
    };
    let viewer = crate::accounts::auth::context::viewer();
    let store = context::advocacy()?;
    let may_edit = context::may_edit();
    let next_steps = if may_edit {
        store.open_next_steps(&viewer).await?
    } else {
        Vec::new()
    };
    Ok(OverviewView {
        overview: store.overview(&viewer, &filter).await?,
        next_steps,
        may_edit,
        today: context::today(),
    })
}

#[server(input = Json, endpoint = "advocacy-event")]
pub async fn fetch_event(id: String) -> Result<Editable<Event>, AppError> {
    let id = not_found(shared::EventId::parse(&id))?;
    let viewer = crate::accounts::auth::context::viewer();
    let record = context::advocacy()?
        .event(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(
        format!("advocacy_event:{id}"),
        record.summary.visibility,
    )
    .await?;
    crate::accounts::access_log::embedded_reads(shared::LinkedRecords::linked_records(&record))
        .await?;
    editable(record, true).await
}

#[server(input = Json, endpoint = "advocacy-mission")]
pub async fn fetch_advocacy_mission(id: String) -> Result<Editable<AdvocacyMission>, AppError> {
    let id = not_found(shared::AdvocacyMissionId::parse(&id))?;
    let viewer = crate::accounts::auth::context::viewer();
    let record = context::advocacy()?
        .advocacy_mission(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(
        format!("advocacy_mission:{id}"),
        record.visibility,
    )
    .await?;
    editable(record, false).await
}

#[server(input = Json, endpoint = "advocacy-options")]
pub async fn fetch_advocacy_options() -> Result<AdvocacyOptions, AppError> {
    let actor = context::campaigner()?;
    Ok(context::advocacy()?.advocacy_options(&actor.viewer).await?)
}

#[server(input = Json, endpoint = "next-steps")]
pub async fn fetch_next_steps() -> Result<(Vec<FollowUp>, NaiveDate), AppError> {
    let actor = context::campaigner()?;
    Ok((
        context::advocacy()?.open_next_steps(&actor.viewer).await?,
        context::today(),
    ))
}

#[server(endpoint = "advocacy-event-create")]
pub async fn create_event(form: shared::EventForm) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let new = form.check().map_err(AppError::Invalid)?;
    let id = context::advocacy()?.create_event(&actor, &new).await?;
    leptos_axum::redirect(&format!("/advocacy/events/{id}"));
    Ok(())
}

#[server(endpoint = "advocacy-event-participant")]
pub async fn add_participant(event: String, person: String, role: String) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::EventId::parse(&event))?;
    let person = parse(shared::PersonId::parse(&person).map_err(|e| e.at("person")))?;
    let role = parse(shared::ParticipantRole::parse(&role).map_err(|e| e.at("role")))?;
    context::advocacy()?
        .add_participant(&actor, &id, &person, role)
        .await?;
    leptos_axum::redirect(&format!("/advocacy/events/{id}#participants"));
    Ok(())
}

#[server(endpoint = "advocacy-event-organiser")]
pub async fn add_organiser(event: String, organisation: String) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::EventId::parse(&event))?;
    let org = parse(shared::OrgId::parse(&organisation).map_err(|e| e.at("organisation")))?;
    context::advocacy()?
        .add_organiser(&actor, &id, &org)
        .await?;
    leptos_axum::redirect(&format!("/advocacy/events/{id}#participants"));
    Ok(())
}

#[server(endpoint = "advocacy-follow-up")]
pub async fn add_follow_up(event: String, form: shared::FollowUpForm) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::EventId::parse(&event))?;
    let new = form.check().map_err(AppError::Invalid)?;
    context::advocacy()?
        .add_follow_up(&actor, &id, &new)
        .await?;
    leptos_axum::redirect(&format!("/advocacy/events/{id}#follow-ups"));
    Ok(())
}

/// Marks a next step done today; goes back to the page it was done from.
#[server(endpoint = "advocacy-follow-up-done")]
pub async fn complete_follow_up(follow_up: String, back: String) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::FollowUpId::parse(&follow_up))?;
    context::advocacy()?
        .complete_follow_up(&actor, &id, context::today())
        .await?;
    // Only paths of this site: never an address given by the form.
    let back = shared::same_site_path(&back).unwrap_or("/work");
    leptos_axum::redirect(back);
    Ok(())
}

#[server(endpoint = "advocacy-mission-create")]
pub async fn create_advocacy_mission(form: shared::AdvocacyMissionForm) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let new = form.check().map_err(AppError::Invalid)?;
    let id = context::advocacy()?
        .create_advocacy_mission(&actor, &new)
        .await?;
    leptos_axum::redirect(&format!("/advocacy/missions/{id}"));
    Ok(())
}

#[server(endpoint = "advocacy-mission-item")]
pub async fn add_plan_item(mission: String, form: shared::PlanItemForm) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::AdvocacyMissionId::parse(&mission))?;
    let item = form.check().map_err(AppError::Invalid)?;
    context::advocacy()?
        .add_plan_item(&actor, &id, &item)
        .await?;
    leptos_axum::redirect(&format!("/advocacy/missions/{id}"));
    Ok(())
}

#[server(endpoint = "advocacy-mission-check")]
pub async fn set_check(mission: String, index: usize, done: String) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::AdvocacyMissionId::parse(&mission))?;
    context::advocacy()?
        .set_check(&actor, &id, index, done == "true")
        .await?;
    leptos_axum::redirect(&format!("/advocacy/missions/{id}#checklist"));
    Ok(())
}

/// The filters of the interventions list, as they come in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionQuery {
    pub year: Option<String>,
    pub kind: Option<String>,
    pub support: Option<String>,
    pub country: Option<String>,
    pub region: Option<String>,
    pub outcome: Option<String>,
    pub month: Option<String>,
    pub freed_in: Option<String>,
}

#[cfg(feature = "ssr")]
impl InterventionQuery {
    fn check(self) -> Result<shared::InterventionFilter, AppError> {
        let some = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        let kind = some(self.kind);
        if let Some(k) = &kind {
            if k != "urgent" {
                parse(shared::InterventionKind::parse(k))?;
            }
        }
        let month = match some(self.month) {
            Some(m) => Some(
                m.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| {
                        AppError::Invalid(vec![shared::ValidationError::new(
                            "month",
                            shared::Problem::NotAMonth,
                        )
                        .with_value(m.trim())])
                    })?,
            ),
            None => None,
        };
        Ok(shared::InterventionFilter {
            year: year_of(self.year)?,
            kind,
            support: some(self.support)
                .map(|s| shared::Support::parse(&s))
                .transpose()?,
            country: some(self.country)
                .map(|c| shared::CountryCode::parse(&c))
                .transpose()?,
            region: some(self.region)
                .map(|r| shared::Region::parse(&r))
                .transpose()?,
            outcome: some(self.outcome)
                .map(|o| shared::InterventionOutcome::parse(&o))
                .transpose()?,
            month,
            freed_in: year_of(self.freed_in)?,
        })
    }
}

#[server(input = Json, endpoint = "interventions")]
pub async fn fetch_interventions(
    query: InterventionQuery,
) -> Result<Vec<InterventionSummary>, AppError> {
    let filter = query.check()?;
    let viewer = crate::accounts::auth::context::viewer();
    Ok(context::advocacy()?.interventions(&viewer, &filter).await?)
}

#[server(input = Json, endpoint = "intervention")]
pub async fn fetch_intervention(id: String) -> Result<Editable<Intervention>, AppError> {
    let id = not_found(shared::InterventionId::parse(&id))?;
    let viewer = crate::accounts::auth::context::viewer();
    let record = context::advocacy()?
        .intervention(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(
        format!("intervention:{id}"),
        record.summary.visibility,
    )
    .await?;
    crate::accounts::access_log::embedded_reads(shared::LinkedRecords::linked_records(&record))
        .await?;
    editable(record, true).await
}

#[server(endpoint = "intervention-create")]
pub async fn create_intervention(form: shared::InterventionForm) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let new = form.check().map_err(AppError::Invalid)?;
    let id = context::advocacy()?
        .create_intervention(&actor, &new)
        .await?;
    leptos_axum::redirect(&format!("/interventions/{id}"));
    Ok(())
}

#[server(endpoint = "intervention-link")]
pub async fn link_intervention(
    intervention: String,
    person: String,
    cosignatory: String,
) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::InterventionId::parse(&intervention))?;
    let link = if !person.trim().is_empty() {
        InterventionLink::Person(parse(
            shared::PersonId::parse(&person).map_err(|e| e.at("person")),
        )?)
    } else {
        InterventionLink::Cosignatory(parse(
            shared::OrgId::parse(&cosignatory).map_err(|e| e.at("cosignatory")),
        )?)
    };
    context::advocacy()?
        .link_intervention(&actor, &id, &link)
        .await?;
    leptos_axum::redirect(&format!("/interventions/{id}"));
    Ok(())
}

#[server(endpoint = "intervention-progress")]
pub async fn record_progress(
    intervention: String,
    status: String,
    outcome: String,
    outcome_on: String,
) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::InterventionId::parse(&intervention))?;
    let progress =
        shared::parse_progress(&status, &outcome, &outcome_on).map_err(AppError::Invalid)?;
    context::advocacy()?
        .record_progress(&actor, &id, &progress)
        .await?;
    leptos_axum::redirect(&format!("/interventions/{id}?saved=1"));
    Ok(())
}

#[server(input = Json, endpoint = "campaigns")]
pub async fn fetch_campaigns() -> Result<(Vec<CampaignSummary>, bool), AppError> {
    let viewer = crate::accounts::auth::context::viewer();
    Ok((
        context::advocacy()?.campaigns(&viewer).await?,
        context::may_edit(),
    ))
}

#[server(input = Json, endpoint = "campaign")]
pub async fn fetch_campaign(id: String) -> Result<Editable<Campaign>, AppError> {
    let id = not_found(shared::CampaignId::parse(&id))?;
    let viewer = crate::accounts::auth::context::viewer();
    let record = context::advocacy()?
        .campaign(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(
        format!("campaign:{id}"),
        record.summary.visibility,
    )
    .await?;
    crate::accounts::access_log::embedded_reads(shared::LinkedRecords::linked_records(&record))
        .await?;
    editable(record, true).await
}

#[server(endpoint = "campaign-create")]
pub async fn create_campaign(form: shared::CampaignForm) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let new = form.check().map_err(AppError::Invalid)?;
    let id = context::advocacy()?.create_campaign(&actor, &new).await?;
    leptos_axum::redirect(&format!("/campaigns/{id}"));
    Ok(())
}

#[server(endpoint = "campaign-case")]
pub async fn feature_case(campaign: String, case: String) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::CampaignId::parse(&campaign))?;
    let case = parse(shared::CaseRef::parse(&case))?;
    context::advocacy()?
        .feature_case(&actor, &id, &case)
        .await?;
    leptos_axum::redirect(&format!("/campaigns/{id}"));
    Ok(())
}

#[server(endpoint = "campaign-action")]
pub async fn add_campaign_action(
    campaign: String,
    form: shared::CampaignActionForm,
) -> Result<(), AppError> {
    let actor = context::campaigner()?;
    let id = not_found(shared::CampaignId::parse(&campaign))?;
    let action = form.check().map_err(AppError::Invalid)?;
    context::advocacy()?
        .add_campaign_action(&actor, &id, &action)
        .await?;
    leptos_axum::redirect(&format!("/campaigns/{id}"));
    Ok(())
}

#[server(input = Json, endpoint = "grants")]
pub async fn fetch_grants(year: Option<String>) -> Result<Vec<Grant>, AppError> {
    let year = year_of(year)?;
    let viewer = crate::accounts::auth::context::viewer();
    Ok(context::advocacy()?.grants(&viewer, year).await?)
}

#[server(input = Json, endpoint = "figures")]
pub async fn fetch_figures(year: Option<String>) -> Result<Figures, AppError> {
    let year = year_of(year)?;
    let viewer = crate::accounts::auth::context::viewer();
    Ok(context::advocacy()?.figures(&viewer, year).await?)
}

/// The choices of the advocacy forms: what the reader can see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyOptions {
    pub persons: Vec<shared::PersonRef>,
    pub organisations: Vec<shared::OrgRef>,
    pub missions: Vec<shared::MissionLink>,
    /// Cases a campaign can feature.
    pub trials: Vec<shared::CaseLink>,
    pub interventions: Vec<shared::CaseLink>,
}

/// Which events and missions a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub year: Option<i32>,
    pub region: Option<shared::Region>,
}

/// Who or what joins an intervention after it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterventionLink {
    Person(shared::PersonId),
    Cosignatory(shared::OrgId),
}
