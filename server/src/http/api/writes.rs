//! The API's writes: organisations, persons, relations and hearings, for
//! tokens made to write. A body is read as JSON into the form its page
//! posts and handed to that page's own server function: the role, the
//! checks, the confidentiality rule and the audit are theirs. A change
//! (`PATCH`) starts from the record as the token's user reads it, so a
//! field left out keeps its value and `null` (or `""`) empties one that may
//! be empty; it names the version it read and is refused (409) when the
//! record changed since.

use super::problem::{from_app_error, problem};
use super::ApiState;
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use leptos::prelude::provide_context;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use shared::{OrgEditForm, PersonForm, Problem, ValidationError};
use utoipa::ToSchema;

/// The largest body a write takes: a record's longest text (10,000
/// characters, up to 4 bytes each) with room for the rest.
pub const MAX_BODY: usize = 64 * 1024;

/// `null` as "empty it", told apart from a field left out ("keep it").
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A new organisation (`POST`) or a change of one (`PATCH`). Only staff and
/// admins create one and change every field; a member changes the fields
/// of their own organisation they keep (city, website, e-mail,
/// description).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Collectif Bouaké contre la torture", "acronym": "CBCT", "kind": "member",
    "visibility": "public", "country": "ci", "city": "Bouaké",
    "themes": ["torture-prevention"], "languages": ["fr"],
    "description": "Accompagne les victimes de torture.", "description_lang": "fr"
}))]
pub struct OrganisationInput {
    /// The `version` read: required to change one, absent for a new one.
    pub version: Option<u64>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub acronym: Option<Option<String>>,
    /// `member`, `partner` or `network`.
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i32>)]
    pub member_since: Option<Option<i32>>,
    /// The country of its seat, by ISO 3166 alpha-2 code (`ci`).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub country: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    pub description: Option<String>,
    /// The language the description is written in: `en`, `fr` or `es`.
    pub description_lang: Option<String>,
    /// `public`, `network`, `staff` or `restricted`, within the user's clearance.
    pub visibility: Option<String>,
    /// Theme keys (`torture-prevention`); the list replaces the themes.
    pub themes: Option<Vec<String>>,
    /// Working languages, ISO 639-1 codes; the list replaces them.
    pub languages: Option<Vec<String>>,
    /// Its name in other languages or scripts; the list replaces them.
    pub other_names: Option<Vec<String>>,
    /// `true` to create it although organisations with a similar name exist
    /// (a first try answers 400 listing them).
    pub not_duplicate: Option<bool>,
}

/// A new person (`POST`) or a change of one (`PATCH`); staff and admins.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Awa Koné", "roles": ["defender"], "nationality": "ci", "languages": ["fr"]
}))]
pub struct PersonInput {
    /// The `version` read: required to change one, absent for a new one.
    pub version: Option<u64>,
    pub name: Option<String>,
    /// Any of `defender`, `lawyer`, `observer`, `staff`; the list replaces them.
    pub roles: Option<Vec<String>>,
    /// `low`, `medium` or `high` (a new person starts low).
    pub risk_level: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub gender: Option<Option<String>>,
    /// By ISO 3166 alpha-2 code.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub nationality: Option<Option<String>>,
    /// ISO 639-1 codes; the list replaces them.
    pub languages: Option<Vec<String>>,
    pub description: Option<String>,
    /// `public`, `network`, `staff` or `restricted` (a new person starts staff).
    pub visibility: Option<String>,
    /// `true` to create them although people with a similar name exist.
    pub not_duplicate: Option<bool>,
}

/// A relation between two organisations: created, or when one of this kind
/// joins them already, changed to these fields (staff and admins).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "from": "omct", "to": "fidh", "kind": "partner-of", "since": 2002
}))]
pub struct RelationInput {
    /// The organisation the relation goes from (the member, for `member-of`).
    pub from: String,
    pub to: String,
    /// `member-of` or `partner-of`.
    pub kind: String,
    /// A membership's role, a partnership's context.
    pub role: Option<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    /// Where the relation is known from.
    pub source: Option<String>,
    /// At least as closed as both organisations (by default, the more closed of them).
    pub visibility: Option<String>,
}

/// A new hearing of a trial, in the court's local time (staff and admins).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "trial": "eren-keskin-istanbul", "date": "2027-03-04", "time": "09:30",
    "place": "Çağlayan courthouse"
}))]
pub struct HearingInput {
    pub trial: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, on the court's clock.
    pub time: String,
    pub place: String,
}

/// What happened at a hearing, and the next one when the court set it; a
/// field left out keeps what was recorded.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "status": "postponed", "summary": "The judge was absent.",
    "next_date": "2027-04-08", "next_time": "10:00"
}))]
pub struct HearingRecordInput {
    /// `scheduled`, `held` or `postponed`.
    pub status: Option<String>,
    pub summary: Option<String>,
    /// `YYYY-MM-DD`, with `next_time`.
    pub next_date: Option<String>,
    /// `HH:MM`.
    pub next_time: Option<String>,
}

fn refused(field: &str, detail: &str) -> AppError {
    AppError::BadRequest(ValidationError::new(
        field,
        Problem::Malformed {
            detail: detail.to_owned(),
        },
    ))
}

/// A list cell of the page's form ("fr, ar", a line per name): an entry
/// holding the separator would become two.
fn joined(
    field: &str,
    values: Vec<String>,
    separator: &str,
    forbidden: &[char],
) -> Result<String, AppError> {
    if let Some(bad) = values.iter().find(|v| v.contains(forbidden)) {
        return Err(AppError::BadRequest(
            ValidationError::new(
                field,
                Problem::Malformed {
                    detail: "one value per entry".into(),
                },
            )
            .with_value(bad.chars().take(100).collect::<String>()),
        ));
    }
    Ok(values.join(separator))
}

impl OrganisationInput {
    /// Whether it names a field only the staff's form has.
    fn names_staff_fields(&self) -> bool {
        self.name.is_some()
            || self.acronym.is_some()
            || self.visibility.is_some()
            || self.names_facts()
    }

    /// Whether it names a fact the staff keep (kind, seat, themes...): only
    /// then are they sent again, so a change of a city leaves them alone.
    fn names_facts(&self) -> bool {
        self.kind.is_some()
            || self.member_since.is_some()
            || self.country.is_some()
            || self.themes.is_some()
            || self.languages.is_some()
            || self.other_names.is_some()
    }

    fn onto(self, mut form: OrgEditForm) -> Result<OrgEditForm, AppError> {
        let text = |v: Option<String>| v.unwrap_or_default();
        if let Some(v) = self.name {
            form.name = Some(v);
        }
        if let Some(v) = self.acronym {
            form.acronym = Some(text(v));
        }
        if let Some(v) = self.kind {
            form.kind = Some(v);
        }
        if let Some(v) = self.member_since {
            form.member_since = Some(v.map(|y| y.to_string()).unwrap_or_default());
        }
        if let Some(v) = self.country {
            form.country = Some(text(v));
        }
        if let Some(v) = self.city {
            form.city = text(v);
        }
        if let Some(v) = self.website {
            form.website = text(v);
        }
        if let Some(v) = self.email {
            form.email = text(v);
        }
        if let Some(v) = self.description {
            form.description = v;
        }
        if let Some(v) = self.description_lang {
            form.description_lang = v;
        }
        if let Some(v) = self.visibility {
            form.visibility = Some(v);
        }
        if let Some(v) = self.themes {
            form.themes = v.into_iter().map(|t| (t, "on".to_owned())).collect();
        }
        if let Some(v) = self.languages {
            form.languages = Some(joined("languages", v, ", ", &[',', ' ', '\n', '\r'])?);
        }
        if let Some(v) = self.other_names {
            form.other_names = Some(joined("other_names", v, "\n", &['\n', '\r'])?);
        }
        if self.not_duplicate == Some(true) {
            form.not_duplicate = Some("on".into());
        }
        Ok(form)
    }
}

impl PersonInput {
    fn onto(self, mut form: PersonForm) -> Result<PersonForm, AppError> {
        if let Some(v) = self.name {
            form.name = v;
        }
        if let Some(roles) = self.roles {
            let mut ticked = [false; shared::PersonRole::ALL.len()];
            for raw in &roles {
                let role = shared::PersonRole::parse(raw).map_err(|e| e.at("roles"))?;
                let i = shared::PersonRole::ALL
                    .iter()
                    .position(|r| *r == role)
                    .unwrap_or(0);
                ticked[i] = true;
            }
            let on = |role: shared::PersonRole| {
                let i = shared::PersonRole::ALL.iter().position(|r| *r == role)?;
                ticked[i].then(|| "on".to_owned())
            };
            form.defender = on(shared::PersonRole::Defender);
            form.lawyer = on(shared::PersonRole::Lawyer);
            form.observer = on(shared::PersonRole::Observer);
            form.staff = on(shared::PersonRole::Staff);
        }
        if let Some(v) = self.risk_level {
            form.risk_level = v;
        }
        if let Some(v) = self.gender {
            form.gender = v.unwrap_or_default();
        }
        if let Some(v) = self.nationality {
            form.nationality = v.unwrap_or_default();
        }
        if let Some(v) = self.languages {
            form.languages = joined("languages", v, ", ", &[',', ' ', '\n', '\r'])?;
        }
        if let Some(v) = self.description {
            form.description = v;
        }
        if let Some(v) = self.visibility {
            form.visibility = v;
        }
        if self.not_duplicate == Some(true) {
            form.not_duplicate = Some("on".into());
        }
        Ok(form)
    }
}

/// The body as `T`: JSON, within [`MAX_BODY`], every field known.
async fn body_of<T: DeserializeOwned>(
    headers: &axum::http::HeaderMap,
    body: Body,
) -> Result<T, Response> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the body as JSON (Content-Type: application/json).",
        ));
    }
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("A body of at most {} KB.", MAX_BODY / 1024),
        )
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| from_app_error(&refused("body", &format!("not the JSON expected: {e}"))))
}

/// Reads the body as `T` and runs `work` with it as a page's server
/// function runs, for the token's user (a redirect it asks for is not
/// followed); its refusal is answered as a problem.
async fn write<T, F>(state: &ApiState, request: Request, work: impl FnOnce(T) -> F) -> Response
where
    T: DeserializeOwned,
    F: std::future::Future<Output = Result<Response, AppError>>,
{
    let (parts, body) = request.into_parts();
    let input: T = match body_of(&parts.headers, body).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    state
        .context
        .run(parts, || async move {
            provide_context(leptos_axum::ResponseOptions::default());
            work(input).await
        })
        .await
        .unwrap_or_else(|e| from_app_error(&e))
}

/// The version a change names: required, since it is what makes a change
/// made on an older read a conflict (409) rather than a silent overwrite.
fn version_of(version: Option<u64>) -> Result<u64, AppError> {
    version.ok_or_else(|| AppError::BadRequest(ValidationError::new("version", Problem::Required)))
}

fn answer(status: StatusCode, location: Option<String>, value: Value) -> Response {
    let mut response = (status, Json(value)).into_response();
    if let Some(v) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

/// 201 for a record written: its address, and the record read back; when
/// that read fails the write still happened, so the answer says its id
/// rather than an error a client would retry.
fn created(location: &str, id: &str, read: Result<Value, AppError>) -> Response {
    let body = read.unwrap_or_else(|e| {
        tracing::warn!(error = %e, record = location, "a record written through the API could not be read back");
        json!({ "id": id })
    });
    answer(StatusCode::CREATED, Some(location.to_owned()), body)
}

async fn organisation_read(id: String) -> Result<Value, AppError> {
    let profile = app::directory::api::fetch_organisation_profile(id).await?;
    Ok(json!({ "organisation": profile.org, "peers": profile.peers }))
}

/// `POST /api/v1/organisations`: 201 with the new organisation.
pub async fn create_organisation(State(state): State<ApiState>, request: Request) -> Response {
    write(&state, request, |input: OrganisationInput| async move {
        if input.version.is_some() {
            return Err(refused("version", "a new organisation has no version yet"));
        }
        let start = OrgEditForm {
            description_lang: "en".into(),
            ..OrgEditForm::default()
        };
        let form = input.onto(start)?;
        let id = app::directory::editing::create_organisation(form).await?;
        let read = organisation_read(id.clone()).await;
        Ok(created(&format!("/api/v1/organisations/{id}"), &id, read))
    })
    .await
}

/// `PATCH /api/v1/organisations/{id}`: 200 with the organisation as saved.
pub async fn update_organisation(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    write(&state, request, |input: OrganisationInput| async move {
        let version = version_of(input.version)?;
        let view = app::directory::editing::fetch_edit_view(id.clone()).await?;
        if !view.staff_fields && input.names_staff_fields() {
            return Err(AppError::Forbidden);
        }
        let facts = view.staff_fields && input.names_facts();
        let mut form = input.onto(OrgEditForm::of(&view.org, facts))?;
        form.version = version.to_string();
        app::directory::editing::save_organisation(id.clone(), form).await?;
        Ok(answer(StatusCode::OK, None, organisation_read(id).await?))
    })
    .await
}

/// `POST /api/v1/persons`: 201 with the new person.
pub async fn create_person(State(state): State<ApiState>, request: Request) -> Response {
    write(&state, request, |input: PersonInput| async move {
        if input.version.is_some() {
            return Err(refused("version", "a new person has no version yet"));
        }
        let form = input.onto(PersonForm::default())?;
        let id = app::people::api::create_person(form).await?;
        let read = app::people::api::fetch_person(id.clone())
            .await
            .map(|view| json!(view.person));
        Ok(created(&format!("/api/v1/persons/{id}"), &id, read))
    })
    .await
}

/// `PATCH /api/v1/persons/{id}`: 200 with the person as saved.
pub async fn update_person(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    write(&state, request, |input: PersonInput| async move {
        let version = version_of(input.version)?;
        let view = app::people::api::fetch_person(id.clone()).await?;
        if !view.may_edit {
            return Err(AppError::Forbidden);
        }
        let mut form = input.onto(PersonForm::of(&view.person))?;
        form.version = version.to_string();
        app::people::api::save_person(id.clone(), form).await?;
        let person = app::people::api::fetch_person(id).await?.person;
        Ok(answer(StatusCode::OK, None, json!(person)))
    })
    .await
}

/// `POST /api/v1/relations`: 200 with the relation as its `from`
/// organisation's profile lists it.
pub async fn set_relation(State(state): State<ApiState>, request: Request) -> Response {
    write(&state, request, |input: RelationInput| async move {
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        let form = shared::TieForm {
            kind: input.kind.clone(),
            organisation: input.to.clone(),
            role: input.role.unwrap_or_default(),
            since: year(input.since),
            until: year(input.until),
            source: input.source.unwrap_or_default(),
            visibility: input.visibility.unwrap_or_default(),
        };
        app::directory::ties::set_tie(input.from.clone(), form).await?;
        let profile = app::directory::api::fetch_organisation_profile(input.from.clone()).await?;
        let tie = profile.org.ties.into_iter().find(|t| {
            t.kind.as_str() == input.kind.trim() && t.other.id.as_str() == input.to.trim()
        });
        Ok(answer(
            StatusCode::OK,
            None,
            json!({ "from": input.from, "relation": tie }),
        ))
    })
    .await
}

/// `POST /api/v1/hearings`: 201 with the new hearing.
pub async fn add_hearing(State(state): State<ApiState>, request: Request) -> Response {
    write(&state, request, |input: HearingInput| async move {
        let form = shared::HearingForm {
            trial: input.trial,
            date: input.date,
            time: input.time,
            place: input.place,
        };
        let id = app::observation::api::add_hearing(form).await?;
        let read = app::observation::api::fetch_hearing(id.clone())
            .await
            .map(|hearing| json!(hearing));
        Ok(created(&format!("/api/v1/hearings/{id}"), &id, read))
    })
    .await
}

/// `PATCH /api/v1/hearings/{id}`: 200 with the hearing as recorded.
pub async fn record_hearing(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    write(&state, request, |input: HearingRecordInput| async move {
        let recorded = app::observation::api::fetch_hearing(id.clone()).await?;
        let form = shared::HearingRecordForm {
            hearing: id.clone(),
            status: input
                .status
                .unwrap_or_else(|| recorded.status.as_str().to_owned()),
            summary: input.summary.unwrap_or(recorded.summary),
            next_date: input.next_date.unwrap_or_default(),
            next_time: input.next_time.unwrap_or_default(),
        };
        app::observation::api::record_hearing(form).await?;
        let hearing = app::observation::api::fetch_hearing(id).await?;
        Ok(answer(StatusCode::OK, None, json!(hearing)))
    })
    .await
}
