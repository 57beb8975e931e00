//! An advocacy event: when and where, the body it targets, who organised
//! it and who spoke, the agenda, the asks, and what came of it. Those who
//! run advocacy add participants, organisers and follow-ups here.

use crate::advocacy::api::{
    fetch_advocacy_options, fetch_event, AddFollowUp, AddOrganiser, AddParticipant,
    CompleteFollowUp, CreateEvent, Editable,
};
use crate::advocacy::bits::{date_range, event_place, org_label, FollowUpList, VisibilitySelect};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::{Event, EventKind, FollowUpKind, Mechanism, ParticipantRole};

#[derive(Clone, Copy)]
struct EventActions {
    participant: ServerAction<AddParticipant>,
    organiser: ServerAction<AddOrganiser>,
    follow_up: ServerAction<AddFollowUp>,
    done: ServerAction<CompleteFollowUp>,
}

#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = EventActions {
        participant: ServerAction::new(),
        organiser: ServerAction::new(),
        follow_up: ServerAction::new(),
        done: ServerAction::new(),
    };
    // The forms redirect to this page; each answer reads the event again.
    let event = Resource::new(
        move || {
            (
                id.get(),
                actions.participant.version().get()
                    + actions.organiser.version().get()
                    + actions.follow_up.version().get()
                    + actions.done.version().get(),
            )
        },
        |(id, _)| fetch_event(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(v) => view! { <EventBody view=v actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventBody(view: Editable<Event>, actions: EventActions) -> impl IntoView {
    let l = locale::current();
    let Editable {
        record: event,
        may_edit,
        options,
        today,
    } = view;
    let s = event.summary.clone();
    let title = s.title.clone();
    let back = format!("/advocacy/events/{}", s.id);
    let event_id = s.id.to_string();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/advocacy".into(), td_string!(l, advocacy_title).to_owned())] current=title.clone()/>
        <article class="profile" aria-labelledby="event-title">
            <header class="summary-block">
                <h1 id="event-title">{title}</h1>
                <p class="card-tags">
                    <span class="tag">{locale::event_kind_name(l, s.kind)}</span>
                    <VisibilityTag visibility=s.visibility/>
                </p>
                <dl class="facts">
                    <div><dt>{td_string!(l, label_when)}</dt><dd>{date_range(l, s.starts_on, s.ends_on)}</dd></div>
                    <div><dt>{td_string!(l, label_place)}</dt><dd>{event_place(l, &s)}</dd></div>
                    <div><dt>{td_string!(l, label_mechanism)}</dt><dd>{locale::mechanism_name(l, s.mechanism)}</dd></div>
                    {s.mission.clone().map(|m| {
                        let href = format!("/advocacy/missions/{}", m.id);
                        view! { <div><dt>{td_string!(l, label_mission)}</dt><dd><a href=href>{m.title}</a></dd></div> }
                    })}
                    {(!event.organisers.is_empty()).then(|| view! {
                        <div><dt>{td_string!(l, organisers)}</dt><dd>
                            <ul class="inline-list">
                                {event.organisers.iter().map(|o| {
                                    let href = format!("/organisations/{}", o.id);
                                    view! { <li><a href=href>{org_label(o)}</a></li> }
                                }).collect_view()}
                            </ul>
                        </dd></div>
                    })}
                </dl>
            </header>
            <div class="two-columns">
                <section aria-labelledby="agenda-title">
                    <h2 id="agenda-title">{td_string!(l, label_agenda)}</h2>
                    {event.agenda.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                    <ol>{event.agenda.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ol>
                </section>
                <section aria-labelledby="asks-title">
                    <h2 id="asks-title">{td_string!(l, label_asks)}</h2>
                    {event.asks.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                    <ul>{event.asks.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                </section>
            </div>
            <section aria-labelledby="participants-title" id="participants">
                <h2 id="participants-title">{td_string!(l, participants)}</h2>
                {event.participants.is_empty().then(|| view! { <p class="muted">{td_string!(l, participants_none)}</p> })}
                <ul class="participants">
                    {event.participants.iter().map(|p| view! {
                        <li><strong><a href=format!("/people/{}", p.person.id)>{p.person.name.clone()}</a></strong> " · " {locale::participant_role_name(l, p.role)}</li>
                    }).collect_view()}
                </ul>
                {options.clone().filter(|_| may_edit).map(|o| view! {
                    <ParticipantForms event=event_id.clone() options=o actions/>
                })}
            </section>
            <section aria-labelledby="follow-ups-title" id="follow-ups">
                <h2 id="follow-ups-title">{td_string!(l, follow_ups_title)}</h2>
                {event.follow_ups.is_empty().then(|| view! { <p class="muted">{td_string!(l, follow_ups_none)}</p> })}
                <FollowUpList follow_ups=event.follow_ups.clone() today may_edit back action=actions.done/>
                {may_edit.then(|| view! { <FollowUpForm event=event_id.clone() action=actions.follow_up/> })}
            </section>
        </article>
    }
}

#[component]
fn ParticipantForms(
    event: String,
    options: crate::advocacy::api::AdvocacyOptions,
    actions: EventActions,
) -> impl IntoView {
    let l = locale::current();
    let person_error =
        Signal::derive(move || actions.participant.value().get().and_then(|r| r.err()));
    let org_error = Signal::derive(move || actions.organiser.value().get().and_then(|r| r.err()));
    let event2 = event.clone();
    view! {
        <div class="panel">
            <ErrorSummary error=person_error/>
            <ActionForm action=actions.participant attr:class="filter-row">
                <input type="hidden" name="event" value=event/>
                <div class="field">
                    <label for="field-person">{td_string!(l, label_person)}</label>
                    <select id="field-person" name="person">
                        {options.persons.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-role">{td_string!(l, label_role)}</label>
                    <select id="field-role" name="role">
                        {ParticipantRole::ALL.iter().map(|r| view! { <option value=r.as_str()>{locale::participant_role_name(l, *r)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, add_participant)}</button>
            </ActionForm>
            <ErrorSummary error=org_error/>
            <ActionForm action=actions.organiser attr:class="filter-row">
                <input type="hidden" name="event" value=event2/>
                <div class="field">
                    <label for="field-organisation">{td_string!(l, label_organisation)}</label>
                    <select id="field-organisation" name="organisation">
                        {options.organisations.iter().map(|o| view! { <option value=o.id.to_string()>{org_label(o)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, add_organiser)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn FollowUpForm(event: String, action: ServerAction<AddFollowUp>) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <div class="panel">
            <h3>{td_string!(l, add_follow_up)}</h3>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="event" value=event/>
                <div class="field-row">
                    <div class="field">
                        <label for="field-kind">{td_string!(l, label_kind)}</label>
                        <select id="field-kind" name="form[kind]">
                            {FollowUpKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{locale::follow_up_kind_name(l, *k)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-due_on">{td_string!(l, label_due_on)}</label>
                        <span class="hint" id="hint-due">{td_string!(l, hint_due_on)}</span>
                        <input id="field-due_on" name="form[due_on]" type="date" aria-describedby="hint-due"/>
                    </div>
                </div>
                <div class="field">
                    <label for="field-text">{td_string!(l, label_text)}</label>
                    <input id="field-text" name="form[text]" type="text" required maxlength="1000"/>
                </div>
                <div class="field checkbox">
                    <input id="field-owner" name="form[owner]" type="checkbox" value="me" checked/>
                    <label for="field-owner">{td_string!(l, owner_me)}</label>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, add_follow_up)}</button>
            </ActionForm>
        </div>
    }
}

/// A new event, possibly inside an advocacy mission (`?mission=`).
#[component]
pub fn NewEventPage() -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<CreateEvent>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let options = Resource::new(|| (), |_| fetch_advocacy_options());
    let mission_now = use_query_map().with_untracked(|q| q.get("mission").unwrap_or_default());
    view! {
        <Title text=td_string!(l, new_event).to_owned()/>
        <Breadcrumbs trail=vec![("/advocacy".into(), td_string!(l, advocacy_title).to_owned())] current=td_string!(l, new_event).to_owned()/>
        <h1>{td_string!(l, new_event)}</h1>
        <Suspense fallback=Loading>
            {move || {
                let mission_now = mission_now.clone();
                Suspend::new(async move {
                match options.await {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(o) => view! {
                        <ErrorSummary error/>
                        <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                            <div class="field">
                                <label for="field-title">{td_string!(l, label_title)}</label>
                                <input id="field-title" name="form[title]" type="text" required maxlength="200"/>
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for="field-kind">{td_string!(l, label_kind)}</label>
                                    <select id="field-kind" name="form[kind]">
                                        {EventKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{locale::event_kind_name(l, *k)}</option> }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="field-mechanism">{td_string!(l, label_mechanism)}</label>
                                    <select id="field-mechanism" name="form[mechanism]">
                                        {Mechanism::ALL.iter().map(|m| view! { <option value=m.as_str()>{locale::mechanism_name(l, *m)}</option> }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for="field-starts_on">{td_string!(l, label_start_date)}</label>
                                    <input id="field-starts_on" name="form[starts_on]" type="date" required/>
                                </div>
                                <div class="field">
                                    <label for="field-ends_on">{td_string!(l, label_end_date)}</label>
                                    <input id="field-ends_on" name="form[ends_on]" type="date"/>
                                </div>
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for="field-city">{td_string!(l, label_city)}</label>
                                    <input id="field-city" name="form[city]" type="text" maxlength="100"/>
                                </div>
                                <div class="field">
                                    <label for="field-country">{td_string!(l, label_country)}</label>
                                    <span class="hint" id="hint-country">{td_string!(l, hint_country_code)}</span>
                                    <input id="field-country" name="form[country]" type="text" maxlength="2" size="4" aria-describedby="hint-country"/>
                                </div>
                            </div>
                            <div class="field checkbox">
                                <input id="field-online" name="form[online]" type="checkbox" value="on"/>
                                <label for="field-online">{td_string!(l, event_online)}</label>
                            </div>
                            <div class="field">
                                <label for="field-agenda">{td_string!(l, label_agenda)}</label>
                                <span class="hint" id="hint-agenda">{td_string!(l, hint_one_per_line)}</span>
                                <textarea id="field-agenda" name="form[agenda]" rows="4" aria-describedby="hint-agenda"></textarea>
                            </div>
                            <div class="field">
                                <label for="field-asks">{td_string!(l, label_asks)}</label>
                                <span class="hint" id="hint-asks">{td_string!(l, hint_one_per_line)}</span>
                                <textarea id="field-asks" name="form[asks]" rows="4" aria-describedby="hint-asks"></textarea>
                            </div>
                            <div class="field">
                                <label for="field-mission">{td_string!(l, label_mission)}</label>
                                <select id="field-mission" name="form[mission]">
                                    <option value="">{td_string!(l, no_mission)}</option>
                                    {o.missions.into_iter().map(|m| {
                                        let selected = m.id.as_str() == mission_now;
                                        view! { <option value=m.id.to_string() selected=selected>{m.title}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <VisibilitySelect/>
                            <div class="form-actions">
                                <button type="submit" class="button primary">{td_string!(l, create_event)}</button>
                            </div>
                        </ActionForm>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}
