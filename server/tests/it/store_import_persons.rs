//! Imports of persons and of their memberships: each error with its
//! column and value, the rules about people at risk as the person form has
//! them, nothing written while a row is wrong, the fixed files written
//! whole and audited, the same files again changing nothing, a person the
//! importer does not read never matched nor named, and the people list's
//! own export imported back unchanged.

use crate::store_imports::{count, planned, problems, rows, staff_export, writing_import};
use crate::support;
use app::exchange::store::Imports as _;
use app::people::store::People as _;
use server::exchange::desk::{ImportDesk, Upload};
use shared::import::{ImportFile, ImportStatus, OutcomeKind, RowOutcome};
use shared::{PersonId, PersonRole, RiskLevel, Role, Visibility};
use std::sync::Arc;

fn persons(text: &str) -> Upload {
    Upload {
        kind: ImportFile::Persons,
        name: "persons.csv".into(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn relations(text: &str) -> Upload {
    Upload {
        kind: ImportFile::Relations,
        name: "relations.csv".into(),
        bytes: text.as_bytes().to_vec(),
    }
}

const GOOD: &str = "id;name;roles;risk_level;nationality;languages;visibility;description\n\
;Amani Ndayishimiye;defender;high;BI;\"fr; rn\";staff;Journaliste menacé à Bujumbura.\n\
;Claire Habonimana;\"observer; lawyer\";;BI;fr;network;\n\
;Deniz Kaya;defender;high;;\"tr; en\";network;Defender on trial (fictional demo person).\n";

const MEMBERSHIPS: &str = "from,to,kind,role,since,visibility\n\
Amani Ndayishimiye,OMCT,member-of,correspondent,2022,\n\
person:leila-ben-salem,OMCT,member_of,legal adviser,2023,network\n";

#[tokio::test]
async fn a_persons_file_is_checked_by_the_person_forms_rules_then_written_whole() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let before = (
        count(&store, "person").await,
        count(&store, "member_of").await,
    );
    // One wrong row of each kind, and an id the importer may not read.
    let bad = format!(
        "{GOOD}\
         ;Personne inconnue;judge;low;BI;;network;\n\
         ;Autre personne;defender;extreme;BI;;staff;\n\
         ;Troisième personne;defender;low;ZZ;;staff;\n\
         ;Quatrième personne;defender;high;BI;;network;\n\
         ;Cinquième personne;defender;low;BI;;restricted;\n\
         ;Leila Ben Salem;lawyer;low;;;network;\n\
         person:yassine-trabelsi;Nom caché;defender;critical;TN;;restricted;\n\
         ;Amani Ndayishimiye;defender;high;BI;;staff;\n"
    );
    let id = desk
        .upload_and_check(&staff, vec![persons(&bad), relations(MEMBERSHIPS)])
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    let line = |n: usize| {
        all.iter()
            .find(|r| r.file == ImportFile::Persons && r.line == n)
            .unwrap()
    };
    assert_eq!(line(2).outcome, RowOutcome::New);
    assert_eq!(line(3).outcome, RowOutcome::New);
    // A person the staff read, matched by name: only their languages
    // change, and their level, which an admin set, stays as it is.
    assert_eq!(
        line(4).outcome,
        RowOutcome::Update {
            record: "person:deniz-kaya".into(),
            changes: vec!["languages".into()],
        }
    );
    assert_eq!(problems(line(5)), vec![("roles".into(), "judge".into())]);
    assert_eq!(
        problems(line(6)),
        vec![("risk_level".into(), "extreme".into())]
    );
    assert_eq!(problems(line(7)), vec![("nationality".into(), "ZZ".into())]);
    // Someone at risk stays with the staff; a level above the importer's.
    assert_eq!(
        problems(line(8)),
        vec![("visibility".into(), "network".into())]
    );
    assert_eq!(
        problems(line(9)),
        vec![("visibility".into(), "restricted".into())]
    );
    // Only an admin lowers the risk of someone at risk.
    assert_eq!(
        problems(line(10)),
        vec![("risk_level".into(), "low".into())]
    );
    assert_eq!(
        problems(line(11)),
        vec![("id".into(), "person:yassine-trabelsi".into())]
    );
    assert!(matches!(
        &line(12).outcome,
        RowOutcome::Error { problems } if format!("{:?}", problems[0].problem).contains("line 2")
    ));
    let shown = serde_json::to_string(&all).unwrap();
    assert!(
        !shown.contains("Yassine Trabelsi"),
        "the preview names a hidden person"
    );
    // The memberships: of a person of the file, and of one by id.
    let memberships: Vec<_> = all
        .iter()
        .filter(|r| r.file == ImportFile::Relations)
        .collect();
    assert!(
        memberships.iter().all(|r| r.outcome == RowOutcome::New),
        "{memberships:?}"
    );
    assert!(desk.confirm_import(&staff, &id).await.is_err());
    assert_eq!(
        (
            count(&store, "person").await,
            count(&store, "member_of").await
        ),
        before,
        "the preview wrote nothing"
    );

    // The fixed files: written whole and audited.
    let id = desk
        .upload_and_check(&staff, vec![persons(GOOD), relations(MEMBERSHIPS)])
        .await
        .unwrap();
    desk.confirm_import(&staff, &id).await.unwrap();
    let done = desk.wait(&staff, &id).await.unwrap();
    assert_eq!(done.status(), ImportStatus::Done, "{:?}", done.failure);
    let written = done.written().unwrap();
    assert_eq!((written.new, written.update), (4, 1));
    assert_eq!(count(&store, "person").await, before.0 + 2);
    assert_eq!(count(&store, "member_of").await, before.1 + 2);
    let keys: Vec<String> = store
        .db()
        .query("SELECT VALUE record::id(id) FROM person WHERE name = 'Amani Ndayishimiye'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(keys.len(), 1);
    let amani = store
        .person(&staff.viewer, &PersonId::parse(&keys[0]).unwrap())
        .await
        .unwrap()
        .expect("staff read the new person");
    assert_eq!(amani.roles, vec![PersonRole::Defender]);
    assert_eq!(amani.risk_level, Some(RiskLevel::High));
    assert_eq!(amani.visibility, Visibility::Staff);
    assert_eq!(amani.languages, vec!["fr".to_owned(), "rn".to_owned()]);
    assert_eq!(amani.nationality.as_ref().unwrap().code.as_str(), "BI");
    let membership = amani
        .organisations
        .iter()
        .find(|m| m.organisation.name.contains("OMCT") || m.organisation.id.as_str() == "omct")
        .expect("the membership of the file");
    assert_eq!(membership.role.as_deref(), Some("correspondent"));
    assert_eq!(membership.since, Some(2022));
    // At least as closed as the person.
    assert_eq!(membership.visibility, Visibility::Staff);
    // A member does not read someone at risk kept for the staff.
    assert!(store
        .person(&support::member(), &amani.id)
        .await
        .unwrap()
        .is_none());
    let leila = store
        .person(&staff.viewer, &PersonId::parse("leila-ben-salem").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(leila
        .organisations
        .iter()
        .any(|m| m.role.as_deref() == Some("legal adviser")));
    let audited: Vec<String> = store
        .db()
        .query("SELECT VALUE after FROM audit WHERE action = 'import.apply' AND target = $t")
        .bind(("t", format!("import:{id}")))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert!(audited[0].contains("\"persons_new\":2"), "{}", audited[0]);
    assert!(
        audited[0].contains("\"persons_updated\":1"),
        "{}",
        audited[0]
    );
    let lines: Vec<String> = store
        .db()
        .query("SELECT VALUE action FROM audit WHERE target = $t OR target = 'person:deniz-kaya'")
        .bind(("t", format!("person:{}", keys[0])))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    for action in ["person.create", "person.membership", "person.update"] {
        assert!(lines.iter().any(|l| l == action), "{action} in {lines:?}");
    }

    // The same files again: every row unchanged.
    let again = desk
        .upload_and_check(&staff, vec![persons(GOOD), relations(MEMBERSHIPS)])
        .await
        .unwrap();
    let view = desk
        .import(&staff, &again, OutcomeKind::Unchanged, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.errors(), 0, "{:?}", rows(&desk, &staff, &again).await);
    assert_eq!(view.writes(), 0, "{:?}", rows(&desk, &staff, &again).await);
    assert_eq!(view.rows.len(), 5);
}

#[tokio::test]
async fn an_admin_opens_a_record_and_a_person_changed_since_the_check_stops_the_write() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let admin = support::actor(&store, Role::Admin).await;
    // An admin lowers a risk and opens the record of someone at risk.
    let file = "id;risk_level;visibility\nleila-ben-salem;low;public\nselma-gharbi;high;public\n";
    let id = desk
        .upload_and_check(&admin, vec![persons(file)])
        .await
        .unwrap();
    let all = rows(&desk, &admin, &id).await;
    assert!(
        matches!(&all[0].outcome, RowOutcome::Update { changes, .. } if changes == &vec!["risk_level".to_owned(), "visibility".to_owned()]),
        "{all:?}"
    );
    assert!(
        matches!(&all[1].outcome, RowOutcome::Unchanged { .. }),
        "{all:?}"
    );
    // Someone else makes the same change before the confirmation: the
    // write shows the new preview instead of writing.
    store
        .db()
        .query("UPDATE person:`leila-ben-salem` SET risk_level = 'low', visibility = 'public', version = (version ?? 0) + 1")
        .await
        .unwrap()
        .check()
        .unwrap();
    desk.confirm_import(&admin, &id).await.unwrap();
    let row = desk.wait(&admin, &id).await.unwrap();
    assert_eq!(row.status(), ImportStatus::Checked, "{:?}", row.failure);
    assert!(row.failure.is_some());
    assert!(row
        .preview_rows()
        .iter()
        .all(|r| matches!(r.outcome, RowOutcome::Unchanged { .. })));
    let leila = store
        .person(
            &support::anonymous(),
            &PersonId::parse("leila-ben-salem").unwrap(),
        )
        .await
        .unwrap()
        .expect("now public");
    assert_eq!(leila.name, "Leila Ben Salem");

    // A person changed between the write's own check and its transaction:
    // nothing is written.
    let staff = support::actor(&store, Role::Staff).await;
    let planned = planned(
        &store,
        &staff,
        ImportFile::Persons,
        "id;description\ndeniz-kaya;Une autre description\n",
    )
    .await;
    assert_eq!(planned.writes.person_updates.len(), 1, "{:?}", planned.rows);
    let job = writing_import(&store, &staff, ImportFile::Persons).await;
    store
        .db()
        .query("UPDATE person:`deniz-kaya` SET version = (version ?? 0) + 1")
        .await
        .unwrap()
        .check()
        .unwrap();
    let outcome = store
        .write_import(&staff, &job, &planned.writes, &Default::default())
        .await;
    assert!(
        matches!(outcome, Err(app::error::WorkError::Stale)),
        "{outcome:?}"
    );
    let description: Option<String> = store
        .db()
        .query("SELECT VALUE description FROM ONLY person:`deniz-kaya`")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_ne!(description.as_deref(), Some("Une autre description"));
}

#[tokio::test]
async fn the_people_lists_export_imports_back_unchanged() {
    let (store, csv) = staff_export("/export/persons.csv").await;
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let id = desk
        .upload_and_check(&staff, vec![persons(&csv)])
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    assert!(all.len() > 10, "{} persons exported", all.len());
    assert!(
        all.iter()
            .all(|r| matches!(r.outcome, RowOutcome::Unchanged { .. })),
        "{:?}",
        all.iter()
            .find(|r| !matches!(r.outcome, RowOutcome::Unchanged { .. }))
    );
    assert_eq!(
        all.iter()
            .filter(|r| r.outcome.kind() == OutcomeKind::Unchanged)
            .count(),
        all.len()
    );
}

#[tokio::test]
async fn a_membership_takes_the_level_its_person_gets_in_the_same_import() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    // Leila Ben Salem is renamed, and kept for the staff from now on; the
    // relations name her by her old name and by her id.
    let people = "id;name;risk_level;visibility\nleila-ben-salem;Leila B. Salem;high;staff\n";
    let ties = "from,to,kind,role,visibility\n\
                Leila Ben Salem,OMCT,member_of,adviser,network\n\
                person:leila-ben-salem,FORSC,member_of,,public\n";
    let id = desk
        .upload_and_check(&staff, vec![persons(people), relations(ties)])
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    assert!(
        all.iter()
            .filter(|r| r.file == ImportFile::Relations)
            .all(|r| r.outcome == RowOutcome::New
                && r.label.contains("(person:leila-ben-salem → organisation:")),
        "{all:?}"
    );
    desk.confirm_import(&staff, &id).await.unwrap();
    let done = desk.wait(&staff, &id).await.unwrap();
    assert_eq!(done.status(), ImportStatus::Done, "{:?}", done.failure);
    let levels: Vec<String> = store
        .db()
        .query("SELECT VALUE visibility FROM member_of WHERE in = person:`leila-ben-salem`")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(levels.len(), 2, "{levels:?}");
    assert!(levels.iter().all(|l| l == "staff"), "{levels:?}");
    // A member no longer reads her, nor her memberships on the
    // organisation's side.
    assert!(store
        .person(
            &support::member(),
            &PersonId::parse("leila-ben-salem").unwrap()
        )
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn staff_granted_a_restricted_organisation_import_a_membership_of_it_and_read_their_import() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let granted = staff
        .viewer
        .grants()
        .iter()
        .find(|g| g.starts_with("organisation:"))
        .expect("the demo staff hold a grant on a restricted organisation")
        .clone();
    let key = granted.trim_start_matches("organisation:");
    let id = desk
        .upload_and_check(
            &staff,
            vec![
                persons("name;roles;visibility\nNadia Amrani;observer;staff\n"),
                relations(&format!(
                    "from,to,kind,role\nNadia Amrani,{key},member_of,volunteer\n"
                )),
            ],
        )
        .await
        .unwrap();
    // The membership is restricted (as its organisation is), read through
    // the grant on one of its ends: its author reads the import.
    let view = desk
        .import(&staff, &id, OutcomeKind::New, 1)
        .await
        .unwrap()
        .expect("the author reads an import of what their grant opens");
    assert_eq!((view.errors(), view.writes()), (0, 2), "{:?}", view.rows);
    desk.confirm_import(&staff, &id).await.unwrap();
    let done = desk.wait(&staff, &id).await.unwrap();
    assert_eq!(done.status(), ImportStatus::Done, "{:?}", done.failure);
    let levels: Vec<String> = store
        .db()
        .query("SELECT VALUE visibility FROM member_of WHERE out = type::record('organisation', $k) AND role = 'volunteer'")
        .bind(("k", key.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(levels, vec!["restricted".to_owned()]);
    // Another staff member without the grant does not read the import.
    let other = app::accounts::Actor {
        viewer: support::staff(),
        ..staff.clone()
    };
    assert!(desk
        .import(&other, &id, OutcomeKind::New, 1)
        .await
        .unwrap()
        .is_none());
}
