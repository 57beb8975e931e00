//! Reads of restricted records and every export leave one line an hour in
//! the audit log: who, what, how many records; public reads leave none.

use crate::support::http::{app_with_readers, function, get_with};
use crate::support::{actor, demo_data};
use app::observation::store::Calendar;
use server::db::Db;
use shared::{Role, Visibility};

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Line {
    action: String,
    target: Option<String>,
    actor_email: Option<String>,
    after: Option<String>,
    address: Option<String>,
}

async fn lines(db: &Db, action: &str) -> Vec<Line> {
    let rows: Vec<serde_json::Value> = db
        .query("SELECT action, target, actor_email, after, address FROM audit WHERE action = $action ORDER BY at")
        .bind(("action", action.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    rows.into_iter()
        .map(|r| serde_json::from_value(r).unwrap())
        .collect()
}

#[tokio::test]
async fn restricted_reads_and_exports_are_audited_once_an_hour() {
    let (store, app, readers) = app_with_readers().await;
    let db = store.db();
    let reader = |role: Role| readers.iter().find(|r| r.role == Some(role)).unwrap();
    let restricted = demo_data()
        .orgs
        .iter()
        .find(|o| o.visibility == Visibility::Restricted)
        .unwrap();
    let public = demo_data()
        .orgs
        .iter()
        .find(|o| o.visibility == Visibility::Public)
        .unwrap();

    // An admin opens the restricted record twice, and a public one.
    for _ in 0..2 {
        let (status, _) = function(
            &app,
            reader(Role::Admin),
            "organisation",
            &format!("{{\"id\":\"{}\"}}", restricted.key),
        )
        .await;
        assert_eq!(status, 200);
    }
    let (status, _) = function(
        &app,
        reader(Role::Admin),
        "organisation",
        &format!("{{\"id\":\"{}\"}}", public.key),
    )
    .await;
    assert_eq!(status, 200);
    // The page also shows records of its own (a restricted trial the
    // organisation supported is audited as read too): only its lines count.
    let own = format!("organisation:{}", restricted.key);
    let reads: Vec<_> = lines(db, "read.restricted")
        .await
        .into_iter()
        .filter(|l| l.target.as_deref() == Some(own.as_str()))
        .collect();
    assert_eq!(
        reads.len(),
        1,
        "one line for two reads within the hour: {reads:?}"
    );
    assert_eq!(
        reads[0].target.as_deref(),
        Some(format!("organisation:{}", restricted.key).as_str())
    );
    assert_eq!(reads[0].actor_email.as_deref(), Some("admin@example.org"));
    // Someone who may not read it leaves no trace of a read that never happened.
    let logged = lines(db, "read.restricted").await.len();
    let (status, _) = function(
        &app,
        reader(Role::Member),
        "organisation",
        &format!("{{\"id\":\"{}\"}}", restricted.key),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(lines(db, "read.restricted").await.len(), logged);

    // Exports: by a member; anonymous ones hold public records only and
    // are not logged (anyone could fill the log from many addresses).
    let export = "/graph/export.graphml?start=organisation:omct&depth=1";
    let member_cookie = reader(Role::Member).cookie.as_str();
    let (status, _, file) = get_with(&app, export, &[("cookie", member_cookie)]).await;
    assert_eq!(status, 200);
    let nodes = file.matches("<node ").count();
    for _ in 0..2 {
        let (status, _, _) = get_with(&app, export, &[]).await;
        assert_eq!(status, 200);
    }
    let exports = lines(db, "export.graph").await;
    assert_eq!(exports.len(), 1, "{exports:?}");
    assert_eq!(
        exports[0].actor_email.as_deref(),
        Some("member@example.org")
    );
    assert_eq!(exports[0].target.as_deref(), Some("organisation:omct"));
    assert_eq!(
        exports[0].after.as_deref(),
        Some(format!("{{\"records\":{nodes}}}").as_str())
    );

    // A calendar app polling the feed: one line.
    let staff = actor(&store, Role::Staff).await;
    let token = store
        .renew_calendar_token(&staff.user, false)
        .await
        .unwrap();
    for _ in 0..3 {
        let (status, _, _) = get_with(&app, &format!("/calendar/{token}.ics"), &[]).await;
        assert_eq!(status, 200);
    }
    let feeds = lines(db, "export.calendar").await;
    assert_eq!(feeds.len(), 1, "{feeds:?}");
    assert_eq!(feeds[0].actor_email.as_deref(), Some("staff@example.org"));

    // The same reader from another address is another line: a stolen
    // session or feed address used elsewhere shows at once.
    use app::accounts::store::{Access, AuditLog};
    for address in ["198.51.100.7", "198.51.100.7", "203.0.113.66"] {
        store
            .record_access(&Access {
                user: Some(staff.user.clone()),
                address: address.to_owned(),
                action: "read.restricted",
                target: Some(format!("organisation:{}", restricted.key)),
                records: 1,
            })
            .await
            .unwrap();
    }
    let reads = lines(db, "read.restricted").await;
    let staff_reads = reads
        .iter()
        .filter(|l| l.actor_email.as_deref() == Some("staff@example.org"))
        .count();
    assert_eq!(staff_reads, 2, "{reads:?}");
}

/// A report tells what its mission holds: read when the mission (or its
/// trial) is restricted, it leaves a line too.
#[tokio::test]
async fn reading_the_report_of_a_restricted_mission_is_audited() {
    let (store, app, readers) = app_with_readers().await;
    let db = store.db();
    let admin = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    let body = "{\"mission\":\"yarkin-observation-2024\"}";
    let (status, _) = function(&app, admin, "report", body).await;
    assert_eq!(status, 200);
    assert!(
        lines(db, "read.restricted").await.is_empty(),
        "a staff-level report"
    );
    db.query("UPDATE mission:`yarkin-observation-2024` SET visibility = 'restricted'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let (status, _) = function(&app, admin, "report", body).await;
    assert_eq!(status, 200);
    let reads = lines(db, "read.restricted").await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(
        reads[0].target.as_deref(),
        Some("mission:yarkin-observation-2024")
    );
}

/// A restricted defendant shown on a trial's page is read as surely as on
/// their own: the page's reader leaves a line for them, once an hour.
#[tokio::test]
async fn a_restricted_person_shown_inside_another_page_is_audited() {
    use app::observation::api::TrialLink;
    use app::observation::store::TrialRegistration;
    let (store, app, readers) = app_with_readers().await;
    let db = store.db();
    let admin = actor(&store, Role::Admin).await;
    let public_trial = shared::TrialId::parse("tunis-migrant-defenders").unwrap();
    store
        .link_trial(
            &admin,
            &public_trial,
            &TrialLink::Defendant(shared::PersonId::parse("yassine-trabelsi").unwrap()),
        )
        .await
        .unwrap();
    let body = "{\"id\":\"tunis-migrant-defenders\"}";
    for role in [Role::Member, Role::Staff] {
        let reader = readers.iter().find(|r| r.role == Some(role)).unwrap();
        let (status, page) = function(&app, reader, "trial", body).await;
        assert_eq!(status, 200);
        assert!(!page.contains("Yassine Trabelsi"), "{role:?}");
    }
    assert!(lines(db, "read.restricted").await.is_empty());
    let reader = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    for _ in 0..2 {
        let (status, page) = function(&app, reader, "trial", body).await;
        assert_eq!(status, 200);
        assert!(page.contains("Yassine Trabelsi"));
    }
    let reads = lines(db, "read.restricted").await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].target.as_deref(), Some("person:yassine-trabelsi"));
    assert_eq!(reads[0].actor_email.as_deref(), Some("admin@example.org"));
}

/// A restricted case on a person's timeline is read as surely as its page.
#[tokio::test]
async fn a_restricted_line_of_a_timeline_is_audited() {
    use app::observation::api::TrialLink;
    use app::observation::store::TrialRegistration;
    let (store, app, readers) = app_with_readers().await;
    let admin = actor(&store, Role::Admin).await;
    store
        .link_trial(
            &admin,
            &shared::TrialId::parse("closed-door-case").unwrap(),
            &TrialLink::Defendant(shared::PersonId::parse("eren-keskin").unwrap()),
        )
        .await
        .unwrap();
    let reader = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    let (status, page) = function(&app, reader, "person", "{\"id\":\"eren-keskin\"}").await;
    assert_eq!(status, 200);
    assert!(page.contains("closed-door-case"));
    let reads = lines(store.db(), "read.restricted").await;
    assert!(
        reads
            .iter()
            .any(|r| r.target.as_deref() == Some("trial:closed-door-case")),
        "{reads:?}"
    );
}
