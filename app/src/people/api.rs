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

/// A person's page, whether this reader may edit it, and, when they may,
/// the organisations they may add the person to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PersonView {
    pub person: Person,
    pub may_edit: bool,
    pub organisations: Vec<shared::OrgRef>,
    /// For editors: people with a name like this one's, to merge here.
    pub duplicates: Vec<shared::PersonRef>,
    /// For editors: the countries and themes the person may be placed on.
    pub place_choices: crate::directory::place_ties::PlaceChoices,
}

/// The people this reader may see under the list's filters, a page of them.
#[server(input = Json, endpoint = "people")]
pub async fn fetch_people(query: shared::PeopleQuery) -> Result<shared::PeoplePage, AppError> {
    query.validate()?;
    let viewer = crate::accounts::auth::context::viewer();
    let page = context::people()?.people(&viewer, &query).await?;
    // A card shows the person and the organisations they belong to.
    let shown: Vec<String> = page
        .items
        .iter()
        .flat_map(|p| {
            std::iter::once(format!("person:{}", p.id)).chain(
                p.organisations
                    .iter()
                    .map(|o| format!("organisation:{}", o.id)),
            )
        })
        .collect();
    crate::accounts::access_log::embedded_reads(shown).await?;
    Ok(page)
}

#[server(input = Json, endpoint = "person")]
pub async fn fetch_person(id: String) -> Result<PersonView, AppError> {
    let id = shared::PersonId::parse(&id).map_err(|_| AppError::NotFound)?;
    let viewer = crate::accounts::auth::context::viewer();
    let store = context::people()?;
    let Some(person) = store.person(&viewer, &id).await? else {
        return Err(match store.moved_person(&viewer, &id).await? {
            Some(kept) => AppError::Moved(format!("/people/{kept}")),
            None => AppError::NotFound,
        });
    };
    crate::accounts::access_log::restricted_read(format!("person:{id}"), person.visibility).await?;
    crate::accounts::access_log::embedded_reads(shared::LinkedRecords::linked_records(&person))
        .await?;
    let may_edit = crate::observation::api::context::may_plan();
    let (organisations, duplicates) = if may_edit {
        (
            store.organisation_choices(&viewer).await?,
            store.possible_duplicates(&viewer, &id).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(PersonView {
        may_edit,
        person,
        organisations,
        duplicates,
        place_choices: crate::directory::place_ties::place_choices(may_edit)?,
    })
}

/// Merges a duplicate (`gone`) into this person (staff and admins).
#[server(endpoint = "person-merge")]
pub async fn merge_person(id: String, gone: String) -> Result<(), AppError> {
    let id = shared::PersonId::parse(&id).map_err(|_| AppError::NotFound)?;
    let gone = shared::PersonId::parse(&gone).map_err(|e| AppError::Invalid(vec![e.at("gone")]))?;
    let actor = crate::observation::api::context::planner()?;
    context::people()?.merge_people(&actor, &id, &gone).await?;
    leptos_axum::redirect(&format!("/people/{id}?saved=1"));
    Ok(())
}

/// Creates a person from the form; sends the browser to their page, or back
/// to the form with what was typed and the problems. Answers their key.
#[server(endpoint = "person-create")]
pub async fn create_person(form: PersonForm) -> Result<String, AppError> {
    let actor = crate::observation::api::context::planner()?;
    let record = form.check().map_err(AppError::Invalid)?;
    let id = context::people()?
        .create_person(&actor, &record, form.confirmed_new())
        .await?;
    leptos_axum::redirect(&format!("/people/{id}"));
    Ok(id.to_string())
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

/// Adds the person to an organisation, or changes that membership.
#[server(endpoint = "person-membership")]
pub async fn set_membership(person: String, form: shared::MembershipForm) -> Result<(), AppError> {
    let person = shared::PersonId::parse(&person).map_err(|_| AppError::NotFound)?;
    let actor = crate::observation::api::context::planner()?;
    let membership = form.check().map_err(AppError::Invalid)?;
    context::people()?
        .set_membership(&actor, &person, &membership)
        .await?;
    leptos_axum::redirect(&format!("/people/{person}#person-organisations"));
    Ok(())
}

/// Ends a membership in a year; it stays on the page as the past.
#[server(endpoint = "person-membership-end")]
pub async fn end_membership(
    person: String,
    organisation: String,
    until: String,
    level: Option<String>,
) -> Result<(), AppError> {
    let person = shared::PersonId::parse(&person).map_err(|_| AppError::NotFound)?;
    let organisation = shared::OrgId::parse(&organisation).map_err(|_| AppError::NotFound)?;
    let only = crate::directory::ties::only_level(level)?;
    let actor = crate::observation::api::context::planner()?;
    let until = shared::parse_year("until", &until)
        .map_err(|e| AppError::Invalid(vec![e]))?
        .ok_or_else(|| {
            AppError::Invalid(vec![shared::ValidationError::new(
                "until",
                shared::Problem::Required,
            )])
        })?;
    context::people()?
        .end_membership(&actor, &person, &organisation, until, only)
        .await?;
    leptos_axum::redirect(&format!("/people/{person}#person-organisations"));
    Ok(())
}

/// Deletes a membership entered by mistake (ending one keeps it).
#[server(endpoint = "person-membership-delete")]
pub async fn delete_membership(
    person: String,
    organisation: String,
    level: Option<String>,
) -> Result<(), AppError> {
    let person = shared::PersonId::parse(&person).map_err(|_| AppError::NotFound)?;
    let organisation = shared::OrgId::parse(&organisation).map_err(|_| AppError::NotFound)?;
    let only = crate::directory::ties::only_level(level)?;
    let actor = crate::observation::api::context::planner()?;
    context::people()?
        .delete_membership(&actor, &person, &organisation, only)
        .await?;
    leptos_axum::redirect(&format!("/people/{person}#person-organisations"));
    Ok(())
}
