//! `/alerts/new`: a member tells the secretariat what happened. The form
//! works without JavaScript; it says who will read the alert before it is
//! sent.

use crate::alerts::api::{fetch_alert_choices, AlertChoices, SendAlert};
use crate::alerts::names::{consent_name, risk_name};
use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::alert::{Consent, Risk};

#[component]
pub fn NewAlertPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_alert_choices());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => view! { <AlertFormView choices=c/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AlertFormView(choices: AlertChoices) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<SendAlert>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let invalid = move |field: &'static str| {
        move || {
            error.with(|e| match e {
                Some(AppError::Invalid(ps)) => {
                    ps.iter().any(|p| p.field == field).then_some("true")
                }
                _ => None,
            })
        }
    };
    let title = td_string!(l, alert_new_title).to_owned();
    let today = chrono::Utc::now().date_naive().to_string();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/alerts".into(), td_string!(l, alerts_title).to_owned())] current=title.clone()/>
        <div class="narrow-wide">
            <h1>{title}</h1>
            <p class="lede">{td_string!(l, alert_new_lead)}</p>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <fieldset id="field-who">
                    <legend>{td_string!(l, alert_who_legend)}</legend>
                    <div class="radio-row">
                        <label class="radio"><input type="radio" name="form[who]" value="existing"/>{td_string!(l, alert_who_existing)}</label>
                        <label class="radio"><input type="radio" name="form[who]" value="new" checked/>{td_string!(l, alert_who_new)}</label>
                        <label class="radio"><input type="radio" name="form[who]" value="unnamed"/>{td_string!(l, alert_who_unnamed)}</label>
                    </div>
                    <div class="field">
                        <label for="field-person">{td_string!(l, alert_person_label)}</label>
                        <select id="field-person" name="form[person]" aria-invalid=invalid("person")>
                            <option value="">{td_string!(l, join_choose)}</option>
                            {choices.persons.iter().map(|p| view! {
                                <option value=p.id.as_str().to_owned()>{p.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-name">{td_string!(l, alert_name_label)}</label>
                        <input id="field-name" name="form[name]" type="text" maxlength="200" aria-invalid=invalid("name")/>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{td_string!(l, alert_what_legend)}</legend>
                    <div class="field">
                        <label for="field-what">{td_string!(l, field_what)}</label>
                        <span class="hint" id="hint-what">{td_string!(l, alert_what_hint)}</span>
                        <textarea id="field-what" name="form[what]" rows="6" maxlength="10000" required
                            aria-describedby="hint-what" aria-invalid=invalid("what")></textarea>
                    </div>
                    <div class="field">
                        <label for="field-country">{td_string!(l, field_country)}</label>
                        <select id="field-country" name="form[country]" required aria-invalid=invalid("country")>
                            <option value="">{td_string!(l, join_choose)}</option>
                            {choices.countries.iter().map(|c| view! {
                                <option value=c.code.as_str().to_owned()>{c.name_in(locale::code(l)).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-place">{td_string!(l, alert_place_label)}</label>
                        <input id="field-place" name="form[place]" type="text" maxlength="200" aria-invalid=invalid("place")/>
                    </div>
                    <div class="field">
                        <label for="field-happened_on">{td_string!(l, field_happened_on)}</label>
                        <input id="field-happened_on" name="form[happened_on]" type="date" max=today required
                            aria-invalid=invalid("happened_on")/>
                    </div>
                </fieldset>
                <fieldset id="field-risk">
                    <legend>{td_string!(l, alert_risk_legend)}</legend>
                    <div class="radio-row">
                        {Risk::ALL.iter().map(|r| view! {
                            <label class="radio">
                                <input type="radio" name="form[risk]" value=r.as_str() required/>
                                {risk_name(l, *r)}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="field-sources">{td_string!(l, field_sources)}</label>
                    <span class="hint" id="hint-sources">{td_string!(l, alert_sources_hint)}</span>
                    <textarea id="field-sources" name="form[sources]" rows="3" maxlength="5000" required
                        aria-describedby="hint-sources" aria-invalid=invalid("sources")></textarea>
                </div>
                <fieldset id="field-consent">
                    <legend>{td_string!(l, alert_consent_legend)}</legend>
                    {Consent::ALL.iter().map(|c| view! {
                        <label class="radio">
                            <input type="radio" name="form[consent]" value=c.as_str() required/>
                            {consent_name(l, *c)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset id="field-visibility">
                    <legend>{td_string!(l, alert_level_legend)}</legend>
                    <label class="radio">
                        <input type="radio" name="form[visibility]" value="restricted" checked/>
                        {td_string!(l, alert_level_restricted)}
                    </label>
                    <label class="radio">
                        <input type="radio" name="form[visibility]" value="staff"/>
                        {td_string!(l, alert_level_staff)}
                    </label>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button">{td_string!(l, alert_send)}</button>
                </div>
            </ActionForm>
        </div>
    }
}
