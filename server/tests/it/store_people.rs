//! People on a real database: staff create and edit them under the
//! confidentiality rules, and a person's page shows each reader exactly the
//! timeline lines they may read.

use crate::support;
use app::accounts::store::AuditLog as _;
use app::error::WorkError;
use app::observation::store::{Missions, Trials};
use app::people::store::People;
use shared::{PersonForm, PersonId, PersonRecord, Role, TimelineKind, Viewer, Visibility};

fn form(name: &str, risk: &str, visibility: &str) -> PersonForm {
    PersonForm {
        name: name.into(),
        defender: Some("on".into()),
        risk_level: risk.into(),
        gender: "woman".into(),
        nationality: "tn".into(),
        languages: "ar, fr".into(),
        description: "Lawyer for detained defenders.".into(),
        visibility: visibility.into(),
        ..Default::default()
    }
}

fn checked(f: PersonForm) -> PersonRecord {
    f.check().unwrap()
}

#[tokio::test]
async fn staff_create_a_person_the_network_then_reads() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = store
        .create_person(
            &staff,
            &checked(form("Amel Ben Salah", "low", "network")),
            true,
        )
        .await
        .unwrap();
    assert!(id.as_str().starts_with("amel-ben-salah-"), "{id}");
    let page = store
        .person(&support::member(), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.name, "Amel Ben Salah");
    assert_eq!(page.languages, ["ar", "fr"]);
    assert_eq!(page.nationality.unwrap().code.as_str(), "TN");
    assert_eq!(page.risk_level, None, "the risk is for the staff side only");
    assert_eq!(page.version, 0);
    assert!(store
        .person(&support::anonymous(), &id)
        .await
        .unwrap()
        .is_none());
    let staff_page = store.person(&support::staff(), &id).await.unwrap().unwrap();
    assert_eq!(staff_page.risk_level, Some(shared::RiskLevel::Low));
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("person.create".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(
        log.items[0].target.as_deref(),
        Some(format!("person:{id}").as_str())
    );
}

#[tokio::test]
async fn someone_at_risk_stays_with_the_staff_unless_an_admin_opens_the_record() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    for (risk, level) in [
        ("high", "network"),
        ("medium", "public"),
        ("low", "restricted"),
    ] {
        let refused = store
            .create_person(&staff, &checked(form("Hidden Defender", risk, level)), true)
            .await
            .unwrap_err();
        let WorkError::Invalid(problems) = refused else {
            panic!("{risk} at {level}: {refused:?}");
        };
        assert_eq!(problems[0].field, "visibility");
    }
    let exposed = store
        .create_person(
            &admin,
            &checked(form("Known Defender", "high", "public")),
            true,
        )
        .await
        .unwrap();
    // A staff member edits another field: the admin's decision stands.
    let mut edit = form("Known Defender", "high", "public");
    edit.version = "0".into();
    edit.languages = "ar".into();
    store
        .update_person(&staff, &exposed, &checked(edit.clone()))
        .await
        .unwrap();
    // Raising the risk of an open record needs the level to follow.
    let mut raise = edit.clone();
    raise.version = "1".into();
    raise.risk_level = "critical".into();
    assert!(matches!(
        store
            .update_person(&staff, &exposed, &checked(raise.clone()))
            .await,
        Err(WorkError::Invalid(_))
    ));
    raise.visibility = "staff".into();
    store
        .update_person(&staff, &exposed, &checked(raise.clone()))
        .await
        .unwrap();
    // Lowering the risk again is an admin's judgement: it is the way to open
    // the record in a later edit.
    let mut lower = raise.clone();
    lower.version = "2".into();
    lower.risk_level = "low".into();
    let WorkError::Invalid(problems) = store
        .update_person(&staff, &exposed, &checked(lower.clone()))
        .await
        .unwrap_err()
    else {
        panic!("staff lowered a risk");
    };
    assert_eq!(problems[0].field, "risk_level");
    let page = store
        .person(&support::staff(), &exposed)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.visibility, Visibility::Staff);
    assert_eq!(page.version, 2);
    assert_eq!(page.risk_level, Some(shared::RiskLevel::Critical));
    assert!(store
        .person(&support::anonymous(), &exposed)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn an_edit_made_on_an_old_version_or_a_hidden_person_changes_nothing() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    let id = store
        .create_person(&staff, &checked(form("Selma Haddad", "low", "staff")), true)
        .await
        .unwrap();
    let mut first = form("Selma Haddad", "low", "staff");
    first.version = "0".into();
    first.description = "First edit.".into();
    store
        .update_person(&staff, &id, &checked(first.clone()))
        .await
        .unwrap();
    first.description = "Made on the old version.".into();
    assert_eq!(
        store.update_person(&admin, &id, &checked(first)).await,
        Err(WorkError::Stale)
    );
    // A restricted person is not found by a staff member without a grant.
    let hidden = store
        .create_person(
            &admin,
            &checked(form("Yasmine Restricted", "critical", "restricted")),
            true,
        )
        .await
        .unwrap();
    let mut edit = form("Renamed", "critical", "staff");
    edit.version = "0".into();
    assert_eq!(
        store.update_person(&staff, &hidden, &checked(edit)).await,
        Err(WorkError::NotFound)
    );
    let page = store
        .person(&support::admin(), &hidden)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.name, "Yasmine Restricted");
    assert_eq!(page.visibility, Visibility::Restricted);
}

/// Every line of a timeline leads to a record its reader may open, and a
/// reader who sees more sees every line of those who see less.
#[tokio::test]
async fn a_timeline_shows_each_reader_what_they_may_read() {
    use app::observation::api::TrialLink;
    use app::observation::store::TrialRegistration;
    let store = support::demo_store().await;
    let eren = PersonId::parse("eren-keskin").unwrap();
    // A restricted case about her: only those who read restricted records
    // see it on her page.
    let admin = support::actor(&store, Role::Admin).await;
    store
        .link_trial(
            &admin,
            &shared::TrialId::parse("closed-door-case").unwrap(),
            &TrialLink::Defendant(eren.clone()),
        )
        .await
        .unwrap();
    let readers: Vec<(&str, Viewer)> = vec![
        ("anonymous", support::anonymous()),
        ("member", support::member()),
        ("staff", support::staff()),
        ("admin", support::admin()),
    ];
    let mut previous: Vec<String> = Vec::new();
    for (who, viewer) in &readers {
        let page = store.person(viewer, &eren).await.unwrap().unwrap();
        let lines: Vec<String> = page.timeline.iter().map(|e| e.href.clone()).collect();
        for line in &previous {
            assert!(lines.contains(line), "{who} lost {line}: {lines:?}");
        }
        for entry in &page.timeline {
            let key = entry.href.rsplit('/').next().unwrap();
            let readable = match entry.kind {
                TimelineKind::Defendant | TimelineKind::Lawyer => store
                    .trial(viewer, &shared::TrialId::parse(key).unwrap())
                    .await
                    .unwrap()
                    .is_some(),
                TimelineKind::Observer => store
                    .mission(viewer, &shared::MissionId::parse(key).unwrap())
                    .await
                    .unwrap()
                    .is_some(),
                _ => true,
            };
            assert!(readable, "{who} is shown {}", entry.href);
        }
        // In date order, undated last.
        let dates: Vec<_> = page.timeline.iter().filter_map(|e| e.on).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "{who}");
        previous = lines;
    }
    let public = store
        .person(&support::anonymous(), &eren)
        .await
        .unwrap()
        .unwrap();
    assert!(
        public
            .timeline
            .iter()
            .any(|e| e.kind == TimelineKind::Defendant && e.href == "/trials/eren-keskin-istanbul"),
        "{:?}",
        public.timeline
    );
}

#[tokio::test]
async fn a_name_in_any_script_makes_a_key() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = store
        .create_person(&staff, &checked(form("حسن علي", "low", "staff")), true)
        .await
        .unwrap();
    assert!(id.as_str().starts_with("person-"), "{id}");
    let page = store.person(&support::staff(), &id).await.unwrap().unwrap();
    assert_eq!(page.name, "حسن علي");
}

/// A membership: as closed as the person and the organisation, ended and
/// kept, or deleted; the link counts and lists of both ends stay exact.
#[tokio::test]
async fn staff_keep_a_persons_memberships_and_the_graph_follows() {
    use shared::MembershipForm;
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = store
        .create_person(
            &staff,
            &checked(form("Leila Mansour", "low", "network")),
            true,
        )
        .await
        .unwrap();
    let membership = |org: &str, since: &str, level: &str| MembershipForm {
        organisation: org.into(),
        role: "Lawyer".into(),
        since: since.into(),
        source: "Annual report 2024".into(),
        visibility: level.into(),
        ..Default::default()
    };
    // Chosen public, kept at the person's level (network).
    store
        .set_membership(
            &staff,
            &id,
            &membership("midh", "2019", "public").check().unwrap(),
        )
        .await
        .unwrap();
    crate::store_link_lists::assert_lists_follow(store.db(), "added").await;
    let page = store
        .person(&support::member(), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.organisations.len(), 1);
    let m = &page.organisations[0];
    assert_eq!((m.since, m.until), (Some(2019), None));
    assert_eq!(m.visibility, Visibility::Network);
    assert_eq!(m.source.as_deref(), Some("Annual report 2024"));
    assert!(page
        .timeline
        .iter()
        .any(|e| e.kind == TimelineKind::Member && e.href == "/organisations/midh"));

    // Ended, and kept.
    let midh = shared::OrgId::parse("midh").unwrap();
    assert!(matches!(
        store.end_membership(&staff, &id, &midh, 2010, None).await,
        Err(WorkError::Invalid(_))
    ));
    store
        .end_membership(&staff, &id, &midh, 2023, None)
        .await
        .unwrap();
    let page = store
        .person(&support::member(), &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.organisations[0].until, Some(2023));

    // An organisation the staff member may not read (here: none by that
    // name, which answers alike) is not one to join.
    let hidden = "no-such-organisation";
    let WorkError::Invalid(problems) = store
        .set_membership(
            &staff,
            &id,
            &membership(hidden, "", "staff").check().unwrap(),
        )
        .await
        .unwrap_err()
    else {
        panic!("joined a hidden organisation");
    };
    assert_eq!(problems[0].field, "organisation");

    // Deleted (a mistake): gone, and the graph follows.
    store
        .delete_membership(&staff, &id, &midh, None)
        .await
        .unwrap();
    crate::store_link_lists::assert_lists_follow(store.db(), "deleted").await;
    let page = store.person(&support::staff(), &id).await.unwrap().unwrap();
    assert!(page.organisations.is_empty());
    assert_eq!(
        store.delete_membership(&staff, &id, &midh, None).await,
        Err(WorkError::NotFound)
    );
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("person.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "person.membership",
        "person.membership_end",
        "person.membership_delete",
    ] {
        assert!(actions.contains(&action), "{actions:?}");
    }
}

/// A person entered twice is merged into the first record: the duplicate's
/// trial and membership move, the stricter risk stays, the old address leads
/// to the kept record, and nobody at risk is opened beyond the staff by it.
#[tokio::test]
async fn a_person_entered_twice_is_merged_into_the_first_record() {
    use app::observation::store::TrialRegistration;
    use app::people::store::Merging;
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let kept = store
        .create_person(
            &staff,
            &checked(form("Houda Ben Salem", "medium", "staff")),
            false,
        )
        .await
        .unwrap();
    // Typed again, without the accents a hurried form drops, and said new.
    let gone = store
        .create_person(
            &staff,
            &checked(form("houda ben salem", "high", "staff")),
            true,
        )
        .await
        .unwrap();
    let offered = store
        .possible_duplicates(&staff.viewer, &kept)
        .await
        .unwrap();
    assert!(offered.iter().any(|p| p.id == gone), "{offered:?}");
    assert!(offered.iter().all(|p| p.id != kept));

    let midh = shared::OrgId::parse("midh").unwrap();
    store
        .set_membership(
            &staff,
            &gone,
            &shared::MembershipForm {
                organisation: "midh".into(),
                role: "Lawyer".into(),
                since: "2020".into(),
                visibility: "staff".into(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let trial = store
        .create_trial(
            &staff,
            &shared::TrialForm {
                case_name: "Prosecution of Houda Ben Salem".into(),
                court: "Tunis Court of First Instance".into(),
                city: "Tunis".into(),
                country: "tn".into(),
                timezone: "Africa/Tunis".into(),
                court_language: "ar".into(),
                defendant: gone.to_string(),
                visibility: "staff".into(),
                ..shared::TrialForm::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();

    // A member or a campaigner never merges; a merge into itself is refused.
    let member = support::actor(&store, Role::Member).await;
    assert!(store.merge_people(&member, &kept, &gone).await.is_err());
    assert!(matches!(
        store.merge_people(&staff, &kept, &kept).await,
        Err(WorkError::Invalid(_))
    ));

    store.merge_people(&staff, &kept, &gone).await.unwrap();
    crate::store_link_lists::assert_lists_follow(store.db(), "after a person merge").await;
    let person = store.person(&staff.viewer, &kept).await.unwrap().unwrap();
    assert_eq!(
        person.risk_level,
        Some(shared::RiskLevel::High),
        "the stricter risk stays"
    );
    // A new version: an edit or an import read before the merge cannot put
    // the lower risk back.
    assert!(person.version > 0);
    assert!(person
        .organisations
        .iter()
        .any(|m| m.organisation.id == midh));
    let seen = store.trial(&staff.viewer, &trial).await.unwrap().unwrap();
    assert_eq!(seen.defendants[0].person.id, kept);
    assert!(store.person(&staff.viewer, &gone).await.unwrap().is_none());
    assert_eq!(
        store.moved_person(&staff.viewer, &gone).await.unwrap(),
        Some(kept.clone())
    );
    assert_eq!(
        store.moved_person(&support::member(), &gone).await.unwrap(),
        None,
        "only those who could read the gone record learn where it went"
    );

    // A public record at low risk does not take in someone at risk unless
    // an admin decides it.
    let open = store
        .create_person(
            &staff,
            &checked(form("Sami Trabelsi", "low", "public")),
            false,
        )
        .await
        .unwrap();
    let at_risk = store
        .create_person(
            &staff,
            &checked(form("sami trabelsi", "high", "staff")),
            true,
        )
        .await
        .unwrap();
    let refused = store
        .merge_people(&staff, &open, &at_risk)
        .await
        .unwrap_err();
    match refused {
        WorkError::Invalid(problems) => assert!(
            problems.iter().any(|p| matches!(
                p.problem,
                shared::Problem::ExposesPersonAtRisk | shared::Problem::MergeOpens
            )),
            "{problems:?}"
        ),
        other => panic!("{other:?}"),
    }
}

/// The list of people holds exactly whom each reader may read, a page at a
/// time, filtered in the database; the risk level only for the staff side.
#[tokio::test]
async fn the_people_list_holds_whom_each_reader_may_read() {
    let store = support::demo_store().await;
    let all: Vec<(String, String, String)> = store
        .db()
        .query("SELECT VALUE [record::id(id), name, visibility] FROM person")
        .await
        .unwrap()
        .take::<Vec<Vec<String>>>(0)
        .unwrap()
        .into_iter()
        .map(|v| (v[0].clone(), v[1].clone(), v[2].clone()))
        .collect();
    assert!(all
        .iter()
        .any(|(_, _, v)| v == "restricted" || v == "staff"));
    for viewer in [
        support::anonymous(),
        support::member(),
        support::staff(),
        support::admin(),
    ] {
        let query = shared::PeopleQuery {
            per_page: 500,
            ..Default::default()
        };
        let page = store.people(&viewer, &query).await.unwrap();
        let listed: std::collections::BTreeSet<String> =
            page.items.iter().map(|p| p.id.to_string()).collect();
        let mut readable = std::collections::BTreeSet::new();
        for (key, _, _) in &all {
            let id = PersonId::parse(key).unwrap();
            if store.person(&viewer, &id).await.unwrap().is_some() {
                readable.insert(key.clone());
            }
        }
        assert_eq!(listed, readable, "{:?}", viewer.clearance());
        assert_eq!(page.total as usize, listed.len());
        let staff_side = viewer.clearance() >= Visibility::Staff;
        assert!(page
            .items
            .iter()
            .all(|p| p.risk_level.is_some() == staff_side));
        // Sorted by name, and paged: the second page of five goes on.
        let names: Vec<&str> = page.items.iter().map(|p| p.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names.len(), sorted.len());
        if page.total > 5 {
            let second = store
                .people(
                    &viewer,
                    &shared::PeopleQuery {
                        page: 2,
                        per_page: 5,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            assert_eq!(second.total, page.total);
            let ids: Vec<String> = second.items.iter().map(|p| p.id.to_string()).collect();
            let expected: Vec<String> = page.items[5..page.items.len().min(10)]
                .iter()
                .map(|p| p.id.to_string())
                .collect();
            assert_eq!(ids, expected);
        }
    }
    // Someone based in a country is found under it without a nationality.
    let everyone = shared::PeopleQuery {
        per_page: 500,
        ..Default::default()
    };
    let based: Vec<_> = store
        .people(&support::anonymous(), &everyone)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|p| p.nationality.is_none() && !p.based_in.is_empty())
        .collect();
    assert!(!based.is_empty(), "the demo's defenders have a seat");
    let code = based[0].based_in[0].code.as_str().to_owned();
    let found = store
        .people(
            &support::anonymous(),
            &shared::PeopleQuery::from_pairs([("country", code.as_str())]).unwrap(),
        )
        .await
        .unwrap();
    assert!(found.items.iter().any(|p| p.id == based[0].id), "{code}");
    // Filters: a role, a nationality, a name.
    let staff = support::staff();
    let lawyers = store
        .people(
            &staff,
            &shared::PeopleQuery::from_pairs([("role", "lawyer")]).unwrap(),
        )
        .await
        .unwrap();
    assert!(!lawyers.items.is_empty());
    assert!(lawyers
        .items
        .iter()
        .all(|p| p.roles.contains(&shared::PersonRole::Lawyer)));
    let first = &lawyers.items[0];
    let word = first.name.split_whitespace().last().unwrap().to_owned();
    let named = store
        .people(
            &staff,
            &shared::PeopleQuery::from_pairs([("q", word.as_str())]).unwrap(),
        )
        .await
        .unwrap();
    assert!(named.items.iter().any(|p| p.id == first.id), "{word}");
    if let Some(country) = first.nationality.as_ref() {
        let code = country.code.as_str().to_owned();
        let from = store
            .people(
                &staff,
                &shared::PeopleQuery::from_pairs([("country", code.as_str())]).unwrap(),
            )
            .await
            .unwrap();
        assert!(from.items.iter().any(|p| p.id == first.id));
        assert!(from.items.iter().all(|p| {
            p.nationality
                .as_ref()
                .is_some_and(|c| c.code == country.code)
                || p.based_in.iter().any(|c| c.code == country.code)
        }));
    }
}
