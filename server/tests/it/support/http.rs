//! The real router on the demo data, and readers of what it answers.

use app::accounts::store::Sessions;
use app::accounts::store::SignInOutcome;
use axum::body::{to_bytes, Body};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use server::config::ServerConfig;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::SurrealStore;
use shared::Role;
use std::sync::Arc;
use tower::ServiceExt;

pub async fn app() -> Router {
    router_on(Arc::new(super::demo_store().await))
}

/// The real router over a store, as `serve` builds it.
pub fn router_on(store: Arc<SurrealStore>) -> Router {
    router_with_policy(store, server::http::session::Policy::default())
}

/// The real router over a store, as `serve` builds it with these settings
/// (a public address, trusted proxies, the second factor required).
pub fn router_with_policy(
    store: Arc<SurrealStore>,
    policy: server::http::session::Policy,
) -> Router {
    let config = ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
    };
    server::http::router_with_policy(config.leptos_options(), store, policy)
}

/// Someone using the platform through the router: anonymous (no cookie) or
/// signed in with one of the demo accounts.
pub struct Reader {
    pub role: Option<Role>,
    pub cookie: String,
}

impl Reader {
    /// Campaigners, staff and admins read staff-level records.
    pub fn reads_staff(&self) -> bool {
        self.role.is_some_and(|r| r >= Role::Campaigner)
    }
}

/// The router on the demo data, and one reader per role (anonymous first).
pub async fn app_with_readers() -> (Arc<SurrealStore>, Router, Vec<Reader>) {
    let store = Arc::new(super::demo_store().await);
    let app = router_on(store.clone());
    let mut readers = vec![Reader {
        role: None,
        cookie: String::new(),
    }];
    for account in &DEMO_ACCOUNTS {
        let SignInOutcome::SignedIn { token, .. } = store
            .sign_in(account.email, account.password, "http-tests")
            .await
            .unwrap()
        else {
            panic!("{} could not sign in", account.email)
        };
        readers.push(Reader {
            role: Some(account.role),
            cookie: format!("sos_session={token}"),
        });
    }
    (store, app, readers)
}

pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 24).await.unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A page as the reader's browser asks for it.
pub async fn page(app: &Router, reader: &Reader, uri: &str) -> (StatusCode, String) {
    send(
        app,
        Request::get(uri)
            .header("cookie", reader.cookie.as_str())
            .header("accept", "text/html")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// A server function called with JSON, as the hydrated page calls it.
pub async fn function(
    app: &Router,
    reader: &Reader,
    name: &str,
    json: &str,
) -> (StatusCode, String) {
    send(
        app,
        Request::post(format!("/api/{name}"))
            .header("cookie", reader.cookie.as_str())
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .body(Body::from(json.to_owned()))
            .unwrap(),
    )
    .await
}

/// A value as a browser encodes it in a form body.
pub fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A GET with extra request headers; answers status, headers and body.
pub async fn get_with(
    app: &Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 10 * 1024 * 1024)
        .await
        .unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub async fn get(app: &Router, uri: &str) -> (StatusCode, String) {
    let (status, _, body) = get_with(app, uri, &[]).await;
    (status, body)
}

pub async fn post_json(app: &Router, uri: &str, json: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(
            Request::post(uri)
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .body(Body::from(json.to_owned()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 10 * 1024 * 1024)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The visible text of the `<main>` element.
pub fn main_text(html: &str) -> String {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("a closed main element");
    visible_text(&html[start..end])
}

/// What a reader sees or hears of an HTML fragment: its text nodes and the
/// attributes read aloud or shown on hover, without scripts and styles.
pub fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e);
        let tag = &rest[open + 1..tag_end];
        for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            if let Some(at) = tag.find(attribute) {
                let value = &tag[at + attribute.len()..];
                text.push(' ');
                text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
            }
        }
        text.push(' ');
        rest = &rest[(tag_end + 1).min(rest.len())..];
        for hidden in ["script", "style"] {
            if tag.starts_with(hidden) {
                let close = format!("</{hidden}>");
                rest = rest.find(&close).map_or("", |c| &rest[c + close.len()..]);
            }
        }
    }
    text.push_str(rest);
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// A form posted as a browser submits it: it accepts HTML back, unless told
/// otherwise. Answers the status, the headers and the body.
pub async fn post_form(
    app: &Router,
    uri: &str,
    form: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request =
        Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
    if !headers.iter().any(|(name, _)| *name == "accept") {
        request = request.header("accept", "text/html,application/xhtml+xml");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(form.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// A form a signed-in reader's browser posts to a server function, from
/// this site's own pages, asking for JSON back (the status says how it went).
pub fn form_write(reader: &Reader, endpoint: &str, body: String) -> Request<Body> {
    Request::post(format!("/api/{endpoint}"))
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .header("cookie", reader.cookie.as_str())
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Body::from(body))
        .unwrap()
}

/// The organisation `org` starts working in `country` (a public relation),
/// through the place form as `reader` posts it; the write must be answered.
pub async fn works_in(app: &Router, reader: &Reader, org: &str, country: &str) {
    let (status, body) = send(
        app,
        form_write(
            reader,
            "place-tie",
            format!(
                "holder=organisation%2F{org}&form[kind]=works-on&form[place]=country%3A{country}\
                 &form[since]=2020&form[until]=&form[source]=Test&form[visibility]=public"
            ),
        ),
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status}: {body}"
    );
}
