//! Trials, hearings, missions, planning aids and reports against a real
//! in-memory SurrealDB holding the demo data.

use crate::support;
use app::error::WorkError;
use app::observation::store::{Hearings, Missions, Planning, Reports, TrialRegistration, Trials};
use chrono::{Duration, NaiveDate, Utc};
use shared::{
    Finding, Grade, HearingFilter, HearingId, MissionId, MissionPlan, MissionStatus, ObserverRole,
    OrgId, OutcomeKind, PersonId, PlanningFlag, Problem, ReportStatus, Role, TrialFilter, TrialId,
    TrialStatus,
};

fn trial(id: &str) -> TrialId {
    TrialId::parse(id).unwrap()
}

fn mission(id: &str) -> MissionId {
    MissionId::parse(id).unwrap()
}

fn person(id: &str) -> PersonId {
    PersonId::parse(id).unwrap()
}

fn in_days(n: i64) -> NaiveDate {
    Utc::now().date_naive() + Duration::days(n)
}

#[tokio::test]
async fn the_seeded_trials_tell_the_stories_of_the_reports() {
    let store = support::demo_store().await;
    let anonymous = support::anonymous();
    let keskin = store
        .trial(&anonymous, &trial("eren-keskin-istanbul"))
        .await
        .unwrap()
        .expect("a public trial");
    assert_eq!(keskin.defendants[0].person.name, "Eren Keskin");
    let outcome = keskin.outcome.clone().expect("an outcome");
    assert_eq!(outcome.kind, OutcomeKind::Acquitted);
    assert_eq!(outcome.decided_on.unwrap().to_string(), "2024-06-26");
    assert_eq!(keskin.hearings.len(), 3);
    assert!(keskin
        .hearings
        .windows(2)
        .all(|w| w[0].starts_at <= w[1].starts_at));
    // Court time: 09:30 in Istanbul is 06:30 UTC.
    let verdict = keskin.hearings.last().unwrap();
    assert_eq!(verdict.local_start.format("%H:%M").to_string(), "09:30");
    assert_eq!(verdict.starts_at.format("%H:%M").to_string(), "06:30");
    // Missions are staff-only: an anonymous reader sees the trial, not who observed it.
    assert!(keskin.missions.is_empty());
    let staff = support::actor(&store, Role::Staff).await;
    let seen_by_staff = store
        .trial(&staff.viewer, &trial("eren-keskin-istanbul"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen_by_staff.missions.len(), 1);
    assert_eq!(
        seen_by_staff.missions[0].report,
        Some(ReportStatus::Submitted)
    );

    let algeria = store
        .trial(&anonymous, &trial("loukil-chouicha-boudour-oran"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(algeria.defendants.len(), 3);
    assert!(algeria.charges.contains(&shared::Charge::Terrorism));
    for (id, kind) in [
        ("goma-defenders", OutcomeKind::Released),
        ("daouda-diallo-ouagadougou", OutcomeKind::Released),
        ("gullistan-yarkin-istanbul", OutcomeKind::Acquitted),
    ] {
        let t = store.trial(&anonymous, &trial(id)).await.unwrap().unwrap();
        assert_eq!(t.outcome.unwrap().kind, kind, "{id}");
    }
}

#[tokio::test]
async fn trials_and_hearings_follow_visibility_and_grants() {
    let store = support::demo_store().await;
    let listed = |v: Vec<shared::TrialSummary>| -> Vec<String> {
        v.into_iter().map(|t| t.id.to_string()).collect()
    };
    let all = TrialFilter::default();
    let anonymous = listed(store.trials(&support::anonymous(), &all).await.unwrap());
    assert!(anonymous.contains(&"tunis-migrant-defenders".into()));
    assert!(
        !anonymous.contains(&"izmir-bar-lawyers".into()),
        "network trial"
    );
    assert!(
        !anonymous.contains(&"closed-door-case".into()),
        "restricted trial"
    );
    let member = listed(store.trials(&support::member(), &all).await.unwrap());
    assert!(member.contains(&"izmir-bar-lawyers".into()));
    let staff = support::actor(&store, Role::Staff).await;
    let staff_list = listed(store.trials(&staff.viewer, &all).await.unwrap());
    assert!(!staff_list.contains(&"closed-door-case".into()));
    let admin = support::actor(&store, Role::Admin).await;
    assert!(listed(store.trials(&admin.viewer, &all).await.unwrap())
        .contains(&"closed-door-case".into()));

    let hearings = |v: Vec<shared::Hearing>| -> Vec<String> {
        v.into_iter().map(|h| h.id.to_string()).collect()
    };
    let every = HearingFilter::default();
    assert!(
        !hearings(store.hearings(&staff.viewer, &every).await.unwrap())
            .contains(&"closed-door-next".into())
    );
    assert!(store
        .trial(&staff.viewer, &trial("closed-door-case"))
        .await
        .unwrap()
        .is_none());
    assert!(store
        .hearing(
            &staff.viewer,
            &HearingId::parse("closed-door-next").unwrap()
        )
        .await
        .unwrap()
        .is_none());

    // A grant on the case opens the trial and its hearings.
    let granted = staff
        .viewer
        .clone()
        .with_grants(vec!["trial:closed-door-case".into()]);
    assert!(hearings(store.hearings(&granted, &every).await.unwrap())
        .contains(&"closed-door-next".into()));
    assert!(store
        .trial(&granted, &trial("closed-door-case"))
        .await
        .unwrap()
        .is_some());

    // Filters: country and trial status.
    let turkey = store
        .hearings(
            &support::member(),
            &HearingFilter {
                country: Some(shared::CountryCode::parse("tr").unwrap()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!turkey.is_empty());
    assert!(turkey.iter().all(|h| h.country.code.as_str() == "TR"));
    let ongoing = store
        .hearings(
            &support::member(),
            &HearingFilter {
                status: Some(TrialStatus::Ongoing),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(hearings(ongoing.clone()).contains(&"tunis-first".into()));
    assert!(ongoing
        .iter()
        .all(|h| h.trial_status == TrialStatus::Ongoing));
}

fn uncovered(flags: &[PlanningFlag]) -> Vec<String> {
    flags
        .iter()
        .filter_map(|f| match f {
            PlanningFlag::UncoveredHearing { hearing, .. } => Some(hearing.id.to_string()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn planning_aids_flag_what_needs_attention_and_nothing_else() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();

    // A hearing in 14 days that no mission covers; not one in 56 days, not a covered one.
    let open = uncovered(&flags);
    assert!(open.contains(&"tunis-first".into()), "{flags:?}");
    assert!(!open.contains(&"tunis-second".into()));
    assert!(!open.contains(&"izmir-next".into()));
    // The hidden case's hearing is not the staff member's to see.
    assert!(!open.contains(&"closed-door-next".into()));

    // The Izmir mission: court in Turkish, observers speak fr/en/es, no interpreter.
    let izmir = mission("izmir-observation");
    assert!(flags.iter().any(|f| matches!(f,
        PlanningFlag::NoInterpreter { mission, court_language, .. }
            if mission.id == izmir && court_language == "tr")));
    store
        .assign_observer(
            &staff,
            &izmir,
            &person("karim-haddad"),
            ObserverRole::Interpreter,
        )
        .await
        .unwrap();
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();
    assert!(
        !flags
            .iter()
            .any(|f| matches!(f, PlanningFlag::NoInterpreter { .. })),
        "{flags:?}"
    );

    // A Turkish national observing in Turkey is a risk flag; a Tunisian is not.
    assert!(!flags
        .iter()
        .any(|f| matches!(f, PlanningFlag::NationalObserver { .. })));
    store
        .assign_observer(
            &staff,
            &izmir,
            &person("nadia-benali"),
            ObserverRole::Observer,
        )
        .await
        .unwrap();
    assert!(!store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap()
        .iter()
        .any(|f| matches!(f, PlanningFlag::NationalObserver { .. })));
    store
        .assign_observer(
            &staff,
            &izmir,
            &person("aylin-demir"),
            ObserverRole::Observer,
        )
        .await
        .unwrap();
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();
    assert!(flags.iter().any(|f| matches!(f,
        PlanningFlag::NationalObserver { person, country, .. }
            if person.id.as_str() == "aylin-demir" && country.code.as_str() == "TR")));

    // Planning the Tunis hearing: it is covered, and Marco Ruiz, already
    // going to Izmir on overlapping dates, is double-booked.
    let tunis = store
        .plan_mission(
            &staff,
            &MissionPlan {
                hearing: HearingId::parse("tunis-first").unwrap(),
                title: "Trial observation in Tunis".into(),
                starts_on: in_days(13),
                ends_on: in_days(15),
                organisation: OrgId::parse("omct").unwrap(),
            },
        )
        .await
        .unwrap();
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();
    assert!(!uncovered(&flags).contains(&"tunis-first".into()));
    let double = |flags: &[PlanningFlag]| {
        flags.iter().any(|f| {
            matches!(f,
            PlanningFlag::DoubleBooked { person, .. } if person.id.as_str() == "marco-ruiz")
        })
    };
    assert!(!double(&flags));
    store
        .assign_observer(
            &staff,
            &tunis,
            &person("marco-ruiz"),
            ObserverRole::Observer,
        )
        .await
        .unwrap();
    assert!(double(
        &store
            .planning_flags(&staff.viewer, Utc::now())
            .await
            .unwrap()
    ));
    // The same observer on dates that do not overlap is no conflict.
    let later = store
        .plan_mission(
            &staff,
            &MissionPlan {
                hearing: HearingId::parse("tunis-second").unwrap(),
                title: "Second observation in Tunis".into(),
                starts_on: in_days(55),
                ends_on: in_days(57),
                organisation: OrgId::parse("omct").unwrap(),
            },
        )
        .await
        .unwrap();
    store
        .assign_observer(&staff, &later, &person("lea-fontaine"), ObserverRole::Lead)
        .await
        .unwrap();
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();
    assert!(!flags.iter().any(|f| matches!(f,
        PlanningFlag::DoubleBooked { mission, other, .. } if mission.id == later || other.id == later)));
    // A cancelled mission no longer books anyone.
    store
        .move_mission(
            &staff,
            &tunis,
            MissionStatus::Proposed,
            MissionStatus::Cancelled,
        )
        .await
        .unwrap();
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();
    assert!(!double(&flags));
    assert!(uncovered(&flags).contains(&"tunis-first".into()));
}

#[tokio::test]
async fn the_mission_workflow_refuses_illegal_moves_and_records_who_moved_it() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = store
        .plan_mission(
            &staff,
            &MissionPlan {
                hearing: HearingId::parse("tunis-first").unwrap(),
                title: "Trial observation in Tunis".into(),
                starts_on: in_days(13),
                ends_on: in_days(15),
                organisation: OrgId::parse("omct").unwrap(),
            },
        )
        .await
        .unwrap();
    let refused = store
        .move_mission(
            &staff,
            &id,
            MissionStatus::Proposed,
            MissionStatus::Deployed,
        )
        .await
        .unwrap_err();
    assert_eq!(
        refused,
        WorkError::Invalid(vec![shared::ValidationError::new(
            "status",
            Problem::IllegalTransition {
                from: "proposed".into(),
                to: "deployed".into()
            }
        )])
    );
    store
        .move_mission(
            &staff,
            &id,
            MissionStatus::Proposed,
            MissionStatus::Approved,
        )
        .await
        .unwrap();
    // Someone who saw the old state is told it changed.
    assert_eq!(
        store
            .move_mission(
                &staff,
                &id,
                MissionStatus::Proposed,
                MissionStatus::Approved
            )
            .await
            .unwrap_err(),
        WorkError::Stale
    );
    store
        .move_mission(
            &staff,
            &id,
            MissionStatus::Approved,
            MissionStatus::Deployed,
        )
        .await
        .unwrap();
    let m = store.mission(&staff.viewer, &id).await.unwrap().unwrap();
    assert_eq!(m.status, MissionStatus::Deployed);
    assert_eq!(m.hearings.len(), 1);
    assert_eq!(m.hearings[0].id.as_str(), "tunis-first");
    assert_eq!(m.other_hearings.len(), 1);
    assert_eq!(m.organisations[0].id.as_str(), "omct");
    // It can also cover the trial's next hearing, but not another trial's.
    store
        .cover_hearing(&staff, &id, &HearingId::parse("tunis-second").unwrap())
        .await
        .unwrap();
    assert!(matches!(
        store
            .cover_hearing(&staff, &id, &HearingId::parse("izmir-next").unwrap())
            .await,
        Err(WorkError::Invalid(_))
    ));
    let covered = store.mission(&staff.viewer, &id).await.unwrap().unwrap();
    assert_eq!(covered.hearings.len(), 2);
    assert!(covered.other_hearings.is_empty());
    // Observers come and go while the mission is open.
    store
        .assign_observer(&staff, &id, &person("nadia-benali"), ObserverRole::Observer)
        .await
        .unwrap();
    store
        .remove_observer(&staff, &id, &person("nadia-benali"))
        .await
        .unwrap();
    assert!(store
        .mission(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap()
        .observers
        .is_empty());
    let moves: Vec<(Option<MissionStatus>, MissionStatus)> =
        m.history.iter().map(|h| (h.from, h.to)).collect();
    assert_eq!(
        moves,
        [
            (None, MissionStatus::Proposed),
            (Some(MissionStatus::Proposed), MissionStatus::Approved),
            (Some(MissionStatus::Approved), MissionStatus::Deployed),
        ]
    );
    assert!(m
        .history
        .iter()
        .all(|h| h.by.as_deref() == Some(staff.user.name.as_str())));

    // Missions are staff-only: a member cannot read one, nor an anonymous visitor.
    assert!(store
        .mission(&support::member(), &id)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .mission(&support::anonymous(), &id)
        .await
        .unwrap()
        .is_none());
    // Closed missions take no more observers.
    let closed = mission("keskin-observation-2024");
    assert!(matches!(
        store
            .assign_observer(
                &staff,
                &closed,
                &person("marco-ruiz"),
                ObserverRole::Observer
            )
            .await,
        Err(WorkError::Invalid(_))
    ));
}

#[tokio::test]
async fn observers_write_reports_that_staff_can_send_back() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await; // Léa Fontaine, lead in Izmir
    let admin = support::actor(&store, Role::Admin).await;
    let izmir = mission("izmir-observation");

    let report = store.report(&staff, &izmir).await.unwrap().unwrap();
    assert!(report.may_edit);
    assert_eq!(report.revision, 0);
    assert_eq!(report.draft.items.len(), 10);
    // The admin is not an observer of the mission: reads, cannot write.
    let by_admin = store.report(&admin, &izmir).await.unwrap().unwrap();
    assert!(!by_admin.may_edit);
    assert_eq!(
        store
            .save_report(&admin, &izmir, &report.draft, 0)
            .await
            .unwrap_err(),
        WorkError::Forbidden
    );

    let mut draft = report.draft.clone();
    draft.items[0].finding = Some(Finding::Respected);
    draft.overall = "The public could attend.".into();
    let saved = store.save_report(&staff, &izmir, &draft, 0).await.unwrap();
    assert_eq!(saved.revision, 1);
    // A save based on an old revision (another device) is refused, not merged.
    assert_eq!(
        store
            .save_report(&staff, &izmir, &draft, 0)
            .await
            .unwrap_err(),
        WorkError::Stale
    );
    let back = store.report(&staff, &izmir).await.unwrap().unwrap();
    assert_eq!(back.draft, draft);
    assert_eq!(back.status, ReportStatus::Draft);

    // Submitting an incomplete report names every missing answer.
    match store.submit_report(&staff, &izmir, &draft, 1).await {
        Err(WorkError::Invalid(problems)) => {
            assert!(problems
                .iter()
                .any(|p| p.field == "finding.independent-tribunal"));
            assert!(problems.iter().any(|p| p.field == "grade"));
        }
        other => panic!("an incomplete report was accepted: {other:?}"),
    }
    for item in &mut draft.items {
        item.finding = Some(Finding::Respected);
    }
    draft.grade = Some(Grade::A);
    draft.grade_reason = "Fair in every respect observed.".into();
    // The mission must be deployed for the report to move it to "reported".
    store
        .move_mission(
            &staff,
            &izmir,
            MissionStatus::Approved,
            MissionStatus::Deployed,
        )
        .await
        .unwrap();
    store
        .submit_report(&staff, &izmir, &draft, 1)
        .await
        .unwrap();
    let submitted = store.report(&staff, &izmir).await.unwrap().unwrap();
    assert_eq!(submitted.status, ReportStatus::Submitted);
    assert!(!submitted.may_edit, "a submitted report is read-only");
    assert!(submitted.submitted_at.is_some());
    assert_eq!(
        store
            .save_report(&staff, &izmir, &draft, 2)
            .await
            .unwrap_err(),
        WorkError::Forbidden
    );
    let m = store.mission(&staff.viewer, &izmir).await.unwrap().unwrap();
    assert_eq!(m.status, MissionStatus::Reported);

    // Staff send it back with a note; the observer can write again.
    assert!(matches!(
        store.request_changes(&admin, &izmir, "  ").await,
        Err(WorkError::Invalid(_))
    ));
    store
        .request_changes(&admin, &izmir, "Say who was refused entry.")
        .await
        .unwrap();
    let reopened = store.report(&staff, &izmir).await.unwrap().unwrap();
    assert_eq!(reopened.status, ReportStatus::ChangesRequested);
    assert_eq!(
        reopened.change_request.as_deref(),
        Some("Say who was refused entry.")
    );
    assert!(reopened.may_edit);

    // Members never read a mission's report.
    let member = support::actor(&store, Role::Member).await;
    assert!(store.report(&member, &izmir).await.unwrap().is_none());
}

/// The titles of the member's notices about the Tunis trial.
async fn trial_notices(
    store: &server::store::SurrealStore,
    member: &app::accounts::Actor,
) -> Vec<String> {
    use app::notifications::store::Inbox;
    store
        .notifications(member)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|n| n.href == "/trials/tunis-migrant-defenders")
        .map(|n| n.title)
        .collect()
}

#[tokio::test]
async fn staff_add_hearings_on_the_court_clock_and_record_what_happened() {
    use app::notifications::store::Follows;
    use shared::{HearingRecord, HearingStatus, NewHearing};
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    // A member follows the trial: each hearing added or postponed reaches
    // them, on the court's clock.
    let member = support::actor(&store, Role::Member).await;
    let followed = shared::follow::FollowTarget::Trial(trial("tunis-migrant-defenders"));
    store.follow(&member, &followed).await.unwrap();
    // The member also follows an organisation supporting the trial (told
    // once all the same); the campaigner follows only that organisation.
    let sanad = shared::follow::FollowTarget::Organisation(OrgId::parse("sanad").unwrap());
    store.follow(&member, &sanad).await.unwrap();
    let campaigner = support::actor(&store, Role::Campaigner).await;
    store.follow(&campaigner, &sanad).await.unwrap();
    let local = NaiveDate::from_ymd_opt(2027, 2, 15)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let id = store
        .add_hearing(
            &staff,
            &NewHearing {
                trial: trial("tunis-migrant-defenders"),
                local_start: local,
                place: "Chamber 4".into(),
            },
        )
        .await
        .unwrap();
    let added = store
        .hearing(&support::anonymous(), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(added.local_start, local);
    assert_eq!(added.starts_at.to_rfc3339(), "2027-02-15T08:30:00+00:00");
    assert_eq!(added.status, HearingStatus::Scheduled);
    let heard = trial_notices(&store, &member).await;
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert_eq!(trial_notices(&store, &campaigner).await.len(), 1);
    // That support made restricted: the campaigner, who follows only the
    // organisation, is told nothing more through it.
    store
        .db()
        .query("UPDATE supported_by SET visibility = 'restricted' WHERE in = trial:`tunis-migrant-defenders` AND out = organisation:sanad")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(heard[0].contains("2027-02-15 09:30"), "{heard:?}");
    // A case hidden from the staff member takes no hearing from them.
    assert_eq!(
        store
            .add_hearing(
                &staff,
                &NewHearing {
                    trial: trial("closed-door-case"),
                    local_start: local,
                    place: "Court".into(),
                },
            )
            .await
            .unwrap_err(),
        WorkError::NotFound
    );

    // A postponement with the next date the court set.
    let next = NaiveDate::from_ymd_opt(2027, 3, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    store
        .record_hearing(
            &staff,
            &HearingRecord {
                hearing: HearingId::parse("tunis-first").unwrap(),
                status: HearingStatus::Postponed,
                summary: "The presiding judge was absent.".into(),
                next: Some(next),
            },
        )
        .await
        .unwrap();
    let t = store
        .trial(&staff.viewer, &trial("tunis-migrant-defenders"))
        .await
        .unwrap()
        .unwrap();
    let first = t
        .hearings
        .iter()
        .find(|h| h.id.as_str() == "tunis-first")
        .unwrap();
    assert_eq!(first.status, HearingStatus::Postponed);
    assert_eq!(first.summary, "The presiding judge was absent.");
    assert!(t
        .hearings
        .iter()
        .any(|h| h.local_start == next && h.place == first.place));
    assert_eq!(t.hearings.len(), 4);
    let heard = trial_notices(&store, &member).await;
    assert_eq!(heard.len(), 2, "{heard:?}");
    // Nothing new through it, and what came through it left the list.
    assert_eq!(trial_notices(&store, &campaigner).await.len(), 0);
    assert!(
        heard.iter().any(|t| t.starts_with("Hearing postponed")),
        "{heard:?}"
    );
    // The e-mail says when the court sits next.
    let mails: Vec<String> = store
        .db()
        .query("SELECT VALUE text FROM outbox WHERE to = $to AND kind = 'hearing-changed'")
        .bind(("to", member.user.email.clone()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(
        mails
            .iter()
            .any(|t| t.contains("postponed") && t.contains("2027-03-01 10:00")),
        "{mails:?}"
    );
    // Nobody follows a trial they may not read.
    assert!(store
        .follow(
            &member,
            &shared::follow::FollowTarget::Trial(trial("closed-door-case"))
        )
        .await
        .is_err());
    // A postponed hearing is no longer "uncovered work".
    let flags = store
        .planning_flags(&staff.viewer, Utc::now())
        .await
        .unwrap();
    assert!(!uncovered(&flags).contains(&"tunis-first".into()));
}

#[tokio::test]
async fn staff_add_defendants_lawyers_and_supporters_to_a_trial() {
    use app::observation::api::TrialLink;
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let tunis = trial("tunis-migrant-defenders");
    let options = store.trial_form_options(&staff.viewer).await.unwrap();
    assert!(options.defendants.iter().any(|p| p.name == "Eren Keskin"));
    assert!(options.lawyers.iter().any(|p| p.name == "Leila Ben Salem"));
    // The restricted defender is not offered to a staff member without a grant.
    assert!(!options
        .defendants
        .iter()
        .any(|p| p.name == "Yassine Trabelsi"));
    store
        .link_trial(
            &staff,
            &tunis,
            &TrialLink::Defendant(person("daouda-diallo")),
        )
        .await
        .unwrap();
    store
        .link_trial(
            &staff,
            &tunis,
            &TrialLink::Supporter(OrgId::parse("fidh").unwrap()),
        )
        .await
        .unwrap();
    // Twice is once.
    store
        .link_trial(
            &staff,
            &tunis,
            &TrialLink::Supporter(OrgId::parse("fidh").unwrap()),
        )
        .await
        .unwrap();
    let t = store
        .trial(&support::anonymous(), &tunis)
        .await
        .unwrap()
        .unwrap();
    assert!(t
        .defendants
        .iter()
        .any(|d| d.person.name == "Daouda Diallo"));
    assert_eq!(
        t.supporters
            .iter()
            .filter(|o| o.id.as_str() == "fidh")
            .count(),
        1
    );
    // Nobody hidden from the actor can be linked by guessing an id.
    assert!(matches!(
        store
            .link_trial(
                &staff,
                &tunis,
                &TrialLink::Defendant(person("yassine-trabelsi"))
            )
            .await,
        Err(WorkError::Invalid(_))
    ));
    assert_eq!(
        store
            .link_trial(
                &staff,
                &trial("closed-door-case"),
                &TrialLink::Lawyer(person("leila-ben-salem"))
            )
            .await
            .unwrap_err(),
        WorkError::NotFound
    );
    // A relation is as closed as its more closed end: a defender the
    // network knows of, linked to a public trial, is not shown to those who
    // read the trial only.
    store
        .link_trial(&staff, &tunis, &TrialLink::Defendant(person("deniz-kaya")))
        .await
        .unwrap();
    let shown = |t: &shared::Trial| t.defendants.iter().any(|d| d.person.name == "Deniz Kaya");
    let public_view = store
        .trial(&support::anonymous(), &tunis)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !shown(&public_view),
        "a network-level defender shown to anyone"
    );
    let member_view = store
        .trial(&support::member(), &tunis)
        .await
        .unwrap()
        .unwrap();
    assert!(shown(&member_view));
}

/// Removing an observer the remover may not see answers exactly like
/// removing someone who is not on the mission, and removes nobody: the
/// answer must not reveal that a hidden person travels.
#[tokio::test]
async fn removing_a_hidden_observer_looks_like_removing_a_stranger() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    let hidden = support::demo_data()
        .persons
        .iter()
        .find(|p| p.visibility == shared::Visibility::Restricted)
        .expect("a restricted person in the demo data");
    let hidden = person(&hidden.key);
    let id = store
        .plan_mission(
            &staff,
            &MissionPlan {
                hearing: HearingId::parse("tunis-first").unwrap(),
                title: "Trial observation in Tunis".into(),
                starts_on: in_days(13),
                ends_on: in_days(15),
                organisation: OrgId::parse("omct").unwrap(),
            },
        )
        .await
        .unwrap();
    store
        .assign_observer(&admin, &id, &hidden, ObserverRole::Observer)
        .await
        .unwrap();
    let stranger = store
        .remove_observer(&staff, &id, &person("nadia-benali"))
        .await;
    let refused = store.remove_observer(&staff, &id, &hidden).await;
    assert!(matches!(stranger, Err(WorkError::NotFound)), "{stranger:?}");
    assert!(matches!(refused, Err(WorkError::NotFound)), "{refused:?}");
    let seen_by_admin = store.mission(&admin.viewer, &id).await.unwrap().unwrap();
    assert!(
        seen_by_admin
            .observers
            .iter()
            .any(|o| o.person.id == hidden),
        "the hidden observer is still on the mission"
    );
}

/// A defendant, a lawyer and a supporting organisation not in the platform
/// yet are created with the trial: after the duplicate finder's question,
/// the people among the staff at least, the organisation at the trial's
/// level, each with its own audit line.
#[tokio::test]
async fn a_trial_registered_with_people_and_an_organisation_not_yet_known() {
    use app::directory::store::Profiles;
    use app::people::store::People;
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = |defendant: &str, not_duplicate: bool| shared::TrialForm {
        case_name: "Prosecution of the Gitega Three".into(),
        court: "Gitega High Court".into(),
        city: "Gitega".into(),
        country: "bi".into(),
        timezone: "Africa/Bujumbura".into(),
        court_language: "fr".into(),
        visibility: "public".into(),
        new_defendant: defendant.into(),
        new_lawyer: "Armel Niyongere".into(),
        new_supporter: "Gitega Lawyers for Justice".into(),
        not_duplicate: not_duplicate.then(|| "on".to_owned()),
        ..shared::TrialForm::default()
    };
    let count = || async {
        store
            .trials(&support::admin(), &TrialFilter::default())
            .await
            .unwrap()
            .len()
    };
    let trials_before = count().await;
    // A name the network knows, spelt without its accents: the platform asks.
    let refused = store
        .create_trial(&staff, &form("Eren Keskın", false).check().unwrap())
        .await
        .unwrap_err();
    match refused {
        WorkError::Invalid(problems) => {
            assert_eq!(problems[0].field, "new_defendant");
            assert!(
                matches!(&problems[0].problem, Problem::SimilarExists { records } if records.iter().any(|r| r.name == "Eren Keskin")),
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count().await, trials_before, "nothing was written");

    let id = store
        .create_trial(&staff, &form("Claver Irambona", false).check().unwrap())
        .await
        .unwrap();
    let trial = store.trial(&staff.viewer, &id).await.unwrap().unwrap();
    let defendant = &trial.defendants[0].person;
    assert_eq!(defendant.name, "Claver Irambona");
    assert_eq!(trial.lawyers[0].name, "Armel Niyongere");
    assert_eq!(trial.supporters[0].name, "Gitega Lawyers for Justice");

    // The people stay among the staff (at risk until someone who knows opens
    // them); the organisation is as open as the trial.
    let person = store
        .person(&staff.viewer, &defendant.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.visibility, shared::Visibility::Staff);
    assert_eq!(person.risk_level, Some(shared::RiskLevel::High));
    for reader in [support::anonymous(), support::member()] {
        assert!(store
            .person(&reader, &defendant.id)
            .await
            .unwrap()
            .is_none());
        let seen = store.trial(&reader, &id).await.unwrap().unwrap();
        assert!(
            seen.defendants.is_empty(),
            "the defendant stays hidden on the public trial"
        );
        assert!(seen.lawyers.is_empty());
        assert_eq!(seen.supporters.len(), 1);
    }
    let org = store
        .organisation(&support::anonymous(), &trial.supporters[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(org.kind, shared::OrgKind::Partner);

    // The same names again, said to be new: created again, not merged.
    let again = store
        .create_trial(&staff, &form("Claver Irambona", true).check().unwrap())
        .await
        .unwrap();
    let again = store.trial(&staff.viewer, &again).await.unwrap().unwrap();
    assert_ne!(again.defendants[0].person.id, defendant.id);

    use app::accounts::store::AuditLog as _;
    for target in [
        format!("person:{}", defendant.id),
        format!("organisation:{}", trial.supporters[0].id),
    ] {
        let audit = store
            .audit_log(&shared::AuditFilter {
                target: Some(target.clone()),
                ..shared::AuditFilter::default()
            })
            .await
            .unwrap();
        assert!(
            audit.items.iter().any(|e| e.action.ends_with(".create")),
            "{target}"
        );
    }
}
