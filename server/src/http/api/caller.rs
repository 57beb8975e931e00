//! Who calls the API: a bearer token, checked on every request. A token
//! acts with its user's role and grants (read now, so a changed role applies
//! at once), may write only when made to, and its user is held to a rate
//! (each address too, before any token is looked up). Each use
//! and each refusal is in the audit log (once an hour per token or address
//! and reason, so that a loop does not flood it).

use super::problem::problem;
use super::ApiState;
use crate::store::exchange::api_tokens::TokenCheck;
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
    // Each address has a rate of its own before any token is looked at,
    // so that guessing costs no database work beyond it.
    if let Err(not_until) = state.address_limiter.check_key(&address) {
        return too_many(not_until.wait_time_from(DefaultClock::default().now()));
    }
    state.prune_now_and_then();
    let Some(raw) = bearer(&request).map(str::to_owned) else {
        refuse("api.refused.no_token", None).await;
        return unauthorised("Send a token: Authorization: Bearer sos_...");
    };
    let caller = match state.store.api_session(&raw).await {
        Ok(TokenCheck::Valid(caller)) => caller,
        Ok(TokenCheck::Refused(reason, token)) => {
            refuse(reason, token).await;
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
    // The rate is the user's, whichever of their tokens calls.
    if let Err(not_until) = state.limiter.check_key(&user.id.to_string()) {
        refuse("api.refused.rate", Some(caller.token.clone())).await;
        return too_many(not_until.wait_time_from(DefaultClock::default().now()));
    }
    // Calls of one token at once write the same lines: a write conflict is
    // tried again; a call that cannot be audited is not answered.
    let mut recorded = state.store.record_api_use(&caller, &address).await;
    for _ in 0..4 {
        match &recorded {
            Err(e) if retryable(&e.to_string()) => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                recorded = state.store.record_api_use(&caller, &address).await;
            }
            _ => break,
        }
    }
    if let Err(e) = recorded {
        tracing::error!(error = %e, "an API call could not be audited");
        return problem(StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.").into_response();
    }
    // The last use shown on the account page; another call of the same
    // token writing it at the same moment says the same.
    if let Err(e) = state.store.touch_api_token(&caller).await {
        tracing::warn!(error = %e, "an API token's last use was not written");
    }
    request.extensions_mut().insert(ClientAddress(address));
    request.extensions_mut().insert(caller.session.clone());
    request.extensions_mut().insert(caller);
    let mut response = next.run(request).await;
    // Answers hold what one user may read: no cache keeps them.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A transaction that lost a race with another and may simply run again.
fn retryable(message: &str) -> bool {
    message.contains("conflict") || message.contains("retried")
}

fn too_many(wait: std::time::Duration) -> Response {
    let mut response = problem(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many calls lately; wait and try again.",
    );
    let seconds = wait.as_secs().max(1).to_string();
    if let Ok(v) = HeaderValue::from_str(&seconds) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}
