//! The seam for the graph explorer: traversals run in the store, with the
//! reader's visibility.

use crate::error::StoreError;
use shared::graph::{GraphPath, NodeId, Subgraph};
use shared::Viewer;
use std::sync::Arc;

/// A neighbourhood: the nodes reached and the edges between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbourhood {
    pub graph: Subgraph,
    /// The node limit cut the traversal short.
    pub truncated: bool,
}

/// Walking the graph: neighbourhoods, paths, and finding a node by name.
/// Implemented in `server/src/store/graph/traversal.rs`.
#[async_trait::async_trait]
pub trait Traversal: Send + Sync + 'static {
    /// The neighbourhood of `start` to `depth` steps (1–3) through the
    /// relations that last, or `None` when the start is absent or hidden
    /// from the reader.
    async fn neighbourhood(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<Neighbourhood>, StoreError>;

    /// The same through the relations that ended too (the past).
    async fn neighbourhood_with_past(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<Neighbourhood>, StoreError>;

    /// The shortest chains (up to `max`) from `from` to `to` through what
    /// the reader may see (relations that last).
    async fn paths(
        &self,
        viewer: &Viewer,
        from: &NodeId,
        to: &NodeId,
        max: usize,
    ) -> Result<Vec<GraphPath>, StoreError>;

    /// The readable node a reader means by `name`, anywhere in the network:
    /// the same label (ignoring case) first, else the shortest label that
    /// contains it. `None` when nothing the reader may see is called so.
    async fn find_node(&self, viewer: &Viewer, name: &str) -> Result<Option<NodeId>, StoreError>;
}

/// Statistics of the network, over what the reader may see.
/// Implemented in `server/src/store/graph/network_stats.rs`.
#[async_trait::async_trait]
pub trait NetworkStatistics: Send + Sync + 'static {
    async fn network_stats(
        &self,
        viewer: &Viewer,
    ) -> Result<shared::network_stats::NetworkStats, StoreError>;
}

/// The world map's countries.
/// Implemented in `server/src/store/graph/world_map.rs`.
#[async_trait::async_trait]
pub trait WorldMap: Send + Sync + 'static {
    /// Every country with an outline, its organisations and cases.
    async fn world_map(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::network_stats::MapCountry>, StoreError>;
}

/// Everything the graph pages ask of the store, as one context value.
pub trait Graph: Traversal + NetworkStatistics + WorldMap {}

impl<T> Graph for T where T: Traversal + NetworkStatistics + WorldMap {}

pub type SharedGraph = Arc<dyn Graph>;
