//! The graph exports through HTTP: the file holds what the session may see,
//! nothing more; a hidden start is a 404 and bad parameters a 400.

mod common;

use app::store::SignInOutcome;
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use server::seed::accounts::DEMO_ACCOUNTS;
use std::sync::Arc;
use tower::ServiceExt;

#[tokio::test]
async fn an_export_holds_only_what_its_reader_may_see() {
    let store = Arc::new(common::demo_store().await);
    let config = server::config::ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
    };
    let app = server::http::router(config.leptos_options(), store.clone());
    let admin = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == shared::Role::Admin)
        .unwrap();
    let SignInOutcome::SignedIn { token, .. } = store
        .sign_in_with_password(admin.email, admin.password, "http-graph")
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
    let (status, _, _) = get("/graph/export.pdf?start=organisation:omct", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
