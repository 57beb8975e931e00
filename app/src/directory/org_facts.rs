//! The staff's fields of an organisation, shared by the form that adds one
//! and the one that edits it: kind, member since, seat, themes, working
//! languages and other names.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::{OrgKind, Theme};

/// What the fields start from: empty for a new organisation, the record's
/// values for an edit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactValues {
    pub kind: Option<OrgKind>,
    pub member_since: Option<i32>,
    pub country: String,
    pub themes: Vec<String>,
    pub languages: String,
    pub other_names: String,
}

impl FactValues {
    pub fn of(org: &shared::Organisation) -> Self {
        FactValues {
            kind: Some(org.kind),
            member_since: org.member_since,
            country: org
                .based_in
                .as_ref()
                .map(|c| c.code.as_str().to_owned())
                .unwrap_or_default(),
            themes: org.themes.iter().map(|t| t.id.to_string()).collect(),
            languages: org.languages.join(", "),
            other_names: org.other_names.join("\n"),
        }
    }
}

#[component]
pub fn OrgFactsFields(
    values: FactValues,
    themes: Vec<Theme>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
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
    let kind = values.kind;
    view! {
        <div class="field-row">
            <div class="field">
                <label for="field-kind">{td_string!(l, label_kind)}</label>
                <select id="field-kind" name="form[kind]" required aria-invalid=invalid("kind")>
                    {OrgKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=kind == Some(k)>{locale::kind_name(l, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="field-member_since">{td_string!(l, label_member_since)}</label>
                <input id="field-member_since" name="form[member_since]" type="text" inputmode="numeric"
                    maxlength="4" size="6" value=values.member_since.map(|y| y.to_string()).unwrap_or_default()
                    aria-invalid=invalid("member_since")/>
            </div>
            <div class="field">
                <label for="field-country">{td_string!(l, label_seat)}</label>
                <span class="hint" id="hint-country">{td_string!(l, hint_country_code)}</span>
                <input id="field-country" name="form[country]" type="text" maxlength="2" size="4"
                    value=values.country.clone() aria-describedby="hint-country" aria-invalid=invalid("country")/>
            </div>
        </div>
        <fieldset class="report-item" id="field-themes">
            <legend>{td_string!(l, label_themes)}</legend>
            <div class="choices">
                {themes.into_iter().map(|t| {
                    let key = t.id.to_string();
                    let id = format!("theme-{key}");
                    let on = values.themes.contains(&key);
                    let label_for = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id name=format!("form[themes][{key}]") value="on" checked=on/>
                            {locale::theme_name(l, &t)}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <div class="field">
            <label for="field-languages">{td_string!(l, label_working_languages)}</label>
            <span class="hint" id="hint-languages">{td_string!(l, hint_languages)}</span>
            <input id="field-languages" name="form[languages]" type="text" maxlength="80"
                value=values.languages.clone() aria-describedby="hint-languages" aria-invalid=invalid("languages")/>
        </div>
        <div class="field">
            <label for="field-other_names">{td_string!(l, label_other_names)}</label>
            <span class="hint" id="hint-other_names">{td_string!(l, hint_other_names)}</span>
            <textarea id="field-other_names" name="form[other_names]" rows="3" maxlength="2200"
                aria-describedby="hint-other_names" aria-invalid=invalid("other_names")>{values.other_names.clone()}</textarea>
        </div>
    }
}
