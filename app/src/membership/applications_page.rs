//! Staff's list of membership applications, the open ones first to hand,
//! filtered by status.

use crate::i18n::*;
use crate::locale;
use crate::membership::api::fetch_applications;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::membership::{ApplicationStatus, ApplicationSummary};

pub fn status_name(l: Locale, status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Submitted => td_string!(l, application_status_submitted),
        ApplicationStatus::MoreInformation => td_string!(l, application_status_more_information),
        ApplicationStatus::Admitted => td_string!(l, application_status_admitted),
        ApplicationStatus::Declined => td_string!(l, application_status_declined),
    }
}

#[component]
pub fn StatusTag(status: ApplicationStatus) -> impl IntoView {
    let l = locale::current();
    let class = format!("tag tag-application-{}", status.as_str());
    view! { <span class=class>{status_name(l, status)}</span> }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let query = use_query_map();
    let status = Memo::new(move |_| query.with(|q| q.get("status")));
    let list = Resource::new(move || status.get(), fetch_applications);
    let l = locale::current();
    let title = td_string!(l, applications_title).to_owned();
    let is_admin =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role == shared::Role::Admin);
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>{td_string!(l, applications_intro)}</p>
        {is_admin.then(|| view! {
            <p><a href="/applications/criteria">{td_string!(l, criteria_title)}</a></p>
        })}
        <form method="get" action="/applications" class="inline-form">
            <label for="filter-status">{td_string!(l, field_status)}</label>
            <select id="filter-status" name="status">
                <option value="">{td_string!(l, applications_all)}</option>
                {ApplicationStatus::ALL.iter().map(|s| view! {
                    <option value=s.as_str() selected=move || status.get().as_deref() == Some(s.as_str())>
                        {status_name(l, *s)}
                    </option>
                }).collect_view()}
            </select>
            <button type="submit" class="button">{td_string!(l, applications_filter)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <p>{td_string!(l, applications_none)}</p> }.into_any(),
                    Ok(rows) => view! { <ApplicationTable rows/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ApplicationTable(rows: Vec<ApplicationSummary>) -> impl IntoView {
    let l = locale::current();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{td_string!(l, applications_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, label_name)}</th>
                        <th scope="col">{td_string!(l, field_country)}</th>
                        <th scope="col">{td_string!(l, applications_submitted)}</th>
                        <th scope="col">{td_string!(l, field_status)}</th>
                        <th scope="col">{td_string!(l, applications_referees)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|a| view! {
                        <tr>
                            <td><a href=format!("/applications/{}", a.id)>{a.name.clone()}</a></td>
                            <td>{a.country.name_in(locale::code(l)).to_owned()}</td>
                            <td>{locale::day(l, &a.submitted)}</td>
                            <td><StatusTag status=a.status/></td>
                            <td>{td_string!(l, applications_referees_count, answered = a.references_answered, asked = a.references_asked).to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
