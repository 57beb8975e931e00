//! Urgent appeals against a real database: a draft stays with the
//! secretariat (as closed as its alert), approval and publication are the
//! secretariat's, a public appeal needs a verified alert and consent;
//! published, it reaches its audience, the Atom feed and those who follow
//! its region (in their language); members co-sign it once for their
//! organisation, and co-signers hear of its outcome.

use crate::support;
use app::accounts::Actor;
use app::alerts::store::{Cases, Handling};
use app::appeals::store::{AppealReading, Drafting, Reader};
use app::error::WorkError;
use app::notifications::store::{Follows, Inbox};
use shared::alert::{AlertForm, AlertStatus, Verification};
use shared::appeal::{AppealForm, AppealStatus, AppealUpdateForm};
use shared::follow::FollowTarget;
use shared::{AlertId, Problem, Role};

const ALL: Verification = Verification {
    sources_checked: true,
    consent_confirmed: true,
    risk_assessed: true,
};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// A staff-level alert from the demo member about Burundi, verified.
async fn verified_alert(store: &server::store::SurrealStore, consent: &str) -> AlertId {
    let member = support::actor(store, Role::Member).await;
    let staff = support::actor(store, Role::Staff).await;
    let form = AlertForm {
        who: "new".into(),
        name: "Amina K.".into(),
        what: "Arrested at dawn by plain-clothes police; held incommunicado since.".into(),
        country: "BI".into(),
        happened_on: "2026-11-27".into(),
        risk: "imminent".into(),
        sources: "Her lawyer, by phone.".into(),
        consent: consent.into(),
        visibility: "staff".into(),
        ..AlertForm::default()
    };
    let id = store
        .send_alert(&member, &form.check(today()).unwrap())
        .await
        .unwrap();
    store.verify_alert(&staff, &id, 0, ALL).await.unwrap();
    id
}

fn appeal_form(alert: &AlertId, audience: &str) -> AppealForm {
    AppealForm {
        alert: alert.to_string(),
        country: "BI".into(),
        audience: audience.into(),
        title_en: "Burundi: free Amina K.".into(),
        body_en: "Amina K. has been held incommunicado since 27 November.".into(),
        title_fr: "Burundi : libérez Amina K.".into(),
        body_fr: "Amina K. est détenue au secret depuis le 27 novembre.".into(),
        ..AppealForm::default()
    }
}

fn problem(e: WorkError) -> Problem {
    match e {
        WorkError::Invalid(ps) => ps[0].problem.clone(),
        other => panic!("{other:?}"),
    }
}

async fn member(store: &server::store::SurrealStore) -> Actor {
    support::actor(store, Role::Member).await
}

#[tokio::test]
async fn a_draft_stays_with_the_secretariat_until_it_is_approved_and_published() {
    let store = support::demo_store().await;
    let alert = verified_alert(&store, "named").await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let staff = support::actor(&store, Role::Staff).await;
    // Campaigners write appeals, but only the secretariat reads alerts.
    let e = store
        .write_appeal(&campaigner, &appeal_form(&alert, "public").check().unwrap())
        .await
        .unwrap_err();
    assert_eq!(problem(e), Problem::Required);
    let id = store
        .write_appeal(&staff, &appeal_form(&alert, "public").check().unwrap())
        .await
        .unwrap();
    let anonymous = Reader::anonymous();
    assert!(store.appeal(&anonymous, &id).await.unwrap().is_none());
    assert!(store
        .appeal(&Reader::of(&member(&store).await), &id)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .public_appeals()
        .await
        .unwrap()
        .iter()
        .all(|a| a.id != id));
    // A campaigner reads staff records, not the drafts written from alerts.
    assert!(store
        .appeal(&Reader::of(&campaigner), &id)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .appeals(&Reader::of(&campaigner), "en")
        .await
        .unwrap()
        .iter()
        .all(|a| a.id != id));
    let draft = store
        .appeal(&Reader::of(&staff), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.status, AppealStatus::Draft);
    assert_eq!(draft.texts.len(), 2);

    // Only the secretariat approves and publishes, in that order.
    for who in [&member(&store).await, &campaigner] {
        let e = store.approve_appeal(who, &id, 0).await.unwrap_err();
        assert!(matches!(e, WorkError::Forbidden), "{e:?}");
    }
    assert!(
        store.publish_appeal(&staff, &id, 0).await.is_err(),
        "not approved yet"
    );
    store.approve_appeal(&staff, &id, 0).await.unwrap();
    store.publish_appeal(&staff, &id, 1).await.unwrap();

    let public = store
        .appeal(&anonymous, &id)
        .await
        .unwrap()
        .expect("public now");
    assert_eq!(public.status, AppealStatus::Published);
    assert_eq!(
        public.written_by, None,
        "who wrote it stays with the secretariat"
    );
    assert_eq!(public.alert, None, "nor does the alert behind it");
    assert!(store
        .public_appeals()
        .await
        .unwrap()
        .iter()
        .any(|a| a.id == id));
    let sender = member(&store).await;
    assert_eq!(
        store.alert(&sender, &alert).await.unwrap().unwrap().status,
        AlertStatus::Acted
    );
    assert_eq!(
        store.notifications(&sender).await.unwrap().items[0].title,
        "The secretariat acted on your alert"
    );
}

#[tokio::test]
async fn a_public_appeal_needs_consent_and_a_verified_alert() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let alert = verified_alert(&store, "not-public").await;
    let id = store
        .write_appeal(&staff, &appeal_form(&alert, "public").check().unwrap())
        .await
        .unwrap();
    store.approve_appeal(&staff, &id, 0).await.unwrap();
    assert_eq!(
        problem(store.publish_appeal(&staff, &id, 1).await.unwrap_err()),
        Problem::NoConsent
    );

    // Verification withdrawn: nothing goes out, not even to the network.
    let unverified = store
        .write_appeal(&staff, &appeal_form(&alert, "network").check().unwrap())
        .await
        .unwrap();
    store.approve_appeal(&staff, &unverified, 0).await.unwrap();
    store
        .verify_alert(
            &staff,
            &alert,
            1,
            Verification {
                risk_assessed: false,
                ..ALL
            },
        )
        .await
        .unwrap();
    assert_eq!(
        problem(
            store
                .publish_appeal(&staff, &unverified, 1)
                .await
                .unwrap_err()
        ),
        Problem::NotVerified
    );
    store.verify_alert(&staff, &alert, 2, ALL).await.unwrap();
    store.publish_appeal(&staff, &unverified, 1).await.unwrap();
    let network = store
        .appeal(&Reader::of(&member(&store).await), &unverified)
        .await
        .unwrap();
    assert!(network.is_some(), "the network reads a network appeal");
    assert!(store
        .appeal(&Reader::anonymous(), &unverified)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn a_public_appeal_leaves_out_the_name_of_someone_who_asked_for_it() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let alert = verified_alert(&store, "anonymised").await;
    // Named in the French text, without its accent-free spelling mattering.
    let naming = AppealForm {
        body_fr: "AMINA K. est détenue au secret depuis le 27 novembre.".into(),
        title_en: "Burundi: free the woman held since 27 November".into(),
        body_en: "A defender has been held incommunicado since 27 November.".into(),
        title_fr: "Burundi : libérez la défenseure détenue".into(),
        ..appeal_form(&alert, "public")
    };
    let refusal = store
        .write_appeal(&staff, &naming.check().unwrap())
        .await
        .unwrap_err();
    let WorkError::Invalid(problems) = refusal else {
        panic!("{refusal:?}")
    };
    assert_eq!(problems[0].field, "body_fr");
    assert_eq!(
        problems[0].problem,
        Problem::NamesThePerson {
            word: "Amina K.".into()
        }
    );
    // For the network only, or without the name, it is written.
    store
        .write_appeal(&staff, &appeal_form(&alert, "network").check().unwrap())
        .await
        .unwrap();
    let unnamed = AppealForm {
        body_fr: "Une défenseure est détenue au secret depuis le 27 novembre.".into(),
        ..naming
    };
    let id = store
        .write_appeal(&staff, &unnamed.check().unwrap())
        .await
        .unwrap();
    store.approve_appeal(&staff, &id, 0).await.unwrap();
    // Changed once approved, it goes back to draft; the name may not come
    // back in through a change either.
    let back = AppealForm {
        title_en: "Burundi: free the defender held since 27 November".into(),
        ..unnamed.clone()
    };
    store
        .edit_appeal(&staff, &id, 1, &back.check().unwrap())
        .await
        .unwrap();
    let now = store
        .appeal(&Reader::of(&staff), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.status, AppealStatus::Draft);
    assert_eq!(now.version, 2);
    assert!(now.approved_by.is_none());
    assert!(now
        .texts
        .iter()
        .any(|t| t.title.contains("free the defender")));
    let renaming = AppealForm {
        title_en: "Burundi: free Amina".into(),
        ..back.clone()
    };
    assert!(matches!(
        problem(
            store
                .edit_appeal(&staff, &id, 2, &renaming.check().unwrap())
                .await
                .unwrap_err()
        ),
        Problem::NamesThePerson { .. }
    ));
    // A stale version is refused; a member never changes an appeal.
    assert_eq!(
        store
            .edit_appeal(&staff, &id, 1, &back.check().unwrap())
            .await
            .unwrap_err(),
        WorkError::Stale
    );
    assert_eq!(
        store
            .edit_appeal(&member(&store).await, &id, 2, &back.check().unwrap())
            .await
            .unwrap_err(),
        WorkError::Forbidden
    );
    store.approve_appeal(&staff, &id, 2).await.unwrap();
    store.publish_appeal(&staff, &id, 3).await.unwrap();
    // Published: no longer changed.
    assert!(store
        .edit_appeal(&staff, &id, 4, &back.check().unwrap())
        .await
        .is_err());
    // Nor does a follow-up bring the name in. Its follow-ups are the
    // secretariat's: a campaigner, who does not read the alert, could
    // otherwise confirm guesses at the name one refusal at a time.
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let naming_update = AppealUpdateForm {
        on: "2026-11-29".into(),
        outcome: String::new(),
        text: "Amina was moved to another prison.".into(),
    };
    assert_eq!(
        store
            .add_appeal_update(&campaigner, &id, &naming_update.check(today()).unwrap())
            .await
            .unwrap_err(),
        WorkError::Forbidden
    );
    let refusal = store
        .add_appeal_update(&staff, &id, &naming_update.check(today()).unwrap())
        .await
        .unwrap_err();
    let WorkError::Invalid(problems) = refusal else {
        panic!("{refusal:?}")
    };
    assert_eq!(problems[0].field, "text");
    store
        .add_appeal_update(
            &staff,
            &id,
            &AppealUpdateForm {
                text: "She was moved to another prison.".into(),
                ..naming_update
            }
            .check(today())
            .unwrap(),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn followers_hear_in_their_language_and_cosigners_hear_of_the_outcome() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let reader = member(&store).await;
    // The member follows Africa and reads French.
    store
        .follow(&reader, &FollowTarget::parse("region:africa").unwrap())
        .await
        .unwrap();
    let mut settings = store.notification_settings(&reader).await.unwrap();
    settings.language = Some("fr".into());
    store
        .save_notification_settings(&reader, &settings)
        .await
        .unwrap();
    assert_eq!(store.follows(&reader).await.unwrap().len(), 1);

    let alert = verified_alert(&store, "named").await;
    let id = store
        .write_appeal(&staff, &appeal_form(&alert, "network").check().unwrap())
        .await
        .unwrap();
    store.approve_appeal(&staff, &id, 0).await.unwrap();
    store.publish_appeal(&staff, &id, 1).await.unwrap();
    let reader = member(&store).await;
    let titles: Vec<String> = store
        .notifications(&reader)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|n| n.title)
        .collect();
    assert!(
        titles.contains(&"Appel urgent : Burundi : libérez Amina K.".to_owned()),
        "{titles:?}"
    );

    // Co-signed once for the member's organisation; staff speak for none.
    store.cosign_appeal(&reader, &id).await.unwrap();
    store.cosign_appeal(&reader, &id).await.unwrap();
    let appeal = store
        .appeal(&Reader::of(&reader), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(appeal.cosigners.len(), 1);
    assert_eq!(appeal.cosigners[0].id.as_str(), "midh");
    assert!(matches!(
        store.cosign_appeal(&staff, &id).await.unwrap_err(),
        WorkError::Forbidden
    ));

    let update = AppealUpdateForm {
        on: "2026-11-30".into(),
        outcome: "released".into(),
        text: "Released without charge this morning.".into(),
    };
    store
        .add_appeal_update(&staff, &id, &update.check(today()).unwrap())
        .await
        .unwrap();
    let newest = &store.notifications(&reader).await.unwrap().items[0];
    assert!(newest.title.starts_with("Nouvelles ("), "{}", newest.title);
    assert_eq!(
        store
            .appeal(&Reader::of(&reader), &id)
            .await
            .unwrap()
            .unwrap()
            .updates
            .len(),
        1
    );
}

#[tokio::test]
async fn one_follows_only_what_one_may_read() {
    let store = support::demo_store().await;
    let reader = member(&store).await;
    let hidden: Vec<String> = store
        .db()
        .query("SELECT VALUE record::id(id) FROM organisation WHERE visibility = 'staff' LIMIT 1")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let target = FollowTarget::parse(&format!("organisation:{}", hidden[0])).unwrap();
    assert_eq!(
        problem(store.follow(&reader, &target).await.unwrap_err()),
        Problem::Required
    );
    store
        .follow(&reader, &FollowTarget::parse("country:BI").unwrap())
        .await
        .unwrap();
    let follows = store.follows(&reader).await.unwrap();
    assert_eq!(follows.len(), 1);
    assert_eq!(follows[0].name, "Burundi");
    store
        .unfollow(&reader, &FollowTarget::parse("country:BI").unwrap())
        .await
        .unwrap();
    assert!(store.follows(&reader).await.unwrap().is_empty());
}
