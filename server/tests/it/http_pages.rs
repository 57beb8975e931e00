//! Every page through the real axum router and Leptos SSR, on the demo data:
//! status codes, content, and that errors are pages, never crashes.

use crate::support;
use crate::support::http::{app, get, main_text, post_json};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use shared::Visibility;
use tower::ServiceExt;

#[tokio::test]
async fn every_page_answers_with_its_content() {
    let app = app().await;
    let pages = [
        (
            "/",
            vec![
                "The SOS-Torture network",
                "Member organisations 303",
                "Newest members",
            ],
        ),
        (
            "/organisations",
            vec!["Member directory", "Showing 1–20 of 314 organisations"],
        ),
        (
            "/organisations?q=MIDH",
            vec!["Mouvement Ivoirien des Droits Humains (MIDH)"],
        ),
        (
            "/organisations?country=CI&membership=partner",
            vec!["2 organisations", "CIDDH", "FORSC"],
        ),
        (
            "/organisations?region=africa&sort=name&page=2",
            vec!["Showing 21–40 of"],
        ),
        (
            "/organisations/midh",
            vec![
                "Mouvement Ivoirien des Droits Humains (MIDH)",
                "Based in Abidjan, Côte d'Ivoire",
                "Peers",
                "Partner organisation",
            ],
        ),
        (
            "/organisations/omct",
            vec![
                "World Organisation Against Torture (OMCT)",
                "251 urgent interventions",
            ],
        ),
        ("/organisations/sos-torture", vec!["Members 303"]),
        ("/countries", vec!["Countries", "Africa", "Côte d'Ivoire"]),
        (
            "/countries/ci",
            vec![
                "Côte d'Ivoire",
                "Based in Côte d'Ivoire",
                "Mouvement Ivoirien des Droits Humains",
            ],
        ),
        ("/countries/CI", vec!["Côte d'Ivoire"]),
    ];
    for (uri, expected) in pages {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let text = main_text(&body);
        for needle in expected {
            assert!(text.contains(needle), "{uri}: {needle:?} not in {text}");
        }
        assert!(body.contains("<html lang=\"en\""), "{uri}");
    }
}

#[tokio::test]
async fn pages_carry_titles_and_the_stylesheet() {
    let app = app().await;
    let (_, body) = get(&app, "/organisations/midh").await;
    assert!(
        body.contains("<title>Mouvement Ivoirien des Droits Humains · SOS-Torture Network</title>")
    );
    assert!(body.contains("/pkg/sos-torture.css"));
    assert!(body.contains("href=\"#main\""), "skip link");
}

#[tokio::test]
async fn unknown_addresses_are_404_pages() {
    let app = app().await;
    for uri in [
        "/organisations/does-not-exist",
        "/organisations/NOT%20AN%20ID",
        "/organisations/organisation:omct",
        "/countries/zz",
        "/countries/france",
        "/no/such/page",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(main_text(&body).contains("Page not found"), "{uri}");
    }
}

#[tokio::test]
async fn a_hidden_record_looks_exactly_like_a_missing_one() {
    let app = app().await;
    let (_, missing) = get(&app, "/organisations/does-not-exist").await;
    for hidden in support::demo_data()
        .orgs
        .iter()
        .filter(|o| o.visibility != Visibility::Public)
    {
        let (status, body) = get(&app, &format!("/organisations/{}", hidden.key)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", hidden.key);
        assert_eq!(main_text(&body), main_text(&missing), "{}", hidden.key);
        assert!(!body.contains(&hidden.name), "{} leaked", hidden.key);
        let (_, search) = get(&app, &format!("/organisations?q={}", hidden.key)).await;
        assert!(
            !search.contains(&hidden.name),
            "{} leaked through search",
            hidden.key
        );
    }
}

#[tokio::test]
async fn bad_query_parameters_are_clear_400_pages() {
    let app = app().await;
    let long = "x".repeat(201);
    let cases = [
        ("/organisations?page=abc".to_owned(), "page"),
        ("/organisations?page=0".to_owned(), "page"),
        ("/organisations?country=France".to_owned(), "country"),
        ("/organisations?region=europe".to_owned(), "region"),
        ("/organisations?membership=friend".to_owned(), "membership"),
        ("/organisations?sort=random".to_owned(), "sort"),
        ("/organisations?theme=No%20Theme".to_owned(), "theme"),
        (format!("/organisations?q={long}"), "search"),
    ];
    for (uri, field) in cases {
        let (status, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        let text = main_text(&body);
        assert!(text.contains("This address has a problem"), "{uri}: {text}");
        assert!(
            text.contains(&format!("The parameter “{field}”")),
            "{uri}: {text}"
        );
    }
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = app().await;
    let (status, body) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"database\":\"ok\""), "{body}");
}

#[tokio::test]
async fn server_functions_answer_errors_with_their_status() {
    let app = app().await;
    let (status, body) = post_json(&app, "/api/organisation", r#"{"id":"midh"}"#).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Mouvement Ivoirien des Droits Humains"));

    let (status, missing) = post_json(&app, "/api/organisation", r#"{"id":"nope"}"#).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    let hidden = support::demo_data()
        .orgs
        .iter()
        .find(|o| o.visibility == Visibility::Restricted)
        .unwrap();
    let (status, body) = post_json(
        &app,
        "/api/organisation",
        &format!(r#"{{"id":"{}"}}"#, hidden.key),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body, missing,
        "a hidden record answers exactly like a missing one"
    );

    for bad in [
        r#"{"id":"#,
        "not json",
        r#"{"query":{"page":0}}"#,
        r#"{"query":{"page":1,"country":"France"}}"#,
    ] {
        let uri = if bad.contains("query") {
            "/api/directory"
        } else {
            "/api/organisation"
        };
        let (status, body) = post_json(&app, uri, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    let (status, body) = post_json(
        &app,
        "/api/directory",
        r#"{"query":{"page":1,"sort":"name"}}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"total\":314"), "{body}");
}

/// A form posted without JavaScript that fails is sent back to its page (or
/// to the home page when the browser sends no Referer), never left on a bare
/// error: the status of the error is for scripts, not for this redirect.
#[tokio::test]
async fn a_failed_form_post_without_javascript_goes_back_to_a_page() {
    let app = app().await;
    for referer in [Some("http://127.0.0.1/organisations/midh/edit"), None] {
        let mut request = Request::post("/api/organisation-save")
            .header("host", "127.0.0.1")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html,application/xhtml+xml");
        if let Some(referer) = referer {
            request = request.header("referer", referer);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::from("id=midh")).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FOUND, "{referer:?}");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let back = referer.unwrap_or("/");
        assert!(location.starts_with(back), "{referer:?} -> {location}");
    }
    // A Referer naming another site is not followed.
    let request = Request::post("/api/organisation-save")
        .header("host", "127.0.0.1")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", "https://evil.example/phish")
        .body(Body::from("id=midh"))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "{location}"
    );
    let (status, _) = post_json(&app, "/api/organisation-save", r#"{"id":"midh"}"#).await;
    assert_ne!(
        status,
        StatusCode::FOUND,
        "a script gets the error's own status"
    );
    assert!(status.is_client_error(), "{status}");
}
