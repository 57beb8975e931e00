//! Graph work takes a core for a while: a depth-3 neighbourhood of a hub
//! walks thousands of records, its layout grows with the square of its
//! nodes, the network's figures read whole tables. A few such requests run
//! at a time, each kind of reader with a share of its own so anonymous
//! visitors cannot take the signed-in readers' turn; the others wait a
//! little, then are told the service is busy (503). Pages and `/healthz`
//! never wait for them.

use crate::error::AppError;
use shared::{Viewer, Visibility};
use std::future::Future;
use std::time::Duration;
use tokio::sync::Semaphore;

static SIGNED_IN: Semaphore = Semaphore::const_new(2);
static ANONYMOUS: Semaphore = Semaphore::const_new(1);

/// How long a request waits for its turn before it is told to come back.
const WAIT: Duration = Duration::from_secs(10);

/// Deepest neighbourhood an anonymous visitor may ask for (signed-in: 3).
pub const ANONYMOUS_DEPTH: usize = 2;

/// Whether the reader is an anonymous visitor.
pub fn anonymous(viewer: &Viewer) -> bool {
    viewer.clearance() == Visibility::Public
}

/// Runs `work` when the reader's share has room; busy after [`WAIT`].
pub async fn run<T>(
    viewer: &Viewer,
    work: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let gate = if anonymous(viewer) {
        &ANONYMOUS
    } else {
        &SIGNED_IN
    };
    let Ok(Ok(_turn)) = tokio::time::timeout(WAIT, gate.acquire()).await else {
        tracing::warn!("graph work refused: too many at once");
        return Err(AppError::Unavailable);
    };
    work.await
}
