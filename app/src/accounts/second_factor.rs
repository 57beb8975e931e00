//! Server functions of the account page: the second factor.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(endpoint = "totp-begin")]
pub async fn begin_totp() -> Result<TotpSetup, AppError> {
    let session = crate::accounts::auth::context::session().ok_or(AppError::SignInRequired)?;
    crate::accounts::auth::context::accounts()?
        .begin_totp(&session.user)
        .await?
        .ok_or(AppError::Forbidden)
}

#[server(endpoint = "totp-confirm")]
pub async fn confirm_totp(code: String) -> Result<(), AppError> {
    let session = crate::accounts::auth::context::session().ok_or(AppError::SignInRequired)?;
    let ok = match shared::parse_totp_code(&code) {
        Ok(code) => {
            crate::accounts::auth::context::accounts()?
                .confirm_totp(&session.user, &code)
                .await?
        }
        Err(_) => false,
    };
    leptos_axum::redirect(if ok {
        "/account?done=totp-on"
    } else {
        "/account?failed=code"
    });
    Ok(())
}

#[server(endpoint = "totp-disable")]
pub async fn disable_totp(code: String) -> Result<(), AppError> {
    let session = crate::accounts::auth::context::session().ok_or(AppError::SignInRequired)?;
    let ok = match shared::parse_totp_code(&code) {
        Ok(code) => {
            crate::accounts::auth::context::accounts()?
                .disable_totp(&session.user, &code)
                .await?
        }
        Err(_) => false,
    };
    leptos_axum::redirect(if ok {
        "/account?done=totp-off"
    } else {
        "/account?failed=code"
    });
    Ok(())
}

/// Setting up a second factor: the secret for the app, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// Base32, as apps ask for it when typed by hand.
    pub secret: String,
    /// `otpauth://` address that apps open directly.
    pub uri: String,
}
