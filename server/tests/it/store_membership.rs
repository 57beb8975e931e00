//! Membership applications on a real database: anyone applies, only staff
//! read an application, the applicant follows it through a secret token,
//! referee members see only what was addressed to their organisation, every
//! step is audited, and an admission makes the member, its membership of
//! the network and its contact's invitation at once.

use crate::support;
use app::accounts::store::{Administration, AuditLog as _};
use app::directory::store::Profiles;
use app::error::WorkError;
use app::graph::store::NetworkStatistics;
use app::membership::store::{Applications, Criteria, References, Reviews};
use shared::membership::{
    ApplicationForm, ApplicationStatus, AssessmentForm, DecisionForm, NewApplication,
    ReferenceAnswer,
};
use shared::{Problem, Role, Viewer};

fn form(name: &str, other: &str) -> ApplicationForm {
    ApplicationForm {
        name: name.into(),
        acronym: "CDT".into(),
        country: "tg".into(),
        city: "Lomé".into(),
        contact_name: "Afi Mensah".into(),
        contact_email: format!("afi.{}@example.org", name.len()),
        mandate: "Documents torture in police custody and supports survivors since 2015.".into(),
        independence: "Funded by members and private foundations; no government money.".into(),
        legal_status: "Registered association".into(),
        referee_1: "midh".into(),
        referee_2: other.into(),
        founded: "2015".into(),
        language: "fr".into(),
        public_profile: Some("on".into()),
        ..ApplicationForm::default()
    }
}

/// A public member organisation other than MIDH, to name as the second
/// referee.
async fn other_member(store: &server::store::SurrealStore) -> String {
    store
        .join_choices()
        .await
        .unwrap()
        .referees
        .into_iter()
        .find(|o| o.id.as_str() != "midh")
        .expect("more than one public member")
        .id
        .to_string()
}

fn checked(form: ApplicationForm) -> NewApplication {
    form.check(2026).unwrap()
}

/// The application's key, as staff find it in their list.
async fn key_of(store: &server::store::SurrealStore, name: &str) -> String {
    store
        .applications(&support::staff(), None)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)
        .expect("staff list the application")
        .id
}

fn fields(e: WorkError) -> Vec<String> {
    match e {
        WorkError::Invalid(problems) => problems.into_iter().map(|p| p.field).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn decision(decision: &str, reason: &str) -> shared::membership::CheckedDecision {
    DecisionForm {
        decision: decision.into(),
        reason: reason.into(),
        visibility: "public".into(),
        not_duplicate: None,
    }
    .check()
    .unwrap()
}

#[tokio::test]
async fn an_application_is_read_by_staff_only_and_followed_through_its_token() {
    let store = support::demo_store().await;
    let other = other_member(&store).await;
    let choices = store.join_choices().await.unwrap();
    assert!(choices.referees.iter().any(|o| o.id.as_str() == "midh"));
    assert!(
        choices
            .referees
            .iter()
            .all(|o| o.id.as_str() != "sos-torture"),
        "only members are offered as referees"
    );
    assert_eq!(choices.criteria.len(), 5);

    let token = store
        .submit_application(
            &checked(form("Centre togolais contre la torture", &other)),
            "198.51.100.7",
        )
        .await
        .unwrap();
    let key = key_of(&store, "Centre togolais contre la torture").await;

    for reader in [support::anonymous(), support::member()] {
        assert!(store.applications(&reader, None).await.unwrap().is_empty());
        assert!(store.application(&reader, &key).await.unwrap().is_none());
    }
    let staff_view = store
        .application(&support::staff(), &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(staff_view.status, ApplicationStatus::Submitted);
    assert_eq!(staff_view.references.len(), 2);
    assert!(staff_view.references.iter().all(|r| r.asked.is_none()));
    assert_eq!(
        staff_view.assessments.len(),
        5,
        "every active criterion, none assessed"
    );

    let progress = store.application_progress(&token).await.unwrap().unwrap();
    assert_eq!(progress.status, ApplicationStatus::Submitted);
    assert!(!progress.invitation_sent);
    // One hex digit off (never the same digit: one run in sixteen ends in 0).
    let last = if token.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{last}", &token[..63]);
    assert!(store.application_progress(&wrong).await.unwrap().is_none());
    assert!(store.application_progress("../x").await.unwrap().is_none());
    // Nobody else's key opens an application either.
    assert!(store
        .application(&support::admin(), "0000000000000000")
        .await
        .unwrap()
        .is_none());
    assert!(store
        .application(&support::admin(), "'; DELETE application; --")
        .await
        .unwrap()
        .is_none());

    let audit = store
        .audit_log(&shared::AuditFilter {
            target: Some(format!("application:{key}")),
            ..shared::AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(audit.items.iter().any(|e| e.action == "application.submit"));
}

#[tokio::test]
async fn referees_are_readable_members_and_one_address_cannot_flood() {
    let store = support::demo_store().await;
    let other = other_member(&store).await;
    for (referee, field) in [("sos-torture", "referee_1"), ("no-such-org", "referee_1")] {
        let bad = ApplicationForm {
            referee_1: referee.into(),
            ..form("Ligue pour la dignité", &other)
        };
        let refused = store
            .submit_application(&checked(bad), "198.51.100.8")
            .await
            .unwrap_err();
        assert_eq!(fields(refused), [field], "{referee}");
    }
    for n in 0..3 {
        store
            .submit_application(
                &checked(form(&format!("Flood {n} organisation"), &other)),
                "198.51.100.9",
            )
            .await
            .unwrap();
    }
    let refused = store
        .submit_application(
            &checked(form("Flood 4 organisation", &other)),
            "198.51.100.9",
        )
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["name"]);
    store
        .submit_application(&checked(form("Another address", &other)), "198.51.100.10")
        .await
        .unwrap();
}

#[tokio::test]
async fn staff_assess_ask_the_referees_and_only_the_referee_members_answer() {
    let store = support::demo_store().await;
    let other = other_member(&store).await;
    store
        .submit_application(
            &checked(form("Observatoire des prisons", &other)),
            "198.51.100.11",
        )
        .await
        .unwrap();
    let key = key_of(&store, "Observatoire des prisons").await;
    let staff = support::actor(&store, Role::Staff).await;
    let member = support::actor(&store, Role::Member).await;
    let campaigner = support::actor(&store, Role::Campaigner).await;

    let mut assessment = AssessmentForm::default();
    assessment
        .verdict
        .insert("against-torture".into(), "met".into());
    assessment
        .verdict
        .insert("independent".into(), "unclear".into());
    assessment.note.insert(
        "independent".into(),
        "Ask about the 2023 ministry grant.".into(),
    );
    let assessment = assessment.check().unwrap();
    let version = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap()
        .version;
    store
        .assess_application(&staff, &key, version, &assessment)
        .await
        .unwrap();
    assert!(matches!(
        store
            .assess_application(&staff, &key, version, &assessment)
            .await,
        Err(WorkError::Stale)
    ));
    let read = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap();
    let independent = read
        .assessments
        .iter()
        .find(|a| a.criterion.key == "independent")
        .unwrap();
    assert_eq!(
        independent.verdict,
        Some(shared::membership::Verdict::Unclear)
    );
    assert_eq!(
        independent.note.as_deref(),
        Some("Ask about the 2023 ministry grant.")
    );

    let mut unknown = AssessmentForm::default();
    unknown
        .verdict
        .insert("no-such-criterion".into(), "met".into());
    let refused = store
        .assess_application(&staff, &key, read.version, &unknown.check().unwrap())
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["verdict[no-such-criterion]"]);
    // Members never reach an application, whatever key they send.
    assert!(matches!(
        store
            .assess_application(&member, &key, read.version, &assessment)
            .await,
        Err(WorkError::NotFound)
    ));

    // Before staff ask, the referee sees nothing of it.
    let about_it = |requests: Vec<shared::membership::ReferenceRequest>| {
        requests
            .into_iter()
            .filter(|r| r.applicant == "Observatoire des prisons")
            .collect::<Vec<_>>()
    };
    assert!(about_it(store.reference_requests(&member).await.unwrap()).is_empty());
    store.ask_referees(&staff, &key).await.unwrap();
    let requests = about_it(store.reference_requests(&member).await.unwrap());
    assert_eq!(requests.len(), 1, "MIDH was asked, once");
    let request = &requests[0];
    assert_eq!(request.referee.id.as_str(), "midh");

    // Someone not of MIDH cannot answer MIDH's request.
    assert!(matches!(
        store
            .answer_reference(&campaigner, &request.id, ReferenceAnswer::Supports, None)
            .await,
        Err(WorkError::NotFound)
    ));
    let mut elsewhere = member.clone();
    elsewhere.user.organisation = Some(shared::OrgId::parse(&other).unwrap());
    let mut forged = request.id.clone();
    forged.replace_range(
        forged.len() - 1..,
        if forged.ends_with('1') { "2" } else { "1" },
    );
    assert!(matches!(
        store
            .answer_reference(&member, &forged, ReferenceAnswer::Supports, None)
            .await,
        Err(WorkError::NotFound)
    ));
    store
        .answer_reference(
            &member,
            &request.id,
            ReferenceAnswer::Supports,
            Some("We observed trials with them in 2022."),
        )
        .await
        .unwrap();
    let read = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap();
    let midh = read
        .references
        .iter()
        .find(|r| r.organisation.id.as_str() == "midh")
        .unwrap();
    assert_eq!(midh.answer, Some(ReferenceAnswer::Supports));
    assert_eq!(
        midh.comment.as_deref(),
        Some("We observed trials with them in 2022.")
    );
    // The other referee's member sees its own request, not MIDH's answer.
    let theirs = about_it(store.reference_requests(&elsewhere).await.unwrap());
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].answer, None);
}

#[tokio::test]
async fn asking_for_more_lets_the_applicant_answer_and_a_decision_closes_it() {
    let store = support::demo_store().await;
    let other = other_member(&store).await;
    let token = store
        .submit_application(
            &checked(form("Collectif des familles", &other)),
            "198.51.100.12",
        )
        .await
        .unwrap();
    let key = key_of(&store, "Collectif des familles").await;
    let staff = support::actor(&store, Role::Staff).await;
    assert_eq!(
        DecisionForm {
            decision: "decline".into(),
            ..DecisionForm::default()
        }
        .check()
        .unwrap_err()[0]
            .field,
        "reason"
    );
    // The applicant cannot write before staff ask.
    assert!(store.add_information(&token, "Unasked").await.is_err());
    let version = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap()
        .version;
    store
        .decide_application(
            &staff,
            &key,
            version,
            &decision("ask-for-more", "Please send your 2024 activity report."),
        )
        .await
        .unwrap();
    let progress = store.application_progress(&token).await.unwrap().unwrap();
    assert_eq!(progress.status, ApplicationStatus::MoreInformation);
    assert_eq!(
        progress.reason.as_deref(),
        Some("Please send your 2024 activity report.")
    );
    store
        .add_information(&token, "Here it is: https://example.org/report-2024.pdf")
        .await
        .unwrap();
    let progress = store.application_progress(&token).await.unwrap().unwrap();
    assert_eq!(progress.status, ApplicationStatus::Submitted);
    assert_eq!(progress.exchanges.len(), 2);
    assert!(progress.exchanges[1].from_applicant);
    assert!(store.add_information(&token, "Twice").await.is_err());

    let version = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap()
        .version;
    store
        .decide_application(
            &staff,
            &key,
            version,
            &decision("decline", "Not yet active for two years."),
        )
        .await
        .unwrap();
    let progress = store.application_progress(&token).await.unwrap().unwrap();
    assert_eq!(progress.status, ApplicationStatus::Declined);
    assert_eq!(
        progress.reason.as_deref(),
        Some("Not yet active for two years.")
    );
    assert!(progress.decided.is_some());
    let version = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap()
        .version;
    let refused = store
        .decide_application(&staff, &key, version, &decision("admit", ""))
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["decision"]);
    store.ask_referees(&staff, &key).await.unwrap_err();
}

#[tokio::test]
async fn an_admission_makes_the_member_its_membership_and_its_contacts_invitation() {
    let store = support::demo_store().await;
    let other = other_member(&store).await;
    // A name the duplicate finder knows: MIDH's own.
    let twin = ApplicationForm {
        acronym: "MIDH".into(),
        ..form("Mouvement ivoirien des droits humains", &other)
    };
    store
        .submit_application(&checked(twin), "198.51.100.13")
        .await
        .unwrap();
    let token = store
        .submit_application(
            &checked(form(
                "Association pour la prévention de la torture au Togo",
                &other,
            )),
            "198.51.100.13",
        )
        .await
        .unwrap();
    let twin_key = key_of(&store, "Mouvement ivoirien des droits humains").await;
    let key = key_of(
        &store,
        "Association pour la prévention de la torture au Togo",
    )
    .await;
    let staff = support::actor(&store, Role::Staff).await;

    let version = store
        .application(&staff.viewer, &twin_key)
        .await
        .unwrap()
        .unwrap()
        .version;
    let refused = store
        .decide_application(&staff, &twin_key, version, &decision("admit", ""))
        .await
        .unwrap_err();
    match refused {
        WorkError::Invalid(problems) => assert!(
            matches!(&problems[0].problem, Problem::SimilarExists { records } if records.iter().any(|r| r.href == "/organisations/midh")),
            "{problems:?}"
        ),
        other => panic!("{other:?}"),
    }

    // Without the applicant's consent, nobody publishes it.
    let shy = ApplicationForm {
        public_profile: None,
        ..form("Discreet Defenders Collective", &other)
    };
    store
        .submit_application(&checked(shy), "198.51.100.14")
        .await
        .unwrap();
    let shy = key_of(&store, "Discreet Defenders Collective").await;
    let version = store
        .application(&staff.viewer, &shy)
        .await
        .unwrap()
        .unwrap()
        .version;
    let refused = store
        .decide_application(&staff, &shy, version, &decision("admit", ""))
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["visibility"]);

    // A member who follows Africa will hear of the new member in Togo.
    let follower = support::actor(&store, Role::Member).await;
    {
        use app::notifications::store::Follows;
        store
            .follow(
                &follower,
                &shared::follow::FollowTarget::parse("region:africa").unwrap(),
            )
            .await
            .unwrap();
    }
    let version = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap()
        .version;
    let admission = store
        .decide_application(&staff, &key, version, &decision("admit", "Welcome."))
        .await
        .unwrap()
        .expect("an admission");
    {
        use app::notifications::store::Inbox;
        let told = store.notifications(&follower).await.unwrap();
        assert!(
            told.items
                .iter()
                .any(|n| n.href == format!("/organisations/{}", admission.organisation)),
            "the follower hears of the new member: {:?}",
            told.items
        );
    }
    let application = store
        .application(&staff.viewer, &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(application.status, ApplicationStatus::Admitted);
    assert_eq!(
        application.organisation.as_ref().map(|o| &o.id),
        Some(&admission.organisation)
    );
    let link = format!("/invite/{}", admission.invite_token);
    assert_eq!(application.invitation.as_deref(), Some(link.as_str()));
    // The applicant's page says the invitation went out, never its link:
    // whoever holds that page's address need not be the contact person.
    let progress = store.application_progress(&token).await.unwrap().unwrap();
    assert!(progress.invitation_sent);
    // The contact person's e-mail, in the application's language (French),
    // written in the admission's transaction, carries the link.
    let mails: Vec<(String, String, String, Option<String>)> = store
        .db()
        .query(
            "SELECT VALUE [to, lang, subject, sealed_link] FROM outbox WHERE kind = 'invitation'",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let contact_mail = mails
        .iter()
        .find(|m| m.0 == application.contact_email)
        .expect("an e-mail to the contact person");
    assert_eq!(contact_mail.1, "fr");
    assert!(
        contact_mail.2.contains("membre du réseau SOS-Torture"),
        "{}",
        contact_mail.2
    );
    assert!(contact_mail.3.is_some(), "the link is sealed in the outbox");

    // The member, public, seated in Togo, a member since this year, in the
    // network, among the newest members anyone sees.
    let org = store
        .organisation(&Viewer::anonymous(), &admission.organisation)
        .await
        .unwrap()
        .expect("anyone reads the new public member");
    assert_eq!(org.kind, shared::OrgKind::Member);
    let year = chrono::Datelike::year(&chrono::Utc::now());
    assert_eq!(org.member_since, Some(year));
    assert_eq!(org.based_in.as_ref().map(|c| c.code.as_str()), Some("TG"));
    assert_eq!(org.description.lang, "fr");
    assert!(org.member_of.iter().any(|n| n.id.as_str() == "sos-torture"));
    let stats = store.network_stats(&Viewer::anonymous()).await.unwrap();
    assert_eq!(stats.newest_year, Some(year));
    assert!(stats.newest.iter().any(|o| o.id == admission.organisation));

    // The contact opens the account once; then the link is gone.
    let invite = store
        .invite_info(&admission.invite_token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(invite.email, application.contact_email);
    store
        .accept_invite(
            &admission.invite_token,
            "Afi Mensah",
            "a long enough passphrase for tests",
            "tests",
        )
        .await
        .unwrap();
    assert!(
        !store
            .application_progress(&token)
            .await
            .unwrap()
            .unwrap()
            .invitation_sent
    );
    for target in [
        format!("application:{key}"),
        format!("organisation:{}", admission.organisation),
    ] {
        let audit = store
            .audit_log(&shared::AuditFilter {
                target: Some(target.clone()),
                ..shared::AuditFilter::default()
            })
            .await
            .unwrap();
        assert!(!audit.items.is_empty(), "{target} audited");
    }
}

#[tokio::test]
async fn admins_keep_the_criteria() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    assert!(matches!(
        store
            .add_criterion(&staff, "Has a complaints procedure")
            .await,
        Err(WorkError::Forbidden)
    ));
    store
        .add_criterion(&admin, "Has a complaints procedure")
        .await
        .unwrap();
    let all = store.criteria(true).await.unwrap();
    let added = all.last().unwrap();
    assert_eq!(added.text, "Has a complaints procedure");
    store
        .change_criterion(&admin, "two-years", "Active for at least two years", false)
        .await
        .unwrap();
    let active = store.criteria(false).await.unwrap();
    assert!(active.iter().all(|c| c.key != "two-years"));
    assert_eq!(store.criteria(true).await.unwrap().len(), 6);
    assert!(matches!(
        store
            .change_criterion(&admin, "no-such", "Whatever text", true)
            .await,
        Err(WorkError::NotFound)
    ));
    let refused = store
        .add_criterion(&admin, "x\u{7}y z w")
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["text"]);
}
