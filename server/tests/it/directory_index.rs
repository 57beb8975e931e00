//! The directory held in memory answers every search exactly as the
//! database does (same organisations, same order, same counts and facets),
//! for every reader, grants included; and it never answers from before a
//! write.

use crate::support::http::{app_with_readers, works_in};
use crate::support::{self, admin, anonymous, listening, member, staff};
use app::directory::store::Search;
use server::seed::{dataset, synthetic};
use server::store::SurrealStore;
use shared::{
    CountryCode, DirectoryQuery, OrgKind, OrgSort, Region, Role, SearchText, ThemeId, Viewer,
    Visibility,
};
use std::time::Duration;

async fn strings(store: &SurrealStore, sql: &str) -> Vec<String> {
    store
        .db()
        .query(sql)
        .await
        .unwrap()
        .check()
        .unwrap()
        .take(0)
        .unwrap()
}

/// Readers of every level, and staff granted restricted organisations.
async fn readers(store: &SurrealStore) -> Vec<Viewer> {
    let restricted = strings(
        store,
        "SELECT VALUE record::id(id) FROM organisation WHERE visibility = 'restricted' LIMIT 3",
    )
    .await;
    assert!(!restricted.is_empty(), "the network has restricted records");
    let grants = restricted
        .iter()
        .map(|k| format!("organisation:{k}"))
        .chain([
            "country:ke".to_owned(),
            "theme:arbitrary-detention".to_owned(),
        ])
        .collect();
    vec![
        anonymous(),
        member(),
        staff(),
        admin(),
        Viewer::with_clearance(Visibility::Staff).with_grants(grants),
    ]
}

/// Words of names, acronyms and descriptions, whole and cut short, alone
/// and together, with accents and in capitals: the searches people type.
async fn searches(store: &SurrealStore) -> Vec<String> {
    let names = strings(
        store,
        "SELECT VALUE name FROM organisation ORDER BY name LIMIT 12",
    )
    .await;
    let acronyms = strings(
        store,
        "SELECT VALUE acronym FROM organisation WHERE acronym != NONE LIMIT 6",
    )
    .await;
    let descriptions = strings(
        store,
        "SELECT VALUE description FROM organisation WHERE description != '' LIMIT 4",
    )
    .await;
    let mut out: Vec<String> = vec![
        "torture".into(),
        "Tortured defenders".into(),
        "droits de l'homme".into(),
        "Égalité".into(),
        "justice".into(),
        "ligue".into(),
        "centre for".into(),
        "omct".into(),
        "x".into(),
        "zzzz-nothing".into(),
        "women women".into(),
        "2024".into(),
    ];
    for name in &names {
        out.push(name.clone());
        let first = name.split_whitespace().next().unwrap_or(name);
        out.push(first.chars().take(4).collect());
        out.push(name.to_uppercase());
    }
    out.extend(acronyms);
    for d in &descriptions {
        out.push(d.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    }
    out
}

fn queries(texts: &[String]) -> Vec<DirectoryQuery> {
    let mut out = Vec::new();
    for sort in [
        OrgSort::Relevance,
        OrgSort::Name,
        OrgSort::Country,
        OrgSort::Newest,
    ] {
        for page in [1, 2] {
            out.push(DirectoryQuery {
                sort,
                page,
                ..Default::default()
            });
        }
        out.push(DirectoryQuery {
            sort,
            region: Some(Region::Africa),
            ..Default::default()
        });
        out.push(DirectoryQuery {
            sort,
            country: Some(CountryCode::parse("KE").unwrap()),
            kind: Some(OrgKind::Member),
            ..Default::default()
        });
    }
    for text in texts {
        out.push(DirectoryQuery {
            q: SearchText::parse(text).unwrap(),
            ..Default::default()
        });
    }
    for text in texts.iter().take(6) {
        out.push(DirectoryQuery {
            q: SearchText::parse(text).unwrap(),
            sort: OrgSort::Country,
            region: Some(Region::Africa),
            ..Default::default()
        });
    }
    out.extend([
        DirectoryQuery {
            theme: Some(ThemeId::parse("arbitrary-detention").unwrap()),
            ..Default::default()
        },
        DirectoryQuery {
            theme: Some(ThemeId::parse("arbitrary-detention").unwrap()),
            region: Some(Region::Americas),
            sort: OrgSort::Newest,
            ..Default::default()
        },
        DirectoryQuery {
            country: Some(CountryCode::parse("FR").unwrap()),
            region: Some(Region::Africa),
            ..Default::default()
        },
        DirectoryQuery {
            kind: Some(OrgKind::Partner),
            page: 3,
            ..Default::default()
        },
        DirectoryQuery {
            page: 400,
            ..Default::default()
        },
    ]);
    out
}

async fn agree_on_everything(store: &SurrealStore) -> usize {
    let _listener = listening(store).await;
    assert!(store.read_directory_index().await.unwrap());
    assert!(store.directory_index_is_current());
    let texts = searches(store).await;
    let queries = queries(&texts);
    let mut compared = 0;
    for viewer in readers(store).await {
        assert_eq!(
            store.facets(&viewer).await.unwrap(),
            store.facets_from_database(&viewer).await.unwrap(),
            "facets of {viewer:?}"
        );
        assert_eq!(
            app::directory::store::Places::summary(store, &viewer)
                .await
                .unwrap(),
            store.summary_from_database(&viewer).await.unwrap(),
            "the home page's figures for {viewer:?}"
        );
        for query in &queries {
            let kept = store.directory(&viewer, query).await.unwrap();
            let database = store.directory_from_database(&viewer, query).await.unwrap();
            assert_eq!(kept, database, "{query:?} as {viewer:?}");
            compared += 1;
        }
    }
    assert!(
        store.directory_index_is_current(),
        "the answers came from the index"
    );
    compared
}

#[tokio::test]
async fn directory_index_agrees_with_the_database_on_the_demo_network() {
    let store = support::demo_store().await;
    let compared = agree_on_everything(&store).await;
    assert!(compared > 300, "{compared}");
}

#[tokio::test]
async fn directory_index_agrees_with_the_database_on_a_generated_network() {
    let db = support::empty_db().await;
    dataset::write(&db, &synthetic::generate(600, 7))
        .await
        .unwrap();
    let store = SurrealStore::new(db);
    agree_on_everything(&store).await;
}

/// A write answered over HTTP is in the very next search (the index is old
/// at once, the database answers), and in the index once it is read again.
#[tokio::test]
async fn a_write_is_in_the_next_search() {
    let (store, app, readers) = app_with_readers().await;
    let _listener = listening(&store).await;
    assert!(store.read_directory_index().await.unwrap());
    let planner = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let in_kenya = DirectoryQuery {
        country: Some(CountryCode::parse("KE").unwrap()),
        per_page: 100,
        ..Default::default()
    };
    let keys = |page: &shared::Page<shared::OrgSummary>| {
        page.items
            .iter()
            .map(|o| o.id.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    let before = store.directory(&anonymous(), &in_kenya).await.unwrap();
    assert!(store.directory_index_is_current());
    let org = "midh";
    assert!(!keys(&before).contains(&org.to_owned()));

    works_in(&app, planner, org, "KE").await;
    let after = store.directory(&anonymous(), &in_kenya).await.unwrap();
    assert!(keys(&after).contains(&org.to_owned()), "seen at once");
    assert_eq!(after.total, before.total + 1);

    let mut current = false;
    for _ in 0..300 {
        if store.directory_index_is_current() {
            current = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(current, "a new index is read after the write");
    let from_index = store.directory(&anonymous(), &in_kenya).await.unwrap();
    assert_eq!(from_index, after);
}

/// Sign-in attempts are audited but change nothing searched: anyone can
/// make them, and they must not keep the index old.
#[tokio::test]
async fn sign_in_attempts_leave_the_index_current() {
    use app::accounts::store::Sessions;
    let store = support::demo_store().await;
    let _listener = listening(&store).await;
    assert!(store.read_directory_index().await.unwrap());
    let before = store.changes().now();
    // A member: no second factor, so the right password opens a session.
    let account = server::seed::accounts::DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let _ = store
        .sign_in(account.email, "not the password", "tests")
        .await
        .unwrap();
    let signed_in = store
        .sign_in(account.email, account.password, "tests")
        .await
        .unwrap();
    assert!(matches!(
        signed_in,
        app::accounts::store::SignInOutcome::SignedIn { .. }
    ));
    let lines: Vec<String> = strings(
        &store,
        "SELECT VALUE action FROM audit WHERE action CONTAINS 'sign_in'",
    )
    .await;
    assert!(lines.len() >= 2, "the attempts were audited: {lines:?}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(store.changes().now(), before, "nothing kept was made old");
    assert!(store.directory_index_is_current());
}
