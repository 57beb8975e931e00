//! The server's edge under requests a browser would not send: oversized
//! bodies, redirect targets that point off the site.

use crate::support::http::{app, form_encode};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use server::seed::accounts::DEMO_ACCOUNTS;
use shared::Role;
use tower::ServiceExt;

async fn respond(app: &Router, request: Request<Body>) -> (StatusCode, Option<String>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status(), location)
}

fn form_post(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413_announced_or_streamed() {
    let app = app().await;
    let big = format!("email=a%40b.org&password={}", "x".repeat(1024 * 1024));
    let announced = Request::post("/api/sign-in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", big.len())
        .body(Body::from(big.clone()))
        .unwrap();
    assert_eq!(
        respond(&app, announced).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // Without a Content-Length header the body is read up to the limit.
    let unannounced = form_post("/api/sign-in", big);
    assert_eq!(
        respond(&app, unannounced).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // An ordinary form still goes through.
    let small = form_post("/api/sign-in", "email=a%40b.org&password=wrong");
    assert_eq!(respond(&app, small).await.0, StatusCode::FOUND);
}

#[tokio::test]
async fn the_language_switch_never_redirects_off_the_site() {
    let app = app().await;
    for (uri, expected) in [
        ("/organisations?lang=fr", "/organisations"),
        ("/trials?status=pending&lang=es", "/trials?status=pending"),
        ("//evil.example/?lang=en", "/"),
        ("//evil.example/path?lang=fr&x=1", "/"),
    ] {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let (status, location) = respond(&app, request).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(location.as_deref(), Some(expected), "{uri}");
    }
}

#[tokio::test]
async fn sign_in_sends_back_only_to_this_site() {
    let app = app().await;
    let member = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    for (i, next) in [
        "//evil.example/",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/\u{7}bell",
    ]
    .into_iter()
    .enumerate()
    {
        let body = format!(
            "email={}&password={}&next={}",
            form_encode(member.email),
            form_encode(member.password),
            form_encode(next)
        );
        let (status, location) = respond(&app, form_post("/api/sign-in", body)).await;
        assert_eq!(status, StatusCode::FOUND, "{next:?}");
        assert_eq!(location.as_deref(), Some("/"), "{next:?}");
        // A few failures only: more would trip the sign-in throttle.
        if i > 2 {
            continue;
        }
        let wrong = format!(
            "email={}&password=wrong&next={}",
            form_encode(member.email),
            form_encode(next)
        );
        let (status, location) = respond(&app, form_post("/api/sign-in", wrong)).await;
        assert_eq!(status, StatusCode::FOUND, "{next:?}");
        let location = location.unwrap();
        assert!(
            location.starts_with("/sign-in?failed=") && location.ends_with("&next=/"),
            "{next:?} -> {location}"
        );
    }
}

/// Behind a reverse proxy, the client's address comes from
/// `X-Forwarded-For`, but only when the request arrives from a configured
/// proxy: anyone else's header is ignored, so no one picks the address the
/// throttle and the audit log see.
#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
    use app::accounts::store::AuditLog;
    use axum::extract::ConnectInfo;
    let store = std::sync::Arc::new(crate::support::demo_store().await);
    let app = crate::support::http::router_with_policy(
        store.clone(),
        server::http::session::Policy {
            trusted_proxies: vec!["10.0.0.2".parse().unwrap()],
            ..Default::default()
        },
    );
    for (peer, email) in [
        ("10.0.0.2:4000", "via-proxy"),
        ("203.0.113.9:4000", "direct"),
    ] {
        let mut request = form_post(
            "/api/sign-in",
            format!("email={email}%40example.org&password=wrong"),
        );
        request
            .headers_mut()
            .insert("x-forwarded-for", "6.6.6.6, 198.51.100.7".parse().unwrap());
        request
            .extensions_mut()
            .insert(ConnectInfo::<std::net::SocketAddr>(peer.parse().unwrap()));
        assert_eq!(respond(&app, request).await.0, StatusCode::FOUND);
    }
    let failures = store
        .audit_log(&shared::AuditFilter {
            action: Some("sign_in.failed".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let address_of = |email: &str| {
        failures
            .items
            .iter()
            .find(|e| e.actor.as_deref() == Some(email))
            .and_then(|e| e.address.clone())
    };
    assert_eq!(
        address_of("via-proxy@example.org").as_deref(),
        Some("198.51.100.7")
    );
    assert_eq!(
        address_of("direct@example.org").as_deref(),
        Some("203.0.113.9"),
        "the header of a client that is not a proxy is ignored"
    );
}
