//! The explorer's picture as SVG markup, and dragging a node in it.
//!
//! With 2,000 nodes and 7,000 relations, one reactive attribute per
//! coordinate meant tens of thousands of effects to hydrate: seconds before
//! the page answered. The picture is written once as markup (the browser
//! keeps the server's copy when the page hydrates) and a drag moves the
//! dragged node and its own lines in the DOM directly.

use html_escape::encode_safe;
use std::cell::RefCell;
use std::fmt::Write;

thread_local! {
    /// The drag in progress: one pointer, one page. Held here rather than in
    /// a reactive store, whose owner the server drops on another thread
    /// (a store of DOM elements panicked there); only the browser's event
    /// handlers ever touch it.
    static HELD: RefCell<Option<Grip>> = const { RefCell::new(None) };
}

/// A node as drawn: what the markup needs besides its position.
pub struct DrawnNode {
    pub index: usize,
    pub href: String,
    pub class: String,
    pub radius: f32,
    pub title: String,
    pub label: Option<String>,
}

/// A relation as drawn, between two node indexes.
pub struct DrawnEdge {
    pub from: usize,
    pub to: usize,
    pub kind: String,
    pub on_path: bool,
}

/// The `<line>`s of the relations; each names its ends so a drag finds
/// the lines it moves.
pub fn edges_markup(edges: &[DrawnEdge], positions: &[(f32, f32)]) -> String {
    let mut out = String::with_capacity(edges.len() * 110);
    for e in edges {
        let ((x1, y1), (x2, y2)) = (positions[e.from], positions[e.to]);
        let _ = write!(
            out,
            r#"<line class="edge edge-{kind}{path}" data-a="{a}" data-b="{b}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"></line>"#,
            kind = encode_safe(&e.kind),
            path = if e.on_path { " on-path" } else { "" },
            a = e.from,
            b = e.to,
        );
    }
    out
}

/// The nodes: a link to explore from each (keyboard and screen readers
/// follow it like any link), its circle, and a label on the best connected.
pub fn nodes_markup(nodes: &[DrawnNode], positions: &[(f32, f32)]) -> String {
    let mut out = String::with_capacity(nodes.len() * 300);
    for n in nodes {
        let (x, y) = positions[n.index];
        let title = encode_safe(&n.title);
        let _ = write!(
            out,
            r#"<a href="{href}" class="{class}" aria-label="{title}" data-i="{i}"><title>{title}</title><circle r="{r:.1}" cx="{x:.1}" cy="{y:.1}"></circle>"#,
            href = encode_safe(&n.href),
            class = encode_safe(&n.class),
            i = n.index,
            r = n.radius,
        );
        if let Some(label) = &n.label {
            let (tx, ty) = label_at((x, y), n.radius);
            let _ = write!(
                out,
                r#"<text x="{tx:.1}" y="{ty:.1}">{}</text>"#,
                encode_safe(label)
            );
        }
        out.push_str("</a>");
    }
    out
}

/// Where a node's label sits: to the right of its circle.
fn label_at((x, y): (f32, f32), radius: f32) -> (f32, f32) {
    (x + radius + 2.0, y + 4.0)
}

/// The elements a drag moves: the node's circle and label, and the ends of
/// its lines. Found once when the drag starts.
pub struct Grip {
    circle: web_sys::Element,
    label: Option<web_sys::Element>,
    radius: f32,
    starts: Vec<web_sys::Element>,
    ends: Vec<web_sys::Element>,
}

impl Grip {
    /// The node under a pointer press, if it was on a node.
    pub fn take(svg: &web_sys::Element, target: &web_sys::Element) -> Option<Grip> {
        let node = target.closest("a.node").ok()??;
        let index: usize = node.get_attribute("data-i")?.parse().ok()?;
        let circle = node.query_selector("circle").ok()??;
        let radius = circle.get_attribute("r")?.parse().ok()?;
        let label = node.query_selector("text").ok()?;
        let lines = |end: &str| -> Vec<web_sys::Element> {
            let Ok(list) = svg.query_selector_all(&format!("line[data-{end}=\"{index}\"]")) else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|k| list.item(k))
                .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                .collect()
        };
        Some(Grip {
            circle,
            label,
            radius,
            starts: lines("a"),
            ends: lines("b"),
        })
    }

    /// Starts (`Some`) or ends (`None`) a drag.
    pub fn hold(grip: Option<Grip>) {
        HELD.with(|held| *held.borrow_mut() = grip);
    }

    /// Moves the node being dragged, if any, to `at`; whether there was one.
    pub fn drag_to(at: (f32, f32)) -> bool {
        HELD.with(|held| held.borrow().as_ref().map(|g| g.move_to(at)).is_some())
    }

    /// Puts the node at `(x, y)` in drawing units, its lines following.
    fn move_to(&self, (x, y): (f32, f32)) {
        let (xs, ys) = (format!("{x:.1}"), format!("{y:.1}"));
        let _ = self.circle.set_attribute("cx", &xs);
        let _ = self.circle.set_attribute("cy", &ys);
        if let Some(label) = &self.label {
            let (tx, ty) = label_at((x, y), self.radius);
            let _ = label.set_attribute("x", &format!("{tx:.1}"));
            let _ = label.set_attribute("y", &format!("{ty:.1}"));
        }
        for line in &self.starts {
            let _ = line.set_attribute("x1", &xs);
            let _ = line.set_attribute("y1", &ys);
        }
        for line in &self.ends {
            let _ = line.set_attribute("x2", &xs);
            let _ = line.set_attribute("y2", &ys);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_addresses_cannot_break_out_of_the_markup() {
        let node = DrawnNode {
            index: 0,
            href: "/graph?start=x\"><script>".into(),
            class: "node node-person".into(),
            radius: 6.0,
            title: "<img src=x onerror=alert(1)> & co (Person)".into(),
            label: Some("</text><script>alert(1)</script>".into()),
        };
        let markup = nodes_markup(&[node], &[(1.0, 2.0)]);
        assert!(!markup.contains("<script"), "{markup}");
        assert!(!markup.contains("<img"), "{markup}");
        assert!(!markup.contains("x\">"), "{markup}");
        assert!(markup.contains("&lt;img"), "{markup}");
        assert!(markup.contains(r#"cx="1.0" cy="2.0""#), "{markup}");
        assert!(markup.contains(r#"<text x="9.0" y="6.0">"#), "{markup}");
    }

    #[test]
    fn each_line_names_its_ends_and_marks_the_path() {
        let edges = [
            DrawnEdge {
                from: 0,
                to: 1,
                kind: "partner_of".into(),
                on_path: true,
            },
            DrawnEdge {
                from: 1,
                to: 2,
                kind: "based_in".into(),
                on_path: false,
            },
        ];
        let markup = edges_markup(&edges, &[(0.0, 0.0), (10.0, 5.0), (20.5, 7.25)]);
        assert_eq!(markup.matches("<line ").count(), 2);
        assert!(markup.contains(
            r#"class="edge edge-partner_of on-path" data-a="0" data-b="1" x1="0.0" y1="0.0" x2="10.0" y2="5.0""#
        ));
        assert!(markup.contains(r#"class="edge edge-based_in" data-a="1" data-b="2""#));
        assert!(
            markup.contains(r#"x2="20.5" y2="7.2""#) || markup.contains(r#"x2="20.5" y2="7.3""#)
        );
    }
}
