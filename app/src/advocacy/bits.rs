//! Small pieces the advocacy pages share.

use crate::advocacy::api::CompleteFollowUp;
use crate::i18n::*;
use crate::locale;
use crate::ui::tags::VisibilityTag;
use chrono::NaiveDate;
use leptos::prelude::*;
use shared::{EventSummary, FollowUp, FollowUpKind, OrgRef};

/// "12 March 2024" or "12 March 2024 – 15 March 2024".
pub fn date_range(l: Locale, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        locale::date(l, from)
    } else {
        format!("{} – {}", locale::date(l, from), locale::date(l, to))
    }
}

/// "Geneva, Switzerland · online".
pub fn event_place(l: Locale, e: &EventSummary) -> String {
    let mut parts: Vec<String> = Vec::new();
    let country = e.country.as_ref().map(|c| locale::country_name(l, c));
    match (&e.city, country) {
        (Some(city), Some(country)) => parts.push(format!("{city}, {country}")),
        (None, Some(country)) => parts.push(country),
        (Some(city), None) => parts.push(city.clone()),
        (None, None) => {}
    }
    if e.online {
        parts.push(td_string!(l, event_online).to_owned());
    }
    parts.join(" · ")
}

pub fn org_label(o: &OrgRef) -> String {
    match &o.acronym {
        Some(a) => format!("{} ({a})", o.name),
        None => o.name.clone(),
    }
}

#[component]
pub fn EventCard(event: EventSummary) -> impl IntoView {
    let l = locale::current();
    let href = format!("/advocacy/events/{}", event.id);
    let when = date_range(l, event.starts_on, event.ends_on);
    let place = event_place(l, &event);
    let kind = locale::event_kind_name(l, event.kind);
    let mechanism = locale::mechanism_name(l, event.mechanism);
    view! {
        <li class="card">
            <h3 class="card-title"><a href=href>{event.title.clone()}</a></h3>
            <p class="card-tags">
                <span class="tag">{kind}</span>
                <span class="tag tag-mechanism">{mechanism}</span>
                <VisibilityTag visibility=event.visibility/>
            </p>
            <p><time datetime=event.starts_on.to_string()>{when}</time> " · " {place}</p>
            {event.mission.map(|m| {
                let href = format!("/advocacy/missions/{}", m.id);
                view! { <p class="muted">{td_string!(l, part_of_mission)} " " <a href=href>{m.title}</a></p> }
            })}
        </li>
    }
}

/// Next steps and what came of an event; a next step can be marked done
/// from here by those who run advocacy.
#[component]
pub fn FollowUpList(
    follow_ups: Vec<FollowUp>,
    today: NaiveDate,
    may_edit: bool,
    back: String,
    #[prop(optional)] show_event: bool,
    action: ServerAction<CompleteFollowUp>,
) -> impl IntoView {
    let l = locale::current();
    view! {
        <ul class="follow-ups" role="list">
            {follow_ups.into_iter().map(|f| {
                let overdue = f.is_overdue(today);
                let class = if overdue { "follow-up overdue" } else { "follow-up" };
                let kind = locale::follow_up_kind_name(l, f.kind);
                let due = f.due_on.map(|d| {
                    let text = td_string!(l, due_on_text, date = locale::date(l, d)).to_string();
                    view! { <span class="muted">" · " <time datetime=d.to_string()>{text}</time></span> }
                });
                let done = f.done_on.map(|d| {
                    let text = td_string!(l, done_on_text, date = locale::date(l, d)).to_string();
                    view! { <span class="tag tag-done">{text}</span> }
                });
                let owner = f.owner.clone().map(|o| view! { <span class="muted">" · " {o}</span> });
                let event = show_event.then(|| {
                    let href = format!("/advocacy/events/{}", f.event);
                    view! { <br/><a href=href class="muted">{f.event_title.clone()}</a> }
                });
                let can_finish = may_edit && f.kind == FollowUpKind::NextStep && f.done_on.is_none();
                let back = back.clone();
                view! {
                    <li class=class>
                        <span class="tag">{kind}</span>
                        {overdue.then(|| view! { <span class="tag tag-overdue">{td_string!(l, overdue)}</span> })}
                        " " {f.text.clone()} {due} {owner} {done} {event}
                        {can_finish.then(|| view! {
                            <ActionForm action=action attr:class="inline-form">
                                <input type="hidden" name="follow_up" value=f.id.to_string()/>
                                <input type="hidden" name="back" value=back/>
                                <button type="submit" class="button small secondary">{td_string!(l, mark_done)}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A `<select>` of visibilities, the most open first.
#[component]
pub fn VisibilitySelect(#[prop(optional)] selected: Option<&'static str>) -> impl IntoView {
    let l = locale::current();
    let selected = selected.unwrap_or("staff");
    view! {
        <div class="field">
            <label for="field-visibility">{td_string!(l, label_visibility_record)}</label>
            <select id="field-visibility" name="form[visibility]">
                <option value="public" selected=selected == "public">{td_string!(l, visibility_public)}</option>
                <option value="network" selected=selected == "network">{td_string!(l, visibility_network)}</option>
                <option value="staff" selected=selected == "staff">{td_string!(l, visibility_staff)}</option>
                <option value="restricted" selected=selected == "restricted">{td_string!(l, visibility_restricted)}</option>
            </select>
        </div>
    }
}
