//! A staff member's work queue: the planning warnings, the hearings of the
//! next 30 days, and the missions waiting for a step.

use crate::advocacy::api::{fetch_next_steps, CompleteFollowUp};
use crate::advocacy::bits::FollowUpList;
use crate::i18n::*;
use crate::locale;
use crate::observation::api::fetch_work_queue;
use crate::observation::trial_bits::{FlagList, HearingTime, MissionStatusTag};
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{MissionStatus, WorkQueue};

#[component]
pub fn WorkQueuePage() -> impl IntoView {
    let l = locale::current();
    // Campaigners see their advocacy next steps; staff also the trials.
    let plans = crate::accounts::auth::use_current_user().is_none_or(|u| u.role.plans_missions());
    let done = ServerAction::<CompleteFollowUp>::new();
    let steps = Resource::new(move || done.version().get(), |_| fetch_next_steps());
    let queue = plans.then(|| Resource::new(|| (), |_| fetch_work_queue()));
    view! {
        <Title text=td_string!(l, work_title).to_owned()/>
        <h1>{td_string!(l, work_title)}</h1>
        <p class="lead">{td_string!(l, work_lead)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match steps.await {
                    Ok((steps, today)) => {
                        let late = steps.iter().filter(|s| s.is_overdue(today)).count();
                        view! {
                            <section aria-labelledby="work-steps-title" class="panel">
                                <h2 id="work-steps-title">{td_string!(l, next_steps_title)}</h2>
                                <p role="status">{td_string!(l, overdue_count, n = late).to_string()}</p>
                                {steps.is_empty().then(|| view! { <p class="muted">{td_string!(l, next_steps_none)}</p> })}
                                <FollowUpList follow_ups=steps today may_edit=true back="/work".into() show_event=true action=done/>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        {queue.map(|queue| view! {
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(q) => view! { <Queue queue=q/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        })}
    }
}

#[component]
fn Queue(queue: WorkQueue) -> impl IntoView {
    let l = locale::current();
    let WorkQueue {
        flags,
        upcoming,
        missions,
    } = queue;
    view! {
        <section aria-labelledby="flags-title" class="panel">
            <h2 id="flags-title">{td_string!(l, flags_title)}</h2>
            <FlagList flags/>
        </section>
        <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{td_string!(l, work_upcoming)}</h2>
            {upcoming.is_empty().then(|| view! { <p class="muted">{td_string!(l, work_no_hearing)}</p> })}
            <ul class="card-list" role="list">
                {upcoming.into_iter().map(|h| {
                    let href = format!("/trials/{}", h.trial);
                    let plan = format!("/missions/new?hearing={}", h.id);
                    let missions = td_string!(l, missions_count, n = h.missions).to_string();
                    view! {
                        <li class="card">
                            <h3><a href=href>{h.case_name.clone()}</a></h3>
                            <p><HearingTime hearing=h.clone()/> ", " {h.place.clone()}</p>
                            <p>{missions} " · " <a href=plan>{td_string!(l, plan_mission_link)}</a></p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="missions-title">
            <h2 id="missions-title">{td_string!(l, work_missions)}</h2>
            <crate::exchange::download_links::DownloadLinks list="missions"/>
            {missions.is_empty().then(|| view! { <p class="muted">{td_string!(l, work_no_mission)}</p> })}
            <ul class="card-list" role="list">
                {missions.into_iter().map(|m| {
                    let href = format!("/missions/{}", m.id);
                    let next = m.status.next().iter().find(|s| **s != MissionStatus::Cancelled).copied();
                    let dates = td_string!(l, date_range, from = locale::date(l, m.starts_on), to = locale::date(l, m.ends_on)).to_string();
                    view! {
                        <li class="card">
                            <h3><a href=href>{m.title.clone()}</a></h3>
                            <p><MissionStatusTag status=m.status/> " " {dates}</p>
                            <p class="muted">{m.case_name.clone()}</p>
                            {next.map(|n| view! { <p>{td_string!(l, mission_workflow)} ": " {locale::move_label(l, n)}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
