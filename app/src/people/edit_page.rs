//! Adding a person, and editing one: staff and admins. The same form for
//! both; what was typed stays when the server refuses it.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::people::api::{fetch_person, CreatePerson, SavePerson};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::similar_records::SimilarRecords;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::{Gender, PersonForm, PersonRole, RiskLevel, Visibility};

#[component]
pub fn NewPersonPage() -> impl IntoView {
    let may_add =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role.plans_missions());
    if !may_add {
        return view! { <ErrorView error=AppError::Forbidden/> }.into_any();
    }
    let l = locale::current();
    let action = ServerAction::<CreatePerson>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let title = td_string!(l, person_new_title).to_owned();
    view! {
        <Title text=title.clone()/>
        <div class="narrow-wide">
            <h1>{title}</h1>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <PersonFields form=PersonForm::default() error/>
                <SimilarRecords error/>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, person_new_button)}</button>
                    <a href="/trials">{td_string!(l, cancel)}</a>
                </div>
            </ActionForm>
        </div>
    }
    .into_any()
}

#[component]
pub fn EditPersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let person = Resource::new(move || id.get(), fetch_person);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(v) if v.may_edit => view! { <EditForm view=v/> }.into_any(),
                    Ok(_) => view! { <ErrorView error=AppError::Forbidden/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(view: crate::people::api::PersonView) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<SavePerson>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let p = view.person;
    let title = td_string!(l, person_edit_title, name = p.name.clone()).to_string();
    let back = format!("/people/{}", p.id);
    view! {
        <Title text=title.clone()/>
        <div class="narrow-wide">
            <h1>{title}</h1>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=p.id.to_string()/>
                <input type="hidden" name="form[version]" value=p.version.to_string()/>
                <PersonFields form=PersonForm::of(&p) error/>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, person_save_button)}</button>
                    <a href=back>{td_string!(l, cancel)}</a>
                </div>
            </ActionForm>
        </div>
    }
}

/// The fields of a person, filled in from `form`; a field the server refused
/// is marked invalid.
#[component]
fn PersonFields(form: PersonForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let l = locale::current();
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
    let ticked = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.is_empty());
    let roles = [
        (PersonRole::Defender, "defender", ticked(&form.defender)),
        (PersonRole::Lawyer, "lawyer", ticked(&form.lawyer)),
        (PersonRole::Observer, "observer", ticked(&form.observer)),
        (PersonRole::Staff, "staff", ticked(&form.staff)),
    ];
    let risk = if form.risk_level.is_empty() {
        "low".to_owned()
    } else {
        form.risk_level.clone()
    };
    let visibility = if form.visibility.is_empty() {
        "staff".to_owned()
    } else {
        form.visibility.clone()
    };
    view! {
        <div class="field">
            <label for="field-name">{td_string!(l, label_name)}</label>
            <input id="field-name" name="form[name]" type="text" required maxlength="200"
                value=form.name.clone() aria-invalid=invalid("name")/>
        </div>
        <fieldset class="report-item" id="field-roles">
            <legend>{td_string!(l, person_roles)}</legend>
            <div class="choices">
                {roles.into_iter().map(|(role, name, on)| {
                    let id = format!("role-{name}");
                    let label_for = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id name=format!("form[{name}]") value="on" checked=on/>
                            {locale::person_role_name(l, role)}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <div class="field-row">
            <div class="field">
                <label for="field-risk_level">{td_string!(l, field_risk_level)}</label>
                <select id="field-risk_level" name="form[risk_level]" aria-invalid=invalid("risk_level")>
                    {RiskLevel::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r.as_str() == risk>{locale::risk_level_name(l, r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="field-gender">{td_string!(l, field_gender)}</label>
                <select id="field-gender" name="form[gender]" aria-invalid=invalid("gender")>
                    <option value="" selected=form.gender.is_empty()>{td_string!(l, gender_unknown)}</option>
                    {Gender::ALL.iter().map(|g| view! {
                        <option value=g.as_str() selected=g.as_str() == form.gender>{locale::gender_name(l, *g)}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        <div class="field-row">
            <div class="field">
                <label for="field-nationality">{td_string!(l, field_nationality)}</label>
                <span class="hint" id="hint-nationality">{td_string!(l, hint_nationality)}</span>
                <input id="field-nationality" name="form[nationality]" type="text" maxlength="2" size="4"
                    value=form.nationality.clone() aria-describedby="hint-nationality" aria-invalid=invalid("nationality")/>
            </div>
            <div class="field">
                <label for="field-languages">{td_string!(l, field_languages)}</label>
                <span class="hint" id="hint-languages">{td_string!(l, hint_languages)}</span>
                <input id="field-languages" name="form[languages]" type="text" maxlength="80"
                    value=form.languages.clone() aria-describedby="hint-languages" aria-invalid=invalid("languages")/>
            </div>
        </div>
        <div class="field">
            <label for="field-visibility">{td_string!(l, label_person_visibility)}</label>
            <span class="hint" id="hint-visibility">{td_string!(l, hint_person_visibility)}</span>
            <select id="field-visibility" name="form[visibility]" aria-describedby="hint-visibility"
                aria-invalid=invalid("visibility")>
                {Visibility::ALL.into_iter().map(|v| view! {
                    <option value=v.as_str() selected=v.as_str() == visibility>{locale::visibility_name(l, v)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="field-description">{td_string!(l, label_description)}</label>
            <textarea id="field-description" name="form[description]" rows="5" maxlength="10000"
                aria-invalid=invalid("description")>{form.description.clone()}</textarea>
        </div>
    }
}
