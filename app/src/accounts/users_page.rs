//! Account administration: invite someone, change a role, disable an
//! account, sign a user out everywhere, issue a password reset link. Admins only; every step is audited.

use crate::accounts::admin::{fetch_users, CreateInvite};
use crate::accounts::password_reset::CreatePasswordReset;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::{Role, UserSummary};

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let users = Resource::new(|| (), |_| fetch_users());
    let query = use_query_map();
    let done = move || query.with(|q| q.get("done")).is_some();
    view! {
        <Title text=td_string!(crate::locale::current(), users_title).to_owned()/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! {
                        <h1>{t!(i18n, users_title)}</h1>
                        {done().then(|| view! { <p class="notice" role="status">{t!(i18n, users_done)}</p> })}
                        <InviteForm/>
                        <h2>{t!(i18n, users_accounts)}</h2>
                        <ul class="user-list">
                            {list.into_iter().map(|u| view! { <UserCard user=u/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn role_options(l: Locale, selected: Role) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str() selected=r == selected>{locale::role_name(l, r)}</option> })
        .collect_view()
}

/// An island: the link it makes is shown once, by the script.
#[island]
fn InviteForm() -> impl IntoView {
    let l = locale::current();
    let invite = ServerAction::<CreateInvite>::new();
    // Posted before the script runs, the link would be made and never shown.
    let hydrated = crate::ui::hydrated::use_hydrated();
    let result = move || {
        invite.value().get().map(|r| match r {
            Ok(new) => view! {
                <div class="notice" role="status">
                    <p>{td_string!(l, invite_ready, email = new.email.clone()).to_string()}</p>
                    <p><code class="invite-link">{new.link}</code></p>
                </div>
            }
            .into_any(),
            Err(e) => {
                let text = match &e {
                    crate::error::AppError::Invalid(ps) => ps
                        .iter()
                        .map(|p| {
                            format!(
                                "{}: {}",
                                locale::field_name(l, &p.field),
                                locale::problem_text(l, p)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                    other => other.to_string(),
                };
                view! {
                    <div class="error-summary" role="alert">
                        <h3>{td_string!(l, error_summary_title)}</h3>
                        <p>{text}</p>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section aria-labelledby="invite-title" class="panel">
            <h2 id="invite-title">{td_string!(l, invite_title)}</h2>
            <p>{td_string!(l, invite_lead)}</p>
            {result}
            <ActionForm action=invite attr:class="filter-row">
                <div class="field">
                    <label for="invite-email">{td_string!(l, field_email_label)}</label>
                    <input id="invite-email" name="email" type="email" required/>
                </div>
                <div class="field">
                    <label for="invite-name">{td_string!(l, label_name)}</label>
                    <input id="invite-name" name="name" type="text" required/>
                </div>
                <div class="field">
                    <label for="invite-role">{td_string!(l, label_role)}</label>
                    <select id="invite-role" name="role">{role_options(l, Role::Member)}</select>
                </div>
                <div class="field">
                    <label for="invite-org">{td_string!(l, label_organisation_key)}</label>
                    <span class="hint" id="invite-org-hint">{td_string!(l, hint_organisation_key)}</span>
                    <input id="invite-org" name="organisation" type="text" aria-describedby="invite-org-hint"/>
                </div>
                <div class="field">
                    <label for="invite-language">{td_string!(l, mail_language)}</label>
                    <select id="invite-language" name="language">{language_options(locale::code(l))}</select>
                </div>
                <div class="field">
                    <label class="choice" for="invite-send-mail">
                        <input id="invite-send-mail" type="checkbox" name="send_mail" value="on" checked/>
                        {td_string!(l, mail_send_link)}
                    </label>
                </div>
                <button type="submit" class="button primary" disabled=move || !hydrated.get()>{td_string!(l, invite_button)}</button>
            </ActionForm>
        </section>
    }
}

/// The languages an e-mail can be written in, `chosen` selected.
pub fn language_options(chosen: &str) -> impl IntoView {
    let chosen = chosen.to_owned();
    locale::LANGUAGES
        .into_iter()
        .map(|(lang, name)| {
            let code = locale::code(lang);
            view! { <option value=code selected=code == chosen lang=code>{name}</option> }
        })
        .collect_view()
}

/// Issues a password reset link for one user and shows it once.
/// An island: the link it makes is shown once, by the script.
#[island]
fn ResetLinkForm(user: String) -> impl IntoView {
    let l = locale::current();
    let reset = ServerAction::<CreatePasswordReset>::new();
    let hydrated = crate::ui::hydrated::use_hydrated();
    view! {
        <ActionForm action=reset attr:class="inline-form">
            <input type="hidden" name="user" value=user.clone()/>
            <label for=format!("reset-language-{user}") class="visually-hidden">{td_string!(l, mail_language)}</label>
            <select id=format!("reset-language-{user}") name="language">{language_options(locale::code(l))}</select>
            <label class="choice" for=format!("reset-send-mail-{user}")>
                <input id=format!("reset-send-mail-{user}") type="checkbox" name="send_mail" value="on"/>
                {td_string!(l, mail_send_link)}
            </label>
            <button type="submit" class="button secondary" disabled=move || !hydrated.get()>
                {td_string!(l, reset_create)}
            </button>
        </ActionForm>
        {move || reset.value().get().map(|r| match r {
            Ok(new) => view! {
                <div class="notice reset-ready" role="status">
                    <p>{td_string!(l, reset_ready, email = new.email.clone(), hours = shared::PASSWORD_RESET_HOURS).to_string()}</p>
                    <p><code class="reset-link">{new.link}</code></p>
                </div>
            }
            .into_any(),
            Err(e) => view! {
                <div class="error-summary" role="alert"><p>{e.to_string()}</p></div>
            }
            .into_any(),
        })}
    }
}

#[component]
fn UserCard(user: UserSummary) -> impl IntoView {
    let l = locale::current();
    let me = crate::accounts::auth::use_current_user().is_some_and(|u| u.id == user.id);
    let id = user.id.to_string();
    let role_id = format!("role-{id}");
    let org_id = format!("org-{id}");
    let status = if user.disabled {
        td_string!(l, account_disabled)
    } else {
        td_string!(l, account_active)
    };
    let second = if user.totp_enabled {
        td_string!(l, second_factor_on)
    } else {
        td_string!(l, second_factor_off)
    };
    view! {
        <li class="card user-card">
            <h3>{user.name.clone()} " " <span class="muted">{user.email.clone()}</span></h3>
            <p>
                <span class="role-tag">{locale::role_name(l, user.role)}</span>
                {user.organisation.clone().map(|o| {
                    let href = format!("/organisations/{o}");
                    view! { " · " <a href=href>{o.to_string()}</a> }
                })}
                " · " {status} " · " {second}
                " · " {td_string!(l, account_created, date = locale::date(l, user.created)).to_string()}
            </p>
            {(!me).then(|| view! {
                <div class="user-actions">
                    <form method="post" action="/api/user-role" class="inline-form">
                        <input type="hidden" name="user" value=id.clone()/>
                        <label for=role_id.clone()>{td_string!(l, label_role)}</label>
                        <select id=role_id name="role">{role_options(l, user.role)}</select>
                        <label for=org_id.clone()>{td_string!(l, label_organisation_key)}</label>
                        <input id=org_id name="organisation" type="text"
                            value=user.organisation.clone().map(|o| o.to_string()).unwrap_or_default()/>
                        <button type="submit" class="button secondary">{td_string!(l, change_role)}</button>
                    </form>
                    <form method="post" action="/api/user-disable" class="inline-form">
                        <input type="hidden" name="user" value=id.clone()/>
                        <input type="hidden" name="disabled" value=(!user.disabled).to_string()/>
                        <button type="submit" class="button secondary">
                            {if user.disabled { td_string!(l, enable_account) } else { td_string!(l, disable_account) }}
                        </button>
                    </form>
                    {user.totp_enabled.then(|| view! {
                        <form method="post" action="/api/user-reset-second-factor" class="inline-form">
                            <input type="hidden" name="user" value=id.clone()/>
                            <button type="submit" class="button secondary">{td_string!(l, reset_second_factor)}</button>
                        </form>
                    })}
                    <form method="post" action="/api/user-sign-out" class="inline-form">
                        <input type="hidden" name="user" value=id.clone()/>
                        <button type="submit" class="button secondary">{td_string!(l, sign_out_everywhere)}</button>
                    </form>
                    <ResetLinkForm user=id.clone()/>
                </div>
            })}
        </li>
    }
}
