use crate::api::fetch_network_summary;
use crate::components::error_view::{ErrorView, Loading};
use crate::components::org_card::OrgCard;
use crate::format::thousands;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::NetworkSummary;

#[component]
pub fn HomePage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| fetch_network_summary());
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>"The SOS-Torture network"</h1>
            <p class="lead">
                "Member organisations of the World Organisation Against Torture (OMCT) work in every region "
                "to prevent torture, assist victims and protect human-rights defenders. Find who works where, "
                "on what, and with whom."
            </p>
            <form class="hero-search" method="get" action="/organisations" role="search">
                <label for="hero-q">"Search the member directory"</label>
                <div class="search-row">
                    <input id="hero-q" name="q" type="search" autocomplete="off"
                        placeholder="Name, acronym, country or theme"/>
                    <button type="submit" class="button primary">"Search"</button>
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
    view! {
        <section aria-labelledby="figures-title" class="figures">
            <h2 id="figures-title" class="visually-hidden">"The network in figures"</h2>
            <dl class="figure-grid">
                <div>
                    <dt>"Member organisations"</dt>
                    <dd><a href="/organisations?membership=member">{thousands(summary.members)}</a></dd>
                </div>
                <div>
                    <dt>"Countries"</dt>
                    <dd><a href="/countries">{thousands(summary.countries)}</a></dd>
                </div>
                <div>
                    <dt>"Partner organisations"</dt>
                    <dd><a href="/organisations?membership=partner">{thousands(summary.partners)}</a></dd>
                </div>
            </dl>
        </section>
        <section aria-labelledby="regions-title">
            <h2 id="regions-title">"By region"</h2>
            <ul class="region-list">
                {summary
                    .by_region
                    .into_iter()
                    .map(|(region, n)| {
                        let href = format!("/organisations?region={}", region.slug());
                        view! {
                            <li>
                                <a href=href>
                                    <span class="region-name">{region.label()}</span>
                                    <span class="region-count">{thousands(n)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        {(!summary.newest.is_empty()).then(|| view! {
            <section aria-labelledby="newest-title">
                <h2 id="newest-title">"Newest members"</h2>
                <ul class="card-list">
                    {summary.newest.into_iter().map(|org| view! { <OrgCard org/> }).collect_view()}
                </ul>
                <p><a href="/organisations?membership=member&sort=newest">"All members, newest first"</a></p>
            </section>
        })}
    }
}
