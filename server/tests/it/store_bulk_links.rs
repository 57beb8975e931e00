//! The bulk path (an import, the demo, a generated network) leaves on each
//! node exactly the link counts, lists and overflow marks that writing its
//! relations one at a time leaves, including a node that passes 400
//! relations and batches appended to lists that already exist.

use crate::support;
use serde_json::Value;
use server::db::Db;
use server::seed::dataset::{self, Dataset, EdgeKind, EdgeSeed, NodeRef};
use server::seed::synthetic;
use shared::graph::EDGE_TABLES;
use shared::Visibility;
use std::collections::BTreeMap;

/// Each node's counts, overflow mark and list, without the relations' ids
/// (chosen at random by each path), in the list's order.
async fn links(db: &Db) -> BTreeMap<String, Value> {
    let rows: Vec<Value> = db
        .query(
            "SELECT VALUE [record::id(id), n, overflow, (links ?? []).map(|$l| [record::tb($l.id), <string> $l.in, <string> $l.out, $l.visibility, $l.in_visibility, $l.out_visibility, $l.until])] FROM link_count",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    rows.into_iter()
        .map(|r| (r[0].as_str().unwrap().to_owned(), r))
        .collect()
}

/// The same relations written one statement each, as the pages write them.
async fn one_by_one(db: &Db, edges: &[EdgeSeed]) {
    for e in edges {
        let note = match e.kind {
            EdgeKind::MemberOf => "role",
            EdgeKind::PartnerOf => "context",
            EdgeKind::BasedIn | EdgeKind::WorksOn => "note_unused",
        };
        let set = if matches!(e.kind, EdgeKind::MemberOf | EdgeKind::PartnerOf) {
            format!("visibility = $v, since = $since, {note} = $note")
        } else {
            "visibility = $v".to_owned()
        };
        db.query(format!(
            "RELATE (type::record($ft, $fk))->{}->(type::record($tt, $tk)) SET {set}",
            e.kind.table()
        ))
        .bind(("ft", e.from.table))
        .bind(("fk", e.from.key.clone()))
        .bind(("tt", e.to.table))
        .bind(("tk", e.to.key.clone()))
        .bind(("v", e.visibility.as_str()))
        .bind(("since", e.since.map(i64::from)))
        .bind(("note", e.note.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    }
}

/// A generated network, plus a hub of 450 partnerships (past the 400 a list
/// keeps) and more than one batch of one kind.
fn network() -> Dataset {
    let mut data = synthetic::generate(460, 7);
    let hub = data.orgs[0].key.clone();
    let mut partnerships = Vec::new();
    for (i, other) in data.orgs.iter().skip(1).enumerate().take(450) {
        let level = [
            Visibility::Public,
            Visibility::Network,
            Visibility::Restricted,
        ][i % 3];
        partnerships.push(
            EdgeSeed::new(
                EdgeKind::PartnerOf,
                NodeRef::org(hub.clone()),
                NodeRef::org(other.key.clone()),
                level,
            )
            .since(2001)
            .note("joint reports"),
        );
    }
    // 300 written one by one, then 150 in bulk onto a list of over 300:
    // the batch fits in 400 but the list does not.
    let later = partnerships.split_off(300);
    data.edges.splice(0..0, partnerships);
    data.edges.extend(later);
    let mut taken: std::collections::HashSet<(String, String)> = data
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::WorksOn)
        .map(|e| (e.from.key.clone(), e.to.key.clone()))
        .collect();
    let themes: Vec<&str> = server::db::reference::THEMES
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let orgs: Vec<String> = data.orgs.iter().map(|o| o.key.clone()).collect();
    'fill: for theme in &themes {
        for org in &orgs {
            if taken.len() >= 2_100 {
                break 'fill;
            }
            if taken.insert((org.clone(), theme.to_string())) {
                data.edges.push(EdgeSeed::new(
                    EdgeKind::WorksOn,
                    NodeRef::org(org.clone()),
                    NodeRef::theme(*theme),
                    Visibility::Public,
                ));
            }
        }
    }
    data
}

#[tokio::test]
async fn bulk_writes_leave_the_counts_and_lists_of_one_by_one_writes() {
    let data = network();
    assert!(data.orgs.len() > 450, "the hub needs 450 partners");
    let (first, second) = data.edges.split_at(data.edges.len() / 2);

    // The first half one by one, then the second half in bulk on top of it.
    let bulk = support::empty_db().await;
    let nodes_only = Dataset {
        edges: Vec::new(),
        ..data.clone()
    };
    dataset::write(&bulk, &nodes_only).await.unwrap();
    one_by_one(&bulk, first).await;
    let rest = Dataset {
        orgs: Vec::new(),
        persons: Vec::new(),
        edges: second.to_vec(),
    };
    dataset::write(&bulk, &rest).await.unwrap();

    let single = support::empty_db().await;
    dataset::write(&single, &nodes_only).await.unwrap();
    one_by_one(&single, first).await;
    // The bulk writer takes the relations kind by kind, in the order given.
    let mut by_kind = second.to_vec();
    by_kind.sort_by_key(|e| e.kind);
    one_by_one(&single, &by_kind).await;

    let (got, want) = (links(&bulk).await, links(&single).await);
    assert_eq!(got.len(), want.len(), "the same nodes keep counts");
    for (node, expected) in &want {
        assert_eq!(got.get(node), Some(expected), "{node}");
    }
    let overflowed = want.values().filter(|r| r[2] == Value::Bool(true)).count();
    assert!(overflowed >= 1, "a node passed 400 relations");
    for table in EDGE_TABLES {
        let count = |db: &Db| {
            let db = db.clone();
            async move {
                let n: Option<i64> = db
                    .query(format!("RETURN count(SELECT VALUE id FROM {table})"))
                    .await
                    .unwrap()
                    .take(0)
                    .unwrap();
                n.unwrap_or(0)
            }
        };
        assert_eq!(count(&bulk).await, count(&single).await, "{table}");
    }
}
