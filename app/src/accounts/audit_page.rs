//! The audit log for admins: every sign-in, failure and change, newest first,
//! filtered by action, actor, record and dates; the filters live in the
//! address so a view can be shared with another admin.

use crate::accounts::admin::fetch_audit_log;
use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::audit::AuditList;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{AuditFilter, Problem, ValidationError};

fn filter_from(q: &leptos_router::params::ParamsMap) -> Result<AuditFilter, ValidationError> {
    let text = |k: &str| {
        q.get(k)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let day = |k: &'static str| -> Result<Option<chrono::NaiveDate>, ValidationError> {
        text(k)
            .map(|v| {
                chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(|_| {
                    ValidationError::new(
                        k,
                        Problem::Malformed {
                            detail: "YYYY-MM-DD".into(),
                        },
                    )
                    .with_value(v)
                })
            })
            .transpose()
    };
    let page = match text("page") {
        None => 1,
        Some(p) => p
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or_else(|| {
                ValidationError::new("page", Problem::NotAPage { max: 10_000 }).with_value(p)
            })?,
    };
    Ok(AuditFilter {
        action: text("action"),
        actor: text("actor"),
        target: text("target"),
        from: day("from")?,
        to: day("to")?,
        page,
    })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filter_from));
    let log = Resource::new(
        move || filter.get(),
        |f| async move {
            match f {
                Ok(f) => fetch_audit_log(f).await,
                Err(e) => Err(AppError::BadRequest(e)),
            }
        },
    );
    let value = move |k: &'static str| move || query.with(|q| q.get(k).unwrap_or_default());
    view! {
        <Title text=td_string!(crate::locale::current(), audit_title).to_owned()/>
        <h1>{t!(i18n, audit_title)}</h1>
        <p class="lead">{t!(i18n, audit_lead)}</p>
        <form method="get" action="/admin/audit" class="filter-row">
            <div class="field">
                <label for="audit-action">{t!(i18n, audit_filter_action)}</label>
                <input id="audit-action" name="action" type="text" value=value("action")/>
            </div>
            <div class="field">
                <label for="audit-actor">{t!(i18n, audit_filter_actor)}</label>
                <input id="audit-actor" name="actor" type="text" value=value("actor")/>
            </div>
            <div class="field">
                <label for="audit-target">{t!(i18n, audit_filter_target)}</label>
                <input id="audit-target" name="target" type="text" value=value("target")/>
            </div>
            <div class="field">
                <label for="audit-from">{t!(i18n, audit_filter_from)}</label>
                <input id="audit-from" name="from" type="date" value=value("from")/>
            </div>
            <div class="field">
                <label for="audit-to">{t!(i18n, audit_filter_to)}</label>
                <input id="audit-to" name="to" type="date" value=value("to")/>
            </div>
            <button type="submit" class="button primary">{t!(i18n, apply)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(page) if page.items.is_empty() => view! { <p class="muted">{t!(i18n, audit_none)}</p> }.into_any(),
                    Ok(page) => {
                        let l = locale::current();
                        let count = td_string!(l, audit_count, n = locale::number(l, page.total)).to_string();
                        let pages = page.pages();
                        let current = page.page;
                        let link = move |p: u32| {
                            query.with(|q| {
                                let mut pairs: Vec<String> = ["action", "actor", "target", "from", "to"]
                                    .iter()
                                    .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| format!("{k}={}", crate::accounts::auth::encode_query_value(&v))))
                                    .collect();
                                pairs.push(format!("page={p}"));
                                format!("/admin/audit?{}", pairs.join("&"))
                            })
                        };
                        view! {
                            <p role="status">{count}</p>
                            <AuditList entries=page.items/>
                            <nav class="pagination" aria-label=td_string!(l, pagination)>
                                {(current > 1).then(|| view! { <a href=link(current - 1)>{td_string!(l, previous)}</a> })}
                                " "
                                {(current < pages).then(|| view! { <a href=link(current + 1)>{td_string!(l, next)}</a> })}
                            </nav>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
