//! Server functions of membership: the public application and its status
//! page (through the applicant's secret token), staff's review (staff and
//! admins), the criteria (admins), and referees' answers (members of the
//! organisation asked).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::membership::{
    Application, ApplicationForm, ApplicationProgress, ApplicationSummary, AssessmentForm,
    Criterion, DecisionForm, ReferenceForm, ReferenceRequest,
};

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::error::AppError;
    use crate::membership::store::SharedMembership;
    use leptos::prelude::*;

    pub fn membership() -> Result<SharedMembership, AppError> {
        use_context::<SharedMembership>().ok_or_else(|| {
            tracing::error!("no membership store in the request context");
            AppError::Internal
        })
    }
}

/// What the public page offers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JoinView {
    pub criteria: Vec<Criterion>,
    pub referees: Vec<shared::OrgRef>,
    pub countries: Vec<shared::Country>,
}

#[server(input = Json, endpoint = "membership-join")]
pub async fn fetch_join_view() -> Result<JoinView, AppError> {
    let choices = context::membership()?.join_choices().await?;
    Ok(JoinView {
        criteria: choices.criteria,
        referees: choices.referees,
        countries: choices.countries,
    })
}

/// Sends an application; the browser goes to the address where the
/// applicant follows it (the only time that address is given).
#[server(endpoint = "application-submit")]
pub async fn submit_application(form: ApplicationForm) -> Result<(), AppError> {
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let application = form.check(year).map_err(AppError::Invalid)?;
    let address = crate::accounts::auth::context::client_address();
    let token = context::membership()?
        .submit_application(&application, &address)
        .await?;
    leptos_axum::redirect(&format!("/join/status/{token}"));
    Ok(())
}

/// The applicant's view of their application.
#[server(input = Json, endpoint = "application-progress")]
pub async fn fetch_progress(token: String) -> Result<ApplicationProgress, AppError> {
    context::membership()?
        .application_progress(&token)
        .await?
        .ok_or(AppError::NotFound)
}

/// The applicant answers staff's request for more.
#[server(endpoint = "application-inform")]
pub async fn add_information(token: String, information: String) -> Result<(), AppError> {
    context::membership()?
        .add_information(&token, &information)
        .await?;
    leptos_axum::redirect(&format!("/join/status/{token}?sent=1"));
    Ok(())
}

#[server(input = Json, endpoint = "applications")]
pub async fn fetch_applications(
    status: Option<String>,
) -> Result<Vec<ApplicationSummary>, AppError> {
    let actor = crate::observation::api::context::planner()?;
    let status = match status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            shared::membership::ApplicationStatus::parse(raw)
                .map_err(|e| AppError::Invalid(vec![e]))?,
        ),
    };
    Ok(context::membership()?
        .applications(&actor.viewer, status)
        .await?)
}

/// An application as staff review it, and the levels they may give the
/// member it becomes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApplicationView {
    pub application: Application,
    /// The full invitation link, to send to the contact person.
    pub invitation_link: Option<String>,
    pub levels: Vec<shared::Visibility>,
}

#[server(input = Json, endpoint = "application")]
pub async fn fetch_application(id: String) -> Result<ApplicationView, AppError> {
    let actor = crate::observation::api::context::planner()?;
    let application = context::membership()?
        .application(&actor.viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let invitation_link = application
        .invitation
        .as_ref()
        .map(|path| format!("{}{path}", crate::accounts::auth::context::site_address()));
    Ok(ApplicationView {
        application,
        invitation_link,
        levels: [
            shared::Visibility::Public,
            shared::Visibility::Network,
            shared::Visibility::Staff,
        ]
        .into_iter()
        .filter(|v| actor.viewer.can_read(*v))
        .collect(),
    })
}

#[server(endpoint = "application-assess")]
pub async fn assess_application(
    id: String,
    version: u32,
    form: AssessmentForm,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    let assessment = form.check().map_err(AppError::Invalid)?;
    context::membership()?
        .assess_application(&actor, &id, version, &assessment)
        .await?;
    leptos_axum::redirect(&format!("/applications/{id}?saved=assessed"));
    Ok(())
}

#[server(endpoint = "application-ask-referees")]
pub async fn ask_referees(id: String) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    context::membership()?.ask_referees(&actor, &id).await?;
    leptos_axum::redirect(&format!("/applications/{id}?saved=asked"));
    Ok(())
}

#[server(endpoint = "application-decide")]
pub async fn decide_application(
    id: String,
    version: u32,
    form: DecisionForm,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    let decision = form.check().map_err(AppError::Invalid)?;
    context::membership()?
        .decide_application(&actor, &id, version, &decision)
        .await?;
    leptos_axum::redirect(&format!("/applications/{id}?saved=decided"));
    Ok(())
}

#[server(input = Json, endpoint = "criteria")]
pub async fn fetch_criteria() -> Result<Vec<Criterion>, AppError> {
    crate::accounts::admin::context::admin()?;
    Ok(context::membership()?.criteria(true).await?)
}

/// An admin, as the actor of a write.
#[cfg(feature = "ssr")]
fn admin() -> Result<crate::accounts::Actor, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    if actor.user.role == shared::Role::Admin {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

#[server(endpoint = "criterion-add")]
pub async fn add_criterion(text: String) -> Result<(), AppError> {
    let actor = admin()?;
    context::membership()?.add_criterion(&actor, &text).await?;
    leptos_axum::redirect("/applications/criteria?saved=1");
    Ok(())
}

#[server(endpoint = "criterion-change")]
pub async fn change_criterion(
    key: String,
    text: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let actor = admin()?;
    context::membership()?
        .change_criterion(&actor, &key, &text, active.is_some())
        .await?;
    leptos_axum::redirect("/applications/criteria?saved=1");
    Ok(())
}

#[server(input = Json, endpoint = "references")]
pub async fn fetch_reference_requests() -> Result<Vec<ReferenceRequest>, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    Ok(context::membership()?.reference_requests(&actor).await?)
}

#[server(endpoint = "reference-answer")]
pub async fn answer_reference(id: String, form: ReferenceForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let (answer, comment) = form.check().map_err(AppError::Invalid)?;
    context::membership()?
        .answer_reference(&actor, &id, answer, comment.as_deref())
        .await?;
    leptos_axum::redirect("/references?saved=1");
    Ok(())
}
