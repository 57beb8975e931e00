//! Index of the countries where the network has organisations, by region.

use crate::api::fetch_country_index;
use crate::components::error_view::{ErrorView, Loading};
use crate::format::count;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{CountryCount, Region};

#[component]
pub fn CountriesPage() -> impl IntoView {
    let countries = Resource::new(|| (), |_| fetch_country_index());
    view! {
        <Title text="Countries"/>
        <h1>"Countries"</h1>
        <p class="lead">"Countries where member and partner organisations are based or work."</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match countries.await {
                    Ok(list) => view! { <ByRegion list/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ByRegion(list: Vec<CountryCount>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty-state">"No organisation has been recorded in any country yet."</p> }
            .into_any();
    }
    Region::ALL
        .into_iter()
        .filter_map(|region| {
            let in_region: Vec<_> = list.iter().filter(|c| c.country.region == region).cloned().collect();
            if in_region.is_empty() {
                return None;
            }
            let heading_id = format!("region-{}", region.slug());
            let labelled_by = heading_id.clone();
            Some(view! {
                <section class="region-block" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{region.label()}</h2>
                    <ul class="country-list">
                        {in_region
                            .into_iter()
                            .map(|c| {
                                let href = format!("/countries/{}", c.country.code.key());
                                view! {
                                    <li>
                                        <a href=href>{c.country.name}</a>
                                        <span class="muted">" " {count(c.organisations, "organisation", "organisations")}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            })
        })
        .collect_view()
        .into_any()
}
