//! The graph in the store: ego networks, shortest paths and exports on a
//! small graph with known answers, for readers of every level. A hidden node
//! is never shown, and never used as a stepping stone.

use crate::support;
use app::graph::store::{NetworkStatistics, Traversal};
use server::store::SurrealStore;
use shared::graph::{communities, to_gexf, to_graphml, NodeId};
use std::collections::BTreeSet;

fn n(id: &str) -> NodeId {
    NodeId::parse(id).unwrap()
}

/// a – b – c – d in public; b – d only for staff; c – r – e through a
/// restricted organisation; a – x – c a second short way; p is a member of a.
async fn fixture() -> SurrealStore {
    let db = support::empty_db().await;
    db.query(
        "FOR $k IN ['a', 'b', 'c', 'd', 'e', 'x'] {
            CREATE type::record('organisation', $k) CONTENT { name: 'Org ' + string::uppercase($k), kind: 'member', visibility: 'public' };
         };
         CREATE organisation:r CONTENT { name: 'Org R', kind: 'member', visibility: 'restricted' };
         CREATE person:p CONTENT { name: 'Person P', visibility: 'public' };
         RELATE organisation:a->partner_of->organisation:b SET visibility = 'public';
         RELATE organisation:b->partner_of->organisation:c SET visibility = 'public';
         RELATE organisation:c->partner_of->organisation:d SET visibility = 'public';
         RELATE organisation:b->partner_of->organisation:d SET visibility = 'staff';
         RELATE organisation:c->partner_of->organisation:r SET visibility = 'public';
         RELATE organisation:r->partner_of->organisation:e SET visibility = 'public';
         RELATE organisation:a->partner_of->organisation:x SET visibility = 'public';
         RELATE organisation:x->partner_of->organisation:c SET visibility = 'public';
         RELATE person:p->member_of->organisation:a SET visibility = 'public';
         RELATE organisation:a->based_in->country:ch SET visibility = 'public';",
    )
    .await
    .unwrap()
    .check()
    .unwrap();
    SurrealStore::new(db)
}

fn ids(g: &shared::graph::Subgraph) -> BTreeSet<String> {
    g.nodes.iter().map(|n| n.id.to_string()).collect()
}

#[tokio::test]
async fn ego_networks_grow_by_depth_and_stop_at_what_the_reader_may_see() {
    let store = fixture().await;
    let one = store
        .neighbourhood(&support::anonymous(), &n("organisation:a"), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ids(&one.graph),
        [
            "country:ch",
            "organisation:a",
            "organisation:b",
            "organisation:x",
            "person:p"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(one.graph.edges.len(), 4);
    let two = store
        .neighbourhood(&support::anonymous(), &n("organisation:a"), 2)
        .await
        .unwrap()
        .unwrap();
    assert!(ids(&two.graph).contains("organisation:c"));
    assert!(
        !ids(&two.graph).contains("organisation:d"),
        "b–d is staff-only"
    );
    let three = store
        .neighbourhood(&support::staff(), &n("organisation:a"), 3)
        .await
        .unwrap()
        .unwrap();
    assert!(ids(&three.graph).contains("organisation:d"));
    assert!(!ids(&three.graph).contains("organisation:r"));
    assert!(
        !ids(&three.graph).contains("organisation:e"),
        "only reachable through r"
    );
    let admin = store
        .neighbourhood(&support::admin(), &n("organisation:a"), 3)
        .await
        .unwrap()
        .unwrap();
    assert!(ids(&admin.graph).contains("organisation:r"));
    // A hidden start is absent, not empty.
    assert!(store
        .neighbourhood(&support::staff(), &n("organisation:r"), 1)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .neighbourhood(&support::anonymous(), &n("organisation:nope"), 1)
        .await
        .unwrap()
        .is_none());
    // Every edge joins two nodes of the answer.
    for g in [&one.graph, &two.graph, &three.graph, &admin.graph] {
        let nodes = ids(g);
        assert!(g
            .edges
            .iter()
            .all(|e| nodes.contains(&e.from.to_string()) && nodes.contains(&e.to.to_string())));
    }
}

#[tokio::test]
async fn shortest_paths_use_only_what_the_reader_may_see() {
    let store = fixture().await;
    let chain = |p: &shared::graph::GraphPath| {
        p.nodes
            .iter()
            .map(|n| n.id.key().to_owned())
            .collect::<Vec<_>>()
            .join("-")
    };
    let public = store
        .paths(
            &support::anonymous(),
            &n("organisation:a"),
            &n("organisation:d"),
            5,
        )
        .await
        .unwrap();
    let mut found: Vec<String> = public.iter().map(chain).collect();
    found.sort();
    assert_eq!(found, ["a-b-c-d", "a-x-c-d"], "both shortest chains");
    assert!(public
        .iter()
        .all(|p| p.edges.len() == 3 && p.edges.iter().all(|e| e.kind == "partner_of")));
    let staff = store
        .paths(
            &support::staff(),
            &n("organisation:a"),
            &n("organisation:d"),
            5,
        )
        .await
        .unwrap();
    assert_eq!(staff.iter().map(chain).collect::<Vec<_>>(), ["a-b-d"]);
    // e is reachable only through the restricted r.
    let hidden = store
        .paths(
            &support::staff(),
            &n("organisation:a"),
            &n("organisation:e"),
            5,
        )
        .await
        .unwrap();
    assert!(hidden.is_empty(), "no path you can see");
    let admin = store
        .paths(&support::admin(), &n("person:p"), &n("organisation:e"), 5)
        .await
        .unwrap();
    assert_eq!(admin.len(), 2);
    assert!(admin
        .iter()
        .all(|p| p.nodes.len() == 6 && p.nodes[0].label == "Person P"));
    assert_eq!(admin[0].edges[0].kind, "member_of");
    // Asking for a hidden end answers like asking for an absent one.
    assert!(store
        .paths(
            &support::staff(),
            &n("organisation:r"),
            &n("organisation:a"),
            5
        )
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn exports_parse_back_with_the_same_nodes_and_edges() {
    let store = fixture().await;
    let g = store
        .neighbourhood(&support::staff(), &n("organisation:a"), 3)
        .await
        .unwrap()
        .unwrap()
        .graph;
    let graphml = to_graphml(&g);
    let doc = roxmltree::Document::parse(&graphml).expect("GraphML is well-formed XML");
    let count = |name: &str| doc.descendants().filter(|d| d.has_tag_name(name)).count();
    assert_eq!(count("node"), g.nodes.len());
    assert_eq!(count("edge"), g.edges.len());
    let node_ids: BTreeSet<&str> = doc
        .descendants()
        .filter(|d| d.has_tag_name("node"))
        .filter_map(|d| d.attribute("id"))
        .collect();
    assert!(doc
        .descendants()
        .filter(|d| d.has_tag_name("edge"))
        .all(|e| node_ids.contains(e.attribute("source").unwrap())
            && node_ids.contains(e.attribute("target").unwrap())));
    // Where a node is travels with it: Org A is based in Switzerland.
    let data_of = |id: &str, key: &str| -> Option<String> {
        doc.descendants()
            .find(|d| d.has_tag_name("node") && d.attribute("id") == Some(id))?
            .children()
            .find(|d| d.attribute("key") == Some(key))?
            .text()
            .map(str::to_owned)
    };
    assert_eq!(data_of("organisation:a", "country").as_deref(), Some("CH"));
    assert_eq!(
        data_of("organisation:a", "region").as_deref(),
        Some("europe-central-asia")
    );
    assert_eq!(data_of("organisation:b", "country"), None);
    let gexf = to_gexf(&g);
    let doc = roxmltree::Document::parse(&gexf).expect("GEXF is well-formed XML");
    assert_eq!(doc.root_element().attribute("version"), Some("1.3"));
    assert_eq!(
        doc.descendants().filter(|d| d.has_tag_name("node")).count(),
        g.nodes.len()
    );
    let a = doc
        .descendants()
        .find(|d| d.has_tag_name("node") && d.attribute("id") == Some("organisation:a"))
        .unwrap();
    assert!(a
        .descendants()
        .any(|v| v.attribute("for") == Some("1") && v.attribute("value") == Some("CH")));
    // The communities of the fixture: everything visible hangs together.
    let c = communities(&g);
    assert_eq!(c.len(), g.nodes.len());
}

#[tokio::test]
async fn network_statistics_count_what_the_reader_may_see() {
    let store = fixture().await;
    store
        .db()
        .query(
            "UPDATE organisation:d SET member_since = 2024;
             UPDATE organisation:e SET member_since = 2024;
             UPDATE organisation:a SET member_since = 2019;
             RELATE organisation:d->based_in->country:co SET visibility = 'public';",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    let public = store.network_stats(&support::anonymous()).await.unwrap();
    assert_eq!(public.members, 6, "a b c d e x; r is restricted");
    assert_eq!(public.partnerships, 5, "a-b b-c c-d a-x x-c");
    let histogram: Vec<(u32, u32)> = public.degree_histogram.clone();
    assert_eq!(histogram, [(0, 1), (1, 1), (2, 3), (3, 1)]);
    assert_eq!(public.most_connected[0].0.id.as_str(), "c");
    assert_eq!(public.most_connected[0].1, 3);
    let isolated: Vec<&str> = public.isolated.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(isolated, ["e"], "e's only partner is hidden");
    assert_eq!(public.newest_year, Some(2024));
    assert_eq!(public.newest.len(), 2);
    assert_eq!(
        public.cross_region, 0,
        "only a and d have a seat, and they are not partners"
    );
    let staff = store.network_stats(&support::staff()).await.unwrap();
    assert_eq!(staff.partnerships, 6, "b-d is staff-level");
    let admin = store.network_stats(&support::admin()).await.unwrap();
    assert_eq!(admin.members, 7);
    assert_eq!(admin.partnerships, 8);
    assert!(admin.isolated.is_empty());
}

#[tokio::test]
async fn the_demo_network_shows_the_six_members_of_2024() {
    let store = support::demo_store().await;
    let admin = store.network_stats(&support::admin()).await.unwrap();
    assert_eq!(admin.newest_year, Some(2024));
    assert_eq!(admin.newest.len(), server::seed::demo::JOINED_2024);
    let public = store.network_stats(&support::anonymous()).await.unwrap();
    assert!(public.members < admin.members);
    assert!(public.partnerships <= admin.partnerships);
    assert!(public.cross_region > 0, "partnerships cross regions");
    let by_region: u32 = public.members_by_region.iter().map(|(_, n)| n).sum();
    assert!(by_region <= public.members);
}

/// A star: one organisation partnered with more than the hub limit.
async fn star(leaves: usize) -> SurrealStore {
    let db = support::empty_db().await;
    db.query(
        "CREATE organisation:hub CONTENT { name: 'Hub', kind: 'network', visibility: 'public' };
         FOR $i IN 0..$n {
            LET $leaf = type::record('organisation', 'leaf' + <string> $i);
            CREATE $leaf CONTENT { name: 'Leaf ' + <string> $i, kind: 'member', visibility: 'public' };
            RELATE $leaf->member_of->organisation:hub SET visibility = 'public';
         };
         CREATE organisation:far CONTENT { name: 'Far', kind: 'member', visibility: 'public' };
         RELATE organisation:far->partner_of->organisation:leaf0 SET visibility = 'public';",
    )
    .bind(("n", leaves as i64))
    .await
    .unwrap()
    .check()
    .unwrap();
    SurrealStore::new(db)
}

#[tokio::test]
async fn a_hub_is_reached_but_not_walked_through() {
    use server::store::graph::traversal::HUB_LIMIT;
    let store = star(HUB_LIMIT + 10).await;
    let reader = support::anonymous();
    // From a leaf: the hub is there, its other members are not.
    let from_leaf = store
        .neighbourhood(&reader, &n("organisation:leaf0"), 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ids(&from_leaf.graph),
        ["organisation:far", "organisation:hub", "organisation:leaf0"]
            .map(String::from)
            .into()
    );
    assert!(!from_leaf.truncated);
    // From the hub itself: every member, and one step further.
    let from_hub = store
        .neighbourhood(&reader, &n("organisation:hub"), 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(from_hub.graph.nodes.len(), HUB_LIMIT + 10 + 2);
    assert_eq!(from_hub.graph.edges.len(), HUB_LIMIT + 10 + 1);
    // Two members meet at the hub: a chain passes through one hub at most.
    let paths = store
        .paths(
            &reader,
            &n("organisation:leaf1"),
            &n("organisation:leaf2"),
            5,
        )
        .await
        .unwrap();
    assert_eq!(paths.len(), 1);
    assert_eq!(paths[0].nodes[1].id, n("organisation:hub"));
    let through = store
        .paths(&reader, &n("organisation:far"), &n("organisation:leaf2"), 5)
        .await
        .unwrap();
    assert_eq!(through.len(), 1);
    assert_eq!(
        through[0]
            .nodes
            .iter()
            .map(|n| n.id.key())
            .collect::<Vec<_>>(),
        ["far", "leaf0", "hub", "leaf2"]
    );
    // Below the limit the same star is walked.
    let small = star(5).await;
    let walked = small
        .neighbourhood(&reader, &n("organisation:leaf0"), 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(walked.graph.nodes.len(), 5 + 2);
    assert_eq!(
        small
            .paths(&reader, &n("organisation:far"), &n("organisation:leaf2"), 5)
            .await
            .unwrap()[0]
            .edges
            .len(),
        3
    );
}

async fn reach(store: &SurrealStore, start: &str) -> BTreeSet<String> {
    ids(&store
        .neighbourhood(&support::anonymous(), &n(start), 1)
        .await
        .unwrap()
        .unwrap()
        .graph)
}

#[tokio::test]
async fn a_node_closed_or_opened_changes_what_its_neighbours_lead_to_at_once() {
    let store = fixture().await;
    assert!(reach(&store, "organisation:a")
        .await
        .contains("organisation:b"));
    assert!(!reach(&store, "organisation:c")
        .await
        .contains("organisation:r"));

    store
        .db()
        .query("UPDATE organisation:b SET visibility = 'restricted'; UPDATE organisation:r SET visibility = 'public';")
        .await
        .unwrap()
        .check()
        .unwrap();

    let from_a = reach(&store, "organisation:a").await;
    assert!(!from_a.contains("organisation:b"), "{from_a:?}");
    let from_c = reach(&store, "organisation:c").await;
    assert!(from_c.contains("organisation:r"), "{from_c:?}");
    let path = store
        .paths(
            &support::anonymous(),
            &n("organisation:c"),
            &n("organisation:e"),
            3,
        )
        .await
        .unwrap();
    assert_eq!(path.len(), 1);
    assert_eq!(path[0].nodes.len(), 3);
}

/// How many nodes the ego network of `start` at depth 2 holds for `viewer`.
async fn reached(store: &SurrealStore, viewer: &shared::Viewer, start: &str) -> usize {
    store
        .neighbourhood(viewer, &n(start), 2)
        .await
        .unwrap()
        .unwrap()
        .graph
        .nodes
        .len()
}

#[tokio::test]
async fn a_hub_is_known_from_what_each_reader_may_follow_as_links_and_nodes_change() {
    use server::store::graph::traversal::HUB_LIMIT;
    use shared::{Viewer, Visibility};
    let store = star(HUB_LIMIT + 1).await;
    let visitor = support::anonymous();
    let staff = Viewer::with_clearance(Visibility::Staff);
    let run = |sql: &'static str| {
        let db = store.db().clone();
        async move { db.query(sql).await.unwrap().check().unwrap() }
    };
    // 151 members: a hub for everyone. From leaf1: leaf1, the hub.
    assert_eq!(reached(&store, &visitor, "organisation:leaf1").await, 2);
    assert_eq!(reached(&store, &staff, "organisation:leaf1").await, 2);

    // Two members closed to staff: visitors follow 149 links, staff 151.
    run("UPDATE organisation:leaf5 SET visibility = 'staff'; UPDATE organisation:leaf6 SET visibility = 'staff';").await;
    assert_eq!(
        reached(&store, &visitor, "organisation:leaf1").await,
        HUB_LIMIT
    );
    assert_eq!(reached(&store, &staff, "organisation:leaf1").await, 2);

    // A link closed to staff by its own visibility, then a link deleted:
    // staff follow 150, the limit itself, so the hub is walked for them.
    run("UPDATE member_of SET visibility = 'staff' WHERE in = organisation:leaf7;").await;
    assert_eq!(
        reached(&store, &visitor, "organisation:leaf1").await,
        HUB_LIMIT - 1
    );
    run("DELETE member_of WHERE in = organisation:leaf8;").await;
    assert_eq!(
        reached(&store, &staff, "organisation:leaf1").await,
        HUB_LIMIT + 1
    );
    assert_eq!(
        reached(&store, &visitor, "organisation:leaf1").await,
        HUB_LIMIT - 2
    );

    // A new member makes it a hub again for staff; a deleted member (its
    // relations go with it) makes it walkable again.
    run(
        "CREATE organisation:new CONTENT { name: 'New', kind: 'member', visibility: 'public' };
         RELATE organisation:new->member_of->organisation:hub SET visibility = 'public';",
    )
    .await;
    assert_eq!(reached(&store, &staff, "organisation:leaf1").await, 2);
    run("DELETE organisation:leaf9;").await;
    assert_eq!(
        reached(&store, &staff, "organisation:leaf1").await,
        HUB_LIMIT + 1
    );
}

#[tokio::test]
async fn a_path_target_is_found_by_name_among_what_the_reader_may_see() {
    let store = fixture().await;
    let visitor = support::anonymous();
    let find = |name: &'static str| {
        let store = &store;
        let visitor = &visitor;
        async move {
            store
                .find_node(visitor, name)
                .await
                .unwrap()
                .map(|n| n.to_string())
        }
    };
    assert_eq!(find("  ORG c ").await.as_deref(), Some("organisation:c"));
    assert_eq!(find("person").await.as_deref(), Some("person:p"));
    // Several contain it: the same one every time.
    assert_eq!(find("org").await.as_deref(), Some("organisation:a"));
    // Org R is restricted: as absent as a name nobody carries.
    assert_eq!(find("Org R").await, None);
    assert_eq!(find("nobody").await, None);
    assert_eq!(find("   ").await, None);
}
