//! The people the reader may see, filtered by name, role and nationality,
//! twenty at a time; the filters live in the address, so the page works
//! without JavaScript and its file holds what it shows.

use crate::i18n::*;
use crate::locale;
use crate::people::api::fetch_people;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::pagination::Pagination;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{PeopleQuery, PersonRole, PersonSummary, PAGE_SIZE};

fn href(query: &PeopleQuery) -> String {
    let qs = query.to_query_string();
    if qs.is_empty() {
        "/people".into()
    } else {
        format!("/people?{qs}")
    }
}

#[component]
pub fn PeopleListPage() -> impl IntoView {
    let l = locale::current();
    let map = use_query_map();
    let query = Memo::new(move |_| {
        map.with(|m| PeopleQuery::from_pairs(m.latest_values().map(|(k, v)| (k.as_ref(), v))))
    });
    let people = Resource::new(
        move || query.get(),
        |q| async move {
            match q {
                Ok(q) => fetch_people(q).await,
                Err(e) => Err(crate::error::AppError::BadRequest(e)),
            }
        },
    );
    let planner =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role.plans_missions());
    let shown = query.get_untracked().unwrap_or_default();
    view! {
        <Title text=td_string!(l, people_title).to_owned()/>
        <h1>{td_string!(l, people_title)}</h1>
        <p class="lead">{td_string!(l, people_lead)}</p>
        {planner.then(|| view! {
            <p class="actions">
                <a class="button secondary" href="/people/new">{td_string!(l, person_new_link)}</a>
            </p>
        })}
        <FilterForm query=shown/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(page) if page.items.is_empty() => view! {
                        <p class="muted" role="status">{td_string!(l, people_none)}</p>
                    }.into_any(),
                    Ok(page) => {
                        let total_pages = u32::try_from(page.total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX);
                        let first = page.query.offset() + 1;
                        let last = page.query.offset() + page.items.len() as u64;
                        let found = locale::people(l, page.total);
                        let summary = if first == 1 && last == page.total {
                            found
                        } else {
                            td_string!(l, results_showing, first = locale::number(l, first), last = locale::number(l, last), found = found).to_string()
                        };
                        let page_query = page.query.clone();
                        view! {
                            <p role="status">{summary}</p>
                            <crate::exchange::download_links::DownloadLinks list="persons"/>
                            <ul class="card-list" role="list">
                                {page.items.into_iter().map(|p| view! { <PersonCard person=p/> }).collect_view()}
                            </ul>
                            <Pagination
                                current=page.query.page.min(total_pages)
                                total=total_pages
                                href=move |n| href(&page_query.with_page(n))
                            />
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(query: PeopleQuery) -> impl IntoView {
    let l = locale::current();
    let q = query
        .q
        .as_ref()
        .map(|q| q.as_str().to_owned())
        .unwrap_or_default();
    let country = query
        .country
        .as_ref()
        .map(|c| c.as_str().to_owned())
        .unwrap_or_default();
    let role = query.role;
    view! {
        <form method="get" action="/people" class="filter-row" role="search">
            <div class="field">
                <label for="people-q">{td_string!(l, people_search_label)}</label>
                <input id="people-q" name="q" type="search" maxlength="200" autocomplete="off" value=q/>
            </div>
            <div class="field">
                <label for="people-role">{td_string!(l, filter_role)}</label>
                <select id="people-role" name="role">
                    <option value="">{td_string!(l, filter_all)}</option>
                    {PersonRole::ALL.iter().map(|r| {
                        let selected = role == Some(*r);
                        view! { <option value=r.as_str() selected=selected>{locale::person_role_name(l, *r)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="people-country">{td_string!(l, filter_country)}</label>
                <input id="people-country" name="country" type="text" maxlength="2" size="4"
                    autocomplete="off" value=country/>
            </div>
            <button type="submit" class="button primary">{td_string!(l, apply)}</button>
        </form>
    }
}

#[component]
fn PersonCard(person: PersonSummary) -> impl IntoView {
    let l = locale::current();
    let href = format!("/people/{}", person.id);
    let roles = locale::list(
        l,
        person
            .roles
            .iter()
            .map(|r| locale::person_role_name(l, *r).to_owned())
            .collect(),
    );
    let organisations = person.organisations.clone();
    let based_in = locale::list(
        l,
        person
            .based_in
            .iter()
            .map(|c| locale::country_name(l, c))
            .collect(),
    );
    view! {
        <li class="card person-card">
            <h2 class="card-title"><a href=href>{person.name.clone()}</a></h2>
            <p class="card-tags">
                {person.risk_level.map(|r| view! {
                    <span class=format!("tag risk risk-{}", r.as_str())>
                        {td_string!(l, field_risk_level)}": "{locale::risk_level_name(l, r)}
                    </span>
                })}
                <VisibilityTag visibility=person.visibility/>
            </p>
            <dl class="facts compact">
                {(!person.roles.is_empty()).then(|| view! {
                    <div><dt>{td_string!(l, person_roles)}</dt><dd>{roles}</dd></div>
                })}
                {person.nationality.as_ref().map(|c| view! {
                    <div><dt>{td_string!(l, field_nationality)}</dt><dd>{locale::country_name(l, c)}</dd></div>
                })}
                {(!based_in.is_empty()).then(|| view! {
                    <div><dt>{td_string!(l, place_based_in)}</dt><dd>{based_in}</dd></div>
                })}
                {(!organisations.is_empty()).then(|| view! {
                    <div>
                        <dt>{td_string!(l, person_organisations)}</dt>
                        <dd>
                            {organisations.into_iter().enumerate().map(|(i, o)| view! {
                                {(i > 0).then_some(", ")}
                                <a href=format!("/organisations/{}", o.id)>{o.name}</a>
                            }).collect_view()}
                        </dd>
                    </div>
                })}
            </dl>
        </li>
    }
}
