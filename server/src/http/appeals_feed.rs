//! `/appeals.atom`: the public urgent appeals as an Atom feed (RFC 4287,
//! written by the atom_syndication crate), newest first, each entry in
//! every language it was written in. Only what an anonymous reader may read
//! goes in: the feed is the public page in another shape.

use crate::store::SurrealStore;
use app::accounts::auth::context::SiteAddress;
use app::appeals::store::AppealReading;
use atom_syndication::{Content, Entry, Feed, Link, Text};
use axum::extract::{Extension, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Utc};
use shared::appeal::Appeal;
use std::sync::Arc;

fn fixed(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.fixed_offset()
}

/// The feed's XML; `base` makes the links absolute (`https://host`).
pub fn atom(appeals: &[Appeal], base: &str) -> String {
    let updated = appeals
        .iter()
        .filter_map(|a| a.published_at)
        .max()
        .unwrap_or_else(|| DateTime::<Utc>::from_timestamp(0, 0).unwrap_or_default());
    let entries = appeals
        .iter()
        .filter_map(|a| {
            let first = a.text_in("en")?;
            let published = fixed(a.published_at?);
            let href = format!("{base}/appeals/{}", a.id);
            let body = a
                .texts
                .iter()
                .map(|t| format!("[{}] {}\n\n{}", t.language, t.title, t.body))
                .collect::<Vec<_>>()
                .join("\n\n---\n\n");
            Some(Entry {
                id: href.clone(),
                title: Text::plain(first.title.clone()),
                updated: published,
                published: Some(published),
                links: a
                    .texts
                    .iter()
                    .map(|t| Link {
                        href: href.clone(),
                        rel: "alternate".into(),
                        hreflang: Some(t.language.clone()),
                        mime_type: Some("text/html".into()),
                        title: Some(t.title.clone()),
                        length: None,
                    })
                    .collect(),
                content: Some(Content {
                    value: Some(body),
                    content_type: Some("text".into()),
                    lang: (a.texts.len() == 1).then(|| first.language.clone()),
                    ..Content::default()
                }),
                ..Entry::default()
            })
        })
        .collect();
    let feed = Feed {
        title: Text::plain("SOS-Torture network: urgent appeals"),
        id: format!("{base}/appeals.atom"),
        updated: fixed(updated),
        links: vec![
            Link {
                href: format!("{base}/appeals.atom"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: format!("{base}/appeals"),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
        ],
        entries,
        ..Feed::default()
    };
    feed.to_string()
}

pub async fn feed(
    State(store): State<Arc<SurrealStore>>,
    site: Option<Extension<SiteAddress>>,
    headers: HeaderMap,
) -> Response {
    let appeals = match store.public_appeals().await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "appeals feed query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    // Without --public-url the links come from the request's Host: never
    // kept by a cache, where one request's Host would reach others.
    let cache = if site.is_some() {
        "public, max-age=300"
    } else {
        "no-store"
    };
    let base = match site {
        Some(Extension(SiteAddress(url))) => url,
        None => headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|host| shared::is_host_name(host))
            .map(|host| format!("http://{host}"))
            .unwrap_or_default(),
    };
    (
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        atom(&appeals, &base),
    )
        .into_response()
}
