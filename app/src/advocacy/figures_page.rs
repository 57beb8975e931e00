//! The annual figures, computed live from the records the reader may see;
//! every figure links to the list behind it, every chart has its table.

use crate::advocacy::api::fetch_figures;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{Figures, Visibility};

#[component]
pub fn FiguresPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let year = Memo::new(move |_| query.with(|q| q.get("year")));
    let figures = Resource::new(move || year.get(), fetch_figures);
    view! {
        <Title text=td_string!(l, figures_title).to_owned()/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(f) => view! { <FiguresBody figures=f/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A big number that opens the list it counts.
#[component]
fn Figure(value: u32, label: String, href: String) -> impl IntoView {
    let l = locale::current();
    view! {
        <li class="figure">
            <a href=href>
                <span class="figure-value">{locale::number(l, u64::from(value))}</span>
                <span class="figure-label">{label}</span>
            </a>
        </li>
    }
}

#[component]
fn FiguresBody(figures: Figures) -> impl IntoView {
    let l = locale::current();
    let f = figures;
    let y = f.year;
    let urgent = format!("/interventions?year={y}&kind=urgent");
    let rapid = format!("/interventions?year={y}&kind=rapid-response");
    let grants = format!("/grants?year={y}");
    let freed = format!("/interventions?freed_in={y}");
    let scope = match f.clearance {
        Visibility::Public => td_string!(l, figures_scope_public),
        Visibility::Network => td_string!(l, figures_scope_network),
        Visibility::Staff => td_string!(l, figures_scope_staff),
        Visibility::Restricted => td_string!(l, figures_scope_all),
    };
    let peak = f.month_peak();
    let region_peak = f.region_peak();
    let title = td_string!(l, figures_heading, year = y).to_string();
    view! {
            <h1>{title}</h1>
            <p class="lead">{td_string!(l, figures_lead)}</p>
            <p class="notice" role="note">{scope}</p>
    <crate::exchange::download_links::DownloadLinks list="figures"/>
            <form method="get" action="/figures" class="filter-row">
                <div class="field">
                    <label for="figures-year">{td_string!(l, filter_year)}</label>
                    <select id="figures-year" name="year">
                        {f.years.iter().map(|yr| view! { <option value=yr.to_string() selected=*yr == y>{yr.to_string()}</option> }).collect_view()}
                        {(!f.years.contains(&y)).then(|| view! { <option value=y.to_string() selected=true>{y.to_string()}</option> })}
                    </select>
                </div>
                <button type="submit" class="button primary">{td_string!(l, apply)}</button>
            </form>

            <section aria-labelledby="urgent-title">
                <h2 id="urgent-title">{td_string!(l, urgent_title)}</h2>
                <ul class="figures" role="list">
                    <Figure value=f.interventions label=td_string!(l, figure_interventions).to_owned() href=urgent.clone()/>
                    <Figure value=f.defenders label=td_string!(l, figure_defenders).to_owned() href=urgent.clone()/>
                    <Figure value=f.countries label=td_string!(l, figure_countries).to_owned() href=urgent.clone()/>
                </ul>
                <figure class="chart">
                    <figcaption id="month-chart-title">{td_string!(l, chart_by_month)}</figcaption>
                    // A group, not an image: each bar is a link to that month's list.
                    <svg viewBox="0 0 600 180" class="bar-chart" role="group" aria-labelledby="month-chart-title" preserveAspectRatio="none">
                        {f.by_month.iter().enumerate().map(|(i, n)| {
                            let h = (*n as f64 / peak as f64) * 150.0;
                            let x = 8.0 + i as f64 * 49.0;
                            let href = format!("/interventions?year={y}&kind=urgent&month={}", i + 1);
                            let label = format!("{}: {n}", locale::month_name(l, i as u32 + 1));
                            view! {
                                <a href=href>
                                    <rect x=x.to_string() y=(160.0 - h).to_string() width="38" height=h.max(0.5).to_string() class="bar">
                                        <title>{label}</title>
                                    </rect>
                                    <text x=(x + 19.0).to_string() y="176" text-anchor="middle" class="axis">{(i + 1).to_string()}</text>
                                </a>
                            }
                        }).collect_view()}
                    </svg>
                </figure>
                <details class="chart-table">
                    <summary>{td_string!(l, chart_as_table)}</summary>
                    <table class="data-table">
                        <caption>{td_string!(l, chart_by_month)}</caption>
                        <thead><tr><th scope="col">{td_string!(l, month_label)}</th><th scope="col" class="number">{td_string!(l, urgent_title)}</th></tr></thead>
                        <tbody>
                            {f.by_month.iter().enumerate().map(|(i, n)| {
                                let href = format!("/interventions?year={y}&kind=urgent&month={}", i + 1);
                                view! { <tr><th scope="row">{locale::month_name(l, i as u32 + 1)}</th><td class="number"><a href=href>{n.to_string()}</a></td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </details>
            </section>

            <section aria-labelledby="rapid-title">
                <h2 id="rapid-title">{td_string!(l, rapid_title)}</h2>
                <ul class="figures" role="list">
                    <Figure value=f.rapid.defenders label=td_string!(l, figure_defenders_supported).to_owned() href=rapid.clone()/>
                    <Figure value=f.rapid.countries label=td_string!(l, figure_countries).to_owned() href=rapid.clone()/>
                </ul>
                <ul class="inline-list">
                    {f.rapid.by_support.iter().map(|(s, n)| {
                        let href = format!("/interventions?year={y}&kind=rapid-response&support={}", s.as_str());
                        view! { <li><a href=href>{locale::support_name(l, *s)} ": " {n.to_string()}</a></li> }
                    }).collect_view()}
                </ul>
            </section>

            <section aria-labelledby="grants-title">
                <h2 id="grants-title">{td_string!(l, grants_title)}</h2>
                <ul class="figures" role="list">
                    <Figure value=f.grants.grants label=td_string!(l, figure_grants).to_owned() href=grants.clone()/>
                    <Figure value=f.grants.defenders label=td_string!(l, figure_defenders_supported).to_owned() href=grants.clone()/>
                    <Figure value=f.grants.women label=td_string!(l, figure_women).to_owned() href=grants.clone()/>
                    <Figure value=f.grants.countries label=td_string!(l, figure_countries).to_owned() href=grants.clone()/>
                </ul>
            </section>

            <section aria-labelledby="freed-title">
                <h2 id="freed-title">{td_string!(l, freed_title)}</h2>
                {(f.freed.is_empty() && f.freed_unnamed == 0).then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                <ul class="freed">
                    {f.freed.iter().map(|n| view! {
                        <li><strong>{n.name.clone()}</strong> " (" {locale::country_name(l, &n.country)} "): " {locale::intervention_outcome_name(l, n.outcome)}</li>
                    }).collect_view()}
                </ul>
                {(f.freed_unnamed > 0).then(|| view! { <p>{td_string!(l, freed_unnamed, n = f.freed_unnamed).to_string()}</p> })}
                <p><a href=freed>{td_string!(l, freed_list_link)}</a></p>
            </section>

            <section aria-labelledby="regions-title">
                <h2 id="regions-title">{td_string!(l, regions_title)}</h2>
                <figure class="chart">
                    <figcaption id="region-chart-title">{td_string!(l, chart_by_region)}</figcaption>
                    <ul class="hbar-chart" role="list" aria-labelledby="region-chart-title">
                        {f.regions.iter().map(|r| {
                            let bar = crate::ui::bar::classes(r.interventions as f64, region_peak as f64);
                            let events_bar = format!("{} hbar-events", crate::ui::bar::classes(r.events as f64, region_peak as f64));
                            view! {
                                <li>
                                    <span class="hbar-label">{locale::region_name(l, r.region)}</span>
                                    <span class=bar aria-hidden="true"></span>
                                    <span class=events_bar aria-hidden="true"></span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="legend muted"><span class="swatch" aria-hidden="true"></span>{td_string!(l, urgent_title)}<span class="swatch swatch-events" aria-hidden="true"></span>{td_string!(l, events_title)}</p>
                </figure>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption>{td_string!(l, chart_by_region)}</caption>
                        <thead><tr>
                            <th scope="col">{td_string!(l, filter_region)}</th>
                            <th scope="col" class="number">{td_string!(l, urgent_title)}</th>
                            <th scope="col" class="number">{td_string!(l, events_title)}</th>
                            <th scope="col" class="number">{td_string!(l, advocacy_missions_title)}</th>
                        </tr></thead>
                        <tbody>
                            {f.regions.iter().map(|r| {
                                let slug = r.region.slug();
                                let ih = format!("/interventions?year={y}&kind=urgent&region={slug}");
                                let eh = format!("/advocacy?year={y}&region={slug}");
                                view! {
                                    <tr>
                                        <th scope="row">{locale::region_name(l, r.region)}</th>
                                        <td class="number"><a href=ih>{r.interventions.to_string()}</a></td>
                                        <td class="number"><a href=eh.clone()>{r.events.to_string()}</a></td>
                                        <td class="number"><a href=eh>{r.advocacy_missions.to_string()}</a></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
}
