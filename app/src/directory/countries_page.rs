//! Index of the countries where the network has organisations, by region.

use crate::directory::api::fetch_country_index;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{CountryCount, Region};

#[component]
pub fn CountriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let countries = Resource::new(|| (), |_| fetch_country_index());
    view! {
        <Title text=td_string!(crate::locale::current(), countries_title).to_owned()/>
        <h1>{t!(i18n, countries_title)}</h1>
        <p class="lead">{t!(i18n, countries_lead)}</p>
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
    let l = locale::current();
    if list.is_empty() {
        return view! { <p class="empty-state">{td_string!(l, countries_empty)}</p> }.into_any();
    }
    Region::ALL
        .into_iter()
        .filter_map(|region| {
            let mut in_region: Vec<_> = list.iter().filter(|c| c.country.region == region).cloned().collect();
            if in_region.is_empty() {
                return None;
            }
            in_region.sort_by_key(|c| locale::sort_key(&locale::country_name(l, &c.country)));
            let heading_id = format!("region-{}", region.slug());
            let labelled_by = heading_id.clone();
            Some(view! {
                <section class="region-block" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{locale::region_name(l, region)}</h2>
                    <ul class="country-list">
                        {in_region
                            .into_iter()
                            .map(|c| {
                                let href = format!("/countries/{}", c.country.code.key());
                                view! {
                                    <li>
                                        <a href=href>{locale::country_name(l, &c.country)}</a>
                                        <span class="muted">" " {locale::organisations(l, c.organisations)}</span>
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
