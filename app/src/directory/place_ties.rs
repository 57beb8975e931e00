//! Server functions that keep where an organisation or a person is (staff
//! and admins): a seat or work on a country or a theme, added or changed,
//! ended in a year, or deleted when entered by mistake. Thin: who is asking,
//! is the input valid, one store call.

use crate::error::AppError;
use leptos::prelude::*;

/// What the places form offers: every country and every theme. Empty for
/// readers who do not keep places.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlaceChoices {
    pub countries: Vec<shared::Country>,
    pub themes: Vec<shared::Theme>,
    /// The levels this reader may give a relation (those they can read).
    pub levels: Vec<shared::Visibility>,
}

#[cfg(feature = "ssr")]
pub(crate) fn place_choices(may_edit: bool) -> Result<PlaceChoices, AppError> {
    if !may_edit {
        return Ok(PlaceChoices::default());
    }
    let store = crate::directory::api::directory()?;
    let viewer = crate::accounts::auth::context::viewer();
    Ok(PlaceChoices {
        countries: store.all_countries(),
        themes: store.themes(),
        levels: shared::Visibility::ALL
            .into_iter()
            .filter(|v| viewer.can_read(*v))
            .collect(),
    })
}

/// The holder from its form value: a malformed one names no record.
#[cfg(feature = "ssr")]
fn holder(raw: &str) -> Result<shared::PlaceHolder, AppError> {
    shared::PlaceHolder::parse(raw).map_err(|_| AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn kind_and_place(
    kind: &str,
    place: &str,
) -> Result<(shared::PlaceKind, shared::PlaceKey), AppError> {
    let kind = shared::PlaceKind::parse(kind);
    let place = shared::PlaceKey::parse(place);
    match (kind, place) {
        (Ok(kind), Ok(place)) => Ok((kind, place)),
        (kind, place) => Err(AppError::Invalid(
            kind.err().into_iter().chain(place.err()).collect(),
        )),
    }
}

/// Adds a place relation of the holder (`organisation/<key>` or
/// `person/<key>`), or changes it.
#[server(endpoint = "place-tie")]
pub async fn set_place_tie(holder: String, form: shared::PlaceTieForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    let holder = self::holder(&holder)?;
    let tie = form.check().map_err(AppError::Invalid)?;
    crate::directory::api::directory()?
        .set_place_tie(&actor, &holder, &tie)
        .await?;
    leptos_axum::redirect(&holder.page());
    Ok(())
}

/// Ends a place relation in a year; it stays on the page as the past.
#[server(endpoint = "place-tie-end")]
pub async fn end_place_tie(
    holder: String,
    kind: String,
    place: String,
    until: String,
    level: Option<String>,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    let holder = self::holder(&holder)?;
    let (kind, place) = kind_and_place(&kind, &place)?;
    let only = crate::directory::ties::only_level(level)?;
    let until = shared::parse_year("until", &until)
        .map_err(|e| AppError::Invalid(vec![e]))?
        .ok_or_else(|| {
            AppError::Invalid(vec![shared::ValidationError::new(
                "until",
                shared::Problem::Required,
            )])
        })?;
    crate::directory::api::directory()?
        .end_place_tie(&actor, &holder, kind, &place, until, only)
        .await?;
    leptos_axum::redirect(&holder.page());
    Ok(())
}

/// Deletes a place relation entered by mistake (ending one keeps it).
#[server(endpoint = "place-tie-delete")]
pub async fn delete_place_tie(
    holder: String,
    kind: String,
    place: String,
    level: Option<String>,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    let holder = self::holder(&holder)?;
    let (kind, place) = kind_and_place(&kind, &place)?;
    let only = crate::directory::ties::only_level(level)?;
    crate::directory::api::directory()?
        .delete_place_tie(&actor, &holder, kind, &place, only)
        .await?;
    leptos_axum::redirect(&holder.page());
    Ok(())
}
