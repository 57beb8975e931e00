//! Advocacy at a glance: the advocacy missions and events of a year, and
//! for those who run advocacy, the next steps they owe (late ones first).

use crate::advocacy::api::{fetch_overview, CompleteFollowUp, OverviewView};
use crate::advocacy::bits::{date_range, EventCard, FollowUpList};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Region;

#[component]
pub fn AdvocacyPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let done = ServerAction::<CompleteFollowUp>::new();
    let filters = Memo::new(move |_| query.with(|q| (q.get("year"), q.get("region"))));
    let overview = Resource::new(
        move || (filters.get(), done.version().get()),
        |((year, region), _)| fetch_overview(year, region),
    );
    let selected = move |k: &'static str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let year_now = selected("year");
    let region_now = selected("region");
    view! {
        <Title text=td_string!(l, advocacy_title).to_owned()/>
        <h1>{td_string!(l, advocacy_title)}</h1>
        <p class="lead">{td_string!(l, advocacy_lead)}</p>
        <form method="get" action="/advocacy" class="filter-row">
            <div class="field">
                <label for="advocacy-year">{td_string!(l, filter_year)}</label>
                <input id="advocacy-year" name="year" type="number" min="1985" max="2100" value=year_now/>
            </div>
            <div class="field">
                <label for="advocacy-region">{td_string!(l, filter_region)}</label>
                <select id="advocacy-region" name="region">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {Region::ALL.iter().map(|r| view! {
                        <option value=r.slug() selected=r.slug() == region_now>{locale::region_name(l, *r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button primary">{td_string!(l, apply)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(v) => view! { <Overview view=v done/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(view: OverviewView, done: ServerAction<CompleteFollowUp>) -> impl IntoView {
    let l = locale::current();
    let OverviewView {
        overview,
        next_steps,
        may_edit,
        today,
    } = view;
    let late = next_steps.iter().filter(|s| s.is_overdue(today)).count();
    view! {
        {may_edit.then(|| view! {
            <p class="button-row">
                <a class="button secondary" href="/advocacy/missions/new">{td_string!(l, new_advocacy_mission)}</a>
                <a class="button secondary" href="/advocacy/events/new">{td_string!(l, new_event)}</a>
            </p>
            <section aria-labelledby="next-steps-title" class="panel">
                <h2 id="next-steps-title">{td_string!(l, next_steps_title)}</h2>
                <p role="status">{td_string!(l, overdue_count, n = late).to_string()}</p>
                {if next_steps.is_empty() {
                    view! { <p class="muted">{td_string!(l, next_steps_none)}</p> }.into_any()
                } else {
                    view! { <FollowUpList follow_ups=next_steps today may_edit back="/advocacy".into() show_event=true action=done/> }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="missions-title">
            <h2 id="missions-title">{td_string!(l, advocacy_missions_title)}</h2>
            <crate::exchange::download_links::DownloadLinks list="advocacy-missions"/>
            {overview.missions.is_empty().then(|| view! { <p class="muted">{td_string!(l, advocacy_missions_none)}</p> })}
            <ul class="card-list" role="list">
                {overview.missions.into_iter().map(|m| {
                    let href = format!("/advocacy/missions/{}", m.id);
                    let events = td_string!(l, events_count, n = m.events).to_string();
                    let open = td_string!(l, open_items_count, n = m.open_items).to_string();
                    view! {
                        <li class="card">
                            <h3 class="card-title"><a href=href>{m.title.clone()}</a></h3>
                            <p class="card-tags"><VisibilityTag visibility=m.visibility/></p>
                            <p>{date_range(l, m.starts_on, m.ends_on)} " · " {events} " · " {open}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="events-title">
            <h2 id="events-title">{td_string!(l, events_title)}</h2>
            <crate::exchange::download_links::DownloadLinks list="events"/>
            {overview.events.is_empty().then(|| view! { <p class="muted">{td_string!(l, events_none)}</p> })}
            <ul class="card-list" role="list">
                {overview.events.into_iter().map(|e| view! { <EventCard event=e/> }).collect_view()}
            </ul>
        </section>
    }
}
