//! The synthetic generator, written to a real database: same seed, same graph.

use crate::support;
use app::directory::store::Search;
use server::seed::{dataset, synthetic};
use server::store::SurrealStore;
use shared::{DirectoryQuery, OrgKind, Region, SearchText, Viewer, Visibility};

async fn store_with(orgs: usize, seed: u64) -> SurrealStore {
    let db = support::empty_db().await;
    dataset::write(&db, &synthetic::generate(orgs, seed))
        .await
        .unwrap();
    SurrealStore::new(db)
}

#[tokio::test]
async fn the_same_seed_gives_the_same_directory() {
    let (a, b) = (store_with(400, 42).await, store_with(400, 42).await);
    let queries = [
        DirectoryQuery {
            page: 1,
            ..Default::default()
        },
        DirectoryQuery {
            region: Some(Region::Africa),
            page: 2,
            ..Default::default()
        },
        DirectoryQuery {
            kind: Some(OrgKind::Partner),
            page: 1,
            ..Default::default()
        },
        DirectoryQuery {
            q: SearchText::parse("justice").unwrap(),
            page: 1,
            ..Default::default()
        },
    ];
    for viewer in [
        Viewer::anonymous(),
        Viewer::with_clearance(Visibility::Restricted),
    ] {
        for q in &queries {
            assert_eq!(
                a.directory(&viewer, q).await.unwrap(),
                b.directory(&viewer, q).await.unwrap(),
                "{q:?}"
            );
        }
        assert_eq!(
            a.facets(&viewer).await.unwrap(),
            b.facets(&viewer).await.unwrap()
        );
    }
}

#[tokio::test]
async fn the_written_graph_matches_the_generated_one() {
    let data = synthetic::generate(300, 5);
    let store = store_with(300, 5).await;
    let everyone = Viewer::with_clearance(Visibility::Restricted);
    let all = store
        .directory(
            &everyone,
            &DirectoryQuery {
                page: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(all.total, 300);
    let public = data
        .orgs
        .iter()
        .filter(|o| o.visibility == Visibility::Public)
        .count() as u64;
    let seen = store
        .directory(
            &Viewer::anonymous(),
            &DirectoryQuery {
                page: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(seen.total, public);
    let edges: Vec<i64> = store
        .db()
        .query("RETURN count(SELECT id FROM member_of) + count(SELECT id FROM partner_of) + count(SELECT id FROM based_in) + count(SELECT id FROM works_on)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(edges, vec![data.edges.len() as i64]);
}
