//! The schema: migrations from empty, re-runs, and the guard against edits.

use crate::support;
use app::graph::store::Traversal;
use server::config::DatabaseConfig;
use server::db::{self, migrations};

#[tokio::test]
async fn migrations_apply_once_from_empty() {
    let db = db::connect(&DatabaseConfig::memory()).await.unwrap();
    let first = migrations::apply(&db).await.unwrap();
    assert_eq!(first.len(), migrations::MIGRATIONS.len());
    let second = migrations::apply(&db).await.unwrap();
    assert!(second.is_empty(), "re-run applied {second:?}");
    let recorded: Vec<String> = db
        .query("SELECT VALUE name FROM migration ORDER BY name")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let expected: Vec<String> = migrations::MIGRATIONS
        .iter()
        .map(|m| m.name.to_owned())
        .collect();
    assert_eq!(recorded, expected);
}

#[tokio::test]
async fn reopening_an_embedded_database_keeps_one_copy_of_the_reference_data() {
    let dir = tempfile::tempdir().unwrap();
    let config = DatabaseConfig {
        url: format!("surrealkv://{}", dir.path().join("db").display()),
        ..DatabaseConfig::memory()
    };
    drop(db::open(&config).await.unwrap());
    // The embedded engine releases its lock file in the background once the
    // last handle is gone.
    let mut reopened = None;
    for _ in 0..100 {
        match db::open(&config).await {
            Ok(db) => {
                reopened = Some(db);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
    let db = reopened.expect("the database reopens");
    let countries: Option<i64> = db
        .query("RETURN count(SELECT id FROM country)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(countries, Some(db::reference::countries().len() as i64));
}

#[tokio::test]
async fn an_edited_migration_is_refused() {
    let db = support::empty_db().await;
    db.query("UPDATE migration SET checksum = 'tampered' WHERE name = $name")
        .bind(("name", migrations::MIGRATIONS[0].name))
        .await
        .unwrap()
        .check()
        .unwrap();
    let err = migrations::apply(&db).await.unwrap_err().to_string();
    assert!(err.contains("edited after it had been applied"), "{err}");
}

#[tokio::test]
async fn the_schema_rejects_invalid_records() {
    let db = support::empty_db().await;
    let bad = [
        "CREATE organisation:x CONTENT { name: 'X', kind: 'member', visibility: 'public' }",
        "CREATE organisation:x CONTENT { name: 'Xy', kind: 'club', visibility: 'public' }",
        "CREATE organisation:x CONTENT { name: 'Xy', kind: 'member', visibility: 'secret' }",
        "CREATE organisation:x CONTENT { name: 'Xy', kind: 'member', visibility: 'public', website: 'javascript:alert(1)' }",
        "CREATE organisation:x CONTENT { name: 'Xy', kind: 'member', visibility: 'public', member_since: 1900 }",
        "RELATE country:fr->based_in->country:ch CONTENT { visibility: 'public' }",
    ];
    for sql in bad {
        let result = db.query(sql).await.unwrap().check();
        assert!(result.is_err(), "accepted: {sql}");
    }
    let count: Option<i64> = db
        .query("RETURN count(SELECT id FROM organisation)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(count, Some(0));
}

#[tokio::test]
async fn relations_written_before_0007_get_the_visibility_of_their_ends() {
    let db = support::db_before_migration("0007_edge_ends").await;
    db.query(
        "CREATE organisation:a CONTENT { name: 'Org A', kind: 'member', visibility: 'public' };
         CREATE organisation:r CONTENT { name: 'Org R', kind: 'member', visibility: 'restricted' };
         RELATE organisation:a->partner_of->organisation:r SET visibility = 'public';",
    )
    .await
    .unwrap()
    .check()
    .unwrap();
    let upgraded = migrations::apply(&db).await.unwrap();
    assert_eq!(upgraded.first(), Some(&"0007_edge_ends"));
    let ends: Vec<(String, String)> = db
        .query("SELECT VALUE [in_visibility, out_visibility] FROM partner_of")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(ends, vec![("public".to_owned(), "restricted".to_owned())]);
}

#[tokio::test]
async fn relations_written_before_0008_are_counted_for_the_hub_rule() {
    use server::store::graph::traversal::HUB_LIMIT;
    let db = support::db_before_migration("0008_link_counts").await;
    // A hub for staff (two of its members are staff-only), not for visitors.
    db.query(
        "CREATE organisation:hub CONTENT { name: 'Hub', kind: 'network', visibility: 'public' };
         FOR $i IN 0..$n {
            LET $leaf = type::record('organisation', 'leaf' + <string> $i);
            CREATE $leaf CONTENT { name: 'Leaf ' + <string> $i, kind: 'member',
                visibility: IF $i < 2 { 'staff' } ELSE { 'public' } };
            RELATE $leaf->member_of->organisation:hub SET visibility = 'public';
         };",
    )
    .bind(("n", (HUB_LIMIT + 1) as i64))
    .await
    .unwrap()
    .check()
    .unwrap();
    let upgraded = migrations::apply(&db).await.unwrap();
    assert_eq!(upgraded.first(), Some(&"0008_link_counts"));
    let store = server::store::SurrealStore::new(db);
    let start = shared::graph::NodeId::parse("organisation:leaf5").unwrap();
    let reached = |g: app::graph::store::Neighbourhood| g.graph.nodes.len();
    let visitor = shared::Viewer::anonymous();
    let staff = shared::Viewer::with_clearance(shared::Visibility::Staff);
    // Visitors see 149 members: the hub is walked through.
    let seen = store
        .neighbourhood(&visitor, &start, 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reached(seen), HUB_LIMIT);
    // Staff see 151: the hub is reached, not walked.
    let seen = store
        .neighbourhood(&staff, &start, 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reached(seen), 2);
}
