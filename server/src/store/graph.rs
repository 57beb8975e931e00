//! The network as a graph, traversed inside the store with the reader's
//! visibility: an edge is followed only when the edge and both of its ends
//! are readable, so a hidden node is never reached, nor anything behind it
//! that only it connects.

use super::trials::key_of;
use super::{internal, SurrealStore};
use app::store::StoreError;
use shared::graph::{GraphEdge, GraphNode, GraphPath, NodeId, Subgraph, EDGE_TABLES};
use shared::Viewer;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use surrealdb::types::{RecordId, SurrealValue};

/// Most nodes one answer holds; a larger neighbourhood is cut (and said so).
pub const NODE_LIMIT: usize = 5_000;
/// Longest chain the path finder looks for.
pub const PATH_DEPTH: usize = 6;

#[derive(Debug, SurrealValue)]
struct EdgeRow {
    r#in: RecordId,
    out: RecordId,
}

#[derive(Debug, SurrealValue)]
struct LabelRow {
    id: RecordId,
    label: Option<String>,
}

fn node_of(r: &RecordId) -> Option<NodeId> {
    NodeId::parse(&format!("{}:{}", r.table, key_of(r))).ok()
}

fn record_of(n: &NodeId) -> RecordId {
    RecordId::new(n.table(), n.key())
}

/// One statement per relation table: the readable edges touching `$f`.
fn around_sql() -> String {
    EDGE_TABLES
        .iter()
        .map(|t| {
            // The inner select picks the edges at the frontier; only those
            // have their ends fetched for the visibility check.
            format!(
                "SELECT in, out FROM (SELECT in, out, visibility FROM {t} WHERE in IN $f OR out IN $f)
                    WHERE (visibility IN $vis OR in IN $granted OR out IN $granted)
                    AND (in.visibility IN $vis OR in IN $granted)
                    AND (out.visibility IN $vis OR out IN $granted);"
            )
        })
        .collect()
}

/// A neighbourhood: the nodes reached and the edges between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbourhood {
    pub graph: Subgraph,
    /// The node limit cut the traversal short.
    pub truncated: bool,
}

impl SurrealStore {
    /// The readable edges touching any node of `frontier`.
    async fn edges_around(
        &self,
        viewer: &Viewer,
        frontier: &BTreeSet<NodeId>,
    ) -> Result<Vec<GraphEdge>, StoreError> {
        let records: Vec<RecordId> = frontier.iter().map(record_of).collect();
        let mut response = self
            .query_for(viewer, around_sql())
            .bind(("f", records))
            .await
            .map_err(internal)?;
        let mut edges = Vec::new();
        for (i, kind) in EDGE_TABLES.iter().enumerate() {
            let rows: Vec<EdgeRow> = response.take(i).map_err(internal)?;
            edges.extend(rows.into_iter().filter_map(|r| {
                Some(GraphEdge {
                    from: node_of(&r.r#in)?,
                    to: node_of(&r.out)?,
                    kind: (*kind).to_owned(),
                })
            }));
        }
        Ok(edges)
    }

    /// Labels of the readable nodes among `ids`; the others are left out.
    async fn labelled(
        &self,
        viewer: &Viewer,
        ids: &BTreeSet<NodeId>,
    ) -> Result<Vec<GraphNode>, StoreError> {
        let records: Vec<RecordId> = ids.iter().map(record_of).collect();
        let rows: Vec<LabelRow> = self
            .query_for(
                viewer,
                "SELECT id, (name ?? title ?? case_name) AS label FROM $ids
                 WHERE (visibility IN $vis OR id IN $granted)",
            )
            .bind(("ids", records))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let id = node_of(&r.id)?;
                Some(GraphNode {
                    label: r.label.unwrap_or_else(|| id.key().to_owned()),
                    id,
                })
            })
            .collect())
    }

    /// The ego network of `start` to `depth` steps (1–3), or `None` when the
    /// start is absent or hidden from the reader.
    pub async fn ego_network(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<Neighbourhood>, StoreError> {
        let first: BTreeSet<NodeId> = [start.clone()].into();
        if self.labelled(viewer, &first).await?.is_empty() {
            return Ok(None);
        }
        let mut seen = first.clone();
        let mut frontier = first;
        let mut edges: BTreeSet<GraphEdge> = BTreeSet::new();
        let mut truncated = false;
        for _ in 0..depth.clamp(1, 3) {
            let mut next = BTreeSet::new();
            for e in self.edges_around(viewer, &frontier).await? {
                for end in [&e.from, &e.to] {
                    if !seen.contains(end) {
                        if seen.len() + next.len() >= NODE_LIMIT {
                            truncated = true;
                            continue;
                        }
                        next.insert(end.clone());
                    }
                }
                edges.insert(e);
            }
            seen.extend(next.iter().cloned());
            if next.is_empty() || truncated {
                break;
            }
            frontier = next;
        }
        // Relations among the outermost nodes count too.
        for e in self.edges_around(viewer, &frontier).await? {
            edges.insert(e);
        }
        let nodes = self.labelled(viewer, &seen).await?;
        let kept: BTreeSet<&NodeId> = nodes.iter().map(|n| &n.id).collect();
        let edges = edges
            .into_iter()
            .filter(|e| kept.contains(&e.from) && kept.contains(&e.to))
            .collect();
        Ok(Some(Neighbourhood {
            graph: Subgraph { nodes, edges },
            truncated,
        }))
    }

    /// The shortest chains (up to `max`) from `from` to `to` through what the
    /// reader may see; empty when there is none within [`PATH_DEPTH`] steps.
    pub async fn shortest_paths(
        &self,
        viewer: &Viewer,
        from: &NodeId,
        to: &NodeId,
        max: usize,
    ) -> Result<Vec<GraphPath>, StoreError> {
        let ends: BTreeSet<NodeId> = [from.clone(), to.clone()].into();
        if self.labelled(viewer, &ends).await?.len() != ends.len() {
            return Ok(Vec::new());
        }
        if from == to {
            let node = self.labelled(viewer, &ends).await?;
            return Ok(vec![GraphPath {
                nodes: node,
                edges: Vec::new(),
            }]);
        }
        // Breadth first, keeping every parent on a shortest route.
        let mut parents: BTreeMap<NodeId, Vec<(NodeId, GraphEdge)>> = BTreeMap::new();
        let mut level: BTreeMap<NodeId, usize> = [(from.clone(), 0)].into();
        let mut frontier: BTreeSet<NodeId> = [from.clone()].into();
        let mut found = false;
        for depth in 1..=PATH_DEPTH {
            let mut next = BTreeSet::new();
            for e in self.edges_around(viewer, &frontier).await? {
                let (near, far) = if frontier.contains(&e.from) {
                    (&e.from, &e.to)
                } else {
                    (&e.to, &e.from)
                };
                if !frontier.contains(near) {
                    continue;
                }
                match level.get(far) {
                    Some(d) if *d < depth => continue,
                    _ => {}
                }
                level.insert(far.clone(), depth);
                parents
                    .entry(far.clone())
                    .or_default()
                    .push((near.clone(), e.clone()));
                next.insert(far.clone());
            }
            if next.contains(to) {
                found = true;
                break;
            }
            if next.is_empty() || level.len() > NODE_LIMIT * 4 {
                break;
            }
            frontier = next;
        }
        if !found {
            return Ok(Vec::new());
        }
        // Walk back from `to`, each way a shortest chain.
        let mut chains: Vec<Vec<(NodeId, Option<GraphEdge>)>> = Vec::new();
        let mut stack: VecDeque<Vec<(NodeId, Option<GraphEdge>)>> =
            [vec![(to.clone(), None)]].into();
        while let Some(partial) = stack.pop_front() {
            if chains.len() >= max {
                break;
            }
            let (head, _) = partial.last().cloned().unwrap_or((to.clone(), None));
            if &head == from {
                chains.push(partial);
                continue;
            }
            let mut ways = parents.get(&head).cloned().unwrap_or_default();
            ways.sort();
            ways.dedup();
            for (parent, edge) in ways {
                let mut longer = partial.clone();
                if let Some(last) = longer.last_mut() {
                    last.1 = Some(edge);
                }
                longer.push((parent, None));
                stack.push_back(longer);
            }
        }
        let all: BTreeSet<NodeId> = chains.iter().flatten().map(|(n, _)| n.clone()).collect();
        let labels: BTreeMap<NodeId, GraphNode> = self
            .labelled(viewer, &all)
            .await?
            .into_iter()
            .map(|n| (n.id.clone(), n))
            .collect();
        Ok(chains
            .into_iter()
            .filter_map(|mut chain| {
                chain.reverse();
                let nodes: Option<Vec<GraphNode>> =
                    chain.iter().map(|(n, _)| labels.get(n).cloned()).collect();
                let edges: Vec<GraphEdge> = chain.iter().filter_map(|(_, e)| e.clone()).collect();
                Some(GraphPath {
                    nodes: nodes?,
                    edges,
                })
            })
            .collect())
    }
}

#[async_trait::async_trait]
impl app::graph_store::GraphReader for SurrealStore {
    async fn neighbourhood(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<(Subgraph, bool)>, StoreError> {
        Ok(self
            .ego_network(viewer, start, depth)
            .await?
            .map(|n| (n.graph, n.truncated)))
    }

    async fn paths(
        &self,
        viewer: &Viewer,
        from: &NodeId,
        to: &NodeId,
    ) -> Result<Vec<GraphPath>, StoreError> {
        self.shortest_paths(viewer, from, to, 5).await
    }

    async fn network_stats(
        &self,
        viewer: &Viewer,
    ) -> Result<shared::network_stats::NetworkStats, StoreError> {
        SurrealStore::network_stats(self, viewer).await
    }

    async fn world_map(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::network_stats::MapCountry>, StoreError> {
        // Natural Earth outlines from the world-atlas package (ISC licence,
        // see assets/world-110m.LICENSE), keyed by ISO 3166 numeric code.
        static OUTLINES: &str = include_str!("../../assets/world-110m.json");
        let outlines: BTreeMap<String, String> = serde_json::from_str(OUTLINES)
            .map_err(|e| StoreError::Internal(format!("world outlines: {e}")))?;
        let counts: BTreeMap<String, u64> = super::places::countries(self, viewer)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|c| (c.country.code.key(), c.organisations))
            .collect();
        Ok(crate::db::reference::countries()
            .into_iter()
            .filter_map(|c| {
                let numeric: u32 = c.numeric.as_deref()?.trim().parse().ok()?;
                let path = outlines.get(&format!("{numeric:03}"))?.clone();
                let key = c.alpha2.to_ascii_lowercase();
                let country = self.country_by_key(&key)?.clone();
                Some(shared::network_stats::MapCountry {
                    organisations: counts.get(&key).copied().unwrap_or(0),
                    country,
                    path,
                })
            })
            .collect())
    }
}
