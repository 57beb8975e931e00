//! API tokens: created, listed and revoked by their owner, each change
//! audited; and the caller a presented token stands for.

use crate::security::token;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::{internal, SurrealStore};
use app::accounts::store::SessionInfo;
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use chrono::{DateTime, Utc};
use shared::api_token::TOKENS_PER_USER;
use shared::{ApiToken, CurrentUser, NewToken, Problem, TokenScope, ValidationError};
use surrealdb::types::{RecordId, SurrealValue};

/// What every token's secret starts with, so that a leaked one is
/// recognisable (by secret scanners, in logs).
pub const TOKEN_PREFIX: &str = "sos_";

/// Who a presented token acts for, and what it may do.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub session: SessionInfo,
    pub scope: TokenScope,
    /// The token's key, for the rate limit and the audit log.
    pub token: String,
}

#[derive(Debug, SurrealValue)]
struct TokenRow {
    id: RecordId,
    name: String,
    scope: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl TokenRow {
    fn token(self) -> Option<ApiToken> {
        Some(ApiToken {
            id: crate::store::rows::record_key(&self.id),
            name: self.name,
            scope: TokenScope::parse(&self.scope).ok()?,
            created_at: self.created_at,
            expires_at: self.expires_at,
            last_used_at: self.last_used_at,
            revoked_at: self.revoked_at,
        })
    }
}

#[async_trait::async_trait]
impl app::exchange::store::ApiTokens for SurrealStore {
    async fn create_api_token(&self, actor: &Actor, new: &NewToken) -> Result<String, WorkError> {
        let usable: Option<i64> = self
            .db
            .query(
                "SELECT VALUE count() FROM api_token WHERE user = $user AND revoked_at = NONE
                    AND expires_at > time::now() GROUP ALL",
            )
            .bind(("user", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        if usable.unwrap_or(0) >= TOKENS_PER_USER as i64 {
            return Err(WorkError::Invalid(vec![ValidationError::new(
                "name",
                Problem::TooMany,
            )]));
        }
        let secret = token::new_token().map_err(StoreError::Internal)?;
        let secret = format!("{TOKEN_PREFIX}{secret}");
        let key = token::new_token().map_err(StoreError::Internal)?[..20].to_owned();
        let event = AuditEvent::by(actor, "api_token.create", format!("api_token:{key}")).after(
            serde_json::json!({
                "name": new.name,
                "scope": new.scope.as_str(),
                "days": new.days,
            }),
        );
        let sql = format!(
            "BEGIN TRANSACTION;
             CREATE $id CONTENT {{
                user: $user, name: $name, scope: $scope, token_hash: $hash,
                expires_at: time::now() + <duration> string::concat(<string> $days, 'd')
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.audited(
            self.db
                .query(sql)
                .bind(("id", RecordId::new("api_token", key)))
                .bind(("user", user_record(&actor.user.id)))
                .bind(("name", new.name.clone()))
                .bind(("scope", new.scope.as_str()))
                .bind(("hash", token::digest(&secret)))
                .bind(("days", i64::from(new.days))),
            event,
        )
        .await?;
        Ok(secret)
    }

    async fn api_tokens(&self, user: &CurrentUser) -> Result<Vec<ApiToken>, StoreError> {
        let rows: Vec<TokenRow> = self
            .db
            .query(
                "SELECT id, name, scope, created_at, expires_at, last_used_at, revoked_at,
                    (revoked_at = NONE AND expires_at > time::now()) AS usable
                 FROM api_token WHERE user = $user ORDER BY usable DESC, created_at DESC",
            )
            .bind(("user", user_record(&user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows.into_iter().filter_map(TokenRow::token).collect())
    }

    async fn revoke_api_token(&self, actor: &Actor, id: &str) -> Result<(), WorkError> {
        if id.is_empty() || id.len() > 40 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(WorkError::NotFound);
        }
        let event = AuditEvent::by(actor, "api_token.revoke", format!("api_token:{id}"));
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $t = (SELECT VALUE id FROM api_token WHERE id = $id AND user = $user)[0];
             IF $t = NONE {{ THROW 'not-found' }};
             UPDATE $t SET revoked_at = time::now() WHERE revoked_at = NONE;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.audited(
            self.db
                .query(sql)
                .bind(("id", RecordId::new("api_token", id)))
                .bind(("user", user_record(&actor.user.id))),
            event,
        )
        .await
    }
}

impl SurrealStore {
    /// The caller a token stands for: `None` for an unknown, revoked or
    /// expired token, or one whose user is disabled. Its role and grants are
    /// read now, so a changed role applies at once. Marks the token used (at
    /// most once a minute, to keep reads from writing on every request).
    pub async fn api_session(&self, raw: &str) -> Result<Option<ApiCaller>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Found {
            id: RecordId,
            user: RecordId,
            scope: String,
        }
        if !raw.starts_with(TOKEN_PREFIX) || raw.len() > 100 {
            return Ok(None);
        }
        let found: Option<Found> = self
            .db
            .query(
                "SELECT id, user, scope FROM api_token WHERE token_hash = $hash
                    AND revoked_at = NONE AND expires_at > time::now() LIMIT 1;",
            )
            .bind(("hash", token::digest(raw)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(found) = found else {
            return Ok(None);
        };
        let Ok(scope) = TokenScope::parse(&found.scope) else {
            return Ok(None);
        };
        let Some(session) = self.session_of(found.user).await? else {
            return Ok(None);
        };
        self.db
            .query(
                "UPDATE $t SET last_used_at = time::now()
                 WHERE last_used_at = NONE OR last_used_at < time::now() - 1m",
            )
            .bind(("t", found.id.clone()))
            .await
            .and_then(|r| r.check())
            .map_err(internal)?;
        Ok(Some(ApiCaller {
            session,
            scope,
            token: crate::store::rows::record_key(&found.id),
        }))
    }

    /// A call with this token: one line an hour per token and address.
    pub async fn record_api_use(
        &self,
        caller: &ApiCaller,
        address: &str,
    ) -> Result<(), StoreError> {
        let event = AuditEvent::of("api.use")
            .by_user(&caller.session.user)
            .on(format!("api_token:{}", caller.token))
            .at(address);
        self.audit_once_an_hour(event).await
    }

    /// A request with a token was refused (unknown, revoked, expired, not
    /// allowed to write, over its rate): one line an hour per address and
    /// reason, so that probing leaves a trace without flooding the log.
    pub async fn record_api_refusal(
        &self,
        reason: &'static str,
        token: Option<&str>,
        address: &str,
    ) -> Result<(), StoreError> {
        let event = AuditEvent::of(reason)
            .on_if(token.map(|t| format!("api_token:{t}")))
            .at(address);
        self.audit_once_an_hour(event).await
    }
}
