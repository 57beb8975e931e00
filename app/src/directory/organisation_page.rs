//! An organisation's profile: its data, its countries, its networks and
//! partners, and its peers with the reason each is a peer.

use crate::directory::api::{fetch_organisation_profile, OrgProfile};
use crate::directory::org_card::OrgCard;
use crate::directory::places_section::{PlaceActions, PlacesSection};
use crate::directory::ties_section::{TieActions, TiesSection};
use crate::i18n::*;
use crate::locale;
use crate::notifications::follow_button::FollowButton;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use crate::ui::tags::{DemoTag, KindTag, VisibilityTag};
use crate::ui::timeline::TimelineLine;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::follow::FollowTarget;
use shared::{OrgId, OrgKind, Organisation, PeerReason};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = TieActions::new();
    let place_actions = PlaceActions::new();
    let profile = Resource::new(
        move || (id.get(), actions.version() + place_actions.version()),
        |(id, _)| fetch_organisation_profile(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <Profile profile=p actions place_actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Edit this profile" for those who may, and the confirmation after a save.
#[component]
fn EditLink(id: OrgId) -> impl IntoView {
    let l = locale::current();
    let may_edit =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.may_edit_organisation(&id));
    view! {
        <SavedNotice/>
        {may_edit.then(|| {
            let href = format!("/organisations/{id}/edit");
            view! { <p><a class="button secondary" href=href>{td_string!(l, edit_link)}</a></p> }
        })}
    }
}

/// Who may read this restricted record besides admins: for admins only.
#[component]
fn AccessPanel(id: OrgId) -> impl IntoView {
    let l = locale::current();
    let is_admin =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role == shared::Role::Admin);
    if !is_admin {
        return None;
    }
    let org = id.to_string();
    let access = Resource::new(move || id.to_string(), crate::accounts::admin::fetch_access);
    Some(view! {
        <section id="access" aria-labelledby="access-title" class="panel">
            <h2 id="access-title">{td_string!(l, access_title)}</h2>
            <p>{td_string!(l, access_lead)}</p>
            <Suspense fallback=Loading>
                {move || {
                    let org = org.clone();
                    Suspend::new(async move {
                        match access.await {
                            Ok(users) => view! {
                                <ul class="access-list">
                                    {users.is_empty().then(|| view! { <li class="muted">{td_string!(l, access_none)}</li> })}
                                    {users
                                        .into_iter()
                                        .map(|u| {
                                            let org = org.clone();
                                            view! {
                                                <li>
                                                    {u.name.clone()} " (" {u.email.clone()} ") "
                                                    <form method="post" action="/api/access-revoke" class="inline-form">
                                                        <input type="hidden" name="organisation" value=org/>
                                                        <input type="hidden" name="user" value=u.id.to_string()/>
                                                        <button type="submit" class="link-button">{td_string!(l, access_revoke)}</button>
                                                    </form>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <form method="post" action="/api/access-grant" class="filter-row">
                                    <input type="hidden" name="organisation" value=org.clone()/>
                                    <div class="field">
                                        <label for="grant-email">{td_string!(l, access_grant_label)}</label>
                                        <input id="grant-email" name="email" type="email" required/>
                                    </div>
                                    <button type="submit" class="button secondary">{td_string!(l, access_grant)}</button>
                                </form>
                            }
                            .into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    })
}

/// The recorded changes, for signed-in readers.
#[component]
fn History(id: OrgId) -> impl IntoView {
    let l = locale::current();
    // Anonymous readers see the last update date, not who changed what.
    crate::accounts::auth::use_current_user()?;
    let history = Resource::new(
        move || id.to_string(),
        crate::directory::editing::fetch_history,
    );
    Some(view! {
        <section id="history" aria-labelledby="history-title">
            <h2 id="history-title">{td_string!(l, history_title)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(entries) if entries.is_empty() => {
                            view! { <p class="muted">{td_string!(l, history_empty)}</p> }.into_any()
                        }
                        Ok(entries) => view! { <crate::ui::audit::AuditList entries/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    })
}

fn reason_text(l: Locale, reason: &PeerReason) -> String {
    match reason {
        PeerReason::Partner => td_string!(l, reason_partner).to_owned(),
        PeerReason::SameCountry { country } => td_string!(
            l,
            reason_same_country,
            country = locale::country_name(l, country)
        )
        .to_string(),
        PeerReason::SharedTheme { theme } => {
            td_string!(l, reason_shared_theme, theme = locale::theme_name(l, theme)).to_string()
        }
    }
}

#[component]
fn Profile(profile: OrgProfile, actions: TieActions, place_actions: PlaceActions) -> impl IntoView {
    let l = locale::current();
    let OrgProfile {
        org,
        peers,
        may_edit_ties,
        choices,
        place_choices,
    } = profile;
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
        visibility,
        updated,
        based_in,
        works_in,
        themes,
        member_count,
        languages,
        other_names,
        ties,
        places,
        timeline,
        ..
    } = org;
    let heading = match &acronym {
        Some(a) => format!("{name} ({a})"),
        None => name.clone(),
    };
    let (text, text_lang) = description.best_for(locale::code(l));
    let (text, text_lang) = (text.to_owned(), text_lang.to_owned());
    let meta_description = if text.is_empty() {
        td_string!(l, profile_meta_description, name = name.clone()).to_string()
    } else {
        text.chars().take(160).collect()
    };
    let seat = based_in.as_ref().map(|c| {
        let href = format!("/countries/{}", c.code.key());
        let city = city.clone().map(|c| format!("{c}, "));
        view! { {city} <a href=href>{locale::country_name(l, c)}</a> }
    });
    let graph_href = format!("/graph?start=organisation:{id}&depth=2");
    view! {
        <Title text=name.clone()/>
        <Meta name="description" content=meta_description/>
        <Breadcrumbs
            trail=vec![("/organisations".into(), td_string!(l, nav_directory).to_owned())]
            current=name.clone()
        />
        <article class="profile" aria-labelledby="org-name">
            <header class="summary-block">
                <h1 id="org-name">{heading}</h1>
                <p class="card-tags">
                    <KindTag kind/>
                    {demo.then(|| view! { <DemoTag/> })}
                    <VisibilityTag visibility=visibility/>
                </p>
                <EditLink id=id.clone()/>
                <FollowButton target=FollowTarget::Organisation(id.clone()) name=name.clone()/>
                <dl class="facts">
                    {seat.map(|s| view! { <div><dt>{td_string!(l, based_in)}</dt><dd>{s}</dd></div> })}
                    {member_since.map(|y| view! {
                        <div><dt>{td_string!(l, home_members)}</dt><dd>{td_string!(l, member_since, year = y).to_string()}</dd></div>
                    })}
                    {website.map(|w| {
                        let shown = w.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned();
                        view! { <div><dt>{td_string!(l, website)}</dt><dd><a href=w rel="noopener noreferrer external">{shown}</a></dd></div> }
                    })}
                    {email.map(|e| {
                        let href = format!("mailto:{e}");
                        view! { <div><dt>{td_string!(l, email)}</dt><dd><a href=href>{e}</a></dd></div> }
                    })}
                    {(!other_names.is_empty()).then(|| view! {
                        <div><dt>{td_string!(l, org_other_names)}</dt><dd>{other_names.join(" · ")}</dd></div>
                    })}
                    {(!languages.is_empty()).then(|| view! {
                        <div><dt>{td_string!(l, org_languages)}</dt>
                            <dd>{locale::list(l, languages.iter().map(|c| locale::language_name(l, c)).collect())}</dd></div>
                    })}
                    {(kind == OrgKind::Network && member_count > 0).then(|| view! {
                        <div><dt>{td_string!(l, members)}</dt><dd>{locale::number(l, member_count)}</dd></div>
                    })}
                </dl>
            </header>

            <nav class="section-nav" aria-label=td_string!(l, on_this_page)>
                <ul>
                    <li><a href="#about">{td_string!(l, about)}</a></li>
                    <li><a href="#countries">{td_string!(l, countries)}</a></li>
                    <li><a href="#themes">{td_string!(l, themes)}</a></li>
                    <li><a href="#networks">{td_string!(l, networks_and_partners)}</a></li>
                    <li><a href="#timeline">{td_string!(l, org_timeline)}</a></li>
                    <li><a href="#peers">{td_string!(l, peers)}</a></li>
                    <li><a href=graph_href>{td_string!(l, explore_in_graph)}</a></li>
                </ul>
            </nav>

            <section id="about" aria-labelledby="about-title">
                <h2 id="about-title">{td_string!(l, about)}</h2>
                <Description text text_lang reader_lang=locale::code(l)/>
                {updated.map(|d| view! {
                    <p class="muted">{td_string!(l, last_updated, date = locale::date(l, d)).to_string()}</p>
                })}
            </section>

            <section id="timeline" aria-labelledby="org-timeline-title">
                <h2 id="org-timeline-title">{td_string!(l, org_timeline)}</h2>
                {if timeline.is_empty() {
                    view! { <p class="muted">{td_string!(l, org_timeline_empty)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="timeline" data-testid="org-timeline">
                            {timeline.into_iter().map(|e| view! { <TimelineLine entry=e/> }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </section>

            <History id=id.clone()/>
            {(visibility == shared::Visibility::Restricted).then(|| view! { <AccessPanel id=id.clone()/> })}

            <section id="countries" aria-labelledby="countries-title">
                <h2 id="countries-title">{td_string!(l, countries)}</h2>
                {if works_in.is_empty() {
                    view! { <p class="muted">{td_string!(l, no_country)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="chip-list">
                            {works_in
                                .into_iter()
                                .map(|c| {
                                    let href = format!("/countries/{}", c.code.key());
                                    view! {
                                        <li>
                                            <a class="chip" href=href>
                                                {locale::country_name(l, &c)}
                                                <span class="muted">" · " {locale::region_name(l, c.region)}</span>
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>

            <section id="themes" aria-labelledby="themes-title">
                <h2 id="themes-title">{td_string!(l, themes)}</h2>
                {if themes.is_empty() {
                    view! { <p class="muted">{td_string!(l, no_theme)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="chip-list">
                            {themes
                                .into_iter()
                                .map(|t| {
                                    let href = format!("/organisations?theme={}", t.id);
                                    view! { <li><a class="chip" href=href>{locale::theme_name(l, &t)}</a></li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>

            <PlacesSection holder=format!("organisation/{id}") places may_edit=may_edit_ties
                choices=place_choices actions=place_actions/>

            <section id="networks" aria-labelledby="networks-title">
                <h2 id="networks-title">{td_string!(l, networks_and_partners)}</h2>
                <TiesSection id=id.to_string() ties may_edit=may_edit_ties choices actions/>
            </section>

            <section id="peers" aria-labelledby="peers-title">
                <h2 id="peers-title">{td_string!(l, peers)}</h2>
                <p class="muted">{td_string!(l, peers_intro, name = name.clone()).to_string()}</p>
                {if peers.is_empty() {
                    view! { <p>{td_string!(l, no_peer)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list peers" data-org=id.to_string()>
                            {peers
                                .into_iter()
                                .map(|peer| {
                                    let reasons: Vec<String> = peer.reasons.iter().map(|r| reason_text(l, r)).collect();
                                    view! {
                                        <OrgCard org=peer.org>
                                            <ul class="peer-reasons" aria-label=td_string!(l, why_peer)>
                                                {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
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

/// The description in the reader's language when there is one; otherwise the
/// original, marked with its language so screen readers pronounce it right.
#[component]
fn Description(text: String, text_lang: String, reader_lang: &'static str) -> impl IntoView {
    let l = locale::current();
    if text.is_empty() {
        return view! { <p class="muted">{td_string!(l, no_description)}</p> }.into_any();
    }
    let foreign = text_lang != reader_lang;
    let note = foreign.then(|| {
        td_string!(
            l,
            original_language,
            language = locale::language_name(l, &text_lang)
        )
        .to_string()
    });
    let paragraphs = text
        .split("\n\n")
        .map(|p| view! { <p>{p.to_owned()}</p> })
        .collect_view();
    view! {
        <div lang=text_lang>{paragraphs}</div>
        {note.map(|n| view! { <p class="muted original-note">{n}</p> })}
    }
    .into_any()
}
