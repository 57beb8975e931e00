//! Server functions that change an organisation and read its history. Thin:
//! who is asking, is the input valid, one store call.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::{AuditEntry, Organisation};

/// The edit form's starting point: the record as the editor sees it, and
/// which fields their role may change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditView {
    pub org: Organisation,
    pub staff_fields: bool,
    /// The levels this editor may give the record (`shared::may_reclassify`).
    pub levels: Vec<shared::Visibility>,
    /// Every theme, for the staff's fields.
    pub themes: Vec<shared::Theme>,
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "organisation-edit")]
pub async fn fetch_edit_view(id: String) -> Result<EditView, AppError> {
    use crate::accounts::auth::context;
    let id = shared::OrgId::parse(&id).map_err(|_| AppError::NotFound)?;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    let store = crate::directory::api::directory()?;
    let org = store
        .organisation(&session.viewer(), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !session.user.may_edit_organisation(&id) {
        return Err(AppError::Forbidden);
    }
    crate::accounts::access_log::restricted_read(format!("organisation:{id}"), org.visibility)
        .await?;
    let role = session.user.role;
    let levels = shared::Visibility::ALL
        .into_iter()
        .filter(|to| shared::may_reclassify(role, org.visibility, *to))
        .collect();
    let staff_fields = role.edits_everything_visible();
    Ok(EditView {
        org,
        staff_fields,
        levels,
        themes: if staff_fields {
            store.themes()
        } else {
            Vec::new()
        },
    })
}

/// Saves the edit form. Posted by the form itself (so it works without
/// JavaScript); on success the browser goes back to the profile.
#[server(endpoint = "organisation-save")]
pub async fn save_organisation(id: String, form: shared::OrgEditForm) -> Result<(), AppError> {
    use crate::accounts::auth::context;
    use crate::directory::store::EditError;
    let id = shared::OrgId::parse(&id).map_err(|_| AppError::NotFound)?;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    let edit = form.check(session.user.role).map_err(AppError::Invalid)?;
    let store = crate::directory::api::directory()?;
    match store
        .update_organisation(
            &session.user,
            &session.viewer(),
            &id,
            &edit,
            &context::client_address(),
        )
        .await
    {
        Ok(()) => {
            leptos_axum::redirect(&format!("/organisations/{id}?saved=1"));
            Ok(())
        }
        Err(EditError::NotFound) => Err(AppError::NotFound),
        Err(EditError::Forbidden) => Err(AppError::Forbidden),
        Err(EditError::Stale { by, at }) => Err(AppError::Stale { by, at }),
        Err(EditError::Invalid(problems)) => Err(AppError::Invalid(problems)),
        Err(EditError::Store(e)) => Err(e.into()),
    }
}

/// Creates an organisation (staff and admins). Posted by the form itself;
/// on success the browser goes to the new profile. Answers its key (for
/// the API, which calls it too).
#[server(endpoint = "organisation-create")]
pub async fn create_organisation(form: shared::OrgEditForm) -> Result<String, AppError> {
    let actor = crate::observation::api::context::planner()?;
    let org = form.check_new(actor.user.role).map_err(AppError::Invalid)?;
    let id = crate::directory::api::directory()?
        .create_organisation(&actor, &org, form.confirmed_new())
        .await?;
    leptos_axum::redirect(&format!("/organisations/{id}?saved=1"));
    Ok(id.to_string())
}

/// What the form for a new organisation offers: the levels the creator may
/// give and the themes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewOrgView {
    pub levels: Vec<shared::Visibility>,
    pub themes: Vec<shared::Theme>,
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "organisation-new")]
pub async fn fetch_new_org_view() -> Result<NewOrgView, AppError> {
    let actor = crate::observation::api::context::planner()?;
    let role = actor.user.role;
    Ok(NewOrgView {
        levels: shared::Visibility::ALL
            .into_iter()
            .filter(|v| *v <= role.clearance())
            .collect(),
        themes: crate::directory::api::directory()?.themes(),
    })
}

/// The recorded changes of an organisation, for signed-in readers who can see it.
#[server(input = leptos::server_fn::codec::Json, endpoint = "organisation-history")]
pub async fn fetch_history(id: String) -> Result<Vec<AuditEntry>, AppError> {
    use crate::accounts::auth::context;
    let id = shared::OrgId::parse(&id).map_err(|_| AppError::NotFound)?;
    let Some(session) = context::session() else {
        return Ok(Vec::new());
    };
    let store = crate::directory::api::directory()?;
    Ok(store.organisation_history(&session.viewer(), &id).await?)
}
