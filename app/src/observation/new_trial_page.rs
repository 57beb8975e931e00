//! Registering a trial the network follows: the case, the court and its
//! clock and language, the charges, a defendant, a defence lawyer and a
//! supporting organisation, each chosen from those listed or, when not in
//! the platform yet, created with the trial (after the duplicate finder's
//! question). Staff and admins only.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::observation::api::TrialFormOptions;
use crate::observation::api::{fetch_trial_form, CreateTrial};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::similar_records::SimilarRecords;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{Charge, Visibility};

/// Time zones of the courts the network most often observes; any IANA name is accepted.
const TIME_ZONES: &[&str] = &[
    "Africa/Algiers",
    "Africa/Abidjan",
    "Africa/Bujumbura",
    "Africa/Cairo",
    "Africa/Kinshasa",
    "Africa/Lubumbashi",
    "Africa/Ouagadougou",
    "Africa/Tunis",
    "America/Bogota",
    "America/Mexico_City",
    "America/Tegucigalpa",
    "Asia/Almaty",
    "Asia/Jakarta",
    "Asia/Tehran",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Europe/Zurich",
];

/// Court languages offered in the form (ISO 639-1).
const LANGUAGES: &[&str] = &["ar", "en", "es", "fr", "id", "tr"];

#[component]
pub fn NewTrialPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| fetch_trial_form());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(o) => view! { <TrialFormView options=o/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrialFormView(options: TrialFormOptions) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<CreateTrial>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let invalid = move |field: &'static str| {
        move || {
            action.value().with(|v| match v {
                Some(Err(AppError::Invalid(ps))) => {
                    ps.iter().any(|p| p.field == field).then_some("true")
                }
                _ => None,
            })
        }
    };
    let title = td_string!(l, new_trial_title).to_owned();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/trials".into(), td_string!(l, nav_trials).to_owned())] current=title.clone()/>
        <div class="narrow-wide">
            <h1>{title}</h1>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <div class="field">
                    <label for="field-case_name">{td_string!(l, label_case_name)}</label>
                    <input id="field-case_name" name="form[case_name]" type="text" required aria-invalid=invalid("case_name")/>
                </div>
                <div class="field">
                    <label for="field-court">{td_string!(l, court)}</label>
                    <input id="field-court" name="form[court]" type="text" required aria-invalid=invalid("court")/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="field-city">{td_string!(l, label_city)}</label>
                        <input id="field-city" name="form[city]" type="text" required aria-invalid=invalid("city")/>
                    </div>
                    <div class="field">
                        <label for="field-country">{td_string!(l, filter_country)}</label>
                        <span class="hint" id="hint-country">{td_string!(l, hint_country_code)}</span>
                        <input id="field-country" name="form[country]" type="text" maxlength="2" size="4" required
                            aria-describedby="hint-country" aria-invalid=invalid("country")/>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="field-timezone">{td_string!(l, label_timezone)}</label>
                        <span class="hint" id="hint-timezone">{td_string!(l, hint_timezone)}</span>
                        <input id="field-timezone" name="form[timezone]" type="text" list="time-zones" required
                            aria-describedby="hint-timezone" aria-invalid=invalid("timezone")/>
                        <datalist id="time-zones">
                            {TIME_ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}
                        </datalist>
                    </div>
                    <div class="field">
                        <label for="field-court_language">{td_string!(l, court_language)}</label>
                        <select id="field-court_language" name="form[court_language]" aria-invalid=invalid("court_language")>
                            {LANGUAGES.iter().map(|c| view! { <option value=*c>{locale::language_name(l, c)}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <fieldset class="report-item" id="field-charges">
                    <legend>{td_string!(l, charges)}</legend>
                    <div class="choices">
                        {Charge::ALL.iter().enumerate().map(|(i, c)| {
                            let id = format!("charge-{}", c.as_str());
                            let label_for = id.clone();
                            view! {
                                <label class="choice" for=label_for>
                                    <input type="checkbox" id=id name=format!("form[charges][{i}]") value=c.as_str()/>
                                    {locale::charge_name(l, *c)}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field-group">
                    <div class="field">
                        <label for="field-defendant">{td_string!(l, label_defendant)}</label>
                        <select id="field-defendant" name="form[defendant]" aria-invalid=invalid("defendant")>
                            <option value="">"—"</option>
                            {options.defendants.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-new_defendant">{td_string!(l, field_new_defendant)}</label>
                        <span class="hint" id="hint-new_defendant">{td_string!(l, trial_new_or_listed)}</span>
                        <input id="field-new_defendant" name="form[new_defendant]" type="text" maxlength="200"
                            aria-describedby="hint-new_defendant" aria-invalid=invalid("new_defendant")/>
                    </div>
                </div>
                <div class="field-group">
                    <div class="field">
                        <label for="field-lawyer">{td_string!(l, label_lawyer_choice)}</label>
                        <select id="field-lawyer" name="form[lawyer]" aria-invalid=invalid("lawyer")>
                            <option value="">"—"</option>
                            {options.lawyers.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-new_lawyer">{td_string!(l, field_new_lawyer)}</label>
                        <span class="hint" id="hint-new_lawyer">{td_string!(l, trial_new_or_listed)}</span>
                        <input id="field-new_lawyer" name="form[new_lawyer]" type="text" maxlength="200"
                            aria-describedby="hint-new_lawyer" aria-invalid=invalid("new_lawyer")/>
                    </div>
                </div>
                <div class="field-group">
                    <div class="field">
                        <label for="field-supporter">{td_string!(l, label_supporter)}</label>
                        <select id="field-supporter" name="form[supporter]" aria-invalid=invalid("supporter")>
                            <option value="">"—"</option>
                            {options.organisations.into_iter().map(|o| {
                                let label = match &o.acronym { Some(a) => format!("{} ({a})", o.name), None => o.name.clone() };
                                view! { <option value=o.id.to_string()>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-new_supporter">{td_string!(l, field_new_supporter)}</label>
                        <span class="hint" id="hint-new_supporter">{td_string!(l, trial_new_supporter_hint)}</span>
                        <input id="field-new_supporter" name="form[new_supporter]" type="text" maxlength="200"
                            aria-describedby="hint-new_supporter" aria-invalid=invalid("new_supporter")/>
                    </div>
                </div>
                <div class="field">
                    <label for="field-visibility">{td_string!(l, label_trial_visibility)}</label>
                    <span class="hint" id="hint-visibility">{td_string!(l, hint_visibility)}</span>
                    <select id="field-visibility" name="form[visibility]" aria-describedby="hint-visibility">
                        {Visibility::ALL.into_iter().map(|v| {
                            let label = match v {
                                Visibility::Public => td_string!(l, visibility_public),
                                Visibility::Network => td_string!(l, visibility_network),
                                Visibility::Staff => td_string!(l, visibility_staff),
                                Visibility::Restricted => td_string!(l, visibility_restricted),
                            };
                            view! { <option value=v.as_str() selected=v == Visibility::Staff>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-summary">{td_string!(l, label_description)}</label>
                    <textarea id="field-summary" name="form[summary]" rows="4"></textarea>
                </div>
                <SimilarRecords error/>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, new_trial_button)}</button>
                    <a href="/trials">{td_string!(l, cancel)}</a>
                </div>
            </ActionForm>
        </div>
    }
}
