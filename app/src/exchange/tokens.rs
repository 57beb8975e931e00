//! API tokens on the account page: create (the secret is answered once),
//! list, revoke. Each acts only on the signed-in user's own tokens.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::ApiToken;

#[cfg(feature = "ssr")]
mod context {
    use crate::accounts::Actor;
    use crate::error::AppError;
    use crate::exchange::store::SharedApiTokens;
    use leptos::prelude::use_context;

    pub fn tokens() -> Result<SharedApiTokens, AppError> {
        use_context::<SharedApiTokens>().ok_or_else(|| {
            tracing::error!("no API token store in the request context");
            AppError::Internal
        })
    }

    pub fn actor() -> Result<Actor, AppError> {
        crate::observation::api::context::signed_in()
    }
}

/// The signed-in user's tokens, usable ones first.
#[server(input = Json, endpoint = "api-tokens")]
pub async fn fetch_api_tokens() -> Result<Vec<ApiToken>, AppError> {
    let actor = context::actor()?;
    Ok(context::tokens()?.api_tokens(&actor.user).await?)
}

/// Creates a token and answers its secret, shown once.
#[server(endpoint = "api-token-create")]
pub async fn create_api_token(
    form: shared::TokenForm,
    password: String,
) -> Result<String, AppError> {
    let actor = context::actor()?;
    let new = form.check().map_err(AppError::Invalid)?;
    Ok(context::tokens()?
        .create_api_token(&actor, &new, &password)
        .await?)
}

#[server(endpoint = "api-token-revoke")]
pub async fn revoke_api_token(id: String) -> Result<(), AppError> {
    let actor = context::actor()?;
    Ok(context::tokens()?.revoke_api_token(&actor, &id).await?)
}
