//! A person's page: who they are, the organisations they belong to, and a
//! timeline of trials, missions, events, appeals and campaigns, each line
//! shown only to those who may read it.

use crate::i18n::*;
use crate::locale;
use crate::people::api::{fetch_person, PersonView};
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::{Membership, TimelineEntry};

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let person = Resource::new(move || id.get(), fetch_person);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(v) => view! { <PersonBody view=v/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonBody(view: PersonView) -> impl IntoView {
    let l = locale::current();
    let p = view.person;
    let edit = format!("/people/{}/edit", p.id);
    let roles = p
        .roles
        .iter()
        .map(|r| locale::person_role_name(l, *r).to_owned())
        .collect::<Vec<_>>();
    let languages = p
        .languages
        .iter()
        .map(|c| locale::language_name(l, c))
        .collect::<Vec<_>>();
    view! {
        <Title text=p.name.clone()/>
        <article class="profile person-profile">
            <header class="profile-header">
                <h1>{p.name.clone()}</h1>
                <p class="tags">
                    {roles.into_iter().map(|r| view! { <span class="tag">{r}</span> }).collect_view()}
                    <VisibilityTag visibility=p.visibility/>
                </p>
                {view.may_edit.then(|| view! {
                    <p><a class="button secondary" href=edit>{td_string!(l, person_edit)}</a></p>
                })}
            </header>
            <dl class="facts">
                {p.nationality.as_ref().map(|c| view! {
                    <div><dt>{td_string!(l, field_nationality)}</dt><dd>{locale::country_name(l, c)}</dd></div>
                })}
                {(!languages.is_empty()).then(|| view! {
                    <div><dt>{td_string!(l, field_languages)}</dt><dd>{locale::list(l, languages.clone())}</dd></div>
                })}
                {p.gender.map(|g| view! {
                    <div><dt>{td_string!(l, field_gender)}</dt><dd>{locale::gender_name(l, g)}</dd></div>
                })}
                {p.risk_level.map(|r| view! {
                    <div><dt>{td_string!(l, field_risk_level)}</dt><dd class=format!("risk risk-{}", r.as_str())>{locale::risk_level_name(l, r)}</dd></div>
                })}
            </dl>
            {(!p.description.is_empty()).then(|| view! {
                <div class="description">
                    {p.description.split("\n\n").map(|para| view! { <p>{para.to_owned()}</p> }).collect_view()}
                </div>
            })}
            {(!p.organisations.is_empty()).then(|| view! {
                <section aria-labelledby="person-organisations">
                    <h2 id="person-organisations">{td_string!(l, person_organisations)}</h2>
                    <ul class="link-list">
                        {p.organisations.into_iter().map(|m| view! { <MembershipLine membership=m/> }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="person-timeline">
                <h2 id="person-timeline">{td_string!(l, person_timeline)}</h2>
                {if p.timeline.is_empty() {
                    view! { <p class="muted">{td_string!(l, person_timeline_empty)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="timeline" data-testid="person-timeline">
                            {p.timeline.into_iter().map(|e| view! { <TimelineLine entry=e/> }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </section>
        </article>
    }
}

#[component]
fn MembershipLine(membership: Membership) -> impl IntoView {
    let o = membership.organisation;
    let href = format!("/organisations/{}", o.id);
    let label = match o.acronym {
        Some(a) => format!("{} ({a})", o.name),
        None => o.name,
    };
    let detail = [membership.role, membership.since.map(|y| y.to_string())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li>
            <a href=href>{label}</a>
            {(!detail.is_empty()).then(|| view! { " · " <span class="muted">{detail}</span> })}
        </li>
    }
}

#[component]
fn TimelineLine(entry: TimelineEntry) -> impl IntoView {
    let l = locale::current();
    let when = entry.on.map_or_else(
        || td_string!(l, label_undated).to_owned(),
        |d| locale::date(l, d),
    );
    let datetime = entry.on.map(|d| d.format("%Y-%m-%d").to_string());
    view! {
        <li class=format!("timeline-item timeline-{}", entry.kind.as_str())>
            <time datetime=datetime>{when}</time>
            " "
            <span class="timeline-kind">{locale::timeline_kind_name(l, entry.kind)}</span>
            " "
            <a href=entry.href>{entry.title}</a>
            {entry.detail.map(|d| view! { " · " <span class="muted">{d}</span> })}
        </li>
    }
}
