use crate::directory::api::fetch_network_summary;
use crate::directory::org_card::OrgCard;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::NetworkSummary;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let summary = Resource::new(|| (), |_| fetch_network_summary());
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t!(i18n, home_title)}</h1>
            <p class="lead">{t!(i18n, home_lead)}</p>
            <form class="hero-search" method="get" action="/organisations" role="search">
                <label for="hero-q">{t!(i18n, home_search_label)}</label>
                <div class="search-row">
                    <input id="hero-q" name="q" type="search" autocomplete="off"
                        placeholder=move || t_string!(i18n, home_search_placeholder)/>
                    <button type="submit" class="button primary">{t!(i18n, search_button)}</button>
                </div>
            </form>
        </section>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! { <Summary summary=s/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: NetworkSummary) -> impl IntoView {
    let l = locale::current();
    view! {
        <section aria-labelledby="figures-title" class="figures">
            <h2 id="figures-title" class="visually-hidden">{td_string!(l, home_figures)}</h2>
            <dl class="figure-grid">
                <div>
                    <dt>{td_string!(l, home_members)}</dt>
                    <dd><a href="/organisations?membership=member">{locale::number(l, summary.members)}</a></dd>
                </div>
                <div>
                    <dt>{td_string!(l, home_countries)}</dt>
                    <dd><a href="/countries">{locale::number(l, summary.countries)}</a></dd>
                </div>
                <div>
                    <dt>{td_string!(l, home_partners)}</dt>
                    <dd><a href="/organisations?membership=partner">{locale::number(l, summary.partners)}</a></dd>
                </div>
            </dl>
        </section>
        <section aria-labelledby="regions-title">
            <h2 id="regions-title">{td_string!(l, home_by_region)}</h2>
            <ul class="region-list">
                {summary
                    .by_region
                    .into_iter()
                    .map(|(region, n)| {
                        let href = format!("/organisations?region={}", region.slug());
                        view! {
                            <li>
                                <a href=href>
                                    <span class="region-name">{locale::region_name(l, region)}</span>
                                    <span class="region-count">{locale::number(l, n)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        {(!summary.newest.is_empty()).then(|| view! {
            <section aria-labelledby="newest-title">
                <h2 id="newest-title">{td_string!(l, home_newest)}</h2>
                <ul class="card-list">
                    {summary.newest.into_iter().map(|org| view! { <OrgCard org/> }).collect_view()}
                </ul>
                <p><a href="/organisations?membership=member&sort=newest">{td_string!(l, home_all_newest)}</a></p>
            </section>
        })}
    }
}
