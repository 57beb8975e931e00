//! Cross-site request forgery: a request that changes something must come
//! from a page of this site. Browsers say where a request comes from in
//! `Origin` (and `Sec-Fetch-Site`); a cross-site one is refused before it
//! reaches a handler. Together with the SameSite=Lax session cookie this is
//! the defence OWASP recommends for applications without per-form tokens.
//! Requests with neither header come from scripts and tools, not from a
//! browser tricked by another site, and carry no ambient cookie worth forging.

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if is_safe(request.method()) || comes_from_this_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        "This request came from another site and was refused. Go back to the page and try again.",
    )
        .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn comes_from_this_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return false;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(header::HOST))
        .and_then(|v| v.to_str().ok());
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}
