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
    // Coordinates are kept by axis, so the pair loop runs over plain arrays
    // the compiler turns into vector instructions.
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    let (mut xs, mut ys): (Vec<f32>, Vec<f32>) = (0..n)
        .map(|i| {
            let r = (i as f32 + 0.5).sqrt() / (n as f32).sqrt();
            let a = i as f32 * golden;
            (
                WIDTH / 2.0 + r * WIDTH * 0.45 * a.cos(),
                HEIGHT / 2.0 + r * HEIGHT * 0.45 * a.sin(),
            )
        })
        .unzip();
    let k = ((WIDTH * HEIGHT) / n as f32).sqrt() * 0.8;
    let iterations = (40_000_000 / (n * n).max(1)).clamp(20, 300);
    let mut temperature = WIDTH / 10.0;
    let cooling = temperature / (iterations as f32 + 1.0);
    let (mut shift_x, mut shift_y) = (vec![0f32; n], vec![0f32; n]);
    for _ in 0..iterations {
        repulsion(&xs, &ys, k * k, &mut shift_x, &mut shift_y);
        for &(a, b) in &edges {
            let dx = xs[a] - xs[b];
            let dy = ys[a] - ys[b];
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let f = d / k;
            shift_x[a] -= dx * f;
            shift_y[a] -= dy * f;
            shift_x[b] += dx * f;
            shift_y[b] += dy * f;
        }
        for i in 0..n {
            // A light pull to the centre keeps loose parts in the picture.
            shift_x[i] += (WIDTH / 2.0 - xs[i]) * 0.01 * k;
            shift_y[i] += (HEIGHT / 2.0 - ys[i]) * 0.01 * k;
            let len = (shift_x[i] * shift_x[i] + shift_y[i] * shift_y[i])
                .sqrt()
                .max(0.001);
            let step = len.min(temperature);
            xs[i] = (xs[i] + shift_x[i] / len * step).clamp(20.0, WIDTH - 20.0);
            ys[i] = (ys[i] + shift_y[i] / len * step).clamp(20.0, HEIGHT - 20.0);
        }
        temperature = (temperature - cooling).max(1.0);
    }
    xs.into_iter().zip(ys).collect()
}

/// Sets `push_x`, `push_y` to the push every node gets from all the others
/// (strength `k2 / distance`), each pair computed once.
fn repulsion(xs: &[f32], ys: &[f32], k2: f32, push_x: &mut [f32], push_y: &mut [f32]) {
    push_x.fill(0.0);
    push_y.fill(0.0);
    for i in 0..xs.len() {
        let (px, py) = repel(
            (xs[i], ys[i]),
            k2,
            (&xs[i + 1..], &ys[i + 1..]),
            (&mut push_x[i + 1..], &mut push_y[i + 1..]),
        );
        push_x[i] += px;
        push_y[i] += py;
    }
}

/// Lanes of the pair loop: eight independent sums, since floating-point
/// additions in one sum cannot be reordered into vector instructions.
const LANES: usize = 8;

/// Pushes the node at `at` and the nodes at `others` apart (strength
/// `k2 / distance`): the others' pushes are added to `pushed`, the node's
/// own push is returned.
fn repel(
    at: (f32, f32),
    k2: f32,
    others: (&[f32], &[f32]),
    pushed: (&mut [f32], &mut [f32]),
) -> (f32, f32) {
    let (xs, ys) = others;
    let (push_x, push_y) = pushed;
    let (mut sum_x, mut sum_y) = ([0f32; LANES], [0f32; LANES]);
    let lanes = xs.len() / LANES * LANES;
    for base in (0..lanes).step_by(LANES) {
        let span = base..base + LANES;
        let (Ok(x), Ok(y), Ok(px), Ok(py)) = (
            <&[f32; LANES]>::try_from(&xs[span.clone()]),
            <&[f32; LANES]>::try_from(&ys[span.clone()]),
            <&mut [f32; LANES]>::try_from(&mut push_x[span.clone()]),
            <&mut [f32; LANES]>::try_from(&mut push_y[span]),
        ) else {
            continue;
        };
        repel_lanes(at, k2, (x, y), (px, py), (&mut sum_x, &mut sum_y));
    }
    let (mut own_x, mut own_y) = (sum_x.iter().sum::<f32>(), sum_y.iter().sum::<f32>());
    for j in lanes..xs.len() {
        let dx = at.0 - xs[j];
        let dy = at.1 - ys[j];
        let f = k2 / (dx * dx + dy * dy).max(0.01);
        own_x += dx * f;
        own_y += dy * f;
        push_x[j] -= dx * f;
        push_y[j] -= dy * f;
    }
    (own_x, own_y)
}

type Lanes = [f32; LANES];

/// [`repel`] on `LANES` other nodes at once. Kept apart (and not inlined) so
/// the compiler sees whole arrays and turns each loop into vector
/// instructions; inlined into the caller's loop, it did not.
#[inline(never)]
fn repel_lanes(
    at: (f32, f32),
    k2: f32,
    (x, y): (&Lanes, &Lanes),
    (px, py): (&mut Lanes, &mut Lanes),
    (sum_x, sum_y): (&mut Lanes, &mut Lanes),
) {
    let (mut dx, mut dy, mut f) = ([0f32; LANES], [0f32; LANES], [0f32; LANES]);
    for l in 0..LANES {
        dx[l] = at.0 - x[l];
        dy[l] = at.1 - y[l];
    }
    for l in 0..LANES {
        let d2 = dx[l] * dx[l] + dy[l] * dy[l];
        f[l] = k2 / if d2 < 0.01 { 0.01 } else { d2 };
    }
    for l in 0..LANES {
        sum_x[l] += dx[l] * f[l];
        sum_y[l] += dy[l] * f[l];
        px[l] -= dx[l] * f[l];
        py[l] -= dy[l] * f[l];
    }
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
                    until: None,
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
    fn pushes_in_lanes_match_the_pair_by_pair_sum() {
        let n = 37;
        let xs: Vec<f32> = (0..n).map(|i| ((i * 37) % 101) as f32 * 9.7).collect();
        let ys: Vec<f32> = (0..n).map(|i| ((i * 53) % 89) as f32 * 7.3).collect();
        let k2 = 210.0;
        let (mut push_x, mut push_y) = (vec![1f32; n], vec![1f32; n]);
        repulsion(&xs, &ys, k2, &mut push_x, &mut push_y);
        for i in 0..n {
            let (mut ex, mut ey) = (0f32, 0f32);
            for j in (0..n).filter(|j| *j != i) {
                let (dx, dy) = (xs[i] - xs[j], ys[i] - ys[j]);
                let f = k2 / (dx * dx + dy * dy).max(0.01);
                ex += dx * f;
                ey += dy * f;
            }
            let close = |a: f32, b: f32| (a - b).abs() <= 1e-3 * (1.0 + b.abs());
            assert!(close(push_x[i], ex) && close(push_y[i], ey), "node {i}");
        }
    }

    #[test]
    fn small_and_empty_graphs() {
        assert!(layout(&chain(0)).is_empty());
        assert_eq!(layout(&chain(1)), vec![(WIDTH / 2.0, HEIGHT / 2.0)]);
    }
}
