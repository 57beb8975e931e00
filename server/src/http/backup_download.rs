//! `POST /admin/backup/download`: an admin downloads a backup of the whole
//! database, the same file `server backup` writes (one consistent moment,
//! streamed as it is read). Admins only, from a page of this site (the
//! cross-site check covers every POST), audited before it is sent, never
//! cached.

use crate::store::SurrealStore;
use app::accounts::auth::context::ClientAddress;
use app::accounts::store::SessionInfo;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::StreamExt;
use shared::Role;
use std::sync::Arc;

pub async fn download(
    State(store): State<Arc<SurrealStore>>,
    session: Option<Extension<SessionInfo>>,
    address: Option<Extension<ClientAddress>>,
) -> Response {
    let Some(Extension(session)) = session else {
        return (
            StatusCode::UNAUTHORIZED,
            "Sign in as an admin to download a backup.",
        )
            .into_response();
    };
    if session.user.role != Role::Admin {
        return (StatusCode::FORBIDDEN, "Only admins download backups.").into_response();
    }
    let address = ClientAddress::or_unknown(address.map(|Extension(a)| a));
    if let Err(e) = store.record_backup(&session.user, &address).await {
        tracing::error!(error = %e, "a backup download could not be audited");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let backup = match store
        .db()
        .export(())
        .with_config()
        .users(false)
        .accesses(false)
        .await
    {
        Ok(backup) => backup,
        Err(e) => {
            tracing::error!(error = %e, "the database could not be exported");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    tracing::info!(by = %session.user.email, "backup downloaded");
    let name = format!(
        "sos-torture-{}.surql",
        chrono::Utc::now().format("%Y-%m-%d-%H%M%S")
    );
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        Body::from_stream(backup.map(|chunk| chunk.map(axum::body::Bytes::from))),
    )
        .into_response()
}
