//! Where organisations and people are, kept by staff on a real database: work
//! on a country added with its years and source, then ended (kept as the
//! past, gone from the profile's countries, the directory's filter and the
//! country page), a new seat ending the old one, a mistake deleted; never
//! more open than the record; a hidden relation is not the actor's to touch;
//! the lists the graph walk trusts follow every write; each write audited.

use crate::store_link_lists::assert_lists_follow;
use crate::support;
use app::accounts::store::AuditLog as _;
use app::directory::store::{PlaceTies, Places, Profiles, Search};
use app::error::WorkError;
use app::people::store::People as _;
use shared::{
    CountryCode, DirectoryQuery, OrgId, PersonId, Place, PlaceHolder, PlaceKey, PlaceKind,
    PlaceTieForm, Role, Visibility,
};

fn midh() -> PlaceHolder {
    PlaceHolder::Organisation(OrgId::parse("midh").unwrap())
}

fn place(kind: &str, place: &str, since: &str, level: &str) -> shared::NewPlaceTie {
    PlaceTieForm {
        kind: kind.into(),
        place: place.into(),
        since: since.into(),
        source: "OMCT annual report 2024".into(),
        visibility: level.into(),
        ..PlaceTieForm::default()
    }
    .check()
    .unwrap()
}

fn country(code: &str) -> PlaceKey {
    PlaceKey::Country(CountryCode::parse(code).unwrap())
}

async fn in_directory(
    store: &server::store::SurrealStore,
    viewer: &shared::Viewer,
    code: &str,
) -> bool {
    let q = DirectoryQuery {
        country: Some(CountryCode::parse(code).unwrap()),
        page: 1,
        ..Default::default()
    };
    let page = store.directory(viewer, &q).await.unwrap();
    page.items.iter().any(|o| o.id.as_str() == "midh")
}

#[tokio::test]
async fn work_on_a_country_ends_and_stays_as_the_past() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let member = support::member();
    assert!(!in_directory(&store, &member, "bf").await);
    store
        .set_place_tie(
            &staff,
            &midh(),
            &place("works-on", "country:BF", "2019", "public"),
        )
        .await
        .unwrap();
    assert_lists_follow(store.db(), "after work on a country was added").await;
    let page = store
        .organisation(&member, &OrgId::parse("midh").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(page.works_in.iter().any(|c| c.code.as_str() == "BF"));
    let added = page
        .places
        .iter()
        .find(|p| p.place.key() == country("bf"))
        .expect("listed with its years");
    assert_eq!((added.since, added.until), (Some(2019), None));
    assert_eq!(added.source.as_deref(), Some("OMCT annual report 2024"));
    assert!(in_directory(&store, &member, "bf").await);

    // Ending before it began is refused on the year; writes nothing.
    match store
        .end_place_tie(
            &staff,
            &midh(),
            PlaceKind::WorksOn,
            &country("bf"),
            2010,
            None,
        )
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "until"),
        other => panic!("{other:?}"),
    }
    store
        .end_place_tie(
            &staff,
            &midh(),
            PlaceKind::WorksOn,
            &country("bf"),
            2024,
            None,
        )
        .await
        .unwrap();
    assert_lists_follow(store.db(), "after work on a country ended").await;
    let page = store
        .organisation(&member, &OrgId::parse("midh").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !page.works_in.iter().any(|c| c.code.as_str() == "BF"),
        "not a country of today"
    );
    let ended = page
        .places
        .iter()
        .find(|p| p.place.key() == country("bf"))
        .expect("kept as the past");
    assert_eq!(ended.until, Some(2024));
    assert!(!in_directory(&store, &member, "bf").await);
    let burkina = store
        .country(&member, &CountryCode::parse("BF").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(!burkina
        .based_here
        .iter()
        .chain(&burkina.working_here)
        .any(|o| o.id.as_str() == "midh"));

    // A relation already ended is not ended again: refused on the year.
    match store
        .end_place_tie(
            &staff,
            &midh(),
            PlaceKind::WorksOn,
            &country("bf"),
            2025,
            None,
        )
        .await
    {
        Err(WorkError::Invalid(p)) => {
            assert_eq!(
                (p[0].field.as_str(), &p[0].problem),
                ("until", &shared::Problem::AlreadyEnded)
            )
        }
        other => panic!("{other:?}"),
    }
    // A place that does not exist is refused on the field.
    let nowhere = PlaceTieForm {
        kind: "works-on".into(),
        place: "theme:no-such-theme".into(),
        ..PlaceTieForm::default()
    }
    .check()
    .unwrap();
    match store.set_place_tie(&staff, &midh(), &nowhere).await {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "place"),
        other => panic!("{other:?}"),
    }
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log
        .items
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| a.starts_with("organisation.place"))
        .collect();
    assert_eq!(actions, ["organisation.place_end", "organisation.place"]);
}

#[tokio::test]
async fn a_new_seat_ends_the_old_one_and_a_mistake_is_deleted() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = OrgId::parse("midh").unwrap();
    let before = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    let old_seat = before.based_in.clone().expect("MIDH has a seat");
    assert_ne!(old_seat.code.as_str(), "SN");
    store
        .set_place_tie(
            &staff,
            &midh(),
            &place("based-in", "country:SN", "2023", "public"),
        )
        .await
        .unwrap();
    let after = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.based_in.map(|c| c.code.as_str().to_owned()),
        Some("SN".into())
    );
    let old = after
        .places
        .iter()
        .find(|p| {
            p.kind == PlaceKind::BasedIn
                && p.place.key() == PlaceKey::Country(old_seat.code.clone())
        })
        .expect("the old seat stays as the past");
    assert_eq!(old.until, Some(2023));
    assert_lists_follow(store.db(), "after a move").await;

    // Entered by mistake: deleted, and gone from the page.
    store
        .delete_place_tie(&staff, &midh(), PlaceKind::BasedIn, &country("sn"), None)
        .await
        .unwrap();
    let page = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    assert!(!page.places.iter().any(|p| p.place.key() == country("sn")));
    assert_lists_follow(store.db(), "after a delete").await;
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.place_delete".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1, "the delete is audited");
}

#[tokio::test]
async fn a_place_is_never_more_open_than_its_record_and_hidden_ones_are_not_touched() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    // Work the network may not know of: staff only.
    let theme = store.themes()[0].id.clone();
    store
        .set_place_tie(
            &staff,
            &midh(),
            &place("works-on", &format!("theme:{theme}"), "", "staff"),
        )
        .await
        .unwrap();
    let member_page = store
        .organisation(&support::member(), &OrgId::parse("midh").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !member_page
            .places
            .iter()
            .any(|p| matches!(&p.place, Place::Theme(t) if t.id == theme)
                && p.visibility == shared::Visibility::Staff),
        "a member does not read a staff-only place"
    );

    // A person's place takes the person's level: Eren Keskin's page is
    // staff-side, so a 'public' place on her is staff-side too.
    let eren = PersonId::parse("eren-keskin").unwrap();
    let holder = PlaceHolder::Person(eren.clone());
    store
        .set_place_tie(
            &staff,
            &holder,
            &place("works-on", "country:TR", "1990", "public"),
        )
        .await
        .unwrap();
    let person = store.person(&staff.viewer, &eren).await.unwrap().unwrap();
    let tie = person
        .places
        .iter()
        .find(|p| p.place.key() == country("tr") && p.kind == PlaceKind::WorksOn)
        .expect("on her page");
    assert!(tie.visibility >= person.visibility);

    // An admin's restricted relation: staff can neither end nor delete it,
    // answered as for a pair with no relation.
    store
        .set_place_tie(
            &admin,
            &midh(),
            &place("works-on", "country:ML", "", "restricted"),
        )
        .await
        .unwrap();
    let hidden = country("ml");
    assert!(matches!(
        store
            .end_place_tie(&staff, &midh(), PlaceKind::WorksOn, &hidden, 2025, None)
            .await,
        Err(WorkError::NotFound)
    ));
    assert!(matches!(
        store
            .delete_place_tie(&staff, &midh(), PlaceKind::WorksOn, &hidden, None)
            .await,
        Err(WorkError::NotFound)
    ));
    let staff_page = store
        .organisation(&staff.viewer, &OrgId::parse("midh").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(!staff_page.places.iter().any(|p| p.place.key() == hidden));
    assert!(!staff_page.works_in.iter().any(|c| c.code.as_str() == "ML"));
    // Staff adding that work write theirs beside the hidden one, which
    // stays as it was; they read only theirs.
    store
        .set_place_tie(
            &staff,
            &midh(),
            &place("works-on", "country:ML", "2019", "public"),
        )
        .await
        .unwrap();
    let mut levels: Vec<serde_json::Value> = store
        .db()
        .query(
            "SELECT VALUE [visibility, since] FROM works_on
             WHERE in = organisation:midh AND out = country:ml",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    levels.sort_by_key(|v| v[0].as_str().unwrap_or_default().to_owned());
    assert_eq!(
        levels,
        vec![
            serde_json::json!(["public", 2019]),
            serde_json::json!(["restricted", null])
        ]
    );
    let staff_page = store
        .organisation(&staff.viewer, &OrgId::parse("midh").unwrap())
        .await
        .unwrap()
        .unwrap();
    let seen: Vec<Visibility> = staff_page
        .places
        .iter()
        .filter(|p| p.place.key() == hidden)
        .map(|p| p.visibility)
        .collect();
    assert_eq!(seen, vec![Visibility::Public]);
    // Staff cannot write above their clearance.
    assert!(matches!(
        store
            .set_place_tie(
                &staff,
                &midh(),
                &place("works-on", "country:NE", "", "restricted")
            )
            .await,
        Err(WorkError::Invalid(_))
    ));
    assert_lists_follow(store.db(), "after the refusals").await;
}

#[tokio::test]
async fn the_history_shows_a_place_only_to_readers_of_its_level_and_the_future_is_refused() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let id = OrgId::parse("midh").unwrap();
    store
        .set_place_tie(
            &staff,
            &midh(),
            &place("works-on", "country:ML", "2022", "staff"),
        )
        .await
        .unwrap();
    let lines = |viewer: shared::Viewer| {
        let store = &store;
        let id = id.clone();
        async move {
            use app::directory::store::Editing;
            store
                .organisation_history(&viewer, &id)
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.action.starts_with("organisation.place"))
                .count()
        }
    };
    assert_eq!(lines(support::staff()).await, 1, "staff read their line");
    assert_eq!(
        lines(support::member()).await,
        0,
        "a member does not learn of a staff-only place from the history"
    );

    // An end year to come would take the relation out of today's network
    // before its time: refused on the field, nothing written.
    let next_year = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    match store
        .end_place_tie(
            &staff,
            &midh(),
            PlaceKind::WorksOn,
            &country("ml"),
            next_year,
            None,
        )
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "until"),
        other => panic!("{other:?}"),
    }
    assert_eq!(lines(support::staff()).await, 1);
}

#[tokio::test]
async fn the_organisation_form_writes_beside_a_relation_its_editor_cannot_read() {
    use app::directory::store::Editing;
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    let id = OrgId::parse("midh").unwrap();
    let theme = store.themes()[0].id.clone();
    let org = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !org.themes.iter().any(|t| t.id == theme),
        "the test needs a theme MIDH does not work on"
    );
    store
        .set_place_tie(
            &admin,
            &midh(),
            &place("works-on", &format!("theme:{theme}"), "", "restricted"),
        )
        .await
        .unwrap();
    let form = shared::OrgEditForm {
        version: org.version.to_string(),
        name: Some(org.name.clone()),
        acronym: org.acronym.clone(),
        city: org.city.clone().unwrap_or_default(),
        website: org.website.clone().unwrap_or_default(),
        email: org.email.clone().unwrap_or_default(),
        description: org.description.text.clone(),
        description_lang: org.description.lang.clone(),
        visibility: Some(org.visibility.as_str().into()),
        kind: Some(org.kind.as_str().into()),
        member_since: org.member_since.map(|y| y.to_string()),
        country: org.based_in.as_ref().map(|c| c.code.as_str().to_owned()),
        themes: [(theme.to_string(), "on".to_string())].into(),
        ..shared::OrgEditForm::default()
    };
    let edit = form.check(Role::Staff).unwrap();
    // The editor's theme is written beside the hidden relation, which is
    // neither reopened nor refused on (either would tell them of it).
    store
        .update_organisation(&staff.user, &staff.viewer, &id, &edit, "127.0.0.1")
        .await
        .unwrap();
    let mut levels: Vec<String> = store
        .db()
        .query(
            "SELECT VALUE visibility FROM works_on WHERE in = organisation:midh AND out = $theme",
        )
        .bind((
            "theme",
            surrealdb::types::RecordId::new("theme", theme.as_str()),
        ))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    levels.sort();
    assert_eq!(levels, vec![org.visibility.as_str(), "restricted"]);
    let after = store
        .organisation(&staff.viewer, &id)
        .await
        .unwrap()
        .unwrap();
    assert!(after.themes.iter().any(|t| t.id == theme));
    assert_lists_follow(store.db(), "after the edit beside a hidden relation").await;
}
