//! Attaches the reader's session to each request: the cookie's token is looked
//! up (by its hash) and, when valid, the session goes into the request
//! extensions where the application's server functions and pages find it.
//! The client's address goes there too, for throttling and the audit log.

use app::auth::context::ClientAddress;
use app::auth::{cookie_value, SESSION_COOKIE};
use app::store::SharedAccounts;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

pub async fn attach(
    State(accounts): State<SharedAccounts>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "local".to_owned(), |c| c.0.ip().to_string());
    request.extensions_mut().insert(ClientAddress(address));
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| cookie_value(c, SESSION_COOKIE));
    if let Some(token) = token {
        match accounts.session(&token).await {
            Ok(Some(session)) => {
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
