//! Planning an observation mission for a hearing: a title, travel dates
//! around the hearing, and the sending organisation.

use crate::i18n::*;
use crate::locale;
use crate::observation::api::{fetch_plan_view, PlanMission, PlanView};
use crate::observation::trial_bits::HearingTime;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use chrono::Days;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PlanMissionPage() -> impl IntoView {
    let query = use_query_map();
    let hearing = Memo::new(move |_| query.with(|q| q.get("hearing").unwrap_or_default()));
    let data = Resource::new(move || hearing.get(), fetch_plan_view);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <PlanForm data=v/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanForm(data: PlanView) -> impl IntoView {
    let l = locale::current();
    let PlanView {
        hearing,
        organisations,
    } = data;
    let action = ServerAction::<PlanMission>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let invalid = move |field: &'static str| {
        move || {
            action.value().with(|v| match v {
                Some(Err(crate::error::AppError::Invalid(ps))) => {
                    ps.iter().any(|p| p.field == field).then_some("true")
                }
                _ => None,
            })
        }
    };
    let day = hearing.local_start.date();
    let starts = day
        .checked_sub_days(Days::new(1))
        .unwrap_or(day)
        .to_string();
    let ends = day
        .checked_add_days(Days::new(1))
        .unwrap_or(day)
        .to_string();
    let city = hearing.court.clone();
    let title = format!("{} — {}", td_string!(l, timeline_mission), city);
    let trial_href = format!("/trials/{}", hearing.trial);
    view! {
        <Title text=td_string!(l, plan_title).to_owned()/>
        <Breadcrumbs
            trail=vec![
                ("/trials".into(), td_string!(l, nav_trials).to_owned()),
                (trial_href, hearing.case_name.clone()),
            ]
            current=td_string!(l, plan_title).to_owned()
        />
        <div class="narrow-wide">
            <h1>{td_string!(l, plan_title)}</h1>
            <p class="lead">{td_string!(l, plan_lead)}</p>
            <ErrorSummary error/>
            <p>
                <strong>{td_string!(l, hearing_label)} ": "</strong>
                {hearing.case_name.clone()} ", " <HearingTime hearing=hearing.clone()/> ", " {hearing.place.clone()}
            </p>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="form[hearing]" value=hearing.id.to_string()/>
                <div class="field">
                    <label for="field-title">{td_string!(l, label_title)}</label>
                    <input id="field-title" name="form[title]" type="text" required value=title aria-invalid=invalid("title")/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="field-starts_on">{td_string!(l, label_starts_on)}</label>
                        <input id="field-starts_on" name="form[starts_on]" type="date" required value=starts aria-invalid=invalid("starts_on")/>
                    </div>
                    <div class="field">
                        <label for="field-ends_on">{td_string!(l, label_ends_on)}</label>
                        <input id="field-ends_on" name="form[ends_on]" type="date" required value=ends aria-invalid=invalid("ends_on")/>
                    </div>
                </div>
                <div class="field">
                    <label for="field-organisation">{td_string!(l, label_sending_org)}</label>
                    <select id="field-organisation" name="form[organisation]" aria-invalid=invalid("organisation")>
                        {organisations.into_iter().map(|o| {
                            let label = match &o.acronym { Some(a) => format!("{} ({a})", o.name), None => o.name.clone() };
                            view! { <option value=o.id.to_string()>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, plan_button)}</button>
                </div>
            </ActionForm>
        </div>
    }
}
