//! The sign-in form and its second step, the code of the second factor:
//! plain HTML forms posting to the `sign-in` and `sign-in-code` server
//! functions, so they work the same with and without JavaScript. A failure
//! comes back as `?failed=...` and is shown in an error summary that links
//! to the field to correct.

use crate::accounts::auth::safe_return_path;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let failed = move || query.with(|q| q.get("failed"));
    let minutes = move || {
        query.with(|q| {
            q.get("minutes")
                .and_then(|m| m.parse::<u32>().ok())
                .unwrap_or(15)
        })
    };
    let next = move || safe_return_path(query.with(|q| q.get("next")).as_deref());
    let problem = move || {
        failed().map(|reason| match reason.as_str() {
            "throttled" => t_string!(i18n, sign_in_throttled, minutes = minutes()).to_string(),
            "expired" => t_string!(i18n, sign_in_expired).to_owned(),
            _ => t_string!(i18n, sign_in_refused).to_owned(),
        })
    };
    view! {
        <Title text=td_string!(crate::locale::current(), sign_in).to_owned()/>
        <div class="narrow">
            <h1>{t!(i18n, sign_in)}</h1>
            {move || problem().map(|text| view! {
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{t!(i18n, error_summary_title)}</h2>
                    <ul><li><a href="#email">{text}</a></li></ul>
                </div>
            })}
            {move || query.with(|q| q.get("changed")).map(|_| view! {
                <p class="notice" role="status">{t!(i18n, password_changed)}</p>
            })}
            <p>{t!(i18n, sign_in_lead)}</p>
            <form method="post" action="/api/sign-in" class="stacked-form">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="email">{t!(i18n, field_email_label)}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        spellcheck="false" aria-invalid=move || failed().map(|_| "true")/>
                </div>
                <div class="field">
                    <label for="password">{t!(i18n, field_password_label)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button type="submit" class="button primary">{t!(i18n, sign_in)}</button>
            </form>
        </div>
    }
}

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || safe_return_path(query.with(|q| q.get("next")).as_deref());
    let problem = move || {
        query
            .with(|q| q.get("failed"))
            .map(|reason| match reason.as_str() {
                "throttled" => {
                    let minutes = query.with(|q| {
                        q.get("minutes")
                            .and_then(|m| m.parse::<u32>().ok())
                            .unwrap_or(15)
                    });
                    t_string!(i18n, sign_in_throttled, minutes = minutes).to_string()
                }
                "format" => t_string!(i18n, code_format).to_owned(),
                _ => t_string!(i18n, code_refused).to_owned(),
            })
    };
    view! {
        <Title text=td_string!(crate::locale::current(), code_title).to_owned()/>
        <div class="narrow">
            <h1>{t!(i18n, code_title)}</h1>
            {move || problem().map(|text| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2>{t!(i18n, error_summary_title)}</h2>
                    <ul><li><a href="#code">{text}</a></li></ul>
                </div>
            })}
            <p>{t!(i18n, code_lead)}</p>
            <form method="post" action="/api/sign-in-code" class="stacked-form">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="code">{t!(i18n, code_label)}</label>
                    <span class="hint" id="code-hint">{t!(i18n, code_recovery_hint)}</span>
                    <input id="code" name="code" type="text" autocomplete="one-time-code"
                        maxlength="32" required class="code-input" aria-describedby="code-hint"/>
                </div>
                <button type="submit" class="button primary">{t!(i18n, code_button)}</button>
            </form>
        </div>
    }
}
