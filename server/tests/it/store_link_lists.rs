//! The list of relations the database keeps on each node (migration 0009)
//! always says what the relations themselves say: after relations are
//! created, closed, deleted, and after a node is closed or deleted. The
//! graph traversal trusts it in place of the relations.

use crate::support;
use app::graph::store::Traversal;
use serde_json::Value;
use server::db::Db;
use shared::graph::EDGE_TABLES;
use std::collections::BTreeMap;

type Lists = BTreeMap<String, Vec<String>>;

/// What each node's list should hold, read from the relations.
async fn from_relations(db: &Db) -> Lists {
    let mut expected = Lists::new();
    for table in EDGE_TABLES {
        let rows: Vec<Value> = db
            .query(format!(
                "SELECT VALUE [<string> id, <string> in, <string> out, visibility, in_visibility, out_visibility, until] FROM {table}"
            ))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        for row in rows {
            let entry = row.to_string();
            for end in [&row[1], &row[2]] {
                expected
                    .entry(end.as_str().unwrap().to_owned())
                    .or_default()
                    .push(entry.clone());
            }
        }
    }
    expected.values_mut().for_each(|v| v.sort());
    expected
}

/// What the lists hold; a node that overflowed is listed as such.
async fn kept(db: &Db) -> Lists {
    let rows: Vec<Value> = db
        .query(
            "SELECT VALUE [record::id(id), overflow, (links ?? []).map(|$l| [<string> $l.id, <string> $l.in, <string> $l.out, $l.visibility, $l.in_visibility, $l.out_visibility, $l.until])] FROM link_count",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let mut lists = Lists::new();
    for row in rows {
        let node = row[0].as_str().unwrap().to_owned();
        let mut entries: Vec<String> = if row[1].as_bool().unwrap() {
            vec!["overflow".to_owned()]
        } else {
            row[2]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::to_string)
                .collect()
        };
        entries.sort();
        if !entries.is_empty() {
            lists.insert(node, entries);
        }
    }
    lists
}

async fn run(db: &Db, sql: &str) {
    db.query(sql).await.unwrap().check().unwrap();
}

pub(crate) async fn assert_lists_follow(db: &Db, when: &str) {
    assert_eq!(kept(db).await, from_relations(db).await, "{when}");
}

#[tokio::test]
async fn each_node_lists_its_relations_as_they_change() {
    let db = support::empty_db().await;
    run(
        &db,
        "FOR $k IN ['a', 'b', 'c', 'd'] {
            CREATE type::record('organisation', $k) CONTENT { name: 'Org ' + $k, kind: 'member', visibility: 'public' };
         };
         CREATE person:p CONTENT { name: 'Person P', visibility: 'restricted' };
         RELATE organisation:a->partner_of->organisation:b SET visibility = 'public';
         RELATE organisation:b->partner_of->organisation:c SET visibility = 'network';
         RELATE organisation:c->partner_of->organisation:d SET visibility = 'public';
         RELATE person:p->member_of->organisation:a SET visibility = 'public';
         RELATE organisation:a->based_in->country:ch SET visibility = 'public';",
    )
    .await;
    assert_lists_follow(&db, "created").await;

    run(
        &db,
        "UPDATE partner_of SET visibility = 'staff' WHERE in = organisation:a;",
    )
    .await;
    assert_lists_follow(&db, "a relation closed").await;

    run(&db, "UPDATE organisation:b SET visibility = 'restricted';").await;
    assert_lists_follow(&db, "a node closed").await;

    run(
        &db,
        "UPDATE partner_of SET since = 2020 WHERE in = organisation:c;",
    )
    .await;
    assert_lists_follow(&db, "a relation edited elsewhere").await;

    run(
        &db,
        "UPDATE partner_of SET until = 2024 WHERE in = organisation:b;",
    )
    .await;
    assert_lists_follow(&db, "a relation ended").await;

    run(&db, "DELETE partner_of WHERE in = organisation:c;").await;
    assert_lists_follow(&db, "a relation deleted").await;

    run(&db, "DELETE organisation:a;").await;
    assert_lists_follow(&db, "a node deleted with its relations").await;
}

#[tokio::test]
async fn a_node_with_hundreds_of_relations_stops_listing_them_and_is_walked_as_before() {
    let db = support::empty_db().await;
    run(
        &db,
        "CREATE organisation:hub CONTENT { name: 'Hub', kind: 'network', visibility: 'public' };
         FOR $i IN 0..401 {
            LET $leaf = type::record('organisation', 'leaf' + <string> $i);
            CREATE $leaf CONTENT { name: 'Leaf ' + <string> $i, kind: 'member', visibility: 'public' };
            RELATE $leaf->member_of->organisation:hub SET visibility = 'public';
         };",
    )
    .await;
    let lists = kept(&db).await;
    assert_eq!(lists["organisation:hub"], vec!["overflow".to_owned()]);
    assert_eq!(lists["organisation:leaf0"].len(), 1);

    // Walked from the hub, through its graph pointers: every member.
    let store = server::store::SurrealStore::new(db.clone());
    let hub = shared::graph::NodeId::parse("organisation:hub").unwrap();
    let seen = store
        .neighbourhood(&support::anonymous(), &hub, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen.graph.nodes.len(), 402);
    assert_eq!(seen.graph.edges.len(), 401);
}

#[tokio::test]
async fn relations_written_before_0009_are_listed_by_the_upgrade() {
    use server::db::migrations;
    let db = support::db_before_migration("0009_link_lists").await;
    run(
        &db,
        "CREATE organisation:a CONTENT { name: 'Org A', kind: 'member', visibility: 'public' };
         CREATE organisation:r CONTENT { name: 'Org R', kind: 'member', visibility: 'restricted' };
         CREATE person:p CONTENT { name: 'Person P', visibility: 'public' };
         RELATE organisation:a->partner_of->organisation:r SET visibility = 'public';
         RELATE person:p->member_of->organisation:a SET visibility = 'staff';",
    )
    .await;
    let upgraded = migrations::apply(&db).await.unwrap();
    assert_eq!(upgraded[0], "0009_link_lists", "{upgraded:?}");
    assert_eq!(
        upgraded.len(),
        server::db::migrations::MIGRATIONS.len() - 8,
        "every later one too"
    );
    assert_lists_follow(&db, "upgraded").await;
    assert_eq!(kept(&db).await["organisation:a"].len(), 2);
    let counts: Vec<Vec<i64>> = db
        .query("SELECT VALUE n FROM link_count:`organisation:a`")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    // public, network, staff, all: the partner is restricted, the member staff.
    assert_eq!(counts, vec![vec![0, 0, 1, 2]]);
}

#[tokio::test]
async fn relations_ended_before_0015_carry_their_year_in_the_lists() {
    use server::db::migrations;
    let db = support::db_before_migration("0015_past_links").await;
    run(
        &db,
        "CREATE organisation:a CONTENT { name: 'Org A', kind: 'member', visibility: 'public' };
         CREATE organisation:b CONTENT { name: 'Org B', kind: 'network', visibility: 'public' };
         CREATE organisation:c CONTENT { name: 'Org C', kind: 'member', visibility: 'public' };
         RELATE organisation:a->member_of->organisation:b SET visibility = 'public', until = 2019;
         RELATE organisation:a->partner_of->organisation:c SET visibility = 'public';",
    )
    .await;
    let upgraded = migrations::apply(&db).await.unwrap();
    assert_eq!(upgraded[0], "0015_past_links", "{upgraded:?}");
    assert_lists_follow(&db, "upgraded").await;
    let years: Vec<Option<i64>> = db
        .query("SELECT VALUE links.until FROM ONLY link_count:`organisation:a`")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let mut years = years;
    years.sort();
    assert_eq!(years, vec![None, Some(2019)]);
}

/// Every reader gets the same ego networks from the lists as from the
/// graph pointers, on relations and nodes of every visibility, with grants.
#[tokio::test]
async fn the_lists_answer_as_the_relations_do_for_every_reader() {
    use shared::graph::NodeId;
    use shared::{Viewer, Visibility};
    let db = support::empty_db().await;
    run(
        &db,
        "LET $levels = ['public', 'network', 'staff', 'restricted'];
         FOR $i IN 0..16 {
            CREATE type::record('organisation', 'o' + <string> $i) CONTENT {
                name: 'Org ' + <string> $i, kind: 'member', visibility: $levels[$i % 4] };
         };
         FOR $i IN 0..16 {
            FOR $j IN [($i + 1) % 16, ($i + 3) % 16, ($i + 6) % 16] {
                RELATE (type::record('organisation', 'o' + <string> $i))->partner_of->(type::record('organisation', 'o' + <string> $j))
                    SET visibility = $levels[($i + $j) % 4];
            };
         };",
    )
    .await;
    let store = server::store::SurrealStore::new(db.clone());
    let readers = [
        Viewer::anonymous(),
        Viewer::with_clearance(Visibility::Network),
        Viewer::with_clearance(Visibility::Staff),
        Viewer::with_clearance(Visibility::Staff)
            .with_grants(vec!["organisation:o3".into(), "organisation:o11".into()]),
    ];
    let answers = || async {
        let mut all = Vec::new();
        for reader in &readers {
            for i in 0..16 {
                let start = NodeId::parse(&format!("organisation:o{i}")).unwrap();
                for depth in 1..=3 {
                    let seen = store.neighbourhood(reader, &start, depth).await.unwrap();
                    all.push(seen.map(|n| (ids_of(&n.graph), n.graph.edges.len())));
                }
            }
        }
        all
    };
    let from_lists = answers().await;
    assert!(
        from_lists
            .iter()
            .flatten()
            .any(|(nodes, _)| nodes.len() > 3),
        "the fixture has neighbourhoods to compare"
    );
    run(&db, "UPDATE link_count SET links = NONE, overflow = true;").await;
    assert_eq!(from_lists, answers().await);
}

fn ids_of(g: &shared::graph::Subgraph) -> Vec<String> {
    g.nodes.iter().map(|n| n.id.to_string()).collect()
}
