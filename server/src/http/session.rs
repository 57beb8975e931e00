//! Attaches the reader's session to each request: the cookie's token is looked
//! up (by its hash) and, when valid, the session goes into the request
//! extensions where the application's server functions and pages find it.
//! The client's address goes there too, for throttling and the audit log.

use app::accounts::auth::context::ClientAddress;
use app::accounts::auth::{cookie_value, SESSION_COOKIE};
use app::accounts::store::SharedAccounts;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

/// What the session layer enforces beyond reading the cookie.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// Staff and admins must have a second factor before they can use the
    /// platform (production); until then only their account page opens.
    pub require_second_factor: bool,
}

/// Where a staff member without a second factor may still go: to set it up.
fn open_while_enrolling(path: &str) -> bool {
    [
        "/account",
        "/api/totp-",
        "/api/sign-out",
        "/pkg/",
        "/favicon",
        "/healthz",
        "/sign-in",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

pub async fn attach(
    State((accounts, policy)): State<(SharedAccounts, Policy)>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "local".to_owned(), |c| c.0.ip().to_string());
    request.extensions_mut().insert(ClientAddress(address));
    // Assets carry the cookie too; looking it up for each of them would cost a
    // database query per file for nothing.
    let is_asset = ["/pkg/", "/favicon"]
        .iter()
        .any(|p| request.uri().path().starts_with(p));
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| cookie_value(c, SESSION_COOKIE))
        .filter(|_| !is_asset);
    if let Some(token) = token {
        match accounts.session(&token).await {
            Ok(Some(session)) => {
                let must_enrol = policy.require_second_factor
                    && session.user.role.needs_second_factor()
                    && !session.user.totp_enabled;
                if must_enrol && !open_while_enrolling(request.uri().path()) {
                    return if request.method() == axum::http::Method::GET {
                        Redirect::to("/account?required=1").into_response()
                    } else {
                        (StatusCode::FORBIDDEN, "Set up your second factor first.").into_response()
                    };
                }
                request.extensions_mut().insert(session);
            }
            Ok(None) => {}
            // The page is still served, as to an anonymous visitor: showing
            // less is the safe way to fail.
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(request).await
}
