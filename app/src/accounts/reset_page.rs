//! Using a password reset link: the holder chooses a new password, then
//! signs in with it. The link works once, until it expires.

use crate::accounts::password_reset::fetch_password_reset;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ResetPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let reset = Resource::new(move || token.get(), fetch_password_reset);
    let failed = move || query.with(|q| q.get("failed"));
    view! {
        <Title text=td_string!(crate::locale::current(), reset_title).to_owned()/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let l = locale::current();
                match reset.await {
                    Ok(r) if r.used || r.expired => view! {
                        <div class="narrow">
                            <h1>{td_string!(l, reset_title)}</h1>
                            <p class="lead" role="alert">
                                {if r.used { td_string!(l, reset_used) } else { td_string!(l, reset_expired) }}
                            </p>
                        </div>
                    }
                    .into_any(),
                    Ok(r) => {
                        let problem = failed().map(|code| match code.as_str() {
                            "short" => td_string!(l, text_too_short, min = shared::PASSWORD_MIN).to_string(),
                            "long" => td_string!(l, password_long).to_owned(),
                            "common" => td_string!(l, common_password).to_owned(),
                            "guessable" => td_string!(l, guessable_password).to_owned(),
                            _ => td_string!(l, error_form_body).to_owned(),
                        });
                        view! {
                            <div class="narrow">
                                <h1>{td_string!(l, reset_title)}</h1>
                                {problem.map(|p| view! {
                                    <div class="error-summary" role="alert" tabindex="-1">
                                        <h2>{td_string!(l, error_summary_title)}</h2>
                                        <ul><li><a href="#reset-password">
                                            {td_string!(l, password_new)} ": " {p}
                                        </a></li></ul>
                                    </div>
                                })}
                                <p>{td_string!(l, reset_for, email = r.email.clone()).to_string()}</p>
                                <form method="post" action="/api/password-reset" class="stacked-form">
                                    <input type="hidden" name="token" value=token.get_untracked()/>
                                    <div class="field">
                                        <label for="reset-password">{td_string!(l, password_new)}</label>
                                        <span class="hint" id="reset-password-hint">{td_string!(l, password_hint, min = shared::PASSWORD_MIN).to_string()}</span>
                                        <input id="reset-password" name="password" type="password" required
                                            minlength="15" maxlength="128" autocomplete="new-password"
                                            aria-describedby="reset-password-hint"
                                            aria-invalid=failed().map(|_| "true")/>
                                    </div>
                                    <button type="submit" class="button primary">{td_string!(l, reset_button)}</button>
                                </form>
                            </div>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
