//! The account page: the second factor set up or turned off, the password
//! changed, and the calendar subscription. Plain forms: they work without
//! JavaScript.

use crate::accounts::second_factor::{
    recovery_codes_left, BeginTotp, CodeAnswer, ConfirmTotp, RenewRecoveryCodes,
};
use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = locale::current();
    let query = use_query_map();
    let Some(user) = crate::accounts::auth::use_current_user() else {
        return view! { <crate::ui::error_view::ErrorView error=crate::error::AppError::SignInRequired/> }
            .into_any();
    };
    let done = query.with_untracked(|q| q.get("done"));
    let failure = query.with_untracked(|q| q.get("failed"));
    let minutes = query.with_untracked(|q| {
        q.get("minutes")
            .and_then(|m| m.parse::<u32>().ok())
            .unwrap_or(15)
    });
    let code_problem = match failure.as_deref() {
        Some("code") => Some(td_string!(l, code_refused).to_owned()),
        Some("code-throttled") => {
            Some(td_string!(l, sign_in_throttled, minutes = minutes).to_string())
        }
        _ => None,
    };
    let password_problem = match failure.as_deref() {
        Some("password") => Some(td_string!(l, password_wrong).to_owned()),
        Some("weak") => Some(td_string!(l, password_weak).to_owned()),
        Some("short") => Some(td_string!(l, password_short).to_owned()),
        Some("long") => Some(td_string!(l, password_long).to_owned()),
        Some("throttled") => Some(td_string!(l, sign_in_throttled, minutes = minutes).to_string()),
        _ => None,
    };
    let required = query.with_untracked(|q| q.get("required")).is_some();
    view! {
        <Title text=td_string!(crate::locale::current(), account_title).to_owned()/>
        <div class="narrow-wide">
            <h1>{t!(i18n, account_title)}</h1>
            {required.then(|| view! {
                <div class="error-summary" role="alert"><p>{td_string!(l, second_factor_required)}</p></div>
            })}
            {code_problem.map(|text| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2>{td_string!(l, error_summary_title)}</h2>
                    <ul><li><a href="#totp-code">{text}</a></li></ul>
                </div>
            })}
            {password_problem.clone().map(|text| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2>{td_string!(l, error_summary_title)}</h2>
                    <ul><li><a href="#password-current">{text}</a></li></ul>
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
            <SecondFactorPanel on=user.totp_enabled/>
            <section id="password" aria-labelledby="password-title" class="panel">
                <h2 id="password-title">{td_string!(l, password_title)}</h2>
                <form method="post" action="/api/password-change" class="stacked-form">
                    <div class="field">
                        <label for="password-current">{td_string!(l, password_current)}</label>
                        <input id="password-current" name="current" type="password" autocomplete="current-password"
                            required maxlength="128" aria-invalid=password_problem.as_ref().map(|_| "true")/>
                    </div>
                    <div class="field">
                        <label for="password-new">{td_string!(l, password_new)}</label>
                        <input id="password-new" name="password" type="password" autocomplete="new-password"
                            required minlength="15" maxlength="128" aria-describedby="password-new-hint"/>
                        <span class="hint" id="password-new-hint">{td_string!(l, password_new_hint)}</span>
                    </div>
                    <button type="submit" class="button secondary">{td_string!(l, password_change)}</button>
                </form>
            </section>
            <CalendarSubscription/>
            <crate::exchange::tokens_section::ApiTokensSection/>
            <form method="post" action="/api/sign-out" class="stacked-form">
                <input type="hidden" name="everywhere" value="1"/>
                <button type="submit" class="button secondary">{td_string!(l, sign_out_everywhere)}</button>
            </form>
        </div>
    }
    .into_any()
}

/// The second factor: set it up (the key, a code, then the recovery codes),
/// or, once on, renew the recovery codes or turn it off.
#[component]
fn SecondFactorPanel(on: bool) -> impl IntoView {
    let l = locale::current();
    view! {
        <section aria-labelledby="second-factor-title" class="panel">
            <h2 id="second-factor-title">{td_string!(l, second_factor_title)}</h2>
            {if on { view! { <FactorOn/> }.into_any() } else { view! { <FactorSetUp/> }.into_any() }}
        </section>
    }
}

/// An island: the key and the recovery codes are shown once, by the script.
#[island]
fn FactorSetUp() -> impl IntoView {
    let l = locale::current();
    let begin = ServerAction::<BeginTotp>::new();
    let confirm = ServerAction::<ConfirmTotp>::new();
    let hydrated = crate::ui::hydrated::use_hydrated();
    view! {
        <p>{td_string!(l, second_factor_explain)}</p>
        <ActionForm action=begin>
            <button type="submit" class="button primary" disabled=move || !hydrated.get()>
                {td_string!(l, second_factor_set_up)}
            </button>
        </ActionForm>
        {move || begin.value().get().and_then(Result::ok).map(|setup| view! {
            <ol class="setup-steps">
                <li>
                    {td_string!(l, second_factor_step_key)}
                    <p><code class="totp-secret">{setup.secret.clone()}</code></p>
                    <p><a href=setup.uri.clone()>{td_string!(l, second_factor_open_app)}</a></p>
                </li>
                <li>
                    <ActionForm action=confirm attr:class="stacked-form">
                        <div class="field">
                            <label for="totp-code">{td_string!(l, second_factor_step_code)}</label>
                            <input id="totp-code" name="code" type="text" inputmode="numeric"
                                autocomplete="one-time-code" required maxlength="7" class="code-input"/>
                        </div>
                        <button type="submit" class="button primary">{td_string!(l, second_factor_confirm)}</button>
                    </ActionForm>
                </li>
            </ol>
        })}
        {move || confirm.value().get().map(|answer| match answer {
            Ok(CodeAnswer::Codes(codes)) => view! {
                <p class="notice" role="status">{td_string!(l, second_factor_enabled)}</p>
                <RecoveryCodes codes=codes/>
                <p><a class="button primary" href="/account?done=totp-on" rel="external">{td_string!(l, recovery_codes_saved)}</a></p>
            }
            .into_any(),
            other => view! { <CodeRefusal answer=other/> }.into_any(),
        })}
    }
}

/// An island: renewed recovery codes are shown once, by the script.
#[island]
fn FactorOn() -> impl IntoView {
    let l = locale::current();
    let renew = ServerAction::<RenewRecoveryCodes>::new();
    let hydrated = crate::ui::hydrated::use_hydrated();
    let left = Resource::new(move || renew.version().get(), |_| recovery_codes_left());
    view! {
        <p>{td_string!(l, second_factor_is_on)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                left.await.ok().map(|n| view! {
                    <p class="recovery-left" class:warning=n < 3>
                        {td_string!(l, recovery_codes_left, number = n).to_string()}
                    </p>
                })
            })}
        </Suspense>
        <form method="post" action="/api/totp-disable" class="stacked-form">
            <div class="field">
                <label for="totp-code">{td_string!(l, code_or_recovery_label)}</label>
                <input id="totp-code" name="code" type="text" autocomplete="one-time-code"
                    required maxlength="32" class="code-input"/>
            </div>
            <button type="submit" class="button secondary">{td_string!(l, second_factor_turn_off)}</button>
        </form>
        <h3>{td_string!(l, recovery_codes_title)}</h3>
        <p>{td_string!(l, recovery_codes_renew_lead)}</p>
        <ActionForm action=renew attr:class="stacked-form">
            <div class="field">
                <label for="renew-code">{td_string!(l, code_or_recovery_label)}</label>
                <input id="renew-code" name="code" type="text" autocomplete="one-time-code"
                    required maxlength="32" class="code-input"/>
            </div>
            <button type="submit" class="button secondary" disabled=move || !hydrated.get()>
                {td_string!(l, recovery_codes_renew)}
            </button>
        </ActionForm>
        {move || renew.value().get().map(|answer| match answer {
            Ok(CodeAnswer::Codes(codes)) => view! { <RecoveryCodes codes=codes/> }.into_any(),
            other => view! { <CodeRefusal answer=other/> }.into_any(),
        })}
    }
}

/// The recovery codes, shown once, with what to do with them.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    let l = locale::current();
    view! {
        <div class="panel recovery-codes">
            <h3>{td_string!(l, recovery_codes_title)}</h3>
            <p>{td_string!(l, recovery_codes_lead)}</p>
            <ol class="recovery-code-list" data-testid="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
        </div>
    }
}

#[component]
fn CodeRefusal(answer: Result<CodeAnswer, crate::error::AppError>) -> impl IntoView {
    let l = locale::current();
    let text = match answer {
        Ok(CodeAnswer::Throttled { minutes }) => {
            td_string!(l, sign_in_throttled, minutes = minutes).to_string()
        }
        Ok(_) => td_string!(l, code_refused).to_owned(),
        Err(e) => e.to_string(),
    };
    view! { <div class="error-summary" role="alert"><p>{text}</p></div> }
}

/// The secret address of the user's hearings calendar, shown once (an
/// island: by the script).
#[island]
fn CalendarSubscription() -> impl IntoView {
    let l = locale::current();
    let renew = ServerAction::<crate::observation::api::RenewCalendar>::new();
    // Posted before the script runs, the new address (which ends the old
    // one) would be made and never shown.
    let hydrated = crate::ui::hydrated::use_hydrated();
    view! {
        <section id="calendar" aria-labelledby="calendar-title" class="panel">
            <h2 id="calendar-title">{td_string!(l, calendar_title)}</h2>
            <p>{td_string!(l, calendar_lead)}</p>
            <ActionForm action=renew>
                <div class="field">
                    <label class="choice" for="calendar-restricted">
                        <input type="checkbox" id="calendar-restricted" name="restricted" value="on"
                            aria-describedby="calendar-restricted-hint"/>
                        {td_string!(l, calendar_restricted)}
                    </label>
                    <span class="hint" id="calendar-restricted-hint">{td_string!(l, calendar_restricted_hint)}</span>
                </div>
                <button type="submit" class="button secondary" disabled=move || !hydrated.get()>{td_string!(l, calendar_create)}</button>
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
