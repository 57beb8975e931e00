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

/// The one route that takes files: an import's CSV files. Its body is not
/// buffered here.
pub const UPLOAD_PATH: &str = "/imports/upload";

pub async fn limit(request: Request, next: Next) -> Response {
    let max = if request.uri().path() == UPLOAD_PATH {
        shared::import::MAX_UPLOAD_BYTES + 64 * 1024
    } else {
        MAX_BODY
    };
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > max as u64) {
        return too_large(max);
    }
    if max != MAX_BODY {
        // Streamed to the handler, which reads it only for a signed-in
        // importer, within the route's own limit (`DefaultBodyLimit`).
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, max).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(max),
    }
}

fn too_large(max: usize) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The request is larger than {} KiB, the most this site accepts.",
            max / 1024
        ),
    )
        .into_response()
}
