//! An advocacy mission: a delegation's days before the decision makers,
//! the events it groups, its budget, travel and the checklist that keeps
//! the defenders safe (visas, a security assessment each, briefings,
//! follow-up).

use crate::advocacy::api::{
    fetch_advocacy_mission, AddPlanItem, CreateAdvocacyMission, Editable, SetCheck,
};
use crate::advocacy::bits::{date_range, EventCard, VisibilitySelect};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::{AdvocacyMission, ChecklistKind};

#[component]
pub fn AdvocacyMissionPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let item = ServerAction::<AddPlanItem>::new();
    let check = ServerAction::<SetCheck>::new();
    let mission = Resource::new(
        move || (id.get(), item.version().get() + check.version().get()),
        |(id, _)| fetch_advocacy_mission(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match mission.await {
                    Ok(v) => view! { <MissionBody view=v item check/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MissionBody(
    view: Editable<AdvocacyMission>,
    item: ServerAction<AddPlanItem>,
    check: ServerAction<SetCheck>,
) -> impl IntoView {
    let l = locale::current();
    let Editable {
        record: m,
        may_edit,
        ..
    } = view;
    let title = m.title.clone();
    let id = m.id.to_string();
    let new_event = format!("/advocacy/events/new?mission={id}");
    let total = locale::number(l, m.budget_total());
    let error = Signal::derive(move || {
        item.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| check.value().get().and_then(|r| r.err()))
    });
    let done = m.checklist.iter().filter(|c| c.done).count();
    let checklist_status =
        td_string!(l, checklist_status, done = done, n = m.checklist.len()).to_string();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/advocacy".into(), td_string!(l, advocacy_title).to_owned())] current=title.clone()/>
        <article class="profile" aria-labelledby="mission-title">
            <header class="summary-block">
                <h1 id="mission-title">{title}</h1>
                <p class="card-tags"><VisibilityTag visibility=m.visibility/></p>
                <dl class="facts">
                    <div><dt>{td_string!(l, label_when)}</dt><dd>{date_range(l, m.starts_on, m.ends_on)}</dd></div>
                </dl>
                {(!m.purpose.is_empty()).then(|| view! { <p>{m.purpose.clone()}</p> })}
            </header>
            <section aria-labelledby="mission-events-title">
                <h2 id="mission-events-title">{td_string!(l, events_title)}</h2>
                {m.events.is_empty().then(|| view! { <p class="muted">{td_string!(l, events_none)}</p> })}
                <ul class="card-list" role="list">
                    {m.events.clone().into_iter().map(|e| view! { <EventCard event=e/> }).collect_view()}
                </ul>
                {may_edit.then(|| view! { <p><a class="button secondary" href=new_event>{td_string!(l, new_event)}</a></p> })}
            </section>
            <ErrorSummary error/>
            <section aria-labelledby="checklist-title" id="checklist">
                <h2 id="checklist-title">{td_string!(l, checklist_title)}</h2>
                <p role="status">{checklist_status}</p>
                <ul class="checklist" role="list">
                    {m.checklist.clone().into_iter().enumerate().map(|(i, c)| {
                        let mark = if c.done { "✓" } else { "○" };
                        let state = if c.done { td_string!(l, check_done) } else { td_string!(l, check_open) };
                        let id = id.clone();
                        let is_done = c.done;
                        view! {
                            <li class:done=is_done>
                                <span aria-hidden="true">{mark}</span> " "
                                <span class="tag">{locale::checklist_kind_name(l, c.kind)}</span> " "
                                {c.label.clone()} " "
                                <span class="visually-hidden">{state}</span>
                                {may_edit.then(|| view! {
                                    <ActionForm action=check attr:class="inline-form">
                                        <input type="hidden" name="mission" value=id/>
                                        <input type="hidden" name="index" value=i.to_string()/>
                                        <input type="hidden" name="done" value=(!c.done).to_string()/>
                                        <button type="submit" class="button small secondary">
                                            {if c.done { td_string!(l, reopen_item) } else { td_string!(l, tick_item) }}
                                        </button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <div class="two-columns">
                <section aria-labelledby="budget-title">
                    <h2 id="budget-title">{td_string!(l, budget_title)}</h2>
                    <table class="data-table">
                        <caption class="visually-hidden">{td_string!(l, budget_title)}</caption>
                        <thead><tr><th scope="col">{td_string!(l, label_label)}</th><th scope="col" class="number">{td_string!(l, amount_chf)}</th></tr></thead>
                        <tbody>
                            {m.budget.iter().map(|b| view! {
                                <tr><td>{b.label.clone()}</td><td class="number">{locale::number(l, u64::from(b.amount))}</td></tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th scope="row">{td_string!(l, total)}</th><td class="number">{total}</td></tr></tfoot>
                    </table>
                </section>
                <section aria-labelledby="travel-title">
                    <h2 id="travel-title">{td_string!(l, travel_title)}</h2>
                    {m.travel.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                    <ul>
                        {m.travel.iter().map(|t| view! {
                            <li><time datetime=t.on.to_string()>{locale::date(l, t.on)}</time> " · " {t.traveller.clone()} " · " {t.route.clone()}</li>
                        }).collect_view()}
                    </ul>
                </section>
            </div>
            {may_edit.then(|| view! { <PlanItemForms mission=id.clone() action=item/> })}
        </article>
    }
}

#[component]
fn PlanItemForms(mission: String, action: ServerAction<AddPlanItem>) -> impl IntoView {
    let l = locale::current();
    let (m1, m2, m3) = (mission.clone(), mission.clone(), mission);
    view! {
        <section aria-labelledby="plan-forms-title" class="panel">
            <h2 id="plan-forms-title">{td_string!(l, plan_items_title)}</h2>
            <ActionForm action=action attr:class="filter-row" attr:novalidate="true">
                <input type="hidden" name="mission" value=m1/>
                <input type="hidden" name="form[item]" value="check"/>
                <div class="field">
                    <label for="field-check-kind">{td_string!(l, label_kind)}</label>
                    <select id="field-check-kind" name="form[kind]">
                        {ChecklistKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{locale::checklist_kind_name(l, *k)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-check-label">{td_string!(l, label_label)}</label>
                    <input id="field-check-label" name="form[label]" type="text" required/>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, add_check)}</button>
            </ActionForm>
            <ActionForm action=action attr:class="filter-row" attr:novalidate="true">
                <input type="hidden" name="mission" value=m2/>
                <input type="hidden" name="form[item]" value="budget"/>
                <div class="field">
                    <label for="field-label">{td_string!(l, label_label)}</label>
                    <input id="field-label" name="form[label]" type="text" required/>
                </div>
                <div class="field">
                    <label for="field-amount">{td_string!(l, amount_chf)}</label>
                    <input id="field-amount" name="form[amount]" type="text" inputmode="numeric" size="8" required/>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, add_budget_line)}</button>
            </ActionForm>
            <ActionForm action=action attr:class="filter-row" attr:novalidate="true">
                <input type="hidden" name="mission" value=m3/>
                <input type="hidden" name="form[item]" value="travel"/>
                <div class="field">
                    <label for="field-traveller">{td_string!(l, label_traveller)}</label>
                    <input id="field-traveller" name="form[traveller]" type="text" required/>
                </div>
                <div class="field">
                    <label for="field-route">{td_string!(l, label_route)}</label>
                    <input id="field-route" name="form[route]" type="text" required/>
                </div>
                <div class="field">
                    <label for="field-on">{td_string!(l, label_on)}</label>
                    <input id="field-on" name="form[on]" type="date" required/>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, add_travel)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn NewAdvocacyMissionPage() -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<CreateAdvocacyMission>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Title text=td_string!(l, new_advocacy_mission).to_owned()/>
        <Breadcrumbs trail=vec![("/advocacy".into(), td_string!(l, advocacy_title).to_owned())] current=td_string!(l, new_advocacy_mission).to_owned()/>
        <h1>{td_string!(l, new_advocacy_mission)}</h1>
        <ErrorSummary error/>
        <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
            <div class="field">
                <label for="field-title">{td_string!(l, label_title)}</label>
                <input id="field-title" name="form[title]" type="text" required maxlength="200"/>
            </div>
            <div class="field">
                <label for="field-purpose">{td_string!(l, label_purpose)}</label>
                <textarea id="field-purpose" name="form[purpose]" rows="3"></textarea>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="field-starts_on">{td_string!(l, label_start_date)}</label>
                    <input id="field-starts_on" name="form[starts_on]" type="date" required/>
                </div>
                <div class="field">
                    <label for="field-ends_on">{td_string!(l, label_end_date)}</label>
                    <input id="field-ends_on" name="form[ends_on]" type="date" required/>
                </div>
            </div>
            <VisibilitySelect/>
            <div class="form-actions">
                <button type="submit" class="button primary">{td_string!(l, create_mission)}</button>
            </div>
        </ActionForm>
    }
}
