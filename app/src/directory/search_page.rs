//! The member directory: full-text search, filters, sort, pagination, with the
//! whole query in the URL.

use crate::directory::api::{fetch_directory, DirectoryView};
use crate::directory::org_card::OrgCard;
use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::pagination::Pagination;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{DirectoryQuery, Facets, OrgSort, ValidationError};

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
    let l = locale::current();
    let DirectoryView { results, facets } = view;
    let total_pages = results.pages();
    let summary = result_summary(
        l,
        &query,
        results.total,
        results.first_index(),
        results.last_index(),
    );
    let empty = results.items.is_empty();
    let page_query = query.clone();
    view! {
        <Title text=td_string!(l, directory_title)/>
        <h1>{td_string!(l, directory_title)}</h1>
        {crate::accounts::auth::use_current_user().is_some_and(|u| u.role.plans_missions()).then(|| view! {
            <p class="actions"><a class="button secondary" href="/organisations/new">{td_string!(l, org_new_link)}</a></p>
        })}
        <div class="directory">
            <aside class="directory-filters" aria-labelledby="filters-title">
                <FilterForm query=query.clone() facets=facets.clone()/>
            </aside>
            <section class="directory-results" aria-labelledby="results-count">
                <p id="results-count" class="result-count" role="status" aria-live="polite">{summary}</p>
                <crate::exchange::download_links::DownloadLinks list="organisations"/>
                {if empty && results.total > 0 {
                    let last = href(&query.with_page(total_pages));
                    view! {
                        <div class="empty-state">
                            <p class="lead">{td_string!(l, no_such_page, page = query.page).to_string()}</p>
                            <p><a href=last>{td_string!(l, go_to_last_page, last = total_pages).to_string()}</a></p>
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

fn result_summary(l: Locale, query: &DirectoryQuery, total: u64, first: u64, last: u64) -> String {
    let found = locale::organisations(l, total);
    let found = if first == 0 || (first == 1 && last == total) {
        found
    } else {
        td_string!(
            l,
            results_showing,
            first = locale::number(l, first),
            last = locale::number(l, last),
            found = found
        )
        .to_string()
    };
    match &query.q {
        Some(q) => td_string!(l, results_matching, found = found, q = q.as_str()).to_string(),
        None => found,
    }
}

#[component]
fn FilterForm(query: DirectoryQuery, facets: Facets) -> impl IntoView {
    let l = locale::current();
    let q = query
        .q
        .as_ref()
        .map(|q| q.as_str().to_owned())
        .unwrap_or_default();
    let sort = query.sort;
    // Filters start folded on a phone (so that results come first) unless
    // one is in use; the page script unfolds them on a wide screen.
    let has_filters = query.has_filters();
    let mut countries: Vec<Option_> = facets
        .countries
        .iter()
        .map(|c| Option_ {
            value: c.item.code.to_string(),
            label: locale::country_name(l, &c.item),
            count: c.count,
        })
        .collect();
    countries.sort_by_key(|o| locale::sort_key(&o.label));
    let regions = facets
        .regions
        .iter()
        .map(|r| Option_ {
            value: r.item.slug().to_owned(),
            label: locale::region_name(l, r.item).to_owned(),
            count: r.count,
        })
        .collect();
    let mut themes: Vec<Option_> = facets
        .themes
        .iter()
        .map(|t| Option_ {
            value: t.item.id.to_string(),
            label: locale::theme_name(l, &t.item),
            count: t.count,
        })
        .collect();
    themes.sort_by_key(|o| locale::sort_key(&o.label));
    let kinds = facets
        .kinds
        .iter()
        .map(|k| Option_ {
            value: k.item.as_str().to_owned(),
            label: locale::kind_name(l, k.item).to_owned(),
            count: k.count,
        })
        .collect();
    view! {
        // `data-canonical`: the page script leaves empty fields and the
        // default order out of the address.
        <form method="get" action="/organisations" class="filter-form" role="search" data-canonical="">
            <h2 id="filters-title" class="filters-title">{td_string!(l, filters_title)}</h2>
            <div class="field">
                <label for="q">{td_string!(l, search_label)}</label>
                <span class="hint" id="q-hint">{td_string!(l, search_hint)}</span>
                <input id="q" name="q" type="search" value=q aria-describedby="q-hint" autocomplete="off"
                    maxlength=shared::SearchText::MAX_LEN/>
            </div>
            <details class="filter-details" open=has_filters data-open-wide="">
                <summary>{td_string!(l, filters)}</summary>
                <FacetSelect id="country" label=td_string!(l, filter_country) options=countries
                    selected=query.country.as_ref().map(|c| c.to_string())/>
                <FacetSelect id="region" label=td_string!(l, filter_region) options=regions
                    selected=query.region.map(|r| r.slug().to_owned())/>
                <FacetSelect id="theme" label=td_string!(l, filter_theme) options=themes
                    selected=query.theme.as_ref().map(|t| t.to_string())/>
                <FacetSelect id="membership" label=td_string!(l, filter_membership) options=kinds
                    selected=query.kind.map(|k| k.as_str().to_owned())/>
            </details>
            <div class="field">
                <label for="sort">{td_string!(l, sort_label)}</label>
                <select id="sort" name="sort" data-default=OrgSort::default().as_str()>
                    {OrgSort::ALL
                        .into_iter()
                        .map(|o| view! { <option value=o.as_str() selected=o == sort>{locale::sort_name(l, o)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary">{td_string!(l, apply)}</button>
                <a class="button secondary" href="/organisations">{td_string!(l, clear_all)}</a>
            </div>
        </form>
    }
}

/// One choice of a filter, already in the reader's language.
#[derive(Clone)]
struct Option_ {
    value: String,
    label: String,
    count: u64,
}

#[component]
fn FacetSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<Option_>,
    selected: Option<String>,
) -> impl IntoView {
    let l = locale::current();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="" selected=selected.is_none()>{td_string!(l, filter_all)}</option>
                {options
                    .into_iter()
                    .map(|o| {
                        let is_selected = selected.as_deref() == Some(o.value.as_str());
                        let text = td_string!(l, facet_option, label = o.label, n = o.count).to_string();
                        view! { <option value=o.value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What to do when nothing matches: say what was searched, list the active
/// filters, and offer to drop each in turn.
#[component]
fn EmptyState(query: DirectoryQuery, facets: Facets) -> impl IntoView {
    let l = locale::current();
    let lead = match &query.q {
        Some(q) => td_string!(l, empty_matches, q = q.as_str()).to_string(),
        None => td_string!(l, empty_filters).to_owned(),
    };
    let mut active: Vec<String> = Vec::new();
    let mut removals: Vec<(String, &'static str)> = Vec::new();
    let without = |q: DirectoryQuery| href(&DirectoryQuery { page: 1, ..q });
    if let Some(c) = &query.country {
        let name = facets
            .countries
            .iter()
            .find(|f| &f.item.code == c)
            .map(|f| locale::country_name(l, &f.item))
            .unwrap_or_else(|| c.to_string());
        active.push(label_value(l, td_string!(l, filter_country), &name));
        removals.push((
            without(DirectoryQuery {
                country: None,
                ..query.clone()
            }),
            td_string!(l, clear_country),
        ));
    }
    if let Some(r) = query.region {
        active.push(label_value(
            l,
            td_string!(l, filter_region),
            locale::region_name(l, r),
        ));
        removals.push((
            without(DirectoryQuery {
                region: None,
                ..query.clone()
            }),
            td_string!(l, clear_region),
        ));
    }
    if let Some(t) = &query.theme {
        let name = facets
            .themes
            .iter()
            .find(|f| &f.item.id == t)
            .map(|f| locale::theme_name(l, &f.item))
            .unwrap_or_else(|| t.to_string());
        active.push(label_value(l, td_string!(l, filter_theme), &name));
        removals.push((
            without(DirectoryQuery {
                theme: None,
                ..query.clone()
            }),
            td_string!(l, clear_theme),
        ));
    }
    if let Some(k) = query.kind {
        active.push(label_value(
            l,
            td_string!(l, filter_membership),
            locale::kind_name(l, k),
        ));
        removals.push((
            without(DirectoryQuery {
                kind: None,
                ..query.clone()
            }),
            td_string!(l, clear_membership),
        ));
    }
    if query.q.is_some() {
        removals.push((
            without(DirectoryQuery {
                q: None,
                ..query.clone()
            }),
            td_string!(l, clear_words),
        ));
    }
    view! {
        <div class="empty-state">
            <p class="lead">{lead}</p>
            {(!active.is_empty()).then(|| view! {
                <p>{td_string!(l, empty_active_filters)} " " {active.join(" · ")}</p>
            })}
            {(!removals.is_empty()).then(|| view! {
                <ul class="empty-actions">
                    {removals
                        .into_iter()
                        .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                        .collect_view()}
                </ul>
            })}
            <p>{td_string!(l, empty_hint)}</p>
        </div>
    }
}

/// "Country: Chad" with the colon spacing of the language.
fn label_value(l: Locale, label: &str, value: &str) -> String {
    match l {
        Locale::fr => format!("{label} : {value}"),
        _ => format!("{label}: {value}"),
    }
}
