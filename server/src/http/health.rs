use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::db::Db;

/// 200 when the database answers a query, 503 otherwise.
pub async fn healthz(State(db): State<Db>) -> (StatusCode, Json<Value>) {
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        db.query("RETURN 1").await.and_then(|r| r.check())
    })
    .await;
    match answer {
        Ok(Ok(_)) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Ok(Err(err)) => {
            tracing::warn!(%err, "health check: database error");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "error" })),
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "database": "timeout" })),
        ),
    }
}
