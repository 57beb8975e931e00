//! The member directory: full-text search, filters, sort, pagination, with the
//! whole query in the URL.

use crate::api::{fetch_directory, DirectoryView};
use crate::components::error_view::{ErrorView, Loading};
use crate::components::org_card::OrgCard;
use crate::components::pagination::Pagination;
use crate::error::AppError;
use crate::format::{count, thousands};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::{DirectoryQuery, FacetCount, Facets, OrgSort, Region, ValidationError};
use wasm_bindgen::JsCast;

fn href(query: &DirectoryQuery) -> String {
    let qs = query.to_query_string();
    if qs.is_empty() {
        "/organisations".to_owned()
    } else {
        format!("/organisations?{qs}")
    }
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query_map = use_query_map();
    let parsed = Memo::new(move |_| {
        query_map
            .with(|m| DirectoryQuery::from_pairs(m.latest_values().map(|(k, v)| (k.as_ref(), v))))
    });

    let data = Resource::new(
        move || parsed.get(),
        |parsed: Result<DirectoryQuery, ValidationError>| async move {
            let query = parsed.map_err(AppError::BadRequest)?;
            let view = fetch_directory(query.clone()).await?;
            Ok::<_, AppError>((query, view))
        },
    );

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((query, view)) => view! { <Directory query view/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Directory(query: DirectoryQuery, view: DirectoryView) -> impl IntoView {
    let DirectoryView { results, facets } = view;
    let total_pages = results.pages();
    let summary = result_summary(
        &query,
        results.total,
        results.first_index(),
        results.last_index(),
    );
    let empty = results.items.is_empty();
    let page_query = query.clone();
    view! {
        <Title text="Member directory"/>
        <h1>"Member directory"</h1>
        <div class="directory">
            <aside class="directory-filters" aria-labelledby="filters-title">
                <FilterForm query=query.clone() facets=facets.clone()/>
            </aside>
            <section class="directory-results" aria-labelledby="results-count">
                <p id="results-count" class="result-count" role="status" aria-live="polite">{summary}</p>
                {if empty && results.total > 0 {
                    let last = href(&query.with_page(total_pages));
                    view! {
                        <div class="empty-state">
                            <p class="lead">{format!("There is no page {} of these results.", query.page)}</p>
                            <p><a href=last>{format!("Go to the last page ({total_pages})")}</a></p>
                        </div>
                    }
                    .into_any()
                } else if empty {
                    view! { <EmptyState query=query.clone() facets=facets/> }.into_any()
                } else {
                    view! {
                        <ol class="card-list results">
                            {results.items.into_iter().map(|org| view! { <OrgCard org/> }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
                <Pagination
                    current=query.page.min(total_pages)
                    total=total_pages
                    href=move |p| href(&page_query.with_page(p))
                />
            </section>
        </div>
    }
}

fn result_summary(query: &DirectoryQuery, total: u64, first: u64, last: u64) -> String {
    let found = count(total, "organisation", "organisations");
    let matching = query
        .q
        .as_ref()
        .map(|q| format!(" matching “{}”", q.as_str()))
        .unwrap_or_default();
    if first == 0 || (first == 1 && last == total) {
        format!("{found}{matching}")
    } else {
        format!(
            "Showing {}–{} of {found}{matching}",
            thousands(first),
            thousands(last)
        )
    }
}

#[component]
fn FilterForm(query: DirectoryQuery, facets: Facets) -> impl IntoView {
    let q = query
        .q
        .as_ref()
        .map(|q| q.as_str().to_owned())
        .unwrap_or_default();
    let country = query.country.as_ref().map(|c| c.as_str().to_owned());
    let region = query.region.map(|r| r.slug().to_owned());
    let theme = query.theme.as_ref().map(|t| t.as_str().to_owned());
    let kind = query.kind.map(|k| k.as_str().to_owned());
    let sort = query.sort;
    let navigate = use_navigate();
    // Filters start folded on a phone (so that results come first) unless
    // one is in use; a wide screen, known only in the browser, unfolds them.
    let has_filters = query.has_filters();
    let wide = RwSignal::new(false);
    Effect::new(move |_| {
        let matches = window()
            .match_media("(min-width: 48rem)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        wide.set(matches);
    });
    view! {
        <form method="get" action="/organisations" class="filter-form" role="search" on:submit=move |ev| submit_canonical(ev, &navigate)>
            <h2 id="filters-title" class="filters-title">"Search and filter"</h2>
            <div class="field">
                <label for="q">"Search"</label>
                <span class="hint" id="q-hint">"Name, acronym or words from the description"</span>
                <input id="q" name="q" type="search" value=q aria-describedby="q-hint" autocomplete="off"
                    maxlength=shared::SearchText::MAX_LEN/>
            </div>
            <details class="filter-details" open=move || has_filters || wide.get()>
                <summary>"Filters"</summary>
                <FacetSelect id="country" label="Country" options=facets.countries selected=country/>
                <FacetSelect id="region" label="Region" options=facets.regions selected=region/>
                <FacetSelect id="theme" label="Theme" options=facets.themes selected=theme/>
                <FacetSelect id="membership" label="Membership" options=facets.kinds selected=kind/>
            </details>
            <div class="field">
                <label for="sort">"Sort by"</label>
                <select id="sort" name="sort">
                    {OrgSort::ALL
                        .into_iter()
                        .map(|o| view! { <option value=o.as_str() selected=o == sort>{o.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary">"Apply"</button>
                <a class="button secondary" href="/organisations">"Clear all"</a>
            </div>
        </form>
    }
}

/// The fields of the filter form, in the order of the canonical address.
const FORM_FIELDS: [&str; 6] = ["q", "country", "region", "theme", "membership", "sort"];

/// Once hydrated, a submitted search goes to its short canonical address
/// (without empty fields, back to page 1) instead of the form's raw one.
/// Without JavaScript the browser submits the form itself.
fn submit_canonical(
    event: leptos::ev::SubmitEvent,
    navigate: &impl Fn(&str, leptos_router::NavigateOptions),
) {
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let pairs: Vec<(&str, String)> = FORM_FIELDS
        .iter()
        .filter_map(|key| data.get(key).as_string().map(|v| (*key, v)))
        .collect();
    // An invalid value is left to the browser's own submission, so that the
    // server answers with its explanation.
    if let Ok(query) = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))) {
        event.prevent_default();
        navigate(&href(&query.with_page(1)), Default::default());
    }
}

#[component]
fn FacetSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<FacetCount>,
    selected: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="" selected=selected.is_none()>"All"</option>
                {options
                    .into_iter()
                    .map(|o| {
                        let is_selected = selected.as_deref() == Some(o.value.as_str());
                        view! {
                            <option value=o.value selected=is_selected>
                                {format!("{} ({})", o.label, thousands(o.count))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What to do when nothing matches: name what was searched and offer to drop
/// each filter in turn.
#[component]
fn EmptyState(query: DirectoryQuery, facets: Facets) -> impl IntoView {
    let label_of = |options: &[FacetCount], value: &str| {
        options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| value.to_owned())
    };
    let mut description = String::from("No organisation");
    if let Some(q) = &query.q {
        description.push_str(&format!(" matches “{}”", q.as_str()));
    } else {
        description.push_str(" matches these filters");
    }
    let mut removals: Vec<(String, String)> = Vec::new();
    if let Some(c) = &query.country {
        let name = label_of(&facets.countries, c.as_str());
        description.push_str(&format!(" in {name}"));
        removals.push((
            href(&DirectoryQuery {
                country: None,
                page: 1,
                ..query.clone()
            }),
            "Clear the country filter".into(),
        ));
    }
    if let Some(r) = query.region {
        description.push_str(&format!(" in {}", Region::label(r)));
        removals.push((
            href(&DirectoryQuery {
                region: None,
                page: 1,
                ..query.clone()
            }),
            "Clear the region filter".into(),
        ));
    }
    if let Some(t) = &query.theme {
        description.push_str(&format!(
            " working on {}",
            label_of(&facets.themes, t.as_str())
        ));
        removals.push((
            href(&DirectoryQuery {
                theme: None,
                page: 1,
                ..query.clone()
            }),
            "Clear the theme filter".into(),
        ));
    }
    if let Some(k) = query.kind {
        description.push_str(&format!(" among {}s", k.label().to_lowercase()));
        removals.push((
            href(&DirectoryQuery {
                kind: None,
                page: 1,
                ..query.clone()
            }),
            "Clear the membership filter".into(),
        ));
    }
    if query.q.is_some() {
        removals.push((
            href(&DirectoryQuery {
                q: None,
                page: 1,
                ..query.clone()
            }),
            "Search without words".into(),
        ));
    }
    description.push('.');
    view! {
        <div class="empty-state">
            <p class="lead">{description}</p>
            {(!removals.is_empty()).then(|| view! {
                <ul class="empty-actions">
                    {removals
                        .into_iter()
                        .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                        .collect_view()}
                </ul>
            })}
            <p>"Check the spelling, or try a shorter word: the search also finds the start of words."</p>
        </div>
    }
}
