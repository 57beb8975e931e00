//! Password reset links through the router, as an admin and the user who
//! lost their password use them: issued by admins only, shown once, working
//! once within a day, ending every session, pointing at the public address.

use crate::support;
use crate::support::http::{get_with, main_text, router_on};
use app::accounts::store::{Administration, AuditLog};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Router;
use server::seed::accounts::DEMO_ACCOUNTS;
use shared::Role;
use std::sync::Arc;

const SAME_SITE: [(&str, &str); 2] = [
    ("host", "127.0.0.1:3000"),
    ("origin", "http://127.0.0.1:3000"),
];

async fn post_form(
    app: &Router,
    uri: &str,
    form: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    post_form_from(app, SAME_SITE[1].1, uri, form, headers).await
}

/// A form posted from a page at `origin`.
async fn post_form_from(
    app: &Router,
    origin: &str,
    uri: &str,
    form: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut all = vec![SAME_SITE[0], ("origin", origin)];
    all.extend_from_slice(headers);
    support::http::post_form(app, uri, form, &all).await
}

/// Signs in with a password; answers the cookie, or `None` when refused.
async fn sign_in_with(app: &Router, email: &str, password: &str) -> Option<String> {
    let form = format!(
        "email={}&password={}",
        support::http::form_encode(email),
        support::http::form_encode(password)
    );
    let (_, headers, _) = post_form(app, "/api/sign-in", &form, &[]).await;
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sos_session=") && !c.starts_with("sos_session=;"))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

async fn demo_cookie(app: &Router, role: Role) -> String {
    let a = DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap();
    sign_in_with(app, a.email, a.password)
        .await
        .expect("the demo account signs in")
}

/// Asks for a reset link as the holder of `cookie`: the status, and the
/// link when one was made.
async fn reset_link(app: &Router, cookie: &str, user: &str) -> (StatusCode, Option<String>) {
    let (status, _, body) = post_form(
        app,
        "/api/password-reset-create",
        &format!("user={user}"),
        &[("accept", "application/json"), ("cookie", cookie)],
    )
    .await;
    let link = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["link"].as_str().map(str::to_owned));
    (status, link)
}

fn path_of(link: &str) -> String {
    link[link.find("/reset/").expect("a reset link")..].to_owned()
}

#[tokio::test]
async fn a_reset_link_sets_a_password_once_and_ends_every_session() {
    let store = Arc::new(support::demo_store().await);
    let app = router_on(store.clone());
    let member = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let users = store.list_users().await.unwrap();
    let member_id = users
        .iter()
        .find(|u| u.email == member.email)
        .unwrap()
        .id
        .to_string();
    let member_cookie = demo_cookie(&app, Role::Member).await;

    for role in [Role::Member, Role::Campaigner, Role::Staff] {
        let cookie = demo_cookie(&app, role).await;
        let (status, link) = reset_link(&app, &cookie, &member_id).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
        assert!(link.is_none());
    }
    let (status, _) = reset_link(&app, "", &member_id).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let admin = demo_cookie(&app, Role::Admin).await;
    let admin_id = users
        .iter()
        .find(|u| u.role == Role::Admin)
        .unwrap()
        .id
        .to_string();
    let (status, _) = reset_link(&app, &admin, &admin_id).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an admin changes their own password with the current one"
    );
    let (_, first) = reset_link(&app, &admin, &member_id).await;
    let (status, second) = reset_link(&app, &admin, &member_id).await;
    assert_eq!(status, StatusCode::OK);
    let (first, second) = (path_of(&first.unwrap()), second.unwrap());
    assert!(
        second.starts_with("http://127.0.0.1:3000/reset/"),
        "{second}"
    );
    let second = path_of(&second);
    let (status, _, _) = get_with(&app, &first, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a newer link replaces it");
    let (status, _, body) = get_with(&app, &second, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(main_text(&body).contains(member.email));
    let token = &second["/reset/".len()..];

    let (status, headers, _) = post_form(
        &app,
        "/api/password-reset",
        &format!("token={token}&password=short"),
        &[("accept", "text/html")],
    )
    .await;
    assert!(status.is_redirection());
    assert_eq!(
        headers[header::LOCATION],
        format!("/reset/{token}?failed=short")
    );

    let new_password = "nine+quiet+herons+over+the+rhone";
    let (status, headers, _) = post_form(
        &app,
        "/api/password-reset",
        &format!("token={token}&password={new_password}"),
        &[("accept", "text/html")],
    )
    .await;
    assert!(status.is_redirection());
    assert_eq!(headers[header::LOCATION], "/sign-in?changed=1");

    let (status, _, _) = get_with(&app, "/account", &[("cookie", &member_cookie)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old session ended");
    assert!(sign_in_with(&app, member.email, member.password)
        .await
        .is_none());
    assert!(
        sign_in_with(&app, member.email, &new_password.replace('+', " "))
            .await
            .is_some(),
        "the new password opens the account"
    );

    // Used: the page says so, and the link sets nothing more.
    let (_, _, body) = get_with(&app, &second, &[]).await;
    assert!(main_text(&body).contains("already been used"));
    let (_, headers, _) = post_form(
        &app,
        "/api/password-reset",
        &format!("token={token}&password=another+long+phrase+of+words"),
        &[("accept", "text/html")],
    )
    .await;
    assert_eq!(headers[header::LOCATION], format!("/reset/{token}"));
    assert!(
        sign_in_with(&app, member.email, "another long phrase of words")
            .await
            .is_none()
    );

    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("password.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"password.reset"), "{actions:?}");
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "password.reset_link")
            .count(),
        2
    );
}

#[tokio::test]
async fn an_expired_reset_link_sets_nothing() {
    let store = Arc::new(support::demo_store().await);
    let app = router_on(store.clone());
    let admin = demo_cookie(&app, Role::Admin).await;
    let staff = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Staff)
        .unwrap();
    let (_, link) = reset_link(&app, &admin, staff.id.as_str()).await;
    let path = path_of(&link.unwrap());
    store
        .db()
        .query("UPDATE password_reset SET expires_at = time::now() - 1s")
        .await
        .unwrap()
        .check()
        .unwrap();
    let (_, _, body) = get_with(&app, &path, &[]).await;
    assert!(main_text(&body).contains("has expired"));
    let token = &path["/reset/".len()..];
    post_form(
        &app,
        "/api/password-reset",
        &format!("token={token}&password=nine+quiet+herons+over+the+rhone"),
        &[("accept", "text/html")],
    )
    .await;
    assert!(
        sign_in_with(&app, &staff.email, "nine quiet herons over the rhone")
            .await
            .is_none()
    );
    // A token that is not one goes nowhere else.
    let (_, headers, _) = post_form(
        &app,
        "/api/password-reset",
        "token=..%2F..%2Fadmin&password=nine+quiet+herons+over+the+rhone",
        &[("accept", "text/html")],
    )
    .await;
    assert_eq!(headers[header::LOCATION], "/reset/");
}

#[tokio::test]
async fn links_point_at_the_configured_public_address() {
    let store = Arc::new(support::demo_store().await);
    let app = crate::support::http::router_with_policy(
        store.clone(),
        server::http::session::Policy {
            public_url: Some("https://sos.example.org".to_owned()),
            ..Default::default()
        },
    );
    let member = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Member)
        .unwrap();
    let admin = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Admin)
        .unwrap();
    let sign_in = format!(
        "email={}&password={}",
        support::http::form_encode(admin.email),
        support::http::form_encode(admin.password)
    );
    // Pages are at the public address: a form posted from the address the
    // request was sent to is another site's, whatever a forwarded host says.
    for (origin, forwarded) in [
        ("http://127.0.0.1:3000", None),
        ("https://evil.example", Some("evil.example")),
    ] {
        let mut headers = vec![("accept", "text/html")];
        if let Some(host) = forwarded {
            headers.push(("x-forwarded-host", host));
        }
        let (status, _, _) = post_form_from(&app, origin, "/api/sign-in", &sign_in, &headers).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin}");
    }
    let (_, headers, _) = post_form_from(
        &app,
        "https://sos.example.org",
        "/api/sign-in",
        &sign_in,
        &[("accept", "text/html")],
    )
    .await;
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let (_, _, body) = post_form_from(
        &app,
        "https://sos.example.org",
        "/api/password-reset-create",
        &format!("user={}", member.id),
        &[("accept", "application/json"), ("cookie", &cookie)],
    )
    .await;
    let link: serde_json::Value = serde_json::from_str(&body).unwrap();
    let link = link["link"].as_str().unwrap();
    assert!(
        link.starts_with("https://sos.example.org/reset/"),
        "not the Host header's word: {link}"
    );
}

#[tokio::test]
async fn a_reset_link_ends_with_the_sessions_and_is_never_cached() {
    use app::accounts::store::{PasswordResets, Sessions};
    let store = Arc::new(support::demo_store().await);
    let app = router_on(store.clone());
    let admin = support::actor(&store, Role::Admin).await.user;
    let users = store.list_users().await.unwrap();
    let member = users.iter().find(|u| u.role == Role::Member).unwrap();

    let token = store
        .create_password_reset(&admin, &member.id, None)
        .await
        .unwrap();
    let (status, headers, _) = get_with(&app, &format!("/reset/{token}"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");

    // Disabling the account (and enabling it again) ends the link.
    store.set_disabled(&admin, &member.id, true).await.unwrap();
    store.set_disabled(&admin, &member.id, false).await.unwrap();
    assert_eq!(store.password_reset_info(&token).await.unwrap(), None);

    // So does signing the user out everywhere (a stolen account is taken
    // back that way before a new link is issued).
    let token = store
        .create_password_reset(&admin, &member.id, None)
        .await
        .unwrap();
    store.sign_out_everywhere(&admin, &member.id).await.unwrap();
    assert_eq!(store.password_reset_info(&token).await.unwrap(), None);
}
