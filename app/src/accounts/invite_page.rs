//! Accepting an invitation: the invited person chooses a password and is
//! signed in. The link works once, until it expires.

use crate::accounts::admin::fetch_invite;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let invite = Resource::new(move || token.get(), fetch_invite);
    let failed = move || query.with(|q| q.get("failed"));
    view! {
        <Title text=td_string!(crate::locale::current(), invite_accept_title).to_owned()/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let l = locale::current();
                match invite.await {
                    Ok(i) if i.used || i.expired => view! {
                        <h1>{td_string!(l, invite_accept_title)}</h1>
                        <p class="lead" role="alert">
                            {if i.used { td_string!(l, invite_used) } else { td_string!(l, invite_expired) }}
                        </p>
                    }
                    .into_any(),
                    Ok(i) => {
                        let problem = failed().map(|code| match code.as_str() {
                            "short" => td_string!(l, text_too_short, min = shared::PASSWORD_MIN).to_string(),
                            "common" => td_string!(l, common_password).to_owned(),
                            "guessable" => td_string!(l, guessable_password).to_owned(),
                            _ => td_string!(l, error_form_body).to_owned(),
                        });
                        view! {
                            <div class="narrow">
                                <h1>{td_string!(l, invite_accept_title)}</h1>
                                {problem.map(|p| view! {
                                    <div class="error-summary" role="alert" tabindex="-1">
                                        <h2>{td_string!(l, error_summary_title)}</h2>
                                        <ul><li><a href="#invite-password">
                                            {td_string!(l, field_password_label)} ": " {p}
                                        </a></li></ul>
                                    </div>
                                })}
                                <p>{td_string!(l, invite_for, email = i.email.clone(), role = locale::role_name(l, i.role)).to_string()}</p>
                                <form method="post" action="/api/invite-accept" class="stacked-form">
                                    <input type="hidden" name="token" value=token.get_untracked()/>
                                    <div class="field">
                                        <label for="invite-name">{td_string!(l, label_name)}</label>
                                        <input id="invite-name" name="name" type="text" value=i.name.clone() autocomplete="name"/>
                                    </div>
                                    <div class="field">
                                        <label for="invite-password">{td_string!(l, field_password_label)}</label>
                                        <span class="hint" id="invite-password-hint">{td_string!(l, password_hint, min = shared::PASSWORD_MIN).to_string()}</span>
                                        <input id="invite-password" name="password" type="password" required
                                            autocomplete="new-password" aria-describedby="invite-password-hint"
                                            aria-invalid=failed().map(|_| "true")/>
                                    </div>
                                    <button type="submit" class="button primary">{td_string!(l, invite_accept_button)}</button>
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
