//! `POST /imports/upload`: staff and admins send the CSV files of an
//! import (a plain multipart form, so it works without JavaScript); the
//! answer sends them to the import's page, where the check's progress and
//! then its preview appear. `GET /imports/template/<file>.csv`: the empty
//! files with the columns an import reads.

use crate::exchange::desk::{ImportDesk, Upload};
use app::accounts::auth::context::ClientAddress;
use app::accounts::store::SessionInfo;
use app::accounts::Actor;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use shared::import::{ImportFile, MAX_UPLOAD_BYTES};

fn back_with(problem: &str) -> Response {
    Redirect::to(&format!("/imports?problem={problem}")).into_response()
}

pub async fn upload(
    State(desk): State<ImportDesk>,
    session: Option<Extension<SessionInfo>>,
    address: Option<Extension<ClientAddress>>,
    mut form: Multipart,
) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to("/sign-in").into_response();
    };
    if !session.user.role.plans_missions() {
        return (StatusCode::FORBIDDEN, "Only staff and admins import.").into_response();
    }
    let actor = Actor {
        viewer: session.viewer(),
        user: session.user.clone(),
        address: ClientAddress::or_unknown(address.map(|Extension(a)| a)),
    };
    let mut uploads = Vec::new();
    let mut size = 0usize;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return back_with("upload"),
        };
        let Some(kind) = field.name().and_then(ImportFile::parse) else {
            continue;
        };
        if uploads.iter().any(|u: &Upload| u.kind == kind) {
            return back_with("upload");
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(_) => return back_with("upload"),
        };
        size += bytes.len();
        if size > MAX_UPLOAD_BYTES {
            return back_with("too-large");
        }
        uploads.push(Upload {
            kind,
            name,
            bytes: bytes.to_vec(),
        });
    }
    match desk.upload(&actor, uploads).await {
        Ok(Ok(id)) => Redirect::to(&format!("/imports/{id}")).into_response(),
        Ok(Err(problem)) => back_with(problem.code()),
        Err(e) => {
            tracing::error!(error = ?e, "an import could not be kept");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

pub async fn template(Path(file): Path<String>) -> Response {
    let Some(kind) = file.strip_suffix(".csv").and_then(ImportFile::parse) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    if writer.write_record(kind.columns()).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let body = writer.into_inner().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.csv\"", kind.as_str()),
            ),
        ],
        body,
    )
        .into_response()
}
