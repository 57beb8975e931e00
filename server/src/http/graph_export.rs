//! The visible part of the graph as a file Gephi and networkx open:
//! `/graph/export.graphml?start=organisation:omct&depth=2` (or `.gexf`).
//! The traversal is the store's, with the reader's session: a file never
//! holds more than its reader may see.

use crate::store::SurrealStore;
use app::accounts::store::SessionInfo;
use app::graph::store::Traversal;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use shared::graph::{to_gexf, to_graphml, GraphFilter, NodeId};
use shared::Viewer;
use std::sync::Arc;

/// The explorer's address: `start`, `depth` and the filters (`hide`,
/// `hide_edge`, `country`, `region`, `from`, `until`), as the view shows them.
#[derive(Debug, Default)]
struct ExportQuery {
    start: String,
    depth: Option<String>,
    filter: GraphFilter,
}

impl ExportQuery {
    fn parse(raw: &str) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap_or_default();
        let mut q = ExportQuery::default();
        for (k, v) in pairs {
            match k.as_str() {
                "start" => q.start = v,
                "depth" => q.depth = Some(v),
                other => {
                    q.filter.take(other, &v);
                }
            }
        }
        q
    }
}

fn bad(message: String) -> Response {
    (StatusCode::BAD_REQUEST, message).into_response()
}

pub async fn export(
    State(store): State<Arc<SurrealStore>>,
    Path(file): Path<String>,
    RawQuery(raw): RawQuery,
    session: Option<Extension<SessionInfo>>,
) -> Response {
    let viewer = session.map_or_else(Viewer::anonymous, |Extension(s)| s.viewer());
    let query = ExportQuery::parse(raw.as_deref().unwrap_or(""));
    let start = match NodeId::parse(&query.start) {
        Ok(n) => n,
        Err(e) => return bad(format!("start: {}", e.message())),
    };
    let depth = match query.depth.as_deref().unwrap_or("1").parse::<usize>() {
        Ok(d) if (1..=3).contains(&d) => d,
        _ => return bad("depth: must be 1, 2 or 3".to_owned()),
    };
    let (body, mime) = match file.as_str() {
        "export.graphml" => (to_graphml as fn(&_) -> String, "application/graphml+xml"),
        "export.gexf" => (to_gexf as fn(&_) -> String, "application/gexf+xml"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match store.neighbourhood(&viewer, &start, depth).await {
        Ok(Some(n)) => (
            [
                (header::CONTENT_TYPE, format!("{mime}; charset=utf-8")),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}-{}.{}\"",
                        start.table(),
                        start.key(),
                        &file[7..]
                    ),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            body(&n.graph.filtered(&query.filter, &start)),
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "graph export failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
