//! A force-directed layout (Fruchterman–Reingold) computed where the data
//! is: the server lays out the graph before sending it, so the page is
//! drawn at once and never freezes the reader's browser; the browser only
//! moves what the reader drags.

use crate::graph::Subgraph;
use std::collections::BTreeMap;

pub const WIDTH: f32 = 1000.0;
pub const HEIGHT: f32 = 700.0;

/// Positions of `graph.nodes`, in the same order, inside `WIDTH × HEIGHT`.
/// Deterministic: the same graph always gets the same picture. The work is
/// bounded (about 40 million pair steps), whatever the size.
pub fn layout(graph: &Subgraph) -> Vec<(f32, f32)> {
    let n = graph.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(WIDTH / 2.0, HEIGHT / 2.0)];
    }
    let index: BTreeMap<&crate::graph::NodeId, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (&node.id, i))
        .collect();
    let edges: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .filter_map(|e| Some((*index.get(&e.from)?, *index.get(&e.to)?)))
        .filter(|(a, b)| a != b)
        .collect();
    // A sunflower spiral: spread evenly, no two nodes on the same spot.
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    let mut pos: Vec<(f32, f32)> = (0..n)
        .map(|i| {
            let r = (i as f32 + 0.5).sqrt() / (n as f32).sqrt();
            let a = i as f32 * golden;
            (
                WIDTH / 2.0 + r * WIDTH * 0.45 * a.cos(),
                HEIGHT / 2.0 + r * HEIGHT * 0.45 * a.sin(),
            )
        })
        .collect();
    let k = ((WIDTH * HEIGHT) / n as f32).sqrt() * 0.8;
    let iterations = (40_000_000 / (n * n).max(1)).clamp(20, 300);
    let mut temperature = WIDTH / 10.0;
    let cooling = temperature / (iterations as f32 + 1.0);
    let mut shift = vec![(0f32, 0f32); n];
    for _ in 0..iterations {
        shift.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = pos[i].0 - pos[j].0;
                let dy = pos[i].1 - pos[j].1;
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2;
                shift[i].0 += dx * f;
                shift[i].1 += dy * f;
                shift[j].0 -= dx * f;
                shift[j].1 -= dy * f;
            }
        }
        for &(a, b) in &edges {
            let dx = pos[a].0 - pos[b].0;
            let dy = pos[a].1 - pos[b].1;
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let f = d / k;
            shift[a].0 -= dx * f;
            shift[a].1 -= dy * f;
            shift[b].0 += dx * f;
            shift[b].1 += dy * f;
        }
        for i in 0..n {
            // A light pull to the centre keeps loose parts in the picture.
            shift[i].0 += (WIDTH / 2.0 - pos[i].0) * 0.01 * k;
            shift[i].1 += (HEIGHT / 2.0 - pos[i].1) * 0.01 * k;
            let len = (shift[i].0 * shift[i].0 + shift[i].1 * shift[i].1)
                .sqrt()
                .max(0.001);
            let step = len.min(temperature);
            pos[i].0 = (pos[i].0 + shift[i].0 / len * step).clamp(20.0, WIDTH - 20.0);
            pos[i].1 = (pos[i].1 + shift[i].1 / len * step).clamp(20.0, HEIGHT - 20.0);
        }
        temperature = (temperature - cooling).max(1.0);
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{GraphEdge, GraphNode, NodeId};

    fn chain(n: usize) -> Subgraph {
        let id = |i: usize| NodeId::parse(&format!("organisation:o{i}")).unwrap();
        Subgraph {
            nodes: (0..n)
                .map(|i| GraphNode::new(id(i), format!("O{i}")))
                .collect(),
            edges: (1..n)
                .map(|i| GraphEdge {
                    from: id(i - 1),
                    to: id(i),
                    kind: "partner_of".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn neighbours_end_closer_than_strangers_and_all_stay_in_the_box() {
        let g = chain(30);
        let pos = layout(&g);
        assert_eq!(pos.len(), 30);
        assert!(pos
            .iter()
            .all(|(x, y)| (0.0..=WIDTH).contains(x) && (0.0..=HEIGHT).contains(y)));
        let dist = |a: usize, b: usize| {
            ((pos[a].0 - pos[b].0).powi(2) + (pos[a].1 - pos[b].1).powi(2)).sqrt()
        };
        let near: f32 = (1..30).map(|i| dist(i - 1, i)).sum::<f32>() / 29.0;
        assert!(near < dist(0, 29), "a chain is drawn stretched out");
        assert_eq!(layout(&g), pos, "deterministic");
    }

    #[test]
    fn small_and_empty_graphs() {
        assert!(layout(&chain(0)).is_empty());
        assert_eq!(layout(&chain(1)), vec![(WIDTH / 2.0, HEIGHT / 2.0)]);
    }
}
