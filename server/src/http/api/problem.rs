//! Errors of the API as RFC 9457 problem details
//! (`application/problem+json`): the status, a title, what went wrong and,
//! for refused input, each field with its problem and value.

use app::error::AppError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use shared::ValidationError;

pub const CONTENT_TYPE: &str = "application/problem+json";

pub fn problem(status: StatusCode, detail: impl Into<String>) -> Response {
    body(status, detail.into(), &[])
}

fn body(status: StatusCode, detail: String, errors: &[ValidationError]) -> Response {
    let mut value = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    if !errors.is_empty() {
        value["errors"] = errors
            .iter()
            .map(|e| {
                json!({
                    "field": e.field,
                    "problem": e.problem,
                    "value": e.value,
                    "message": e.message(),
                })
            })
            .collect();
    }
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        value.to_string(),
    )
        .into_response()
}

/// A refusal of the app, as the API says it.
pub fn from_app_error(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match error {
        AppError::Invalid(errors) => body(
            StatusCode::BAD_REQUEST,
            errors
                .iter()
                .map(ValidationError::message)
                .collect::<Vec<_>>()
                .join("; "),
            errors,
        ),
        AppError::BadRequest(e) => body(
            StatusCode::BAD_REQUEST,
            e.message(),
            std::slice::from_ref(e),
        ),
        AppError::NotFound => problem(
            StatusCode::NOT_FOUND,
            "No such record, or not one you may read.",
        ),
        AppError::SignInRequired => problem(StatusCode::UNAUTHORIZED, "A token is needed."),
        AppError::Forbidden => problem(StatusCode::FORBIDDEN, "Your role does not open this."),
        AppError::Moved(to) => {
            // A merged record: its page moved; so does its API address.
            let api = to
                .strip_prefix("/people/")
                .map(|k| format!("/api/v1/persons/{k}"))
                .or_else(|| {
                    to.strip_prefix("/organisations/")
                        .map(|k| format!("/api/v1/organisations/{k}"))
                })
                .unwrap_or_else(|| to.clone());
            let mut response = problem(StatusCode::FOUND, format!("Merged into {api}."));
            if let Ok(location) = HeaderValue::from_str(&api) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        AppError::Unavailable | AppError::Transport(_) => {
            let mut response = problem(StatusCode::SERVICE_UNAVAILABLE, "Busy; try again shortly.");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
            response
        }
        AppError::Stale { .. } => problem(StatusCode::CONFLICT, "Changed since it was read."),
        AppError::Internal => problem(status, "Something went wrong on our side."),
    }
}
