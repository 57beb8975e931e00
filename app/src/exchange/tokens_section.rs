//! The account page's "API tokens": create one (its secret shown once,
//! with how to use it), see each with its last use, revoke one.

use crate::exchange::tokens::{fetch_api_tokens, CreateApiToken, RevokeApiToken};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::summary_for;
use crate::ui::error_view::Loading;
use leptos::form::ActionForm;
use leptos::prelude::*;
use shared::api_token::{TOKEN_LIFETIMES, TOKEN_NAME_MAX};
use shared::{ApiToken, TokenScope};

/// An island: a new token's secret is shown once, by the script.
#[island]
pub fn ApiTokensSection() -> impl IntoView {
    let l = locale::current();
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    // Posted before the script runs, the token would be made and never shown.
    let hydrated = crate::ui::hydrated::use_hydrated();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| fetch_api_tokens(),
    );
    view! {
        <section id="api-tokens" aria-labelledby="api-tokens-title" class="panel">
            <h2 id="api-tokens-title">{td_string!(l, tokens_title)}</h2>
            <p>{td_string!(l, tokens_lead)} " " <a href="/api/v1/docs/">{td_string!(l, tokens_docs)}</a></p>
            {move || create.value().get().and_then(Result::err).map(|e| {
                let problems = summary_for(l, &e, "token-");
                view! {
                    <div class="error-summary" role="alert" tabindex="-1">
                        <h3>{td_string!(l, error_summary_title)}</h3>
                        <ul>
                            {problems.into_iter().map(|(href, text)| view! { <li><a href=href>{text}</a></li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
            <ActionForm action=create>
                <div class="field">
                    <label for="token-name">{td_string!(l, tokens_name)}</label>
                    <input id="token-name" name="form[name]" type="text" required maxlength=TOKEN_NAME_MAX.to_string()
                        autocomplete="off" aria-describedby="token-name-hint"/>
                    <span class="hint" id="token-name-hint">{td_string!(l, tokens_name_hint)}</span>
                </div>
                <div class="field">
                    <label for="token-scope">{td_string!(l, tokens_scope)}</label>
                    <select id="token-scope" name="form[scope]">
                        <option value="read" selected>{td_string!(l, tokens_scope_read)}</option>
                        <option value="read-write">{td_string!(l, tokens_scope_write)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="token-days">{td_string!(l, tokens_days)}</label>
                    <select id="token-days" name="form[days]">
                        {TOKEN_LIFETIMES.iter().map(|d| view! {
                            <option value=d.to_string() selected=*d == 90>{td_string!(l, tokens_days_n, n = *d).to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="token-password">{td_string!(l, tokens_password)}</label>
                    <input id="token-password" name="password" type="password" required maxlength="128"
                        autocomplete="current-password" aria-describedby="token-password-hint"/>
                    <span class="hint" id="token-password-hint">{td_string!(l, tokens_password_hint)}</span>
                </div>
                <button type="submit" class="button secondary" disabled=move || !hydrated.get()>{td_string!(l, tokens_create)}</button>
            </ActionForm>
            {move || create.value().get().and_then(Result::ok).map(|secret| {
                // Only reached in the browser, after the action answered.
                let origin = window().location().origin().unwrap_or_default();
                let example = format!("curl -H 'Authorization: Bearer {secret}' {origin}/api/v1/organisations");
                view! {
                    <div class="notice" role="status">
                        <p>{td_string!(l, tokens_ready)}</p>
                        <p><code class="code-block" data-testid="api-token-secret">{secret.clone()}</code></p>
                        <p>{td_string!(l, tokens_example)}</p>
                        <pre class="code-block">{example}</pre>
                    </div>
                }
            })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{td_string!(l, tokens_none)}</p> }.into_any(),
                        Ok(list) => view! { <TokenTable tokens=list revoke=revoke/> }.into_any(),
                        Err(e) => view! { <crate::ui::error_view::ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TokenTable(tokens: Vec<ApiToken>, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    let l = locale::current();
    let now = chrono::Utc::now();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{td_string!(l, tokens_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, tokens_name)}</th>
                        <th scope="col">{td_string!(l, tokens_scope)}</th>
                        <th scope="col">{td_string!(l, tokens_expires)}</th>
                        <th scope="col">{td_string!(l, tokens_last_use)}</th>
                        <th scope="col">{td_string!(l, tokens_state)}</th>
                    </tr>
                </thead>
                <tbody>
                    {tokens.into_iter().map(|t| {
                        let usable = t.usable(now);
                        let scope = match t.scope {
                            TokenScope::Read => td_string!(l, tokens_scope_read),
                            TokenScope::ReadWrite => td_string!(l, tokens_scope_write),
                        };
                        let last = t.last_used_at.map_or_else(
                            || td_string!(l, tokens_never_used).to_owned(),
                            |at| locale::date(l, at.date_naive()),
                        );
                        let label = td_string!(l, tokens_revoke_named, name = t.name.clone()).to_string();
                        view! {
                            <tr>
                                <td>{t.name.clone()}</td>
                                <td>{scope}</td>
                                <td>{locale::date(l, t.expires_at.date_naive())}</td>
                                <td>{last}</td>
                                <td>
                                    {if usable {
                                        view! {
                                            <ActionForm action=revoke>
                                                <input type="hidden" name="id" value=t.id.clone()/>
                                                <button type="submit" class="button secondary" aria-label=label>
                                                    {td_string!(l, tokens_revoke)}
                                                </button>
                                            </ActionForm>
                                        }.into_any()
                                    } else if t.revoked_at.is_some() {
                                        view! { <span>{td_string!(l, tokens_revoked)}</span> }.into_any()
                                    } else {
                                        view! { <span>{td_string!(l, tokens_expired)}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
