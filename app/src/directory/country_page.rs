//! A country: the members and partners based or working there.

use crate::directory::api::fetch_country_profile;
use crate::directory::org_card::OrgCard;
use crate::i18n::*;
use crate::locale;
use crate::notifications::follow_button::FollowButton;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::follow::FollowTarget;
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
    let l = locale::current();
    let CountryProfile {
        country,
        based_here,
        working_here,
    } = profile;
    let name = locale::country_name(l, &country);
    let region_href = format!("/organisations?region={}", country.region.slug());
    let directory_href = format!("/organisations?country={}", country.code);
    let total = (based_here.len() + working_here.len()) as u64;
    view! {
        <Title text=name.clone()/>
        <Breadcrumbs
            trail=vec![("/countries".into(), td_string!(l, countries_title).to_owned())]
            current=name.clone()
        />
        <header class="summary-block">
            <h1>{name.clone()}</h1>
            <p>
                <a href=region_href>{locale::region_name(l, country.region)}</a>
                <span class="muted">" · " {locale::organisations(l, total)}</span>
            </p>
            {(total > 0).then(|| view! {
                <p><a href=directory_href>{td_string!(l, country_search_link)}</a></p>
            })}
            <SavedNotice/>
            <FollowButton target=FollowTarget::Country(country.code.clone()) name=name.clone()/>
        </header>
        <section aria-labelledby="based-title">
            <h2 id="based-title">{td_string!(l, country_based_here, country = name.clone()).to_string()}</h2>
            {if based_here.is_empty() {
                view! { <p class="muted">{td_string!(l, country_none_based)}</p> }.into_any()
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
            <h2 id="working-title">{td_string!(l, country_working_here, country = name.clone()).to_string()}</h2>
            {if working_here.is_empty() {
                view! { <p class="muted">{td_string!(l, country_none_working)}</p> }.into_any()
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
