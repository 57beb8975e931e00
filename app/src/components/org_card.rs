use super::tags::{DemoTag, KindTag};
use leptos::prelude::*;
use shared::OrgSummary;

/// One organisation in a list: name, membership, place, themes.
#[component]
pub fn OrgCard(org: OrgSummary, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let href = format!("/organisations/{}", org.id);
    let place = match (&org.city, &org.country_name) {
        (Some(city), Some(country)) => Some(format!("{city}, {country}")),
        (None, Some(country)) => Some(country.clone()),
        (Some(city), None) => Some(city.clone()),
        (None, None) => None,
    };
    let themes = (!org.themes.is_empty()).then(|| org.themes.join(" · "));
    view! {
        <li class="card org-card">
            <h3 class="card-title">
                <a href=href>{org.name.clone()}</a>
                {org.acronym.clone().map(|a| view! { <span class="acronym">" (" {a} ")"</span> })}
            </h3>
            <p class="card-tags">
                <KindTag kind=org.kind/>
                {org.demo.then(|| view! { <DemoTag/> })}
                {org.member_since.map(|y| view! { <span class="muted">"Member since " {y}</span> })}
            </p>
            {place.map(|p| view! { <p class="card-place">{p}</p> })}
            {themes.map(|t| view! { <p class="card-themes muted">{t}</p> })}
            {children.map(|c| c())}
        </li>
    }
}
