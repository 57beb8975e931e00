//! The authorisation matrix: every kind of reader × every read path × every
//! visibility. Readers are real accounts signed in through the store, so the
//! session → viewer path is the one the pages use. A record a reader may not
//! see must be absent everywhere: profile, directory (listing and search),
//! counts, facets, peers, country pages, summary. Grow this file with every
//! new read path.

mod common;

use app::store::{SignInOutcome, Store};
use server::seed::accounts::DEMO_ACCOUNTS;
use server::seed::dataset::{EdgeKind, OrgSeed};
use server::store::accounts::NewUser;
use server::store::SurrealStore;
use shared::{CountryCode, DirectoryQuery, OrgId, Role, SearchText, Viewer, Visibility};

struct Reader {
    label: &'static str,
    viewer: Viewer,
    /// Records this reader was granted.
    grants: Vec<String>,
}

async fn session_of(store: &SurrealStore, email: &str, password: &str) -> app::store::SessionInfo {
    let SignInOutcome::SignedIn { token, .. } = store
        .sign_in_with_password(email, password, "matrix")
        .await
        .unwrap()
    else {
        panic!("{email} could not sign in");
    };
    store.session_info(&token).await.unwrap().unwrap()
}

async fn viewer_of(store: &SurrealStore, email: &str, password: &str) -> Viewer {
    session_of(store, email, password).await.viewer()
}

async fn sign_in_session(store: &SurrealStore, role: Role) -> app::store::SessionInfo {
    let account = DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap();
    session_of(store, account.email, account.password).await
}

async fn readers(store: &SurrealStore) -> Vec<Reader> {
    let mut readers = vec![Reader {
        label: "anonymous",
        viewer: Viewer::anonymous(),
        grants: vec![],
    }];
    for account in &DEMO_ACCOUNTS {
        let viewer = viewer_of(store, account.email, account.password).await;
        readers.push(Reader {
            label: account.role.as_str(),
            grants: viewer.grants().to_vec(),
            viewer,
        });
    }
    store
        .create_user(
            NewUser {
                email: "other.staff@example.org".into(),
                name: "Staff without grants".into(),
                role: Role::Staff,
                organisation: None,
                password: "a long enough passphrase here".into(),
            },
            None,
        )
        .await
        .unwrap();
    readers.push(Reader {
        label: "staff without grant",
        viewer: viewer_of(
            store,
            "other.staff@example.org",
            "a long enough passphrase here",
        )
        .await,
        grants: vec![],
    });
    readers
}

fn may_see(reader: &Reader, org: &OrgSeed) -> bool {
    reader.viewer.can_read(org.visibility)
        || reader.grants.contains(&format!("organisation:{}", org.key))
}

fn seat_of(org: &OrgSeed) -> Option<String> {
    common::demo_data()
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::BasedIn && e.from.key == org.key)
        .map(|e| e.to.key.clone())
}

#[tokio::test]
async fn every_reader_sees_exactly_what_their_role_allows() {
    let store = common::demo_store().await;
    let data = common::demo_data();
    let readers = readers(&store).await;
    let hidden: Vec<&OrgSeed> = data
        .orgs
        .iter()
        .filter(|o| o.visibility != Visibility::Public)
        .collect();
    for level in [
        Visibility::Network,
        Visibility::Staff,
        Visibility::Restricted,
    ] {
        assert!(
            hidden.iter().any(|o| o.visibility == level),
            "the demo data needs a {level} organisation"
        );
    }
    // Every hidden record gets a history, so an empty history means "hidden".
    let admin = sign_in_session(&store, Role::Admin).await;
    for org in &hidden {
        let id = OrgId::parse(&org.key).unwrap();
        let current = store
            .organisation(&admin.viewer(), &id)
            .await
            .unwrap()
            .unwrap();
        let form = shared::OrgEditForm {
            version: current.version.to_string(),
            name: Some(current.name),
            acronym: current.acronym,
            city: "Edited for the matrix".into(),
            website: current.website.unwrap_or_default(),
            email: current.email.unwrap_or_default(),
            description: current.description.text,
            description_lang: current.description.lang,
            visibility: Some(current.visibility.as_str().into()),
        };
        store
            .update_organisation(
                &admin.user,
                &admin.viewer(),
                &id,
                &form.check(Role::Admin).unwrap(),
                "matrix",
            )
            .await
            .unwrap();
    }
    let everything = DirectoryQuery {
        page: 1,
        ..Default::default()
    };
    for reader in &readers {
        let expected_total = data.orgs.iter().filter(|o| may_see(reader, o)).count() as u64;
        let listing = store.directory(&reader.viewer, &everything).await.unwrap();
        assert_eq!(
            listing.total, expected_total,
            "{}: directory total",
            reader.label
        );
        let facets = store.facets(&reader.viewer).await.unwrap();
        let by_kind: u64 = facets.kinds.iter().map(|k| k.count).sum();
        assert_eq!(
            by_kind, expected_total,
            "{}: membership facet counts",
            reader.label
        );
        let summary = store.summary(&reader.viewer).await.unwrap();
        let members = data
            .orgs
            .iter()
            .filter(|o| o.kind == shared::OrgKind::Member && may_see(reader, o))
            .count() as u64;
        assert_eq!(summary.members, members, "{}: summary count", reader.label);

        for org in &hidden {
            let expected = may_see(reader, org);
            let case = format!("{} reading {} ({})", reader.label, org.key, org.visibility);
            let id = OrgId::parse(&org.key).unwrap();
            let profile = store.organisation(&reader.viewer, &id).await.unwrap();
            assert_eq!(profile.is_some(), expected, "{case}: profile");
            let history = store
                .organisation_history(&reader.viewer, &id)
                .await
                .unwrap();
            assert_eq!(!history.is_empty(), expected, "{case}: history");

            let by_name = DirectoryQuery {
                q: SearchText::parse(&org.name).unwrap(),
                ..everything.clone()
            };
            let found = store.directory(&reader.viewer, &by_name).await.unwrap();
            assert_eq!(
                found.items.iter().any(|s| s.id == id),
                expected,
                "{case}: search by name"
            );

            if let Some(seat) = seat_of(org) {
                let code = CountryCode::parse(&seat).unwrap();
                let country = store.country(&reader.viewer, &code).await.unwrap();
                let listed = country.is_some_and(|c| {
                    c.based_here
                        .iter()
                        .chain(&c.working_here)
                        .any(|s| s.id == id)
                });
                assert_eq!(listed, expected, "{case}: country page");
                // Peers of every visible organisation in the same country.
                let neighbours = store
                    .directory(
                        &reader.viewer,
                        &DirectoryQuery {
                            country: Some(code),
                            ..everything.clone()
                        },
                    )
                    .await
                    .unwrap();
                for neighbour in neighbours.items.iter().filter(|n| n.id != id).take(5) {
                    let peers = store
                        .peers(&reader.viewer, &neighbour.id, 50)
                        .await
                        .unwrap();
                    if !expected {
                        assert!(
                            peers.iter().all(|p| p.org.id != id),
                            "{case}: leaked as a peer of {}",
                            neighbour.id
                        );
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn a_grant_opens_one_restricted_record_and_nothing_else() {
    let store = common::demo_store().await;
    let readers = readers(&store).await;
    let staff = readers.iter().find(|r| r.label == "staff").unwrap();
    assert_eq!(
        staff.grants.len(),
        1,
        "the demo staff account has one grant"
    );
    let restricted: Vec<&OrgSeed> = common::demo_data()
        .orgs
        .iter()
        .filter(|o| o.visibility == Visibility::Restricted)
        .collect();
    for org in restricted {
        let id = OrgId::parse(&org.key).unwrap();
        let granted = staff.grants.contains(&format!("organisation:{}", org.key));
        assert_eq!(
            store
                .organisation(&staff.viewer, &id)
                .await
                .unwrap()
                .is_some(),
            granted
        );
        let other = readers
            .iter()
            .find(|r| r.label == "staff without grant")
            .unwrap();
        assert!(store
            .organisation(&other.viewer, &id)
            .await
            .unwrap()
            .is_none());
        let member = readers.iter().find(|r| r.label == "member").unwrap();
        assert!(store
            .organisation(&member.viewer, &id)
            .await
            .unwrap()
            .is_none());
    }
}

/// The same matrix through HTTP: the page, the server function behind it,
/// and the search page, for every reader and every hidden record.
#[tokio::test]
async fn pages_and_server_functions_follow_the_same_rule() {
    use axum::body::{to_bytes, Body};
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    let store = std::sync::Arc::new(common::demo_store().await);
    let config = server::config::ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
    };
    let app = server::http::router(config.leptos_options(), store.clone());
    let mut cookies: Vec<(&str, String, Viewer, Vec<String>)> =
        vec![("anonymous", String::new(), Viewer::anonymous(), vec![])];
    for account in &DEMO_ACCOUNTS {
        let SignInOutcome::SignedIn { token, .. } = store
            .sign_in_with_password(account.email, account.password, "matrix")
            .await
            .unwrap()
        else {
            panic!()
        };
        let session = store.session_info(&token).await.unwrap().unwrap();
        cookies.push((
            account.role.as_str(),
            format!("sos_session={token}"),
            session.viewer(),
            session.grants.clone(),
        ));
    }
    let send = |request: Request<Body>| {
        let app = app.clone();
        async move {
            let response = app.oneshot(request).await.unwrap();
            let status = response.status();
            let body = to_bytes(response.into_body(), 1 << 24).await.unwrap();
            (status, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let hidden = common::demo_data()
        .orgs
        .iter()
        .filter(|o| o.visibility != Visibility::Public);
    for org in hidden {
        for (label, cookie, viewer, grants) in &cookies {
            let expected = viewer.can_read(org.visibility)
                || grants.contains(&format!("organisation:{}", org.key));
            let case = format!("{label} reading {} ({})", org.key, org.visibility);
            let (status, page) = send(
                Request::get(format!("/organisations/{}", org.key))
                    .header("cookie", cookie.as_str())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            let want = if expected {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(status, want, "{case}: page");
            assert_eq!(page.contains(&org.name), expected, "{case}: page text");

            let (status, json) = send(
                Request::post("/api/organisation")
                    .header("content-type", "application/json")
                    .header("accept", "application/json")
                    .header("cookie", cookie.as_str())
                    .body(Body::from(format!("{{\"id\":\"{}\"}}", org.key)))
                    .unwrap(),
            )
            .await;
            assert_eq!(status, want, "{case}: server function");
            assert_eq!(
                json.contains(&org.name),
                expected,
                "{case}: server function body"
            );

            let q: String = org
                .name
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join("+");
            let (_, search) = send(
                Request::get(format!("/organisations?q={}", q.replace('\'', "%27")))
                    .header("cookie", cookie.as_str())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            // The search box echoes the words typed; a result is a link.
            let link = format!("href=\"/organisations/{}\"", org.key);
            if !expected {
                assert!(!search.contains(&link), "{case}: search page");
            }
        }
    }
}
