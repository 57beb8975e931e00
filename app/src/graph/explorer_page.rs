//! The graph explorer: a node's neighbourhood to depth 1–3, laid out by
//! forces on the server and drawn as SVG (zoom with the wheel or the
//! buttons, pan by dragging the background, drag nodes, follow a node to
//! explore from it), with filters, a showcase mode, communities, the path
//! finder, exports, and a list view with the same filters for keyboard and
//! screen-reader use. Everything the view shows is in its address.

use super::drawing::{edges_markup, nodes_markup, DrawnEdge, DrawnNode, Grip};
use crate::graph::api::{fetch_graph, fetch_paths, GraphView};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::graph::{GraphFilter, GraphPath, NODE_TABLES};
use shared::graph_layout::{HEIGHT, WIDTH};
use std::collections::{BTreeMap, BTreeSet};

/// What the address says about the view.
#[derive(Debug, Clone, PartialEq, Default)]
struct ViewState {
    start: String,
    depth: String,
    filter: GraphFilter,
    showcase: String,
    colour: String,
    to: String,
    list: bool,
}

impl ViewState {
    fn href(&self, start: &str) -> String {
        let mut q = vec![format!("start={start}"), format!("depth={}", self.depth)];
        q.extend(self.filter.query());
        if !self.showcase.is_empty() {
            q.push(format!("showcase={}", self.showcase));
        }
        if !self.colour.is_empty() {
            q.push(format!("colour={}", self.colour));
        }
        format!("/graph?{}", q.join("&"))
    }
}

pub fn table_name(l: Locale, table: &str) -> &'static str {
    match table {
        "organisation" => td_string!(l, node_organisation),
        "person" => td_string!(l, node_person),
        "country" => td_string!(l, node_country),
        "theme" => td_string!(l, node_theme),
        "trial" => td_string!(l, node_trial),
        "mission" => td_string!(l, node_mission),
        "advocacy_event" => td_string!(l, node_advocacy_event),
        "advocacy_mission" => td_string!(l, node_advocacy_mission),
        "campaign" => td_string!(l, node_campaign),
        _ => td_string!(l, node_intervention),
    }
}

pub fn edge_name(l: Locale, kind: &str) -> &'static str {
    match kind {
        "member_of" => td_string!(l, edge_member_of),
        "partner_of" => td_string!(l, edge_partner_of),
        "based_in" => td_string!(l, edge_based_in),
        "works_on" => td_string!(l, edge_works_on),
        "defendant_in" => td_string!(l, edge_defendant_in),
        "defends" => td_string!(l, edge_defends),
        "supported_by" => td_string!(l, edge_supported_by),
        "observes" => td_string!(l, edge_observes),
        "organised_by" => td_string!(l, edge_organised_by),
        "participates" => td_string!(l, edge_participates),
        "organises" => td_string!(l, edge_organises),
        "concerns" => td_string!(l, edge_concerns),
        "cosigned_by" => td_string!(l, edge_cosigned_by),
        _ => td_string!(l, edge_features),
    }
}

#[component]
pub fn GraphPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query.with(|q| {
            let mut filter = GraphFilter::default();
            for key in [
                "hide",
                "hide_edge",
                "country",
                "region",
                "from",
                "until",
                "past",
            ] {
                for value in q.get_all(key).unwrap_or_default() {
                    filter.take(key, &value);
                }
            }
            ViewState {
                start: q
                    .get("start")
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "organisation:omct".into()),
                depth: q.get("depth").unwrap_or_else(|| "2".into()),
                filter,
                showcase: q.get("showcase").unwrap_or_default(),
                colour: q.get("colour").unwrap_or_default(),
                to: q.get("to").unwrap_or_default(),
                list: q.get("view").as_deref() == Some("list"),
            }
        })
    });
    let graph = Resource::new(
        move || state.with(|s| (s.start.clone(), s.depth.clone(), s.filter.past)),
        |(start, depth, past)| fetch_graph(start, Some(depth), Some(past)),
    );
    let paths = Resource::new(
        move || state.with(|s| (s.start.clone(), s.to.clone())),
        |(start, to)| async move {
            if to.is_empty() {
                Ok(None)
            } else {
                fetch_paths(start, to).await.map(Some)
            }
        },
    );
    view! {
        <Title text=td_string!(l, graph_title).to_owned()/>
        <h1>{td_string!(l, graph_title)}</h1>
        <p class="lead">{td_string!(l, graph_lead)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let s = state.get_untracked();
                match (graph.await, paths.await) {
                    (Ok(v), Ok(p)) => view! { <Explorer view=v state=s paths=p/> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Explorer(view: GraphView, state: ViewState, paths: Option<Vec<GraphPath>>) -> impl IntoView {
    let l = locale::current();
    let GraphView {
        graph,
        truncated,
        positions,
        communities,
        community_names,
    } = view;
    // The network as it is now, unless the past was asked for: the
    // positions are the whole answer's, so what is left out is hidden, not
    // removed.
    let now: Option<BTreeSet<String>> = match shared::graph::NodeId::parse(&state.start) {
        Ok(start) if !state.filter.past => Some(
            graph
                .current(&start)
                .nodes
                .iter()
                .map(|n| n.id.to_string())
                .collect(),
        ),
        _ => None,
    };
    let shown: Vec<bool> = graph
        .nodes
        .iter()
        .map(|n| {
            let id = n.id.to_string();
            (state.filter.keeps(n) || id == state.start)
                && now.as_ref().is_none_or(|now| now.contains(&id))
        })
        .collect();
    let index: BTreeMap<String, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.to_string(), i))
        .collect();
    let on_path: BTreeSet<(String, String)> = paths
        .iter()
        .flatten()
        .flat_map(|p| p.edges.iter())
        .map(|e| (e.from.to_string(), e.to.to_string()))
        .collect();
    let edges: Vec<(usize, usize, String)> = graph
        .edges
        .iter()
        .filter(|e| !state.filter.hide_edge.contains(&e.kind))
        .filter(|e| state.filter.past || e.until.is_none())
        .filter_map(|e| {
            let a = *index.get(&e.from.to_string())?;
            let b = *index.get(&e.to.to_string())?;
            (shown[a] && shown[b]).then(|| (a, b, e.kind.clone()))
        })
        .collect();
    let mut degree = vec![0usize; graph.nodes.len()];
    for (a, b, _) in &edges {
        degree[*a] += 1;
        degree[*b] += 1;
    }
    let tables: BTreeSet<&str> = graph.nodes.iter().map(|n| n.id.table()).collect();
    let kinds: BTreeSet<&str> = graph.edges.iter().map(|e| e.kind.as_str()).collect();
    let visible_nodes = shown.iter().filter(|s| **s).count();
    let summary =
        td_string!(l, graph_summary, nodes = visible_nodes, edges = edges.len()).to_string();
    let by_community = state.colour == "community";
    let labelled: BTreeSet<usize> = {
        let mut by_degree: Vec<usize> = (0..graph.nodes.len()).filter(|i| shown[*i]).collect();
        by_degree.sort_by(|a, b| degree[*b].cmp(&degree[*a]));
        by_degree.into_iter().take(25).collect()
    };
    let export = |ext: &str| {
        let mut q = vec![
            format!("start={}", state.start),
            format!("depth={}", state.depth),
        ];
        q.extend(state.filter.query());
        format!("/graph/export.{ext}?{}", q.join("&"))
    };
    let list_href = format!("{}&view=list", state.href(&state.start));
    let graph_href = state.href(&state.start);
    let drawn_edges: Vec<DrawnEdge> = edges
        .iter()
        .map(|(a, b, kind)| DrawnEdge {
            from: *a,
            to: *b,
            kind: kind.clone(),
            on_path: on_path.contains(&(
                graph.nodes[*a].id.to_string(),
                graph.nodes[*b].id.to_string(),
            )),
        })
        .collect();
    let drawn_nodes: Vec<DrawnNode> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .map(|(i, n)| {
            let table = n.id.table();
            let faded = !state.showcase.is_empty() && state.showcase != table;
            let colour = if by_community {
                format!("community-{}", communities[i] % 8)
            } else {
                format!("node-{table}")
            };
            let is_start = n.id.to_string() == state.start;
            DrawnNode {
                index: i,
                href: state.href(&n.id.to_string()),
                class: format!(
                    "node {colour}{}{}",
                    if faded { " faded" } else { "" },
                    if is_start { " start" } else { "" }
                ),
                radius: 6.0 + (degree[i] as f32).sqrt() * 2.0,
                title: format!("{} ({})", n.label, table_name(l, table)),
                label: labelled.contains(&i).then(|| n.label.clone()),
            }
        })
        .collect();
    let edges_svg = edges_markup(&drawn_edges, &positions);
    let nodes_svg = nodes_markup(&drawn_nodes, &positions);
    let svg = view! {
        <CanvasControls graphml=export("graphml") gexf=export("gexf") list_href=list_href/>
        <svg
            id="graph-canvas"
            class="graph-canvas"
            // A group, not an image: each node is a link to explore from.
            role="group"
            aria-label=summary.clone()
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
        >
            <g class="edges" inner_html=edges_svg></g>
            <g class="nodes" inner_html=nodes_svg></g>
        </svg>
        <p class="muted">{td_string!(l, graph_help)} " " {td_string!(l, graph_hubs_note)}</p>
    };
    let list = view! { <GraphList graph=graph.clone() shown=shown.clone() edges=edges.clone() state=state.clone()/> };
    view! {
        <Controls state=state.clone() tables=tables.iter().map(|t| t.to_string()).collect() kinds=kinds.iter().map(|k| k.to_string()).collect()
            places=graph.nodes.iter().filter_map(|n| n.place.clone()).collect()
            nodes=graph.nodes.iter().filter(|n| n.id.to_string() != state.start).map(|n| (n.id.to_string(), n.label.clone())).collect()/>
        <p role="status">{summary}{truncated.then(|| view! { " " <strong>{td_string!(l, graph_truncated)}</strong> })}</p>
        {paths.map(|p| view! { <PathResult paths=p/> })}
        {if state.list {
            view! { <p><a href=graph_href>{td_string!(l, graph_picture_view)}</a></p> {list} }.into_any()
        } else {
            svg.into_any()
        }}
        <Legend tables=tables.iter().map(|t| t.to_string()).collect() by_community community_names/>
    }
}

/// The drawing's toolbar, and what the pointer does on the drawing: zoom
/// (wheel and buttons), pan (drag the background), drag a node, save the
/// picture. An island: the drawing itself is the server's markup
/// (`#graph-canvas`), which this finds and listens on once hydrated.
#[island]
fn CanvasControls(graphml: String, gexf: String, list_href: String) -> impl IntoView {
    let l = locale::current();
    let view_box = RwSignal::new((0f32, 0f32, WIDTH, HEIGHT));
    let zoom = move |factor: f32| {
        view_box.update(|(x, y, w, h)| {
            let (cx, cy) = (*x + *w / 2.0, *y + *h / 2.0);
            *w = (*w * factor).clamp(100.0, WIDTH * 4.0);
            *h = (*h * factor).clamp(70.0, HEIGHT * 4.0);
            *x = cx - *w / 2.0;
            *y = cy - *h / 2.0;
        })
    };
    // Effects run in the browser only: the drawing follows the view box,
    // and the pointer handlers are set once.
    Effect::new(move |_| {
        let (x, y, w, h) = view_box.get();
        if let Some(svg) = document().get_element_by_id("graph-canvas") {
            svg.set_attribute("viewBox", &format!("{x} {y} {w} {h}"))
                .ok();
        }
    });
    Effect::new(move |_| pointer::listen(view_box, zoom));
    // The zoom and picture buttons are the script's: until the page is
    // hydrated they would swallow a click, so they say they are not ready.
    let hydrated = crate::ui::hydrated::use_hydrated();
    let inert = move || !hydrated.get();
    view! {
        <div class="graph-toolbar" role="group" aria-label=td_string!(l, graph_zoom)>
            <button type="button" class="button small secondary" disabled=inert on:click=move |_| zoom(0.8)>{td_string!(l, zoom_in)}</button>
            <button type="button" class="button small secondary" disabled=inert on:click=move |_| zoom(1.25)>{td_string!(l, zoom_out)}</button>
            <button type="button" class="button small secondary" disabled=inert on:click=move |_| view_box.set((0.0, 0.0, WIDTH, HEIGHT))>{td_string!(l, zoom_reset)}</button>
            <a class="button small secondary" href=graphml download="">{"GraphML"}</a>
            <a class="button small secondary" href=gexf download="">{"GEXF"}</a>
            <button type="button" class="button small secondary" disabled=inert on:click=move |_| download_svg()>{td_string!(l, download_svg)}</button>
            <button type="button" class="button small secondary" disabled=inert on:click=move |_| download_png()>{td_string!(l, download_png)}</button>
            <a class="button small secondary" href=list_href>{td_string!(l, graph_list_view)}</a>
        </div>
    }
}

/// The pointer on the drawing: handlers added to the server's markup.
mod pointer {
    use super::Grip;
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    pub fn listen(view_box: RwSignal<(f32, f32, f32, f32)>, zoom: impl Fn(f32) + Copy + 'static) {
        let Some(svg) = document().get_element_by_id("graph-canvas") else {
            return;
        };
        // A drag that moved a node must not also follow the node's link.
        let dragged = RwSignal::new(false);
        let panning = RwSignal::new(None::<(f32, f32)>);
        // Screen pixels to drawing units, from the SVG element's box.
        let to_svg = move |ev: &web_sys::PointerEvent| -> Option<(f32, f32)> {
            let target = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
            let rect = target.get_bounding_client_rect();
            let (x, y, w, h) = view_box.get_untracked();
            let sx = (ev.client_x() as f32 - rect.left() as f32) / rect.width().max(1.0) as f32;
            let sy = (ev.client_y() as f32 - rect.top() as f32) / rect.height().max(1.0) as f32;
            Some((x + sx * w, y + sy * h))
        };
        let wheel =
            Closure::<dyn FnMut(web_sys::WheelEvent)>::new(move |ev: web_sys::WheelEvent| {
                ev.prevent_default();
                zoom(if ev.delta_y() > 0.0 { 1.1 } else { 0.9 });
            });
        // Not passive: the wheel zooms the drawing instead of scrolling the page.
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        svg.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            wheel.as_ref().unchecked_ref(),
            &options,
        )
        .ok();
        wheel.forget();
        on(&svg, "pointerdown", move |ev: web_sys::PointerEvent| {
            let svg = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let on_node = match (svg, target) {
                (Some(svg), Some(target)) if ev.button() == 0 => Grip::take(&svg, &target),
                _ => None,
            };
            dragged.set(false);
            match on_node {
                Some(g) => Grip::hold(Some(g)),
                None => panning.set(to_svg(&ev)),
            }
        });
        on(&svg, "pointermove", move |ev: web_sys::PointerEvent| {
            let Some(p) = to_svg(&ev) else { return };
            if Grip::drag_to(p) {
                dragged.set(true);
            } else if let Some((px, py)) = panning.get_untracked() {
                view_box.update(|(x, y, _, _)| {
                    *x -= p.0 - px;
                    *y -= p.1 - py;
                });
            }
        });
        for end in ["pointerup", "pointerleave"] {
            on(&svg, end, move |_: web_sys::PointerEvent| {
                Grip::hold(None);
                panning.set(None);
            });
        }
        on(&svg, "click", move |ev: web_sys::MouseEvent| {
            if dragged.get_untracked() {
                ev.prevent_default();
                dragged.set(false);
            }
        });
    }

    /// Adds a handler for the page's lifetime.
    fn on<E: wasm_bindgen::convert::FromWasmAbi + 'static>(
        target: &web_sys::Element,
        event: &str,
        handler: impl FnMut(E) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(E)>::new(handler);
        target
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
            .ok();
        closure.forget();
    }
}

/// Starts a download of the drawing as it is on the screen.
fn download_svg() {
    #[cfg(feature = "hydrate")]
    {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(svg) = document.get_element_by_id("graph-canvas") else {
            return;
        };
        let markup =
            svg.outer_html()
                .replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1);
        let Some(url) = svg_object_url(&markup) else {
            return;
        };
        save_as(&document, &url, "graph.svg");
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// A temporary address holding `markup` as an SVG file.
#[cfg(feature = "hydrate")]
fn svg_object_url(markup: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&js_sys_array(markup), &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Asks the browser to save `href` under the file name `name`.
#[cfg(feature = "hydrate")]
fn save_as(document: &web_sys::Document, href: &str, name: &str) {
    use wasm_bindgen::JsCast;
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(href);
        a.set_download(name);
        a.click();
    }
}

/// Starts a download of the drawing as a PNG picture: the SVG is drawn on
/// a canvas at twice its size, on a white background.
fn download_png() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(svg) = document.get_element_by_id("graph-canvas") else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let (w, h) = ((rect.width() * 2.0) as u32, (rect.height() * 2.0) as u32);
        let markup = inline_styles(&svg).replacen(
            "<svg",
            &format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\""),
            1,
        );
        let Some(url) = svg_object_url(&markup) else {
            return;
        };
        let Ok(image) = web_sys::HtmlImageElement::new() else {
            return;
        };
        let loaded = image.clone();
        let source = url.clone();
        let onload = Closure::once(move || {
            let _ = web_sys::Url::revoke_object_url(&source);
            let Some(canvas) = document
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            else {
                return;
            };
            canvas.set_width(w);
            canvas.set_height(h);
            let Some(context) = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            else {
                return;
            };
            context.set_fill_style_str("#ffffff");
            context.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
            let _ = context.draw_image_with_html_image_element(&loaded, 0.0, 0.0);
            // A blob, not a data address: the picture of a large graph is
            // megabytes, beyond what browsers accept in an address.
            let saved = Closure::once(move |blob: wasm_bindgen::JsValue| {
                let Ok(blob) = blob.dyn_into::<web_sys::Blob>() else {
                    return;
                };
                let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
                    return;
                };
                save_as(&document, &url, "graph.png");
                let _ = web_sys::Url::revoke_object_url(&url);
            });
            if canvas
                .to_blob_with_type(saved.as_ref().unchecked_ref(), "image/png")
                .is_ok()
            {
                saved.forget();
            }
        });
        image.set_onload(Some(onload.as_ref().unchecked_ref()));
        onload.forget();
        image.set_src(&url);
    }
}

/// The SVG's markup with each element's computed colours written in, so the
/// picture looks the same outside the page's style sheet.
#[cfg(feature = "hydrate")]
fn inline_styles(svg: &web_sys::Element) -> String {
    use wasm_bindgen::JsCast;
    let Ok(copy) = svg.clone_node_with_deep(true) else {
        return svg.outer_html();
    };
    let Ok(copy) = copy.dyn_into::<web_sys::Element>() else {
        return svg.outer_html();
    };
    let window = web_sys::window();
    let originals = svg.query_selector_all("circle, line, text").ok();
    let copies = copy.query_selector_all("circle, line, text").ok();
    if let (Some(window), Some(originals), Some(copies)) = (window, originals, copies) {
        for i in 0..originals.length().min(copies.length()) {
            let (Some(from), Some(to)) = (originals.item(i), copies.item(i)) else {
                continue;
            };
            let (Ok(from), Ok(to)) = (
                from.dyn_into::<web_sys::Element>(),
                to.dyn_into::<web_sys::Element>(),
            ) else {
                continue;
            };
            // As presentation attributes, not a style attribute, which the
            // page's Content-Security-Policy refuses.
            if let Ok(Some(style)) = window.get_computed_style(&from) {
                for property in [
                    "fill",
                    "stroke",
                    "stroke-width",
                    "opacity",
                    "font-size",
                    "font-family",
                ] {
                    if let Ok(value) = style.get_property_value(property) {
                        let _ = to.set_attribute(property, &value);
                    }
                }
            }
        }
    }
    copy.outer_html()
}

#[cfg(feature = "hydrate")]
fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = web_sys::js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}

/// The filters, the showcase, the colouring, the depth and the path finder:
/// a GET form, so the view stays in the address.
#[component]
fn Controls(
    state: ViewState,
    tables: Vec<String>,
    kinds: Vec<String>,
    nodes: Vec<(String, String)>,
    places: Vec<shared::Country>,
) -> impl IntoView {
    let l = locale::current();
    // An address may name the target by id: show its name when it is drawn.
    let to_value = nodes
        .iter()
        .find(|(id, _)| *id == state.to)
        .map(|(_, label)| label.clone())
        .unwrap_or_else(|| state.to.clone());
    let names: BTreeSet<String> = nodes.into_iter().map(|(_, label)| label).collect();
    let mut countries: Vec<(String, String)> = places
        .iter()
        .map(|c| (c.code.key(), locale::country_name(l, c)))
        .collect::<BTreeMap<_, _>>()
        .into_iter()
        .collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    view! {
        <form method="get" action="/graph" class="graph-controls">
            <input type="hidden" name="start" value=state.start.clone()/>
            <div class="field-row">
                <div class="field">
                    <label for="graph-depth">{td_string!(l, graph_depth)}</label>
                    <select id="graph-depth" name="depth">
                        {["1", "2", "3"].into_iter().map(|d| view! { <option value=d selected=state.depth == d>{d}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="graph-showcase">{td_string!(l, graph_showcase)}</label>
                    <select id="graph-showcase" name="showcase">
                        <option value="">{td_string!(l, graph_showcase_none)}</option>
                        {tables.iter().map(|t| view! { <option value=t.clone() selected=state.showcase == *t>{table_name(l, t)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="graph-colour">{td_string!(l, graph_colour)}</label>
                    <select id="graph-colour" name="colour">
                        <option value="">{td_string!(l, graph_colour_type)}</option>
                        <option value="community" selected=state.colour == "community">{td_string!(l, graph_colour_community)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="graph-to">{td_string!(l, graph_path_to)}</label>
                    // Any name the reader may see, in this view or not; the
                    // names drawn here are offered as they type.
                    <input type="search" id="graph-to" name="to" list="graph-to-names" autocomplete="off"
                        aria-describedby="graph-to-help" value=to_value/>
                    <datalist id="graph-to-names">
                        {names.into_iter().map(|label| view! { <option value=label/> }).collect_view()}
                    </datalist>
                    <span id="graph-to-help" class="hint">{td_string!(l, graph_path_to_help)}</span>
                </div>
            </div>
            <fieldset>
                <legend>{td_string!(l, graph_where_when)}</legend>
                <div class="field-row">
                    <div class="field">
                        <label for="graph-country">{td_string!(l, label_country)}</label>
                        <select id="graph-country" name="country">
                            <option value="">{td_string!(l, graph_any_country)}</option>
                            {countries.into_iter().map(|(key, name)| {
                                let selected = state.filter.country.as_deref() == Some(key.as_str());
                                view! { <option value=key selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="graph-region">{td_string!(l, graph_region)}</label>
                        <select id="graph-region" name="region">
                            <option value="">{td_string!(l, graph_any_region)}</option>
                            {shared::Region::ALL.into_iter().map(|r| {
                                let selected = state.filter.region.as_deref() == Some(r.slug());
                                view! { <option value=r.slug() selected=selected>{locale::region_name(l, r)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="graph-from">{td_string!(l, graph_from_year)}</label>
                        <input type="number" id="graph-from" name="from" min="1900" max="2100" inputmode="numeric" value=year(state.filter.from)/>
                    </div>
                    <div class="field">
                        <label for="graph-until">{td_string!(l, graph_until_year)}</label>
                        <input type="number" id="graph-until" name="until" min="1900" max="2100" inputmode="numeric" value=year(state.filter.until)/>
                    </div>
                </div>
                <p class="muted">{td_string!(l, graph_where_when_note)}</p>
            </fieldset>
            <fieldset class="checks">
                <legend>{td_string!(l, graph_hide_nodes)}</legend>
                {NODE_TABLES.iter().filter(|t| tables.iter().any(|x| x == *t)).map(|t| {
                    let id = format!("hide-{t}");
                    view! {
                        <span class="check">
                            <input type="checkbox" id=id.clone() name="hide" value=*t checked=state.filter.hide.contains(*t)/>
                            <label for=id>{table_name(l, t)}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="checks">
                <legend>{td_string!(l, graph_hide_edges)}</legend>
                {kinds.iter().map(|k| {
                    let id = format!("hide-edge-{k}");
                    view! {
                        <span class="check">
                            <input type="checkbox" id=id.clone() name="hide_edge" value=k.clone() checked=state.filter.hide_edge.contains(k)/>
                            <label for=id>{edge_name(l, k)}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <p class="check">
                <input type="checkbox" id="graph-past" name="past" value="1" checked=state.filter.past/>
                <label for="graph-past">{td_string!(l, graph_past)}</label>
            </p>
            {state.list.then(|| view! { <input type="hidden" name="view" value="list"/> })}
            <button type="submit" class="button primary">{td_string!(l, apply)}</button>
        </form>
    }
}

#[component]
fn PathResult(paths: Vec<GraphPath>) -> impl IntoView {
    let l = locale::current();
    view! {
        <section aria-labelledby="paths-title" class="panel">
            <h2 id="paths-title">{td_string!(l, graph_paths_title)}</h2>
            {if paths.is_empty() {
                view! { <p>{td_string!(l, graph_no_path)}</p> }.into_any()
            } else {
                view! {
                    <ol class="paths">
                        {paths.into_iter().map(|p| view! {
                            <li>
                                {p.nodes.iter().enumerate().map(|(i, n)| {
                                    let step = p.edges.get(i).map(|e| {
                                        let forward = e.from == n.id;
                                        let arrow = if forward { "→" } else { "←" };
                                        format!(" {arrow} {} {arrow} ", edge_name(l, &e.kind))
                                    });
                                    view! { <strong>{n.label.clone()}</strong> <span class="muted">{step}</span> }
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The same nodes and edges as the picture, as tables.
#[component]
fn GraphList(
    graph: shared::graph::Subgraph,
    shown: Vec<bool>,
    edges: Vec<(usize, usize, String)>,
    state: ViewState,
) -> impl IntoView {
    let l = locale::current();
    view! {
        <div class="two-columns">
            <section aria-labelledby="graph-nodes-title">
                <h2 id="graph-nodes-title">{td_string!(l, graph_nodes)}</h2>
                <ul class="graph-list">
                    {graph.nodes.iter().enumerate().filter(|(i, _)| shown[*i]).map(|(_, n)| {
                        let explore = format!("{}&view=list", state.href(&n.id.to_string()));
                        view! {
                            <li>
                                {match n.id.href() {
                                    Some(h) => view! { <a href=h>{n.label.clone()}</a> }.into_any(),
                                    None => view! { <span>{n.label.clone()}</span> }.into_any(),
                                }}
                                " (" {table_name(l, n.id.table())} ") · "
                                <a href=explore>{td_string!(l, graph_explore_from)}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="graph-edges-title">
                <h2 id="graph-edges-title">{td_string!(l, graph_edges)}</h2>
                <ul class="graph-list">
                    {edges.iter().map(|(a, b, kind)| view! {
                        <li>{graph.nodes[*a].label.clone()} " → " <em>{edge_name(l, kind)}</em> " → " {graph.nodes[*b].label.clone()}</li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

#[component]
fn Legend(
    tables: Vec<String>,
    by_community: bool,
    community_names: Vec<(usize, String)>,
) -> impl IntoView {
    let l = locale::current();
    view! {
        <section aria-labelledby="legend-title" class="graph-legend">
            <h2 id="legend-title">{td_string!(l, graph_legend)}</h2>
            <ul class="inline-list">
                {if by_community {
                    community_names.into_iter().take(8).map(|(c, name)| {
                        let class = format!("swatch community-{}", c % 8);
                        view! { <li><span class=class aria-hidden="true"></span>{td_string!(l, graph_community_of, name = name).to_string()}</li> }
                    }).collect_view().into_any()
                } else {
                    tables.into_iter().map(|t| {
                        let class = format!("swatch node-{t}");
                        view! { <li><span class=class aria-hidden="true"></span>{table_name(l, &t)}</li> }
                    }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}
