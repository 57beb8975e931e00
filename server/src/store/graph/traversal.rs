//! The network as a graph, traversed inside the store with the reader's
//! visibility: an edge is followed only when the edge and both of its ends
//! are readable, so a hidden node is never reached, nor anything behind it
//! that only it connects.
//!
//! Each step walks the graph pointers SurrealDB keeps on every record
//! (`<->`), so its cost follows the size of the neighbourhood, not of the
//! network. A node with more than [`HUB_LIMIT`] readable links (a country,
//! a theme, the network body) is reached but not walked through, unless the
//! walk starts there: through it everything would be two steps from
//! everything, and the answer would be the whole network. A chain found by
//! the path finder may pass one hub, where its two searches meet.

use crate::store::rows::record_key;
use crate::store::visibility::{
    current_edge, readable, Clearance, EDGE_READABLE, READABLE, READABLE_COPY_IN, READABLE_COPY_OUT,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use app::graph::store::Neighbourhood;
use shared::graph::{GraphEdge, GraphNode, GraphPath, NodeId, Subgraph, EDGE_TABLES};
use shared::Viewer;
use std::collections::{BTreeMap, BTreeSet};
use surrealdb::types::{RecordId, SurrealValue};

/// Most nodes one answer holds; a larger neighbourhood is cut (and said so).
pub const NODE_LIMIT: usize = 5_000;
/// The same for an anonymous visitor, whose requests cost the server as
/// much as anyone's but whom nobody can ask to slow down.
pub const ANONYMOUS_NODE_LIMIT: usize = 1_000;

fn node_limit(viewer: &Viewer) -> usize {
    if app::graph::work_gate::anonymous(viewer) {
        ANONYMOUS_NODE_LIMIT
    } else {
        NODE_LIMIT
    }
}
/// Longest chain the path finder looks for.
pub const PATH_DEPTH: usize = 6;
/// Readable links beyond which a node is not walked through.
pub const HUB_LIMIT: usize = 150;

/// Rings at least this large are looked up in parallel parts.
const PARALLEL_FROM: usize = 64;

#[derive(Debug, SurrealValue)]
struct EdgeRow {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    until: Option<i64>,
}

#[derive(Debug, SurrealValue)]
struct AroundRow {
    node: RecordId,
    known: i64,
    listed: Option<Vec<ListedLink>>,
    edges: Vec<EdgeRow>,
}

#[derive(Debug, SurrealValue)]
struct LabelRow {
    id: RecordId,
    label: Option<String>,
    place: Option<RecordId>,
    member_since: Option<i64>,
    /// `starts_on` of missions, events and campaigns, `sent_on` of interventions.
    since: Option<String>,
    hearing_years: Option<Vec<i64>>,
}

impl LabelRow {
    fn year(&self) -> Option<i32> {
        let year = self
            .member_since
            .or_else(|| self.since.as_deref()?.get(..4)?.parse().ok())
            .or_else(|| self.hearing_years.as_ref()?.iter().min().copied())?;
        i32::try_from(year).ok()
    }
}

/// A node's name, whatever its table calls it (organisations and persons
/// have a name, missions and events a title, trials a case name).
macro_rules! label_of {
    () => {
        "(name ?? title ?? case_name)"
    };
}

/// Labels, places and years of the readable nodes of `$ids`. A place comes
/// only through what the reader may see: a seat through a readable
/// `based_in`, a mission's country through its readable trial.
const LABELS: &str = concat!(
    "SELECT id, ",
    label_of!(),
    " AS label,
    (IF record::tb(id) = 'country' THEN id
     ELSE IF record::tb(id) = 'mission' THEN (IF ",
    readable!("trial"),
    " THEN trial.country END)
     ELSE IF record::tb(id) IN ['organisation', 'person'] THEN
        (SELECT VALUE out FROM $parent.id->based_in WHERE ",
    current_edge!(),
    " LIMIT 1)[0]
     ELSE country END) AS place,
    member_since,
    (starts_on ?? sent_on) AS since,
    (IF record::tb(id) = 'trial' THEN
        (SELECT VALUE time::year(starts_at) FROM hearing WHERE trial = $parent.id AND ",
    readable!(),
    ")
     END) AS hearing_years
    FROM $ids WHERE ",
    readable!(),
);

fn node_of(r: &RecordId) -> Option<NodeId> {
    NodeId::parse(&crate::store::rows::record_text(r)).ok()
}

fn record_of(n: &NodeId) -> RecordId {
    RecordId::new(n.table(), n.key())
}

/// The readable edges of each readable node of `$f`, at most `$cap` each,
/// with the node's count of links at the reader's clearance (`$level`). A
/// node counted beyond `$hub` is a hub; with `$skip` its links are not read.
///
/// A node's links come as the list the database keeps of them (`listed`,
/// migration 0009): one record read, filtered by `Clearance::may_follow` here, where
/// the test costs nanoseconds instead of the microseconds of an interpreted
/// condition per link. A node with too many links to keep a list is walked
/// through its graph pointers (`edges`), the condition and the limit inside
/// the lookup so that the engine stops at the cap: as a sub-select over
/// `$parent.id<->(...)` it checked every link of a hub before cutting (0.7 s
/// for a hub of 15,000 members, against 46 ms). The ends' visibilities are
/// the relation's copies (0007); a hub is known from its count (0008).
fn around_sql() -> String {
    let tables = EDGE_TABLES.join(", ");
    format!(
        "SELECT node, known,
            (IF $skip AND known > $hub THEN NONE ELSE kept.links END) AS listed,
            (IF ($skip AND known > $hub) OR kept.links != NONE THEN [] ELSE
                node<->(SELECT id, in, out, until FROM {tables}
                    WHERE (until = NONE OR $past) AND {EDGE_READABLE}
                      AND {READABLE_COPY_IN}
                      AND {READABLE_COPY_OUT}
                    LIMIT $cap) END) AS edges
         FROM (SELECT node, kept, (kept.n ?? [0, 0, 0, 0])[$level] AS known
               FROM (SELECT id AS node, type::record('link_count', <string> id).{{ n, links }} AS kept
                     FROM $f WHERE {READABLE}))"
    )
}

/// A relation as a node's list keeps it (migration 0009).
#[derive(Debug, SurrealValue)]
struct ListedLink {
    id: RecordId,
    r#in: RecordId,
    out: RecordId,
    visibility: String,
    in_visibility: String,
    out_visibility: String,
    until: Option<i64>,
}

/// The readable links of one node, up to a cap, and whether it has more.
#[derive(Debug)]
struct Reach {
    edges: Vec<GraphEdge>,
    more: bool,
}

/// One side of a breadth-first search: how far each node is, and every way
/// it was reached at that distance.
#[derive(Debug, Default)]
struct Search {
    level: BTreeMap<NodeId, usize>,
    parents: BTreeMap<NodeId, Vec<(NodeId, GraphEdge)>>,
    frontier: BTreeSet<NodeId>,
    depth: usize,
}

impl Search {
    fn from(start: &NodeId) -> Self {
        Self {
            level: [(start.clone(), 0)].into(),
            frontier: [start.clone()].into(),
            ..Default::default()
        }
    }

    /// Every chain from the start to `node` as (nodes, edges), at most `max`.
    fn chains_to(&self, node: &NodeId, max: usize) -> Vec<(Vec<NodeId>, Vec<GraphEdge>)> {
        let Some(ways) = self.parents.get(node) else {
            return vec![(vec![node.clone()], Vec::new())];
        };
        let mut out = Vec::new();
        for (parent, edge) in ways {
            for (mut nodes, mut edges) in self.chains_to(parent, max) {
                nodes.push(node.clone());
                edges.push(edge.clone());
                out.push((nodes, edges));
                if out.len() >= max {
                    return out;
                }
            }
        }
        out
    }

    /// Walks one step further from the frontier; hubs (beyond the start)
    /// are reached but not walked through.
    fn step(&mut self, links: BTreeMap<NodeId, Reach>) {
        let depth = self.depth + 1;
        let mut next = BTreeSet::new();
        for (node, reach) in links {
            if reach.more && self.depth > 0 {
                continue;
            }
            for edge in reach.edges {
                let far = edge.other_end(&node).clone();
                match self.level.get(&far) {
                    Some(l) if *l < depth => continue,
                    Some(_) => {}
                    None => {
                        self.level.insert(far.clone(), depth);
                    }
                }
                self.parents
                    .entry(far.clone())
                    .or_default()
                    .push((node.clone(), edge));
                next.insert(far);
            }
        }
        // An exhausted side stays at its depth: the other may still meet it.
        if !next.is_empty() {
            self.depth = depth;
        }
        self.frontier = next;
    }
}

impl SurrealStore {
    /// The readable links of each readable node of `nodes`, at most `cap`
    /// each; hidden and absent nodes are left out. With `skip_hubs`, a node
    /// known to have more than `cap` comes back without its links.
    async fn links(
        &self,
        viewer: &Viewer,
        nodes: &BTreeSet<NodeId>,
        cap: usize,
        skip_hubs: bool,
        past: bool,
    ) -> Result<BTreeMap<NodeId, Reach>, StoreError> {
        let records: Vec<RecordId> = nodes.iter().map(record_of).collect();
        let started = std::time::Instant::now();
        // The lookups of a ring of hundreds of nodes are independent: split
        // over the cores, each part a query on a task of its own (the
        // embedded engine runs a query on the task that awaits it). Depth 1
        // from a body of 2,000 members reads 21,000 relations.
        let parts = if records.len() < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        };
        let size = records.len().div_ceil(parts).max(1);
        let level = viewer.readable().len().saturating_sub(1);
        let tasks: Vec<_> = records
            .chunks(size)
            .map(|part| {
                let (db, viewer, part) = (self.db.clone(), viewer.clone(), part.to_vec());
                tokio::spawn(async move {
                    crate::store::visibility::query_as(&db, &viewer, around_sql())
                        .bind(("f", part))
                        .bind(("cap", cap + 1))
                        .bind(("hub", cap))
                        .bind(("skip", skip_hubs))
                        .bind(("past", past))
                        .bind(("level", level))
                        .await
                        .and_then(|mut r| r.take::<Vec<AroundRow>>(0))
                })
            })
            .collect();
        let mut rows: Vec<AroundRow> = Vec::with_capacity(records.len());
        for task in tasks {
            let part = task
                .await
                .map_err(|e| StoreError::Internal(format!("graph links: {e}")))?
                .map_err(internal)?;
            rows.extend(part);
        }
        tracing::debug!(
            nodes = nodes.len(),
            cap,
            walked = rows.iter().map(|r| r.edges.len()).sum::<usize>(),
            listed = rows
                .iter()
                .filter_map(|r| r.listed.as_ref())
                .map(Vec::len)
                .sum::<usize>(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "graph links"
        );
        let clearance = Clearance::of(viewer);
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let node = node_of(&row.node)?;
                let edges: Vec<EdgeRow> = match row.listed {
                    Some(listed) => listed
                        .into_iter()
                        .filter(|l| {
                            clearance.may_follow(
                                &l.visibility,
                                (&l.r#in, &l.in_visibility),
                                (&l.out, &l.out_visibility),
                            )
                        })
                        .filter(|l| past || l.until.is_none())
                        .take(cap + 1)
                        .map(|l| EdgeRow {
                            id: l.id,
                            r#in: l.r#in,
                            out: l.out,
                            until: l.until,
                        })
                        .collect(),
                    None => row
                        .edges
                        .into_iter()
                        .filter(|e| past || e.until.is_none())
                        .collect(),
                };
                let more = edges.len() > cap || usize::try_from(row.known).unwrap_or(0) > cap;
                let edges = edges
                    .into_iter()
                    .take(cap)
                    .filter_map(|r| {
                        Some(GraphEdge {
                            from: node_of(&r.r#in)?,
                            to: node_of(&r.out)?,
                            kind: r.id.table.to_string(),
                            until: r.until.and_then(|y| i32::try_from(y).ok()),
                        })
                    })
                    .collect();
                Some((node, Reach { edges, more }))
            })
            .collect())
    }

    /// Labels of the readable nodes among `ids`; the others are left out.
    async fn labelled(
        &self,
        viewer: &Viewer,
        ids: &BTreeSet<NodeId>,
    ) -> Result<Vec<GraphNode>, StoreError> {
        let records: Vec<RecordId> = ids.iter().map(record_of).collect();
        let started = std::time::Instant::now();
        let rows: Vec<LabelRow> = self
            .query_for(viewer, LABELS)
            .bind(("ids", records))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        tracing::debug!(
            nodes = ids.len(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "graph labels"
        );
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let id = node_of(&r.id)?;
                let year = r.year();
                let place = r
                    .place
                    .as_ref()
                    .and_then(|c| self.country_by_key(&record_key(c)))
                    .cloned();
                let label = r.label.unwrap_or_else(|| id.key().to_owned());
                Some(GraphNode {
                    place,
                    year,
                    ..GraphNode::new(id, label)
                })
            })
            .collect())
    }

    /// The ego network, through ended relations too when `past`.
    async fn walk_neighbourhood(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
        past: bool,
    ) -> Result<Option<Neighbourhood>, StoreError> {
        let first: BTreeSet<NodeId> = [start.clone()].into();
        let node_limit = node_limit(viewer);
        let mut links = self.links(viewer, &first, node_limit, false, past).await?;
        if !links.contains_key(start) {
            return Ok(None);
        }
        let mut seen = first;
        let mut edges: BTreeSet<GraphEdge> = BTreeSet::new();
        let mut truncated = false;
        let mut labels = None;
        let depth = depth.clamp(1, 3);
        for step in 1..=depth {
            let mut next = BTreeSet::new();
            for (node, reach) in links {
                if reach.more {
                    if &node != start {
                        continue;
                    }
                    truncated = true;
                }
                for edge in reach.edges {
                    let far = edge.other_end(&node);
                    if !seen.contains(far) {
                        if seen.len() + next.len() >= node_limit {
                            truncated = true;
                            continue;
                        }
                        next.insert(far.clone());
                    }
                    edges.insert(edge);
                }
            }
            seen.extend(next.iter().cloned());
            if next.is_empty() {
                break;
            }
            if step == depth {
                // Relations among the outermost nodes count too. The labels
                // are read meanwhile: every node is known by now.
                let (outer, nodes) = tokio::try_join!(
                    self.links(viewer, &next, HUB_LIMIT, true, past),
                    self.labelled(viewer, &seen)
                )?;
                labels = Some(nodes);
                for edge in outer
                    .into_values()
                    .filter(|r| !r.more)
                    .flat_map(|r| r.edges)
                {
                    if seen.contains(&edge.from) && seen.contains(&edge.to) {
                        edges.insert(edge);
                    }
                }
                break;
            }
            links = self.links(viewer, &next, HUB_LIMIT, true, past).await?;
        }
        let nodes = match labels {
            Some(nodes) => nodes,
            None => self.labelled(viewer, &seen).await?,
        };
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
}

#[async_trait::async_trait]
impl app::graph::store::Traversal for SurrealStore {
    /// The ego network of `start` to `depth` steps (1–3) through the
    /// relations that last, or `None` when the start is absent or hidden
    /// from the reader.
    async fn neighbourhood(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<Neighbourhood>, StoreError> {
        self.walk_neighbourhood(viewer, start, depth, false).await
    }

    async fn neighbourhood_with_past(
        &self,
        viewer: &Viewer,
        start: &NodeId,
        depth: usize,
    ) -> Result<Option<Neighbourhood>, StoreError> {
        self.walk_neighbourhood(viewer, start, depth, true).await
    }

    /// The shortest chains (up to `max`) from `from` to `to` through what the
    /// reader may see; empty when there is none within [`PATH_DEPTH`] steps.
    /// The search grows from both ends, always from the smaller frontier.
    async fn paths(
        &self,
        viewer: &Viewer,
        from: &NodeId,
        to: &NodeId,
        max: usize,
    ) -> Result<Vec<GraphPath>, StoreError> {
        let ends: BTreeSet<NodeId> = [from.clone(), to.clone()].into();
        let labels = self.labelled(viewer, &ends).await?;
        if labels.len() != ends.len() {
            return Ok(Vec::new());
        }
        if from == to {
            return Ok(vec![GraphPath {
                nodes: labels,
                edges: Vec::new(),
            }]);
        }
        let mut ahead = Search::from(from);
        let mut behind = Search::from(to);
        let mut meetings: Vec<NodeId> = Vec::new();
        while ahead.depth + behind.depth < PATH_DEPTH {
            // A side left with only hubs is done; the other may still reach them.
            let forward = match (ahead.frontier.is_empty(), behind.frontier.is_empty()) {
                (true, true) => return Ok(Vec::new()),
                (true, false) => false,
                (false, true) => true,
                (false, false) => ahead.frontier.len() <= behind.frontier.len(),
            };
            let (side, other) = if forward {
                (&mut ahead, &behind)
            } else {
                (&mut behind, &ahead)
            };
            let (cap, skip_hubs) = if side.depth == 0 {
                (NODE_LIMIT, false)
            } else {
                (HUB_LIMIT, true)
            };
            let links = self
                .links(viewer, &side.frontier, cap, skip_hubs, false)
                .await?;
            side.step(links);
            if side.level.len() > NODE_LIMIT * 4 {
                return Ok(Vec::new());
            }
            let met: Vec<(usize, &NodeId)> = side
                .frontier
                .iter()
                .filter_map(|n| other.level.get(n).map(|l| (side.depth + l, n)))
                .collect();
            if let Some(shortest) = met.iter().map(|(d, _)| *d).min() {
                meetings = met
                    .into_iter()
                    .filter(|(d, _)| *d == shortest)
                    .map(|(_, n)| n.clone())
                    .collect();
                break;
            }
        }
        let mut chains: Vec<(Vec<NodeId>, Vec<GraphEdge>)> = Vec::new();
        for middle in &meetings {
            for (nodes, edges) in ahead.chains_to(middle, max) {
                for (back_nodes, back_edges) in behind.chains_to(middle, max) {
                    let mut n = nodes.clone();
                    n.extend(back_nodes.into_iter().rev().skip(1));
                    let mut e = edges.clone();
                    e.extend(back_edges.into_iter().rev());
                    chains.push((n, e));
                }
            }
        }
        chains.sort();
        chains.dedup();
        chains.truncate(max);
        let all: BTreeSet<NodeId> = chains.iter().flat_map(|(n, _)| n.iter().cloned()).collect();
        let labels: BTreeMap<NodeId, GraphNode> = self
            .labelled(viewer, &all)
            .await?
            .into_iter()
            .map(|n| (n.id.clone(), n))
            .collect();
        Ok(chains
            .into_iter()
            .filter_map(|(nodes, edges)| {
                let nodes: Option<Vec<GraphNode>> =
                    nodes.iter().map(|n| labels.get(n).cloned()).collect();
                Some(GraphPath {
                    nodes: nodes?,
                    edges,
                })
            })
            .collect())
    }

    /// The readable node a reader means by `name`: the same label (ignoring
    /// case) first, else the shortest label that contains it, then the
    /// smallest id, so that the same name always leads to the same node.
    async fn find_node(&self, viewer: &Viewer, name: &str) -> Result<Option<NodeId>, StoreError> {
        let wanted = name.trim().to_lowercase();
        if wanted.is_empty() {
            return Ok(None);
        }
        let tables = shared::graph::NODE_TABLES.join(", ");
        let rows: Vec<NamedRow> = self
            .query_for(
                viewer,
                format!(
                    "SELECT id, {label} AS label FROM {tables}
                     WHERE {READABLE}
                       AND string::contains(string::lowercase({label} ?? ''), $wanted)
                     LIMIT 500",
                    label = label_of!(),
                ),
            )
            .bind(("wanted", wanted.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let label = r.label?.to_lowercase();
                Some((label != wanted, label.chars().count(), node_of(&r.id)?))
            })
            .min()
            .map(|(_, _, id)| id))
    }
}

#[derive(Debug, SurrealValue)]
struct NamedRow {
    id: RecordId,
    label: Option<String>,
}
