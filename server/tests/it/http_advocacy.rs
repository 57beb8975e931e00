//! Advocacy through HTTP for every kind of reader: pages, server functions
//! and forms. A record above a reader's level never reaches them, not in a
//! page, a list, a campaign, the figures or an API answer.

use crate::support::http::{app_with_readers, function, page, send, Reader};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use server::store::SurrealStore;
use shared::Role;

fn form(reader: &Reader, uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header("cookie", reader.cookie.as_str())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// Names of demo defenders at one visibility, for leak checks.
async fn names_at(store: &SurrealStore, level: &str) -> Vec<String> {
    store
        .db()
        .query("SELECT VALUE name FROM person WHERE visibility = $level AND demo = true AND string::starts_with(record::id(id), 'demo-defender') ORDER BY id LIMIT 5")
        .bind(("level", level.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

#[tokio::test]
async fn every_reader_sees_advocacy_up_to_their_level() {
    let (store, app, readers) = app_with_readers().await;
    let staff_only = "Private briefing of the Committee against Torture";
    let staff_names = names_at(&store, "staff").await;
    let network_names = names_at(&store, "network").await;
    for reader in &readers {
        let label = format!("{:?}", reader.role);
        let (status, html) = page(&app, reader, "/advocacy").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(
            html.contains("Guapinol"),
            "{label}: public events are listed"
        );
        assert_eq!(
            html.contains(staff_only),
            reader.reads_staff(),
            "{label}: /advocacy"
        );

        let (status, html) = page(&app, reader, "/advocacy/events/cat-briefing-demo").await;
        let want = if reader.reads_staff() {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(status, want, "{label}: staff event page");
        assert!(!reader.reads_staff() || html.contains("Send the shadow report"));

        let (status, html) = page(&app, reader, "/advocacy/missions/geneva-cat-delegation").await;
        assert_eq!(status, want, "{label}: staff mission page");
        assert!(!reader.reads_staff() || html.contains("Security assessment"));

        let (status, html) = page(&app, reader, "/interventions?year=2024&kind=urgent").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        for name in &staff_names {
            assert_eq!(
                html.contains(name.as_str()),
                reader.reads_staff(),
                "{label}: {name} in the list"
            );
        }
        for name in &network_names {
            assert_eq!(
                html.contains(name.as_str()),
                reader.role.is_some(),
                "{label}: {name} in the list"
            );
        }

        let (status, html) = page(&app, reader, "/campaigns/faces-of-hope").await;
        assert_eq!(status, StatusCode::OK, "{label}: the campaign is public");
        assert!(html.contains("#FacesOfHope"));
        let hidden_in_campaign = staff_names
            .iter()
            .chain(network_names.iter())
            .any(|n| html.contains(n.as_str()));
        if reader.role.is_none() {
            assert!(
                !hidden_in_campaign,
                "the public campaign page names a non-public defender"
            );
            assert!(html.contains("only the cases that are public"));
        }

        let (status, html) = page(&app, reader, "/figures?year=2024").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert_eq!(
            html.contains(">251<"),
            reader.reads_staff(),
            "{label}: the headline"
        );
        assert!(
            html.contains("Daouda Diallo"),
            "{label}: public names are shown"
        );
        if reader.role.is_none() {
            assert!(html.contains("public records only"));
        }

        let (status, json) = function(
            &app,
            reader,
            "interventions",
            r#"{"query":{"year":"2024"}}"#,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{label}");
        let list: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        let levels: Vec<&str> = list
            .iter()
            .filter_map(|i| i["visibility"].as_str())
            .collect();
        assert!(!levels.contains(&"restricted"));
        assert_eq!(
            levels.contains(&"staff"),
            reader.reads_staff(),
            "{label}: API"
        );
        assert_eq!(
            levels.contains(&"network"),
            reader.role.is_some(),
            "{label}: API"
        );

        let (status, json) = function(&app, reader, "grants", r#"{"year":"2024"}"#).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            json.contains("\"network\""),
            reader.role.is_some(),
            "{label}: grants"
        );
    }
}

#[tokio::test]
async fn only_campaigners_and_staff_write_and_bad_input_is_explained() {
    let (_store, app, readers) = app_with_readers().await;
    let body = "form[title]=Urgent+appeal%3A+detention+of+a+journalist&form[reference]=&form[kind]=urgent-appeal\
        &form[support]=&form[sent_on]=2024-05-02&form[country]=tr&form[addressees]=Minister+of+Justice\
        &form[person]=eren-keskin&form[cosignatory]=omct&form[visibility]=public&form[notes]=";
    for reader in readers.iter().filter(|r| !r.reads_staff()) {
        let (status, _) = send(&app, form(reader, "/api/intervention-create", body)).await;
        let want = if reader.role.is_none() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, want, "{:?} recorded an intervention", reader.role);
        let (status, _) = send(
            &app,
            form(
                reader,
                "/api/advocacy-follow-up-done",
                "follow_up=x&back=%2Fwork",
            ),
        )
        .await;
        assert_eq!(status, want);
    }
    let campaigner = readers
        .iter()
        .find(|r| r.role == Some(Role::Campaigner))
        .unwrap();
    let (status, answer) = send(
        &app,
        form(
            campaigner,
            "/api/intervention-create",
            &body.replace("2024-05-02", "02%2F05%2F2024"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer.contains("sent_on"), "{answer}");
    let (status, answer) = send(
        &app,
        form(
            campaigner,
            "/api/intervention-create",
            &body.replace("public", "restricted"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer.contains("visibility"), "{answer}");
    let (status, _) = send(&app, form(campaigner, "/api/intervention-create", body)).await;
    assert!(status.is_redirection() || status.is_success(), "{status}");

    // An off-site "back" address is never followed.
    let (status, _) = send(
        &app,
        Request::post("/api/advocacy-follow-up-done")
            .header("cookie", campaigner.cookie.as_str())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from("follow_up=nope&back=https%3A%2F%2Fevil.example"))
            .unwrap(),
    )
    .await;
    assert!(status.is_client_error(), "unknown follow-up: {status}");

    // The work queue shows the campaigner's late next step.
    let (status, html) = page(&app, campaigner, "/work").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Send the shadow report"),
        "the overdue step is listed"
    );
    assert!(html.contains("Late: 1"), "one step is late");
}
