//! The trials the network follows, filtered by country and status; the
//! filters live in the address and work without JavaScript.

use crate::i18n::*;
use crate::locale;
use crate::observation::api::fetch_trials;
use crate::observation::trial_bits::{outcome_text, TrialStatusTag};
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{TrialStatus, TrialSummary};

#[component]
pub fn TrialsPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|q| (q.get("country"), q.get("status"))));
    let trials = Resource::new(move || filters.get(), |(c, s)| fetch_trials(c, s));
    let selected = move |k: &'static str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let status_now = selected("status");
    let country_now = selected("country").to_ascii_uppercase();
    view! {
        <Title text=td_string!(l, trials_title).to_owned()/>
        <h1>{td_string!(l, trials_title)}</h1>
        <p class="lead">{td_string!(l, trials_lead)}</p>
        {crate::accounts::auth::use_current_user().is_some_and(|u| u.role.plans_missions()).then(|| view! {
            <p class="actions">
                <a class="button secondary" href="/trials/new">{td_string!(l, new_trial_title)}</a>
                " "
                <a class="button secondary" href="/people/new">{td_string!(l, person_new_link)}</a>
            </p>
        })}
        <form method="get" action="/trials" class="filter-row">
            <div class="field">
                <label for="trial-country">{td_string!(l, filter_country)}</label>
                <input id="trial-country" name="country" type="text" maxlength="2" size="4"
                    autocomplete="off" value=country_now/>
            </div>
            <div class="field">
                <label for="trial-status">{td_string!(l, filter_status)}</label>
                <select id="trial-status" name="status">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {TrialStatus::ALL.iter().map(|s| {
                        let selected = s.as_str() == status_now;
                        view! { <option value=s.as_str() selected=selected>{locale::trial_status_name(l, *s)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button primary">{td_string!(l, apply)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match trials.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{td_string!(l, trials_none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <p role="status">{td_string!(l, trials_count, n = list.len()).to_string()}</p>
                        <crate::exchange::download_links::DownloadLinks list="trials"/>
                        <ul class="card-list" role="list">
                            {list.into_iter().map(|t| view! { <TrialCard trial=t/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrialCard(trial: TrialSummary) -> impl IntoView {
    let l = locale::current();
    let href = format!("/trials/{}", trial.id);
    let defendants = locale::list(l, trial.defendants.iter().map(|d| d.name.clone()).collect());
    let charges = locale::list(
        l,
        trial
            .charges
            .iter()
            .map(|c| locale::charge_name(l, *c).to_owned())
            .collect(),
    );
    let place = format!(
        "{}, {}",
        trial.court,
        locale::country_name(l, &trial.country)
    );
    view! {
        <li class="card trial-card">
            <h2 class="card-title"><a href=href>{trial.case_name.clone()}</a></h2>
            <p class="card-tags">
                <TrialStatusTag status=trial.status/>
                {trial.outcome.as_ref().map(|o| view! { <span class="tag tag-outcome">{outcome_text(l, o)}</span> })}
                <VisibilityTag visibility=trial.visibility/>
            </p>
            <dl class="facts compact">
                <div><dt>{td_string!(l, court)}</dt><dd>{place}</dd></div>
                {(!trial.defendants.is_empty()).then(|| view! {
                    <div><dt>{td_string!(l, defendants)}</dt><dd>{defendants}</dd></div>
                })}
                {(!trial.charges.is_empty()).then(|| view! {
                    <div><dt>{td_string!(l, charges)}</dt><dd>{charges}</dd></div>
                })}
                {trial.next_hearing.map(|at| view! {
                    <div><dt>{td_string!(l, next_hearing)}</dt><dd><time datetime=at.to_rfc3339()>{locale::date(l, at.date_naive())}</time></dd></div>
                })}
            </dl>
        </li>
    }
}
