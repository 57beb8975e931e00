//! The hearings calendar: a month as a grid or as a list, filtered by
//! country and trial status. Everything is in the address (`?month=2026-12
//! &view=list&country=TR&status=ongoing`), so a view can be shared and the
//! page works without JavaScript.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::observation::api::fetch_hearings;
use crate::observation::trial_bits::HearingTime;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{Hearing, Month, TrialStatus};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct CalendarQuery {
    month: Month,
    list: bool,
    country: Option<String>,
    status: Option<String>,
}

impl CalendarQuery {
    fn href(&self, month: Month, list: bool) -> String {
        let mut pairs = vec![format!("month={month}")];
        if list {
            pairs.push("view=list".into());
        }
        if let Some(c) = &self.country {
            pairs.push(format!(
                "country={}",
                crate::accounts::auth::encode_query_value(c)
            ));
        }
        if let Some(s) = &self.status {
            pairs.push(format!(
                "status={}",
                crate::accounts::auth::encode_query_value(s)
            ));
        }
        format!("/hearings?{}", pairs.join("&"))
    }
}

fn read(q: &leptos_router::params::ParamsMap) -> Result<CalendarQuery, shared::ValidationError> {
    let text = |k: &str| {
        q.get(k)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let month = match text("month") {
        Some(m) => Month::parse(&m)?,
        None => Month::of(chrono::Utc::now().date_naive()),
    };
    Ok(CalendarQuery {
        month,
        list: text("view").as_deref() == Some("list"),
        country: text("country"),
        status: text("status"),
    })
}

#[component]
pub fn HearingsPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let parsed = Memo::new(move |_| query.with(read));
    let hearings = Resource::new(
        move || parsed.get(),
        |q| async move {
            match q {
                Ok(q) => fetch_hearings(q.month, q.country.clone(), q.status.clone())
                    .await
                    .map(|h| (q, h)),
                Err(e) => Err(AppError::BadRequest(e)),
            }
        },
    );
    let signed_in = crate::accounts::auth::use_current_user().is_some();
    view! {
        <Title text=td_string!(l, hearings_title).to_owned()/>
        <h1>{td_string!(l, hearings_title)}</h1>
        <p class="lead">{td_string!(l, hearings_lead)}</p>
        {signed_in.then(|| view! { <p><a href="/account#calendar">{td_string!(l, hearings_subscribe_hint)}</a></p> })}
        <crate::exchange::download_links::DownloadLinks list="hearings"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match hearings.await {
                    Ok((q, list)) => view! { <Calendar query=q hearings=list/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Calendar(query: CalendarQuery, hearings: Vec<Hearing>) -> impl IntoView {
    let l = locale::current();
    let month = query.month;
    let title = locale::month_title(l, month);
    let status_now = query.status.clone().unwrap_or_default();
    let country_now = query
        .country
        .clone()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let prev = query.href(month.previous(), query.list);
    let next = query.href(month.next(), query.list);
    let as_month = query.href(month, false);
    let as_list = query.href(month, true);
    let none = hearings
        .is_empty()
        .then(|| view! { <p class="muted" role="status">{td_string!(l, hearings_none)}</p> });
    // An empty month still shows its grid: the reader sees the month is free.
    let body = if query.list {
        view! { {none} <HearingList hearings/> }.into_any()
    } else {
        view! { {none} <MonthGrid month hearings/> }.into_any()
    };
    view! {
        <form method="get" action="/hearings" class="filter-row">
            <input type="hidden" name="month" value=month.to_string()/>
            {query.list.then(|| view! { <input type="hidden" name="view" value="list"/> })}
            <div class="field">
                <label for="hearing-country">{td_string!(l, filter_country)}</label>
                <input id="hearing-country" name="country" type="text" maxlength="2" size="4" autocomplete="off" value=country_now/>
            </div>
            <div class="field">
                <label for="hearing-status">{td_string!(l, filter_status)}</label>
                <select id="hearing-status" name="status">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {TrialStatus::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=s.as_str() == status_now>{locale::trial_status_name(l, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button primary">{td_string!(l, apply)}</button>
        </form>
        <nav class="calendar-nav" aria-label=td_string!(l, hearings_title)>
            <a href=prev rel="prev">"← " {td_string!(l, previous_month)}</a>
            <h2 id="calendar-month" aria-live="polite">{title}</h2>
            <a href=next rel="next">{td_string!(l, next_month)} " →"</a>
        </nav>
        <p class="view-switch">
            {td_string!(l, view_label)} ": "
            <a href=as_month aria-current=(!query.list).then_some("page")>{td_string!(l, view_month)}</a>
            " · "
            <a href=as_list aria-current=query.list.then_some("page")>{td_string!(l, view_list)}</a>
        </p>
        {body}
    }
}

fn hearing_link(h: &Hearing) -> impl IntoView {
    let href = format!("/trials/{}", h.trial);
    let class = format!("calendar-hearing hearing-{}", h.status.as_str());
    view! {
        <a class=class href=href>
            <span class="time">{h.local_start.format("%H:%M").to_string()}</span>
            " " {h.case_name.clone()}
        </a>
    }
}

#[component]
fn MonthGrid(month: Month, hearings: Vec<Hearing>) -> impl IntoView {
    let l = locale::current();
    let weeks = month.weeks();
    view! {
        <table class="month-grid" aria-labelledby="calendar-month">
            <thead>
                <tr>{(1..=7).map(|d| view! { <th scope="col">{locale::weekday_name(l, d)}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {weeks.into_iter().map(|week| view! {
                    <tr>
                        {week.into_iter().map(|day| match day {
                            None => view! { <td class="outside"></td> }.into_any(),
                            Some(day) => {
                                use chrono::Datelike;
                                let todays: Vec<&Hearing> = hearings.iter().filter(|h| h.local_start.date() == day).collect();
                                let class = if todays.is_empty() { "day" } else { "day has-hearings" };
                                view! {
                                    <td class=class>
                                        <span class="day-number">{day.day()}</span>
                                        <ul class="day-hearings">
                                            {todays.into_iter().map(|h| view! { <li>{hearing_link(h)}</li> }).collect_view()}
                                        </ul>
                                    </td>
                                }.into_any()
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn HearingList(hearings: Vec<Hearing>) -> impl IntoView {
    let l = locale::current();
    view! {
        <ol class="hearing-list">
            {hearings.into_iter().map(|h| {
                let href = format!("/trials/{}", h.trial);
                let place = format!("{}, {}, {}", h.place, h.court, locale::country_name(l, &h.country));
                let status = locale::hearing_status_name(l, h.status);
                view! {
                    <li class="card">
                        <h3><a href=href>{h.case_name.clone()}</a></h3>
                        <p><HearingTime hearing=h.clone()/></p>
                        <p>{place} " · " <span class="tag">{status}</span></p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
