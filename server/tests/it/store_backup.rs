//! A SurrealDB export restores the database exactly. The other tests rely on
//! it: their demo database is restored from an export (`support::demo_store`).

use crate::support::{demo_export, demo_store, export, loaded_demo_store};
use server::db::Db;
use std::collections::BTreeMap;

async fn table_names(db: &Db) -> Vec<String> {
    let info: Option<serde_json::Value> = db.query("INFO FOR DB").await.unwrap().take(0).unwrap();
    let mut names: Vec<String> = info
        .and_then(|i| i.get("tables").and_then(|t| t.as_object()).cloned())
        .expect("the database lists its tables")
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

async fn counts(db: &Db) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for table in table_names(db).await {
        let n: Option<u64> = db
            .query("RETURN count(SELECT VALUE id FROM type::table($table))")
            .bind(("table", table.clone()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        counts.insert(table, n.unwrap_or(0));
    }
    counts
}

#[tokio::test]
async fn a_restored_export_is_the_database_it_was_made_from() {
    let restored = demo_store().await;
    assert!(
        export(restored.db()).await == demo_export().await,
        "exporting the restored database gives back the export it came from"
    );
}

#[tokio::test]
async fn the_restored_demo_holds_what_loading_the_demo_writes() {
    let loaded = loaded_demo_store().await;
    let restored = demo_store().await;
    let loaded_counts = counts(loaded.db()).await;
    assert_eq!(counts(restored.db()).await, loaded_counts);
    assert!(loaded_counts["organisation"] > 300 && loaded_counts["link_count"] > 1000);

    // The restored indexes and events work: search finds the same names, and
    // a new relation is counted on both ends.
    let search = "RETURN count(SELECT id FROM organisation WHERE name @@ 'torture')";
    let found = |db: &Db| {
        let db = db.clone();
        async move {
            db.query(search)
                .await
                .unwrap()
                .take::<Option<u64>>(0)
                .unwrap()
        }
    };
    assert_eq!(found(restored.db()).await, found(loaded.db()).await);
    let links =
        "RELATE organisation:omct->partner_of->organisation:midh SET visibility = 'public'; \
                 RETURN link_count:⟨organisation:midh⟩.n[3]";
    let before: Option<i64> = restored
        .db()
        .query("RETURN link_count:⟨organisation:midh⟩.n[3]")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let after: Option<i64> = restored.db().query(links).await.unwrap().take(1).unwrap();
    assert_eq!(
        after,
        before.map(|n| n + 1),
        "the link count follows a new relation"
    );
}
