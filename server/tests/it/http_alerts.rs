//! Case alerts through the router, as browsers reach them: for every kind of
//! reader, each read and write of an alert answers by the rule (anonymous
//! 401; a role that may not act 403; an alert the reader may not read 404,
//! as a missing one; its sender and the protection desk 200), a refused
//! write leaves no audit line, and a restricted alert's words never appear
//! in an answer to someone who may not read it.

use crate::support;
use crate::support::http::{app_with_readers, form_encode, form_write, function, page, send};
use app::alerts::store::Cases;
use axum::http::StatusCode;
use shared::alert::AlertForm;
use shared::Role;

const WHAT: &str = "Taken from her home at night; family denied any visit (matrix alert).";

async fn audit_lines(store: &server::store::SurrealStore) -> i64 {
    let n: Option<i64> = store
        .db()
        .query("SELECT VALUE count() FROM audit WHERE !string::starts_with(action, 'read') AND !string::starts_with(action, 'export') GROUP ALL")
        .await
        .unwrap()
        .take::<Vec<i64>>(0)
        .unwrap()
        .into_iter()
        .next();
    n.unwrap_or(0)
}

#[tokio::test]
async fn every_reader_meets_a_restricted_alert_by_the_rule() {
    let (store, app, readers) = app_with_readers().await;
    let member = support::actor(&store, Role::Member).await;
    let form = AlertForm {
        who: "unnamed".into(),
        what: WHAT.into(),
        country: "TG".into(),
        happened_on: "2026-11-20".into(),
        risk: "high".into(),
        sources: "A neighbour who saw it.".into(),
        consent: "not-public".into(),
        ..AlertForm::default()
    };
    let id = store
        .send_alert(
            &member,
            &form
                .check(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
                .unwrap(),
        )
        .await
        .unwrap();
    // Each request reads its session, and so the sender's new grant, again.
    // The admin goes last: handing the alert over changes what others read.
    let mut readers = readers;
    readers.sort_by_key(|r| r.role == Some(Role::Admin));
    for reader in &readers {
        let expected = match reader.role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Member) | Some(Role::Admin) => StatusCode::OK,
            Some(_) => StatusCode::NOT_FOUND,
        };
        let (status, body) = function(&app, reader, "alert", &format!(r#"{{"id":"{id}"}}"#)).await;
        assert_eq!(status, expected, "alert as {:?}: {body}", reader.role);
        assert_eq!(
            body.contains(WHAT),
            expected == StatusCode::OK,
            "{:?}",
            reader.role
        );

        let (_, list) = function(&app, reader, "alerts", "{}").await;
        assert_eq!(
            list.contains(id.as_str()),
            expected == StatusCode::OK,
            "alerts as {:?}",
            reader.role
        );
        let (_, html) = page(&app, reader, &format!("/alerts/{id}")).await;
        assert_eq!(
            html.contains(WHAT),
            expected == StatusCode::OK,
            "page as {:?}",
            reader.role
        );
        let (_, told) = function(&app, reader, "notifications", "{}").await;
        if expected != StatusCode::OK {
            assert!(
                !told.contains(id.as_str()),
                "no notice reaches {:?}",
                reader.role
            );
        }

        // Writes: refused ones leave no audit line.
        let before = audit_lines(&store).await;
        let (status, _) = send(
            &app,
            form_write(
                reader,
                "alert-verify",
                format!("id={id}&version=0&sources_checked=on"),
            ),
        )
        .await;
        let verify_expected = match reader.role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin) => StatusCode::OK,
            Some(Role::Staff) => StatusCode::NOT_FOUND,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, verify_expected, "alert-verify as {:?}", reader.role);
        let (status, _) = send(
            &app,
            form_write(
                reader,
                "alert-message",
                format!("id={id}&text={}", form_encode("Any news?")),
            ),
        )
        .await;
        assert_eq!(status, expected, "alert-message as {:?}", reader.role);
        let written = audit_lines(&store).await - before;
        let allowed = [verify_expected, expected]
            .iter()
            .filter(|s| **s == StatusCode::OK)
            .count() as i64;
        assert_eq!(written, allowed, "audit lines for {:?}", reader.role);

        let (status, _) = send(
            &app,
            form_write(
                reader,
                "alert-hand-over",
                format!("id={id}&email={}", form_encode("staff@example.org")),
            ),
        )
        .await;
        let hand_over = match reader.role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin) => StatusCode::OK,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, hand_over, "alert-hand-over as {:?}", reader.role);
    }
}
