//! The hearings calendar as an iCalendar feed (RFC 5545) that desktop and
//! phone calendars subscribe to. The address carries the user's secret
//! token instead of a session cookie, and the feed holds exactly what that
//! user may read.

use crate::store::SurrealStore;
use app::accounts::auth::context::{ClientAddress, SiteAddress};
use app::observation::store::Hearings;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use shared::{Hearing, HearingFilter, HearingStatus};
use std::sync::Arc;

/// How far back the feed reaches: recent hearings stay in the calendar.
const PAST_DAYS: i64 = 180;
/// A hearing's length is not known; calendars need an end.
const HEARING_HOURS: i64 = 3;

pub async fn feed(
    State(store): State<Arc<SurrealStore>>,
    Path(file): Path<String>,
    address: Option<Extension<ClientAddress>>,
    site: Option<Extension<SiteAddress>>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let reader = match store.calendar_viewer(token).await {
        Ok(Some(reader)) => reader,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let filter = HearingFilter {
        from: Some(Utc::now() - Duration::days(PAST_DAYS)),
        ..Default::default()
    };
    let hearings = match store.hearings(&reader.viewer, &filter).await {
        Ok(h) => h,
        Err(e) => {
            tracing::error!(error = %e, "calendar feed query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let address = ClientAddress::or_unknown(address.map(|Extension(a)| a));
    if let Err(e) = store
        .record_feed_read(&reader, &address, hearings.len())
        .await
    {
        tracing::error!(error = %e, "calendar feed read could not be audited");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
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
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        ics(&hearings, &base),
    )
        .into_response()
}

/// The feed's text. `base` makes the links absolute (`http://host`).
pub fn ics(hearings: &[Hearing], base: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name("SOS-Torture hearings");
    for h in hearings {
        let mut event = Event::new();
        event
            .uid(&format!("hearing-{}@sos-torture", h.id))
            .summary(&format!("Hearing: {}", h.case_name))
            .starts(h.starts_at)
            .ends(h.starts_at + Duration::hours(HEARING_HOURS))
            .location(&format!("{}, {}", h.place, h.court))
            .description(&format!(
                "{} at {} court time ({}).{}",
                h.case_name,
                h.local_start.format("%Y-%m-%d %H:%M"),
                h.timezone,
                if h.summary.is_empty() {
                    String::new()
                } else {
                    format!("\n{}", h.summary)
                }
            ))
            .url(&format!("{base}/trials/{}", h.trial));
        if h.status == HearingStatus::Postponed {
            event.status(EventStatus::Cancelled);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
