//! The network on a world map: each country shaded by what the reader may
//! see there (organisations, trials, observation missions or interventions,
//! chosen in the address), with a legend; a country opens its page. The outlines ship with the project (Natural Earth via world-atlas);
//! nothing is fetched at run time. The table below carries the same numbers.

use crate::graph::api::fetch_world_map;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::network_stats::{MapCountry, MapMeasure};

fn measure_name(l: Locale, m: MapMeasure) -> &'static str {
    match m {
        MapMeasure::Organisations => td_string!(l, map_measure_organisations),
        MapMeasure::Trials => td_string!(l, map_measure_trials),
        MapMeasure::Missions => td_string!(l, map_measure_missions),
        MapMeasure::Interventions => td_string!(l, map_measure_interventions),
    }
}

fn caption(l: Locale, m: MapMeasure) -> &'static str {
    match m {
        MapMeasure::Organisations => td_string!(l, map_caption),
        MapMeasure::Trials => td_string!(l, map_caption_trials),
        MapMeasure::Missions => td_string!(l, map_caption_missions),
        MapMeasure::Interventions => td_string!(l, map_caption_interventions),
    }
}

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
    let query = use_query_map();
    let measure =
        Memo::new(move |_| MapMeasure::parse(&query.read().get("measure").unwrap_or_default()));
    let map = Resource::new(|| (), |_| fetch_world_map());
    view! {
        <Title text=td_string!(l, map_title).to_owned()/>
        <h1>{td_string!(l, map_title)}</h1>
        <p class="lead">{td_string!(l, map_lead)}</p>
        <nav class="view-switch" aria-label=td_string!(l, map_measure)>
            <ul class="inline-list">
                <li>{td_string!(l, map_measure)}</li>
                {MapMeasure::ALL.into_iter().map(|m| {
                    let href = format!("/map?measure={}", m.as_str());
                    let current = move || (measure.get() == m).then_some("page");
                    view! { <li><a href=href aria-current=current>{measure_name(l, m)}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let measure = measure.get();
                match map.await {
                    Ok(m) => view! { <WorldMap countries=m measure=measure/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WorldMap(countries: Vec<MapCountry>, measure: MapMeasure) -> impl IntoView {
    let l = locale::current();
    let count = move |c: &MapCountry| measure.of(c);
    let mut listed: Vec<&MapCountry> = countries.iter().filter(|c| count(c) > 0).collect();
    listed.sort_by_key(|c| std::cmp::Reverse(count(c)));
    let legend = [("0", 0usize), ("1", 1), ("2–4", 2), ("5–9", 3), ("10+", 4)];
    view! {
        <figure class="chart world-map">
            <figcaption id="map-caption">{caption(l, measure)}</figcaption>
            <svg viewBox="0 0 1000 500" class="map" role="group" aria-labelledby="map-caption">
                {countries.iter().map(|c| {
                    let href = format!("/countries/{}", c.country.code.key());
                    let name = locale::country_name(l, &c.country);
                    let label = td_string!(l, map_country_label, name = name.clone(), n = count(c)).to_string();
                    let class = format!("country shade-{}", bucket(count(c)));
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
                <caption>{caption(l, measure)}</caption>
                <thead><tr><th scope="col">{td_string!(l, label_country)}</th><th scope="col" class="number">{measure_name(l, measure)}</th></tr></thead>
                <tbody>
                    {listed.into_iter().map(|c| {
                        let href = format!("/countries/{}", c.country.code.key());
                        view! { <tr><td><a href=href>{locale::country_name(l, &c.country)}</a></td><td class="number">{count(c).to_string()}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
