//! The authorisation matrix of alerts, urgent appeals and follows: every
//! write endpoint of these features, sent through the router by each kind
//! of reader, answers by the rule (anonymous 401; a role that may not act
//! 403; a record the reader may not read 404, or 400 where it is named in a
//! form; allowed 200), a refused write leaves no audit line, and a
//! restricted alert sent by someone else never reaches a member, not even
//! as a count in the header.

use crate::support;
use crate::support::http::{app_with_readers, form_encode, form_write, function, send, Reader};
use app::alerts::store::{Cases, Handling};
use app::appeals::store::Drafting;
use axum::http::StatusCode;
use axum::Router;
use shared::alert::{AlertForm, Verification};
use shared::appeal::AppealForm;
use shared::{AlertId, AppealId, Role};

const OK: StatusCode = StatusCode::OK;
const BAD: StatusCode = StatusCode::BAD_REQUEST;
const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;
const FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;

/// The audit lines of writes, and every row a write could leave beside
/// them (notices, e-mail, unsubscribe links).
async fn written(store: &server::store::SurrealStore) -> (usize, usize) {
    let mut response = store
        .db()
        .query("SELECT VALUE id FROM audit WHERE !string::starts_with(action, 'read') AND !string::starts_with(action, 'export');
                SELECT VALUE id FROM notification; SELECT VALUE id FROM outbox; SELECT VALUE id FROM unsubscribe;")
        .await
        .unwrap();
    let mut counts = Vec::new();
    for i in 0..4 {
        let ids: Vec<surrealdb::types::RecordId> = response.take(i).unwrap();
        counts.push(ids.len());
    }
    (counts[0], counts.iter().sum())
}

/// The version of a record now, as a form would carry it.
async fn version_of(store: &server::store::SurrealStore, table: &str, key: &str) -> i64 {
    let version: Option<i64> = store
        .db()
        .query("SELECT VALUE version FROM ONLY type::record($table, $key)")
        .bind(("table", table.to_owned()))
        .bind(("key", key.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    version.unwrap()
}

fn alert_form(what: &str, visibility: &str, consent: &str) -> AlertForm {
    AlertForm {
        who: "unnamed".into(),
        what: what.into(),
        country: "TG".into(),
        happened_on: "2026-11-20".into(),
        risk: "high".into(),
        sources: "A neighbour who saw it.".into(),
        consent: consent.into(),
        visibility: visibility.into(),
        ..AlertForm::default()
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn appeal_form(alert: &AlertId, title: &str) -> AppealForm {
    AppealForm {
        alert: alert.to_string(),
        country: "TG".into(),
        audience: "public".into(),
        title_en: title.into(),
        body_en: "A man was beaten in custody; the authorities must investigate.".into(),
        ..AppealForm::default()
    }
}

/// Sends one write and checks its answer and the audit it leaves.
async fn expect(
    store: &server::store::SurrealStore,
    app: &Router,
    reader: &Reader,
    endpoint: &str,
    body: String,
    wanted: StatusCode,
) {
    let (audited, traces) = written(store).await;
    let (status, answer) = send(app, form_write(reader, endpoint, body)).await;
    assert_eq!(status, wanted, "{endpoint} as {:?}: {answer}", reader.role);
    let (audited_after, traces_after) = written(store).await;
    if wanted == OK {
        assert!(
            audited_after > audited,
            "{endpoint} as {:?} is audited",
            reader.role
        );
    } else {
        assert_eq!(
            traces_after, traces,
            "{endpoint} refused to {:?} leaves no trace (audit, notice, e-mail)",
            reader.role
        );
    }
}

/// By role: anonymous, member, campaigner, staff, admin.
fn by_role(reader: &Reader, answers: [StatusCode; 5]) -> StatusCode {
    match reader.role {
        None => answers[0],
        Some(Role::Member) => answers[1],
        Some(Role::Campaigner) => answers[2],
        Some(Role::Staff) => answers[3],
        Some(Role::Admin) => answers[4],
    }
}

#[tokio::test]
async fn every_write_on_alerts_appeals_and_follows_answers_by_the_rule() {
    let (store, app, mut readers) = app_with_readers().await;
    // The admin goes last: what an admin does (close, publish) changes
    // what the others meet.
    readers.sort_by_key(|r| r.role == Some(Role::Admin));
    let member = support::actor(&store, Role::Member).await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;

    // The member follows Togo, where the alerts are: what reaches a
    // follower of a country would reach them.
    {
        use app::notifications::store::Follows;
        store
            .follow(
                &member,
                &shared::follow::FollowTarget::parse("country:TG").unwrap(),
            )
            .await
            .unwrap();
    }
    // A restricted alert sent by the campaigner: the member is not its
    // sender, the staff are not handed it.
    let restricted = store
        .send_alert(
            &campaigner,
            &alert_form(
                "Held incommunicado since Tuesday (restricted matrix alert).",
                "restricted",
                "not-public",
            )
            .check(today())
            .unwrap(),
        )
        .await
        .unwrap();
    // A staff-level alert from the member, verified: appeals come from it.
    let shared_alert = store
        .send_alert(
            &member,
            &alert_form(
                "Beaten at the central police station (staff matrix alert).",
                "staff",
                "anonymised",
            )
            .check(today())
            .unwrap(),
        )
        .await
        .unwrap();
    let all = Verification {
        sources_checked: true,
        consent_confirmed: true,
        risk_assessed: true,
    };
    store
        .verify_alert(&staff, &shared_alert, 0, all)
        .await
        .unwrap();
    // Drafts to approve and approved appeals to publish, one for each role
    // that may ([staff, admin]), and a published one to follow up and
    // co-sign.
    let mut drafts: Vec<AppealId> = Vec::new();
    let mut approved: Vec<AppealId> = Vec::new();
    for title in [
        "Draft A",
        "Draft B",
        "Approved A",
        "Approved B",
        "Edited",
        "Published",
    ] {
        let id = store
            .write_appeal(
                &staff,
                &appeal_form(&shared_alert, &format!("Togo: {title}"))
                    .check()
                    .unwrap(),
            )
            .await
            .unwrap();
        if title.starts_with("Draft") || title == "Edited" {
            drafts.push(id);
        } else {
            store.approve_appeal(&staff, &id, 0).await.unwrap();
            approved.push(id);
        }
    }
    let own_draft = store
        .write_appeal(
            &campaigner,
            &AppealForm {
                alert: String::new(),
                audience: "network".into(),
                ..appeal_form(&shared_alert, "Togo: the campaigner's draft")
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let published = approved.pop().unwrap();
    store.publish_appeal(&admin, &published, 1).await.unwrap();
    let staff_user = staff.user.id.to_string();

    for reader in &readers {
        let own = |v: &[AppealId]| v[usize::from(reader.role == Some(Role::Admin))].to_string();
        // Alerts.
        let sent = alert_form(
            "Arrested at a demonstration this morning (matrix).",
            "",
            "not-public",
        );
        let body = format!(
            "form[who]=unnamed&form[what]={}&form[country]=TG&form[happened_on]=2026-11-20&form[risk]=high&form[sources]={}&form[consent]={}",
            form_encode(&sent.what),
            form_encode(&sent.sources),
            sent.consent
        );
        expect(
            &store,
            &app,
            reader,
            "alert-send",
            body,
            by_role(reader, [UNAUTHORIZED, OK, OK, OK, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "alert-message",
            format!("id={restricted}&text={}", form_encode("Any news?")),
            by_role(reader, [UNAUTHORIZED, NOT_FOUND, OK, NOT_FOUND, OK]),
        )
        .await;
        let (status, _) = function(
            &app,
            reader,
            "alert-basis",
            &format!(r#"{{"id":"{restricted}"}}"#),
        )
        .await;
        assert_eq!(
            status,
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK]),
            "alert-basis as {:?}",
            reader.role
        );
        let (status, _) = function(
            &app,
            reader,
            "alert-basis",
            &format!(r#"{{"id":"{shared_alert}"}}"#),
        )
        .await;
        assert_eq!(
            status,
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK]),
            "alert-basis (staff level) as {:?}",
            reader.role
        );
        let (status, body) = function(
            &app,
            reader,
            "alert-access",
            &format!(r#"{{"id":"{restricted}"}}"#),
        )
        .await;
        assert_eq!(
            status,
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]),
            "alert-access as {:?}: {body}",
            reader.role
        );
        // Only an admin hands an alert over (and then takes it back).
        expect(
            &store,
            &app,
            reader,
            "alert-hand-over",
            format!("id={restricted}&email={}", form_encode("staff@example.org")),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "alert-take-back",
            format!("id={restricted}&user={staff_user}"),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]),
        )
        .await;
        // The verification and the closing, on the version as it stands.
        let version = version_of(&store, "alert", restricted.as_str()).await;
        expect(
            &store,
            &app,
            reader,
            "alert-verify",
            format!("id={restricted}&version={version}&sources_checked=on"),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK]),
        )
        .await;
        let version = version_of(&store, "alert", restricted.as_str()).await;
        expect(
            &store,
            &app,
            reader,
            "alert-close",
            format!(
                "id={restricted}&version={version}&reason={}",
                form_encode("No action: the family asked us not to act.")
            ),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK]),
        )
        .await;

        // Appeals.
        let form = appeal_form(&shared_alert, "Togo: written in the matrix");
        expect(
            &store,
            &app,
            reader,
            "appeal-write",
            format!(
                "form[alert]={}&form[country]=TG&form[audience]=public&form[title_en]={}&form[body_en]={}",
                form.alert,
                form_encode(&form.title_en),
                form_encode(&form.body_en)
            ),
            // The campaigner runs advocacy but does not read the alert.
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, BAD, OK, OK]),
        )
        .await;
        let (status, body) = function(
            &app,
            reader,
            "appeal",
            &format!(r#"{{"id":"{}"}}"#, drafts[0]),
        )
        .await;
        assert_eq!(
            status,
            by_role(reader, [NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK]),
            "a draft as {:?}: {body}",
            reader.role
        );
        // Changed by its writer or the secretariat only, on the version
        // read (each allowed change is a new version).
        let edited = &drafts[2];
        let version = version_of(&store, "appeal", edited.as_str()).await;
        expect(
            &store,
            &app,
            reader,
            "appeal-edit",
            format!(
                "id={edited}&version={version}&form[country]=TG&form[audience]=network&form[title_en]={}&form[body_en]={}",
                form_encode("Togo: changed in the matrix"),
                form_encode(&form.body_en)
            ),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, NOT_FOUND, OK, OK]),
        )
        .await;
        // The campaigner's own draft (no alert): its writer changes it too.
        let version = version_of(&store, "appeal", own_draft.as_str()).await;
        expect(
            &store,
            &app,
            reader,
            "appeal-edit",
            format!(
                "id={own_draft}&version={version}&form[country]=TG&form[audience]=network&form[title_en]={}&form[body_en]={}",
                form_encode("Togo: the campaigner's draft, changed"),
                form_encode(&form.body_en)
            ),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, OK, OK, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "appeal-approve",
            format!("id={}&version=0", own(&drafts)),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "appeal-publish",
            format!("id={}&version=1", own(&approved)),
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "appeal-update",
            format!(
                "id={published}&form[on]=2026-11-28&form[outcome]=&form[text]={}",
                form_encode("Still detained; the hearing was postponed.")
            ),
            // The person asked to stay unnamed: its follow-ups are the
            // secretariat's, who read the alert (no one else may probe
            // the name check).
            by_role(reader, [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "appeal-cosign",
            format!("id={published}"),
            // Only someone who speaks for a member organisation co-signs.
            by_role(reader, [UNAUTHORIZED, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
        )
        .await;

        // Follows: anything one may read; a hidden trial is refused as if
        // it did not exist.
        expect(
            &store,
            &app,
            reader,
            "follow",
            "target=country:TG".into(),
            by_role(reader, [UNAUTHORIZED, OK, OK, OK, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "follow",
            "target=trial:closed-door-case".into(),
            by_role(reader, [UNAUTHORIZED, BAD, BAD, BAD, OK]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "follow",
            "target=trial:no-such-trial".into(),
            by_role(reader, [UNAUTHORIZED, BAD, BAD, BAD, BAD]),
        )
        .await;
        expect(
            &store,
            &app,
            reader,
            "unfollow",
            "target=country:TG".into(),
            by_role(reader, [UNAUTHORIZED, OK, OK, OK, OK]),
        )
        .await;
    }

    // The restricted alert, its messages, its hand-over and its closing
    // reached the member in no way: no notice (read or not, so no count in
    // the header), no line in their list of alerts.
    let member_reader = readers
        .iter()
        .find(|r| r.role == Some(Role::Member))
        .unwrap();
    let (_, told) = function(&app, member_reader, "notifications", "{}").await;
    assert!(!told.contains(restricted.as_str()), "{told}");
    assert!(!told.contains("Held incommunicado"), "{told}");
    let (_, list) = function(&app, member_reader, "alerts", "{}").await;
    assert!(!list.contains(restricted.as_str()), "{list}");
    let notices: Vec<String> = store
        .db()
        .query("SELECT VALUE href FROM notification WHERE user = type::record('user', $u)")
        .bind(("u", member.user.id.to_string()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(
        notices.iter().all(|h| !h.contains(restricted.as_str())),
        "{notices:?}"
    );
    // Nor any e-mail.
    let mails: Vec<String> = store
        .db()
        .query("SELECT VALUE text FROM outbox WHERE to = $to")
        .bind(("to", member.user.email.clone()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(
        mails
            .iter()
            .all(|t| !t.contains(restricted.as_str()) && !t.contains("Held incommunicado")),
        "{mails:?}"
    );
}
