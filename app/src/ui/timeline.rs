//! A timeline's line, shared by a person's and an organisation's page: when,
//! what kind of thing in words (never in colour alone), and a link to it.

use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::TimelineEntry;

/// One line of a timeline.
#[component]
pub fn TimelineLine(entry: TimelineEntry) -> impl IntoView {
    let l = locale::current();
    let when = entry.on.map_or_else(
        || td_string!(l, label_undated).to_owned(),
        |d| locale::date(l, d),
    );
    let datetime = entry.on.map(|d| d.format("%Y-%m-%d").to_string());
    view! {
        <li class=format!("timeline-item timeline-{}", entry.kind.as_str())>
            <time datetime=datetime>{when}</time>
            " "
            <span class="timeline-kind">{locale::timeline_kind_name(l, entry.kind)}</span>
            " "
            <a href=entry.href>{entry.title}</a>
            {entry.detail.map(|d| view! { " · " <span class="muted">{d}</span> })}
        </li>
    }
}
