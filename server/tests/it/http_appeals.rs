//! Urgent appeals through the router: the Atom feed holds the public
//! appeals only (never a draft or a network appeal), its links lead to
//! their pages, and the appeal endpoints answer each reader by the rule.

use crate::support;
use crate::support::http::{app_with_readers, function, get};
use app::alerts::store::{Cases, Handling};
use app::appeals::store::Drafting;
use axum::http::StatusCode;
use shared::alert::{AlertForm, Verification};
use shared::appeal::AppealForm;
use shared::Role;

#[tokio::test]
async fn the_feed_and_the_pages_show_each_appeal_to_its_audience_only() {
    let (store, app, readers) = app_with_readers().await;
    let member = support::actor(&store, Role::Member).await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = AlertForm {
        who: "unnamed".into(),
        what: "Beaten in custody at the central police station (feed test).".into(),
        country: "TG".into(),
        happened_on: "2026-11-20".into(),
        risk: "high".into(),
        sources: "The victim's lawyer.".into(),
        consent: "anonymised".into(),
        visibility: "staff".into(),
        ..AlertForm::default()
    };
    let alert = store
        .send_alert(
            &member,
            &form
                .check(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
                .unwrap(),
        )
        .await
        .unwrap();
    let all = Verification {
        sources_checked: true,
        consent_confirmed: true,
        risk_assessed: true,
    };
    store.verify_alert(&staff, &alert, 0, all).await.unwrap();
    let appeal = |audience: &str, title: &str| AppealForm {
        alert: alert.to_string(),
        country: "TG".into(),
        audience: audience.into(),
        title_en: title.into(),
        body_en: "A man was beaten in custody; the authorities must investigate.".into(),
        ..AppealForm::default()
    };
    let public = store
        .write_appeal(
            &staff,
            &appeal("public", "Togo: investigate torture in custody")
                .check()
                .unwrap(),
        )
        .await
        .unwrap();
    let network = store
        .write_appeal(
            &staff,
            &appeal("network", "Togo: a network-only appeal")
                .check()
                .unwrap(),
        )
        .await
        .unwrap();
    let draft = store
        .write_appeal(
            &staff,
            &appeal("public", "Togo: a draft appeal").check().unwrap(),
        )
        .await
        .unwrap();
    for id in [&public, &network] {
        store.approve_appeal(&staff, id, 0).await.unwrap();
        store.publish_appeal(&staff, id, 1).await.unwrap();
    }

    let (status, feed) = get(&app, "/appeals.atom").await;
    assert_eq!(status, StatusCode::OK);
    let parsed: atom_syndication::Feed = feed.parse().expect("a valid Atom feed");
    let titles: Vec<String> = parsed
        .entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect();
    assert!(
        titles.contains(&"Togo: investigate torture in custody".to_owned()),
        "{titles:?}"
    );
    assert!(
        !feed.contains("network-only") && !feed.contains("draft appeal"),
        "{feed}"
    );
    let entry = parsed
        .entries()
        .iter()
        .find(|e| e.title().value == "Togo: investigate torture in custody")
        .unwrap();
    assert!(entry.links()[0]
        .href()
        .ends_with(&format!("/appeals/{public}")));

    for reader in &readers {
        let (status, body) =
            function(&app, reader, "appeal", &format!(r#"{{"id":"{network}"}}"#)).await;
        let expected = if reader.role.is_some() {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(
            status, expected,
            "network appeal as {:?}: {body}",
            reader.role
        );
        let (status, _) = function(&app, reader, "appeal", &format!(r#"{{"id":"{draft}"}}"#)).await;
        let secretariat = matches!(reader.role, Some(Role::Staff | Role::Admin));
        let expected = if secretariat {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(status, expected, "draft as {:?}", reader.role);
        let (_, list) = function(&app, reader, "appeals", r#"{"language":"en"}"#).await;
        assert!(
            list.contains("investigate torture in custody"),
            "{:?}",
            reader.role
        );
        assert_eq!(
            list.contains("draft appeal"),
            secretariat,
            "{:?}",
            reader.role
        );
    }
}
