//! Server functions of account administration (admins only) and of
//! accepting an invitation (anyone holding the link).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::UserSummary;

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::accounts::auth::context::session;
    use crate::accounts::store::{AdminError, SessionInfo, SharedAdministration};
    use crate::error::AppError;
    use leptos::prelude::*;

    pub fn admin() -> Result<SessionInfo, AppError> {
        let s = session().ok_or(AppError::SignInRequired)?;
        if s.user.role == shared::Role::Admin {
            Ok(s)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn administration() -> Result<SharedAdministration, AppError> {
        use_context::<SharedAdministration>().ok_or(AppError::Internal)
    }

    impl From<AdminError> for AppError {
        fn from(e: AdminError) -> Self {
            match e {
                AdminError::NotFound => AppError::NotFound,
                AdminError::NotOnYourself => AppError::Forbidden,
                AdminError::Invalid(v) => AppError::Invalid(vec![v]),
                AdminError::EmailTaken(email) => {
                    AppError::Invalid(vec![shared::ValidationError::new(
                        "email",
                        shared::Problem::Taken,
                    )
                    .with_value(email)])
                }
                AdminError::LinkUsed | AdminError::LinkExpired => AppError::NotFound,
                AdminError::Store(s) => s.into(),
            }
        }
    }
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "users")]
pub async fn fetch_users() -> Result<Vec<UserSummary>, AppError> {
    context::admin()?;
    Ok(context::administration()?.list_users().await?)
}

#[cfg(feature = "ssr")]
pub(crate) fn parse_user(raw: &str) -> Result<shared::UserId, AppError> {
    shared::UserId::parse(raw).map_err(|_| AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn parse_org(raw: Option<String>) -> Result<Option<shared::OrgId>, AppError> {
    raw.filter(|o| !o.trim().is_empty())
        .map(|o| {
            shared::OrgId::parse(o.trim())
                .map_err(|e| AppError::Invalid(vec![e.at("organisation")]))
        })
        .transpose()
}

#[server(endpoint = "user-role")]
pub async fn change_role(
    user: String,
    role: String,
    organisation: Option<String>,
) -> Result<(), AppError> {
    let admin = context::admin()?;
    let role = shared::Role::parse(&role).map_err(|e| AppError::Invalid(vec![e]))?;
    context::administration()?
        .set_role(
            &admin.user,
            &parse_user(&user)?,
            role,
            parse_org(organisation)?.as_ref(),
        )
        .await?;
    leptos_axum::redirect("/admin/users?done=role");
    Ok(())
}

#[server(endpoint = "user-disable")]
pub async fn set_account_disabled(user: String, disabled: String) -> Result<(), AppError> {
    let admin = context::admin()?;
    context::administration()?
        .set_disabled(&admin.user, &parse_user(&user)?, disabled == "true")
        .await?;
    leptos_axum::redirect("/admin/users?done=status");
    Ok(())
}

#[server(endpoint = "user-sign-out")]
pub async fn revoke_sessions(user: String) -> Result<(), AppError> {
    let admin = context::admin()?;
    crate::accounts::auth::context::accounts()?
        .sign_out_everywhere(&admin.user, &parse_user(&user)?)
        .await?;
    leptos_axum::redirect("/admin/users?done=sessions");
    Ok(())
}

#[server(endpoint = "user-reset-second-factor")]
pub async fn reset_second_factor(user: String) -> Result<(), AppError> {
    let admin = context::admin()?;
    context::administration()?
        .reset_second_factor(&admin.user, &parse_user(&user)?)
        .await?;
    leptos_axum::redirect("/admin/users?done=second-factor");
    Ok(())
}

/// The invitation link, shown once to the admin who made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewInvite {
    pub link: String,
    pub email: String,
}

#[server(endpoint = "invite")]
pub async fn create_invite(
    email: String,
    name: String,
    role: String,
    organisation: Option<String>,
    language: Option<String>,
    send_mail: Option<String>,
) -> Result<NewInvite, AppError> {
    use crate::notifications::account_mail;
    let admin = context::admin()?;
    let role = shared::Role::parse(&role).map_err(|e| AppError::Invalid(vec![e]))?;
    // The invitation also goes by e-mail, in the language the admin chose.
    let mail = account_mail::invitation(
        account_mail::language(language.as_deref().unwrap_or("en")),
        name.trim(),
        &admin.user.name,
        shared::INVITE_DAYS,
    );
    let token = context::administration()?
        .create_invite(
            &admin.user,
            &email,
            &name,
            role,
            parse_org(organisation)?.as_ref(),
            // Unticked: the admin hands the link over another way (a
            // mailbox that may be watched is not the only road).
            send_mail.is_some().then_some(&mail),
        )
        .await?;
    Ok(NewInvite {
        link: format!(
            "{}/invite/{token}",
            crate::accounts::auth::context::site_address()
        ),
        email: email.trim().to_lowercase(),
    })
}

/// What an invitation link opens; `None` when it is unknown.
#[server(input = leptos::server_fn::codec::Json, endpoint = "invite-info")]
pub async fn fetch_invite(token: String) -> Result<crate::accounts::admin::InviteView, AppError> {
    let info = context::administration()?
        .invite_info(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::accounts::admin::InviteView {
        email: info.email,
        name: info.name,
        role: info.role,
        expired: info.expired,
        used: info.used,
    })
}

/// Accepts an invitation from its page's form: creates the account, signs
/// the new user in, and sends them to the home page.
#[server(endpoint = "invite-accept")]
pub async fn accept_invite(token: String, name: String, password: String) -> Result<(), AppError> {
    use crate::accounts::store::AdminError;
    let result = context::administration()?
        .accept_invite(
            &token,
            &name,
            &password,
            &crate::accounts::auth::context::client_address(),
        )
        .await;
    let token = link_token(&token);
    match result {
        Ok(session) => {
            crate::accounts::auth::start_session(&session).await;
            leptos_axum::redirect("/");
        }
        Err(AdminError::Invalid(e)) => {
            leptos_axum::redirect(&format!(
                "/invite/{token}?failed={}",
                problem_code(&e.problem)
            ));
        }
        Err(AdminError::LinkUsed | AdminError::LinkExpired | AdminError::NotFound) => {
            leptos_axum::redirect(&format!("/invite/{token}"));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// A link's token as it may go back into the page's address: 64
/// hexadecimal digits, as the site makes them, or nothing.
#[cfg(feature = "ssr")]
pub(crate) fn link_token(raw: &str) -> &str {
    if raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        raw
    } else {
        ""
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn problem_code(p: &shared::Problem) -> &'static str {
    match p {
        shared::Problem::TooShort { .. } => "short",
        shared::Problem::TooLong { .. } => "long",
        shared::Problem::CommonPassword => "common",
        shared::Problem::GuessablePassword => "guessable",
        _ => "invalid",
    }
}

/// Staff granted a restricted organisation, for its admins' panel.
#[server(input = leptos::server_fn::codec::Json, endpoint = "access")]
pub async fn fetch_access(organisation: String) -> Result<Vec<UserSummary>, AppError> {
    context::admin()?;
    let org = shared::OrgId::parse(&organisation).map_err(|_| AppError::NotFound)?;
    Ok(context::administration()?
        .access_list(&format!("organisation:{org}"))
        .await?)
}

#[server(endpoint = "access-grant")]
pub async fn grant_access(organisation: String, email: String) -> Result<(), AppError> {
    let admin = context::admin()?;
    let org = shared::OrgId::parse(&organisation).map_err(|_| AppError::NotFound)?;
    context::administration()?
        .grant_access(&admin.user, &email, &format!("organisation:{org}"))
        .await?;
    leptos_axum::redirect(&format!("/organisations/{org}#access"));
    Ok(())
}

#[server(endpoint = "access-revoke")]
pub async fn revoke_access(organisation: String, user: String) -> Result<(), AppError> {
    let admin = context::admin()?;
    let org = shared::OrgId::parse(&organisation).map_err(|_| AppError::NotFound)?;
    context::administration()?
        .revoke_access(
            &admin.user,
            &parse_user(&user)?,
            &format!("organisation:{org}"),
        )
        .await?;
    leptos_axum::redirect(&format!("/organisations/{org}#access"));
    Ok(())
}

/// An invitation as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub email: String,
    pub name: String,
    pub role: shared::Role,
    pub expired: bool,
    pub used: bool,
}

/// The audit log, for admins.
#[server(input = leptos::server_fn::codec::Json, endpoint = "audit-log")]
pub async fn fetch_audit_log(
    filter: shared::AuditFilter,
) -> Result<shared::Page<shared::AuditEntry>, AppError> {
    use crate::accounts::auth::context;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    if session.user.role != shared::Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(context::accounts()?.audit_log(&filter).await?)
}
