//! `/appeals`: the urgent appeals a reader may read, published first; the
//! secretariat also sees drafts. Public appeals have an Atom feed.

use crate::appeals::api::{fetch_appeals, AppealList};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use shared::appeal::AppealStatus;

pub fn status_name(l: Locale, s: AppealStatus) -> &'static str {
    match s {
        AppealStatus::Draft => td_string!(l, appeal_status_draft),
        AppealStatus::Approved => td_string!(l, appeal_status_approved),
        AppealStatus::Published => td_string!(l, appeal_status_published),
    }
}

#[component]
pub fn AppealsPage() -> impl IntoView {
    let l = locale::current();
    let data = Resource::new(move || locale::code(l).to_owned(), fetch_appeals);
    view! {
        <Link rel="alternate" type_="application/atom+xml" href="/appeals.atom" title=td_string!(l, appeals_feed)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <AppealTable list/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AppealTable(list: AppealList) -> impl IntoView {
    let l = locale::current();
    let title = td_string!(l, appeals_title).to_owned();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="lede">{td_string!(l, appeals_lead)} " " <a href="/appeals.atom">{td_string!(l, appeals_feed)}</a></p>
        {list.appeals.is_empty().then(|| view! { <p class="muted">{td_string!(l, appeals_none)}</p> })}
        <ul class="card-list">
            {list.appeals.into_iter().map(|a| {
                let lang = a.language.clone();
                view! {
                    <li class="card">
                        <h2 class="card-title"><a href=format!("/appeals/{}", a.id) lang=lang>{a.title.clone()}</a></h2>
                        <p class="muted">
                            {locale::country_name(l, &a.country)} " · "
                            <span class=format!("tag tag-appeal-{}", a.status.as_str())>{status_name(l, a.status)}</span>
                            {a.published_at.map(|t| view! { " · " {locale::date(l, t.date_naive())} })}
                            {(a.cosigners > 0).then(|| view! { " · " {td_string!(l, appeal_cosigners_count, n = a.cosigners).to_string()} })}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
