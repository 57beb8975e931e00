//! Case alerts against a real database: a restricted alert reaches its
//! sender and admins only (not another member, not staff until an admin
//! hands it over, not as a notification either); the secretariat verifies,
//! writes and closes, and the sender is told each time; a public decision
//! waits for verification and consent; rapid-response support counts in the
//! figures once granted; the demo's 2024 figures come through its alerts.

use crate::support;
use app::accounts::store::Administration;
use app::accounts::Actor;
use app::advocacy::store::{AnnualFigures, Interventions};
use app::alerts::store::{Cases, Handling};
use app::error::WorkError;
use app::notifications::store::Inbox;
use shared::alert::{AlertForm, AlertStatus, Verification};
use shared::{CurrentUser, InterventionForm, Problem, Role, UserId, Viewer, Visibility};

fn alert_form(level: &str, consent: &str) -> AlertForm {
    AlertForm {
        who: "new".into(),
        name: "Amina K.".into(),
        what: "Arrested at dawn by plain-clothes police; held incommunicado since.".into(),
        country: "BI".into(),
        place: "Bujumbura".into(),
        happened_on: "2026-11-27".into(),
        risk: "imminent".into(),
        sources: "Her lawyer, by phone.".into(),
        consent: consent.into(),
        visibility: level.into(),
        ..AlertForm::default()
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// A member of another organisation, who sent nothing.
fn other_member() -> Actor {
    Actor {
        user: CurrentUser {
            id: UserId::parse("another-member").unwrap(),
            email: "another@example.org".into(),
            name: "Another member".into(),
            role: Role::Member,
            organisation: None,
            totp_enabled: false,
        },
        viewer: Viewer::with_clearance(Visibility::Network),
        address: "tests".into(),
    }
}

fn intervention(alert: &str, level: &str) -> InterventionForm {
    InterventionForm {
        title: "Urgent appeal: arbitrary detention".into(),
        kind: "urgent-appeal".into(),
        sent_on: "2026-11-29".into(),
        country: "BI".into(),
        visibility: level.into(),
        alert: alert.into(),
        ..InterventionForm::default()
    }
}

#[tokio::test]
async fn a_restricted_alert_reaches_its_sender_and_admins_and_staff_only_once_handed_over() {
    let store = support::demo_store().await;
    let member = support::actor(&store, Role::Member).await;
    let staff = support::actor(&store, Role::Staff).await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let admin = support::actor(&store, Role::Admin).await;
    let id = store
        .send_alert(
            &member,
            &alert_form("", "anonymised").check(today()).unwrap(),
        )
        .await
        .unwrap();
    // Its grant comes with the next request, as a new session reads it.
    let member = support::actor(&store, Role::Member).await;

    // The sender follows it; admins see it first in their queue.
    let mine = store.alerts(&member).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, AlertStatus::New);
    assert_eq!(mine[0].visibility, Visibility::Restricted);
    let member_view = store
        .alert(&member, &id)
        .await
        .unwrap()
        .expect("the sender reads it");
    assert_eq!(
        member_view.what,
        "Arrested at dawn by plain-clothes police; held incommunicado since."
    );
    assert!(store
        .alerts(&admin)
        .await
        .unwrap()
        .first()
        .is_some_and(|a| a.id == id));

    // Nobody else: not another member, not staff or campaigners before an
    // admin hands it over; not even as a notification.
    for reader in [&other_member(), &staff, &campaigner] {
        assert!(
            store.alert(reader, &id).await.unwrap().is_none(),
            "{:?}",
            reader.user.role
        );
        assert!(!store
            .alerts(reader)
            .await
            .unwrap()
            .iter()
            .any(|a| a.id == id));
    }
    assert!(store.notifications(&staff).await.unwrap().items.is_empty());
    let told = store.notifications(&admin).await.unwrap();
    assert_eq!(told.items.len(), 1);
    assert_eq!(told.items[0].title, "New alert: Burundi, imminent risk");
    assert_eq!(told.items[0].href, format!("/alerts/{id}"));
    let refused = store
        .write_alert_message(&staff, &id, "Can you confirm?")
        .await
        .unwrap_err();
    assert!(matches!(refused, WorkError::NotFound), "{refused:?}");

    // Handed over, the staff member reads it (as a new session would).
    store
        .grant_access(&admin.user, "staff@example.org", &format!("alert:{id}"))
        .await
        .unwrap();
    let staff = support::actor(&store, Role::Staff).await;
    assert!(store.alert(&staff, &id).await.unwrap().is_some());
    assert!(store.alert(&other_member(), &id).await.unwrap().is_none());
}

#[tokio::test]
async fn the_secretariat_verifies_writes_and_closes_and_the_sender_is_told_each_time() {
    let store = support::demo_store().await;
    let member = support::actor(&store, Role::Member).await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = store
        .send_alert(
            &member,
            &alert_form("staff", "named").check(today()).unwrap(),
        )
        .await
        .unwrap();
    // Its grant comes with the next request, as a new session reads it.
    let member = support::actor(&store, Role::Member).await;
    // Open to all staff: they were told, in the queue's words.
    assert_eq!(store.notifications(&staff).await.unwrap().unread, 1);
    // A member cannot verify, even their own alert.
    let refused = store
        .verify_alert(&member, &id, 0, Verification::default())
        .await
        .unwrap_err();
    assert!(matches!(refused, WorkError::Forbidden), "{refused:?}");

    let partial = Verification {
        sources_checked: true,
        ..Verification::default()
    };
    store.verify_alert(&staff, &id, 0, partial).await.unwrap();
    let stale = store
        .verify_alert(&staff, &id, 0, partial)
        .await
        .unwrap_err();
    assert!(matches!(stale, WorkError::Stale), "{stale:?}");
    store
        .write_alert_message(&staff, &id, "Does the family agree to her name being used?")
        .await
        .unwrap();
    store
        .write_alert_message(&member, &id, "Yes, her brother confirmed it today.")
        .await
        .unwrap();
    let alert = store.alert(&member, &id).await.unwrap().unwrap();
    assert_eq!(alert.status, AlertStatus::Verifying);
    assert_eq!(alert.messages.len(), 2);
    assert!(alert.messages[0].from_secretariat);
    assert_eq!(
        alert.messages[0].author, "",
        "the sender is told 'the secretariat', not who"
    );
    assert!(!alert.messages[1].from_secretariat);
    let secretariat_view = store.alert(&staff, &id).await.unwrap().unwrap();
    assert_eq!(secretariat_view.messages[0].author, "Demo staff");

    let titles: Vec<String> = store
        .notifications(&member)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|n| n.title)
        .collect();
    assert_eq!(
        titles,
        [
            "The secretariat wrote about your alert",
            "Your alert: being verified"
        ]
    );
    assert!(store
        .notifications(&staff)
        .await
        .unwrap()
        .items
        .iter()
        .any(|n| n.title == "The sender of an alert wrote to the secretariat"));

    let all = Verification {
        sources_checked: true,
        consent_confirmed: true,
        risk_assessed: true,
    };
    store.verify_alert(&staff, &id, 1, all).await.unwrap();
    assert_eq!(
        store.alert(&member, &id).await.unwrap().unwrap().status,
        AlertStatus::Verified
    );
    store
        .close_alert(
            &staff,
            &id,
            2,
            "Already followed by a partner organisation on the spot.",
        )
        .await
        .unwrap();
    let closed = store.alert(&member, &id).await.unwrap().unwrap();
    assert_eq!(closed.status, AlertStatus::Closed);
    let newest = &store.notifications(&member).await.unwrap().items[0];
    assert_eq!(newest.title, "Your alert was closed without action");
    let again = store.verify_alert(&staff, &id, 3, all).await.unwrap_err();
    assert!(matches!(again, WorkError::Invalid(_)), "{again:?}");
}

#[tokio::test]
async fn a_public_decision_waits_for_verification_and_consent_and_tells_the_sender() {
    let store = support::demo_store().await;
    let member = support::actor(&store, Role::Member).await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = store
        .send_alert(
            &member,
            &alert_form("staff", "not-public").check(today()).unwrap(),
        )
        .await
        .unwrap();
    // Its grant comes with the next request, as a new session reads it.
    let member = support::actor(&store, Role::Member).await;
    let problem = |e: WorkError| match e {
        WorkError::Invalid(ps) => ps[0].problem.clone(),
        other => panic!("{other:?}"),
    };
    let public = intervention(id.as_str(), "public").check().unwrap();
    let e = store
        .create_intervention(&staff, &public)
        .await
        .unwrap_err();
    assert_eq!(problem(e), Problem::NotVerified);
    let all = Verification {
        sources_checked: true,
        consent_confirmed: true,
        risk_assessed: true,
    };
    store.verify_alert(&staff, &id, 0, all).await.unwrap();
    let e = store
        .create_intervention(&staff, &public)
        .await
        .unwrap_err();
    assert_eq!(problem(e), Problem::NoConsent);
    // A member cannot record a decision on it.
    let network = intervention(id.as_str(), "network").check().unwrap();
    assert!(store.create_intervention(&member, &network).await.is_err());

    let decided = store.create_intervention(&staff, &network).await.unwrap();
    let alert = store.alert(&member, &id).await.unwrap().unwrap();
    assert_eq!(alert.status, AlertStatus::Acted);
    assert_eq!(alert.decisions.len(), 1);
    assert_eq!(alert.decisions[0].id, decided);
    assert_eq!(
        store.notifications(&member).await.unwrap().items[0].title,
        "The secretariat acted on your alert"
    );
}

#[tokio::test]
async fn rapid_response_support_counts_in_the_figures_once_granted() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let viewer = support::staff();
    let before = store.figures(&viewer, Some(2024)).await.unwrap();
    // The demo's 2024, through its alerts: 251 interventions for 206
    // defenders in 46 countries; support for 75 defenders in 20 countries.
    let admin_view = store.figures(&support::admin(), Some(2024)).await.unwrap();
    assert_eq!(
        (
            admin_view.interventions,
            admin_view.defenders,
            admin_view.countries
        ),
        (251, 206, 46)
    );
    assert_eq!(
        (admin_view.rapid.defenders, admin_view.rapid.countries),
        (75, 20)
    );
    let mut counts = store
        .db()
        .query(
            "SELECT VALUE count() FROM intervention WHERE alert = NONE OR alert.status != 'acted' GROUP ALL;
             SELECT VALUE count() FROM alert WHERE demo = true GROUP ALL;",
        )
        .await
        .unwrap();
    let unanswered: Vec<i64> = counts.take(0).unwrap();
    let alerts: Vec<i64> = counts.take(1).unwrap();
    assert!(
        unanswered.iter().all(|n| *n == 0),
        "every demo intervention answers an alert: {unanswered:?}"
    );
    assert_eq!(alerts, [206], "one alert per defender");

    let member = support::actor(&store, Role::Member).await;
    let mut form = alert_form("staff", "anonymised");
    form.country = "CI".into();
    let id = store
        .send_alert(&member, &form.check(today()).unwrap())
        .await
        .unwrap();
    // Someone the demo's rapid responses did not support.
    let newcomer: Vec<String> = store
        .db()
        .query(
            "SELECT VALUE record::id(id) FROM person WHERE visibility = 'public'
                AND id NOT IN (SELECT VALUE out FROM concerns WHERE in.kind = 'rapid-response') LIMIT 1",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let support_form = |decision: &str, on: &str| InterventionForm {
        title: "Legal aid for a detained defender".into(),
        kind: "rapid-response".into(),
        support: "legal".into(),
        sent_on: on.into(),
        country: "CI".into(),
        person: newcomer[0].clone(),
        visibility: "staff".into(),
        alert: id.to_string(),
        requested_on: "2024-05-02".into(),
        decision: decision.into(),
        amount: "1200".into(),
        follow_up: "Lawyer's fees paid; hearing on 20 May.".into(),
        ..InterventionForm::default()
    };
    store
        .create_intervention(
            &staff,
            &InterventionForm {
                amount: String::new(),
                ..support_form("refused", "2024-05-06")
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let refused = store.figures(&viewer, Some(2024)).await.unwrap();
    assert_eq!(
        refused.rapid, before.rapid,
        "a refused request supports no one"
    );
    store
        .create_intervention(
            &staff,
            &support_form("granted", "2024-05-07").check().unwrap(),
        )
        .await
        .unwrap();
    let granted = store.figures(&viewer, Some(2024)).await.unwrap();
    assert_eq!(granted.rapid.defenders, before.rapid.defenders + 1);
    assert_eq!(granted.rapid.countries, before.rapid.countries + 1);
    let amount = InterventionForm {
        amount: "-5".into(),
        ..support_form("granted", "2024-05-07")
    };
    assert_eq!(amount.check().unwrap_err()[0].field, "amount");
}

#[tokio::test]
async fn an_alert_names_only_people_its_sender_may_read() {
    let store = support::demo_store().await;
    let member = support::actor(&store, Role::Member).await;
    let hidden: Vec<String> = store
        .db()
        .query("SELECT VALUE record::id(id) FROM person WHERE visibility IN ['staff', 'restricted'] LIMIT 1")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let form = AlertForm {
        who: "existing".into(),
        person: hidden[0].clone(),
        ..alert_form("", "named")
    };
    let e = store
        .send_alert(&member, &form.check(today()).unwrap())
        .await
        .unwrap_err();
    match e {
        WorkError::Invalid(ps) => assert_eq!(ps[0].field, "person"),
        other => panic!("{other:?}"),
    }
    assert!(
        store.alerts(&member).await.unwrap().is_empty(),
        "nothing half-written"
    );
}

#[tokio::test]
async fn only_the_secretariat_and_the_sender_read_an_alert_whatever_a_clearance_or_an_old_grant_opens(
) {
    let store = support::demo_store().await;
    let member = support::actor(&store, Role::Member).await;
    let admin = support::actor(&store, Role::Admin).await;
    let id = store
        .send_alert(
            &member,
            &alert_form("staff", "named").check(today()).unwrap(),
        )
        .await
        .unwrap();
    // A campaigner reads staff-level records, not staff-level alerts.
    let campaigner = support::actor(&store, Role::Campaigner).await;
    assert!(store.alert(&campaigner, &id).await.unwrap().is_none());
    assert!(store.alerts(&campaigner).await.unwrap().is_empty());

    // The staff member told of the alert, made a campaigner: the notice
    // (its country and risk) leaves their list, though the clearance is the
    // same.
    {
        use app::notifications::store::Inbox;
        let staff = support::actor(&store, Role::Staff).await;
        let href = format!("/alerts/{id}");
        let told = store.notifications(&staff).await.unwrap();
        assert!(told.items.iter().any(|n| n.href == href), "staff are told");
        let as_campaigner = Actor {
            user: CurrentUser {
                role: Role::Campaigner,
                ..staff.user.clone()
            },
            viewer: Viewer::with_clearance(Visibility::Staff),
            address: "tests".into(),
        };
        let told = store.notifications(&as_campaigner).await.unwrap();
        assert!(
            told.items.iter().all(|n| n.href != href),
            "{:?}",
            told.items
        );
    }

    // Staff handed a restricted alert, then made a member: it is gone.
    let restricted = store
        .send_alert(&member, &alert_form("", "named").check(today()).unwrap())
        .await
        .unwrap();
    store
        .grant_access(
            &admin.user,
            "staff@example.org",
            &format!("alert:{restricted}"),
        )
        .await
        .unwrap();
    let staff = support::actor(&store, Role::Staff).await;
    assert!(store.alert(&staff, &restricted).await.unwrap().is_some());
    store
        .set_role(
            &admin.user,
            &staff.user.id,
            Role::Member,
            Some(&shared::OrgId::parse("midh").unwrap()),
        )
        .await
        .unwrap();
    let demoted = Actor {
        user: CurrentUser {
            role: Role::Member,
            ..staff.user.clone()
        },
        viewer: Viewer::with_clearance(Visibility::Network)
            .with_grants(vec![format!("alert:{restricted}")]),
        address: "tests".into(),
    };
    assert!(
        store.alert(&demoted, &restricted).await.unwrap().is_none(),
        "not theirs: gone even with a stale grant"
    );
    let grants: Vec<i64> = store
        .db()
        .query("SELECT VALUE count() FROM access_grant WHERE user = type::record('user', $u) GROUP ALL")
        .bind(("u", staff.user.id.to_string()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(
        grants.iter().all(|n| *n == 0),
        "the grant went with the role: {grants:?}"
    );
}
