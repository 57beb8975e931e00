//! The API's reads: the lists (with their pages' filters, a window at a
//! time), a record, countries, and the graph around a record or between two.

use super::problem::{from_app_error, problem};
use super::ApiState;
use crate::http::list_export::JsonRow;
use app::error::AppError;
use app::exchange::exports::{self, Filters, List, Window};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use shared::{Problem, ValidationError};

/// Rows an answer holds unless `limit` says otherwise, and at most.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

fn pairs(request: &Request) -> Result<Vec<(String, String)>, AppError> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(request.uri().query().unwrap_or(""))
        .map_err(|e| {
            invalid(
                "query",
                Problem::Malformed {
                    detail: e.to_string(),
                },
                request.uri().query().unwrap_or(""),
            )
        })
}

fn invalid(field: &str, problem: Problem, value: &str) -> AppError {
    AppError::Invalid(vec![ValidationError::new(field, problem)
        .with_value(value.chars().take(100).collect::<String>())])
}

/// `limit` and `cursor` out of the filters: the window asked for.
fn window(pairs: &mut Vec<(String, String)>) -> Result<Window, AppError> {
    let take = |pairs: &mut Vec<(String, String)>, name: &str| {
        let found = pairs.iter().position(|(k, _)| k == name);
        found.map(|i| pairs.remove(i).1)
    };
    let limit = match take(pairs, "limit") {
        Some(raw) => Some(
            raw.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    invalid(
                        "limit",
                        Problem::NotOneOf {
                            allowed: vec![format!("1 to {MAX_LIMIT}")],
                        },
                        &raw,
                    )
                })?,
        ),
        None => None,
    };
    let Some(cursor) = take(pairs, "cursor") else {
        return Ok(Window {
            offset: 0,
            limit: limit.unwrap_or(DEFAULT_LIMIT),
        });
    };
    // A cursor is the `next` of a previous answer: where to go on, with
    // the window it was made for.
    let parsed = cursor.split_once('.').and_then(|(offset, size)| {
        let offset = offset.parse::<u64>().ok()?;
        let size = size
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))?;
        (offset % u64::from(size) == 0 && offset <= 1_000_000_000).then_some((offset, size))
    });
    match parsed {
        Some((offset, size)) if limit.is_none_or(|l| l == size) => Ok(Window {
            offset,
            limit: size,
        }),
        _ => Err(invalid(
            "cursor",
            Problem::Malformed {
                detail: "not a cursor this API gave, or given with another limit".into(),
            },
            &cursor,
        )),
    }
}

/// `GET /api/v1/<list>`: `{ "items": [...], "total": n, "next": cursor }`.
pub async fn list(
    State(state): State<ApiState>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    let Some(list) = List::parse(&name) else {
        return problem(StatusCode::NOT_FOUND, "No such list in /api/v1.");
    };
    list_of(&state, list, request).await
}

/// `GET /api/v1/organisations`, whose address also takes new ones.
pub async fn organisations(State(state): State<ApiState>, request: Request) -> Response {
    list_of(&state, List::Organisations, request).await
}

/// `GET /api/v1/persons`, whose address also takes new ones.
pub async fn persons(State(state): State<ApiState>, request: Request) -> Response {
    list_of(&state, List::People, request).await
}

/// `GET /api/v1/hearings`, whose address also takes new ones.
pub async fn hearings(State(state): State<ApiState>, request: Request) -> Response {
    list_of(&state, List::Hearings, request).await
}

async fn list_of(state: &ApiState, list: List, request: Request) -> Response {
    let mut pairs = match pairs(&request) {
        Ok(p) => p,
        Err(e) => return from_app_error(&e),
    };
    let window = match window(&mut pairs) {
        Ok(w) => w,
        Err(e) => return from_app_error(&e),
    };
    let filters = Filters(pairs);
    let (parts, _) = request.into_parts();
    let found = state
        .context
        .run(parts, || async move {
            exports::read(list, &filters, Some(window)).await
        })
        .await;
    match found {
        Ok((table, total)) => {
            let shown = table.rows.len() as u64;
            let next = (window.offset + shown < total && shown > 0).then(|| {
                format!(
                    "{}.{}",
                    window.offset + u64::from(window.limit),
                    window.limit
                )
            });
            let items: Vec<JsonRow<'_>> = table
                .rows
                .iter()
                .map(|r| JsonRow(table.columns, r))
                .collect();
            Json(json!({ "items": items, "total": total, "next": next })).into_response()
        }
        Err(e) => from_app_error(&e),
    }
}

/// Runs an app read for this request and answers its JSON.
async fn answer<T, F>(state: &ApiState, request: Request, read: impl FnOnce() -> F) -> Response
where
    F: std::future::Future<Output = Result<T, AppError>>,
    T: serde::Serialize,
{
    let (parts, _) = request.into_parts();
    match state.context.run(parts, read).await {
        Ok(value) => Json(value).into_response(),
        Err(e) => from_app_error(&e),
    }
}

fn get(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

pub async fn organisation(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    answer(&state, request, || async move {
        let profile = app::directory::api::fetch_organisation_profile(id).await?;
        Ok(json!({ "organisation": profile.org, "peers": profile.peers }))
    })
    .await
}

pub async fn person(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    answer(&state, request, || async move {
        Ok(app::people::api::fetch_person(id).await?.person)
    })
    .await
}

pub async fn hearing(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    answer(&state, request, || async move {
        app::observation::api::fetch_hearing(id).await
    })
    .await
}

pub async fn trial(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    answer(&state, request, || async move {
        Ok(app::observation::api::fetch_trial(id).await?.trial)
    })
    .await
}

pub async fn countries(State(state): State<ApiState>, request: Request) -> Response {
    answer(&state, request, || async move {
        app::directory::api::fetch_country_index().await
    })
    .await
}

pub async fn country(
    State(state): State<ApiState>,
    Path(code): Path<String>,
    request: Request,
) -> Response {
    answer(&state, request, || async move {
        app::directory::api::fetch_country_profile(code).await
    })
    .await
}

/// `GET /api/v1/graph/ego?start=organisation:omct&depth=2`.
pub async fn ego(State(state): State<ApiState>, request: Request) -> Response {
    let pairs = match pairs(&request) {
        Ok(p) => p,
        Err(e) => return from_app_error(&e),
    };
    let Some(start) = get(&pairs, "start") else {
        return from_app_error(&invalid("start", Problem::Required, ""));
    };
    let depth = get(&pairs, "depth");
    let past = get(&pairs, "past").map(|p| p == "true" || p == "1");
    answer(&state, request, || async move {
        app::graph::api::fetch_graph(start, depth, past).await
    })
    .await
}

/// `GET /api/v1/graph/path?from=organisation:omct&to=organisation:fidh`.
pub async fn path(State(state): State<ApiState>, request: Request) -> Response {
    let pairs = match pairs(&request) {
        Ok(p) => p,
        Err(e) => return from_app_error(&e),
    };
    let (Some(from), Some(to)) = (get(&pairs, "from"), get(&pairs, "to")) else {
        let missing = if get(&pairs, "from").is_none() {
            "from"
        } else {
            "to"
        };
        return from_app_error(&invalid(missing, Problem::Required, ""));
    };
    answer(&state, request, || async move {
        let paths: Vec<shared::graph::GraphPath> = app::graph::api::fetch_paths(from, to).await?;
        Ok::<Value, AppError>(json!({ "paths": paths }))
    })
    .await
}
