//! The network as one graph: the nodes and relations a reader may see, the
//! communities in it, and its export to the formats graph tools open
//! (GraphML for networkx and yEd, GEXF for Gephi).

use crate::error::{Problem, ValidationError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The tables that are nodes of the graph.
pub const NODE_TABLES: &[&str] = &[
    "organisation",
    "person",
    "country",
    "theme",
    "trial",
    "mission",
    "advocacy_event",
    "advocacy_mission",
    "campaign",
    "intervention",
];

/// The relation tables, each an edge kind.
pub const EDGE_TABLES: &[&str] = &[
    "member_of",
    "partner_of",
    "based_in",
    "works_on",
    "defendant_in",
    "defends",
    "supported_by",
    "observes",
    "organised_by",
    "participates",
    "organises",
    "concerns",
    "cosigned_by",
    "features",
];

/// A node as `table:key`, e.g. `organisation:omct`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NodeId {
    table: String,
    key: String,
}

impl NodeId {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        let bad = || {
            ValidationError::new(
                "node",
                Problem::NotOneOf {
                    allowed: NODE_TABLES.iter().map(|t| format!("{t}:…")).collect(),
                },
            )
            .with_value(raw)
        };
        let (table, key) = raw.split_once(':').ok_or_else(bad)?;
        let table = NODE_TABLES
            .iter()
            .copied()
            .find(|t| *t == table)
            .ok_or_else(bad)?;
        let key_ok = !key.is_empty()
            && key.len() <= 64
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !key_ok {
            return Err(bad());
        }
        Ok(Self {
            table: table.to_owned(),
            key: key.to_owned(),
        })
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The page of the record, when it has one.
    pub fn href(&self) -> Option<String> {
        let k = &self.key;
        match self.table.as_str() {
            "organisation" => Some(format!("/organisations/{k}")),
            "country" => Some(format!("/countries/{k}")),
            "trial" => Some(format!("/trials/{k}")),
            "mission" => Some(format!("/missions/{k}")),
            "advocacy_event" => Some(format!("/advocacy/events/{k}")),
            "advocacy_mission" => Some(format!("/advocacy/missions/{k}")),
            "campaign" => Some(format!("/campaigns/{k}")),
            "intervention" => Some(format!("/interventions/{k}")),
            _ => None,
        }
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.table, self.key)
    }
}

impl TryFrom<String> for NodeId {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<NodeId> for String {
    fn from(n: NodeId) -> String {
        n.to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphNode {
    pub id: NodeId,
    pub label: String,
    /// Where the node is: a country itself, the seat of an organisation or
    /// a person, the country of a trial, an event or an intervention (when
    /// the reader may see it).
    #[serde(default)]
    pub place: Option<crate::country::Country>,
    /// When: the year an organisation joined, a trial's first hearing, a
    /// mission, event or campaign started, an intervention was sent.
    #[serde(default)]
    pub year: Option<i32>,
}

impl GraphNode {
    pub fn new(id: NodeId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
            place: None,
            year: None,
        }
    }
}

/// What the explorer shows of a neighbourhood: node kinds and relation
/// kinds to hide, and a country, a region and a span of years to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphFilter {
    pub hide: BTreeSet<String>,
    pub hide_edge: BTreeSet<String>,
    /// Country key, e.g. `tr`: only what is there.
    pub country: Option<String>,
    /// Region slug, e.g. `africa`: only what is there.
    pub region: Option<String>,
    /// Years, both included; nodes without a year are kept.
    pub from: Option<i32>,
    pub until: Option<i32>,
    /// Past relations (ended memberships and partnerships) too.
    pub past: bool,
}

impl GraphFilter {
    /// Reads one `key=value` of the explorer's address; `false` when the key
    /// is not a filter. An unreadable year is ignored.
    pub fn take(&mut self, key: &str, value: &str) -> bool {
        let value = value.trim();
        let year = || {
            value
                .parse::<i32>()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
        };
        match key {
            "hide" => {
                self.hide.insert(value.to_owned());
            }
            "hide_edge" => {
                self.hide_edge.insert(value.to_owned());
            }
            "country" => self.country = (!value.is_empty()).then(|| value.to_ascii_lowercase()),
            "region" => self.region = (!value.is_empty()).then(|| value.to_owned()),
            "from" => self.from = year(),
            "until" => self.until = year(),
            "past" => self.past = matches!(value, "1" | "on" | "true"),
            _ => return false,
        }
        true
    }

    /// The filter as address parameters, in a fixed order.
    pub fn query(&self) -> Vec<String> {
        let mut q: Vec<String> = self.hide.iter().map(|t| format!("hide={t}")).collect();
        q.extend(self.hide_edge.iter().map(|t| format!("hide_edge={t}")));
        if let Some(c) = &self.country {
            q.push(format!("country={c}"));
        }
        if let Some(r) = &self.region {
            q.push(format!("region={r}"));
        }
        if let Some(y) = self.from {
            q.push(format!("from={y}"));
        }
        if let Some(y) = self.until {
            q.push(format!("until={y}"));
        }
        if self.past {
            q.push("past=1".into());
        }
        q
    }

    pub fn keeps(&self, node: &GraphNode) -> bool {
        if self.hide.contains(node.id.table()) {
            return false;
        }
        if let Some(c) = &self.country {
            if node.place.as_ref().map(|p| p.code.key()).as_ref() != Some(c) {
                return false;
            }
        }
        if let Some(r) = &self.region {
            if node.place.as_ref().map(|p| p.region.slug()) != Some(r.as_str()) {
                return false;
            }
        }
        match node.year {
            Some(y) => self.from.is_none_or(|f| y >= f) && self.until.is_none_or(|u| y <= u),
            None => true,
        }
    }
}

/// A relation: `from` does `kind` to `to` (an organisation is a member of a
/// network, a person is a defendant in a trial).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GraphEdge {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: String,
    /// The year a membership or a partnership ended: the past, which the
    /// explorer and the exports show only when asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i32>,
}

impl GraphEdge {
    /// The end that is not `node` (`node` itself for a loop).
    pub fn other_end(&self, node: &NodeId) -> &NodeId {
        if &self.from == node {
            &self.to
        } else {
            &self.from
        }
    }
}

/// A part of the graph, every node of it readable by whoever asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subgraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

impl Subgraph {
    /// What `filter` keeps (and `keep` in any case), with the relations
    /// among them whose kind is not hidden.
    pub fn filtered(&self, filter: &GraphFilter, keep: &NodeId) -> Subgraph {
        if !filter.past {
            return self.current(keep).filtered(
                &GraphFilter {
                    past: true,
                    ..filter.clone()
                },
                keep,
            );
        }
        let nodes: Vec<GraphNode> = self
            .nodes
            .iter()
            .filter(|n| &n.id == keep || filter.keeps(n))
            .cloned()
            .collect();
        let ids: BTreeSet<&NodeId> = nodes.iter().map(|n| &n.id).collect();
        let edges = self
            .edges
            .iter()
            .filter(|e| {
                !filter.hide_edge.contains(&e.kind) && ids.contains(&e.from) && ids.contains(&e.to)
            })
            .cloned()
            .collect();
        Subgraph { nodes, edges }
    }
}

impl Subgraph {
    /// The graph as it is now: without the relations that ended, nor the
    /// nodes that only they joined to the rest (`keep` stays in any case).
    pub fn current(&self, keep: &NodeId) -> Subgraph {
        let edges: Vec<GraphEdge> = self
            .edges
            .iter()
            .filter(|e| e.until.is_none())
            .cloned()
            .collect();
        let linked: BTreeSet<&NodeId> = self.edges.iter().flat_map(|e| [&e.from, &e.to]).collect();
        let current: BTreeSet<&NodeId> = edges.iter().flat_map(|e| [&e.from, &e.to]).collect();
        let nodes = self
            .nodes
            .iter()
            .filter(|n| &n.id == keep || !linked.contains(&n.id) || current.contains(&n.id))
            .cloned()
            .collect();
        Subgraph { nodes, edges }
    }
}

/// A chain of relations from one node to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphPath {
    pub nodes: Vec<GraphNode>,
    /// `edges[i]` joins `nodes[i]` and `nodes[i + 1]`, in either direction.
    pub edges: Vec<GraphEdge>,
}

/// Communities by modularity: each node in turn moves to the neighbouring
/// community that gains the most modularity (the local-moving phase of the
/// Louvain method), until no move gains. Deterministic (nodes in order, ties
/// to the smallest community); answers node → community number, numbered by
/// size (0 the largest). Nodes without relations are communities of one.
pub fn communities(graph: &Subgraph) -> BTreeMap<NodeId, usize> {
    let ids: Vec<&NodeId> = graph.nodes.iter().map(|n| &n.id).collect();
    let index: BTreeMap<&NodeId, usize> = ids.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for e in &graph.edges {
        if let (Some(&a), Some(&b)) = (index.get(&e.from), index.get(&e.to)) {
            if a != b {
                neighbours[a].push(b);
                neighbours[b].push(a);
            }
        }
    }
    let degree: Vec<f64> = neighbours.iter().map(|n| n.len() as f64).collect();
    let two_m: f64 = degree.iter().sum::<f64>().max(1.0);
    let mut community: Vec<usize> = (0..ids.len()).collect();
    let mut total: Vec<f64> = degree.clone();
    for _ in 0..100 {
        let mut moved = false;
        for i in 0..ids.len() {
            if neighbours[i].is_empty() {
                continue;
            }
            let own = community[i];
            total[own] -= degree[i];
            let mut links: BTreeMap<usize, f64> = BTreeMap::new();
            for &n in &neighbours[i] {
                *links.entry(community[n]).or_default() += 1.0;
            }
            // Staying put wins ties; otherwise the smallest community.
            let gain =
                |c: usize| links.get(&c).copied().unwrap_or(0.0) - total[c] * degree[i] / two_m;
            let mut best = (own, gain(own));
            for &c in links.keys() {
                let g = gain(c);
                if g > best.1 + 1e-12
                    || ((g - best.1).abs() <= 1e-12 && best.0 != own && c < best.0)
                {
                    best = (c, g);
                }
            }
            total[best.0] += degree[i];
            if best.0 != own {
                community[i] = best.0;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for c in &community {
        *sizes.entry(*c).or_default() += 1;
    }
    let mut order: Vec<(usize, usize)> = sizes.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let number: BTreeMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(n, (c, _))| (*c, n))
        .collect();
    ids.iter()
        .enumerate()
        .map(|(i, id)| ((*id).clone(), number[&community[i]]))
        .collect()
}

/// Each community named after its most connected node.
pub fn community_names(graph: &Subgraph, of: &BTreeMap<NodeId, usize>) -> BTreeMap<usize, String> {
    let mut degree: BTreeMap<&NodeId, usize> = BTreeMap::new();
    for e in &graph.edges {
        *degree.entry(&e.from).or_default() += 1;
        *degree.entry(&e.to).or_default() += 1;
    }
    let mut best: BTreeMap<usize, (usize, &GraphNode)> = BTreeMap::new();
    for n in &graph.nodes {
        let Some(c) = of.get(&n.id) else { continue };
        let d = degree.get(&n.id).copied().unwrap_or(0);
        match best.get(c) {
            Some((bd, bn)) if *bd > d || (*bd == d && bn.id <= n.id) => {}
            _ => {
                best.insert(*c, (d, n));
            }
        }
    }
    best.into_iter()
        .map(|(c, (_, n))| (c, n.label.clone()))
        .collect()
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// GraphML (networkx `read_graphml`, yEd, Gephi): node label, table,
/// country, region and year (when known to the reader), edge kind.
pub fn to_graphml(graph: &Subgraph) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"table\" for=\"node\" attr.name=\"table\" attr.type=\"string\"/>\n",
        "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n",
        "  <key id=\"region\" for=\"node\" attr.name=\"region\" attr.type=\"string\"/>\n",
        "  <key id=\"year\" for=\"node\" attr.name=\"year\" attr.type=\"int\"/>\n",
        "  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <key id=\"until\" for=\"edge\" attr.name=\"until\" attr.type=\"int\"/>\n",
        "  <graph id=\"sos-torture\" edgedefault=\"directed\">\n"
    ));
    for n in &graph.nodes {
        let mut data = format!(
            "<data key=\"label\">{}</data><data key=\"table\">{}</data>",
            xml(&n.label),
            n.id.table()
        );
        if let Some(c) = &n.place {
            data.push_str(&format!(
                "<data key=\"country\">{}</data><data key=\"region\">{}</data>",
                c.code.as_str(),
                c.region.slug()
            ));
        }
        if let Some(y) = n.year {
            data.push_str(&format!("<data key=\"year\">{y}</data>"));
        }
        out.push_str(&format!(
            "    <node id=\"{}\">{data}</node>\n",
            xml(&n.id.to_string())
        ));
    }
    for (i, e) in graph.edges.iter().enumerate() {
        out.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"kind\">{}</data>{}</edge>\n",
            xml(&e.from.to_string()),
            xml(&e.to.to_string()),
            xml(&e.kind),
            e.until
                .map(|y| format!("<data key=\"until\">{y}</data>"))
                .unwrap_or_default()
        ));
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// GEXF 1.3 (Gephi): node label, table, country, region and year; edge
/// kind as its label.
pub fn to_gexf(graph: &Subgraph) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n",
        "  <graph defaultedgetype=\"directed\" mode=\"static\">\n",
        "    <attributes class=\"node\">\n",
        "      <attribute id=\"0\" title=\"table\" type=\"string\"/>\n",
        "      <attribute id=\"1\" title=\"country\" type=\"string\"/>\n",
        "      <attribute id=\"2\" title=\"region\" type=\"string\"/>\n",
        "      <attribute id=\"3\" title=\"year\" type=\"integer\"/>\n",
        "    </attributes>\n",
        "    <nodes>\n"
    ));
    for n in &graph.nodes {
        let mut values = format!("<attvalue for=\"0\" value=\"{}\"/>", n.id.table());
        if let Some(c) = &n.place {
            values.push_str(&format!(
                "<attvalue for=\"1\" value=\"{}\"/><attvalue for=\"2\" value=\"{}\"/>",
                c.code.as_str(),
                c.region.slug()
            ));
        }
        if let Some(y) = n.year {
            values.push_str(&format!("<attvalue for=\"3\" value=\"{y}\"/>"));
        }
        out.push_str(&format!(
            "      <node id=\"{}\" label=\"{}\"><attvalues>{values}</attvalues></node>\n",
            xml(&n.id.to_string()),
            xml(&n.label)
        ));
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in graph.edges.iter().enumerate() {
        out.push_str(&format!(
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" label=\"{}\"/>\n",
            xml(&e.from.to_string()),
            xml(&e.to.to_string()),
            xml(&e.kind)
        ));
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// Nodes by number of relations, most connected first (ties by id).
pub fn degrees(graph: &Subgraph) -> Vec<(NodeId, usize)> {
    let mut degree: BTreeMap<NodeId, usize> =
        graph.nodes.iter().map(|n| (n.id.clone(), 0)).collect();
    let mut seen: BTreeSet<(&NodeId, &NodeId, &str)> = BTreeSet::new();
    for e in &graph.edges {
        if !seen.insert((&e.from, &e.to, e.kind.as_str())) {
            continue;
        }
        for end in [&e.from, &e.to] {
            if let Some(d) = degree.get_mut(end) {
                *d += 1;
            }
        }
    }
    let mut list: Vec<(NodeId, usize)> = degree.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> GraphNode {
        GraphNode::new(
            NodeId::parse(id).unwrap(),
            id.split(':').nth(1).unwrap().to_uppercase(),
        )
    }

    fn edge(a: &str, b: &str) -> GraphEdge {
        GraphEdge {
            from: NodeId::parse(a).unwrap(),
            to: NodeId::parse(b).unwrap(),
            kind: "partner_of".into(),
            until: None,
        }
    }

    #[test]
    fn the_current_graph_leaves_out_ended_relations_and_what_only_they_reached() {
        let start = NodeId::parse("organisation:a").unwrap();
        let graph = Subgraph {
            nodes: [
                "organisation:a",
                "organisation:b",
                "organisation:c",
                "organisation:d",
            ]
            .iter()
            .map(|id| node(id))
            .collect(),
            edges: vec![
                edge("organisation:a", "organisation:b"),
                GraphEdge {
                    until: Some(2020),
                    ..edge("organisation:a", "organisation:c")
                },
                GraphEdge {
                    until: Some(2021),
                    ..edge("organisation:b", "organisation:a")
                },
            ],
        };
        let now = graph.filtered(&GraphFilter::default(), &start);
        let ids: Vec<String> = now.nodes.iter().map(|n| n.id.to_string()).collect();
        assert_eq!(
            ids,
            ["organisation:a", "organisation:b", "organisation:d"],
            "d has no relation at all"
        );
        assert_eq!(now.edges.len(), 1);
        let all = graph.filtered(
            &GraphFilter {
                past: true,
                ..GraphFilter::default()
            },
            &start,
        );
        assert_eq!((all.nodes.len(), all.edges.len()), (4, 3));
        let mut filter = GraphFilter::default();
        assert!(filter.take("past", "1"));
        assert!(filter.past);
        assert!(filter.query().contains(&"past=1".to_owned()));
    }

    /// Two triangles joined by one bridge, and a loner.
    fn two_triangles() -> Subgraph {
        let ids = ["a", "b", "c", "x", "y", "z", "lone"];
        let o = |k: &str| format!("organisation:{k}");
        Subgraph {
            nodes: ids.iter().map(|k| node(&o(k))).collect(),
            edges: [
                ("a", "b"),
                ("b", "c"),
                ("c", "a"),
                ("x", "y"),
                ("y", "z"),
                ("z", "x"),
                ("c", "x"),
            ]
            .iter()
            .map(|(p, q)| edge(&o(p), &o(q)))
            .collect(),
        }
    }

    #[test]
    fn node_ids_name_a_known_table_and_a_slug() {
        assert_eq!(
            NodeId::parse("organisation:omct").unwrap().href().unwrap(),
            "/organisations/omct"
        );
        for bad in [
            "omct",
            "user:admin",
            "organisation:",
            "person:Bad Key",
            "audit:x",
        ] {
            assert!(NodeId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn modularity_finds_the_two_triangles() {
        let g = two_triangles();
        let c = communities(&g);
        let of = |k: &str| c[&NodeId::parse(&format!("organisation:{k}")).unwrap()];
        assert_eq!(of("a"), of("b"));
        assert_eq!(of("b"), of("c"));
        assert_eq!(of("x"), of("y"));
        assert_eq!(of("y"), of("z"));
        assert_ne!(of("a"), of("x"));
        assert_ne!(of("lone"), of("a"));
        assert_ne!(of("lone"), of("x"));
        assert_eq!(communities(&g), c, "deterministic");
        let names = community_names(&g, &c);
        assert_eq!(names[&of("a")], "C", "named after its most connected node");
        assert_eq!(names[&of("x")], "X");
    }

    #[test]
    fn degrees_rank_the_most_connected_first() {
        let d = degrees(&two_triangles());
        assert_eq!(d[0].0.key(), "c");
        assert_eq!(d[0].1, 3);
        assert_eq!(d.last().unwrap().1, 0);
    }

    #[test]
    fn exports_escape_what_xml_cannot_hold() {
        let mut g = two_triangles();
        g.nodes[0].label = "Droits & <Libertés> \"ONG\"".into();
        let graphml = to_graphml(&g);
        assert!(graphml.contains("Droits &amp; &lt;Libertés&gt; &quot;ONG&quot;"));
        assert_eq!(graphml.matches("<node ").count(), 7);
        assert_eq!(graphml.matches("<edge ").count(), 7);
        let gexf = to_gexf(&g);
        assert!(gexf.contains("label=\"Droits &amp; &lt;Libertés&gt; &quot;ONG&quot;\""));
    }

    #[test]
    fn filters_keep_what_is_in_a_place_and_a_span_of_years() {
        let mut f = GraphFilter::default();
        for (k, v) in [
            ("country", "TR"),
            ("from", "2020"),
            ("until", "soon"),
            ("page", "2"),
        ] {
            let _ = f.take(k, v);
        }
        assert_eq!(f.country.as_deref(), Some("tr"));
        assert_eq!((f.from, f.until), (Some(2020), None));
        assert!(!f.take("page", "2"));
        assert_eq!(f.query(), ["country=tr", "from=2020"]);
        let org = node("organisation:a");
        assert!(!f.keeps(&org), "no place: not in Turkey");
        f.country = None;
        assert!(f.keeps(&org), "no year: kept");
        let old = GraphNode {
            year: Some(2011),
            ..node("organisation:b")
        };
        assert!(!f.keeps(&old));
        f.hide.insert("organisation".into());
        assert!(!f.keeps(&org));
        let g = Subgraph {
            nodes: vec![org.clone(), old, node("person:p")],
            edges: vec![edge("organisation:a", "person:p")],
        };
        let kept = g.filtered(&f, &org.id);
        assert_eq!(kept.nodes.len(), 2, "the start and the person");
        assert_eq!(kept.edges.len(), 1);
    }
}
