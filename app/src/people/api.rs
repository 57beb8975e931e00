//! Server functions of people: read a person's page, create and edit a
//! person (staff and admins; campaigners read, members read what the network
//! shares).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::{Person, PersonForm};

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::error::AppError;
    use crate::people::store::SharedPeople;
    use leptos::prelude::*;

    pub fn people() -> Result<SharedPeople, AppError> {
        use_context::<SharedPeople>().ok_or_else(|| {
            tracing::error!("no people store in the request context");
            AppError::Internal
        })
    }
}

/// A person's page and whether this reader may edit it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PersonView {
    pub person: Person,
    pub may_edit: bool,
}

#[server(input = Json, endpoint = "person")]
pub async fn fetch_person(id: String) -> Result<PersonView, AppError> {
    let id = shared::PersonId::parse(&id).map_err(|_| AppError::NotFound)?;
    let viewer = crate::accounts::auth::context::viewer();
    let person = context::people()?
        .person(&viewer, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("person:{id}"), person.visibility).await?;
    let shown = person
        .organisations
        .iter()
        .map(|m| format!("organisation:{}", m.organisation.id));
    crate::accounts::access_log::embedded_reads(shown).await?;
    Ok(PersonView {
        may_edit: crate::observation::api::context::may_plan(),
        person,
    })
}

/// Creates a person from the form; sends the browser to their page, or back
/// to the form with what was typed and the problems.
#[server(endpoint = "person-create")]
pub async fn create_person(form: PersonForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::planner()?;
    let record = form.check().map_err(AppError::Invalid)?;
    let id = context::people()?.create_person(&actor, &record).await?;
    leptos_axum::redirect(&format!("/people/{id}"));
    Ok(())
}

/// Saves an edit of a person.
#[server(endpoint = "person-save")]
pub async fn save_person(id: String, form: PersonForm) -> Result<(), AppError> {
    let id = shared::PersonId::parse(&id).map_err(|_| AppError::NotFound)?;
    let actor = crate::observation::api::context::planner()?;
    let record = form.check().map_err(AppError::Invalid)?;
    if record.version.is_none() {
        return Err(AppError::Invalid(vec![shared::ValidationError::new(
            "version",
            shared::Problem::Required,
        )]));
    }
    context::people()?
        .update_person(&actor, &id, &record)
        .await?;
    leptos_axum::redirect(&format!("/people/{id}"));
    Ok(())
}
