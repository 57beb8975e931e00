use crate::i18n::*;
use crate::locale;
use crate::ui::tags::{DemoTag, KindTag};
use leptos::prelude::*;
use shared::OrgSummary;

/// One organisation in a list: name, membership, place, themes.
#[component]
pub fn OrgCard(org: OrgSummary, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let l = locale::current();
    let href = format!("/organisations/{}", org.id);
    let country = org.seat.as_ref().map(|c| locale::country_name(l, c));
    let place = match (&org.city, country) {
        (Some(city), Some(country)) => Some(format!("{city}, {country}")),
        (None, Some(country)) => Some(country),
        (Some(city), None) => Some(city.clone()),
        (None, None) => None,
    };
    let mut themes: Vec<String> = org
        .themes
        .iter()
        .map(|t| locale::theme_name(l, t))
        .collect();
    themes.sort();
    let themes = (!themes.is_empty()).then(|| themes.join(" · "));
    view! {
        <li class="card org-card">
            <h3 class="card-title">
                <a href=href>{org.name.clone()}</a>
                {org.acronym.clone().map(|a| view! { <span class="acronym">" (" {a} ")"</span> })}
            </h3>
            <p class="card-tags">
                <KindTag kind=org.kind/>
                {org.demo.then(|| view! { <DemoTag/> })}
                {org.member_since.map(|year| view! { <span class="muted">{td_string!(l, member_since, year = year).to_string()}</span> })}
            </p>
            {place.map(|p| view! { <p class="card-place">{p}</p> })}
            {themes.map(|t| view! { <p class="card-themes muted">{t}</p> })}
            {children.map(|c| c())}
        </li>
    }
}
