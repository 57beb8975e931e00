//! A mission: its hearings, its observers, its warnings, its workflow and
//! its history. Staff and admins change it; the forms work without JavaScript.

use crate::i18n::*;
use crate::locale;
use crate::observation::api::{
    fetch_mission, AssignObserver, CoverHearing, MissionView, MoveMission, RemoveObserver,
};
use crate::observation::trial_bits::{FlagList, HearingTime, MissionStatusTag};
use crate::ui::audit::when;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::ObserverRole;

#[component]
pub fn MissionPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = Actions {
        assign: ServerAction::<AssignObserver>::new(),
        remove: ServerAction::<RemoveObserver>::new(),
        cover: ServerAction::<CoverHearing>::new(),
        moves: ServerAction::<MoveMission>::new(),
    };
    // The forms answer with a redirect to this same page; reading again
    // after each one shows what changed.
    let mission = Resource::new(
        move || (id.get(), actions.version()),
        |(id, _)| fetch_mission(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match mission.await {
                    Ok(v) => view! { <MissionBody view=v actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The mission's forms; their answers make the page read the mission again.
#[derive(Clone, Copy)]
struct Actions {
    assign: ServerAction<AssignObserver>,
    remove: ServerAction<RemoveObserver>,
    cover: ServerAction<CoverHearing>,
    moves: ServerAction<MoveMission>,
}

impl Actions {
    fn version(&self) -> usize {
        self.assign.version().get()
            + self.remove.version().get()
            + self.cover.version().get()
            + self.moves.version().get()
    }
}

#[component]
fn MissionBody(view: MissionView, actions: Actions) -> impl IntoView {
    let l = locale::current();
    let MissionView {
        mission,
        flags,
        candidates,
        may_plan,
    } = view;
    let Actions {
        assign,
        remove,
        cover,
        moves,
    } = actions;
    let error = Signal::derive(move || {
        [
            assign.value().get().and_then(|r| r.err()),
            remove.value().get().and_then(|r| r.err()),
            cover.value().get().and_then(|r| r.err()),
            moves.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let id = mission.id.to_string();
    let trial_href = format!("/trials/{}", mission.trial);
    let report_href = format!("/missions/{}/report", mission.id);
    let dates = td_string!(
        l,
        date_range,
        from = locale::date(l, mission.starts_on),
        to = locale::date(l, mission.ends_on)
    )
    .to_string();
    let open = mission.status.is_active() && !mission.status.next().is_empty();
    let report_status = mission
        .report
        .map(|r| locale::report_status_name(l, r))
        .unwrap_or(td_string!(l, report_none_yet));
    view! {
        <Title text=mission.title.clone()/>
        <Breadcrumbs
            trail=vec![
                ("/trials".into(), td_string!(l, nav_trials).to_owned()),
                (trial_href.clone(), mission.case_name.clone()),
            ]
            current=mission.title.clone()
        />
        <article class="profile mission" aria-labelledby="mission-title">
            <header class="summary-block">
                <h1 id="mission-title">{mission.title.clone()}</h1>
                <p class="card-tags">
                    <MissionStatusTag status=mission.status/>
                    <VisibilityTag visibility=mission.visibility/>
                </p>
                <ErrorSummary error/>
                <dl class="facts">
                    <div><dt>{td_string!(l, timeline)}</dt><dd><a href=trial_href>{mission.case_name.clone()}</a></dd></div>
                    <div><dt>{td_string!(l, mission_dates)}</dt><dd>{dates}</dd></div>
                    <div><dt>{td_string!(l, court_language)}</dt><dd>{locale::language_name(l, &mission.court_language)}</dd></div>
                    <div><dt>{td_string!(l, mission_sent_by)}</dt><dd>{locale::list(l, mission.organisations.iter().map(|o| o.acronym.clone().unwrap_or_else(|| o.name.clone())).collect())}</dd></div>
                    <div><dt>{td_string!(l, report_link)}</dt><dd><a href=report_href>{report_status}</a></dd></div>
                </dl>
            </header>
            <section aria-labelledby="flags-title" class="panel">
                <h2 id="flags-title">{td_string!(l, flags_title)}</h2>
                <FlagList flags/>
            </section>
            {(may_plan && open).then(|| {
                let id = id.clone();
                let from = mission.status.as_str();
                view! {
                    <section aria-labelledby="workflow-title">
                        <h2 id="workflow-title">{td_string!(l, mission_workflow)}</h2>
                        <div class="button-row">
                            {mission.status.next().iter().map(|to| {
                                let id = id.clone();
                                let class = if *to == shared::MissionStatus::Cancelled { "button secondary" } else { "button primary" };
                                view! {
                                    <ActionForm action=moves attr:class="inline-form">
                                        <input type="hidden" name="mission" value=id/>
                                        <input type="hidden" name="from" value=from/>
                                        <input type="hidden" name="to" value=to.as_str()/>
                                        <button type="submit" class=class>{locale::move_label(l, *to)}</button>
                                    </ActionForm>
                                }
                            }).collect_view()}
                        </div>
                    </section>
                }
            })}
            {(may_plan && !open).then(|| view! { <p class="muted">{td_string!(l, mission_final)}</p> })}
            <section aria-labelledby="observers-title">
                <h2 id="observers-title">{td_string!(l, mission_observers)}</h2>
                {mission.observers.is_empty().then(|| view! { <p class="muted">{td_string!(l, mission_no_observer)}</p> })}
                <ul class="observers">
                    {mission.observers.clone().into_iter().map(|o| {
                        let id = id.clone();
                        let languages = locale::list(l, o.languages.iter().map(|c| locale::language_name(l, c)).collect());
                        let remove_label = td_string!(l, remove_observer, name = o.person.name.clone()).to_string();
                        view! {
                            <li>
                                <strong><a href=format!("/people/{}", o.person.id)>{o.person.name.clone()}</a></strong> ", " {locale::observer_role_name(l, o.role)}
                                " · " <span class="muted">{td_string!(l, speaks, languages = languages).to_string()}</span>
                                {(may_plan && open).then(|| view! {
                                    " "
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="mission" value=id/>
                                        <input type="hidden" name="person" value=o.person.id.to_string()/>
                                        <button type="submit" class="link-button">{remove_label}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(may_plan && open).then(|| { let id = id.clone(); view! {
                    <h3>{td_string!(l, assign_title)}</h3>
                    <ActionForm action=assign attr:class="filter-row">
                        <input type="hidden" name="mission" value=id/>
                        <div class="field">
                            <label for="field-person">{td_string!(l, label_person)}</label>
                            <select id="field-person" name="person">
                                {candidates.into_iter().map(|c| {
                                    let languages = c.languages.join(", ");
                                    view! { <option value=c.id.to_string()>{c.name.clone()} " (" {languages} ")"</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="field-role">{td_string!(l, label_observer_role)}</label>
                            <select id="field-role" name="role">
                                {ObserverRole::ALL.iter().map(|r| view! {
                                    <option value=r.as_str() selected=*r == ObserverRole::Observer>{locale::observer_role_name(l, *r)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button secondary">{td_string!(l, assign_button)}</button>
                    </ActionForm>
                }})}
            </section>
            <section aria-labelledby="hearings-title">
                <h2 id="hearings-title">{td_string!(l, mission_hearings)}</h2>
                <ul>
                    {mission.hearings.clone().into_iter().map(|h| view! {
                        <li><HearingTime hearing=h.clone()/> ", " {h.place.clone()}</li>
                    }).collect_view()}
                </ul>
                {(may_plan && open && !mission.other_hearings.is_empty()).then(|| view! {
                    <ul class="other-hearings">
                        {mission.other_hearings.clone().into_iter().map(|h| {
                            let id = id.clone();
                            view! {
                                <li>
                                    <HearingTime hearing=h.clone()/> " "
                                    <ActionForm action=cover attr:class="inline-form">
                                        <input type="hidden" name="mission" value=id/>
                                        <input type="hidden" name="hearing" value=h.id.to_string()/>
                                        <button type="submit" class="link-button">{td_string!(l, cover_button)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section aria-labelledby="history-title">
                <h2 id="history-title">{td_string!(l, mission_history)}</h2>
                <ol class="history">
                    {mission.history.into_iter().map(|h| {
                        let who = h.by.unwrap_or_else(|| td_string!(l, audit_system).to_owned());
                        let at = when(l, &h.at.to_rfc3339());
                        view! { <li>{td_string!(l, history_move, status = locale::mission_status_name(l, h.to), who = who, when = at).to_string()}</li> }
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}
