//! Password reset links: an admin issues one for a user who lost their
//! password (shown once, to be passed on through a safe channel); its holder
//! chooses a new password on the reset page, once, within a day.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A link the site hands out, shown once to the admin who made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewLink {
    pub link: String,
    pub email: String,
}

#[server(endpoint = "password-reset-create")]
pub async fn create_password_reset(
    user: String,
    language: Option<String>,
    send_mail: Option<String>,
) -> Result<NewLink, AppError> {
    use crate::accounts::admin::context;
    use crate::notifications::account_mail;
    let admin = context::admin()?;
    let user = crate::accounts::admin::parse_user(&user)?;
    let administration = context::administration()?;
    // The link also goes to the user by e-mail.
    let mail = account_mail::password_reset(
        account_mail::language(language.as_deref().unwrap_or("en")),
        shared::PASSWORD_RESET_HOURS,
    );
    let token = administration
        .create_password_reset(&admin.user, &user, send_mail.is_some().then_some(&mail))
        .await?;
    let email = administration
        .list_users()
        .await?
        .into_iter()
        .find(|u| u.id == user)
        .map(|u| u.email)
        .unwrap_or_default();
    Ok(NewLink {
        link: format!(
            "{}/reset/{token}",
            crate::accounts::auth::context::site_address()
        ),
        email,
    })
}

/// What a reset link opens; not found when it is unknown.
#[server(input = leptos::server_fn::codec::Json, endpoint = "password-reset-info")]
pub async fn fetch_password_reset(token: String) -> Result<ResetView, AppError> {
    let info = crate::accounts::admin::context::administration()?
        .password_reset_info(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ResetView {
        email: info.email,
        expired: info.expired,
        used: info.used,
    })
}

/// Sets the new password from the reset page's form, then sends the user
/// to sign in with it (and with their second factor, if they have one).
#[server(endpoint = "password-reset")]
pub async fn complete_password_reset(token: String, password: String) -> Result<(), AppError> {
    use crate::accounts::store::AdminError;
    let result = crate::accounts::admin::context::administration()?
        .complete_password_reset(
            &token,
            &password,
            &crate::accounts::auth::context::client_address(),
        )
        .await;
    let token = crate::accounts::admin::link_token(&token);
    match result {
        Ok(()) => {
            crate::accounts::auth::end_browser_session();
            leptos_axum::redirect("/sign-in?changed=1");
        }
        Err(AdminError::Invalid(e)) => {
            leptos_axum::redirect(&format!(
                "/reset/{token}?failed={}",
                crate::accounts::admin::problem_code(&e.problem)
            ));
        }
        Err(AdminError::LinkUsed | AdminError::LinkExpired | AdminError::NotFound) => {
            leptos_axum::redirect(&format!("/reset/{token}"));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// A reset link as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetView {
    pub email: String,
    pub expired: bool,
    pub used: bool,
}
