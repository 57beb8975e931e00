//! Records of the kinds the demo leaves out: sessions, sign-in failures,
//! invitations, reset links, follows, notification settings, notifications
//! with their e-mails and unsubscribe links, digest runs, alert messages,
//! merges, cosignatures, API tokens and imports. Written through the store's own operations, so
//! they are what the platform writes, not hand-made rows.

use app::accounts::store::{
    Administration as _, PasswordResets as _, Sessions as _, SignInOutcome,
};
use app::advocacy::store::Interventions as _;
use app::alerts::store::{Cases as _, Handling as _};
use app::directory::store::{Editing as _, Merging as _};
use app::notifications::store::{Follows as _, Inbox as _};
use shared::alert::AlertForm;
use shared::follow::FollowTarget;
use shared::{InterventionForm, OrgEditForm, Role};

/// Writes, through the platform's own operations, at least one record into each table the demo
/// database leaves empty, so that a backup test covers records of every kind.
pub async fn fill_tables_the_demo_leaves_empty(store: &server::store::SurrealStore) {
    // session: every sign-in opens one.
    let member = crate::support::actor(store, Role::Member).await;
    let staff = crate::support::actor(store, Role::Staff).await;
    let campaigner = crate::support::actor(store, Role::Campaigner).await;
    let admin = crate::support::actor(store, Role::Admin).await;

    // notification_setting: saving the settings writes one row per kind.
    let settings = store.notification_settings(&member).await.unwrap();
    store
        .save_notification_settings(&member, &settings)
        .await
        .unwrap();

    // follow.
    store
        .follow(&member, &FollowTarget::parse("country:BI").unwrap())
        .await
        .unwrap();

    // notification, unsubscribe, outbox: a new alert tells the secretariat
    // (staff and admins), who hear of it at once by default: a notice, an
    // e-mail and its unsubscribe link each.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let alert = AlertForm {
        who: "new".into(),
        name: "Amina K.".into(),
        what: "Arrested at dawn by plain-clothes police; held incommunicado since.".into(),
        country: "BI".into(),
        place: "Bujumbura".into(),
        happened_on: "2026-11-27".into(),
        risk: "imminent".into(),
        sources: "Her lawyer, by phone.".into(),
        consent: "named".into(),
        visibility: "staff".into(),
        ..AlertForm::default()
    };
    let alert = store
        .send_alert(&member, &alert.check(today).unwrap())
        .await
        .unwrap();

    // alert_message: the secretariat writes to the sender (who is told).
    store
        .write_alert_message(
            &staff,
            &alert,
            "Does the family agree to her name being used?",
        )
        .await
        .unwrap();

    // cosigned_by: an intervention with a cosignatory.
    store
        .create_intervention(
            &campaigner,
            &InterventionForm {
                title: "Urgent appeal: detention of a lawyer".into(),
                reference: "TUR-900/1224".into(),
                kind: "urgent-appeal".into(),
                sent_on: "2024-12-20".into(),
                country: "TR".into(),
                addressees: "Minister of Justice\nPublic prosecutor".into(),
                person: "said-boudour".into(),
                cosignatory: "fidh".into(),
                visibility: "public".into(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();

    // merged: two new organisations found to be one.
    let organisation = |name: &str| OrgEditForm {
        name: Some(name.into()),
        kind: Some("member".into()),
        country: Some("ci".into()),
        visibility: Some("public".into()),
        description_lang: "en".into(),
        ..OrgEditForm::default()
    };
    let kept = store
        .create_organisation(
            &staff,
            &organisation("Ligue ivoirienne pour chaque sorte")
                .check_new(Role::Staff)
                .unwrap(),
            true,
        )
        .await
        .unwrap();
    let gone = store
        .create_organisation(
            &staff,
            &organisation("Ligue ivoirienne pour chaque sorte (doublon)")
                .check_new(Role::Staff)
                .unwrap(),
            true,
        )
        .await
        .unwrap();
    store
        .merge_organisations(&staff, &kept, &gone)
        .await
        .unwrap();

    // invite.
    store
        .create_invite(
            &admin.user,
            "every.kind@example.org",
            "Every Kind",
            Role::Staff,
            None,
            None,
        )
        .await
        .unwrap();

    // password_reset.
    store
        .create_password_reset(&admin.user, &member.user.id, None)
        .await
        .unwrap();

    // digest_run: the day is recorded once every reader's digest is written
    // (here none is waiting).
    store.write_digests("2026-11-30").await.unwrap();

    // sign_in_failure: a refused attempt stays counted. Last, and from an
    // address of its own, so it throttles none of the sign-ins above.
    let refused = store
        .sign_in("nobody@example.org", "not the password", "every-kind")
        .await
        .unwrap();
    assert_eq!(refused, SignInOutcome::Refused);

    // api_token.
    use app::exchange::store::ApiTokens as _;
    store
        .create_api_token(
            &staff,
            &shared::NewToken {
                name: "Every kind".into(),
                scope: shared::TokenScope::Read,
                days: 7,
            },
            server::seed::accounts::DEMO_ACCOUNTS
                .iter()
                .find(|a| a.role == Role::Staff)
                .unwrap()
                .password,
        )
        .await
        .unwrap();

    // import: an upload kept for its preview.
    store
        .create_import(
            &staff,
            vec![server::store::exchange::imports::ImportFileRow {
                kind: "organisations".into(),
                name: "organisations.csv".into(),
                text: "name,kind\nCentre Ubuntu,member\n".into(),
            }],
            20,
        )
        .await
        .unwrap();
}

/// The tables the demo leaves empty, which
/// [`fill_tables_the_demo_leaves_empty`] writes at least one record into.
pub const TABLES_THE_DEMO_LEAVES_EMPTY: [&str; 15] = [
    "alert_message",
    "api_token",
    "cosigned_by",
    "digest_run",
    "follow",
    "import",
    "invite",
    "merged",
    "notification",
    "notification_setting",
    "outbox",
    "password_reset",
    "session",
    "sign_in_failure",
    "unsubscribe",
];
