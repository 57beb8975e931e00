//! A country: the members and partners based or working there.

use crate::api::fetch_country_profile;
use crate::components::error_view::{ErrorView, Loading};
use crate::components::layout::Breadcrumbs;
use crate::components::org_card::OrgCard;
use crate::format::count;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::CountryProfile;

#[component]
pub fn CountryPage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code").unwrap_or_default()));
    let profile = Resource::new(move || code.get(), fetch_country_profile);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <Country profile=p/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Country(profile: CountryProfile) -> impl IntoView {
    let CountryProfile {
        country,
        based_here,
        working_here,
    } = profile;
    let region_href = format!("/organisations?region={}", country.region.slug());
    let directory_href = format!("/organisations?country={}", country.code);
    let total = (based_here.len() + working_here.len()) as u64;
    view! {
        <Title text=country.name.clone()/>
        <Breadcrumbs
            trail=vec![("/countries".into(), "Countries".into())]
            current=country.name.clone()
        />
        <header class="summary-block">
            <h1>{country.name.clone()}</h1>
            <p>
                <a href=region_href>{country.region.label()}</a>
                <span class="muted">" · " {count(total, "organisation", "organisations")}</span>
            </p>
            {(total > 0).then(|| view! {
                <p><a href=directory_href>"Search and filter them in the directory"</a></p>
            })}
        </header>
        <section aria-labelledby="based-title">
            <h2 id="based-title">{format!("Based in {}", country.name)}</h2>
            {if based_here.is_empty() {
                view! { <p class="muted">"No organisation based here."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {based_here.into_iter().map(|org| view! { <OrgCard org/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="working-title">
            <h2 id="working-title">{format!("Also working in {}", country.name)}</h2>
            {if working_here.is_empty() {
                view! { <p class="muted">"No other organisation works here."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {working_here.into_iter().map(|org| view! { <OrgCard org/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
