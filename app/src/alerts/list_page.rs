//! `/alerts`: the secretariat's queue (new alerts first, then by risk) or,
//! for anyone else, the alerts they sent and where each stands.

use crate::alerts::api::{fetch_alerts, AlertList};
use crate::alerts::names::{risk_name, status_name};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::alert::{AlertStatus, AlertSubject, Risk};

#[component]
pub fn AlertsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_alerts());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <AlertTable list/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AlertStatusTag(status: AlertStatus) -> impl IntoView {
    let l = locale::current();
    let class = format!("tag tag-alert-{}", status.as_str());
    view! { <span class=class>{status_name(l, status)}</span> }
}

#[component]
pub fn RiskTag(risk: Risk) -> impl IntoView {
    let l = locale::current();
    let class = format!("tag tag-risk-{}", risk.as_str());
    view! { <span class=class>{risk_name(l, risk)}</span> }
}

pub fn subject_name(l: Locale, s: &AlertSubject) -> String {
    match s {
        AlertSubject::Person(p) => p.name.clone(),
        AlertSubject::Named(n) => n.clone(),
        AlertSubject::Unnamed => td_string!(l, alert_unnamed).to_owned(),
    }
}

#[component]
fn AlertTable(list: AlertList) -> impl IntoView {
    let l = locale::current();
    let title = if list.secretariat {
        td_string!(l, alerts_queue_title)
    } else {
        td_string!(l, alerts_title)
    }
    .to_owned();
    let empty = list.alerts.is_empty();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="lede">
            {if list.secretariat { td_string!(l, alerts_queue_lead) } else { td_string!(l, alerts_lead) }}
        </p>
        <p><a class="button" href="/alerts/new">{td_string!(l, alert_new_title)}</a></p>
        {empty.then(|| view! { <p class="muted">{td_string!(l, alerts_none)}</p> })}
        {(!empty).then(|| view! {
            <div class="table-scroll">
                <table class="data-table">
                    <caption class="visually-hidden">{td_string!(l, alerts_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(l, field_who)}</th>
                            <th scope="col">{td_string!(l, field_status)}</th>
                            <th scope="col">{td_string!(l, field_risk)}</th>
                            <th scope="col">{td_string!(l, field_country)}</th>
                            <th scope="col">{td_string!(l, field_happened_on)}</th>
                            <th scope="col">{td_string!(l, alerts_sent)}</th>
                            <th scope="col">{td_string!(l, field_organisation)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.alerts.iter().map(|a| view! {
                            <tr>
                                <td><a href=format!("/alerts/{}", a.id)>{subject_name(l, &a.subject)}</a></td>
                                <td><AlertStatusTag status=a.status/></td>
                                <td><RiskTag risk=a.risk/></td>
                                <td>{locale::country_name(l, &a.country)}</td>
                                <td>{locale::date(l, a.happened_on)}</td>
                                <td>{locale::date(l, a.sent_at.date_naive())}</td>
                                <td>{a.organisation.as_ref().map(|o| o.name.clone()).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
