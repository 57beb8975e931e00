//! The graph exports through HTTP: the file holds what the session may see,
//! nothing more; a hidden start is a 404 and bad parameters a 400.

use crate::support;
use app::accounts::store::Sessions;
use app::accounts::store::SignInOutcome;
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use server::seed::accounts::DEMO_ACCOUNTS;
use std::sync::Arc;
use tower::ServiceExt;

#[tokio::test]
async fn an_export_holds_only_what_its_reader_may_see() {
    let store = Arc::new(support::demo_store().await);
    let app = support::http::router_on(store.clone());
    let admin = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == shared::Role::Admin)
        .unwrap();
    let SignInOutcome::SignedIn { token, .. } = store
        .sign_in(admin.email, admin.password, "http-graph")
        .await
        .unwrap()
    else {
        panic!("admin could not sign in")
    };
    let get = |uri: &str, cookie: Option<String>| {
        let mut r = Request::get(uri);
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        let app = app.clone();
        let request = r.body(Body::empty()).unwrap();
        async move {
            let response = app.oneshot(request).await.unwrap();
            let status = response.status();
            let kind = response
                .headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap().to_owned());
            let body = to_bytes(response.into_body(), 1 << 24).await.unwrap();
            (status, kind, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let (status, kind, body) = get(
        "/graph/export.graphml?start=organisation:omct&depth=2",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.unwrap().starts_with("application/graphml+xml"));
    let doc = roxmltree::Document::parse(&body).unwrap();
    let nodes: Vec<String> = doc
        .descendants()
        .filter(|d| d.has_tag_name("node"))
        .filter_map(|d| d.attribute("id").map(str::to_owned))
        .collect();
    assert!(
        nodes.len() > 10,
        "OMCT has a neighbourhood: {}",
        nodes.len()
    );
    let levels: Vec<String> = store
        .db()
        .query("SELECT VALUE visibility FROM $ids")
        .bind((
            "ids",
            nodes
                .iter()
                .map(|n| {
                    let (t, k) = n.split_once(':').unwrap();
                    surrealdb::types::RecordId::new(t, k)
                })
                .collect::<Vec<_>>(),
        ))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(levels.len(), nodes.len());
    assert!(
        levels.iter().all(|l| l == "public"),
        "anonymous export: {levels:?}"
    );

    let restricted: Option<String> = store
        .db()
        .query(
            "SELECT VALUE record::id(id) FROM organisation WHERE visibility = 'restricted' LIMIT 1",
        )
        .await
        .unwrap()
        .take::<Vec<String>>(0)
        .unwrap()
        .into_iter()
        .next();
    let uri = format!(
        "/graph/export.gexf?start=organisation:{}",
        restricted.unwrap()
    );
    let (status, _, _) = get(&uri, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, kind, body) = get(&uri, Some(format!("sos_session={token}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.unwrap().starts_with("application/gexf+xml"));
    assert!(roxmltree::Document::parse(&body).is_ok());

    for bad in [
        "/graph/export.graphml?start=user:admin",
        "/graph/export.graphml?start=organisation:omct&depth=9",
        "/graph/export.graphml?start=organisation:Bad%20Key",
    ] {
        let (status, _, body) = get(bad, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    // The file follows the view's filters.
    let (_, _, filtered) = get(
        "/graph/export.graphml?start=organisation:omct&depth=2&hide=country&hide=theme",
        None,
    )
    .await;
    let doc = roxmltree::Document::parse(&filtered).unwrap();
    let tables: Vec<&str> = doc
        .descendants()
        .filter(|d| d.has_tag_name("data") && d.attribute("key") == Some("table"))
        .filter_map(|d| d.text())
        .collect();
    assert!(!tables.is_empty() && !tables.contains(&"country") && !tables.contains(&"theme"));
    let (status, _, _) = get("/graph/export.pdf?start=organisation:omct", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_explorer_page_draws_what_the_reader_may_see_and_finds_paths() {
    let app = support::http::app().await;
    let (status, html) = support::http::get(&app, "/graph?start=organisation:omct&depth=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg"), "the picture is drawn on the server");
    assert!(html.contains("class=\"node node-organisation start\""));
    // The list view holds the same nodes, with links to their pages.
    let (status, list) =
        support::http::get(&app, "/graph?start=organisation:omct&depth=1&view=list").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("href=\"/organisations/omct\""));
    assert!(list.contains("explore from here"));
    // Hiding a kind of node removes it from both views.
    let (_, hidden) = support::http::get(
        &app,
        "/graph?start=organisation:omct&depth=1&view=list&hide=country",
    )
    .await;
    let (list_text, hidden_text) = (
        support::http::main_text(&list),
        support::http::main_text(&hidden),
    );
    assert!(list_text.contains("(Country)") && !hidden_text.contains("(Country)"));
    // From a defender to the organisation that supported her trial.
    let (status, path) = support::http::get(
        &app,
        "/graph?start=person:eren-keskin&depth=2&to=organisation:omct",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = support::http::main_text(&path);
    assert!(text.contains("Shortest paths"), "{text}");
    assert!(
        text.contains("Eren Keskin") && text.contains("defendant in"),
        "{text}"
    );
    let (status, network) = support::http::get(&app, "/network").await;
    assert_eq!(status, StatusCode::OK);
    let text = support::http::main_text(&network);
    assert!(
        text.contains("Newest members") && text.contains("Joined in 2024"),
        "{text}"
    );
    // The world map: an outline per country, each linking to its page, and
    // the same counts as the countries list for this reader.
    let (status, map) = support::http::get(&app, "/map").await;
    assert_eq!(status, StatusCode::OK);
    assert!(map.matches("<path d=\"M").count() > 150, "country outlines");
    assert!(map.contains("href=\"/countries/ci\""));
    assert!(map.contains("data-code=\"CI\""));
    assert!(
        !map.contains("shade-0\" aria-label=\"Côte"),
        "Côte d'Ivoire has members"
    );
    // Shaded by trials instead: Turkey holds public trials, the caption says so.
    let (status, trials) = support::http::get(&app, "/map?measure=trials").await;
    assert_eq!(status, StatusCode::OK);
    let text = support::http::main_text(&trials);
    assert!(text.contains("Trials by country"), "{text}");
    assert!(trials.contains("aria-current=\"page\""));
    let turkey = trials.find("data-code=\"TR\"").expect("Turkey on the map");
    let tag = &trials[trials[..turkey].rfind("<a ").unwrap()..turkey];
    assert!(!tag.contains("shade-0"), "Turkey has trials: {tag}");
    // Where and when: only what is in Switzerland, the start kept.
    let (status, swiss) = support::http::get(
        &app,
        "/graph?start=organisation:omct&depth=1&view=list&country=ch",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let swiss_text = support::http::main_text(&swiss);
    assert!(swiss_text.contains("(Country)"), "{swiss_text}");
    assert!(
        swiss_text.matches("explore from here").count()
            < list_text.matches("explore from here").count(),
        "fewer nodes in one country"
    );
    assert!(swiss.contains("<option value=\"ch\" selected"));
    // A restricted start is not found; a malformed one is explained.
    let (status, _) = support::http::get(&app, "/graph?start=person:yassine-trabelsi").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) =
        support::http::post_json(&app, "/api/graph", r#"{"start":"user:admin"}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = support::http::post_json(
        &app,
        "/api/graph-paths",
        r#"{"from":"person:eren-keskin","to":"person:yassine-trabelsi"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.trim(), "[]", "no path you can see");
    // By name: what the reader may see is found anywhere, a restricted name
    // answers like a name nobody carries.
    let (status, body) = support::http::post_json(
        &app,
        "/api/graph-paths",
        r#"{"from":"person:eren-keskin","to":"world organisation against torture"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"organisation:omct\""), "{body}");
    for hidden in ["Yassine Trabelsi", "Nobody by this name"] {
        let (status, body) = support::http::post_json(
            &app,
            "/api/graph-paths",
            &format!(r#"{{"from":"person:eren-keskin","to":"{hidden}"}}"#),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body.trim(), "[]", "{hidden}");
    }
    let (status, body) = support::http::post_json(
        &app,
        "/api/graph-paths",
        &format!(
            r#"{{"from":"person:eren-keskin","to":"{}"}}"#,
            "x".repeat(201)
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("to"), "{body}");
}
