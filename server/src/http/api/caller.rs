//! Who calls the API: a bearer token, checked on every request. A token
//! acts with its user's role and grants (read now, so a changed role applies
//! at once), may write only when made to, and is held to a rate. Each use
//! and each refusal is in the audit log (once an hour per token or address
//! and reason, so that a loop does not flood it).

use super::problem::problem;
use super::ApiState;
use app::accounts::auth::context::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use shared::TokenScope;
use std::net::SocketAddr;

fn bearer(request: &Request) -> Option<&str> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn unauthorised(detail: &str) -> Response {
    let mut response = problem(StatusCode::UNAUTHORIZED, detail);
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"sos-torture\""),
    );
    response
}

pub async fn authenticate(
    State(state): State<ApiState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let address = state.policy.client_address(peer, &forwarded);
    let refuse = |reason: &'static str, token: Option<String>| {
        let store = state.store.clone();
        let address = address.clone();
        async move {
            if let Err(e) = store
                .record_api_refusal(reason, token.as_deref(), &address)
                .await
            {
                tracing::error!(error = %e, "an API refusal could not be audited");
            }
        }
    };
    let Some(raw) = bearer(&request).map(str::to_owned) else {
        refuse("api.refused.no_token", None).await;
        return unauthorised("Send a token: Authorization: Bearer sos_...");
    };
    let caller = match state.store.api_session(&raw).await {
        Ok(Some(caller)) => caller,
        Ok(None) => {
            refuse("api.refused.bad_token", None).await;
            return unauthorised("This token is unknown, revoked or expired.");
        }
        Err(e) => {
            tracing::error!(error = %e, "an API token could not be checked");
            return problem(StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.");
        }
    };
    let user = &caller.session.user;
    if state.policy.require_second_factor && user.role.needs_second_factor() && !user.totp_enabled {
        refuse("api.refused.no_second_factor", Some(caller.token.clone())).await;
        return problem(
            StatusCode::FORBIDDEN,
            "Set up your second factor on your account page first.",
        );
    }
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
    if writes && caller.scope == TokenScope::Read {
        refuse("api.refused.read_only", Some(caller.token.clone())).await;
        return problem(StatusCode::FORBIDDEN, "This token may only read.");
    }
    if let Err(not_until) = state.limiter.check_key(&caller.token) {
        refuse("api.refused.rate", Some(caller.token.clone())).await;
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let mut response = problem(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests with this token; wait and try again.",
        );
        let seconds = wait.as_secs().max(1).to_string();
        if let Ok(v) = HeaderValue::from_str(&seconds) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return response;
    }
    if let Err(e) = state.store.record_api_use(&caller, &address).await {
        tracing::error!(error = %e, "an API call could not be audited");
        return problem(StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.").into_response();
    }
    request.extensions_mut().insert(ClientAddress(address));
    request.extensions_mut().insert(caller.session.clone());
    request.extensions_mut().insert(caller);
    next.run(request).await
}
