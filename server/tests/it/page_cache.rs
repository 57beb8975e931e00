//! The directory page kept rendered: sent again with a fresh script nonce,
//! never to another reader, never after a write, never to a session that
//! no longer resolves.

use crate::support::http::{app_with_readers, get_with, works_in};
use crate::support::listening;
use shared::Role;

/// The nonce of the page's Content-Security-Policy header.
fn policy_nonce(headers: &axum::http::HeaderMap) -> String {
    let policy = headers["content-security-policy"].to_str().unwrap();
    let at = policy.find("'nonce-").expect("a nonce in the policy") + 7;
    policy[at..at + 32].to_owned()
}

/// Every script nonce written in the page.
fn page_nonces(body: &str) -> Vec<String> {
    body.match_indices("nonce=\"")
        .map(|(i, _)| body[i + 7..i + 39].to_owned())
        .collect()
}

const KENYA: &str = "/organisations?country=KE";

#[tokio::test]
async fn a_kept_directory_page_is_sent_again_with_its_own_nonce_and_follows_writes() {
    let (store, app, readers) = app_with_readers().await;
    let _listener = listening(&store).await;
    let visitor = [("accept", "text/html")];
    let (status, first_headers, first) = get_with(&app, KENYA, &visitor).await;
    assert_eq!(status, 200);
    let (_, again_headers, again) = get_with(&app, KENYA, &visitor).await;
    let (first_nonce, again_nonce) = (policy_nonce(&first_headers), policy_nonce(&again_headers));
    assert_ne!(
        first_nonce, again_nonce,
        "each answer has a nonce of its own"
    );
    let scripts = page_nonces(&again);
    assert!(!scripts.is_empty(), "the page has scripts");
    assert!(
        scripts.iter().all(|n| *n == again_nonce),
        "the page's scripts carry its header's nonce: {scripts:?} vs {again_nonce}"
    );
    assert_eq!(
        again.replace(&again_nonce, &first_nonce),
        first,
        "the same page otherwise"
    );

    // A member's page holds network-level organisations the visitor's does not.
    let member = readers
        .iter()
        .find(|r| r.role == Some(Role::Member))
        .unwrap();
    let as_member = [("accept", "text/html"), ("cookie", member.cookie.as_str())];
    let (_, _, member_page) = get_with(&app, "/organisations", &as_member).await;
    let (_, _, visitor_page) = get_with(&app, "/organisations", &visitor).await;
    let (_, _, member_again) = get_with(&app, "/organisations", &as_member).await;
    let total = |page: &str| {
        let text = crate::support::http::visible_text(page);
        let showing = text.find("Showing").expect("the count of results");
        let at = showing + text[showing..].find(" of ").unwrap();
        text[at + 4..].split_whitespace().next().unwrap().to_owned()
    };
    assert_ne!(total(&member_page), total(&visitor_page), "readers differ");
    assert_eq!(total(&member_again), total(&member_page));

    // A session that no longer resolves is answered as a visitor, afresh.
    let (_, _, stale) = get_with(
        &app,
        "/organisations",
        &[
            ("accept", "text/html"),
            ("cookie", "sos_session=not-a-session"),
        ],
    )
    .await;
    assert_eq!(total(&stale), total(&visitor_page));

    // A write: the next page has it.
    let planner = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    assert!(!first.contains("/organisations/midh\""));
    works_in(&app, planner, "midh", "KE").await;
    let (_, _, after) = get_with(&app, KENYA, &visitor).await;
    assert!(after.contains("/organisations/midh\""), "seen at once");
}
