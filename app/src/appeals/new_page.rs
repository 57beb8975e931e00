//! `/appeals/new?alert=<id>`: an urgent appeal written from an alert, in
//! English, French and/or Spanish, for everyone or for the network. It
//! starts as a draft the secretariat approves and publishes.

use crate::appeals::api::WriteAppeal;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::layout::Breadcrumbs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::appeal::{AppealText, Audience};

#[component]
pub fn NewAppealPage() -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<WriteAppeal>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let query = use_query_map();
    let alert = query.with_untracked(|q| q.get("alert")).unwrap_or_default();
    let country = query
        .with_untracked(|q| q.get("country"))
        .unwrap_or_default();
    let title = td_string!(l, appeal_new_title).to_owned();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/appeals".into(), td_string!(l, appeals_title).to_owned())] current=title.clone()/>
        <h1>{title}</h1>
        <p class="lede">{td_string!(l, appeal_new_lead)}</p>
        <ErrorSummary error/>
        <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
            <input type="hidden" name="form[alert]" value=alert/>
            <div class="field">
                <label for="field-country">{td_string!(l, label_country)}</label>
                <span class="hint" id="hint-country">{td_string!(l, hint_country_code)}</span>
                <input id="field-country" name="form[country]" type="text" maxlength="2" size="4" required
                    aria-describedby="hint-country" value=country/>
            </div>
            <AppealFields texts=Vec::new() audience=Audience::Network/>
            <div class="form-actions">
                <button type="submit" class="button">{td_string!(l, appeal_write)}</button>
            </div>
        </ActionForm>
    }
}

/// The audience and the texts in each language, as typed or as stored:
/// the fields of writing an appeal and of changing it.
#[component]
pub fn AppealFields(texts: Vec<AppealText>, audience: Audience) -> impl IntoView {
    let l = locale::current();
    let language = move |code: &'static str| {
        let name = locale::language_name(l, code);
        let text = texts.iter().find(|t| t.language == code);
        let title = text.map(|t| t.title.clone()).unwrap_or_default();
        let body = text.map(|t| t.body.clone()).unwrap_or_default();
        view! {
            <fieldset lang=code>
                <legend>{name}</legend>
                <div class="field">
                    <label for=format!("field-title_{code}")>{td_string!(l, appeal_title_label)} " (" {code} ")"</label>
                    <input id=format!("field-title_{code}") name=format!("form[title_{code}]") type="text" maxlength="200" value=title/>
                </div>
                <div class="field">
                    <label for=format!("field-body_{code}")>{td_string!(l, appeal_body_label)} " (" {code} ")"</label>
                    <textarea id=format!("field-body_{code}") name=format!("form[body_{code}]") rows="8"
                        maxlength=shared::appeal::APPEAL_BODY_MAX.to_string()>{body}</textarea>
                </div>
            </fieldset>
        }
    };
    view! {
        <fieldset id="field-audience">
            <legend>{td_string!(l, appeal_audience_legend)}</legend>
            <label class="radio"><input type="radio" name="form[audience]" value="public" checked=audience == Audience::Public/>{td_string!(l, appeal_audience_public)}</label>
            <label class="radio"><input type="radio" name="form[audience]" value="network" checked=audience == Audience::Network/>{td_string!(l, appeal_audience_network)}</label>
        </fieldset>
        {language("en")}
        {language("fr")}
        {language("es")}
    }
}
