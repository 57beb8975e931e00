//! An organisation's profile: its data, its countries, its networks and
//! partners, and its peers with the reason each is a peer.

use crate::api::{fetch_organisation_profile, OrgProfile};
use crate::components::error_view::{ErrorView, Loading};
use crate::components::layout::Breadcrumbs;
use crate::components::org_card::OrgCard;
use crate::components::tags::{DemoTag, KindTag};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::{OrgKind, OrgRef, Organisation};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let profile = Resource::new(move || id.get(), fetch_organisation_profile);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <Profile profile=p/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn org_link(r: OrgRef) -> impl IntoView {
    let href = format!("/organisations/{}", r.id);
    let label = match r.acronym {
        Some(a) => format!("{} ({a})", r.name),
        None => r.name,
    };
    view! { <li><a href=href>{label}</a></li> }
}

#[component]
fn Profile(profile: OrgProfile) -> impl IntoView {
    let OrgProfile { org, peers } = profile;
    let Organisation {
        id,
        name,
        acronym,
        kind,
        description,
        city,
        website,
        email,
        member_since,
        demo,
        based_in,
        works_in,
        themes,
        member_of,
        partners,
        member_count,
        ..
    } = org;
    let heading = match &acronym {
        Some(a) => format!("{name} ({a})"),
        None => name.clone(),
    };
    let meta_description = if description.is_empty() {
        format!("{name}: profile in the SOS-Torture network directory.")
    } else {
        description.chars().take(160).collect()
    };
    let seat = based_in.as_ref().map(|c| {
        let href = format!("/countries/{}", c.code.key());
        let city = city.clone().map(|c| format!("{c}, "));
        view! { {city} <a href=href>{c.name.clone()}</a> }
    });
    view! {
        <Title text=name.clone()/>
        <Meta name="description" content=meta_description/>
        <Breadcrumbs
            trail=vec![("/organisations".into(), "Directory".into())]
            current=name.clone()
        />
        <article class="profile" aria-labelledby="org-name">
            <header class="summary-block">
                <h1 id="org-name">{heading}</h1>
                <p class="card-tags">
                    <KindTag kind/>
                    {demo.then(|| view! { <DemoTag/> })}
                </p>
                <dl class="facts">
                    {seat.map(|s| view! { <div><dt>"Based in"</dt><dd>{s}</dd></div> })}
                    {member_since.map(|y| view! { <div><dt>"Member since"</dt><dd>{y}</dd></div> })}
                    {website.map(|w| {
                        let shown = w.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned();
                        view! { <div><dt>"Website"</dt><dd><a href=w rel="noopener noreferrer external">{shown}</a></dd></div> }
                    })}
                    {email.map(|e| {
                        let href = format!("mailto:{e}");
                        view! { <div><dt>"E-mail"</dt><dd><a href=href>{e}</a></dd></div> }
                    })}
                    {(kind == OrgKind::Network && member_count > 0).then(|| view! {
                        <div><dt>"Members"</dt><dd>{member_count}</dd></div>
                    })}
                </dl>
            </header>

            <nav class="section-nav" aria-label="On this page">
                <ul>
                    <li><a href="#about">"About"</a></li>
                    <li><a href="#countries">"Countries"</a></li>
                    <li><a href="#themes">"Themes"</a></li>
                    <li><a href="#networks">"Networks and partners"</a></li>
                    <li><a href="#peers">"Peers"</a></li>
                </ul>
            </nav>

            <section id="about" aria-labelledby="about-title">
                <h2 id="about-title">"About"</h2>
                {if description.is_empty() {
                    view! { <p class="muted">"No description yet."</p> }.into_any()
                } else {
                    description
                        .split("\n\n")
                        .map(|para| view! { <p>{para.to_owned()}</p> })
                        .collect_view()
                        .into_any()
                }}
            </section>

            <section id="countries" aria-labelledby="countries-title">
                <h2 id="countries-title">"Countries"</h2>
                {if works_in.is_empty() {
                    view! { <p class="muted">"No country recorded."</p> }.into_any()
                } else {
                    view! {
                        <ul class="chip-list">
                            {works_in
                                .into_iter()
                                .map(|c| {
                                    let href = format!("/countries/{}", c.code.key());
                                    view! { <li><a class="chip" href=href>{c.name} <span class="muted">" · " {c.region.label()}</span></a></li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>

            <section id="themes" aria-labelledby="themes-title">
                <h2 id="themes-title">"Themes"</h2>
                {if themes.is_empty() {
                    view! { <p class="muted">"No theme recorded."</p> }.into_any()
                } else {
                    view! {
                        <ul class="chip-list">
                            {themes
                                .into_iter()
                                .map(|t| {
                                    let href = format!("/organisations?theme={}", t.id);
                                    view! { <li><a class="chip" href=href>{t.name}</a></li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>

            <section id="networks" aria-labelledby="networks-title">
                <h2 id="networks-title">"Networks and partners"</h2>
                {(member_of.is_empty() && partners.is_empty()).then(|| view! {
                    <p class="muted">"No network or partner recorded."</p>
                })}
                {(!member_of.is_empty()).then(|| view! {
                    <h3>"Member of"</h3>
                    <ul class="link-list">{member_of.into_iter().map(org_link).collect_view()}</ul>
                })}
                {(!partners.is_empty()).then(|| view! {
                    <h3>"Partners"</h3>
                    <ul class="link-list">{partners.into_iter().map(org_link).collect_view()}</ul>
                })}
            </section>

            <section id="peers" aria-labelledby="peers-title">
                <h2 id="peers-title">"Peers"</h2>
                <p class="muted">"Organisations working in the same countries, on the same themes, or in partnership with "{name.clone()}"."</p>
                {if peers.is_empty() {
                    view! { <p>"No peer found yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list peers" data-org=id.to_string()>
                            {peers
                                .into_iter()
                                .map(|peer| {
                                    let reasons = peer.reasons;
                                    view! {
                                        <OrgCard org=peer.org>
                                            <ul class="peer-reasons" aria-label="Why this is a peer">
                                                {reasons.into_iter().map(|r| view! { <li>{r.describe()}</li> }).collect_view()}
                                            </ul>
                                        </OrgCard>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </article>
    }
}
