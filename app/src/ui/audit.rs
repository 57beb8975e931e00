//! A list of audit events: who, when, what, and the fields changed.

use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::AuditEntry;

/// "23 nov. 2026, 14:05 UTC" from an RFC 3339 instant.
pub fn when(l: Locale, at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let t = t.with_timezone(&chrono::Utc);
            format!(
                "{}, {} UTC",
                locale::date(l, t.date_naive()),
                t.format("%H:%M")
            )
        }
        Err(_) => at.to_owned(),
    }
}

#[component]
pub fn AuditList(entries: Vec<AuditEntry>) -> impl IntoView {
    let l = locale::current();
    view! {
        <ol class="audit-list">
            {entries
                .into_iter()
                .map(|e| {
                    let who = e.actor.clone().unwrap_or_else(|| td_string!(l, audit_system).to_owned());
                    let datetime = e.at.clone();
                    view! {
                        <li>
                            <p class="audit-head">
                                <time datetime=datetime>{when(l, &e.at)}</time>
                                " · " <span>{who}</span>
                                " · " <code>{e.action.clone()}</code>
                            </p>
                            {(!e.changes.is_empty()).then(|| view! {
                                <ul class="audit-changes">
                                    {e.changes
                                        .iter()
                                        .map(|c| {
                                            let empty = td_string!(l, empty_value).to_owned();
                                            let text = td_string!(
                                                l,
                                                history_change,
                                                field = locale::field_name(l, &c.field),
                                                before = c.before.clone().unwrap_or_else(|| empty.clone()),
                                                after = c.after.clone().unwrap_or(empty)
                                            )
                                            .to_string();
                                            view! { <li>{text}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
