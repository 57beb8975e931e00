//! Rendered directory pages kept in memory. The directory is the page most
//! read and least written; rendering it costs far more than sending it
//! (docs/benchmark.md, "The directory page under load").
//!
//! A page is kept under everything that changes it: its address, the
//! cookies (the session, hence the reader's clearance and grants, and the
//! language chosen), `Accept-Language`, `Host`; and under the number of
//! [`Changes`] read before it was rendered, so that any write (on this
//! server, at once; on another, when the audit log's live query hears it)
//! makes every kept page old. A request whose session cookie did not
//! resolve to a session (expired, signed out) is never answered from here,
//! nor one that carries a refused form to give back. Only a complete `200`
//! HTML answer that sets no cookie is kept; the nonce of its scripts is
//! replaced by the request's own when it is sent again.
//!
//! A visitor's search (`q`) is not kept: visitors share their pages, and a
//! quick answer would tell one of them what another looked for. A page is
//! kept a minute at most, should a write ever go unheard.

use crate::store::changes::Changes;
use app::accounts::auth::context::CspNonce;
use app::accounts::store::SessionInfo;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The paths whose pages are kept.
const KEPT_PATHS: &[&str] = &["/organisations"];
/// The most bytes kept at once; past it, everything kept is dropped.
const MOST_BYTES: usize = 64 * 1024 * 1024;
/// A page larger than this is not kept.
const LARGEST_PAGE: usize = 2 * 1024 * 1024;
/// The most of a page read to keep it (no page of the site comes near).
const MOST_READ: usize = 16 * 1024 * 1024;
/// The most pages kept at once.
const MOST_PAGES: usize = 4_000;
/// How long a page is kept at most.
const LONGEST: std::time::Duration = std::time::Duration::from_secs(60);
/// Requests with longer addresses or cookies are not kept (a key is a hash,
/// but there is no reason to keep pages for such requests).
const LONGEST_URI: usize = 1_024;
const LONGEST_COOKIES: usize = 4_096;

/// The SHA-256 of what changes the page: a key holds no cookie.
type Key = [u8; 32];

struct Kept {
    at: u64,
    made: std::time::Instant,
    nonce: Option<String>,
    headers: HeaderMap,
    body: Bytes,
}

/// The pages kept, and the bytes they hold.
type Pages = (HashMap<Key, Arc<Kept>>, usize);

#[derive(Clone)]
pub struct PageCache {
    changes: Arc<Changes>,
    pages: Arc<Mutex<Pages>>,
}

impl PageCache {
    pub fn new(changes: Arc<Changes>) -> Self {
        Self {
            changes,
            pages: Default::default(),
        }
    }

    fn get(&self, key: &Key, now: u64) -> Option<Arc<Kept>> {
        let pages = self.pages.lock().ok()?;
        pages
            .0
            .get(key)
            .filter(|k| k.at == now && k.made.elapsed() < LONGEST)
            .cloned()
    }

    fn keep(&self, key: Key, page: Kept) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        let (map, bytes) = &mut *pages;
        // Rendered before a write that was heard meanwhile: of no use.
        if self.changes.now() != Some(page.at) {
            return;
        }
        if *bytes + page.body.len() > MOST_BYTES || map.len() >= MOST_PAGES {
            map.clear();
            *bytes = 0;
        }
        // What was kept under an older number is of no use any more.
        if map.values().next().is_some_and(|k| k.at != page.at) {
            map.clear();
            *bytes = 0;
        }
        *bytes += page.body.len();
        if let Some(old) = map.insert(key, Arc::new(page)) {
            *bytes -= old.body.len();
        }
    }
}

/// The key of a request that may be answered from the cache.
fn key_of(request: &Request) -> Option<Key> {
    use sha2::{Digest, Sha256};
    if request.method() != Method::GET || !KEPT_PATHS.contains(&request.uri().path()) {
        return None;
    }
    let uri = request.uri().to_string();
    let headers = request.headers();
    let cookies: Vec<&str> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if uri.len() > LONGEST_URI
        || cookies.iter().map(|c| c.len()).sum::<usize>() > LONGEST_COOKIES
        || cookies.iter().any(|c| c.contains("sos_refused="))
    {
        return None;
    }
    let signed_in = request.extensions().get::<SessionInfo>().is_some();
    if super::security_headers::carries_session(request) && !signed_in {
        return None;
    }
    if !signed_in && searches(request.uri().query()) {
        return None;
    }
    let mut hash = Sha256::new();
    for part in [
        uri.as_bytes(),
        b"\0cookie",
        &header_bytes(headers, header::COOKIE),
        b"\0languages",
        &header_bytes(headers, header::ACCEPT_LANGUAGE),
        b"\0host",
        &header_bytes(headers, header::HOST),
    ] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    Some(hash.finalize().into())
}

/// Whether the address asks for a search by words.
fn searches(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes())
            .any(|(name, value)| name == "q" && !value.trim().is_empty())
    })
}

fn header_bytes(headers: &HeaderMap, name: header::HeaderName) -> Vec<u8> {
    headers
        .get_all(name)
        .iter()
        .flat_map(|v| v.as_bytes().iter().copied().chain([b'\n']))
        .collect()
}

fn nonce_of(request: &Request) -> Option<String> {
    request.extensions().get::<CspNonce>().map(|n| n.0.clone())
}

pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    // Read before rendering: a write meanwhile leaves the page unused.
    let Some(now) = cache.changes.now() else {
        return next.run(request).await;
    };
    let nonce = nonce_of(&request);
    if let Some(kept) = cache.get(&key, now) {
        let body = match (&kept.nonce, &nonce) {
            (Some(old), Some(new)) => {
                let text = String::from_utf8_lossy(&kept.body);
                Bytes::from(text.replace(old.as_str(), new))
            }
            _ => kept.body.clone(),
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = kept.headers.clone();
        response.headers_mut().remove(header::CONTENT_LENGTH);
        return response;
    }
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if response.status() != StatusCode::OK
        || !html
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MOST_READ).await else {
        // Already read in part: say so rather than send half a page.
        let mut failed = Response::new(Body::from("The page could not be sent."));
        *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        return failed;
    };
    if body.len() <= LARGEST_PAGE {
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        cache.keep(
            key,
            Kept {
                at: now,
                made: std::time::Instant::now(),
                nonce,
                headers,
                body: body.clone(),
            },
        );
    }
    Response::from_parts(parts, Body::from(body))
}
