//! Request bodies are small here: forms and JSON of a few kilobytes. A body
//! over the limit is refused with 413 before any handler reads it, whether
//! it announces its length or streams it, so no one can make a server
//! function buffer megabytes.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest body any route accepts (a report with every field full is
/// well under 100 KiB).
pub const MAX_BODY: usize = 256 * 1024;

pub async fn limit(request: Request, next: Next) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(),
    }
}

fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The request is larger than {} KiB, the most this site accepts.",
            MAX_BODY / 1024
        ),
    )
        .into_response()
}
