//! `POST /admin/backup/download`: an admin downloads a backup of the whole
//! database, the same file `server backup` writes (one consistent moment,
//! streamed as it is read, ended by its trailer). Admins only, from a page
//! of this site (the cross-site check covers every POST), audited before it
//! is sent, never cached; one at a time, and ended after a time limit even
//! if the client stops reading.

use crate::store::SurrealStore;
use app::accounts::auth::context::ClientAddress;
use app::accounts::store::SessionInfo;
use axum::body::Body;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::StreamExt;
use shared::Role;
use std::sync::Arc;

use crate::db::backup::TRAILER;

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
    // One at a time: each holds a read transaction of the whole database.
    let Some(turn) = store.backup_turn() else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "60")],
            "A backup is being downloaded already; try again when it has finished.",
        )
            .into_response();
    };
    let mut backup = match store
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
    // A task owns the export and ends it at the deadline, however slowly
    // (or not at all) the client reads: the snapshot it holds is let go.
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let by = session.user.email.clone();
    tokio::spawn(async move {
        let _turn = turn;
        let deadline = tokio::time::Instant::now() + DOWNLOAD_TIME_LIMIT;
        let cut = |why: &str| Err(std::io::Error::other(why.to_owned()));
        loop {
            let next = match tokio::time::timeout_at(deadline, backup.next()).await {
                Ok(next) => next,
                Err(_) => {
                    tracing::warn!(by, "a backup download took too long and was ended");
                    let _ = sender.try_send(cut("too slow"));
                    return;
                }
            };
            let chunk = match next {
                Some(Ok(bytes)) => Ok(Bytes::from(bytes)),
                Some(Err(e)) => {
                    tracing::error!(error = %e, "a backup download failed while exporting");
                    let _ = sender.try_send(cut("export failed"));
                    return;
                }
                // Whole: its trailer says so, and a cut file lacks it.
                None => {
                    let _ = tokio::time::timeout_at(
                        deadline,
                        sender.send(Ok(Bytes::from_static(TRAILER.as_bytes()))),
                    )
                    .await;
                    tracing::info!(by, "backup downloaded");
                    return;
                }
            };
            match tokio::time::timeout_at(deadline, sender.send(chunk)).await {
                Ok(Ok(())) => {}
                // The client went away, or never read: the export ends here.
                Ok(Err(_)) => return,
                Err(_) => {
                    tracing::warn!(by, "a backup download was not read in time and was ended");
                    return;
                }
            }
        }
    });
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    });
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
        Body::from_stream(body),
    )
        .into_response()
}

/// How long one download may take, whatever the client's speed.
const DOWNLOAD_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(15 * 60);
