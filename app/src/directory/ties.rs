//! Server functions that keep the relations between organisations (staff
//! and admins): add or change one, end it in a year, delete one entered by
//! mistake. Thin: who is asking, is the input valid, one store call.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn ids(organisation: &str, other: &str) -> Result<(shared::OrgId, shared::OrgId), AppError> {
    let organisation = shared::OrgId::parse(organisation).map_err(|_| AppError::NotFound)?;
    let other =
        shared::OrgId::parse(other).map_err(|e| AppError::Invalid(vec![e.at("organisation")]))?;
    Ok((organisation, other))
}

#[cfg(feature = "ssr")]
fn kind(raw: &str) -> Result<shared::TieKind, AppError> {
    shared::TieKind::parse(raw.trim()).map_err(|e| AppError::Invalid(vec![e]))
}

/// The level a row's end or delete form names (its relation among those of
/// the pair); none, or empty: every one the actor reads.
#[cfg(feature = "ssr")]
pub(crate) fn only_level(raw: Option<String>) -> Result<Option<shared::Visibility>, AppError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => shared::Visibility::parse(v).map(Some).ok_or_else(|| {
            AppError::Invalid(vec![shared::ValidationError::new(
                "level",
                shared::Problem::Malformed {
                    detail: "not a level of visibility".into(),
                },
            )])
        }),
    }
}

/// Adds a relation of `id` with another organisation, or changes it.
#[server(endpoint = "organisation-tie")]
pub async fn set_tie(id: String, form: shared::TieForm) -> Result<(), AppError> {
    let id = shared::OrgId::parse(&id).map_err(|_| AppError::NotFound)?;
    let actor = crate::observation::api::context::planner()?;
    let tie = form.check().map_err(AppError::Invalid)?;
    crate::directory::api::directory()?
        .set_tie(&actor, &id, &tie)
        .await?;
    leptos_axum::redirect(&format!("/organisations/{id}#networks"));
    Ok(())
}

/// Ends a relation in a year; it stays on the page as the past.
#[server(endpoint = "organisation-tie-end")]
pub async fn end_tie(
    id: String,
    kind: String,
    organisation: String,
    until: String,
    level: Option<String>,
) -> Result<(), AppError> {
    let (id, other) = ids(&id, &organisation)?;
    let kind = self::kind(&kind)?;
    let only = only_level(level)?;
    let actor = crate::observation::api::context::planner()?;
    let until = shared::parse_year("until", &until)
        .map_err(|e| AppError::Invalid(vec![e]))?
        .ok_or_else(|| {
            AppError::Invalid(vec![shared::ValidationError::new(
                "until",
                shared::Problem::Required,
            )])
        })?;
    crate::directory::api::directory()?
        .end_tie(&actor, &id, kind, &other, until, only)
        .await?;
    leptos_axum::redirect(&format!("/organisations/{id}#networks"));
    Ok(())
}

/// Deletes a relation entered by mistake (ending one keeps it).
#[server(endpoint = "organisation-tie-delete")]
pub async fn delete_tie(
    id: String,
    kind: String,
    organisation: String,
    level: Option<String>,
) -> Result<(), AppError> {
    let (id, other) = ids(&id, &organisation)?;
    let kind = self::kind(&kind)?;
    let only = only_level(level)?;
    let actor = crate::observation::api::context::planner()?;
    crate::directory::api::directory()?
        .delete_tie(&actor, &id, kind, &other, only)
        .await?;
    leptos_axum::redirect(&format!("/organisations/{id}#networks"));
    Ok(())
}

/// Merges a duplicate (`gone`) into this organisation (staff and admins).
#[server(endpoint = "organisation-merge")]
pub async fn merge_organisation(id: String, gone: String) -> Result<(), AppError> {
    let (id, gone) = ids(&id, &gone).map_err(|e| match e {
        AppError::Invalid(mut p) => {
            p.iter_mut().for_each(|p| p.field = "gone".into());
            AppError::Invalid(p)
        }
        other => other,
    })?;
    let actor = crate::observation::api::context::planner()?;
    crate::directory::api::directory()?
        .merge_organisations(&actor, &id, &gone)
        .await?;
    leptos_axum::redirect(&format!("/organisations/{id}?saved=1"));
    Ok(())
}
