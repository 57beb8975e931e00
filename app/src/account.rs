//! Server functions of the account page: the second factor.

use crate::error::AppError;
use crate::store_types::TotpSetup;
use leptos::prelude::*;

#[server(endpoint = "totp-begin")]
pub async fn begin_totp() -> Result<TotpSetup, AppError> {
    let session = crate::auth::context::session().ok_or(AppError::SignInRequired)?;
    Ok(crate::auth::context::accounts()?
        .begin_totp(&session.user)
        .await?)
}

#[server(endpoint = "totp-confirm")]
pub async fn confirm_totp(code: String) -> Result<(), AppError> {
    let session = crate::auth::context::session().ok_or(AppError::SignInRequired)?;
    let ok = match shared::parse_totp_code(&code) {
        Ok(code) => {
            crate::auth::context::accounts()?
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
    let session = crate::auth::context::session().ok_or(AppError::SignInRequired)?;
    let ok = match shared::parse_totp_code(&code) {
        Ok(code) => {
            crate::auth::context::accounts()?
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
