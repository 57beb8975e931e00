//! The visible part of the graph as a file Gephi and networkx open:
//! `/graph/export.graphml?start=organisation:omct&depth=2` (or `.gexf`).
//! The traversal is the store's, with the reader's session: a file never
//! holds more than its reader may see.

use crate::store::SurrealStore;
use app::accounts::auth::context::ClientAddress;
use app::accounts::store::{Access, AuditLog, SessionInfo};
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
    address: Option<Extension<ClientAddress>>,
) -> Response {
    let user = session.as_ref().map(|Extension(s)| s.user.clone());
    let viewer = session.map_or_else(Viewer::anonymous, |Extension(s)| s.viewer());
    let address = ClientAddress::or_unknown(address.map(|Extension(a)| a));
    let query = ExportQuery::parse(raw.as_deref().unwrap_or(""));
    let start = match NodeId::parse(&query.start) {
        Ok(n) => n,
        Err(e) => return bad(format!("start: {}", e.message())),
    };
    let depth = match query.depth.as_deref().unwrap_or("1").parse::<usize>() {
        Ok(d) if (1..=app::graph::work_gate::ANONYMOUS_DEPTH).contains(&d) => d,
        Ok(3) if !app::graph::work_gate::anonymous(&viewer) => 3,
        Ok(3) => return bad("depth: 3 needs signing in; without, 1 or 2".to_owned()),
        _ => return bad("depth: must be 1, 2 or 3".to_owned()),
    };
    let (body, mime) = match file.as_str() {
        "export.graphml" => (to_graphml as fn(&_) -> String, "application/graphml+xml"),
        "export.gexf" => (to_gexf as fn(&_) -> String, "application/gexf+xml"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let found = app::graph::work_gate::run(&viewer, async {
        if query.filter.past {
            store.neighbourhood_with_past(&viewer, &start, depth).await
        } else {
            store.neighbourhood(&viewer, &start, depth).await
        }
        .map_err(app::error::AppError::from)
    })
    .await;
    match found {
        Ok(Some(n)) => {
            let graph = n.graph.filtered(&query.filter, &start);
            // An anonymous file holds public records only; logging those
            // would let anyone fill the append-only log from many addresses.
            if let Some(user) = user {
                let access = Access {
                    user: Some(user),
                    address,
                    action: "export.graph",
                    target: Some(start.to_string()),
                    records: graph.nodes.len(),
                };
                if let Err(e) = store.record_access(&access).await {
                    tracing::error!(error = %e, "graph export could not be audited");
                    return StatusCode::SERVICE_UNAVAILABLE.into_response();
                }
            }
            (
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
                body(&graph),
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
            [(header::RETRY_AFTER, "10")],
            e.to_string(),
        )
            .into_response(),
    }
}
