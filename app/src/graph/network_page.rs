//! Statistics of the network: who the members are and where, how they are
//! connected (degree distribution, most connected, isolated members,
//! partnerships across regions) and who joined last. Over what the reader
//! may see; every chart has its table.

use crate::graph::api::fetch_network_stats;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::network_stats::NetworkStats;
use shared::OrgRef;

#[component]
pub fn NetworkPage() -> impl IntoView {
    let l = locale::current();
    let stats = Resource::new(|| (), |_| fetch_network_stats());
    view! {
        <Title text=td_string!(l, network_title).to_owned()/>
        <h1>{td_string!(l, network_title)}</h1>
        <p class="lead">{td_string!(l, network_lead)}</p>
        <p class="button-row"><a class="button secondary" href="/graph">{td_string!(l, nav_graph)}</a> <a class="button secondary" href="/map">{td_string!(l, map_title)}</a></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(s) => view! { <Stats stats=s/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn org_link(o: &OrgRef) -> impl IntoView {
    let href = format!("/organisations/{}", o.id);
    view! { <a href=href>{o.name.clone()}</a> }
}

#[component]
fn Stats(stats: NetworkStats) -> impl IntoView {
    let l = locale::current();
    let s = stats;
    let peak = s
        .degree_histogram
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(1)
        .max(1);
    let region_peak = s
        .members_by_region
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(1)
        .max(1);
    let bars = s.degree_histogram.len().max(1) as f32;
    let width = 600.0 / bars;
    view! {
        <ul class="figures" role="list">
            <li class="figure"><a href="/organisations?membership=member"><span class="figure-value">{locale::number(l, u64::from(s.members))}</span><span class="figure-label">{td_string!(l, home_members)}</span></a></li>
            <li class="figure"><a href="/graph"><span class="figure-value">{locale::number(l, u64::from(s.partnerships))}</span><span class="figure-label">{td_string!(l, network_partnerships)}</span></a></li>
            <li class="figure"><a href="#regions-pairs-title"><span class="figure-value">{locale::number(l, u64::from(s.cross_region))}</span><span class="figure-label">{td_string!(l, network_cross_region)}</span></a></li>
        </ul>
        <section aria-labelledby="newest-title">
            <h2 id="newest-title">{td_string!(l, network_newest)}</h2>
            {s.newest_year.map(|y| view! { <p>{td_string!(l, network_newest_year, year = y, n = s.newest.len()).to_string()}</p> })}
            <ul class="inline-list">{s.newest.iter().map(|o| view! { <li>{org_link(o)}</li> }).collect_view()}</ul>
        </section>
        <div class="two-columns">
            <section aria-labelledby="by-region-title">
                <h2 id="by-region-title">{td_string!(l, network_by_region)}</h2>
                <ul class="hbar-chart" role="list">
                    {s.members_by_region.iter().map(|(r, n)| {
                        let bar = crate::ui::bar::classes(*n as f64, region_peak as f64);
                        let href = format!("/organisations?region={}&membership=member", r.slug());
                        view! { <li><a class="hbar-label" href=href>{locale::region_name(l, *r)} ": " {n.to_string()}</a><span class=bar aria-hidden="true"></span></li> }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="by-country-title">
                <h2 id="by-country-title">{td_string!(l, network_by_country)}</h2>
                <table class="data-table">
                    <caption class="visually-hidden">{td_string!(l, network_by_country)}</caption>
                    <thead><tr><th scope="col">{td_string!(l, label_country)}</th><th scope="col" class="number">{td_string!(l, home_members)}</th></tr></thead>
                    <tbody>
                        {s.members_by_country.iter().map(|(c, n)| {
                            let href = format!("/countries/{}", c.code.key());
                            view! { <tr><td><a href=href>{locale::country_name(l, c)}</a></td><td class="number">{n.to_string()}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
        <section aria-labelledby="degree-title">
            <h2 id="degree-title">{td_string!(l, network_degrees)}</h2>
            <figure class="chart">
                <figcaption id="degree-chart">{td_string!(l, network_degrees_caption)}</figcaption>
                <svg viewBox="0 0 600 180" class="bar-chart" role="img" aria-labelledby="degree-chart" preserveAspectRatio="none">
                    {s.degree_histogram.iter().enumerate().map(|(i, (d, n))| {
                        let h = *n as f32 / peak as f32 * 150.0;
                        let x = i as f32 * width;
                        view! {
                            <rect class="bar" x=x.to_string() y=(160.0 - h).to_string() width=(width * 0.8).to_string() height=h.max(0.5).to_string()>
                                <title>{format!("{d}: {n}")}</title>
                            </rect>
                            <text class="axis" x=(x + width * 0.4).to_string() y="176" text-anchor="middle">{d.to_string()}</text>
                        }
                    }).collect_view()}
                </svg>
            </figure>
            <details class="chart-table">
                <summary>{td_string!(l, chart_as_table)}</summary>
                <table class="data-table">
                    <caption>{td_string!(l, network_degrees_caption)}</caption>
                    <thead><tr><th scope="col">{td_string!(l, network_partnerships)}</th><th scope="col" class="number">{td_string!(l, network_organisations)}</th></tr></thead>
                    <tbody>
                        {s.degree_histogram.iter().map(|(d, n)| view! { <tr><th scope="row">{d.to_string()}</th><td class="number">{n.to_string()}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
        <div class="two-columns">
            <section aria-labelledby="connected-title">
                <h2 id="connected-title">{td_string!(l, network_most_connected)}</h2>
                <ol>
                    {s.most_connected.iter().map(|(o, d)| view! { <li>{org_link(o)} " · " {td_string!(l, network_partners_n, n = *d).to_string()}</li> }).collect_view()}
                </ol>
            </section>
            <section aria-labelledby="isolated-title">
                <h2 id="isolated-title">{td_string!(l, network_isolated)}</h2>
                <p>{td_string!(l, network_isolated_count, n = s.isolated.len()).to_string()}</p>
                <details>
                    <summary>{td_string!(l, network_show_list)}</summary>
                    <ul>{s.isolated.iter().map(|o| view! { <li>{org_link(o)}</li> }).collect_view()}</ul>
                </details>
            </section>
        </div>
        <section aria-labelledby="regions-pairs-title">
            <h2 id="regions-pairs-title">{td_string!(l, network_region_pairs)}</h2>
            <table class="data-table">
                <caption class="visually-hidden">{td_string!(l, network_region_pairs)}</caption>
                <thead><tr><th scope="col">{td_string!(l, filter_region)}</th><th scope="col">{td_string!(l, filter_region)}</th><th scope="col" class="number">{td_string!(l, network_partnerships)}</th></tr></thead>
                <tbody>
                    {s.region_pairs.iter().map(|(a, b, n)| view! {
                        <tr><td>{locale::region_name(l, *a)}</td><td>{locale::region_name(l, *b)}</td><td class="number">{n.to_string()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
