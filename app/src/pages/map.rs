//! The network on a world map: each country shaded by the organisations
//! based there that the reader may see, with a legend; a country opens its
//! page. The outlines ship with the project (Natural Earth via world-atlas);
//! nothing is fetched at run time. The table below carries the same numbers.

use crate::components::error_view::{ErrorView, Loading};
use crate::graph::fetch_world_map;
use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::network_stats::MapCountry;

/// Shade classes by count: none, 1, 2–4, 5–9, 10 and more.
fn bucket(n: u64) -> usize {
    match n {
        0 => 0,
        1 => 1,
        2..=4 => 2,
        5..=9 => 3,
        _ => 4,
    }
}

#[component]
pub fn MapPage() -> impl IntoView {
    let l = locale::current();
    let map = Resource::new(|| (), |_| fetch_world_map());
    view! {
        <Title text=td_string!(l, map_title).to_owned()/>
        <h1>{td_string!(l, map_title)}</h1>
        <p class="lead">{td_string!(l, map_lead)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match map.await {
                    Ok(m) => view! { <WorldMap countries=m/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WorldMap(countries: Vec<MapCountry>) -> impl IntoView {
    let l = locale::current();
    let mut listed: Vec<&MapCountry> = countries.iter().filter(|c| c.organisations > 0).collect();
    listed.sort_by_key(|c| std::cmp::Reverse(c.organisations));
    let legend = [("0", 0usize), ("1", 1), ("2–4", 2), ("5–9", 3), ("10+", 4)];
    view! {
        <figure class="chart world-map">
            <figcaption id="map-caption">{td_string!(l, map_caption)}</figcaption>
            <svg viewBox="0 0 1000 500" class="map" role="group" aria-labelledby="map-caption">
                {countries.iter().map(|c| {
                    let href = format!("/countries/{}", c.country.code.key());
                    let name = locale::country_name(l, &c.country);
                    let label = td_string!(l, map_country_label, name = name.clone(), n = c.organisations).to_string();
                    let class = format!("country shade-{}", bucket(c.organisations));
                    let aria = label.clone();
                    let code = c.country.code.as_str().to_owned();
                    view! {
                        <a href=href class=class aria-label=aria data-code=code>
                            <title>{label}</title>
                            <path d=c.path.clone()/>
                        </a>
                    }
                }).collect_view()}
            </svg>
            <ul class="inline-list map-legend" aria-label=td_string!(l, graph_legend)>
                {legend.into_iter().map(|(text, b)| {
                    let class = format!("swatch shade-{b}");
                    view! { <li><span class=class aria-hidden="true"></span>{text}</li> }
                }).collect_view()}
            </ul>
        </figure>
        <details class="chart-table">
            <summary>{td_string!(l, chart_as_table)}</summary>
            <table class="data-table">
                <caption>{td_string!(l, map_caption)}</caption>
                <thead><tr><th scope="col">{td_string!(l, label_country)}</th><th scope="col" class="number">{td_string!(l, network_organisations)}</th></tr></thead>
                <tbody>
                    {listed.into_iter().map(|c| {
                        let href = format!("/countries/{}", c.country.code.key());
                        view! { <tr><td><a href=href>{locale::country_name(l, &c.country)}</a></td><td class="number">{c.organisations.to_string()}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
