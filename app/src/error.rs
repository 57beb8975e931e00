//! The one error type server functions return; it crosses the wire as JSON and
//! knows which HTTP status a page showing it should carry.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::{Problem, ValidationError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The record does not exist or the reader may not see it: the two are
    /// deliberately indistinguishable.
    #[error("not found")]
    NotFound,
    /// A parameter of the request is invalid.
    #[error("{0}")]
    BadRequest(ValidationError),
    /// The database could not be reached; retrying later may work.
    #[error("the service is temporarily unavailable")]
    Unavailable,
    /// A defect on our side; the details are in the server log only.
    #[error("something went wrong on our side")]
    Internal,
    /// The page or action needs a signed-in user.
    #[error("sign in first")]
    SignInRequired,
    /// The reader sees the record but may not do this with it.
    #[error("you may not do this")]
    Forbidden,
    /// Someone saved a newer version since the form was opened.
    #[error("the record changed since it was opened")]
    Stale {
        by: Option<String>,
        at: Option<String>,
    },
    /// A form with problems, each naming its field.
    #[error("the form has {} problem(s)", .0.len())]
    Invalid(Vec<ValidationError>),
    /// The request never reached the server or its answer was unreadable.
    #[error("the connection failed: {0}")]
    Transport(String),
    /// The record was merged into another: its address leads there (a path
    /// the server made, such as `/organisations/omct`).
    #[error("moved to {0}")]
    Moved(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) | AppError::Invalid(_) => 400,
            AppError::SignInRequired => 401,
            AppError::Forbidden => 403,
            AppError::Stale { .. } => 409,
            AppError::Unavailable | AppError::Transport(_) => 503,
            AppError::Moved(_) => 302,
            AppError::Internal => 500,
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::BadRequest(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::Deserialization(detail) => {
                AppError::BadRequest(ValidationError::new(
                    "request",
                    Problem::Malformed { detail },
                ))
            }
            ServerFnErrorErr::Request(detail) | ServerFnErrorErr::Response(detail) => {
                AppError::Transport(detail)
            }
            ServerFnErrorErr::MissingArg(arg) => {
                AppError::BadRequest(ValidationError::new(arg, Problem::Required))
            }
            _ => AppError::Internal,
        }
    }

    /// Every failed server function's answer is written here, so this is
    /// where its HTTP status is set: a client, a proxy or a log tells a bad
    /// request (400) from a hidden record (404) from a defect (500) without
    /// reading the body. It replaces any status the function set before
    /// failing, so a function that fails must not count on its redirect.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        if let (Some(response), false) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            sends_back_to_the_form(),
        ) {
            response.set_status(
                http::StatusCode::from_u16(self.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        serde_json::to_vec(self)
            .map(Into::into)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(b"\"Internal\""))
    }
}

/// A form posted without JavaScript (it accepts HTML): server_fn answers it
/// with a redirect back to the page, or to `/` without a Referer, and the
/// page shows the error; a status set here would replace that redirect with
/// a bare error page.
#[cfg(feature = "ssr")]
fn sends_back_to_the_form() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

// The stores' errors exist on the server only; the browser sees AppError.

/// A store call that failed for a reason of its own (not the caller's).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("store failure: {0}")]
    Internal(String),
}

#[cfg(feature = "ssr")]
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store call failed");
        match e {
            StoreError::Unavailable(_) => AppError::Unavailable,
            StoreError::Internal(_) => AppError::Internal,
        }
    }
}

/// Why a change to a trial, mission or report was refused.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkError {
    /// Absent or hidden from the actor: the same answer.
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Problems with the input or a move the workflow does not allow.
    #[error("invalid")]
    Invalid(Vec<ValidationError>),
    /// Someone else changed it since it was read.
    #[error("changed since it was read")]
    Stale,
    #[error("{0}")]
    Store(StoreError),
}

#[cfg(feature = "ssr")]
impl From<StoreError> for WorkError {
    fn from(e: StoreError) -> Self {
        WorkError::Store(e)
    }
}

#[cfg(feature = "ssr")]
impl From<WorkError> for AppError {
    fn from(e: WorkError) -> Self {
        match e {
            WorkError::NotFound => AppError::NotFound,
            WorkError::Forbidden => AppError::Forbidden,
            WorkError::Invalid(problems) => AppError::Invalid(problems),
            WorkError::Stale => AppError::Stale { by: None, at: None },
            WorkError::Store(e) => e.into(),
        }
    }
}
