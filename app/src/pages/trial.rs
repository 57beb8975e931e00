//! A trial: the case, the defendants and who stands with them, and a
//! timeline of its hearings, the observation missions and the outcome.

use crate::components::error_summary::ErrorSummary;
use crate::components::error_view::{ErrorView, Loading};
use crate::components::layout::Breadcrumbs;
use crate::components::tags::VisibilityTag;
use crate::components::trial_bits::{outcome_text, HearingTime, MissionStatusTag, TrialStatusTag};
use crate::i18n::*;
use crate::locale;
use crate::observation::{fetch_trial, RecordOutcome, TrialView};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::{HearingStatus, OrgRef, OutcomeKind, Trial, TrialStatus};

#[component]
pub fn TrialPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let record = ServerAction::<RecordOutcome>::new();
    let trial = Resource::new(
        move || (id.get(), record.version().get()),
        |(id, _)| fetch_trial(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match trial.await {
                    Ok(v) => view! { <TrialBody view=v record/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn org_links(orgs: Vec<OrgRef>) -> impl IntoView {
    orgs.into_iter()
        .map(|o| {
            let href = format!("/organisations/{}", o.id);
            let label = match o.acronym {
                Some(a) => format!("{} ({a})", o.name),
                None => o.name,
            };
            view! { <li><a href=href>{label}</a></li> }
        })
        .collect_view()
}

#[component]
fn TrialBody(view: TrialView, record: ServerAction<RecordOutcome>) -> impl IntoView {
    let l = locale::current();
    let TrialView { trial, may_plan } = view;
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let charges = locale::list(
        l,
        trial
            .charges
            .iter()
            .map(|c| locale::charge_name(l, *c).to_owned())
            .collect(),
    );
    let place = format!("{}, {}", trial.court, trial.city);
    let country_href = format!("/countries/{}", trial.country.code.key());
    let country = locale::country_name(l, &trial.country);
    let lawyers = locale::list(l, trial.lawyers.iter().map(|p| p.name.clone()).collect());
    let outcome = trial
        .outcome
        .as_ref()
        .map(|o| outcome_text(l, o))
        .unwrap_or_else(|| td_string!(l, outcome_none).to_owned());
    let title = trial.case_name.clone();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![("/trials".into(), td_string!(l, nav_trials).to_owned())]
            current=title.clone()
        />
        <article class="profile trial" aria-labelledby="trial-name">
            <header class="summary-block">
                <h1 id="trial-name">{title}</h1>
                <p class="card-tags">
                    <TrialStatusTag status=trial.status/>
                    <VisibilityTag visibility=trial.visibility/>
                </p>
                {saved.then(|| view! { <p class="notice" role="status">{td_string!(l, saved_notice)}</p> })}
                <dl class="facts">
                    <div><dt>{td_string!(l, court)}</dt><dd>{place} ", " <a href=country_href>{country}</a></dd></div>
                    <div><dt>{td_string!(l, court_language)}</dt><dd>{locale::language_name(l, &trial.court_language)}</dd></div>
                    {(!trial.charges.is_empty()).then(|| view! {
                        <div><dt>{td_string!(l, charges)}</dt><dd>{charges}</dd></div>
                    })}
                    <div><dt>{td_string!(l, outcome_label)}</dt><dd class="outcome">{outcome}</dd></div>
                </dl>
                {(!trial.summary.is_empty()).then(|| view! { <p>{trial.summary.clone()}</p> })}
            </header>
            <section aria-labelledby="defendants-title">
                <h2 id="defendants-title">{td_string!(l, defendants)}</h2>
                {if trial.defendants.is_empty() {
                    view! { <p class="muted">{td_string!(l, no_defendant_visible)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="defendants">
                            {trial.defendants.clone().into_iter().map(|d| view! {
                                <li>
                                    <strong>{d.person.name.clone()}</strong>
                                    {(!d.organisations.is_empty()).then(|| view! {
                                        <ul class="inline-list">{org_links(d.organisations.clone())}</ul>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!trial.lawyers.is_empty()).then(|| view! {
                    <p><strong>{td_string!(l, lawyers)} ": "</strong>{lawyers}</p>
                })}
                {(!trial.supporters.is_empty()).then(|| view! {
                    <h3>{td_string!(l, supporters)}</h3>
                    <ul class="inline-list">{org_links(trial.supporters.clone())}</ul>
                })}
            </section>
            <Timeline trial=trial.clone() may_plan/>
            {may_plan.then(|| view! { <OutcomeForm trial=trial.clone() action=record/> })}
        </article>
    }
}

/// Hearings, missions and the outcome in date order.
#[component]
fn Timeline(trial: Trial, may_plan: bool) -> impl IntoView {
    let l = locale::current();
    let today = chrono::Utc::now();
    let mut entries: Vec<(NaiveDate, u8, AnyView)> = Vec::new();
    for h in trial.hearings {
        let upcoming = h.starts_at > today && h.status == HearingStatus::Scheduled;
        let plan = (may_plan && upcoming).then(|| {
            let href = format!("/missions/new?hearing={}", h.id);
            view! { <a class="button secondary small" href=href>{td_string!(l, plan_mission_link)}</a> }
        });
        let missions =
            (h.missions > 0).then(|| td_string!(l, missions_count, n = h.missions).to_string());
        let day = h.local_start.date();
        let status = locale::hearing_status_name(l, h.status);
        let place = h.place.clone();
        let summary = h.summary.clone();
        let class = format!("timeline-item hearing hearing-{}", h.status.as_str());
        entries.push((day, 0, view! {
            <li class=class>
                <h3>{td_string!(l, timeline_hearing)} ": " <HearingTime hearing=h/></h3>
                <p><span class="tag">{status}</span> " " {place} {missions.map(|m| view! { " · " {m} })}</p>
                {(!summary.is_empty()).then(|| view! { <p>{summary}</p> })}
                {plan}
            </li>
        }.into_any()));
    }
    for m in trial.missions {
        let href = format!("/missions/{}", m.id);
        let dates = td_string!(
            l,
            date_range,
            from = locale::date(l, m.starts_on),
            to = locale::date(l, m.ends_on)
        )
        .to_string();
        entries.push((m.starts_on, 1, view! {
            <li class="timeline-item mission">
                <h3>{td_string!(l, timeline_mission)} ": " <a href=href>{m.title.clone()}</a></h3>
                <p><MissionStatusTag status=m.status/> " " {dates}</p>
            </li>
        }.into_any()));
    }
    if let Some(o) = trial.outcome.clone() {
        let day = o.decided_on.unwrap_or(NaiveDate::MAX);
        entries.push((
            day,
            2,
            view! {
                <li class="timeline-item outcome">
                    <h3>{td_string!(l, outcome_label)} ": " {outcome_text(l, &o)}</h3>
                </li>
            }
            .into_any(),
        ));
    }
    entries.sort_by_key(|(day, order, _)| (*day, *order));
    view! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{td_string!(l, timeline)}</h2>
            <ol class="timeline">
                {entries.into_iter().map(|(_, _, v)| v).collect_view()}
            </ol>
        </section>
    }
}

/// Staff record where the trial stands and how it ended.
#[component]
fn OutcomeForm(trial: Trial, action: ServerAction<RecordOutcome>) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let current = trial.outcome.clone();
    let kind_now = current.as_ref().map(|o| o.kind);
    view! {
        <section aria-labelledby="outcome-title" class="panel">
            <h2 id="outcome-title">{td_string!(l, outcome_form_title)}</h2>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="trial" value=trial.id.to_string()/>
                <div class="field">
                    <label for="field-status">{td_string!(l, status_label)}</label>
                    <select id="field-status" name="status">
                        {TrialStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=*s == trial.status>{locale::trial_status_name(l, *s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-outcome">{td_string!(l, outcome_label)}</label>
                    <select id="field-outcome" name="outcome">
                        <option value="">{td_string!(l, outcome_none)}</option>
                        {OutcomeKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=Some(*k) == kind_now>{locale::outcome_name(l, *k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-sentence">{td_string!(l, sentence_label)}</label>
                    <input id="field-sentence" name="sentence" type="text"
                        value=current.as_ref().and_then(|o| o.sentence.clone()).unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="field-decided_on">{td_string!(l, decided_on)}</label>
                    <input id="field-decided_on" name="decided_on" type="date"
                        value=current.as_ref().and_then(|o| o.decided_on).map(|d| d.to_string()).unwrap_or_default()/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, save)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
