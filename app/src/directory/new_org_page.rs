//! Adding an organisation (staff and admins): every field at once, and the
//! duplicate finder's question before anything is saved. What was typed
//! stays when the server refuses it.

use crate::directory::editing::{fetch_new_org_view, CreateOrganisation, NewOrgView};
use crate::directory::org_facts::{FactValues, OrgFactsFields};
use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::similar_records::SimilarRecords;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{Visibility, DESCRIPTION_LANGUAGES};

#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_new_org_view());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <NewOrgForm data=v/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewOrgForm(data: NewOrgView) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<CreateOrganisation>::new();
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
    let title = td_string!(l, org_new_title).to_owned();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![("/organisations".into(), td_string!(l, nav_directory).to_owned())]
            current=title.clone()
        />
        <div class="narrow-wide">
            <h1>{title}</h1>
            <ErrorSummary error/>
            <p>{td_string!(l, org_new_intro)} " " <a href="/imports">{td_string!(l, import_link)}</a></p>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <div class="field">
                    <label for="field-name">{td_string!(l, label_name)}</label>
                    <input id="field-name" name="form[name]" type="text" required maxlength="200"
                        aria-invalid=invalid("name")/>
                </div>
                <div class="field">
                    <label for="field-acronym">{td_string!(l, label_acronym)}</label>
                    <input id="field-acronym" name="form[acronym]" type="text" maxlength="24"
                        aria-invalid=invalid("acronym")/>
                </div>
                <OrgFactsFields values=FactValues::default() themes=data.themes.clone() error/>
                <div class="field">
                    <label for="field-city">{td_string!(l, label_city)}</label>
                    <input id="field-city" name="form[city]" type="text" aria-invalid=invalid("city")/>
                </div>
                <div class="field">
                    <label for="field-website">{td_string!(l, label_website)}</label>
                    <span class="hint" id="hint-website">{td_string!(l, hint_website)}</span>
                    <input id="field-website" name="form[website]" type="url" aria-describedby="hint-website"
                        aria-invalid=invalid("website")/>
                </div>
                <div class="field">
                    <label for="field-email">{td_string!(l, label_email)}</label>
                    <input id="field-email" name="form[email]" type="email" aria-invalid=invalid("email")/>
                </div>
                <div class="field">
                    <label for="field-description">{td_string!(l, label_description)}</label>
                    <textarea id="field-description" name="form[description]" rows="6" maxlength="10000"
                        aria-invalid=invalid("description")></textarea>
                </div>
                <div class="field">
                    <label for="field-description_lang">{td_string!(l, label_description_lang)}</label>
                    <select id="field-description_lang" name="form[description_lang]" aria-invalid=invalid("description_lang")>
                        {DESCRIPTION_LANGUAGES.iter().map(|code| view! {
                            <option value=*code selected=*code == "en">{locale::language_name(l, code)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-visibility">{td_string!(l, label_visibility)}</label>
                    <span class="hint" id="hint-visibility">{td_string!(l, hint_visibility)}</span>
                    <select id="field-visibility" name="form[visibility]" aria-describedby="hint-visibility"
                        aria-invalid=invalid("visibility")>
                        {data.levels.iter().map(|v| view! {
                            <option value=v.as_str() selected=*v == Visibility::Network>{locale::visibility_name(l, *v)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <SimilarRecords error/>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, org_new_button)}</button>
                    <a href="/organisations">{td_string!(l, cancel)}</a>
                </div>
            </ActionForm>
        </div>
    }
}
