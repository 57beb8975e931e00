//! Server functions of the graph explorer: a neighbourhood laid out and
//! grouped into communities, and the shortest chains between two nodes.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use shared::graph::{GraphPath, Subgraph};

/// What the explorer draws: the nodes and edges, where each node goes, and
/// its community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphView {
    pub graph: Subgraph,
    pub truncated: bool,
    /// Per node, in the order of `graph.nodes`.
    pub positions: Vec<(f32, f32)>,
    pub communities: Vec<usize>,
    /// Community number → the label of its most connected node.
    pub community_names: Vec<(usize, String)>,
}

impl GraphView {
    /// Lays out and groups a neighbourhood: bounded work done on the server,
    /// so the browser never has to.
    pub fn of(graph: Subgraph, truncated: bool) -> Self {
        let positions = shared::graph_layout::layout(&graph);
        let of = shared::graph::communities(&graph);
        let communities = graph.nodes.iter().map(|n| of[&n.id]).collect();
        let community_names = shared::graph::community_names(&graph, &of)
            .into_iter()
            .collect();
        Self {
            graph,
            truncated,
            positions,
            communities,
            community_names,
        }
    }
}

#[cfg(feature = "ssr")]
fn graph_store() -> Result<crate::graph::store::SharedGraph, AppError> {
    use_context::<crate::graph::store::SharedGraph>().ok_or_else(|| {
        tracing::error!("no graph store in the request context");
        AppError::Internal
    })
}

#[cfg(feature = "ssr")]
fn node(field: &str, raw: &str) -> Result<shared::graph::NodeId, AppError> {
    shared::graph::NodeId::parse(raw).map_err(|e| AppError::Invalid(vec![e.at(field)]))
}

#[server(input = Json, endpoint = "graph")]
pub async fn fetch_graph(
    start: String,
    depth: Option<String>,
    past: Option<bool>,
) -> Result<GraphView, AppError> {
    let start = node("start", &start)?;
    let depth = match depth.as_deref().unwrap_or("2").trim() {
        "1" => 1,
        "2" => 2,
        "3" => 3,
        other => {
            return Err(AppError::Invalid(vec![shared::ValidationError::new(
                "depth",
                shared::Problem::NotOneOf {
                    allowed: vec!["1".into(), "2".into(), "3".into()],
                },
            )
            .with_value(other)]))
        }
    };
    let viewer = crate::accounts::auth::context::viewer();
    use crate::graph::work_gate;
    if work_gate::anonymous(&viewer) && depth > work_gate::ANONYMOUS_DEPTH {
        return Err(AppError::Invalid(vec![shared::ValidationError::new(
            "depth",
            shared::Problem::NotOneOf {
                allowed: vec!["1".into(), "2".into()],
            },
        )
        .with_value(depth.to_string())]));
    }
    work_gate::run(&viewer, async {
        let store = graph_store()?;
        let found = if past.unwrap_or(false) {
            store
                .neighbourhood_with_past(&viewer, &start, depth)
                .await?
        } else {
            store.neighbourhood(&viewer, &start, depth).await?
        }
        .ok_or(AppError::NotFound)?;
        // What a signed-in reader sees beyond the public graph, and may
        // save as SVG or PNG from the page.
        if !work_gate::anonymous(&viewer) {
            crate::accounts::access_log::record(
                "read.graph",
                Some(start.to_string()),
                found.graph.nodes.len(),
            )
            .await?;
        }
        // Laying out 2,000 nodes takes tens of milliseconds of a core: not
        // on a worker that other requests are waiting for.
        tokio::task::spawn_blocking(move || GraphView::of(found.graph, found.truncated))
            .await
            .map_err(|e| {
                tracing::error!("graph layout: {e}");
                AppError::Internal
            })
    })
    .await
}

/// How many of the shortest chains the path finder shows.
#[cfg(feature = "ssr")]
const PATHS_SHOWN: usize = 5;

/// The shortest chains from `from` to `to`: a node id (`organisation:omct`)
/// or a name, looked up among everything the reader may see. A name that
/// matches nothing readable has no path, exactly like a hidden node.
#[server(input = Json, endpoint = "graph-paths")]
pub async fn fetch_paths(from: String, to: String) -> Result<Vec<GraphPath>, AppError> {
    let from = node("start", &from)?;
    let to = to.trim();
    if to.chars().count() > 200 {
        return Err(AppError::Invalid(vec![shared::ValidationError::new(
            "to",
            shared::Problem::TooLong { max: 200 },
        )]));
    }
    let viewer = crate::accounts::auth::context::viewer();
    let store = graph_store()?;
    crate::graph::work_gate::run(&viewer, async {
        let to = match shared::graph::NodeId::parse(to) {
            Ok(id) => id,
            Err(_) => match store.find_node(&viewer, to).await? {
                Some(id) => id,
                None => return Ok(Vec::new()),
            },
        };
        let paths = store.paths(&viewer, &from, &to, PATHS_SHOWN).await?;
        if !crate::graph::work_gate::anonymous(&viewer) {
            crate::accounts::access_log::record(
                "read.graph",
                Some(format!("{from} to {to}")),
                paths.len(),
            )
            .await?;
        }
        Ok(paths)
    })
    .await
}

#[server(input = Json, endpoint = "network-stats")]
pub async fn fetch_network_stats() -> Result<shared::network_stats::NetworkStats, AppError> {
    let viewer = crate::accounts::auth::context::viewer();
    let store = graph_store()?;
    let work =
        crate::graph::work_gate::run(&viewer, async { Ok(store.network_stats(&viewer).await?) });
    match public_answers(&viewer) {
        Some(answers) => answers.network_stats.get_or(work).await,
        None => work.await,
    }
}

#[server(input = Json, endpoint = "world-map")]
pub async fn fetch_world_map() -> Result<Vec<shared::network_stats::MapCountry>, AppError> {
    let viewer = crate::accounts::auth::context::viewer();
    let store = graph_store()?;
    let work = crate::graph::work_gate::run(&viewer, async { Ok(store.world_map(&viewer).await?) });
    match public_answers(&viewer) {
        Some(answers) => answers.world_map.get_or(work).await,
        None => work.await,
    }
}

/// The answers anonymous visitors share, when this reader is one.
#[cfg(feature = "ssr")]
fn public_answers(
    viewer: &shared::Viewer,
) -> Option<std::sync::Arc<crate::graph::public_answers::PublicAnswers>> {
    crate::graph::work_gate::anonymous(viewer)
        .then(use_context::<std::sync::Arc<crate::graph::public_answers::PublicAnswers>>)
        .flatten()
}
