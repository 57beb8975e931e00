//! Server functions of the account page: the second factor and its
//! recovery codes.

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

/// Turns the factor on with a code of the new secret; answers the recovery
/// codes, which the page shows once.
#[server(endpoint = "totp-confirm")]
pub async fn confirm_totp(code: String) -> Result<CodeAnswer, AppError> {
    use crate::accounts::auth::context;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    let Ok(code) = shared::parse_totp_code(&code) else {
        return Ok(CodeAnswer::Refused);
    };
    let outcome = context::accounts()?
        .confirm_totp(&session.user, &code, &context::client_address())
        .await?;
    Ok(CodeAnswer::from_codes(outcome))
}

/// Turns the factor off with a code of the app or a recovery code; a plain
/// form that answers by sending the browser back to the account page.
#[server(endpoint = "totp-disable")]
pub async fn disable_totp(code: String) -> Result<(), AppError> {
    use crate::accounts::auth::context;
    use crate::accounts::store::CodeOutcome;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    let to = match shared::parse_second_factor_code(&code) {
        Ok(code) => match context::accounts()?
            .disable_totp(&session.user, &code, &context::client_address())
            .await?
        {
            CodeOutcome::Accepted(()) => "/account?done=totp-off".to_owned(),
            CodeOutcome::Refused => "/account?failed=code".to_owned(),
            CodeOutcome::Throttled {
                retry_after_minutes,
            } => format!("/account?failed=code-throttled&minutes={retry_after_minutes}"),
        },
        Err(_) => "/account?failed=code".to_owned(),
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// Replaces the recovery codes with new ones, shown once.
#[server(endpoint = "recovery-codes-renew")]
pub async fn renew_recovery_codes(code: String) -> Result<CodeAnswer, AppError> {
    use crate::accounts::auth::context;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    let Ok(code) = shared::parse_second_factor_code(&code) else {
        return Ok(CodeAnswer::Refused);
    };
    let outcome = context::accounts()?
        .renew_recovery_codes(&session.user, &code, &context::client_address())
        .await?;
    Ok(CodeAnswer::from_codes(outcome))
}

/// How many recovery codes the signed-in user has left.
#[server(input = leptos::server_fn::codec::Json, endpoint = "recovery-codes-left")]
pub async fn recovery_codes_left() -> Result<usize, AppError> {
    use crate::accounts::auth::context;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    Ok(context::accounts()?
        .recovery_codes_left(&session.user)
        .await?)
}

/// Setting up a second factor: the secret for the app, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// Base32, as apps ask for it when typed by hand.
    pub secret: String,
    /// `otpauth://` address that apps open directly.
    pub uri: String,
}

/// What the page shows after a step that hands out recovery codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeAnswer {
    /// The recovery codes, as the user should write them down.
    Codes(Vec<String>),
    Refused,
    Throttled {
        minutes: u32,
    },
}

impl CodeAnswer {
    #[cfg(feature = "ssr")]
    fn from_codes(outcome: crate::accounts::store::CodeOutcome<Vec<String>>) -> Self {
        use crate::accounts::store::CodeOutcome;
        match outcome {
            CodeOutcome::Accepted(codes) => CodeAnswer::Codes(
                codes
                    .iter()
                    .map(|c| shared::format_recovery_code(c))
                    .collect(),
            ),
            CodeOutcome::Refused => CodeAnswer::Refused,
            CodeOutcome::Throttled {
                retry_after_minutes,
            } => CodeAnswer::Throttled {
                minutes: retry_after_minutes,
            },
        }
    }
}
