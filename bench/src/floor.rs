//! The floor of the benchmark: the same questions answered by an in-memory
//! graph (petgraph) built from the same data, with the same rules — the
//! reader's visibility, the hub limit, the node limit. Nothing a database
//! does can be faster than this; the gap is what the store costs.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use server::seed::dataset::{Dataset, NodeRef};
use server::store::graph::traversal::{HUB_LIMIT, NODE_LIMIT, PATH_DEPTH};
use shared::graph::{GraphEdge, GraphNode, NodeId, Subgraph};
use shared::{Viewer, Visibility};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct Node {
    pub id: NodeId,
    pub label: String,
    pub visibility: Visibility,
    /// Lower-case words of the name, for the directory search.
    pub words: Vec<String>,
    pub is_org: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub kind: &'static str,
    pub visibility: Visibility,
}

pub struct Floor {
    pub graph: UnGraph<Node, Link>,
    pub index: HashMap<NodeId, NodeIndex>,
}

fn node_id(r: &NodeRef) -> Option<NodeId> {
    NodeId::parse(&format!("{}:{}", r.table, r.key)).ok()
}

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Floor {
    pub fn build(data: &Dataset) -> Self {
        let mut graph =
            UnGraph::with_capacity(data.orgs.len() + data.persons.len() + 300, data.edges.len());
        let mut index = HashMap::new();
        let mut add = |graph: &mut UnGraph<Node, Link>, node: Node| {
            *index
                .entry(node.id.clone())
                .or_insert_with(|| graph.add_node(node))
        };
        for o in &data.orgs {
            if let Some(id) = node_id(&NodeRef::org(o.key.clone())) {
                let words = words(&format!(
                    "{} {}",
                    o.name,
                    o.acronym.as_deref().unwrap_or("")
                ));
                add(
                    &mut graph,
                    Node {
                        id,
                        label: o.name.clone(),
                        visibility: o.visibility,
                        words,
                        is_org: true,
                    },
                );
            }
        }
        for p in &data.persons {
            if let Some(id) = node_id(&NodeRef::person(p.key.clone())) {
                add(
                    &mut graph,
                    Node {
                        id,
                        label: p.name.clone(),
                        visibility: p.visibility,
                        words: Vec::new(),
                        is_org: false,
                    },
                );
            }
        }
        for e in &data.edges {
            let (Some(from), Some(to)) = (node_id(&e.from), node_id(&e.to)) else {
                continue;
            };
            // Countries and themes are reference data, public to everyone.
            let mut end = |id: NodeId| {
                let label = id.key().to_owned();
                add(
                    &mut graph,
                    Node {
                        id,
                        label,
                        visibility: Visibility::Public,
                        words: Vec::new(),
                        is_org: false,
                    },
                )
            };
            let (a, b) = (end(from), end(to));
            graph.add_edge(
                a,
                b,
                Link {
                    kind: e.kind.table(),
                    visibility: e.visibility,
                },
            );
        }
        Self { graph, index }
    }

    fn readable(&self, viewer: &Viewer, n: NodeIndex) -> bool {
        viewer.can_read(self.graph[n].visibility)
    }

    /// The readable links of `n` (edge readable, far end readable), at most
    /// `cap`, and whether there are more.
    fn links(&self, viewer: &Viewer, n: NodeIndex, cap: usize) -> (Vec<(NodeIndex, usize)>, bool) {
        let mut out = Vec::new();
        for e in self.graph.edges(n) {
            let far = if e.source() == n {
                e.target()
            } else {
                e.source()
            };
            if viewer.can_read(e.weight().visibility) && self.readable(viewer, far) {
                if out.len() == cap {
                    return (out, true);
                }
                out.push((far, e.id().index()));
            }
        }
        (out, false)
    }

    /// The ego network: (nodes, edges, truncated), as the store counts them.
    pub fn ego(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Option<(Vec<NodeIndex>, HashSet<usize>, bool)> {
        let s = *self.index.get(start)?;
        if !self.readable(viewer, s) {
            return None;
        }
        let mut seen: HashSet<NodeIndex> = [s].into();
        let mut order = vec![s];
        let mut edges = HashSet::new();
        let mut truncated = false;
        let mut frontier = vec![s];
        for step in 1..=depth {
            let mut next = Vec::new();
            let mut in_next = HashSet::new();
            for &n in &frontier {
                let (links, more) =
                    self.links(viewer, n, if n == s { NODE_LIMIT } else { HUB_LIMIT });
                if more {
                    if n != s {
                        continue;
                    }
                    truncated = true;
                }
                for (far, e) in links {
                    if !seen.contains(&far) && !in_next.contains(&far) {
                        if seen.len() + next.len() >= NODE_LIMIT {
                            truncated = true;
                            continue;
                        }
                        in_next.insert(far);
                        next.push(far);
                    }
                    edges.insert(e);
                }
            }
            seen.extend(next.iter().copied());
            order.extend(next.iter().copied());
            if next.is_empty() {
                break;
            }
            if step == depth {
                // As the store: outermost hubs count their readable edges.
                for &n in &next {
                    let readable: Vec<_> = self
                        .graph
                        .edges(n)
                        .filter(|e| viewer.can_read(e.weight().visibility))
                        .take(HUB_LIMIT + 1)
                        .collect();
                    if readable.len() > HUB_LIMIT {
                        continue;
                    }
                    edges.extend(
                        readable
                            .into_iter()
                            .filter(|e| seen.contains(&e.source()) && seen.contains(&e.target()))
                            .map(|e| e.id().index()),
                    );
                }
            }
            frontier = next;
        }
        edges.retain(|&e| {
            self.graph
                .edge_endpoints(petgraph::graph::EdgeIndex::new(e))
                .is_some_and(|(a, b)| seen.contains(&a) && seen.contains(&b))
        });
        Some((order, edges, truncated))
    }

    /// The ego network as the explorer receives it.
    pub fn ego_subgraph(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Option<(Subgraph, bool)> {
        let (nodes, edges, truncated) = self.ego(viewer, start, depth)?;
        let graph = Subgraph {
            nodes: nodes
                .iter()
                .map(|&n| GraphNode::new(self.graph[n].id.clone(), self.graph[n].label.clone()))
                .collect(),
            edges: edges
                .into_iter()
                .filter_map(|e| {
                    let (a, b) = self
                        .graph
                        .edge_endpoints(petgraph::graph::EdgeIndex::new(e))?;
                    Some(GraphEdge {
                        from: self.graph[a].id.clone(),
                        to: self.graph[b].id.clone(),
                        kind: self.graph[petgraph::graph::EdgeIndex::new(e)]
                            .kind
                            .to_owned(),
                        until: None,
                    })
                })
                .collect(),
        };
        Some((graph, truncated))
    }

    /// Steps of the shortest chain from `from` to `to` (hubs reached but not
    /// walked through), `None` when there is none within the path depth.
    pub fn shortest(&self, viewer: &Viewer, from: &NodeId, to: &NodeId) -> Option<usize> {
        let (a, b) = (*self.index.get(from)?, *self.index.get(to)?);
        if !self.readable(viewer, a) || !self.readable(viewer, b) {
            return None;
        }
        if a == b {
            return Some(0);
        }
        // Two breadth-first searches meeting in the middle, as the store does.
        let mut level: [HashMap<NodeIndex, usize>; 2] = [[(a, 0)].into(), [(b, 0)].into()];
        let mut frontier: [Vec<NodeIndex>; 2] = [vec![a], vec![b]];
        let mut depth = [0usize; 2];
        while depth[0] + depth[1] < PATH_DEPTH {
            let side = match (frontier[0].is_empty(), frontier[1].is_empty()) {
                (true, true) => return None,
                (true, false) => 1,
                (false, true) => 0,
                (false, false) => usize::from(frontier[0].len() > frontier[1].len()),
            };
            let mut next = Vec::new();
            for &n in &frontier[side] {
                let (links, more) = self.links(
                    viewer,
                    n,
                    if depth[side] == 0 {
                        NODE_LIMIT
                    } else {
                        HUB_LIMIT
                    },
                );
                if more && depth[side] > 0 {
                    continue;
                }
                for (far, _) in links {
                    if let std::collections::hash_map::Entry::Vacant(v) = level[side].entry(far) {
                        v.insert(depth[side] + 1);
                        next.push(far);
                    }
                }
            }
            if !next.is_empty() {
                depth[side] += 1;
            }
            let other = &level[1 - side];
            if let Some(d) = next.iter().filter_map(|n| other.get(n)).min() {
                return Some(depth[side] + d);
            }
            frontier[side] = next;
        }
        None
    }

    /// The first page (20, by name) of readable organisations whose name
    /// holds `word`, and how many there are.
    pub fn directory(&self, viewer: &Viewer, word: &str) -> (Vec<String>, usize) {
        let word = word.to_lowercase();
        let mut hits: Vec<&str> = self
            .graph
            .node_weights()
            .filter(|n| {
                n.is_org && viewer.can_read(n.visibility) && n.words.iter().any(|w| w == &word)
            })
            .map(|n| n.label.as_str())
            .collect();
        let total = hits.len();
        hits.sort_unstable();
        (
            hits.into_iter().take(20).map(str::to_owned).collect(),
            total,
        )
    }

    /// Readable organisations, for picking starts and pairs.
    pub fn organisations(&self, viewer: &Viewer) -> Vec<NodeId> {
        self.graph
            .node_weights()
            .filter(|n| n.is_org && viewer.can_read(n.visibility))
            .map(|n| n.id.clone())
            .collect()
    }

    /// Every organisation the reader may see, in the order of their names.
    pub fn list(&self, viewer: &Viewer) -> usize {
        let mut names: Vec<&str> = self
            .graph
            .node_weights()
            .filter(|n| n.is_org && viewer.can_read(n.visibility))
            .map(|n| n.label.as_str())
            .collect();
        names.sort_unstable();
        names.len()
    }

    /// A word of a readable organisation's name, for directory queries.
    pub fn name_word(&self, id: &NodeId) -> Option<String> {
        let n = &self.graph[*self.index.get(id)?];
        n.words
            .iter()
            .filter(|w| w.len() >= 5)
            .max_by_key(|w| w.len())
            .cloned()
    }
}
