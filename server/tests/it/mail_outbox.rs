//! The outbox and its sender against a real SMTP server (started in the
//! test): an invitation written with the change that makes it reaches its
//! address in the chosen language, as plain text, its link whole and
//! working, its secret erased from the outbox once sent; without a relay
//! mail waits; a relay that does not answer puts the message off with the
//! reason; a message whose recipient may no longer read it is dropped.

use crate::support;
use crate::support::smtp::SmtpServer;
use app::accounts::store::{Administration, PasswordResets, Sessions};
use app::notifications::account_mail;
use app::notifications::store::Outbox;
use server::mail::{MailArgs, Sender};
use shared::{OrgId, OutboxStatus, Role};
use std::sync::Arc;
use std::time::Duration;

const SITE: &str = "https://sos.example.org";

/// Runs the sender until `wait` ends.
async fn send_for(store: &Arc<server::store::SurrealStore>, args: &MailArgs, wait: Duration) {
    let sender = Sender::new(store.clone(), args, SITE.into()).expect("valid mail settings");
    sender.run(tokio::time::sleep(wait)).await;
}

/// Runs the sender against a new SMTP server until `n` messages arrived
/// (at most 15 s); what arrived.
async fn delivered(
    store: &Arc<server::store::SurrealStore>,
    n: usize,
) -> Vec<crate::support::smtp::Received> {
    let smtp = SmtpServer::start();
    let sender = Sender::new(
        store.clone(),
        &MailArgs::plain("127.0.0.1", smtp.port),
        SITE.into(),
    )
    .unwrap();
    let running = tokio::spawn(sender.run(tokio::time::sleep(Duration::from_secs(20))));
    let got = smtp.wait_for(n, Duration::from_secs(15)).await;
    // The relay has them; the sender records that a moment later (on a
    // busy machine, later than the relay's answer).
    for _ in 0..100 {
        let claimed: Vec<surrealdb::types::RecordId> = store
            .db()
            .query("SELECT VALUE id FROM outbox WHERE status = 'sending'")
            .await
            .unwrap()
            .take(0)
            .unwrap();
        if claimed.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    running.abort();
    got
}

#[tokio::test]
async fn an_invitation_reaches_its_address_in_its_language_with_a_working_link() {
    let store = Arc::new(support::demo_store().await);
    let admin = support::actor(&store, Role::Admin).await;
    let mail = account_mail::invitation(account_mail::language("fr"), "Awa", "Admin", 7);
    let token = store
        .create_invite(
            &admin.user,
            "Awa@MIDH.example",
            "Awa",
            Role::Member,
            Some(&OrgId::parse("midh").unwrap()),
            Some(&mail),
        )
        .await
        .unwrap();
    let got = delivered(&store, 1).await;
    assert_eq!(got.len(), 1, "one message");
    let message = &got[0];
    assert_eq!(message.to, ["awa@midh.example"]);
    assert_eq!(message.header("Content-Language").as_deref(), Some("fr"));
    assert!(message
        .header("Content-Type")
        .is_some_and(|t| t.starts_with("text/plain")));
    assert!(message
        .header("Message-ID")
        .is_some_and(|id| id.ends_with("@localhost>")));
    let subject = message.parsed().subject().unwrap_or_default().to_owned();
    assert_eq!(
        subject,
        "Votre invitation sur la plateforme du réseau SOS-Torture"
    );
    let text = message.text();
    let link = format!("{SITE}/invite/{token}");
    assert!(text.contains(&link), "the whole link: {text}");
    assert!(text.contains("Bonjour Awa"), "{text}");
    // Following the link: the invitation it names.
    let info = store
        .invite_info(&token)
        .await
        .unwrap()
        .expect("the link works");
    assert_eq!(info.email, "awa@midh.example");
    // Once sent, the outbox no longer holds the secret.
    let sealed: Vec<Option<String>> = store
        .db()
        .query("SELECT VALUE sealed_link FROM outbox")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(sealed, [None]);
    let view = store.outbox().await.unwrap();
    assert_eq!((view.sent, view.pending, view.failed), (1, 0, 0));
}

#[tokio::test]
async fn mail_waits_without_a_relay_and_a_silent_relay_puts_it_off_with_the_reason() {
    let store = Arc::new(support::demo_store().await);
    let admin = support::actor(&store, Role::Admin).await;
    let member = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Member)
        .unwrap();
    let mail = account_mail::password_reset(account_mail::language("es"), 24);
    store
        .create_password_reset(&admin.user, &member.id, Some(&mail))
        .await
        .unwrap();
    // No relay: the sender leaves the outbox alone.
    send_for(&store, &MailArgs::off(), Duration::from_millis(300)).await;
    let view = store.outbox().await.unwrap();
    assert_eq!((view.pending, view.sent), (1, 0));
    assert_eq!(view.attention[0].attempts, 0);

    // A relay that does not answer: tried once, put off with the reason.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    send_for(
        &store,
        &MailArgs::plain("127.0.0.1", port),
        Duration::from_millis(800),
    )
    .await;
    let view = store.outbox().await.unwrap();
    assert_eq!(view.pending, 1);
    let entry = &view.attention[0];
    assert_eq!(entry.status, OutboxStatus::Pending);
    assert_eq!(entry.attempts, 1, "tried once, then waits a minute");
    assert!(entry.last_error.as_deref().is_some_and(|e| !e.is_empty()));
}

#[tokio::test]
async fn a_message_for_someone_who_may_no_longer_read_it_is_dropped() {
    let store = Arc::new(support::demo_store().await);
    let admin = support::actor(&store, Role::Admin).await;
    let member = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Member)
        .unwrap();
    let mail = account_mail::password_reset(account_mail::language("en"), 24);
    store
        .create_password_reset(&admin.user, &member.id, Some(&mail))
        .await
        .unwrap();
    store
        .set_disabled(&admin.user, &member.id, true)
        .await
        .unwrap();
    let smtp = SmtpServer::start();
    send_for(
        &store,
        &MailArgs::plain("127.0.0.1", smtp.port),
        Duration::from_millis(800),
    )
    .await;
    assert!(smtp.received().is_empty(), "nothing sent");
    let view = store.outbox().await.unwrap();
    assert_eq!((view.dropped, view.sent, view.pending), (1, 0, 0));
    // The session store still answers for the others.
    assert!(store.session("no-such-token").await.unwrap().is_none());
}

#[tokio::test]
async fn only_admins_see_the_outbox_and_the_page_says_when_mail_is_off() {
    let (store, app, readers) = crate::support::http::app_with_readers().await;
    let admin = support::actor(&store, Role::Admin).await;
    let mail = account_mail::invitation(account_mail::language("en"), "Secret Name", "Admin", 7);
    store
        .create_invite(
            &admin.user,
            "hidden.invitee@example.org",
            "Secret Name",
            Role::Staff,
            None,
            Some(&mail),
        )
        .await
        .unwrap();
    for reader in &readers {
        let (status, body) = crate::support::http::page(&app, reader, "/admin/mail").await;
        match reader.role {
            None => assert_eq!(status.as_u16(), 401),
            Some(Role::Admin) => {
                assert_eq!(status.as_u16(), 200);
                let text = crate::support::http::main_text(&body);
                assert!(text.contains("Mail is off"), "{text}");
                assert!(text.contains("hidden.invitee@example.org"), "{text}");
            }
            Some(role) => {
                assert_eq!(status.as_u16(), 403, "{role}");
                assert!(!body.contains("hidden.invitee@example.org"), "{role}");
            }
        }
    }
}

/// The demo staff account's own person (the observer Léa Fontaine).
async fn staff_person(store: &server::store::SurrealStore) -> shared::PersonId {
    let key: Option<String> = store
        .db()
        .query("SELECT VALUE record::id(person) FROM ONLY user WHERE email = 'staff@example.org' LIMIT 1")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    shared::PersonId::parse(&key.expect("the staff account is a person")).unwrap()
}

#[tokio::test]
async fn an_observer_hears_of_the_assignment_in_the_app_and_by_mail_and_one_click_stops_it() {
    use app::notifications::store::Inbox;
    use app::observation::store::Missions;
    let (store, app, _) = crate::support::http::app_with_readers().await;
    let admin = support::actor(&store, Role::Admin).await;
    let staff = support::actor(&store, Role::Staff).await;
    let member = support::actor(&store, Role::Member).await;
    let hearing: Option<String> = store
        .db()
        .query("SELECT VALUE record::id(id) FROM hearing WHERE trial.visibility = 'public' LIMIT 1")
        .await
        .unwrap()
        .take::<Vec<String>>(0)
        .unwrap()
        .into_iter()
        .next();
    let mission = store
        .plan_mission(
            &admin,
            &shared::MissionPlanForm {
                hearing: hearing.expect("a public hearing"),
                title: "Observation of the appeal hearing".into(),
                starts_on: "2031-03-02".into(),
                ends_on: "2031-03-04".into(),
                organisation: "omct".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    store
        .assign_observer(
            &admin,
            &mission,
            &staff_person(&store).await,
            shared::ObserverRole::Lead,
        )
        .await
        .unwrap();

    // In the app: the observer's list has it, unread; a member's does not.
    let list = store.notifications(&staff).await.unwrap();
    assert_eq!(list.unread, 1);
    assert_eq!(
        list.items[0].title,
        "You observe: Observation of the appeal hearing"
    );
    assert_eq!(list.items[0].href, format!("/missions/{mission}"));
    assert!(store.notifications(&member).await.unwrap().items.is_empty());

    // By e-mail, at once (the kind's default), with a one-click unsubscribe.
    let got = delivered(&store, 1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["staff@example.org"]);
    assert!(got[0]
        .text()
        .contains(&format!("{SITE}/missions/{mission}")));
    assert_eq!(
        got[0].header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = got[0]
        .header("List-Unsubscribe")
        .expect("an unsubscribe link");
    let path = unsubscribe
        .trim_matches(|c| c == '<' || c == '>')
        .strip_prefix(SITE)
        .expect("on this site")
        .to_owned();
    // The mail program's one click: a POST from elsewhere, no session.
    let (status, _) = crate::support::http::send(
        &app,
        axum::http::Request::post(&path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "https://mail.example.net")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap(),
    )
    .await;
    assert_eq!(status.as_u16(), 200);
    let settings = store.notification_settings(&staff).await.unwrap();
    assert!(settings.deliveries.contains(&(
        shared::NotificationKind::MissionAssigned,
        shared::Delivery::Never
    )));
    // A made-up link changes nothing.
    let (status, _) = crate::support::http::send(
        &app,
        axum::http::Request::post("/unsubscribe/0123456789abcdef")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status.as_u16(), 404);

    // A record made more closed takes its notification out of the list.
    store
        .db()
        .query("UPDATE type::record('mission', $key) SET visibility = 'restricted'")
        .bind(("key", mission.to_string()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(store.notifications(&staff).await.unwrap().items.is_empty());
}

#[tokio::test]
async fn a_restricted_record_stays_in_the_platform_its_email_says_only_where_to_read() {
    use app::notifications::store::Inbox;
    use app::observation::store::Missions;
    let store = Arc::new(support::demo_store().await);
    let admin = support::actor(&store, Role::Admin).await;
    let hearing: Vec<String> = store
        .db()
        .query("SELECT VALUE record::id(id) FROM hearing WHERE trial.visibility = 'public' LIMIT 1")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let mission = store
        .plan_mission(
            &admin,
            &shared::MissionPlanForm {
                hearing: hearing[0].clone(),
                title: "Confidential visit to a detained defender".into(),
                starts_on: "2031-03-02".into(),
                ends_on: "2031-03-04".into(),
                organisation: "omct".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    // CHECK: a restricted mission granted to the demo staff member, by hand.
    store
        .db()
        .query(
            "UPDATE type::record('mission', $key) SET visibility = 'restricted';
             CREATE access_grant CONTENT {
                 user: (SELECT VALUE id FROM ONLY user WHERE email = 'staff@example.org' LIMIT 1),
                 target: type::record('mission', $key) };",
        )
        .bind(("key", mission.to_string()))
        .await
        .unwrap()
        .check()
        .unwrap();
    store
        .assign_observer(
            &admin,
            &mission,
            &staff_person(&store).await,
            shared::ObserverRole::Lead,
        )
        .await
        .unwrap();
    // The granted observer reads it in the app, title and all…
    let staff = support::actor(&store, Role::Staff).await;
    let list = store.notifications(&staff).await.unwrap();
    assert_eq!(
        list.items[0].title,
        "You observe: Confidential visit to a detained defender"
    );
    // …but the e-mail names nothing of it.
    let got = delivered(&store, 1).await;
    assert_eq!(got.len(), 1);
    let raw = String::from_utf8_lossy(&got[0].raw).to_string();
    assert!(!raw.contains("Confidential visit"), "{raw}");
    assert!(got[0]
        .text()
        .contains(&format!("{SITE}/missions/{mission}")));
}

/// The sender killed in the middle of a batch and started again: every
/// message arrives, each under its own Message-ID; SMTP cannot make it
/// exactly once (a message accepted by the relay just before the kill is
/// not yet marked sent), so at most the one in flight comes twice, under the
/// same Message-ID, which mail programs show once.
#[tokio::test]
async fn a_sender_killed_mid_batch_loses_nothing_and_repeats_at_most_the_message_in_flight() {
    const N: usize = 30;
    let store = Arc::new(support::demo_store().await);
    let admin = support::actor(&store, Role::Admin).await;
    let mail = account_mail::invitation(account_mail::language("en"), "Crash", "Admin", 7);
    for i in 0..N {
        store
            .create_invite(
                &admin.user,
                &format!("crash.{i}@example.org"),
                "Crash test",
                Role::Staff,
                None,
                Some(&mail),
            )
            .await
            .unwrap();
    }
    let smtp = SmtpServer::start();
    let args = MailArgs::plain("127.0.0.1", smtp.port);

    // Killed once a few of the first batch (20) went out.
    let sender = Sender::new(store.clone(), &args, SITE.into()).unwrap();
    let first = tokio::spawn(sender.run(std::future::pending::<()>()));
    let early = smtp.wait_for(3, Duration::from_secs(15)).await;
    first.abort();
    let _ = first.await;
    assert!(
        early.len() >= 3 && early.len() < N,
        "killed mid-batch: {}",
        early.len()
    );
    let claimed: Vec<surrealdb::types::RecordId> = store
        .db()
        .query("SELECT VALUE id FROM outbox WHERE status = 'sending'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(!claimed.is_empty(), "the kill left claimed messages");

    // A new sender takes back what the dead one claimed once the claim is
    // old (two minutes; moved back in time here rather than waited for).
    store
        .db()
        .query("UPDATE outbox SET claimed_at = time::now() - 1h WHERE status = 'sending'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let sender = Sender::new(store.clone(), &args, SITE.into()).unwrap();
    let second = tokio::spawn(sender.run(tokio::time::sleep(Duration::from_secs(40))));
    let mut ids = std::collections::BTreeSet::new();
    let mut got = Vec::new();
    for _ in 0..300 {
        got = smtp.received();
        ids = got
            .iter()
            .filter_map(|m| m.header("Message-ID"))
            .collect::<std::collections::BTreeSet<_>>();
        if ids.len() >= N {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The last message arrives before its sender marks it sent: wait for
    // the mark, not only the arrival, before stopping the sender.
    for _ in 0..100 {
        let unsent = unsent(&store).await;
        if unsent.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.abort();
    assert_eq!(
        ids.len(),
        N,
        "every message arrived, each under its own Message-ID"
    );
    assert!(
        got.len() <= N + 1,
        "at most the message in flight came twice: {}",
        got.len()
    );
    let unsent = unsent(&store).await;
    assert!(
        unsent.is_empty(),
        "every message is marked sent: {unsent:?}"
    );
}

/// The messages not marked sent.
async fn unsent(store: &server::store::SurrealStore) -> Vec<surrealdb::types::RecordId> {
    store
        .db()
        .query("SELECT VALUE id FROM outbox WHERE status != 'sent'")
        .await
        .unwrap()
        .take(0)
        .unwrap()
}
