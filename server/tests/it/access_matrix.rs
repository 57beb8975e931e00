//! The authorisation matrix: every kind of reader × every read path × every
//! visibility. Readers are real accounts signed in through the store, so the
//! session → viewer path is the one the pages use. A record a reader may not
//! see must be absent everywhere: profile, directory (listing and search),
//! counts, facets, peers, country pages, summary. Grow this file with every
//! new read path.

use crate::support;
use app::accounts::store::Sessions;
use app::accounts::store::SignInOutcome;
use app::advocacy::store::{AnnualFigures, Campaigns, Events, Interventions};
use app::directory::store::{Editing, Places, Profiles, Search};
use app::graph::store::Traversal;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::seed::dataset::{EdgeKind, OrgSeed};
use server::store::accounts::sessions::NewUser;
use server::store::SurrealStore;
use shared::{CountryCode, DirectoryQuery, OrgId, Role, SearchText, Viewer, Visibility};

struct Reader {
    label: &'static str,
    viewer: Viewer,
    /// Records this reader was granted.
    grants: Vec<String>,
}

async fn session_of(
    store: &SurrealStore,
    email: &str,
    password: &str,
) -> app::accounts::store::SessionInfo {
    let SignInOutcome::SignedIn { token, .. } =
        store.sign_in(email, password, "matrix").await.unwrap()
    else {
        panic!("{email} could not sign in");
    };
    store.session(&token).await.unwrap().unwrap()
}

async fn viewer_of(store: &SurrealStore, email: &str, password: &str) -> Viewer {
    session_of(store, email, password).await.viewer()
}

async fn sign_in_session(store: &SurrealStore, role: Role) -> app::accounts::store::SessionInfo {
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
    support::demo_data()
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::BasedIn && e.from.key == org.key)
        .map(|e| e.to.key.clone())
}

#[tokio::test]
async fn every_reader_sees_exactly_what_their_role_allows() {
    let store = support::demo_store().await;
    let data = support::demo_data();
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
            ..shared::OrgEditForm::default()
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
    let store = support::demo_store().await;
    let readers = readers(&store).await;
    let staff = readers.iter().find(|r| r.label == "staff").unwrap();
    assert_eq!(
        staff.grants.len(),
        1,
        "the demo staff account has one grant"
    );
    let restricted: Vec<&OrgSeed> = support::demo_data()
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

    let store = std::sync::Arc::new(support::demo_store().await);
    let app = support::http::router_on(store.clone());
    let mut cookies: Vec<(&str, String, Viewer, Vec<String>)> =
        vec![("anonymous", String::new(), Viewer::anonymous(), vec![])];
    for account in &DEMO_ACCOUNTS {
        let SignInOutcome::SignedIn { token, .. } = store
            .sign_in(account.email, account.password, "matrix")
            .await
            .unwrap()
        else {
            panic!()
        };
        let session = store.session(&token).await.unwrap().unwrap();
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
    let hidden = support::demo_data()
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

/// Advocacy: one record of each kind at each visibility, in a year of its
/// own, read through every advocacy path by every reader.
#[tokio::test]
async fn advocacy_paths_show_each_record_to_exactly_those_allowed() {
    use app::advocacy::api::EventFilter;
    let store = support::demo_store().await;
    let readers = readers(&store).await;
    for level in Visibility::ALL {
        let l = level.as_str();
        store
            .db()
            .query(format!(
                "CREATE advocacy_mission:`matrix-{l}` CONTENT {{ title: 'Matrix mission {l}', starts_on: '2031-01-01', ends_on: '2031-01-05', visibility: '{l}' }};
                 CREATE advocacy_event:`matrix-{l}` CONTENT {{ title: 'Matrix event {l}', kind: 'side-event', mechanism: 'hrc',
                    starts_on: '2031-01-02', ends_on: '2031-01-02', country: country:ch, mission: advocacy_mission:`matrix-{l}`, visibility: '{l}' }};
                 CREATE follow_up CONTENT {{ event: advocacy_event:`matrix-{l}`, kind: 'next-step', text: 'Matrix step {l}', due_on: '2031-01-09', visibility: '{l}' }};
                 CREATE person:`matrix-{l}` CONTENT {{ name: 'Matrix Person {l}', visibility: '{l}' }};
                 CREATE intervention:`matrix-{l}` CONTENT {{ title: 'Matrix appeal {l}', kind: 'urgent-appeal', sent_on: '2031-02-01',
                    country: country:tr, visibility: '{l}', outcome: 'released', outcome_on: '2031-03-01' }};
                 RELATE intervention:`matrix-{l}`->concerns->person:`matrix-{l}` SET visibility = '{l}';
                 CREATE support_grant CONTENT {{ organisation: organisation:omct, country: country:ch, awarded_on: '2031-03-01',
                    defenders: 1, women: 1, purpose: 'Matrix grant {l}', visibility: '{l}' }};
                 CREATE campaign:`matrix-{l}` CONTENT {{ name: 'Matrix campaign {l}', starts_on: '2031-01-01', visibility: '{l}' }};
                 RELATE campaign:`matrix-{l}`->features->person:`matrix-{l}` SET visibility = '{l}';"
            ))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    let year = EventFilter {
        year: Some(2031),
        region: None,
    };
    for reader in &readers {
        let v = &reader.viewer;
        let overview = store.overview(v, &year).await.unwrap();
        let steps = store.open_next_steps(v).await.unwrap();
        let interventions = store
            .interventions(
                v,
                &shared::InterventionFilter {
                    year: Some(2031),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let grants = store.grants(v, Some(2031)).await.unwrap();
        let campaigns = store.campaigns(v).await.unwrap();
        let figures = store.figures(v, Some(2031)).await.unwrap();
        let mut readable = 0;
        for level in Visibility::ALL {
            let l = level.as_str();
            let expected = v.can_read(level);
            readable += u32::from(expected);
            let case = format!("{} reading {l}", reader.label);
            let key = format!("matrix-{l}");
            let event = store
                .event(v, &shared::EventId::parse(&key).unwrap())
                .await
                .unwrap();
            assert_eq!(event.is_some(), expected, "{case}: event page");
            let mission = store
                .advocacy_mission(v, &shared::AdvocacyMissionId::parse(&key).unwrap())
                .await
                .unwrap();
            assert_eq!(mission.is_some(), expected, "{case}: mission page");
            let intervention = store
                .intervention(v, &shared::InterventionId::parse(&key).unwrap())
                .await
                .unwrap();
            assert_eq!(
                intervention.is_some(),
                expected,
                "{case}: intervention page"
            );
            let campaign = store
                .campaign(v, &shared::CampaignId::parse(&key).unwrap())
                .await
                .unwrap();
            assert_eq!(campaign.is_some(), expected, "{case}: campaign page");
            assert_eq!(
                overview.events.iter().any(|e| e.title.ends_with(l)),
                expected,
                "{case}: events list"
            );
            assert_eq!(
                overview.missions.iter().any(|m| m.title.ends_with(l)),
                expected,
                "{case}: missions list"
            );
            assert_eq!(
                steps.iter().any(|s| s.text == format!("Matrix step {l}")),
                expected,
                "{case}: next steps"
            );
            assert_eq!(
                interventions.iter().any(|i| i.title.ends_with(l)),
                expected,
                "{case}: interventions list"
            );
            assert_eq!(
                grants.iter().any(|g| g.purpose.ends_with(l)),
                expected,
                "{case}: grants list"
            );
            assert_eq!(
                campaigns.iter().any(|c| c.name.ends_with(l)),
                expected,
                "{case}: campaigns list"
            );
            // A campaign shows a person only to those who may read the person.
            if let Some(c) = store
                .campaign(v, &shared::CampaignId::parse("matrix-public").unwrap())
                .await
                .unwrap()
            {
                assert!(c.persons.iter().all(|p| p.name == "Matrix Person public"));
            }
            let named = figures
                .freed
                .iter()
                .any(|n| n.name == format!("Matrix Person {l}"));
            assert_eq!(
                named,
                level == Visibility::Public,
                "{case}: only public names"
            );
        }
        let case = reader.label;
        assert_eq!(
            figures.interventions, readable,
            "{case}: figure of interventions"
        );
        assert_eq!(figures.defenders, readable, "{case}: figure of defenders");
        assert_eq!(figures.grants.grants, readable, "{case}: figure of grants");
        assert_eq!(
            figures.freed_unnamed,
            readable - 1,
            "{case}: unnamed releases"
        );
        let region = figures
            .regions
            .iter()
            .find(|r| r.region == shared::Region::EuropeCentralAsia)
            .unwrap();
        assert_eq!(region.events, readable, "{case}: events by region");
        assert_eq!(
            region.advocacy_missions, readable,
            "{case}: missions by region"
        );
    }
}

/// The graph: a hidden organisation is absent from every neighbourhood,
/// cannot be a start, and no path reaches it, for every reader.
#[tokio::test]
async fn graph_paths_never_reach_a_hidden_organisation() {
    use shared::graph::NodeId;
    let store = support::demo_store().await;
    let data = support::demo_data();
    let readers = readers(&store).await;
    let hub = NodeId::parse("organisation:sos-torture").unwrap();
    for reader in &readers {
        let around = store
            .neighbourhood(&reader.viewer, &hub, 2)
            .await
            .unwrap()
            .expect("the network body is public")
            .graph;
        for org in data
            .orgs
            .iter()
            .filter(|o| o.visibility != Visibility::Public)
        {
            let expected = may_see(reader, org);
            let case = format!("{} reading {} ({})", reader.label, org.key, org.visibility);
            let node = NodeId::parse(&format!("organisation:{}", org.key)).unwrap();
            if !expected {
                assert!(
                    around.nodes.iter().all(|n| n.id != node),
                    "{case}: in the neighbourhood"
                );
            }
            let own = store.neighbourhood(&reader.viewer, &node, 1).await.unwrap();
            assert_eq!(own.is_some(), expected, "{case}: as a start");
            // The path finder's name lookup finds it exactly when it may be seen.
            let found = store.find_node(&reader.viewer, &org.name).await.unwrap();
            assert_eq!(found.as_ref() == Some(&node), expected, "{case}: by name");
            if !expected {
                let paths = store.paths(&reader.viewer, &hub, &node, 3).await.unwrap();
                assert!(paths.is_empty(), "{case}: a path reaches it");
            }
        }
        // Every edge of the answer joins two nodes the reader may see.
        let ids: std::collections::BTreeSet<String> =
            around.nodes.iter().map(|n| n.id.to_string()).collect();
        assert!(around
            .edges
            .iter()
            .all(|e| ids.contains(&e.from.to_string()) && ids.contains(&e.to.to_string())));
    }
}

/// People's pages, through the router: every reader × every level, the page
/// and its server function answer exactly as the rule says, and a hidden
/// person's page answers like a missing one.
#[tokio::test]
async fn people_pages_follow_the_same_rule() {
    use app::people::store::People;
    let (store, app, readers) = support::http::app_with_readers().await;
    let admin = support::actor(&store, Role::Admin).await;
    let mut people = Vec::new();
    for level in Visibility::ALL {
        let id = store
            .create_person(
                &admin,
                &shared::PersonForm {
                    name: format!("Matrix defender {}", level.as_str()),
                    risk_level: "low".into(),
                    visibility: level.as_str().into(),
                    ..Default::default()
                }
                .check()
                .unwrap(),
                true,
            )
            .await
            .unwrap();
        people.push((level, id));
    }
    for reader in &readers {
        let clearance = reader.role.map_or(Visibility::Public, |r| r.clearance());
        for (level, id) in &people {
            let (status, body) =
                support::http::function(&app, reader, "person", &format!("{{\"id\":\"{id}\"}}"))
                    .await;
            let (page_status, page) =
                support::http::page(&app, reader, &format!("/people/{id}")).await;
            let name = format!("Matrix defender {}", level.as_str());
            if *level <= clearance {
                assert_eq!(status, 200, "{:?} reads {level:?}", reader.role);
                assert_eq!(page_status, 200);
                assert!(body.contains(&name) && page.contains(&name));
            } else {
                assert_eq!(status, 404, "{:?} reads {level:?}", reader.role);
                assert_eq!(page_status, 404);
                assert!(!body.contains(&name) && !page.contains(&name));
            }
        }
        let (status, _) =
            support::http::function(&app, reader, "person", "{\"id\":\"nobody-here\"}").await;
        assert_eq!(status, 404);
    }
}
