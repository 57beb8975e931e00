//! The daily digest against a real SurrealDB: the notices a reader chose to
//! get once a day wait for it (no e-mail each), one e-mail gathers them in
//! the reader's language, a day is written once however often it is asked
//! for, a notice its reader may no longer read stays out, and the digest's
//! own link turns it off without signing in.

use crate::support;
use app::notifications::store::{Follows, Inbox};
use app::observation::store::Hearings;
use chrono::NaiveDate;
use shared::follow::FollowTarget;
use shared::{Delivery, NewHearing, NotificationKind, Role, TrialId};

const TRIAL: &str = "tunis-migrant-defenders";

async fn add_hearing(store: &server::store::SurrealStore, day: u32) {
    let staff = support::actor(store, Role::Staff).await;
    store
        .add_hearing(
            &staff,
            &NewHearing {
                trial: TrialId::parse(TRIAL).unwrap(),
                local_start: NaiveDate::from_ymd_opt(2027, 2, day)
                    .unwrap()
                    .and_hms_opt(9, 30, 0)
                    .unwrap(),
                place: "Chamber 4".into(),
            },
        )
        .await
        .unwrap();
}

/// The member's digests in the outbox: (subject, text, unsubscribe path).
async fn digests(
    store: &server::store::SurrealStore,
    to: &str,
) -> Vec<(String, String, Option<String>)> {
    store
        .db()
        .query(
            "SELECT VALUE [subject, text, unsubscribe] FROM outbox
             WHERE to = $to AND kind = 'digest' ORDER BY created_at",
        )
        .bind(("to", to.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

async fn mails_of_kind(store: &server::store::SurrealStore, to: &str, kind: &str) -> usize {
    let ids: Vec<surrealdb::types::RecordId> = store
        .db()
        .query("SELECT VALUE id FROM outbox WHERE to = $to AND kind = $kind")
        .bind(("to", to.to_owned()))
        .bind(("kind", kind.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    ids.len()
}

#[tokio::test]
async fn notices_chosen_daily_arrive_once_a_day_in_one_e_mail() {
    let store = support::demo_store().await;
    let member = support::actor(&store, Role::Member).await;
    let email = member.user.email.clone();
    // The member follows the trial, reads French, and wants its hearings
    // once a day.
    let mut settings = store.notification_settings(&member).await.unwrap();
    settings.language = Some("fr".into());
    for (kind, delivery) in &mut settings.deliveries {
        if *kind == NotificationKind::HearingChanged {
            *delivery = Delivery::Daily;
        }
    }
    store
        .save_notification_settings(&member, &settings)
        .await
        .unwrap();
    store
        .follow(
            &member,
            &FollowTarget::Trial(TrialId::parse(TRIAL).unwrap()),
        )
        .await
        .unwrap();

    add_hearing(&store, 15).await;
    add_hearing(&store, 22).await;
    // In the app at once; no e-mail each.
    let told = store.notifications(&member).await.unwrap();
    assert_eq!(
        told.items
            .iter()
            .filter(|n| n.href == format!("/trials/{TRIAL}"))
            .count(),
        2
    );
    assert_eq!(mails_of_kind(&store, &email, "hearing-changed").await, 0);

    // The day's digest: one e-mail, in French, with both hearings.
    assert!(store.write_digests("2026-11-30").await.unwrap() >= 1);
    let written = digests(&store, &email).await;
    assert_eq!(written.len(), 1, "{written:?}");
    let (subject, text, unsubscribe) = &written[0];
    assert!(
        subject.contains("résumé quotidien") && subject.contains('2'),
        "{subject}"
    );
    assert!(
        text.contains("2027-02-15 09:30") && text.contains("2027-02-22 09:30"),
        "{text}"
    );
    assert!(text.contains(&format!("/trials/{TRIAL}")), "{text}");
    let unsubscribe = unsubscribe.clone().expect("a one-click unsubscribe link");

    // Asked again the same day (a restart, a second server): nothing more.
    assert_eq!(store.write_digests("2026-11-30").await.unwrap(), 0);
    assert_eq!(digests(&store, &email).await.len(), 1);

    // A notice about a trial closed since stays out of the next digest.
    add_hearing(&store, 28).await;
    store
        .db()
        .query("UPDATE type::record('trial', $t) SET visibility = 'restricted'")
        .bind(("t", TRIAL))
        .await
        .unwrap()
        .check()
        .unwrap();
    store.write_digests("2026-12-01").await.unwrap();
    assert_eq!(
        digests(&store, &email).await.len(),
        1,
        "nothing the member may still read: no digest"
    );
    let waiting: Vec<surrealdb::types::RecordId> = store
        .db()
        .query("SELECT VALUE id FROM notification WHERE delivery = 'daily' AND mailed_at = NONE")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(waiting.is_empty(), "every daily notice is done with");

    // The digest's link turns every daily kind off, without signing in.
    let token = unsubscribe.trim_start_matches("/unsubscribe/");
    assert_eq!(
        store.unsubscribe(token).await.unwrap(),
        Some(NotificationKind::Digest)
    );
    let settings = store.notification_settings(&member).await.unwrap();
    assert!(settings
        .deliveries
        .iter()
        .any(|(k, d)| *k == NotificationKind::HearingChanged && *d == Delivery::Never));
    assert!(settings
        .deliveries
        .iter()
        .all(|(_, d)| *d != Delivery::Daily));
}
