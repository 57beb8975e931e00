//! The code step of signing in, and the account page where the second
//! factor is set up or turned off. Plain forms: they work without JavaScript.

use crate::account::BeginTotp;
use crate::auth::safe_return_path;
use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
        <Title text=move || t_string!(i18n, code_title).to_owned()/>
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
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        pattern="[0-9 ]*" maxlength="7" required class="code-input"/>
                </div>
                <button type="submit" class="button primary">{t!(i18n, code_button)}</button>
            </form>
        </div>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = locale::current();
    let query = use_query_map();
    let Some(user) = crate::auth::use_current_user() else {
        return view! { <crate::components::error_view::ErrorView error=crate::error::AppError::SignInRequired/> }
            .into_any();
    };
    let begin = ServerAction::<BeginTotp>::new();
    let done = query.with_untracked(|q| q.get("done"));
    let failed = query.with_untracked(|q| q.get("failed")).is_some();
    let required = query.with_untracked(|q| q.get("required")).is_some();
    view! {
        <Title text=move || t_string!(i18n, account_title).to_owned()/>
        <div class="narrow-wide">
            <h1>{t!(i18n, account_title)}</h1>
            {required.then(|| view! {
                <div class="error-summary" role="alert"><p>{td_string!(l, second_factor_required)}</p></div>
            })}
            {failed.then(|| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2>{td_string!(l, error_summary_title)}</h2>
                    <ul><li><a href="#totp-code">{td_string!(l, code_refused)}</a></li></ul>
                </div>
            })}
            {done.map(|d| {
                let text = if d == "totp-on" { td_string!(l, second_factor_enabled) } else { td_string!(l, second_factor_disabled) };
                view! { <p class="notice" role="status">{text}</p> }
            })}
            <dl class="facts">
                <div><dt>{td_string!(l, label_name)}</dt><dd>{user.name.clone()}</dd></div>
                <div><dt>{td_string!(l, field_email_label)}</dt><dd>{user.email.clone()}</dd></div>
                <div><dt>{td_string!(l, label_role)}</dt><dd>{locale::role_name(l, user.role)}</dd></div>
            </dl>
            <section aria-labelledby="second-factor-title" class="panel">
                <h2 id="second-factor-title">{td_string!(l, second_factor_title)}</h2>
                {if user.totp_enabled {
                    view! {
                        <p>{td_string!(l, second_factor_is_on)}</p>
                        <form method="post" action="/api/totp-disable" class="stacked-form">
                            <div class="field">
                                <label for="totp-code">{td_string!(l, code_label)}</label>
                                <input id="totp-code" name="code" type="text" inputmode="numeric"
                                    autocomplete="one-time-code" required class="code-input"/>
                            </div>
                            <button type="submit" class="button secondary">{td_string!(l, second_factor_turn_off)}</button>
                        </form>
                    }
                    .into_any()
                } else {
                    view! {
                        <p>{td_string!(l, second_factor_explain)}</p>
                        <ActionForm action=begin>
                            <button type="submit" class="button primary">{td_string!(l, second_factor_set_up)}</button>
                        </ActionForm>
                        {move || begin.value().get().and_then(Result::ok).map(|setup| view! {
                            <ol class="setup-steps">
                                <li>
                                    {td_string!(l, second_factor_step_key)}
                                    <p><code class="totp-secret">{setup.secret.clone()}</code></p>
                                    <p><a href=setup.uri.clone()>{td_string!(l, second_factor_open_app)}</a></p>
                                </li>
                                <li>
                                    <form method="post" action="/api/totp-confirm" class="stacked-form">
                                        <div class="field">
                                            <label for="totp-code">{td_string!(l, second_factor_step_code)}</label>
                                            <input id="totp-code" name="code" type="text" inputmode="numeric"
                                                autocomplete="one-time-code" required class="code-input"/>
                                        </div>
                                        <button type="submit" class="button primary">{td_string!(l, second_factor_confirm)}</button>
                                    </form>
                                </li>
                            </ol>
                        })}
                    }
                    .into_any()
                }}
            </section>
            <CalendarSubscription/>
            <form method="post" action="/api/sign-out" class="stacked-form">
                <input type="hidden" name="everywhere" value="1"/>
                <button type="submit" class="button secondary">{td_string!(l, sign_out_everywhere)}</button>
            </form>
        </div>
    }
    .into_any()
}

/// The secret address of the user's hearings calendar, shown once.
#[component]
fn CalendarSubscription() -> impl IntoView {
    let l = locale::current();
    let renew = ServerAction::<crate::observation::RenewCalendar>::new();
    view! {
        <section id="calendar" aria-labelledby="calendar-title" class="panel">
            <h2 id="calendar-title">{td_string!(l, calendar_title)}</h2>
            <p>{td_string!(l, calendar_lead)}</p>
            <ActionForm action=renew>
                <button type="submit" class="button secondary">{td_string!(l, calendar_create)}</button>
            </ActionForm>
            {move || renew.value().get().and_then(Result::ok).map(|path| {
                // Only reached in the browser, after the action answered.
                let address = format!("{}{path}", window().location().origin().unwrap_or_default());
                view! {
                    <p role="status">{td_string!(l, calendar_ready)}</p>
                    <p><code class="calendar-address" data-testid="calendar-address">{address.clone()}</code></p>
                }
            })}
        </section>
    }
}
