//! The benchmark on a small generated network: the store and the in-memory
//! floor give the same answers, and the table says what was measured.

use bench::{markdown, run, Plan};
use std::time::Duration;

#[tokio::test]
async fn store_and_floor_agree_on_every_answer() {
    let plan = Plan {
        sizes: vec![600],
        runs: 8,
        budget: Duration::from_secs(30),
        seed: 5,
        memory: true,
        database: None,
    };
    let mut steps = Vec::new();
    let reports = run(&plan, |s| steps.push(s.to_owned())).await.unwrap();
    assert_eq!(reports.len(), 1);
    let report = &reports[0];
    assert!((500..800).contains(&report.nodes), "{} nodes", report.nodes);
    assert!(report.edges > report.nodes * 3, "{} edges", report.edges);
    let queries: Vec<&str> = report.lines.iter().map(|l| l.query.as_str()).collect();
    assert_eq!(
        queries,
        [
            "ego network, depth 2",
            "ego network, depth 3",
            "shortest path",
            "directory search with facets, anonymous",
            "directory search with facets, member",
            "directory search with facets, staff",
            "directory list by name with facets, staff",
            "explorer data (depth 2, laid out)"
        ]
    );
    for line in &report.lines {
        assert_eq!(line.store.runs, 8, "{}", line.query);
        assert!(line.store.median <= line.store.p95);
        if let Some((same, of)) = line.agreed {
            assert_eq!(same, of, "{}: the store and petgraph disagree", line.query);
            assert_eq!(of, 8);
        }
    }
    assert!(steps.iter().any(|s| s.contains("shortest path")));
    let table = markdown(&plan, &reports);
    assert!(table.contains("| Nodes | Edges |"));
    assert_eq!(table.matches("\n| ").count(), 1 + 8, "{table}");
    assert!(table.contains("the directory index was ready"), "{table}");
    assert!(table.contains("mem://"));
}
