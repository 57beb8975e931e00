//! Changing one's password on the account page: the current password, then
//! the new one. Every session ends, this one too, and the user signs in
//! again with the new password.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "password-change")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    use crate::accounts::auth::context;
    use crate::accounts::store::PasswordChange;
    let session = context::session().ok_or(AppError::SignInRequired)?;
    let outcome = context::accounts()?
        .change_password(
            &session.user,
            &current,
            &password,
            &context::client_address(),
        )
        .await?;
    let to = match outcome {
        PasswordChange::Changed => {
            crate::accounts::auth::end_browser_session();
            "/sign-in?changed=1".to_owned()
        }
        PasswordChange::WrongCurrent => "/account?failed=password#password".to_owned(),
        PasswordChange::Refused(problem) => {
            format!("/account?failed={}#password", refusal(&problem.problem))
        }
        PasswordChange::Throttled {
            retry_after_minutes,
        } => format!("/account?failed=throttled&minutes={retry_after_minutes}#password"),
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// The word the account page turns into its message.
#[cfg(feature = "ssr")]
fn refusal(problem: &shared::Problem) -> &'static str {
    match problem {
        shared::Problem::TooShort { .. } => "short",
        shared::Problem::TooLong { .. } => "long",
        _ => "weak",
    }
}
