//! Answers the store keeps in memory (the directory's facets) follow the
//! writes: a write answered over HTTP is seen by the next page at once, a
//! write made elsewhere (another server, background work) as soon as the
//! audit log's live query hears it, and one reader's kept answer never
//! reaches another.

use crate::support::http::{app_with_readers, send, works_in};
use crate::support::{anonymous, listening, staff};
use app::directory::store::Search;
use shared::{Role, Viewer, Visibility};
use std::time::Duration;

fn count_in(facets: &shared::Facets, code: &str) -> u64 {
    facets
        .countries
        .iter()
        .find(|c| c.item.code.key() == code)
        .map_or(0, |c| c.count)
}

#[tokio::test]
async fn kept_facets_follow_every_write_and_stay_with_their_reader() {
    let (store, app, readers) = app_with_readers().await;
    let _listener = listening(&store).await;
    let planner = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();

    let before = store.facets(&anonymous()).await.unwrap();
    assert_eq!(store.facets(&anonymous()).await.unwrap(), before, "kept");
    let in_kenya = count_in(&before, "ke");

    // A public organisation starts working in Kenya, through the page's form:
    // the next read counts it, with no wait.
    let org = "midh";
    works_in(&app, planner, org, "KE").await;
    let after = store.facets(&anonymous()).await.unwrap();
    assert_eq!(
        count_in(&after, "ke"),
        in_kenya + 1,
        "seen at once after an HTTP write"
    );

    // A write that does not come through HTTP (an import, another server):
    // heard on the audit log.
    let actor = crate::support::actor(&store, Role::Staff).await;
    let tie = shared::PlaceTieForm {
        kind: "works-on".into(),
        place: "country:UG".into(),
        since: "2021".into(),
        until: String::new(),
        source: "Test".into(),
        visibility: "public".into(),
    }
    .check()
    .unwrap();
    let in_uganda = count_in(&after, "ug");
    app::directory::store::PlaceTies::set_place_tie(
        &*store,
        &actor,
        &shared::PlaceHolder::parse(&format!("organisation/{org}")).unwrap(),
        &tie,
    )
    .await
    .unwrap();
    let mut heard = false;
    for _ in 0..200 {
        if count_in(&store.facets(&anonymous()).await.unwrap(), "ug") == in_uganda + 1 {
            heard = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(heard, "a write made elsewhere reaches the kept facets");

    // Readers of other levels have answers of their own.
    let restricted = Viewer::with_clearance(Visibility::Restricted);
    assert_ne!(
        store.facets(&staff()).await.unwrap(),
        store.facets(&anonymous()).await.unwrap(),
        "staff count staff-only organisations, visitors do not"
    );
    assert_eq!(
        store.facets(&anonymous()).await.unwrap(),
        store.facets(&Viewer::anonymous()).await.unwrap()
    );
    let _ = store.facets(&restricted).await.unwrap();
}

/// A form refused without script comes back as it was typed: the level
/// chosen for a person at risk is not silently reset to the default.
#[tokio::test]
async fn a_refused_form_comes_back_as_typed_once_and_only_to_its_browser() {
    use crate::support::http::post_form;
    let (_store, app, readers) = app_with_readers().await;
    let planner = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let form = "form[name]=Nour+Benali&form[defender]=on&form[risk_level]=high\
                &form[gender]=&form[nationality]=xx&form[languages]=ar&form[description]=\
                &form[visibility]=restricted";
    let (status, headers, _) = post_form(
        &app,
        "/api/person-create",
        form,
        &[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("referer", "http://127.0.0.1:3000/people/new"),
            ("cookie", planner.cookie.as_str()),
        ],
    )
    .await;
    assert!(status.is_redirection(), "{status}");
    let location = headers["location"].to_str().unwrap().to_owned();
    assert!(location.contains("__err="), "{location}");
    let kept = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("sos_refused="))
        .and_then(|v| v.split(';').next())
        .expect("the refusal names what it kept")
        .to_owned();
    let path = location
        .strip_prefix("http://127.0.0.1:3000")
        .unwrap_or(&location)
        .to_owned();
    let cookies = format!("{}; sos_refused={kept}", planner.cookie);
    let get = |cookie: String| {
        axum::http::Request::get(path.as_str())
            .header("cookie", cookie)
            .header("accept", "text/html")
            .body(axum::body::Body::empty())
            .unwrap()
    };

    // Another browser (no cookie) gets the empty form.
    let (_, other) = send(&app, get(planner.cookie.clone())).await;
    assert!(!other.contains("Nour Benali"));

    let (status, page) = send(&app, get(cookies.clone())).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"value="Nour Benali""#),
        "the name comes back"
    );
    assert!(
        page.contains(r#"<option value="restricted" selected"#),
        "the level chosen comes back, not the default"
    );
    assert!(page.contains("error-summary"), "with the error");

    let (_, again) = send(&app, get(cookies)).await;
    assert!(!again.contains("Nour Benali"), "used once");
}

/// Sessions are kept in memory while nothing is written: a sign-out, made
/// on this server or heard from another, ends one at once.
#[tokio::test]
async fn a_kept_session_ends_when_signed_out() {
    use app::accounts::store::{Sessions, SignInOutcome};
    let store = crate::support::demo_store().await;
    let _listener = listening(&store).await;
    let account = server::seed::accounts::DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let SignInOutcome::SignedIn { token, .. } = store
        .sign_in(account.email, account.password, "tests")
        .await
        .unwrap()
    else {
        panic!("the member signs in");
    };
    let first = store.session(&token).await.unwrap().expect("a session");
    assert_eq!(store.session(&token).await.unwrap(), Some(first));
    assert_eq!(store.session("not-a-token").await.unwrap(), None);

    store.sign_out(&token).await.unwrap();
    let mut ended = false;
    for _ in 0..200 {
        if store.session(&token).await.unwrap().is_none() {
            ended = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(ended, "a signed-out session is not kept");
}
