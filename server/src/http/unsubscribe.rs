//! The link every notification e-mail carries (`List-Unsubscribe`): a mail
//! program's one-click POST (RFC 8058) turns that kind of message off for
//! its recipient at once, without signing in; a person who opens the link
//! is shown the page that asks them to confirm.

use crate::store::SurrealStore;
use app::notifications::store::Inbox;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

fn well_formed(token: &str) -> bool {
    !token.is_empty() && token.len() <= 128 && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub async fn open(Path(token): Path<String>) -> Response {
    if !well_formed(&token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Redirect::to(&format!("/unsubscribe?token={token}")).into_response()
}

pub async fn one_click(
    State(store): State<Arc<SurrealStore>>,
    Path(token): Path<String>,
) -> Response {
    if !well_formed(&token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match store.unsubscribe(&token).await {
        Ok(Some(_)) => (StatusCode::OK, "Unsubscribed.").into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "an unsubscribe link could not be followed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
