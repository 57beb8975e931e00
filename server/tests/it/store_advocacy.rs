//! Advocacy against a real in-memory SurrealDB: the annual figures on the
//! demo data and on a small fixture with known answers, what each reader
//! sees, events with their follow-ups, advocacy missions, interventions and
//! campaigns.

use crate::support;
use app::advocacy::api::{EventFilter, InterventionLink};
use app::advocacy::store::{AnnualFigures, Campaigns, Events, Interventions};
use app::error::WorkError;
use chrono::NaiveDate;
use server::store::SurrealStore;
use shared::{
    AdvocacyMissionForm, CampaignActionForm, CampaignForm, CampaignId, CaseRef, EventForm, EventId,
    FollowUpForm, InterventionFilter, InterventionForm, InterventionOutcome, InterventionStatus,
    ParticipantRole, PersonId, PlanItemForm, Region, Role, Support, Viewer, Visibility,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[tokio::test]
async fn the_demo_reproduces_the_2024_headline_for_staff() {
    let store = support::demo_store().await;
    for viewer in [support::staff(), support::admin()] {
        let f = store.figures(&viewer, Some(2024)).await.unwrap();
        assert_eq!((f.interventions, f.defenders, f.countries), (251, 206, 46));
        assert_eq!((f.rapid.defenders, f.rapid.countries), (75, 20));
        assert_eq!(
            (
                f.grants.grants,
                f.grants.defenders,
                f.grants.women,
                f.grants.countries
            ),
            (11, 393, 226, 8)
        );
        assert_eq!(f.by_month.iter().sum::<u32>(), 251);
        let names: Vec<&str> = f.freed.iter().map(|n| n.name.as_str()).collect();
        for named in [
            "Daouda Diallo",
            "Jack Sinzahera",
            "Gloire Saasita",
            "Gloria Singha",
            "Fatia Maulidiyanti",
            "Eren Keskin",
            "Güllistan Yarkın",
        ] {
            assert!(names.contains(&named), "{named} missing from {names:?}");
        }
        let by_support: u32 = f.rapid.by_support.iter().map(|(_, n)| n).sum();
        assert!(by_support >= 75, "one defender may get several supports");
        assert!(f
            .regions
            .iter()
            .any(|r| r.region == Region::EuropeCentralAsia && r.events >= 3));
    }
    // Without a year: the latest year with interventions.
    assert_eq!(
        store.figures(&support::staff(), None).await.unwrap().year,
        2024
    );
}

#[tokio::test]
async fn anonymous_figures_count_public_records_only() {
    let store = support::demo_store().await;
    let public = store
        .figures(&support::anonymous(), Some(2024))
        .await
        .unwrap();
    let staff = store.figures(&support::staff(), Some(2024)).await.unwrap();
    assert_eq!(public.clearance, Visibility::Public);
    assert!(public.interventions < staff.interventions);
    assert!(public.defenders < staff.defenders);
    assert!(public.grants.grants < staff.grants.grants);
    // Every figure agrees with the list behind it.
    let filter = InterventionFilter {
        year: Some(2024),
        kind: Some("urgent".into()),
        ..Default::default()
    };
    let list = store
        .interventions(&support::anonymous(), &filter)
        .await
        .unwrap();
    assert_eq!(list.len() as u32, public.interventions);
    assert!(list.iter().all(|i| i.visibility == Visibility::Public));
    let rapid = store
        .interventions(
            &support::staff(),
            &InterventionFilter {
                year: Some(2024),
                kind: Some("rapid-response".into()),
                support: Some(Support::Relocation),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let relocated = staff
        .rapid
        .by_support
        .iter()
        .find(|(s, _)| *s == Support::Relocation)
        .unwrap()
        .1;
    assert_eq!(rapid.len() as u32, relocated);
    assert!(public
        .rapid
        .by_support
        .iter()
        .all(|(s, n)| *s != Support::Relocation || *n == 0));
    let grants = store
        .grants(&support::anonymous(), Some(2024))
        .await
        .unwrap();
    assert_eq!(grants.len() as u32, public.grants.grants);
    // Names are those of public persons; the others are only counted.
    let freed = store
        .interventions(
            &support::staff(),
            &InterventionFilter {
                freed_in: Some(2024),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(freed
        .iter()
        .all(|i| i.outcome.is_some_and(InterventionOutcome::is_freedom)));
    assert!(staff.freed_unnamed > 0);
    assert_eq!(public.freed_unnamed, 0);
}

/// A small world with known answers: two countries, four persons of three
/// visibilities, five interventions, two grants, events and missions.
async fn fixture() -> SurrealStore {
    let db = support::empty_db().await;
    db.query(
        "CREATE person:a CONTENT { name: 'Ana Public', visibility: 'public', gender: 'woman' };
         CREATE person:b CONTENT { name: 'Ben Network', visibility: 'network' };
         CREATE person:c CONTENT { name: 'Cy Staff', visibility: 'staff' };
         CREATE person:d CONTENT { name: 'Di Restricted', visibility: 'restricted' };
         CREATE organisation:o CONTENT { name: 'Grantee', kind: 'member', visibility: 'public' };
         CREATE intervention:i1 CONTENT { title: 'Appeal one', kind: 'urgent-appeal', sent_on: '2024-01-10',
            country: country:tr, visibility: 'public', outcome: 'released', outcome_on: '2024-02-01' };
         CREATE intervention:i2 CONTENT { title: 'Appeal two', kind: 'statement', sent_on: '2024-01-20',
            country: country:tr, visibility: 'network' };
         CREATE intervention:i3 CONTENT { title: 'Appeal three', kind: 'letter', sent_on: '2024-03-05',
            country: country:co, visibility: 'staff', outcome: 'acquitted', outcome_on: '2024-05-05' };
         CREATE intervention:i4 CONTENT { title: 'Support', kind: 'rapid-response', support: 'legal', decision: 'granted',
            sent_on: '2024-04-01', country: country:co, visibility: 'public' };
         CREATE intervention:i5 CONTENT { title: 'Old appeal', kind: 'urgent-appeal', sent_on: '2023-12-30',
            country: country:co, visibility: 'public', outcome: 'released', outcome_on: '2024-01-15' };
         RELATE intervention:i1->concerns->person:a SET visibility = 'public';
         RELATE intervention:i2->concerns->person:a SET visibility = 'network';
         RELATE intervention:i2->concerns->person:b SET visibility = 'network';
         RELATE intervention:i3->concerns->person:c SET visibility = 'staff';
         RELATE intervention:i3->concerns->person:d SET visibility = 'restricted';
         RELATE intervention:i4->concerns->person:a SET visibility = 'public';
         RELATE intervention:i5->concerns->person:b SET visibility = 'public';
         CREATE support_grant CONTENT { organisation: organisation:o, country: country:tr, awarded_on: '2024-06-01',
            defenders: 10, women: 6, visibility: 'public' };
         CREATE support_grant CONTENT { organisation: organisation:o, country: country:co, awarded_on: '2024-07-01',
            defenders: 5, women: 1, visibility: 'staff' };
         CREATE advocacy_mission:m CONTENT { title: 'Geneva week', starts_on: '2024-03-01', ends_on: '2024-03-05',
            visibility: 'public' };
         CREATE advocacy_event:e1 CONTENT { title: 'Side event', kind: 'side-event', mechanism: 'hrc',
            starts_on: '2024-03-02', ends_on: '2024-03-02', country: country:ch, mission: advocacy_mission:m,
            visibility: 'public' };
         CREATE advocacy_event:e2 CONTENT { title: 'Hearing', kind: 'regional-hearing', mechanism: 'iachr',
            starts_on: '2024-11-02', ends_on: '2024-11-02', country: country:us, visibility: 'network' };",
    )
    .await
    .unwrap()
    .check()
    .unwrap();
    SurrealStore::new(db)
}

#[tokio::test]
async fn each_figure_of_the_fixture() {
    let store = fixture().await;
    let admin = store.figures(&support::admin(), Some(2024)).await.unwrap();
    assert_eq!(
        admin.interventions, 3,
        "i1, i2, i3: rapid responses and 2023 apart"
    );
    assert_eq!(admin.defenders, 4, "a, b, c, d");
    assert_eq!(admin.countries, 2);
    assert_eq!(admin.by_month[0], 2);
    assert_eq!(admin.by_month[2], 1);
    assert_eq!((admin.rapid.defenders, admin.rapid.countries), (1, 1));
    assert!(admin.rapid.by_support.contains(&(Support::Legal, 1)));
    assert_eq!(
        (
            admin.grants.grants,
            admin.grants.defenders,
            admin.grants.women,
            admin.grants.countries
        ),
        (2, 15, 7, 2)
    );
    // Freed in 2024: a (i1), b (i5, sent in 2023), c and d (i3); only a is public.
    let named: Vec<&str> = admin.freed.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(named, ["Ana Public"]);
    assert_eq!(admin.freed_unnamed, 3);
    let europe = admin
        .regions
        .iter()
        .find(|r| r.region == Region::EuropeCentralAsia)
        .unwrap();
    assert_eq!(
        (
            europe.interventions,
            europe.events,
            europe.advocacy_missions
        ),
        (2, 1, 1)
    );
    let americas = admin
        .regions
        .iter()
        .find(|r| r.region == Region::Americas)
        .unwrap();
    assert_eq!((americas.interventions, americas.events), (1, 1));
    assert_eq!(admin.years, [2024, 2023]);

    let anonymous = store
        .figures(&support::anonymous(), Some(2024))
        .await
        .unwrap();
    assert_eq!(
        (
            anonymous.interventions,
            anonymous.defenders,
            anonymous.countries
        ),
        (1, 1, 1)
    );
    assert_eq!(anonymous.grants.grants, 1);
    assert_eq!(
        anonymous.freed_unnamed, 0,
        "b is hidden from the public, not counted"
    );
    assert_eq!(anonymous.freed.len(), 1);
    let member = store.figures(&support::member(), Some(2024)).await.unwrap();
    assert_eq!((member.interventions, member.defenders), (2, 2));
    assert_eq!(member.freed_unnamed, 1, "b, released, network");
    // A grant on a restricted record opens it, and only it.
    let granted = Viewer::with_clearance(Visibility::Staff).with_grants(vec!["person:d".into()]);
    assert_eq!(
        store.figures(&granted, Some(2024)).await.unwrap().defenders,
        4
    );
    assert_eq!(
        store
            .figures(&support::staff(), Some(2024))
            .await
            .unwrap()
            .defenders,
        3
    );
    // A year without records is all zeros, not an error.
    let empty = store.figures(&support::admin(), Some(2019)).await.unwrap();
    assert_eq!((empty.interventions, empty.grants.grants), (0, 0));
    // The month filter behind a bar of the chart.
    let january = store
        .interventions(
            &support::admin(),
            &InterventionFilter {
                year: Some(2024),
                month: Some(1),
                kind: Some("urgent".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(january.len(), 2);
}

#[tokio::test]
async fn next_steps_are_overdue_from_the_day_after_their_due_date() {
    let store = fixture().await;
    store
        .db()
        .query(
            "CREATE follow_up:late CONTENT { event: advocacy_event:e1, kind: 'next-step', text: 'Send the list',
                due_on: '2024-03-09', visibility: 'public' };
             CREATE follow_up:today CONTENT { event: advocacy_event:e1, kind: 'next-step', text: 'Call the mission',
                due_on: '2024-03-10', visibility: 'public' };
             CREATE follow_up:done CONTENT { event: advocacy_event:e1, kind: 'next-step', text: 'Brief the press',
                due_on: '2024-03-01', done_on: '2024-03-02', visibility: 'public' };
             CREATE follow_up:hidden CONTENT { event: advocacy_event:e2, kind: 'next-step', text: 'Write to the Commission',
                due_on: '2024-03-01', visibility: 'network' };",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    let clock = day("2024-03-10");
    let steps = store.open_next_steps(&support::member()).await.unwrap();
    let overdue: Vec<&str> = steps
        .iter()
        .filter(|s| s.is_overdue(clock))
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(overdue, ["Write to the Commission", "Send the list"]);
    assert!(steps.iter().all(|s| s.done_on.is_none()));
    let public = store.open_next_steps(&support::anonymous()).await.unwrap();
    assert_eq!(public.len(), 2, "the network event's step stays hidden");
}

#[tokio::test]
async fn readers_see_events_missions_and_campaigns_by_their_rights() {
    let store = support::demo_store().await;
    let everything = EventFilter {
        year: None,
        region: None,
    };
    let public = store
        .overview(&support::anonymous(), &everything)
        .await
        .unwrap();
    let staff = store
        .overview(&support::staff(), &everything)
        .await
        .unwrap();
    assert!(public
        .events
        .iter()
        .all(|e| e.visibility == Visibility::Public));
    assert!(staff.events.len() > public.events.len());
    assert!(public.missions.iter().all(|m| !m.title.contains("demo")));
    let cat = EventId::parse("cat-briefing-demo").unwrap();
    assert!(store
        .event(&support::anonymous(), &cat)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .event(&support::member(), &cat)
        .await
        .unwrap()
        .is_none());
    let briefing = store.event(&support::staff(), &cat).await.unwrap().unwrap();
    assert_eq!(briefing.participants.len(), 2);
    assert!(briefing.summary.mission.is_some());

    // The public campaign shows only the public cases to the public.
    let faces = CampaignId::parse("faces-of-hope").unwrap();
    let open = store
        .campaign(&support::anonymous(), &faces)
        .await
        .unwrap()
        .unwrap();
    let inside = store
        .campaign(&support::admin(), &faces)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(open.persons.len(), 4);
    assert_eq!(inside.persons.len(), 6);
    assert_eq!(open.summary.cases, 6, "4 persons, a trial, an intervention");
    assert_eq!(inside.actions.len(), 3);
    for hidden in inside.persons.iter().filter(|p| !open.persons.contains(p)) {
        let page = store.campaign(&support::anonymous(), &faces).await.unwrap();
        assert!(!format!("{page:?}").contains(&hidden.name));
    }
    let region = store
        .overview(
            &support::anonymous(),
            &EventFilter {
                year: Some(2024),
                region: Some(Region::Americas),
            },
        )
        .await
        .unwrap();
    assert_eq!(region.events.len(), 1, "the Guapinol hearing");
    assert_eq!(region.missions.len(), 1);
}

#[tokio::test]
async fn a_campaigner_plans_a_delegation_and_records_what_came_of_it() {
    let store = support::demo_store().await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let mission = store
        .create_advocacy_mission(
            &campaigner,
            &AdvocacyMissionForm {
                title: "Geneva delegation, March session".into(),
                purpose: "Defenders from Kazakhstan at the Human Rights Council.".into(),
                starts_on: "2025-03-03".into(),
                ends_on: "2025-03-07".into(),
                visibility: "network".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    for form in [
        PlanItemForm {
            item: "budget".into(),
            label: "Flights".into(),
            amount: "2400".into(),
            ..Default::default()
        },
        PlanItemForm {
            item: "travel".into(),
            traveller: "Delegate".into(),
            route: "Almaty → Geneva".into(),
            on: "2025-03-02".into(),
            ..Default::default()
        },
        PlanItemForm {
            item: "check".into(),
            kind: "security".into(),
            label: "Security assessment for each defender".into(),
            ..Default::default()
        },
    ] {
        store
            .add_plan_item(&campaigner, &mission, &form.check().unwrap())
            .await
            .unwrap();
    }
    store
        .set_check(&campaigner, &mission, 0, true)
        .await
        .unwrap();
    assert!(matches!(
        store.set_check(&campaigner, &mission, 5, true).await,
        Err(WorkError::Invalid(_))
    ));
    let event = store
        .create_event(
            &campaigner,
            &EventForm {
                title: "Side event on reprisals".into(),
                kind: "side-event".into(),
                mechanism: "hrc".into(),
                starts_on: "2025-03-04".into(),
                city: "Geneva".into(),
                country: "CH".into(),
                agenda: "Testimonies\nRecommendations".into(),
                asks: "Raise the cases in the general debate".into(),
                mission: mission.to_string(),
                visibility: "network".into(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let speaker = PersonId::parse("eren-keskin").unwrap();
    store
        .add_participant(&campaigner, &event, &speaker, ParticipantRole::Speaker)
        .await
        .unwrap();
    let hidden = PersonId::parse("yassine-trabelsi").unwrap();
    assert!(matches!(
        store
            .add_participant(&campaigner, &event, &hidden, ParticipantRole::Delegate)
            .await,
        Err(WorkError::Invalid(_))
    ));
    let step = store
        .add_follow_up(
            &campaigner,
            &event,
            &FollowUpForm {
                kind: "next-step".into(),
                text: "Send the briefing to the missions".into(),
                due_on: "2025-03-10".into(),
                owner: "me".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let page = store
        .event(&support::member(), &event)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.participants[0].person.name, "Eren Keskin");
    assert_eq!(page.agenda, ["Testimonies", "Recommendations"]);
    assert_eq!(page.follow_ups[0].owner.as_deref(), Some("Demo campaigner"));
    assert!(page.follow_ups[0].is_overdue(day("2025-03-11")));
    store
        .complete_follow_up(&campaigner, &step, day("2025-03-09"))
        .await
        .unwrap();
    assert!(store
        .open_next_steps(&campaigner.viewer)
        .await
        .unwrap()
        .iter()
        .all(|s| s.id != step));
    let planned = store
        .advocacy_mission(&support::member(), &mission)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(planned.budget_total(), 2400);
    assert_eq!(planned.events.len(), 1);
    assert!(planned.checklist[0].done);
    assert!(
        planned
            .checklist
            .iter()
            .any(|c| c.kind == shared::ChecklistKind::Security
                && c.label == "Eren Keskin"
                && !c.done),
        "a travelling speaker gets a security assessment: {:?}",
        planned.checklist
    );
    assert!(store
        .advocacy_mission(&support::anonymous(), &mission)
        .await
        .unwrap()
        .is_none());

    // A code that names no country is refused, not stored as a dangling link.
    let nowhere = EventForm {
        title: "Meeting nowhere".into(),
        kind: "bilateral-meeting".into(),
        mechanism: "upr".into(),
        starts_on: "2025-03-04".into(),
        country: "XX".into(),
        visibility: "network".into(),
        ..Default::default()
    };
    assert!(matches!(
        store.create_event(&campaigner, &nowhere.check().unwrap()).await,
        Err(WorkError::Invalid(p)) if p[0].field == "country"
    ));

    // Nobody creates a record more closed than they may read.
    let restricted = AdvocacyMissionForm {
        visibility: "restricted".into(),
        title: "Secret trip".into(),
        starts_on: "2025-01-01".into(),
        ends_on: "2025-01-02".into(),
        ..Default::default()
    };
    assert!(matches!(
        store
            .create_advocacy_mission(&campaigner, &restricted.check().unwrap())
            .await,
        Err(WorkError::Invalid(p)) if p[0].field == "visibility"
    ));
}

#[tokio::test]
async fn an_intervention_from_appeal_to_outcome_changes_the_figures() {
    let store = support::demo_store().await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let before = store.figures(&campaigner.viewer, Some(2024)).await.unwrap();
    let id = store
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
    store
        .link_intervention(
            &campaigner,
            &id,
            &InterventionLink::Person(PersonId::parse("kaddour-chouicha").unwrap()),
        )
        .await
        .unwrap();
    // A member who follows Turkey hears of the outcome.
    let follower = support::actor(&store, Role::Member).await;
    {
        use app::notifications::store::Follows;
        let turkey = shared::follow::FollowTarget::parse("country:TR").unwrap();
        store.follow(&follower, &turkey).await.unwrap();
    }
    store
        .record_progress(
            &campaigner,
            &id,
            &shared::parse_progress("closed", "released", "2024-12-28").unwrap(),
        )
        .await
        .unwrap();
    {
        use app::notifications::store::Inbox;
        let told = store.notifications(&follower).await.unwrap();
        let outcome = told
            .items
            .iter()
            .find(|n| n.href == format!("/interventions/{id}"))
            .expect("the follower hears of the outcome");
        assert!(outcome.title.contains("Released"), "{}", outcome.title);
    }
    let page = store
        .intervention(&support::anonymous(), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.summary.persons.len(), 2);
    assert_eq!(page.summary.status, InterventionStatus::Closed);
    assert_eq!(page.cosignatories[0].id.as_str(), "fidh");
    assert_eq!(page.addressees.len(), 2);
    let after = store.figures(&campaigner.viewer, Some(2024)).await.unwrap();
    assert_eq!(after.interventions, before.interventions + 1);
    assert_eq!(after.defenders, before.defenders + 2);
    assert_eq!(
        after.countries, before.countries,
        "Turkey was counted already"
    );
    assert_eq!(after.by_month[11], before.by_month[11] + 1);
    assert!(after.freed.iter().any(|n| n.name == "Said Boudour"));
    // Members may read it but not write.
    let member = support::actor(&store, Role::Member).await;
    assert!(store
        .intervention(&member.viewer, &id)
        .await
        .unwrap()
        .is_some());

    // A campaign features it; the public page shows it.
    let campaign = store
        .create_campaign(
            &campaigner,
            &CampaignForm {
                name: "#FreeTheLawyers".into(),
                summary: "Lawyers detained for defending defenders.".into(),
                starts_on: "2024-12-01".into(),
                visibility: "public".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    // The follower of Turkey follows the campaign too: its new case and its
    // new step reach them (once each, even when a case is featured again).
    {
        use app::notifications::store::Follows;
        store
            .follow(
                &follower,
                &shared::follow::FollowTarget::Campaign(campaign.clone()),
            )
            .await
            .unwrap();
    }
    for _ in 0..2 {
        store
            .feature_case(&campaigner, &campaign, &CaseRef::Intervention(id.clone()))
            .await
            .unwrap();
    }
    store
        .add_campaign_action(
            &campaigner,
            &campaign,
            &CampaignActionForm {
                kind: "statement".into(),
                on: "2024-12-29".into(),
                title: "We welcome the release".into(),
                url: String::new(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let public = store
        .campaign(&support::anonymous(), &campaign)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(public.interventions[0].id, id.as_str());
    assert_eq!(public.actions[0].title, "We welcome the release");
    {
        use app::notifications::store::Inbox;
        let told: Vec<String> = store
            .notifications(&follower)
            .await
            .unwrap()
            .items
            .into_iter()
            .filter(|n| n.href == format!("/campaigns/{campaign}"))
            .map(|n| n.title)
            .collect();
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(
            told.iter()
                .any(|t| t == "#FreeTheLawyers: We welcome the release"),
            "{told:?}"
        );
        assert!(
            told.iter().any(|t| t == "#FreeTheLawyers: a new case"),
            "{told:?}"
        );
    }
    // A case the campaigner cannot read is refused like an absent one.
    assert!(matches!(
        store
            .feature_case(
                &campaigner,
                &campaign,
                &CaseRef::Person(PersonId::parse("yassine-trabelsi").unwrap())
            )
            .await,
        Err(WorkError::Invalid(_))
    ));
    // Every change is in the audit log.
    let log = store
        .db()
        .query("SELECT VALUE action FROM audit WHERE string::starts_with(action, 'intervention.') OR string::starts_with(action, 'campaign.')")
        .await
        .unwrap()
        .take::<Vec<String>>(0)
        .unwrap();
    for action in [
        "intervention.create",
        "intervention.link",
        "intervention.progress",
        "campaign.create",
        "campaign.feature",
        "campaign.action",
    ] {
        assert!(log.iter().any(|a| a == action), "{action} not audited");
    }
}

/// A name copied into a mission's checklist is read by everyone who reads
/// the mission: a defender more restricted than the mission (or restricted
/// at all) travels without their name landing there.
#[tokio::test]
async fn a_speakers_name_reaches_the_checklist_only_when_the_mission_is_as_closed_as_they_are() {
    let store = support::demo_store().await;
    let admin = support::actor(&store, Role::Admin).await;
    let mission = store
        .create_advocacy_mission(
            &admin,
            &AdvocacyMissionForm {
                title: "Public delegation to Geneva".into(),
                purpose: "Side event at the Human Rights Council.".into(),
                starts_on: "2025-03-03".into(),
                ends_on: "2025-03-07".into(),
                visibility: "public".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let event = store
        .create_event(
            &admin,
            &EventForm {
                title: "Public side event".into(),
                kind: "side-event".into(),
                mechanism: "hrc".into(),
                starts_on: "2025-03-04".into(),
                city: "Geneva".into(),
                country: "CH".into(),
                mission: mission.to_string(),
                visibility: "public".into(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let persons = &support::demo_data().persons;
    let public = persons
        .iter()
        .find(|p| p.visibility == Visibility::Public)
        .unwrap();
    let closed: Vec<_> = [
        Visibility::Network,
        Visibility::Staff,
        Visibility::Restricted,
    ]
    .into_iter()
    .filter_map(|level| persons.iter().find(|p| p.visibility == level))
    .collect();
    assert_eq!(
        closed.len(),
        3,
        "the demo has a person at every closed level"
    );
    for person in closed.iter().copied().chain([public]) {
        store
            .add_participant(
                &admin,
                &event,
                &PersonId::parse(&person.key).unwrap(),
                ParticipantRole::Speaker,
            )
            .await
            .unwrap();
    }
    // The owner of a follow-up on a public event: a role for anonymous
    // readers, a name for those signed in.
    store
        .add_follow_up(
            &admin,
            &event,
            &FollowUpForm {
                kind: "next-step".into(),
                text: "Brief the delegation".into(),
                due_on: "2025-03-10".into(),
                owner: "me".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    for (reader, expected) in [
        (support::anonymous(), "an administrator".to_owned()),
        (support::member(), admin.user.name.clone()),
    ] {
        let page = store.event(&reader, &event).await.unwrap().unwrap();
        assert_eq!(page.follow_ups[0].owner.as_deref(), Some(expected.as_str()));
    }
    for reader in [
        support::anonymous(),
        support::member(),
        admin.viewer.clone(),
    ] {
        let page = store
            .advocacy_mission(&reader, &mission)
            .await
            .unwrap()
            .unwrap();
        let labels: Vec<&str> = page.checklist.iter().map(|c| c.label.as_str()).collect();
        assert!(labels.contains(&public.name.as_str()), "{labels:?}");
        for person in &closed {
            assert!(
                !labels.contains(&person.name.as_str()),
                "{} ({:?}) copied into a public checklist: {labels:?}",
                person.name,
                person.visibility
            );
        }
    }
}

/// An event can be more open than its mission: a campaigner adding a
/// speaker to it writes nothing into a mission they cannot read.
#[tokio::test]
async fn a_speaker_added_by_someone_who_cannot_read_the_mission_leaves_its_checklist_alone() {
    let store = support::demo_store().await;
    let admin = support::actor(&store, Role::Admin).await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let mission = store
        .create_advocacy_mission(
            &admin,
            &AdvocacyMissionForm {
                title: "Restricted delegation".into(),
                purpose: "Meetings no one may know of.".into(),
                starts_on: "2025-05-05".into(),
                ends_on: "2025-05-07".into(),
                visibility: "restricted".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let event = store
        .create_event(
            &admin,
            &EventForm {
                title: "Staff briefing".into(),
                kind: "side-event".into(),
                mechanism: "hrc".into(),
                starts_on: "2025-05-06".into(),
                city: "Geneva".into(),
                country: "CH".into(),
                mission: mission.to_string(),
                visibility: "staff".into(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let public = support::demo_data()
        .persons
        .iter()
        .find(|p| p.visibility == Visibility::Public)
        .unwrap();
    store
        .add_participant(
            &campaigner,
            &event,
            &PersonId::parse(&public.key).unwrap(),
            ParticipantRole::Speaker,
        )
        .await
        .unwrap();
    let page = store
        .advocacy_mission(&admin.viewer, &mission)
        .await
        .unwrap()
        .unwrap();
    assert!(
        page.checklist.iter().all(|c| c.label != public.name),
        "{:?}",
        page.checklist
    );
    // The same speaker added by the admin, who reads the mission, is there.
    store
        .add_participant(
            &admin,
            &event,
            &PersonId::parse(&public.key).unwrap(),
            ParticipantRole::Speaker,
        )
        .await
        .unwrap();
    let page = store
        .advocacy_mission(&admin.viewer, &mission)
        .await
        .unwrap()
        .unwrap();
    assert!(page.checklist.iter().any(|c| c.label == public.name));
}
