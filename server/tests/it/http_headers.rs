//! What every response tells the browser: a Content-Security-Policy whose
//! fresh nonce is the one the page's scripts carry, no framing, no sniffing,
//! no referrer to other sites, no stored copy of a signed-in page, and, for a
//! site served over https, Secure cookies and HSTS.

use crate::support::demo_store;
use crate::support::http::{app_with_readers, form_encode, get_with};
use axum::body::{to_bytes, Body};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use server::seed::accounts::DEMO_ACCOUNTS;
use shared::Role;
use std::sync::Arc;
use tower::ServiceExt;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// The nonce named in the policy.
fn policy_nonce(headers: &HeaderMap) -> String {
    let policy = header(headers, "content-security-policy");
    let start = policy.find("'nonce-").expect("the policy names a nonce") + 7;
    let end = start + policy[start..].find('\'').unwrap();
    policy[start..end].to_owned()
}

fn assert_hardened(headers: &HeaderMap, what: &str) {
    let policy = header(headers, "content-security-policy");
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(part), "{what}: {part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
    assert_eq!(
        header(headers, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(headers, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(headers, "referrer-policy"), "same-origin", "{what}");
    assert_eq!(
        header(headers, "cross-origin-opener-policy"),
        "same-origin",
        "{what}"
    );
}

#[tokio::test]
async fn every_response_carries_the_policy_and_each_page_its_own_nonce() {
    let (_store, app, readers) = app_with_readers().await;
    let html = [("accept", "text/html")];
    let (status, headers, body) = get_with(&app, "/organisations", &html).await;
    assert_eq!(status, StatusCode::OK);
    assert_hardened(&headers, "a page");
    let nonce = policy_nonce(&headers);
    let scripts: Vec<&str> = body.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "the page hydrates through a script");
    for script in &scripts {
        let tag = &script[..script.find('>').unwrap()];
        // leptos_i18n leaves an empty placeholder, which never runs.
        if script[tag.len() + 1..].starts_with("</script>") && !tag.contains("src=") {
            continue;
        }
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "every inline script carries the response's nonce: <script{tag}>"
        );
    }
    let (_, again, _) = get_with(&app, "/organisations", &html).await;
    assert_ne!(policy_nonce(&again), nonce, "a nonce is never reused");
    assert!(headers.get("cache-control").is_none_or(|v| v != "no-store"));
    assert!(
        headers.get("strict-transport-security").is_none(),
        "plain http here"
    );

    for (uri, expected) in [
        ("/healthz", StatusCode::OK),
        ("/no-such-page", StatusCode::NOT_FOUND),
        ("/pkg/nothing.js", StatusCode::NOT_FOUND),
    ] {
        let (status, headers, _) = get_with(&app, uri, &html).await;
        assert_eq!(status, expected, "{uri}");
        assert_hardened(&headers, uri);
    }
    let too_big = Request::post("/api/sign-in")
        .header("content-length", "999999999")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(too_big).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_hardened(response.headers(), "a refused body");

    // Signed in, nothing is stored: neither pages nor answers.
    let member = readers
        .iter()
        .find(|r| r.role == Some(Role::Member))
        .unwrap();
    let cookie = [("cookie", member.cookie.as_str()), ("accept", "text/html")];
    for uri in ["/organisations", "/account"] {
        let (status, headers, _) = get_with(&app, uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(header(&headers, "cache-control"), "no-store", "{uri}");
    }
    let answer = Request::post("/api/organisation")
        .header("cookie", member.cookie.as_str())
        .header("content-type", "application/json")
        .body(Body::from(r#"{"id":"midh"}"#))
        .unwrap();
    let response = app.clone().oneshot(answer).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(response.headers(), "cache-control"),
        "no-store",
        "an answer"
    );
}

async fn sign_in(app: &Router) -> HeaderMap {
    let member = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let body = format!(
        "email={}&password={}",
        form_encode(member.email),
        form_encode(member.password)
    );
    let request = Request::post("/api/sign-in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .body(Body::from(body))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let headers = response.headers().clone();
    to_bytes(response.into_body(), 1 << 20).await.unwrap();
    headers
}

fn session_cookie(headers: &HeaderMap) -> String {
    headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("sos_session="))
        .expect("signing in sets the session cookie")
}

#[tokio::test]
async fn a_site_served_over_https_sets_secure_cookies_and_hsts() {
    let store = Arc::new(demo_store().await);
    let plain = crate::support::http::router_on(store.clone());
    let https = crate::support::http::router_with_policy(
        store,
        server::http::session::Policy {
            public_url: Some("https://sos.example.org".to_owned()),
            ..Default::default()
        },
    );
    // Without the setting, only a proxy's word makes a cookie Secure.
    let headers = sign_in(&plain).await;
    assert!(!session_cookie(&headers).contains("Secure"));
    assert!(headers.get("strict-transport-security").is_none());

    let headers = sign_in(&https).await;
    let cookie = session_cookie(&headers);
    assert!(
        cookie.contains("; Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    assert_eq!(header(&headers, "cache-control"), "no-store");
    assert_eq!(
        header(&headers, "strict-transport-security"),
        "max-age=31536000"
    );
    let (status, headers, _) = get_with(&https, "/organisations?lang=fr", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(header(&headers, "set-cookie").ends_with("; Secure"));
    assert_hardened(&headers, "the language switch");
}
