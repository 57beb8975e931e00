//! What the browser is told about every response: which scripts may run (a
//! Content-Security-Policy with a fresh nonce per request, so an injected
//! `<script>` never runs), that no other site may frame or open a handle to
//! our pages, that a signed-in page is never stored, and, when the site is
//! served over https, that it always is.

use app::accounts::auth::context::{CspNonce, PublicHttps, SiteAddress};
use app::accounts::auth::SESSION_COOKIE;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The configured public address (`--public-url`) and whether it is https.
#[derive(Debug, Clone, Default)]
pub struct Transport {
    pub https: bool,
    pub public_url: Option<String>,
}

/// The policy for a page rendered with `nonce`. Scripts: our own files and
/// the inline hydration and streaming scripts Leptos marks with the nonce;
/// `'wasm-unsafe-eval'` lets the browser compile our WASM and nothing else.
/// Styles come only from the site's style sheet; images from the site, or
/// made in the page (the explorer draws its PNG export from a `blob:` SVG).
/// Forms post only here.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map_or_else(String::new, |n| format!(" 'nonce-{n}'"));
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The API's documentation page (Swagger UI, served from the binary).
const API_DOCS: &str = "/api/v1/docs";

/// A fresh nonce: 128 random bits, hex (a subset of the base64 CSP allows).
/// Without randomness there is none: the policy then allows no inline
/// script at all, and the page still works as plain HTML.
fn new_nonce() -> Option<String> {
    let mut bytes = [0u8; 16];
    match getrandom::fill(&mut bytes) {
        Ok(()) => Some(hex::encode(bytes)),
        Err(e) => {
            tracing::error!(error = %e, "no randomness for a Content-Security-Policy nonce");
            None
        }
    }
}

/// Pages whose address is a secret (an invitation, a password reset link,
/// an applicant's page): no cache keeps them, whoever reads them.
fn holds_secret(path: &str) -> bool {
    path.starts_with("/invite/") || path.starts_with("/reset/") || path.starts_with("/join/status/")
}

/// Whether the request carries a session cookie (resolved or not).
pub(super) fn carries_session(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| app::accounts::auth::cookie_value(c, SESSION_COOKIE).is_some())
}

pub async fn add(State(transport): State<Transport>, mut request: Request, next: Next) -> Response {
    let nonce = new_nonce();
    if let Some(nonce) = &nonce {
        request.extensions_mut().insert(CspNonce(nonce.clone()));
    }
    if transport.https {
        request.extensions_mut().insert(PublicHttps);
    }
    if let Some(url) = &transport.public_url {
        request.extensions_mut().insert(SiteAddress(url.clone()));
    }
    let is_asset = super::site_files::is_asset(request.uri().path());
    let signed_in = carries_session(&request);
    let secret_address = holds_secret(request.uri().path());
    let api_docs = request.uri().path().starts_with(API_DOCS);
    let mut response = next.run(request).await;
    let starts_session = response.headers().contains_key(header::SET_COOKIE);
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    let mut policy = content_security_policy(nonce.as_deref());
    if api_docs {
        // Swagger UI sets styles inline; its scripts stay held to the
        // policy, and the page holds no record.
        policy = policy.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
    }
    set(header::CONTENT_SECURITY_POLICY, &policy);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    // Addresses can name a defendant or a trial: no other site learns them.
    set(header::REFERRER_POLICY, "same-origin");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    if (signed_in || starts_session || secret_address) && !is_asset {
        // A shared computer's back button or a proxy must not show a page
        // that held restricted records after its reader has left.
        set(header::CACHE_CONTROL, "no-store");
    }
    if transport.https {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_fresh_and_fit_the_policy_grammar() {
        let (a, b) = (new_nonce().unwrap(), new_nonce().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        let policy = content_security_policy(Some(&a));
        assert!(policy.contains(&format!("'nonce-{a}'")));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        let without = content_security_policy(None);
        assert!(
            !without.contains("nonce") && without.contains("script-src 'self' 'wasm-unsafe-eval'")
        );
    }
}
