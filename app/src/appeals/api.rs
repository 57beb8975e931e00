//! Server functions of urgent appeals: anyone reads what they may (public
//! appeals without signing in); campaigners, staff and admins write drafts;
//! the secretariat approves and publishes; a member co-signs for their
//! organisation; follow-ups by those who run advocacy.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::appeal::{Appeal, AppealForm, AppealSummary, AppealUpdateForm};

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::appeals::store::SharedAppeals;
    use crate::error::AppError;
    use leptos::prelude::*;

    pub fn appeals() -> Result<SharedAppeals, AppError> {
        use_context::<SharedAppeals>().ok_or_else(|| {
            tracing::error!("no appeals store in the request context");
            AppError::Internal
        })
    }
}

/// The reader of this request: signed in or not.
#[cfg(feature = "ssr")]
fn reader() -> crate::appeals::store::Reader {
    match crate::observation::api::context::signed_in() {
        Ok(actor) => crate::appeals::store::Reader::of(&actor),
        Err(_) => crate::appeals::store::Reader::anonymous(),
    }
}

#[cfg(feature = "ssr")]
fn appeal_id(raw: &str) -> Result<shared::AppealId, AppError> {
    shared::AppealId::parse(raw).map_err(|_| AppError::NotFound)
}

/// The appeals a reader may read, and whether they may write one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AppealList {
    pub appeals: Vec<AppealSummary>,
    pub may_write: bool,
}

#[server(input = Json, endpoint = "appeals")]
pub async fn fetch_appeals(language: String) -> Result<AppealList, AppError> {
    let reader = reader();
    let language = if shared::appeal::APPEAL_LANGUAGES.contains(&language.as_str()) {
        language
    } else {
        "en".to_owned()
    };
    let appeals = context::appeals()?.appeals(&reader, &language).await?;
    let may_write =
        crate::accounts::auth::context::session().is_some_and(|s| s.user.role.runs_advocacy());
    Ok(AppealList { appeals, may_write })
}

/// An appeal and what its reader may do with it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AppealView {
    pub appeal: Appeal,
    /// The secretariat: approve, publish.
    pub secretariat: bool,
    /// Campaigners, staff, admins: follow-ups.
    pub runs_advocacy: bool,
    /// A member who speaks for an organisation, and whether it co-signed.
    pub may_cosign: bool,
    pub cosigned: bool,
}

#[server(input = Json, endpoint = "appeal")]
pub async fn fetch_appeal(id: String) -> Result<AppealView, AppError> {
    let id = appeal_id(&id)?;
    let appeal = context::appeals()?
        .appeal(&reader(), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("appeal:{id}"), appeal.visibility).await?;
    let user = crate::accounts::auth::context::session().map(|s| s.user);
    let org = user.as_ref().and_then(|u| u.organisation.clone());
    Ok(AppealView {
        secretariat: user.as_ref().is_some_and(|u| u.role.handles_alerts()),
        runs_advocacy: user.as_ref().is_some_and(|u| u.role.runs_advocacy()),
        may_cosign: org.is_some() && appeal.status == shared::appeal::AppealStatus::Published,
        cosigned: org.is_some_and(|o| appeal.cosigners.iter().any(|c| c.id == o)),
        appeal,
    })
}

#[server(endpoint = "appeal-write")]
pub async fn write_appeal(form: AppealForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let appeal = form.check().map_err(AppError::Invalid)?;
    let id = context::appeals()?.write_appeal(&actor, &appeal).await?;
    leptos_axum::redirect(&format!("/appeals/{id}?saved=written"));
    Ok(())
}

#[server(endpoint = "appeal-edit")]
pub async fn edit_appeal(id: String, version: u32, form: AppealForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let id = appeal_id(&id)?;
    let appeal = form.check().map_err(AppError::Invalid)?;
    context::appeals()?
        .edit_appeal(&actor, &id, version, &appeal)
        .await?;
    leptos_axum::redirect(&format!("/appeals/{id}?saved=edited"));
    Ok(())
}

#[server(endpoint = "appeal-approve")]
pub async fn approve_appeal(id: String, version: u32) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let id = appeal_id(&id)?;
    context::appeals()?
        .approve_appeal(&actor, &id, version)
        .await?;
    leptos_axum::redirect(&format!("/appeals/{id}?saved=approved"));
    Ok(())
}

#[server(endpoint = "appeal-publish")]
pub async fn publish_appeal(id: String, version: u32) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let id = appeal_id(&id)?;
    context::appeals()?
        .publish_appeal(&actor, &id, version)
        .await?;
    leptos_axum::redirect(&format!("/appeals/{id}?saved=published"));
    Ok(())
}

#[server(endpoint = "appeal-update")]
pub async fn add_appeal_update(id: String, form: AppealUpdateForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let id = appeal_id(&id)?;
    let update = form
        .check(chrono::Utc::now().date_naive())
        .map_err(AppError::Invalid)?;
    context::appeals()?
        .add_appeal_update(&actor, &id, &update)
        .await?;
    leptos_axum::redirect(&format!("/appeals/{id}?saved=update#follow-ups"));
    Ok(())
}

#[server(endpoint = "appeal-cosign")]
pub async fn cosign_appeal(id: String) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let id = appeal_id(&id)?;
    context::appeals()?.cosign_appeal(&actor, &id).await?;
    leptos_axum::redirect(&format!("/appeals/{id}?saved=cosigned#cosigners"));
    Ok(())
}
