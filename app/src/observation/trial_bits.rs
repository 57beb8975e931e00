//! Small pieces the trial-observation pages share.

use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::{Hearing, MissionStatus, Outcome, PlanningFlag, TrialStatus};

/// When a hearing starts, on the court's clock, with the instant for machines.
#[component]
pub fn HearingTime(hearing: Hearing) -> impl IntoView {
    let l = locale::current();
    let machine = hearing.starts_at.to_rfc3339();
    let zone = td_string!(l, court_time, tz = hearing.timezone.clone()).to_string();
    view! {
        <time datetime=machine>{locale::date_time(l, hearing.local_start)}</time>
        " "
        <span class="muted">"(" {zone} ")"</span>
    }
}

#[component]
pub fn TrialStatusTag(status: TrialStatus) -> impl IntoView {
    let class = format!("tag tag-trial-{}", status.as_str());
    view! { <span class=class>{locale::trial_status_name(locale::current(), status)}</span> }
}

#[component]
pub fn MissionStatusTag(status: MissionStatus) -> impl IntoView {
    let class = format!("tag tag-mission-{}", status.as_str());
    view! { <span class=class>{locale::mission_status_name(locale::current(), status)}</span> }
}

/// "Acquitted (26 June 2024)", "Convicted: 2 years".
pub fn outcome_text(l: Locale, o: &Outcome) -> String {
    let mut text = locale::outcome_name(l, o.kind).to_owned();
    if let Some(s) = &o.sentence {
        text.push_str(": ");
        text.push_str(s);
    }
    if let Some(d) = o.decided_on {
        text.push_str(&format!(" ({})", locale::date(l, d)));
    }
    text
}

/// One planning warning in words, with links to what it is about.
#[component]
pub fn FlagItem(flag: PlanningFlag) -> impl IntoView {
    let l = locale::current();
    match flag {
        PlanningFlag::DoubleBooked {
            person,
            mission,
            other,
        } => {
            let text = td_string!(
                l,
                flag_double_booked,
                person = person.name,
                other = other.title.clone()
            )
            .to_string();
            let links = vec![
                (format!("/missions/{}", mission.id), mission.title),
                (format!("/missions/{}", other.id), other.title),
            ];
            view! { <li class="flag flag-double-booked">{text} " " <FlagLinks links/></li> }
                .into_any()
        }
        PlanningFlag::UncoveredHearing { hearing, days } => {
            let text = td_string!(
                l,
                flag_uncovered,
                days = days.to_string(),
                case = hearing.case_name.clone()
            )
            .to_string();
            let plan = format!("/missions/new?hearing={}", hearing.id);
            let trial = format!("/trials/{}", hearing.trial);
            view! {
                <li class="flag flag-uncovered">
                    {text} " " <HearingTime hearing/> " "
                    <a href=trial>{td_string!(l, timeline)}</a> " · "
                    <a href=plan>{td_string!(l, plan_mission_link)}</a>
                </li>
            }
            .into_any()
        }
        PlanningFlag::NoInterpreter {
            mission,
            court_language,
            ..
        } => {
            let text = td_string!(
                l,
                flag_no_interpreter,
                mission = mission.title.clone(),
                language = locale::language_name(l, &court_language)
            )
            .to_string();
            let links = vec![(format!("/missions/{}", mission.id), mission.title)];
            view! { <li class="flag flag-no-interpreter">{text} " " <FlagLinks links/></li> }
                .into_any()
        }
        PlanningFlag::NationalObserver {
            person,
            mission,
            country,
        } => {
            let country_name = locale::country_name(l, &country);
            let text = td_string!(
                l,
                flag_national,
                person = person.name,
                country = country_name,
                mission = mission.title.clone()
            )
            .to_string();
            let links = vec![(format!("/missions/{}", mission.id), mission.title)];
            view! { <li class="flag flag-national">{text} " " <FlagLinks links/></li> }.into_any()
        }
    }
}

#[component]
fn FlagLinks(links: Vec<(String, String)>) -> impl IntoView {
    links
        .into_iter()
        .map(|(href, text)| view! { <a href=href class="flag-link">{text}</a> " " })
        .collect_view()
}

/// The warnings, or a calm sentence when there are none.
#[component]
pub fn FlagList(flags: Vec<PlanningFlag>) -> impl IntoView {
    let l = locale::current();
    if flags.is_empty() {
        return view! { <p class="muted">{td_string!(l, flags_none)}</p> }.into_any();
    }
    view! {
        <ul class="flags" role="list">
            {flags.into_iter().map(|flag| view! { <FlagItem flag/> }).collect_view()}
        </ul>
    }
    .into_any()
}
