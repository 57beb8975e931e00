//! Organisations created and kept by staff on a real database: every field,
//! the seat and themes as relations whose lists stay exact, the duplicate
//! finder (accents, acronyms, other names) limited to what the creator may
//! read, and the same finder before a new person.

use crate::store_link_lists::assert_lists_follow;
use crate::support;
use app::accounts::store::AuditLog as _;
use app::directory::store::{Editing, Profiles};
use app::error::WorkError;
use app::people::store::People;
use shared::{OrgEditForm, OrgId, PersonForm, Problem, Role, Visibility};

fn new_org(name: &str, acronym: &str, level: &str) -> OrgEditForm {
    OrgEditForm {
        name: Some(name.into()),
        acronym: Some(acronym.into()),
        kind: Some("member".into()),
        member_since: Some("2024".into()),
        country: Some("bi".into()),
        themes: [
            ("torture-prevention".to_string(), "on".to_string()),
            ("victim-support".to_string(), "on".to_string()),
        ]
        .into(),
        languages: Some("fr, rn".into()),
        other_names: Some("Association burundaise contre la torture".into()),
        city: "Bujumbura".into(),
        website: "https://example.org/abct".into(),
        description: "Documents torture and supports survivors.".into(),
        description_lang: "en".into(),
        visibility: Some(level.into()),
        ..OrgEditForm::default()
    }
}

fn similar_of(e: WorkError) -> Vec<shared::SimilarRecord> {
    match e {
        WorkError::Invalid(problems) => problems
            .into_iter()
            .find_map(|p| match p.problem {
                Problem::SimilarExists { records } if p.field == "name" => Some(records),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no similar records in the refusal")),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn staff_create_an_organisation_with_every_field_and_its_relations() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = new_org("Burundian Coalition against Torture", "BCAT", "network");
    let edit = form.check_new(Role::Staff).unwrap();
    let id = store
        .create_organisation(&staff, &edit, false)
        .await
        .unwrap();
    assert!(
        id.as_str().starts_with("bcat-"),
        "a key readers can spell: {id}"
    );
    let org = store
        .organisation(&support::member(), &id)
        .await
        .unwrap()
        .expect("the network reads it");
    assert_eq!(org.name, "Burundian Coalition against Torture");
    assert_eq!(org.kind, shared::OrgKind::Member);
    assert_eq!(org.member_since, Some(2024));
    assert_eq!(org.based_in.unwrap().code.as_str(), "BI");
    let mut themes: Vec<String> = org.themes.iter().map(|t| t.id.to_string()).collect();
    themes.sort();
    assert_eq!(themes, ["torture-prevention", "victim-support"]);
    assert_eq!(org.languages, ["fr", "rn"]);
    assert_eq!(
        org.other_names,
        ["Association burundaise contre la torture"]
    );
    assert_eq!(org.city.as_deref(), Some("Bujumbura"));
    assert!(store
        .organisation(&support::anonymous(), &id)
        .await
        .unwrap()
        .is_none());
    assert_lists_follow(store.db(), "after a new organisation").await;
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.create".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].target, Some(format!("organisation:{id}")));

    // A second one of the same acronym gets a key of its own: the key never
    // tells whether another record, perhaps hidden, holds the acronym's.
    let again = new_org(
        "Burundi Centre for Accountability and Truth",
        "BCAT",
        "network",
    )
    .check_new(Role::Staff)
    .unwrap();
    let other = store
        .create_organisation(&staff, &again, true)
        .await
        .unwrap();
    assert!(other.as_str().starts_with("bcat-"), "{other}");
}

#[tokio::test]
async fn the_duplicate_finder_asks_before_saving_the_same_organisation_twice() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    for (name, acronym) in [
        // Accents, case and filler words.
        ("organisation mondiale contre la TORTURE", ""),
        // The acronym, dotted.
        ("A new body with another name", "O.M.C.T."),
        // The name typed as the acronym.
        ("OMCT", ""),
    ] {
        let edit = new_org(name, acronym, "network")
            .check_new(Role::Staff)
            .unwrap();
        let records = similar_of(
            store
                .create_organisation(&staff, &edit, false)
                .await
                .unwrap_err(),
        );
        assert!(
            records.iter().any(|r| r.href == "/organisations/omct"),
            "{name} / {acronym}: {records:?}"
        );
    }
    // Nothing was written by the refusals; saying "none of these" saves it.
    let edit = new_org("OMCT", "", "network")
        .check_new(Role::Staff)
        .unwrap();
    let id = store
        .create_organisation(&staff, &edit, true)
        .await
        .unwrap();
    assert_ne!(id.as_str(), "omct");
    // Its other names are compared too.
    let edit = new_org("Completely Different Words", "", "network");
    let edit = OrgEditForm {
        other_names: Some("Organisation Mondiale Contre la Torture".into()),
        ..edit
    }
    .check_new(Role::Staff)
    .unwrap();
    let records = similar_of(
        store
            .create_organisation(&staff, &edit, false)
            .await
            .unwrap_err(),
    );
    assert!(records.iter().any(|r| r.href == "/organisations/omct"));
}

#[tokio::test]
async fn the_duplicate_finder_never_offers_a_record_the_creator_may_not_read() {
    let store = support::demo_store().await;
    let admin = support::actor(&store, Role::Admin).await;
    let staff = support::actor(&store, Role::Staff).await;
    let hidden = new_org("Shelter for Defenders in Exile", "SDE", "restricted")
        .check_new(Role::Admin)
        .unwrap();
    let hidden_id = store
        .create_organisation(&admin, &hidden, false)
        .await
        .unwrap();
    // Staff asking for the same name are told of nothing: the question would
    // otherwise reveal the restricted record's name and address.
    let same = new_org("Shelter for Defenders in Exile", "SDE", "staff")
        .check_new(Role::Staff)
        .unwrap();
    let id = store
        .create_organisation(&staff, &same, false)
        .await
        .unwrap();
    assert_ne!(id, hidden_id);
    // The admin, who reads both, is asked.
    let third = new_org("Shelter for Defenders in Exile", "", "staff")
        .check_new(Role::Admin)
        .unwrap();
    let records = similar_of(
        store
            .create_organisation(&admin, &third, false)
            .await
            .unwrap_err(),
    );
    assert!(records
        .iter()
        .any(|r| r.href == format!("/organisations/{hidden_id}")));
    assert!(records
        .iter()
        .any(|r| r.href == format!("/organisations/{id}")));
}

#[tokio::test]
async fn nobody_creates_an_organisation_they_could_not_read_back_or_with_unknown_facts() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let restricted = new_org("Secret Safe House Network", "", "restricted")
        .check_new(Role::Staff)
        .unwrap();
    match store.create_organisation(&staff, &restricted, true).await {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "visibility"),
        other => panic!("{other:?}"),
    }
    let unknown = OrgEditForm {
        country: Some("xx".into()),
        themes: [("astrology".to_string(), "on".to_string())].into(),
        ..new_org("Unknown Facts Association", "", "network")
    }
    .check_new(Role::Staff)
    .unwrap();
    match store.create_organisation(&staff, &unknown, true).await {
        Err(WorkError::Invalid(p)) => {
            let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
            assert!(
                fields.contains(&"country") && fields.contains(&"themes"),
                "{fields:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.create".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(log.items.is_empty(), "nothing written");
}

#[tokio::test]
async fn staff_change_the_facts_of_an_organisation_and_members_cannot() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = OrgId::parse("omct").unwrap();
    let org = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    let form = OrgEditForm {
        version: org.version.to_string(),
        name: Some(org.name.clone()),
        acronym: org.acronym.clone(),
        city: org.city.clone().unwrap_or_default(),
        website: org.website.clone().unwrap_or_default(),
        email: org.email.clone().unwrap_or_default(),
        description: org.description.text.clone(),
        description_lang: org.description.lang.clone(),
        visibility: Some(org.visibility.as_str().into()),
        kind: Some("partner".into()),
        member_since: Some("1986".into()),
        country: Some("ch".into()),
        themes: [("justice".to_string(), "on".to_string())].into(),
        languages: Some("en, fr, es, ar".into()),
        other_names: Some(
            "Organización Mundial Contra la Tortura\nWorld Organisation Against Torture".into(),
        ),
        ..OrgEditForm::default()
    };
    let edit = form.check(Role::Staff).unwrap();
    store
        .update_organisation(&staff.user, &staff.viewer, &id, &edit, "127.0.0.1")
        .await
        .unwrap();
    let after = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.kind, shared::OrgKind::Partner);
    assert_eq!(after.member_since, Some(1986));
    assert_eq!(
        after
            .themes
            .iter()
            .map(|t| t.id.to_string())
            .collect::<Vec<_>>(),
        ["justice"]
    );
    assert_eq!(after.languages, ["en", "fr", "es", "ar"]);
    assert_eq!(after.other_names.len(), 2);
    assert_eq!(after.version, org.version + 1);
    assert_lists_follow(store.db(), "after the themes changed").await;
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.update".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let change = &log.items[0];
    let fields: Vec<&str> = change.changes.iter().map(|c| c.field.as_str()).collect();
    for f in ["kind", "member_since", "themes", "languages", "other_names"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }

    // A member's form sending the same fields changes none of them.
    let member_form = OrgEditForm {
        version: after.version.to_string(),
        kind: Some("member".into()),
        ..form
    };
    let member_edit = member_form.check(Role::Member).unwrap();
    assert_eq!(member_edit.facts, None);
    let _ = Visibility::Public;
}

#[tokio::test]
async fn the_duplicate_finder_asks_before_the_same_person_twice() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = |name: &str| PersonForm {
        name: name.into(),
        defender: Some("on".into()),
        risk_level: "low".into(),
        visibility: "staff".into(),
        ..Default::default()
    };
    let first = store
        .create_person(&staff, &form("Amel Ben Salah").check().unwrap(), false)
        .await
        .unwrap();
    let records = similar_of(
        store
            .create_person(&staff, &form("amél ben-salah").check().unwrap(), false)
            .await
            .unwrap_err(),
    );
    assert_eq!(records[0].href, format!("/people/{first}"));
    assert_eq!(records[0].name, "Amel Ben Salah");
    store
        .create_person(&staff, &form("Amel Ben Salah").check().unwrap(), true)
        .await
        .expect("saved once the staff say it is someone else");
}
