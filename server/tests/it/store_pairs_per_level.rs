//! One relation per pair and level (migration 0023): a write on a pair
//! touches only the relations its writer may read, and answers exactly as
//! on a pair with none, so that it never tells them a hidden one exists,
//! nor replaces or deletes it.

use crate::support;
use crate::support::http::{app_with_readers, form_write, send, Reader};
use app::advocacy::store::Events;
use app::directory::store::{Profiles, Ties};
use app::error::WorkError;
use app::observation::store::Missions;
use shared::{EventId, MissionId, OrgId, ParticipantRole, PersonId, Role, TieForm, Visibility};
use surrealdb::types::RecordId;

/// What the pair holds, as `[visibility, role]`, sorted.
async fn held(
    store: &server::store::SurrealStore,
    table: &str,
    from: RecordId,
    to: RecordId,
) -> Vec<serde_json::Value> {
    let mut rows: Vec<serde_json::Value> = store
        .db()
        .query(format!(
            "SELECT VALUE [visibility, role] FROM {table} WHERE in = $from AND out = $to"
        ))
        .bind(("from", from))
        .bind(("to", to))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    rows.sort_by_key(|v| v.to_string());
    rows
}

/// A relation kept at a stricter level than both its ends (as one written
/// before an end was opened), straight into the database.
async fn hidden_relation(
    store: &server::store::SurrealStore,
    table: &str,
    from: RecordId,
    to: RecordId,
    role: &str,
) {
    store
        .db()
        .query(format!(
            "RELATE $from->{table}->$to SET role = $role, visibility = 'restricted'"
        ))
        .bind(("from", from))
        .bind(("to", to))
        .bind(("role", role.to_owned()))
        .await
        .unwrap()
        .check()
        .unwrap();
}

async fn first_key(store: &server::store::SurrealStore, sql: &str) -> String {
    let keys: Vec<String> = store.db().query(sql).await.unwrap().take(0).unwrap();
    keys.into_iter().next().expect("the demo data has one")
}

#[tokio::test]
async fn adding_a_participant_keeps_a_participation_the_campaigner_cannot_read() {
    let store = support::demo_store().await;
    let campaigner = support::actor(&store, Role::Campaigner).await;
    let event = first_key(
        &store,
        "SELECT VALUE record::id(id) FROM advocacy_event
         WHERE visibility IN ['public', 'network'] ORDER BY id LIMIT 1",
    )
    .await;
    let person = PersonId::parse("eren-keskin").unwrap();
    let (from, to) = (
        RecordId::new("person", person.as_str()),
        RecordId::new("advocacy_event", event.as_str()),
    );
    store
        .db()
        .query("DELETE participates WHERE in = $from AND out = $to")
        .bind(("from", from.clone()))
        .bind(("to", to.clone()))
        .await
        .unwrap();
    hidden_relation(&store, "participates", from.clone(), to.clone(), "speaker").await;
    store
        .add_participant(
            &campaigner,
            &EventId::parse(&event).unwrap(),
            &person,
            ParticipantRole::Delegate,
        )
        .await
        .unwrap();
    let rows = held(&store, "participates", from, to).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.contains(&serde_json::json!(["restricted", "speaker"])),
        "the hidden participation is neither replaced nor deleted: {rows:?}"
    );
    crate::store_link_lists::assert_lists_follow(
        store.db(),
        "after a participant beside a hidden one",
    )
    .await;
}

#[tokio::test]
async fn removing_an_observer_leaves_an_observation_the_planner_cannot_read() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let mission = first_key(
        &store,
        "SELECT VALUE record::id(id) FROM mission
         WHERE status NOT IN ['closed', 'cancelled'] AND visibility IN ['public', 'network', 'staff']
         ORDER BY id LIMIT 1",
    )
    .await;
    let person = first_key(
        &store,
        "SELECT VALUE record::id(id) FROM person WHERE visibility = 'public'
         AND array::len(->observes) = 0 ORDER BY id LIMIT 1",
    )
    .await;
    let (from, to) = (
        RecordId::new("person", person.as_str()),
        RecordId::new("mission", mission.as_str()),
    );
    hidden_relation(&store, "observes", from.clone(), to.clone(), "observer").await;
    let answer = store
        .remove_observer(
            &staff,
            &MissionId::parse(&mission).unwrap(),
            &PersonId::parse(&person).unwrap(),
        )
        .await;
    assert_eq!(
        answer,
        Err(WorkError::NotFound),
        "as for one not on the mission"
    );
    assert_eq!(
        held(&store, "observes", from, to).await,
        vec![serde_json::json!(["restricted", "observer"])]
    );
}

/// Two public organisations with no partnership between them and `midh`.
async fn strangers_to_midh(store: &server::store::SurrealStore) -> (String, String) {
    let keys: Vec<String> = store
        .db()
        .query(
            "SELECT VALUE record::id(id) FROM organisation
             WHERE visibility = 'public' AND id != organisation:midh
               AND id NOT IN (SELECT VALUE out FROM partner_of WHERE in = organisation:midh)
               AND id NOT IN (SELECT VALUE in FROM partner_of WHERE out = organisation:midh)
             ORDER BY id LIMIT 2",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    (keys[0].clone(), keys[1].clone())
}

fn staff_of(readers: &[Reader]) -> &Reader {
    readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap()
}

#[tokio::test]
async fn over_http_a_pair_with_a_hidden_partnership_answers_as_one_with_none() {
    let (store, app, readers) = app_with_readers().await;
    let staff = staff_of(&readers);
    let admin = support::actor(&store, Role::Admin).await;
    let (hidden, empty) = strangers_to_midh(&store).await;
    store
        .set_tie(
            &admin,
            &OrgId::parse("midh").unwrap(),
            &TieForm {
                kind: "partner-of".into(),
                organisation: hidden.clone(),
                role: "Confidential litigation".into(),
                visibility: "restricted".into(),
                ..TieForm::default()
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let mut answers = Vec::new();
    for other in [&hidden, &empty] {
        let end = send(
            &app,
            form_write(
                staff,
                "organisation-tie-end",
                format!("id=midh&kind=partner-of&organisation={other}&until={year}"),
            ),
        )
        .await;
        let delete = send(
            &app,
            form_write(
                staff,
                "organisation-tie-delete",
                format!("id=midh&kind=partner-of&organisation={other}&level=restricted"),
            ),
        )
        .await;
        let set = send(
            &app,
            form_write(
                staff,
                "organisation-tie",
                format!(
                    "id=midh&form[kind]=partner-of&form[organisation]={other}&form[role]=Joint+report\
                     &form[since]=2021&form[until]=&form[source]=&form[visibility]=network"
                ),
            ),
        )
        .await;
        answers.push([end.0, delete.0, set.0]);
    }
    assert_eq!(answers[0], answers[1], "the same answers for both pairs");
    assert_eq!(answers[0][0], axum::http::StatusCode::NOT_FOUND);
    assert!(
        answers[0][2].is_success() || answers[0][2].is_redirection(),
        "{answers:?}"
    );
    // The restricted partnership is as the admin wrote it; staff's is beside.
    let rows: Vec<serde_json::Value> = store
        .db()
        .query(
            "SELECT VALUE [visibility, context] FROM partner_of
             WHERE (in = organisation:midh AND out = $o) OR (out = organisation:midh AND in = $o)",
        )
        .bind(("o", RecordId::new("organisation", hidden.as_str())))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.contains(&serde_json::json!([
        "restricted",
        "Confidential litigation"
    ])));
    // The staff page shows theirs and nothing of the other.
    let (_, html) = crate::support::http::page(&app, staff, "/organisations/midh").await;
    assert!(!html.contains("Confidential litigation"));
    assert!(html.contains("Joint report"));
    let levels: Vec<Visibility> = store
        .organisation(&admin.viewer, &OrgId::parse("midh").unwrap())
        .await
        .unwrap()
        .unwrap()
        .ties
        .iter()
        .filter(|t| t.other.id.as_str() == hidden)
        .map(|t| t.visibility)
        .collect();
    assert_eq!(levels.len(), 2, "the admin reads both: {levels:?}");
}

#[tokio::test]
async fn a_planner_granted_a_restricted_trial_reads_and_keeps_its_missions_relations() {
    let store = support::demo_store().await;
    let mut staff = support::actor(&store, Role::Staff).await;
    let trial = first_key(
        &store,
        "SELECT VALUE record::id(id) FROM trial WHERE visibility = 'restricted' ORDER BY id LIMIT 1",
    )
    .await;
    let hearing = first_key(
        &store,
        &format!(
            "SELECT VALUE record::id(id) FROM hearing WHERE trial = trial:`{trial}`
             ORDER BY id LIMIT 1"
        ),
    )
    .await;
    let admin = support::actor(&store, Role::Admin).await;
    let id = store
        .plan_mission(
            &admin,
            &shared::MissionPlanForm {
                hearing: hearing.clone(),
                title: "Observation behind closed doors".into(),
                starts_on: "2026-12-01".into(),
                ends_on: "2026-12-03".into(),
                organisation: "omct".into(),
            }
            .check()
            .unwrap(),
        )
        .await
        .unwrap();
    let mission = id.to_string();
    // Without the grant, the mission is not there at all.
    assert!(store.mission(&staff.viewer, &id).await.unwrap().is_none());
    staff.viewer = staff.viewer.with_grants(vec![format!("trial:{trial}")]);
    let page = store.mission(&staff.viewer, &id).await.unwrap().unwrap();
    assert!(
        !page.hearings.is_empty(),
        "the hearings the mission covers are listed as covered"
    );
    assert!(
        page.organisations.iter().any(|o| o.id.as_str() == "omct"),
        "and who organises it"
    );
    assert!(
        page.hearings[0].missions >= 1,
        "the hearing counts the mission that covers it"
    );
    // Covering a hearing it covers again, and taking an observer on twice,
    // change the relation they read: none is written twice.
    let hearing = page.hearings[0].id.clone();
    store.cover_hearing(&staff, &id, &hearing).await.unwrap();
    let observer = PersonId::parse("eren-keskin").unwrap();
    for _ in 0..2 {
        store
            .assign_observer(&staff, &id, &observer, shared::ObserverRole::Observer)
            .await
            .unwrap();
    }
    let mission_record = RecordId::new("mission", mission.as_str());
    let covers: Vec<serde_json::Value> = store
        .db()
        .query("SELECT VALUE visibility FROM covers WHERE in = $m AND out = $h")
        .bind(("m", mission_record.clone()))
        .bind(("h", RecordId::new("hearing", hearing.as_str())))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(covers, vec![serde_json::json!("restricted")]);
    let observes = held(
        &store,
        "observes",
        RecordId::new("person", observer.as_str()),
        mission_record,
    )
    .await;
    assert_eq!(observes.len(), 1, "{observes:?}");
    let page = store.mission(&staff.viewer, &id).await.unwrap().unwrap();
    assert!(page.observers.iter().any(|o| o.person.id == observer));
}

#[tokio::test]
async fn a_granted_person_does_not_open_their_membership_of_a_hidden_organisation() {
    use app::people::store::People as _;
    let store = support::demo_store().await;
    let mut staff = support::actor(&store, Role::Staff).await;
    let person = PersonId::parse("yassine-trabelsi").unwrap();
    let hidden = first_key(
        &store,
        "SELECT VALUE record::id(id) FROM organisation WHERE visibility = 'restricted'
         ORDER BY id LIMIT 1",
    )
    .await;
    let (from, to) = (
        RecordId::new("person", person.as_str()),
        RecordId::new("organisation", hidden.as_str()),
    );
    hidden_relation(&store, "member_of", from.clone(), to.clone(), "Coordinator").await;
    staff.viewer = staff.viewer.with_grants(vec![format!("person:{person}")]);
    let org = OrgId::parse(&hidden).unwrap();
    assert_eq!(
        store
            .end_membership(&staff, &person, &org, 2025, None)
            .await,
        Err(WorkError::NotFound)
    );
    assert_eq!(
        store.delete_membership(&staff, &person, &org, None).await,
        Err(WorkError::NotFound)
    );
    assert_eq!(
        held(&store, "member_of", from, to).await,
        vec![serde_json::json!(["restricted", "Coordinator"])]
    );
}
