//! A trial: the case, the defendants and who stands with them, and a
//! timeline of its hearings, the observation missions and the outcome.

use crate::i18n::*;
use crate::locale;
use crate::notifications::follow_button::FollowButton;
use crate::observation::api::{
    fetch_trial, AddHearing, LinkTrial, RecordHearing, RecordOutcome, TrialView,
};
use crate::observation::trial_bits::{outcome_text, HearingTime, MissionStatusTag, TrialStatusTag};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use crate::ui::tags::VisibilityTag;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::follow::FollowTarget;
use shared::{Hearing, HearingStatus, OrgRef, OutcomeKind, Trial, TrialStatus};

#[component]
pub fn TrialPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = TrialActions {
        outcome: ServerAction::<RecordOutcome>::new(),
        add: ServerAction::<AddHearing>::new(),
        record: ServerAction::<RecordHearing>::new(),
        link: ServerAction::<LinkTrial>::new(),
    };
    // The forms redirect to this page; each answer reads the trial again.
    let trial = Resource::new(
        move || {
            (
                id.get(),
                actions.outcome.version().get()
                    + actions.add.version().get()
                    + actions.record.version().get()
                    + actions.link.version().get(),
            )
        },
        |(id, _)| fetch_trial(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match trial.await {
                    Ok(v) => view! { <TrialBody view=v actions/> }.into_any(),
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

/// The staff forms of a trial page.
#[derive(Clone, Copy)]
struct TrialActions {
    outcome: ServerAction<RecordOutcome>,
    add: ServerAction<AddHearing>,
    record: ServerAction<RecordHearing>,
    link: ServerAction<LinkTrial>,
}

#[component]
fn TrialBody(view: TrialView, actions: TrialActions) -> impl IntoView {
    let l = locale::current();
    let TrialView {
        trial,
        may_plan,
        options,
    } = view;
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
                <SavedNotice/>
                <FollowButton target=FollowTarget::Trial(trial.id.clone()) name=trial.case_name.clone()/>
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
                                    <strong><a href=format!("/people/{}", d.person.id)>{d.person.name.clone()}</a></strong>
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
                {options.map(|o| view! { <LinkForm trial=trial.id.to_string() options=o action=actions.link/> })}
            </section>
            <Timeline trial=trial.clone() may_plan record=actions.record/>
            {may_plan.then(|| view! {
                <AddHearingForm trial=trial.clone() action=actions.add/>
                <OutcomeForm trial=trial.clone() action=actions.outcome/>
            })}
        </article>
    }
}

/// Hearings, missions and the outcome in date order.
#[component]
fn Timeline(trial: Trial, may_plan: bool, record: ServerAction<RecordHearing>) -> impl IntoView {
    let l = locale::current();
    let record_error = Signal::derive(move || record.value().get().and_then(|r| r.err()));
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
        let record_form =
            may_plan.then(|| view! { <RecordHearingForm hearing=h.clone() action=record/> });
        entries.push((day, 0, view! {
            <li class=class>
                <h3>{td_string!(l, timeline_hearing)} ": " <HearingTime hearing=h/></h3>
                <p><span class="tag">{status}</span> " " {place} {missions.map(|m| view! { " · " {m} })}</p>
                {(!summary.is_empty()).then(|| view! { <p>{summary}</p> })}
                {plan}
                {record_form}
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
            <ErrorSummary error=record_error/>
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

/// Staff add the next hearing the court announced, on the court's clock.
#[component]
fn AddHearingForm(trial: Trial, action: ServerAction<AddHearing>) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let zone = td_string!(l, court_time, tz = trial.timezone.clone()).to_string();
    let place = trial
        .hearings
        .last()
        .map(|h| h.place.clone())
        .unwrap_or_else(|| trial.court.clone());
    view! {
        <section aria-labelledby="add-hearing-title" class="panel">
            <h2 id="add-hearing-title">{td_string!(l, add_hearing_title)}</h2>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="form[trial]" value=trial.id.to_string()/>
                <div class="field-row">
                    <div class="field">
                        <label for="field-date">{td_string!(l, label_date)}</label>
                        <input id="field-date" name="form[date]" type="date" required/>
                    </div>
                    <div class="field">
                        <label for="field-time">{td_string!(l, label_time)}</label>
                        <span class="hint" id="hint-time">{zone}</span>
                        <input id="field-time" name="form[time]" type="time" required aria-describedby="hint-time"/>
                    </div>
                </div>
                <div class="field">
                    <label for="field-place">{td_string!(l, label_place)}</label>
                    <input id="field-place" name="form[place]" type="text" required value=place/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button secondary">{td_string!(l, add_hearing_button)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// What happened at a hearing: held or postponed, a summary, the next date.
#[component]
fn RecordHearingForm(hearing: Hearing, action: ServerAction<RecordHearing>) -> impl IntoView {
    let l = locale::current();
    let id = hearing.id.to_string();
    let ids = |name: &str| format!("{name}-{id}");
    let (status_id, summary_id, date_id, time_id) = (
        ids("status"),
        ids("summary"),
        ids("next-date"),
        ids("next-time"),
    );
    let (status_for, summary_for, date_for, time_for) = (
        status_id.clone(),
        summary_id.clone(),
        date_id.clone(),
        time_id.clone(),
    );
    view! {
        <details class="record-hearing">
            <summary>{td_string!(l, record_hearing_summary)}</summary>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="form[hearing]" value=id.clone()/>
                <div class="field">
                    <label for=status_for>{td_string!(l, status_label)}</label>
                    <select id=status_id name="form[status]">
                        {HearingStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=*s == hearing.status>{locale::hearing_status_name(l, *s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=summary_for>{td_string!(l, label_what_happened)}</label>
                    <textarea id=summary_id name="form[summary]" rows="3">{hearing.summary.clone()}</textarea>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for=date_for>{td_string!(l, label_next_date)}</label>
                        <input id=date_id name="form[next_date]" type="date"/>
                    </div>
                    <div class="field">
                        <label for=time_for>{td_string!(l, label_next_time)}</label>
                        <input id=time_id name="form[next_time]" type="time"/>
                    </div>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, record_hearing_button)}</button>
            </ActionForm>
        </details>
    }
}

/// Staff add a defendant, a defence lawyer or a supporting organisation.
#[component]
fn LinkForm(
    trial: String,
    options: crate::observation::api::TrialFormOptions,
    action: ServerAction<LinkTrial>,
) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let group = |label: &'static str, kind: &'static str, items: Vec<(String, String)>| {
        (!items.is_empty()).then(|| {
            view! {
                <optgroup label=label>
                    {items.into_iter().map(|(key, name)| view! {
                        <option value=format!("{kind}:{key}")>{name}</option>
                    }).collect_view()}
                </optgroup>
            }
        })
    };
    let people = |list: Vec<shared::PersonRef>| -> Vec<(String, String)> {
        list.into_iter()
            .map(|p| (p.id.to_string(), p.name))
            .collect()
    };
    let orgs: Vec<(String, String)> = options
        .organisations
        .into_iter()
        .map(|o| {
            let label = match &o.acronym {
                Some(a) => format!("{} ({a})", o.name),
                None => o.name.clone(),
            };
            (o.id.to_string(), label)
        })
        .collect();
    view! {
        <div class="panel">
            <ErrorSummary error/>
            <ActionForm action=action attr:class="filter-row">
                <input type="hidden" name="trial" value=trial/>
                <div class="field">
                    <label for="field-link">{td_string!(l, link_label)}</label>
                    <select id="field-link" name="link">
                        {group(td_string!(l, label_defendant), "defendant", people(options.defendants))}
                        {group(td_string!(l, lawyers), "lawyer", people(options.lawyers))}
                        {group(td_string!(l, supporters), "supporter", orgs)}
                    </select>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, link_button)}</button>
            </ActionForm>
        </div>
    }
}
