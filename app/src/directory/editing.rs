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
    Ok(EditView {
        org,
        staff_fields: role.edits_everything_visible(),
        levels,
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
        Err(EditError::Store(e)) => Err(e.into()),
    }
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
