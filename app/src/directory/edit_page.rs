//! Editing an organisation's profile. The form posts to the
//! `organisation-save` server function; once the page is interactive it does
//! so without leaving the page, so on a refusal (invalid field, someone else
//! saved first) everything typed is still there, under an error summary that
//! links to each field.

use crate::directory::editing::{fetch_edit_view, EditView, SaveOrganisation};
use crate::directory::org_facts::{FactValues, OrgFactsFields};
use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::summary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::{Visibility, DESCRIPTION_LANGUAGES};

#[component]
pub fn EditOrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let view_data = Resource::new(move || id.get(), fetch_edit_view);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(v) => view! { <EditForm data=v/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(data: EditView) -> impl IntoView {
    let l = locale::current();
    let i18n = use_i18n();
    let EditView {
        org,
        staff_fields,
        levels,
        themes,
    } = data;
    let save = ServerAction::<SaveOrganisation>::new();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let facts = FactValues::of(&org);
    let problems = move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| summary(l, &e))
    };
    let invalid = move |field: &'static str| {
        move || {
            save.value().with(|v| match v {
                Some(Err(AppError::Invalid(ps))) => {
                    ps.iter().any(|p| p.field == field).then_some("true")
                }
                _ => None,
            })
        }
    };
    let title = td_string!(l, edit_title, name = org.name.clone()).to_string();
    let profile_href = format!("/organisations/{}", org.id);
    let is_stale = move || matches!(save.value().get(), Some(Err(AppError::Stale { .. })));
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![
                ("/organisations".into(), td_string!(l, nav_directory).to_owned()),
                (profile_href.clone(), org.name.clone()),
            ]
            current=td_string!(l, edit_link).to_owned()
        />
        <div class="narrow-wide">
            <h1>{title}</h1>
            {move || problems().map(|items| view! {
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-stale=is_stale().then_some("")>
                    <h2 id="error-summary-title">
                        {move || if is_stale() { t_string!(i18n, stale_title) } else { t_string!(i18n, error_summary_title) }}
                    </h2>
                    <ul>
                        {items.into_iter().map(|(href, text)| view! {
                            <li><a href=href>{text}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <p>{if staff_fields { td_string!(l, edit_intro_staff) } else { td_string!(l, edit_intro_member) }}</p>
            <ActionForm action=save attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=org.id.to_string()/>
                <input type="hidden" name="form[version]" value=org.version.to_string()/>
                {staff_fields.then(|| view! {
                    <div class="field">
                        <label for="field-name">{td_string!(l, label_name)}</label>
                        <input id="field-name" name="form[name]" type="text" required value=org.name.clone()
                            aria-invalid=invalid("name")/>
                    </div>
                    <div class="field">
                        <label for="field-acronym">{td_string!(l, label_acronym)}</label>
                        <input id="field-acronym" name="form[acronym]" type="text" value=org.acronym.clone().unwrap_or_default()
                            aria-invalid=invalid("acronym")/>
                    </div>
                    <OrgFactsFields values=facts.clone() themes=themes.clone() error/>
                })}
                <div class="field">
                    <label for="field-city">{td_string!(l, label_city)}</label>
                    <input id="field-city" name="form[city]" type="text" value=org.city.clone().unwrap_or_default()
                        aria-invalid=invalid("city")/>
                </div>
                <div class="field">
                    <label for="field-website">{td_string!(l, label_website)}</label>
                    <span class="hint" id="hint-website">{td_string!(l, hint_website)}</span>
                    <input id="field-website" name="form[website]" type="url" aria-describedby="hint-website"
                        value=org.website.clone().unwrap_or_default() aria-invalid=invalid("website")/>
                </div>
                <div class="field">
                    <label for="field-email">{td_string!(l, label_email)}</label>
                    <input id="field-email" name="form[email]" type="email" value=org.email.clone().unwrap_or_default()
                        aria-invalid=invalid("email")/>
                </div>
                <div class="field">
                    <label for="field-description">{td_string!(l, label_description)}</label>
                    <span class="hint" id="hint-description">{td_string!(l, hint_description)}</span>
                    <textarea id="field-description" name="form[description]" rows="10" aria-describedby="hint-description"
                        aria-invalid=invalid("description")>{org.description.text.clone()}</textarea>
                </div>
                <div class="field">
                    <label for="field-description_lang">{td_string!(l, label_description_lang)}</label>
                    <select id="field-description_lang" name="form[description_lang]" aria-invalid=invalid("description_lang")>
                        {DESCRIPTION_LANGUAGES
                            .iter()
                            .map(|code| {
                                let selected = *code == org.description.lang;
                                view! { <option value=*code selected=selected>{locale::language_name(l, code)}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                {staff_fields.then(|| view! {
                    <div class="field">
                        <label for="field-visibility">{td_string!(l, label_visibility)}</label>
                        <span class="hint" id="hint-visibility">{td_string!(l, hint_visibility)}</span>
                        <select id="field-visibility" name="form[visibility]" aria-describedby="hint-visibility"
                            aria-invalid=invalid("visibility")>
                            {levels
                                .clone()
                                .into_iter()
                                .map(|v| {
                                    let label = match v {
                                        Visibility::Public => td_string!(l, visibility_public),
                                        Visibility::Network => td_string!(l, visibility_network),
                                        Visibility::Staff => td_string!(l, visibility_staff),
                                        Visibility::Restricted => td_string!(l, visibility_restricted),
                                    };
                                    view! { <option value=v.as_str() selected=v == org.visibility>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                })}
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, save_changes)}</button>
                    <a href=profile_href>{td_string!(l, cancel)}</a>
                </div>
            </ActionForm>
        </div>
    }
}
