//! Urgent interventions and rapid responses: the list every annual figure
//! links to (its filters live in the address), one intervention with its
//! follow-up, and the form that records a new one.

use crate::advocacy::api::{
    fetch_advocacy_options, fetch_intervention, fetch_interventions, CreateIntervention, Editable,
    InterventionQuery, LinkIntervention, RecordProgress,
};
use crate::advocacy::bits::{org_label, VisibilitySelect};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::{
    Intervention, InterventionKind, InterventionOutcome, InterventionStatus, InterventionSummary,
    Region, Support,
};

const FILTERS: [&str; 8] = [
    "year", "kind", "support", "country", "region", "outcome", "month", "freed_in",
];

#[component]
pub fn InterventionsPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let filters =
        Memo::new(move |_| query.with(|q| FILTERS.map(|k| q.get(k).filter(|v| !v.is_empty()))));
    let list = Resource::new(
        move || filters.get(),
        |[year, kind, support, country, region, outcome, month, freed_in]| {
            fetch_interventions(InterventionQuery {
                year,
                kind,
                support,
                country,
                region,
                outcome,
                month,
                freed_in,
            })
        },
    );
    let now = move |k: &'static str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let (year, kind, support, country, region, outcome) = (
        now("year"),
        now("kind"),
        now("support"),
        now("country").to_ascii_uppercase(),
        now("region"),
        now("outcome"),
    );
    // Filters from a figure that the form does not show travel along.
    let hidden: Vec<(&'static str, String)> = ["month", "freed_in"]
        .into_iter()
        .map(|k| (k, now(k)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let may_edit =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role.runs_advocacy());
    view! {
        <Title text=td_string!(l, interventions_title).to_owned()/>
        <h1>{td_string!(l, interventions_title)}</h1>
        <p class="lead">{td_string!(l, interventions_lead)}</p>
        {may_edit.then(|| view! { <p><a class="button secondary" href="/interventions/new">{td_string!(l, new_intervention)}</a></p> })}
        <form method="get" action="/interventions" class="filter-row">
            {hidden.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
            <div class="field">
                <label for="filter-year">{td_string!(l, filter_year)}</label>
                <input id="filter-year" name="year" type="number" min="1985" max="2100" value=year/>
            </div>
            <div class="field">
                <label for="filter-kind">{td_string!(l, label_kind)}</label>
                <select id="filter-kind" name="kind">
                    <option value="">{td_string!(l, filter_all)}</option>
                    <option value="urgent" selected=kind == "urgent">{td_string!(l, kind_urgent)}</option>
                    {InterventionKind::ALL.iter().map(|k| view! {
                        <option value=k.as_str() selected=k.as_str() == kind>{locale::intervention_kind_name(l, *k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-support">{td_string!(l, label_support)}</label>
                <select id="filter-support" name="support">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {Support::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=s.as_str() == support>{locale::support_name(l, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-country">{td_string!(l, filter_country)}</label>
                <input id="filter-country" name="country" type="text" maxlength="2" size="4" value=country/>
            </div>
            <div class="field">
                <label for="filter-region">{td_string!(l, filter_region)}</label>
                <select id="filter-region" name="region">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {Region::ALL.iter().map(|r| view! {
                        <option value=r.slug() selected=r.slug() == region>{locale::region_name(l, *r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-outcome">{td_string!(l, label_outcome)}</label>
                <select id="filter-outcome" name="outcome">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {InterventionOutcome::ALL.iter().map(|o| view! {
                        <option value=o.as_str() selected=o.as_str() == outcome>{locale::intervention_outcome_name(l, *o)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button primary">{td_string!(l, apply)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{td_string!(l, interventions_none)}</p> }.into_any(),
                    Ok(list) => view! { <InterventionTable list/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InterventionTable(list: Vec<InterventionSummary>) -> impl IntoView {
    let l = locale::current();
    let mut people: Vec<&str> = list
        .iter()
        .flat_map(|i| i.persons.iter().map(|p| p.id.as_str()))
        .collect();
    people.sort_unstable();
    people.dedup();
    let status = td_string!(
        l,
        interventions_count,
        n = list.len(),
        people = people.len()
    )
    .to_string();
    view! {
            <p role="status">{status}</p>
    <crate::exchange::download_links::DownloadLinks list="interventions"/>
            <div class="table-scroll">
                <table class="data-table">
                    <caption class="visually-hidden">{td_string!(l, interventions_title)}</caption>
                    <thead><tr>
                        <th scope="col">{td_string!(l, label_sent_on)}</th>
                        <th scope="col">{td_string!(l, label_title)}</th>
                        <th scope="col">{td_string!(l, label_person)}</th>
                        <th scope="col">{td_string!(l, label_country)}</th>
                        <th scope="col">{td_string!(l, label_outcome)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|i| {
                            let href = format!("/interventions/{}", i.id);
                            let kind = match i.support {
                                Some(s) => format!("{} · {}", locale::intervention_kind_name(l, i.kind), locale::support_name(l, s)),
                                None => locale::intervention_kind_name(l, i.kind).to_owned(),
                            };
                            let persons = locale::list(l, i.persons.iter().map(|p| p.name.clone()).collect());
                            let outcome = i.outcome.map(|o| locale::intervention_outcome_name(l, o)).unwrap_or_else(|| locale::intervention_status_name(l, i.status));
                            view! {
                                <tr>
                                    <td><time datetime=i.sent_on.to_string()>{locale::date(l, i.sent_on)}</time></td>
                                    <td><a href=href>{i.title.clone()}</a><br/><span class="muted">{kind}</span> " " <VisibilityTag visibility=i.visibility/></td>
                                    <td>{persons}</td>
                                    <td>{locale::country_name(l, &i.country)}</td>
                                    <td>{outcome}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
}

#[component]
pub fn InterventionPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let progress = ServerAction::<RecordProgress>::new();
    let link = ServerAction::<LinkIntervention>::new();
    let intervention = Resource::new(
        move || (id.get(), progress.version().get() + link.version().get()),
        |(id, _)| fetch_intervention(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match intervention.await {
                    Ok(v) => view! { <InterventionBody view=v progress link/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InterventionBody(
    view: Editable<Intervention>,
    progress: ServerAction<RecordProgress>,
    link: ServerAction<LinkIntervention>,
) -> impl IntoView {
    let l = locale::current();
    let Editable {
        record: i,
        may_edit,
        options,
        ..
    } = view;
    let s = i.summary.clone();
    let title = s.title.clone();
    let id = s.id.to_string();
    let kind = match s.support {
        Some(sup) => format!(
            "{} · {}",
            locale::intervention_kind_name(l, s.kind),
            locale::support_name(l, sup)
        ),
        None => locale::intervention_kind_name(l, s.kind).to_owned(),
    };
    let outcome = match (s.outcome, i.outcome_on) {
        (Some(o), Some(d)) => format!(
            "{} ({})",
            locale::intervention_outcome_name(l, o),
            locale::date(l, d)
        ),
        (Some(o), None) => locale::intervention_outcome_name(l, o).to_owned(),
        _ => td_string!(l, outcome_none).to_owned(),
    };
    let error = Signal::derive(move || {
        progress
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| link.value().get().and_then(|r| r.err()))
    });
    let country_href = format!("/countries/{}", s.country.code.key());
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/interventions".into(), td_string!(l, interventions_title).to_owned())] current=title.clone()/>
        <article class="profile" aria-labelledby="intervention-title">
            <header class="summary-block">
                <h1 id="intervention-title">{title}</h1>
                <p class="card-tags">
                    <span class="tag">{kind}</span>
                    <span class="tag">{locale::intervention_status_name(l, s.status)}</span>
                    <VisibilityTag visibility=s.visibility/>
                </p>
                <SavedNotice/>
                <dl class="facts">
                    {(!s.reference.is_empty()).then(|| view! { <div><dt>{td_string!(l, label_reference)}</dt><dd>{s.reference.clone()}</dd></div> })}
                    <div><dt>{td_string!(l, label_sent_on)}</dt><dd>{locale::date(l, s.sent_on)}</dd></div>
                    <div><dt>{td_string!(l, label_country)}</dt><dd><a href=country_href>{locale::country_name(l, &s.country)}</a></dd></div>
                    <div><dt>{td_string!(l, label_person)}</dt><dd>{locale::list(l, s.persons.iter().map(|p| p.name.clone()).collect())}</dd></div>
                    {(!i.addressees.is_empty()).then(|| view! { <div><dt>{td_string!(l, label_addressees)}</dt><dd>{locale::list(l, i.addressees.clone())}</dd></div> })}
                    {(!i.cosignatories.is_empty()).then(|| view! {
                        <div><dt>{td_string!(l, label_cosignatory)}</dt><dd>
                            <ul class="inline-list">{i.cosignatories.iter().map(|o| {
                                let href = format!("/organisations/{}", o.id);
                                view! { <li><a href=href>{org_label(o)}</a></li> }
                            }).collect_view()}</ul>
                        </dd></div>
                    })}
                    <div><dt>{td_string!(l, outcome_label)}</dt><dd class="outcome">{outcome}</dd></div>
                </dl>
                {(!i.notes.is_empty()).then(|| view! { <p>{i.notes.clone()}</p> })}
            </header>
            {may_edit.then(|| {
                let (id1, id2) = (id.clone(), id.clone());
                view! {
                    <section aria-labelledby="progress-title" class="panel">
                        <h2 id="progress-title">{td_string!(l, progress_title)}</h2>
                        <ErrorSummary error/>
                        <ActionForm action=progress attr:class="filter-row" attr:novalidate="true">
                            <input type="hidden" name="intervention" value=id1/>
                            <div class="field">
                                <label for="field-status">{td_string!(l, label_status)}</label>
                                <select id="field-status" name="status">
                                    {InterventionStatus::ALL.iter().map(|st| view! {
                                        <option value=st.as_str() selected=*st == s.status>{locale::intervention_status_name(l, *st)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="field-outcome">{td_string!(l, label_outcome)}</label>
                                <select id="field-outcome" name="outcome">
                                    <option value="">{td_string!(l, outcome_none)}</option>
                                    {InterventionOutcome::ALL.iter().map(|o| view! {
                                        <option value=o.as_str() selected=Some(*o) == s.outcome>{locale::intervention_outcome_name(l, *o)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="field-outcome_on">{td_string!(l, label_outcome_on)}</label>
                                <input id="field-outcome_on" name="outcome_on" type="date" value=i.outcome_on.map(|d| d.to_string()).unwrap_or_default()/>
                            </div>
                            <button type="submit" class="button primary">{td_string!(l, save)}</button>
                        </ActionForm>
                        {options.map(|o| view! {
                            <ActionForm action=link attr:class="filter-row">
                                <input type="hidden" name="intervention" value=id2/>
                                <input type="hidden" name="cosignatory" value=""/>
                                <div class="field">
                                    <label for="field-person">{td_string!(l, add_person)}</label>
                                    <select id="field-person" name="person">
                                        {o.persons.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button secondary">{td_string!(l, add_button)}</button>
                            </ActionForm>
                            <ActionForm action=link attr:class="filter-row">
                                <input type="hidden" name="intervention" value=id.clone()/>
                                <input type="hidden" name="person" value=""/>
                                <div class="field">
                                    <label for="field-cosignatory">{td_string!(l, add_cosignatory)}</label>
                                    <select id="field-cosignatory" name="cosignatory">
                                        {o.organisations.iter().map(|org| view! { <option value=org.id.to_string()>{org_label(org)}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button secondary">{td_string!(l, add_button)}</button>
                            </ActionForm>
                        })}
                    </section>
                }
            })}
        </article>
    }
}

#[component]
pub fn NewInterventionPage() -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<CreateIntervention>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let options = Resource::new(|| (), |_| fetch_advocacy_options());
    // Coming from an alert: the decision names it, and starts from its
    // country and person (never from its words, which stay with the alert).
    let query = leptos_router::hooks::use_query_map();
    let alert_key = query.with_untracked(|q| q.get("alert")).unwrap_or_default();
    let kind_wanted = query.with_untracked(|q| q.get("kind")).unwrap_or_default();
    let from_alert = Resource::new(
        {
            let key = alert_key.clone();
            move || key.clone()
        },
        |key| async move {
            if key.is_empty() {
                Ok(None)
            } else {
                crate::alerts::api::fetch_alert_basis(key).await.map(Some)
            }
        },
    );
    view! {
        <Title text=td_string!(l, new_intervention).to_owned()/>
        <Breadcrumbs trail=vec![("/interventions".into(), td_string!(l, interventions_title).to_owned())] current=td_string!(l, new_intervention).to_owned()/>
        <h1>{td_string!(l, new_intervention)}</h1>
        <Suspense fallback=Loading>
            {move || {
                let kind_wanted = kind_wanted.clone();
                let alert_key = alert_key.clone();
                Suspend::new(async move {
                let alert = from_alert.await;
                match (options.await, alert) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e/> }.into_any(),
                    (Ok(o), Ok(alert)) => {
                        let country = alert.as_ref().map(|a| a.country.clone()).unwrap_or_default();
                        let person = alert.as_ref().and_then(|a| a.person.clone()).unwrap_or_default();
                        // Until verified, a decision is as closed as its alert.
                        let level = alert.as_ref().map(|a| a.visibility.as_str());
                        view! {
                        <ErrorSummary error/>
                        {alert.is_some().then(|| view! { <p class="notice">{td_string!(l, intervention_from_alert)}</p> })}
                        <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                            <input type="hidden" name="form[alert]" value=alert_key/>
                            <div class="field">
                                <label for="field-title">{td_string!(l, label_title)}</label>
                                <input id="field-title" name="form[title]" type="text" required maxlength="200"/>
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for="field-kind">{td_string!(l, label_kind)}</label>
                                    <select id="field-kind" name="form[kind]">
                                        {InterventionKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=k.as_str() == kind_wanted>{locale::intervention_kind_name(l, *k)}</option> }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="field-support">{td_string!(l, label_support)}</label>
                                    <span class="hint" id="hint-support">{td_string!(l, hint_support)}</span>
                                    <select id="field-support" name="form[support]" aria-describedby="hint-support">
                                        <option value="">{td_string!(l, no_support)}</option>
                                        {Support::ALL.iter().map(|s| view! { <option value=s.as_str()>{locale::support_name(l, *s)}</option> }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for="field-sent_on">{td_string!(l, label_sent_on)}</label>
                                    <input id="field-sent_on" name="form[sent_on]" type="date" required/>
                                </div>
                                <div class="field">
                                    <label for="field-reference">{td_string!(l, label_reference)}</label>
                                    <input id="field-reference" name="form[reference]" type="text" maxlength="60"/>
                                </div>
                                <div class="field">
                                    <label for="field-country">{td_string!(l, label_country)}</label>
                                    <span class="hint" id="hint-country">{td_string!(l, hint_country_code)}</span>
                                    <input id="field-country" name="form[country]" type="text" maxlength="2" size="4" required aria-describedby="hint-country" value=country/>
                                </div>
                            </div>
                            <div class="field">
                                <label for="field-person">{td_string!(l, label_person)}</label>
                                <select id="field-person" name="form[person]">
                                    <option value="">{td_string!(l, choose_person)}</option>
                                    {o.persons.into_iter().map(|p| { let selected = p.id.as_str() == person; view! { <option value=p.id.to_string() selected=selected>{p.name}</option> } }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="field-cosignatory">{td_string!(l, label_cosignatory)}</label>
                                <select id="field-cosignatory" name="form[cosignatory]">
                                    <option value="">{td_string!(l, no_cosignatory)}</option>
                                    {o.organisations.iter().map(|org| view! { <option value=org.id.to_string()>{org_label(org)}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="field-addressees">{td_string!(l, label_addressees)}</label>
                                <span class="hint" id="hint-addressees">{td_string!(l, hint_one_per_line)}</span>
                                <textarea id="field-addressees" name="form[addressees]" rows="3" aria-describedby="hint-addressees"></textarea>
                            </div>
                            <div class="field">
                                <label for="field-notes">{td_string!(l, label_notes)}</label>
                                <textarea id="field-notes" name="form[notes]" rows="3"></textarea>
                            </div>
                            <fieldset>
                                <legend>{td_string!(l, intervention_kind_rapid_response)}</legend>
                                <div class="field-row">
                                    <div class="field">
                                        <label for="field-requested_on">{td_string!(l, label_requested_on)}</label>
                                        <input id="field-requested_on" name="form[requested_on]" type="date"/>
                                    </div>
                                    <div class="field">
                                        <label for="field-decision">{td_string!(l, label_decision)}</label>
                                        <select id="field-decision" name="form[decision]">
                                            <option value="">"—"</option>
                                            {shared::SupportDecision::ALL.iter().map(|d| view! { <option value=d.as_str()>{locale::support_decision_name(l, *d)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="field-amount">{td_string!(l, label_amount_granted)}</label>
                                        <input id="field-amount" name="form[amount]" type="number" min="0" max=shared::SUPPORT_AMOUNT_MAX.to_string() step="1"/>
                                    </div>
                                </div>
                                <div class="field">
                                    <label for="field-follow_up">{td_string!(l, label_follow_up)}</label>
                                    <textarea id="field-follow_up" name="form[follow_up]" rows="2"></textarea>
                                </div>
                            </fieldset>
                            <VisibilitySelect selected=level.unwrap_or("staff")/>
                            <div class="form-actions">
                                <button type="submit" class="button primary">{td_string!(l, create_intervention)}</button>
                            </div>
                        </ActionForm>
                    }.into_any()},
                }
            })}}
        </Suspense>
    }
}
