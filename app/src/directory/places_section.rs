//! Where an organisation or a person is, on its page: the seat and work on
//! countries and themes with their years and sources, current first, then
//! the past; for staff, the forms that add, end and delete them.

use crate::directory::place_ties::{DeletePlaceTie, EndPlaceTie, PlaceChoices, SetPlaceTie};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::last_write::LastWrite;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use shared::{Place, PlaceKind, PlaceTie, Visibility};

/// The section's writes: made once per page, so that the page is read
/// again after each one.
#[derive(Clone, Copy)]
pub struct PlaceActions {
    set: ServerAction<SetPlaceTie>,
    end: ServerAction<EndPlaceTie>,
    delete: ServerAction<DeletePlaceTie>,
    last: LastWrite,
}

impl PlaceActions {
    pub fn new() -> Self {
        let (set, end, delete) = (
            ServerAction::<SetPlaceTie>::new(),
            ServerAction::<EndPlaceTie>::new(),
            ServerAction::<DeletePlaceTie>::new(),
        );
        PlaceActions {
            set,
            end,
            delete,
            last: LastWrite::new([set.version(), end.version(), delete.version()]),
        }
    }

    fn error(&self) -> Option<crate::error::AppError> {
        self.last.error([
            self.set.value().get(),
            self.end.value().get(),
            self.delete.value().get(),
        ])
    }

    /// Changes after each write that answered.
    pub fn version(&self) -> usize {
        self.set.version().get() + self.end.version().get() + self.delete.version().get()
    }
}

impl Default for PlaceActions {
    fn default() -> Self {
        Self::new()
    }
}

fn kind_name(l: Locale, k: PlaceKind) -> &'static str {
    match k {
        PlaceKind::BasedIn => td_string!(l, place_based_in),
        PlaceKind::WorksOn => td_string!(l, place_works_on),
    }
}

fn place_name(l: Locale, p: &Place) -> String {
    match p {
        Place::Country(c) => locale::country_name(l, c).to_string(),
        Place::Theme(t) => locale::theme_name(l, t).to_string(),
    }
}

/// The places of `holder` (`organisation/<key>` or `person/<key>`).
#[component]
pub fn PlacesSection(
    holder: String,
    places: Vec<PlaceTie>,
    may_edit: bool,
    choices: PlaceChoices,
    actions: PlaceActions,
) -> impl IntoView {
    let l = locale::current();
    let (current, past): (Vec<PlaceTie>, Vec<PlaceTie>) =
        places.into_iter().partition(PlaceTie::is_current);
    let lines = |ties: Vec<PlaceTie>, holder: String| {
        ties.into_iter()
            .map(|t| view! { <PlaceLine tie=t holder=holder.clone() may_edit actions/> })
            .collect_view()
    };
    view! {
        <section id="places" aria-labelledby="places-title">
            <h2 id="places-title">{td_string!(l, places_title)}</h2>
            {(current.is_empty() && past.is_empty()).then(|| view! {
                <p class="muted">{td_string!(l, places_none)}</p>
            })}
            {(!current.is_empty()).then(|| view! {
                <ul class="link-list ties" data-testid="places-current">{lines(current, holder.clone())}</ul>
            })}
            {(!past.is_empty()).then(|| view! {
                <h3>{td_string!(l, places_past)}</h3>
                <ul class="link-list ties" data-testid="places-past">{lines(past, holder.clone())}</ul>
            })}
            {may_edit.then(|| view! { <AddPlace holder=holder.clone() choices actions/> })}
        </section>
    }
}

#[component]
fn PlaceLine(
    tie: PlaceTie,
    holder: String,
    may_edit: bool,
    actions: PlaceActions,
) -> impl IntoView {
    let l = locale::current();
    let name = place_name(l, &tie.place);
    let href = match &tie.place {
        Place::Country(c) => format!("/countries/{}", c.code.key()),
        Place::Theme(t) => format!("/organisations?theme={}", t.id),
    };
    let years = locale::years(l, tie.since, tie.until);
    let ended = tie.until.is_some();
    let kind = tie.kind.as_str();
    let place = tie.place.key().form_value();
    let slug = place.replace(':', "-").to_ascii_lowercase();
    // A pair may hold one relation per level: the row names its own.
    let level = tie.visibility.as_str();
    let end_id = format!("end-place-{kind}-{slug}-{level}");
    // The kind and the place tell apart the buttons of one country that is
    // both the seat and a place of work.
    let named = format!("{} {}", kind_name(l, tie.kind), name);
    let end_form = (may_edit && !ended).then(|| {
        let (holder, place, name) = (holder.clone(), place.clone(), named.clone());
        view! {
            <ActionForm action=actions.end attr:class="inline-form">
                <input type="hidden" name="holder" value=holder/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="place" value=place/>
                <input type="hidden" name="level" value=level/>
                <label for=end_id.clone()>
                    {td_string!(l, membership_end_year)}
                    <span class="visually-hidden">" (" {name.clone()} ")"</span>
                </label>
                <input id=end_id.clone() name="until" type="number" min="1900" max="2100" required class="year-input"/>
                <button type="submit" class="button secondary">
                    {td_string!(l, place_end, place = name).to_string()}
                </button>
            </ActionForm>
        }
    });
    let delete_form = may_edit.then(|| {
        let (holder, place, name) = (holder.clone(), place.clone(), named.clone());
        view! {
            <ActionForm action=actions.delete attr:class="inline-form">
                <input type="hidden" name="holder" value=holder/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="place" value=place/>
                <input type="hidden" name="level" value=level/>
                <button type="submit" class="button secondary">
                    {td_string!(l, place_delete, place = name).to_string()}
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class:ended=ended>
            <span class="tie-kind">{kind_name(l, tie.kind)}</span> " "
            <a href=href>{name.clone()}</a>
            {years.map(|y| view! { " · " <span class="muted">{y}</span> })}
            " "
            <VisibilityTag visibility=tie.visibility/>
            {tie.source.clone().map(|s| view! { <p class="hint">{td_string!(l, membership_source)} ": " {s}</p> })}
            {may_edit.then(|| view! { <div class="inline-actions">{end_form}{delete_form}</div> })}
        </li>
    }
}

/// Adds a seat or work on a country or a theme (or changes that relation).
#[component]
fn AddPlace(holder: String, choices: PlaceChoices, actions: PlaceActions) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || actions.error());
    let lang = locale::code(l);
    view! {
        <details class="panel" open=move || error.with(Option::is_some)>
            <summary>{td_string!(l, place_add)}</summary>
            <ErrorSummary error prefix="place-field-"/>
            <ActionForm action=actions.set attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="holder" value=holder/>
                <div class="field-row">
                    <div class="field">
                        <label for="place-field-kind">{td_string!(l, tie_kind_label)}</label>
                        <select id="place-field-kind" name="form[kind]" required>
                            {PlaceKind::ALL.iter().copied().map(|k| view! {
                                <option value=k.as_str()>{kind_name(l, k)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="place-field-place">{td_string!(l, place_label)}</label>
                        <select id="place-field-place" name="form[place]" required aria-describedby="hint-place">
                            <option value="">"—"</option>
                            <optgroup label=td_string!(l, countries)>
                                {choices.countries.into_iter().map(|c| view! {
                                    <option value=format!("country:{}", c.code.as_str())>{c.name_in(lang).to_owned()}</option>
                                }).collect_view()}
                            </optgroup>
                            <optgroup label=td_string!(l, themes)>
                                {choices.themes.into_iter().map(|t| view! {
                                    <option value=format!("theme:{}", t.id)>{locale::theme_name(l, &t).to_string()}</option>
                                }).collect_view()}
                            </optgroup>
                        </select>
                        <span class="hint" id="hint-place">{td_string!(l, hint_place)}</span>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="place-field-since">{td_string!(l, membership_since_label)}</label>
                        <input id="place-field-since" name="form[since]" type="number" min="1900" max="2100" class="year-input"/>
                    </div>
                    <div class="field">
                        <label for="place-field-until">{td_string!(l, membership_until_label)}</label>
                        <input id="place-field-until" name="form[until]" type="number" min="1900" max="2100" class="year-input"/>
                    </div>
                </div>
                <div class="field">
                    <label for="place-field-source">{td_string!(l, membership_source)}</label>
                    <input id="place-field-source" name="form[source]" type="text" maxlength="500"/>
                </div>
                <div class="field">
                    <label for="place-field-visibility">{td_string!(l, tie_visibility)}</label>
                    <span class="hint" id="hint-place-visibility">{td_string!(l, hint_place_visibility)}</span>
                    <select id="place-field-visibility" name="form[visibility]" aria-describedby="hint-place-visibility">
                        {choices.levels.into_iter().map(|v| view! {
                            <option value=v.as_str() selected=v == Visibility::Network>{locale::visibility_name(l, v)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button primary">{td_string!(l, place_add_button)}</button>
            </ActionForm>
        </details>
    }
}
