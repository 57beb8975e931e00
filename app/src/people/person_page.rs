//! A person's page: who they are, the organisations they belong to, and a
//! timeline of trials, missions, events, appeals and campaigns, each line
//! shown only to those who may read it.

use crate::directory::places_section::{PlaceActions, PlacesSection};
use crate::i18n::*;
use crate::locale;
use crate::people::api::{
    fetch_person, DeleteMembership, EndMembership, MergePerson, PersonView, SetMembership,
};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::tags::VisibilityTag;
use crate::ui::timeline::TimelineLine;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::{Membership, OrgRef, PersonRef, Visibility};

/// The forms of the page; each answer reads the person again.
#[derive(Clone, Copy)]
struct MembershipActions {
    set: ServerAction<SetMembership>,
    end: ServerAction<EndMembership>,
    delete: ServerAction<DeleteMembership>,
    merge: ServerAction<MergePerson>,
    places: PlaceActions,
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = MembershipActions {
        set: ServerAction::<SetMembership>::new(),
        end: ServerAction::<EndMembership>::new(),
        delete: ServerAction::<DeleteMembership>::new(),
        merge: ServerAction::<MergePerson>::new(),
        places: PlaceActions::new(),
    };
    let person = Resource::new(
        move || {
            (
                id.get(),
                actions.set.version().get()
                    + actions.end.version().get()
                    + actions.delete.version().get()
                    + actions.merge.version().get()
                    + actions.places.version(),
            )
        },
        |(id, _)| fetch_person(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(v) => view! { <PersonBody view=v actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonBody(view: PersonView, actions: MembershipActions) -> impl IntoView {
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
            {(view.may_edit || !p.organisations.is_empty()).then(|| {
                let person_id = p.id.to_string();
                let may_edit = view.may_edit;
                let lines = p.organisations.clone();
                let choices = view.organisations.clone();
                view! {
                    <section aria-labelledby="person-organisations">
                        <h2 id="person-organisations">{td_string!(l, person_organisations)}</h2>
                        <ul class="link-list memberships">
                            {lines.into_iter().map(|m| view! {
                                <MembershipLine membership=m person=person_id.clone() may_edit actions/>
                            }).collect_view()}
                        </ul>
                        {may_edit.then(|| view! {
                            <AddMembership person=person_id.clone() choices actions/>
                        })}
                    </section>
                }
            })}
            {(view.may_edit || !p.places.is_empty()).then(|| view! {
                <PlacesSection holder=format!("person/{}", p.id) places=p.places.clone()
                    may_edit=view.may_edit choices=view.place_choices.clone() actions=actions.places/>
            })}
            {(view.may_edit && !view.duplicates.is_empty()).then(|| view! {
                <MergeDuplicate id=p.id.to_string() choices=view.duplicates.clone() actions/>
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

fn org_label(o: &OrgRef) -> String {
    match &o.acronym {
        Some(a) => format!("{} ({a})", o.name),
        None => o.name.clone(),
    }
}

#[component]
fn MembershipLine(
    membership: Membership,
    person: String,
    may_edit: bool,
    actions: MembershipActions,
) -> impl IntoView {
    let l = locale::current();
    let o = membership.organisation;
    let href = format!("/organisations/{}", o.id);
    let label = org_label(&o);
    let years = locale::years(l, membership.since, membership.until);
    let detail = [membership.role.clone(), years]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let ended = membership.until.is_some();
    let org_key = o.id.to_string();
    // A pair may hold one membership per level: the row names its own.
    let level = membership.visibility.as_str();
    let end_id = format!("end-{org_key}-{level}");
    let end_form = (may_edit && !ended).then(|| {
        let (person, org_key, label) = (person.clone(), org_key.clone(), label.clone());
        view! {
            <ActionForm action=actions.end attr:class="inline-form">
                <input type="hidden" name="person" value=person/>
                <input type="hidden" name="organisation" value=org_key/>
                <input type="hidden" name="level" value=level/>
                <label for=end_id.clone()>{td_string!(l, membership_end_year)}</label>
                <input id=end_id.clone() name="until" type="number" min="1900" max="2100" required class="year-input"/>
                <button type="submit" class="button secondary">
                    {td_string!(l, membership_end, organisation = label).to_string()}
                </button>
            </ActionForm>
        }
    });
    let delete_form = may_edit.then(|| {
        let (person, org_key, label) = (person.clone(), org_key.clone(), label.clone());
        view! {
            <ActionForm action=actions.delete attr:class="inline-form">
                <input type="hidden" name="person" value=person/>
                <input type="hidden" name="organisation" value=org_key/>
                <input type="hidden" name="level" value=level/>
                <button type="submit" class="button secondary">
                    {td_string!(l, membership_delete, organisation = label).to_string()}
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class:ended=ended>
            <a href=href>{label.clone()}</a>
            {(!detail.is_empty()).then(|| view! { " · " <span class="muted">{detail}</span> })}
            " "
            <VisibilityTag visibility=membership.visibility/>
            {membership.source.clone().map(|s| view! { <p class="hint">{td_string!(l, membership_source)} ": " {s}</p> })}
            {may_edit.then(|| view! { <div class="inline-actions">{end_form}{delete_form}</div> })}
        </li>
    }
}

/// Adds the person to an organisation (or changes that membership).
#[component]
fn AddMembership(
    person: String,
    choices: Vec<OrgRef>,
    actions: MembershipActions,
) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || {
        actions
            .set
            .value()
            .get()
            .or_else(|| actions.end.value().get())
            .and_then(|r| r.err())
    });
    view! {
        <details class="panel" open=move || error.with(Option::is_some)>
            <summary>{td_string!(l, membership_add)}</summary>
            <ErrorSummary error/>
            <ActionForm action=actions.set attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="person" value=person/>
                <div class="field">
                    <label for="membership-organisation">{td_string!(l, label_organisation)}</label>
                    <select id="membership-organisation" name="form[organisation]" required>
                        <option value="">"—"</option>
                        {choices.into_iter().map(|o| view! { <option value=o.id.to_string()>{org_label(&o)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="membership-role">{td_string!(l, membership_role)}</label>
                    <input id="membership-role" name="form[role]" type="text" maxlength="120"/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="membership-since">{td_string!(l, membership_since_label)}</label>
                        <input id="membership-since" name="form[since]" type="number" min="1900" max="2100" class="year-input"/>
                    </div>
                    <div class="field">
                        <label for="membership-until">{td_string!(l, membership_until_label)}</label>
                        <input id="membership-until" name="form[until]" type="number" min="1900" max="2100" class="year-input"/>
                    </div>
                </div>
                <div class="field">
                    <label for="membership-source">{td_string!(l, membership_source)}</label>
                    <input id="membership-source" name="form[source]" type="text" maxlength="500"/>
                </div>
                <div class="field">
                    <label for="membership-visibility">{td_string!(l, membership_visibility)}</label>
                    <span class="hint" id="hint-membership-visibility">{td_string!(l, hint_membership_visibility)}</span>
                    <select id="membership-visibility" name="form[visibility]" aria-describedby="hint-membership-visibility">
                        {Visibility::ALL.into_iter().map(|v| view! {
                            <option value=v.as_str() selected=v == Visibility::Staff>{locale::visibility_name(l, v)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button primary">{td_string!(l, membership_add_button)}</button>
            </ActionForm>
        </details>
    }
}

/// Merging a person entered twice: the candidates are the people with a
/// name like this one's that the editor may read.
#[component]
fn MergeDuplicate(
    id: String,
    choices: Vec<PersonRef>,
    actions: MembershipActions,
) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || actions.merge.value().get().and_then(|r| r.err()));
    view! {
        <details class="panel" open=move || error.with(Option::is_some)>
            <summary>{td_string!(l, person_merge_title)}</summary>
            <ErrorSummary error/>
            <p class="hint" id="hint-merge">{td_string!(l, person_merge_hint)}</p>
            <ActionForm action=actions.merge attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="field-gone">{td_string!(l, merge_gone)}</label>
                    <select id="field-gone" name="gone" required aria-describedby="hint-merge">
                        <option value="">"—"</option>
                        {choices.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, person_merge_button)}</button>
            </ActionForm>
        </details>
    }
}
