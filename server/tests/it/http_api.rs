//! `/api/v1` with tokens: a token acts as its user (role and grants, never
//! more), lists answer what the pages show a window at a time, refusals are
//! problem details, every use and refusal is audited, each token has a rate.

use crate::support::http::{get_with, router_with_policy};
use crate::support::{actor, demo_store};
use app::accounts::store::Administration as _;
use app::exchange::store::ApiTokens as _;
use axum::http::StatusCode;
use axum::Router;
use serde_json::Value;
use server::http::session::Policy;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::SurrealStore;
use shared::{NewToken, Role, TokenScope};
use std::collections::BTreeSet;
use std::sync::Arc;

fn password_of(role: Role) -> &'static str {
    DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == role)
        .unwrap()
        .password
}

fn new_token(name: &str) -> NewToken {
    NewToken {
        name: name.into(),
        scope: TokenScope::Read,
        days: 30,
    }
}

async fn token(store: &SurrealStore, role: Role, scope: TokenScope) -> String {
    let actor = actor(store, role).await;
    store
        .create_api_token(
            &actor,
            &NewToken {
                name: format!("{role:?} sheet"),
                scope,
                days: 30,
            },
            password_of(role),
        )
        .await
        .unwrap()
}

async fn call(app: &Router, token: &str, uri: &str) -> (StatusCode, Value, axum::http::HeaderMap) {
    let bearer = format!("Bearer {token}");
    let (status, headers, body) = get_with(app, uri, &[("authorization", bearer.as_str())]).await;
    let json = serde_json::from_str(&body).unwrap_or(Value::Null);
    (status, json, headers)
}

async fn setup(calls_per_minute: Option<u32>) -> (Arc<SurrealStore>, Router) {
    let store = Arc::new(demo_store().await);
    let app = router_with_policy(
        store.clone(),
        Policy {
            api_calls_per_minute: calls_per_minute,
            ..Policy::default()
        },
    );
    (store, app)
}

/// Every item of a list, following its cursors.
async fn every_item(app: &Router, token: &str, list: &str, limit: u32) -> Vec<Value> {
    let mut items = Vec::new();
    let sep = if list.contains('?') { '&' } else { '?' };
    let mut uri = format!("/api/v1/{list}{sep}limit={limit}");
    let mut total = None;
    loop {
        let (status, page, _) = call(app, token, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {page}");
        let t = page["total"].as_u64().unwrap();
        assert_eq!(
            *total.get_or_insert(t),
            t,
            "the total holds from page to page"
        );
        let rows = page["items"].as_array().unwrap();
        assert!(rows.len() <= limit as usize);
        items.extend(rows.iter().cloned());
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/v1/{list}{sep}limit={limit}&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(items.len() as u64, total.unwrap(), "{list}");
    items
}

fn ids(items: &[Value]) -> BTreeSet<String> {
    items
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_token_reads_what_its_user_may_and_pages_through_every_list() {
    let (store, app) = setup(Some(100_000)).await;
    for role in [Role::Member, Role::Campaigner, Role::Staff, Role::Admin] {
        let token = token(&store, role, TokenScope::Read).await;
        assert!(token.starts_with("sos_"));
        // The directory, 50 at a time, is the whole export of the same reader.
        let all = every_item(&app, &token, "organisations", 50).await;
        assert_eq!(
            all.len(),
            ids(&all).len(),
            "{role:?}: no organisation twice"
        );
        for list in ["trials", "interventions?year=2024", "campaigns", "events"] {
            let items = every_item(&app, &token, list, 7).await;
            assert_eq!(items.len(), ids(&items).len(), "{role:?} {list}");
            // What a member may not see never comes.
            if role == Role::Member {
                assert!(
                    items
                        .iter()
                        .all(|i| matches!(i["visibility"].as_str(), Some("public" | "network"))),
                    "{list}: {items:?}"
                );
            }
        }
        let (status, body, _) = call(&app, &token, "/api/v1/missions").await;
        let expected = if role.plans_missions() {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "{role:?}: {body}");
        let (status, body, _) = call(&app, &token, "/api/v1/organisations/omct").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["organisation"]["acronym"], "OMCT");
    }
}

#[tokio::test]
async fn a_hidden_record_is_absent_from_the_api_as_from_the_pages() {
    let (store, app) = setup(Some(100_000)).await;
    let restricted: Vec<String> = store
        .db()
        .query("SELECT VALUE record::id(id) FROM organisation WHERE visibility = 'restricted'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(!restricted.is_empty());
    let member = token(&store, Role::Member, TokenScope::Read).await;
    let admin = token(&store, Role::Admin, TokenScope::Read).await;
    for key in &restricted {
        let uri = format!("/api/v1/organisations/{key}");
        let (status, body, headers) = call(&app, &member, &uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(body["status"], 404);
        let (status, _, _) = call(&app, &admin, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
    let member_ids = ids(&every_item(&app, &member, "organisations", 200).await);
    let admin_ids = ids(&every_item(&app, &admin, "organisations", 200).await);
    for key in &restricted {
        assert!(!member_ids.contains(key));
        assert!(admin_ids.contains(key));
    }
}

#[tokio::test]
async fn refusals_are_problem_details_and_in_the_audit_log() {
    let (store, app) = setup(Some(100_000)).await;
    let (status, headers, body) = get_with(&app, "/api/v1/organisations", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(headers["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(headers["content-type"], "application/problem+json");
    let (status, _, _) = call(&app, "sos_0000", "/api/v1/organisations").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let staff = token(&store, Role::Staff, TokenScope::Read).await;
    for (uri, field) in [
        ("/api/v1/organisations?limit=0", "limit"),
        ("/api/v1/organisations?limit=abc", "limit"),
        ("/api/v1/organisations?cursor=banana", "cursor"),
        ("/api/v1/organisations?cursor=50.50&limit=20", "cursor"),
        ("/api/v1/organisations?country=France", "country"),
        ("/api/v1/trials?status=sentenced", "trial status"),
        ("/api/v1/graph/ego", "start"),
    ] {
        let (status, body, _) = call(&app, &staff, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["errors"][0]["field"], field, "{uri}: {body}");
    }
    let (status, _, _) = call(&app, &staff, "/api/v1/people-of-interest").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Revoked: refused at once. A disabled user's token too.
    let staff_actor = actor(&store, Role::Staff).await;
    let id = store.api_tokens(&staff_actor.user).await.unwrap()[0]
        .id
        .clone();
    let (status, _, _) = call(&app, &staff, "/api/v1/campaigns").await;
    assert_eq!(status, StatusCode::OK);
    store.revoke_api_token(&staff_actor, &id).await.unwrap();
    let (status, _, _) = call(&app, &staff, "/api/v1/campaigns").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let member = token(&store, Role::Member, TokenScope::Read).await;
    let admin = actor(&store, Role::Admin).await;
    let member_actor = actor(&store, Role::Member).await;
    store
        .set_disabled(&admin.user, &member_actor.user.id, true)
        .await
        .unwrap();
    let (status, _, _) = call(&app, &member, "/api/v1/campaigns").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let actions: Vec<String> = store
        .db()
        .query("SELECT VALUE action FROM audit WHERE string::starts_with(action, 'api')")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    for expected in [
        "api.refused.no_token",
        "api.refused.bad_token",
        "api.refused.revoked",
        "api.use",
        "api_token.create",
        "api_token.revoke",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected}: {actions:?}"
        );
    }
    // A token is listed with its last use; its secret is nowhere in the database.
    let listed = store.api_tokens(&staff_actor.user).await.unwrap();
    assert!(listed[0].last_used_at.is_some());
    assert!(listed[0].revoked_at.is_some());
    let dump = crate::support::export(store.db()).await;
    assert!(!dump.contains(&staff[4..]));
}

#[tokio::test]
async fn each_token_has_a_rate() {
    let (store, app) = setup(Some(10)).await;
    let first = token(&store, Role::Staff, TokenScope::Read).await;
    let second = token(&store, Role::Admin, TokenScope::Read).await;
    // A burst of a fifth of the minute's calls, then a wait.
    for _ in 0..2 {
        let (status, _, _) = call(&app, &first, "/api/v1/campaigns").await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body, headers) = call(&app, &first, "/api/v1/campaigns").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Another token is not held back by the first.
    let (status, _, _) = call(&app, &second, "/api/v1/campaigns").await;
    assert_eq!(status, StatusCode::OK);
    let limited: Vec<Value> = store
        .db()
        .query("SELECT * FROM audit WHERE action = 'api.refused.rate'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(limited.len(), 1);
}

#[tokio::test]
async fn the_api_describes_itself_in_openapi_and_its_docs_page_ships_inside() {
    let (store, app) = setup(Some(100_000)).await;
    let (status, headers, body) = get_with(&app, "/api/v1/openapi.json", &[]).await;
    assert_eq!(status, StatusCode::OK, "public: it holds no record");
    assert!(headers["content-type"].to_str().unwrap().contains("json"));
    let doc: Value = serde_json::from_str(&body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for list in app::exchange::exports::List::ALL {
        let path = format!("/api/v1/{}", list.name());
        let get = &paths[&path]["get"];
        let names: Vec<&str> = get["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for filter in list.filters() {
            assert!(names.contains(filter), "{path} takes {filter}");
        }
        assert!(get["responses"]["429"].is_object(), "{path}");
    }
    // The schema promises exactly the keys an answer has.
    let staff = token(&store, Role::Staff, TokenScope::Read).await;
    let (_, page, _) = call(&app, &staff, "/api/v1/trials?limit=3").await;
    let row_schema = &doc["components"]["schemas"]["TrialsPage"]["properties"]["items"]["items"];
    let mut promised: Vec<&str> = row_schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut given: Vec<&str> = page["items"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    promised.sort_unstable();
    given.sort_unstable();
    assert_eq!(promised, given);

    let (status, _, html) = get_with(&app, "/api/v1/docs/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("swagger-ui"), "{html}");
    let (status, _, script) = get_with(&app, "/api/v1/docs/swagger-ui-bundle.js", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(script.len() > 100_000, "the bundle ships inside the binary");
}

#[tokio::test]
async fn a_token_needs_the_password_and_ends_with_every_remedy_for_a_lost_account() {
    use app::accounts::store::{PasswordChange, Sessions as _};
    use app::error::WorkError;
    let (store, app) = setup(Some(100_000)).await;
    let staff = actor(&store, Role::Staff).await;
    // Someone at an open session without the password gets no token.
    let refused = store
        .create_api_token(&staff, &new_token("borrowed"), "not the password")
        .await;
    match refused {
        Err(WorkError::Invalid(errors)) => {
            assert_eq!(errors[0].field, "password");
            assert_eq!(errors[0].problem, shared::Problem::WrongPassword);
        }
        other => panic!("{other:?}"),
    }
    assert!(store.api_tokens(&staff.user).await.unwrap().is_empty());

    // A new password ends every token.
    let first = token(&store, Role::Staff, TokenScope::Read).await;
    assert_eq!(
        call(&app, &first, "/api/v1/campaigns").await.0,
        StatusCode::OK
    );
    let changed = store
        .change_password(
            &staff.user,
            password_of(Role::Staff),
            "a brand new long passphrase 77",
            "tests",
        )
        .await
        .unwrap();
    assert_eq!(changed, PasswordChange::Changed);
    assert_eq!(
        call(&app, &first, "/api/v1/campaigns").await.0,
        StatusCode::UNAUTHORIZED
    );

    // So does signing out everywhere.
    let member = actor(&store, Role::Member).await;
    let second = token(&store, Role::Member, TokenScope::Read).await;
    assert_eq!(
        call(&app, &second, "/api/v1/campaigns").await.0,
        StatusCode::OK
    );
    store
        .sign_out_everywhere(&member.user, &member.user.id)
        .await
        .unwrap();
    assert_eq!(
        call(&app, &second, "/api/v1/campaigns").await.0,
        StatusCode::UNAUTHORIZED
    );

    // At most so many usable tokens at once.
    let admin = actor(&store, Role::Admin).await;
    for n in 0..shared::api_token::TOKENS_PER_USER {
        store
            .create_api_token(
                &admin,
                &new_token(&format!("t{n}")),
                password_of(Role::Admin),
            )
            .await
            .unwrap();
    }
    let over = store
        .create_api_token(&admin, &new_token("one more"), password_of(Role::Admin))
        .await;
    assert!(matches!(over, Err(WorkError::Invalid(_))), "{over:?}");
}
