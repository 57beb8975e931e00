//! The seam for the graph explorer: traversals run in the store, with the
//! reader's visibility.

use crate::error::StoreError;
use shared::graph::{GraphPath, NodeId, Subgraph};
use shared::Viewer;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait GraphReader: Send + Sync + 'static {
    /// The neighbourhood of `start` (`None`: absent or hidden), and whether
    /// the node limit cut it.
    async fn neighbourhood(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<(Subgraph, bool)>, StoreError>;

    async fn network_stats(
        &self,
        viewer: &Viewer,
    ) -> Result<shared::network_stats::NetworkStats, StoreError>;

    /// Every country with an outline, and its organisations.
    async fn world_map(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::network_stats::MapCountry>, StoreError>;

    async fn paths(
        &self,
        viewer: &Viewer,
        from: &NodeId,
        to: &NodeId,
    ) -> Result<Vec<GraphPath>, StoreError>;

    /// The readable node a reader means by `name`, anywhere in the network:
    /// the same label (ignoring case) first, else the shortest label that
    /// contains it. `None` when nothing the reader may see is called so.
    async fn find_node(&self, viewer: &Viewer, name: &str) -> Result<Option<NodeId>, StoreError>;
}

pub type SharedGraph = Arc<dyn GraphReader>;
