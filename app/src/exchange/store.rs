//! The seam of data exchange: a user's API tokens. Implemented in
//! `server/src/store/exchange/api_tokens.rs`; finding who a token acts for
//! is the server's own (`SurrealStore::api_session`), used by `/api/v1`.

use crate::accounts::Actor;
use crate::error::{StoreError, WorkError};
use shared::{ApiToken, CurrentUser, NewToken};
use std::sync::Arc;

#[async_trait::async_trait]
pub trait ApiTokens: Send + Sync + 'static {
    /// Creates a token for the actor, once they gave their password again,
    /// and answers its secret, which is never stored nor shown again.
    /// Refused when the actor holds [`shared::api_token::TOKENS_PER_USER`]
    /// usable tokens already.
    async fn create_api_token(
        &self,
        actor: &Actor,
        token: &NewToken,
        password: &str,
    ) -> Result<String, WorkError>;

    /// The user's tokens, usable ones first, newest first.
    async fn api_tokens(&self, user: &CurrentUser) -> Result<Vec<ApiToken>, StoreError>;

    /// Revokes one of the actor's own tokens (another's is not found).
    async fn revoke_api_token(&self, actor: &Actor, id: &str) -> Result<(), WorkError>;
}

pub type SharedApiTokens = Arc<dyn ApiTokens>;

/// Imports of organisations and relations from CSV files: each read and
/// acted on only by its author, while their clearance covers every record
/// it names. Implemented by `server/src/exchange/desk.rs`, which checks and
/// writes in the background.
#[async_trait::async_trait]
pub trait Imports: Send + Sync + 'static {
    /// The author's imports, newest first.
    async fn imports(
        &self,
        actor: &Actor,
    ) -> Result<Vec<shared::import::ImportSummary>, StoreError>;

    /// One import with one page of its rows of outcome `shown`.
    async fn import(
        &self,
        actor: &Actor,
        id: &str,
        shown: shared::import::OutcomeKind,
        page: usize,
    ) -> Result<Option<shared::import::ImportView>, StoreError>;

    /// Writes a checked import with no row in error: checked again against
    /// the network as it is now, then written in one transaction.
    async fn confirm_import(&self, actor: &Actor, id: &str) -> Result<(), WorkError>;

    /// Checks an import again (after the server stopped during it, or
    /// after the network changed).
    async fn check_import_again(&self, actor: &Actor, id: &str) -> Result<(), WorkError>;
}

pub type SharedImports = Arc<dyn Imports>;
