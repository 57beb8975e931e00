//! Writes through `/api/v1` with a read-write token: organisations, persons,
//! relations and hearings go through the forms' own checks, roles and audit;
//! a change keeps what it does not name and names the version it read; a
//! read-only token, a member's role, a hidden record and a bad body are
//! refused with problem details.

use crate::support::actor;
use crate::support::http::router_with_policy;
use app::exchange::store::ApiTokens as _;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use server::http::session::Policy;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::SurrealStore;
use shared::{NewToken, Role, TokenScope};
use std::sync::Arc;

async fn token(store: &SurrealStore, role: Role, scope: TokenScope) -> String {
    let actor = actor(store, role).await;
    let password = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == role)
        .unwrap()
        .password;
    store
        .create_api_token(
            &actor,
            &NewToken {
                name: format!("{role:?} writer"),
                scope,
                days: 30,
            },
            password,
        )
        .await
        .unwrap()
}

async fn setup() -> (Arc<SurrealStore>, Router) {
    let store = Arc::new(crate::support::demo_store().await);
    let app = router_with_policy(
        store.clone(),
        Policy {
            api_calls_per_minute: Some(100_000),
            ..Policy::default()
        },
    );
    (store, app)
}

async fn call_raw(
    app: &Router,
    token: &str,
    method: &str,
    uri: &str,
    content_type: &str,
    body: String,
) -> (StatusCode, Value, HeaderMap) {
    let response = tower::ServiceExt::oneshot(
        app.clone(),
        Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
    .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        headers,
    )
}

async fn call(
    app: &Router,
    token: &str,
    method: &str,
    uri: &str,
    body: Value,
) -> (StatusCode, Value, HeaderMap) {
    call_raw(
        app,
        token,
        method,
        uri,
        "application/json",
        body.to_string(),
    )
    .await
}

async fn audited(store: &SurrealStore, action: &str, target: &str) -> usize {
    let n: Option<usize> = store
        .db()
        .query("RETURN count(SELECT id FROM audit WHERE action = $action AND target = $target)")
        .bind(("action", action.to_owned()))
        .bind(("target", target.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap_or(0)
}

#[tokio::test]
async fn a_write_token_creates_and_changes_records_as_the_forms_do() {
    let (store, app) = setup().await;
    let staff = token(&store, Role::Staff, TokenScope::ReadWrite).await;

    // An organisation, with the staff's fields.
    let (status, body, headers) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        json!({
            "name": "Collectif Bouaké contre la torture",
            "acronym": "CBCT",
            "kind": "member",
            "visibility": "public",
            "country": "ci",
            "city": "Bouaké",
            "themes": ["torture-prevention"],
            "languages": ["fr", "en"],
            "description": "Accompagne les victimes de torture à Bouaké.",
            "description_lang": "fr",
            "not_duplicate": true
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let org = &body["organisation"];
    let key = org["id"].as_str().unwrap().to_owned();
    assert_eq!(
        headers["location"].to_str().unwrap(),
        format!("/api/v1/organisations/{key}")
    );
    assert_eq!(org["name"], "Collectif Bouaké contre la torture");
    assert_eq!(org["based_in"]["code"], "CI");
    assert_eq!(org["themes"][0]["id"], "torture-prevention");
    assert_eq!(
        audited(
            &store,
            "organisation.create",
            &format!("organisation:{key}")
        )
        .await,
        1
    );
    let version = org["version"].as_u64().unwrap();

    // A change names the fields it changes; the others stay.
    let uri = format!("/api/v1/organisations/{key}");
    let (status, body, _) = call(
        &app,
        &staff,
        "PATCH",
        &uri,
        json!({ "version": version, "city": "Yamoussoukro", "acronym": null }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let org = &body["organisation"];
    assert_eq!(org["city"], "Yamoussoukro");
    assert_eq!(org["acronym"], Value::Null);
    assert_eq!(org["name"], "Collectif Bouaké contre la torture");
    assert_eq!(org["based_in"]["code"], "CI");
    assert_eq!(org["themes"][0]["id"], "torture-prevention");
    assert_eq!(org["languages"], json!(["fr", "en"]));
    assert_eq!(
        org["description"]["text"],
        "Accompagne les victimes de torture à Bouaké."
    );
    assert_eq!(org["version"].as_u64().unwrap(), version + 1);
    assert_eq!(
        audited(
            &store,
            "organisation.update",
            &format!("organisation:{key}")
        )
        .await,
        1
    );

    // The version read again, after that change: refused, nothing written.
    let (status, body, _) = call(
        &app,
        &staff,
        "PATCH",
        &uri,
        json!({ "version": version, "city": "Korhogo" }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["status"], 409);
    let (status, body, _) = call(&app, &staff, "PATCH", &uri, json!({ "city": "Korhogo" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errors"][0]["field"], "version");

    // A relation to the OMCT, then changed by a second call.
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/relations",
        json!({ "from": key, "to": "omct", "kind": "member-of", "since": 2021 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["relation"]["other"]["id"], "omct");
    assert_eq!(body["relation"]["since"], 2021);
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/relations",
        json!({ "from": key, "to": "omct", "kind": "member-of", "since": 2019, "role": "SOS-Torture member" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["relation"]["since"], 2019);
    assert_eq!(body["relation"]["role"], "SOS-Torture member");
    let (_, body, _) = call(&app, &staff, "GET", &uri, Value::Null).await;
    let ties: Vec<&Value> = body["organisation"]["ties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["other"]["id"] == "omct")
        .collect();
    assert_eq!(ties.len(), 1, "one relation, changed: {ties:?}");

    // A person, then a change of their languages only.
    let (status, body, headers) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/persons",
        json!({ "name": "Awa Koné", "roles": ["defender", "lawyer"], "nationality": "ci", "not_duplicate": true }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let person = body["id"].as_str().unwrap().to_owned();
    assert!(headers["location"].to_str().unwrap().ends_with(&person));
    assert_eq!(body["risk_level"], "low");
    assert_eq!(body["visibility"], "staff");
    let (status, body, _) = call(
        &app,
        &staff,
        "PATCH",
        &format!("/api/v1/persons/{person}"),
        json!({ "version": body["version"], "languages": ["fr"] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["languages"], json!(["fr"]));
    assert_eq!(body["roles"], json!(["defender", "lawyer"]));
    assert_eq!(body["nationality"]["code"], "CI");

    // A hearing of a demo trial, then what happened there.
    let (status, body, headers) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/hearings",
        json!({ "trial": "eren-keskin-istanbul", "date": "2027-03-04", "time": "09:30", "place": "Çağlayan courthouse, room 12" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let hearing = body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        headers["location"].to_str().unwrap(),
        format!("/api/v1/hearings/{hearing}")
    );
    assert_eq!(body["status"], "scheduled");
    let (status, body, _) = call(
        &app,
        &staff,
        "PATCH",
        &format!("/api/v1/hearings/{hearing}"),
        json!({ "status": "postponed", "summary": "The judge was absent." }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "postponed");
    let (status, body, _) = call(
        &app,
        &staff,
        "GET",
        &format!("/api/v1/hearings/{hearing}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["summary"], "The judge was absent.");
    // What is left out keeps what was recorded; a hidden character is refused.
    let uri = format!("/api/v1/hearings/{hearing}");
    let (status, body, _) = call(&app, &staff, "PATCH", &uri, json!({ "status": "held" })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "held");
    assert_eq!(body["summary"], "The judge was absent.");
    let (status, body, _) = call(
        &app,
        &staff,
        "PATCH",
        &uri,
        json!({ "summary": "Adjourned\u{202e}" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["errors"][0]["field"], "summary");

    // A member changes their own organisation's city, not what the staff keep.
    let member = token(&store, Role::Member, TokenScope::ReadWrite).await;
    let (_, body, _) = call(
        &app,
        &member,
        "GET",
        "/api/v1/organisations/midh",
        Value::Null,
    )
    .await;
    let version = body["organisation"]["version"].as_u64().unwrap();
    let name = body["organisation"]["name"].clone();
    let (status, body, _) = call(
        &app,
        &member,
        "PATCH",
        "/api/v1/organisations/midh",
        json!({ "version": version, "name": "Another name" }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body, _) = call(
        &app,
        &member,
        "PATCH",
        "/api/v1/organisations/midh",
        json!({ "version": version, "city": "Yamoussoukro" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["organisation"]["city"], "Yamoussoukro");
    assert_eq!(body["organisation"]["name"], name);
}

#[tokio::test]
async fn writes_are_refused_to_readers_roles_hidden_records_and_bad_bodies() {
    let (store, app) = setup().await;
    let staff_reads = token(&store, Role::Staff, TokenScope::Read).await;
    let member = token(&store, Role::Member, TokenScope::ReadWrite).await;
    let staff = token(&store, Role::Staff, TokenScope::ReadWrite).await;
    let new_org = json!({ "name": "Réseau test", "kind": "member", "visibility": "public", "not_duplicate": true });

    // A read-only token writes nothing, whatever its user's role.
    let (status, body, _) = call(
        &app,
        &staff_reads,
        "POST",
        "/api/v1/organisations",
        new_org.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // A member's token may write, but not what their role does not open.
    for (uri, body) in [
        ("/api/v1/organisations", new_org.clone()),
        ("/api/v1/persons", json!({ "name": "Someone Else" })),
        (
            "/api/v1/relations",
            json!({ "from": "omct", "to": "fidh", "kind": "partner-of" }),
        ),
        (
            "/api/v1/hearings",
            json!({ "trial": "eren-keskin-istanbul", "date": "2027-01-01", "time": "10:00", "place": "Istanbul" }),
        ),
    ] {
        let (status, answer, _) = call(&app, &member, "POST", uri, body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {answer}");
        assert_eq!(answer["status"], 403);
    }

    // A restricted organisation is as absent to a member's write as to
    // their reads: 404, and its name is nowhere in the answers.
    let restricted: Vec<(String, String)> = store
        .db()
        .query(
            "SELECT VALUE [record::id(id), name] FROM organisation WHERE visibility = 'restricted'",
        )
        .await
        .unwrap()
        .take::<Vec<Vec<String>>>(0)
        .unwrap()
        .into_iter()
        .map(|v| (v[0].clone(), v[1].clone()))
        .collect();
    assert!(!restricted.is_empty());
    for (key, name) in &restricted {
        let (status, body, _) = call(
            &app,
            &member,
            "PATCH",
            &format!("/api/v1/organisations/{key}"),
            json!({ "version": 0, "city": "Nowhere" }),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{key}: {body}");
        assert!(!body.to_string().contains(name.as_str()));
    }
    // Staff without a grant on one relate nothing to it, and learn nothing.
    let campaigner = token(&store, Role::Campaigner, TokenScope::ReadWrite).await;
    for (key, name) in &restricted {
        let (status, body, _) = call(
            &app,
            &campaigner,
            "POST",
            "/api/v1/relations",
            json!({ "from": "omct", "to": key, "kind": "partner-of" }),
        )
        .await;
        assert!(
            status == StatusCode::FORBIDDEN
                || status == StatusCode::NOT_FOUND
                || status == StatusCode::BAD_REQUEST,
            "{status}"
        );
        assert!(!body.to_string().contains(name.as_str()), "{body}");
    }

    // Bodies: not JSON, unknown fields, wrong types, too large, bad values.
    let (status, body, _) = call_raw(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        "text/plain",
        "name=x".into(),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        json!({ "nmae": "Typo" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["detail"].as_str().unwrap().contains("nmae"), "{body}");
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        json!({ "name": 12 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().contains("column"),
        "{body}"
    );
    let huge = json!({ "name": "Big", "description": "x".repeat(70_000) });
    let (status, _, _) = call(&app, &staff, "POST", "/api/v1/organisations", huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        json!({ "name": "Pays inconnu", "kind": "member", "visibility": "public", "country": "zz", "themes": ["cooking"] }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"country") && fields.contains(&"themes"),
        "{fields:?}"
    );
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        json!({ "name": "Deux noms", "kind": "member", "visibility": "public", "other_names": ["A\nB"] }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["errors"][0]["field"], "other_names");
    // A level above the writer's clearance.
    let (status, body, _) = call(
        &app,
        &staff,
        "POST",
        "/api/v1/organisations",
        json!({ "name": "Trop secret", "kind": "member", "visibility": "restricted", "not_duplicate": true }),
    )
    .await;
    assert!(
        status == StatusCode::BAD_REQUEST || status == StatusCode::FORBIDDEN,
        "{status}: {body}"
    );
    // None of the refused organisations was written.
    let names: Vec<String> = store
        .db()
        .query("SELECT VALUE name FROM organisation WHERE name IN ['Réseau test', 'Pays inconnu', 'Deux noms', 'Trop secret', 'Big', 'Typo']")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(names.is_empty(), "{names:?}");
    // Methods an address does not take.
    let (status, body, _) = call(
        &app,
        &staff,
        "DELETE",
        "/api/v1/organisations/omct",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["status"], 405);
}

/// Every operation the document lists, called with its own example: none
/// answers without a token, no write answers a read-only token or a
/// member's role, and an admin's read-write token reaches every one.
#[tokio::test]
async fn the_authorisation_matrix_covers_every_operation_of_the_document() {
    let (store, app) = setup().await;
    let first = |sql: &str| {
        let db = store.db().clone();
        let sql = sql.to_owned();
        async move {
            let keys: Vec<String> = db.query(sql).await.unwrap().take(0).unwrap();
            keys[0].clone()
        }
    };
    let hearing = first("SELECT VALUE record::id(id) FROM hearing").await;
    let person = first("SELECT VALUE record::id(id) FROM person WHERE visibility = 'public'").await;
    let document = serde_json::to_value(server::http::api::openapi::document()).unwrap();
    let example = |body: &Value| -> Value {
        let name = body["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .and_then(|r| r.rsplit('/').next())
            .map(str::to_owned);
        name.map(|n| document["components"]["schemas"][n]["example"].clone())
            .unwrap_or(Value::Null)
    };
    let admin_reads = token(&store, Role::Admin, TokenScope::Read).await;
    let admin_writes = token(&store, Role::Admin, TokenScope::ReadWrite).await;
    let member_writes = token(&store, Role::Member, TokenScope::ReadWrite).await;
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        let id = if path.starts_with("/api/v1/hearings") {
            hearing.as_str()
        } else if path.starts_with("/api/v1/persons") {
            person.as_str()
        } else if path.starts_with("/api/v1/countries") {
            "ci"
        } else if path.starts_with("/api/v1/trials") {
            "eren-keskin-istanbul"
        } else {
            "omct"
        };
        let mut uri = path.replace("{id}", id);
        if path.ends_with("/graph/ego") {
            uri.push_str("?start=organisation:omct");
        } else if path.ends_with("/graph/path") {
            uri.push_str("?from=organisation:omct&to=organisation:fidh");
        }
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let method = method.to_uppercase();
            let mut body = example(&operation["requestBody"]);
            if method == "PATCH" && !path.starts_with("/api/v1/hearings") {
                body["version"] = json!(0);
            }
            let write = method != "GET";
            let (status, answer, _) = call_raw(
                &app,
                "",
                &method,
                &uri,
                "application/json",
                body.to_string(),
            )
            .await;
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {uri} without a token: {answer}"
            );
            let (status, answer, _) = call(&app, &admin_reads, &method, &uri, body.clone()).await;
            if write {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{method} {uri} read-only: {answer}"
                );
                let (status, answer, _) =
                    call(&app, &member_writes, &method, &uri, body.clone()).await;
                assert!(
                    status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
                    "{method} {uri} as a member: {status} {answer}"
                );
                let (status, answer, _) =
                    call(&app, &admin_writes, &method, &uri, body.clone()).await;
                assert!(
                    status.is_success()
                        || status == StatusCode::CONFLICT
                        || status == StatusCode::BAD_REQUEST,
                    "{method} {uri} as an admin: {status} {answer}"
                );
            } else {
                assert!(status.is_success(), "{method} {uri}: {status} {answer}");
            }
        }
    }
    assert!(operations >= 25, "{operations} operations");
}
