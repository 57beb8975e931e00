//! API tokens: created, listed and revoked by their owner, each change
//! audited; and the caller a presented token stands for.

use crate::security::token;
use crate::store::accounts::sessions::{user_record, Confirmed};
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

/// Ends every token of `$user`: written into each remedy for an account in
/// the wrong hands (a new password, signing out everywhere, a reset link
/// used, disabling, a lost second factor), whose transaction binds `$user`.
pub(in crate::store) const REVOKE_API_TOKENS: &str =
    "UPDATE api_token SET revoked_at = time::now() WHERE user = $user AND revoked_at = NONE";

/// What a presented token comes to.
#[derive(Debug, Clone)]
pub enum TokenCheck {
    Valid(ApiCaller),
    /// The audit log's word for the refusal, and the token's key when it
    /// is one of ours (revoked, expired, its user disabled).
    Refused(&'static str, Option<String>),
}

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
    async fn create_api_token(
        &self,
        actor: &Actor,
        new: &NewToken,
        password: &str,
    ) -> Result<String, WorkError> {
        let refused = |problem| WorkError::Invalid(vec![ValidationError::new("password", problem)]);
        match self
            .confirm_password(&actor.user, password, &actor.address)
            .await?
        {
            Confirmed::Yes => self.issue_api_token(actor, new).await,
            Confirmed::Wrong => Err(refused(Problem::WrongPassword)),
            Confirmed::Throttled(_) => Err(refused(Problem::TooMany)),
        }
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
    /// Writes a new token for `actor` (who proved who they are) and answers
    /// its secret. At most [`TOKENS_PER_USER`] usable at once, counted in
    /// the writing transaction.
    pub(in crate::store) async fn issue_api_token(
        &self,
        actor: &Actor,
        new: &NewToken,
    ) -> Result<String, WorkError> {
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
             IF (SELECT VALUE count() FROM api_token WHERE user = $user AND revoked_at = NONE
                    AND expires_at > time::now() GROUP ALL)[0] >= $most {{ THROW 'too-many' }};
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
                .bind(("days", i64::from(new.days)))
                .bind(("most", TOKENS_PER_USER as i64)),
            event,
        )
        .await
        .map_err(|e| match e {
            WorkError::Store(StoreError::Internal(m)) if m.contains("too-many") => {
                WorkError::Invalid(vec![ValidationError::new("name", Problem::TooMany)])
            }
            other => other,
        })?;
        Ok(secret)
    }

    /// Who a presented token stands for, or why it is refused. Its user's
    /// role and grants are read now, so a changed role applies at once.
    pub async fn api_session(&self, raw: &str) -> Result<TokenCheck, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Found {
            id: RecordId,
            user: RecordId,
            scope: String,
            revoked: bool,
            expired: bool,
        }
        // Only what this platform hands out reaches the database.
        let well_formed = raw.strip_prefix(TOKEN_PREFIX).is_some_and(|hex| {
            hex.len() == 64
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        if !well_formed {
            return Ok(TokenCheck::Refused("api.refused.bad_token", None));
        }
        let found: Option<Found> = self
            .db
            .query(
                "SELECT id, user, scope, revoked_at != NONE AS revoked,
                    expires_at <= time::now() AS expired
                 FROM api_token WHERE token_hash = $hash LIMIT 1;",
            )
            .bind(("hash", token::digest(raw)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(found) = found else {
            return Ok(TokenCheck::Refused("api.refused.bad_token", None));
        };
        let key = crate::store::rows::record_key(&found.id);
        if found.revoked {
            return Ok(TokenCheck::Refused("api.refused.revoked", Some(key)));
        }
        if found.expired {
            return Ok(TokenCheck::Refused("api.refused.expired", Some(key)));
        }
        let Ok(scope) = TokenScope::parse(&found.scope) else {
            return Ok(TokenCheck::Refused("api.refused.bad_token", Some(key)));
        };
        let Some(session) = self.session_of(found.user).await? else {
            return Ok(TokenCheck::Refused("api.refused.disabled", Some(key)));
        };
        Ok(TokenCheck::Valid(ApiCaller {
            session,
            scope,
            token: key,
        }))
    }

    /// The token answered a call: its last use, as its owner's list shows
    /// it (at most once a minute, so that reads do not write each time).
    pub async fn touch_api_token(&self, caller: &ApiCaller) -> Result<(), StoreError> {
        self.db
            .query(
                "UPDATE $t SET last_used_at = time::now()
                 WHERE last_used_at = NONE OR last_used_at < time::now() - 1m",
            )
            .bind(("t", RecordId::new("api_token", caller.token.as_str())))
            .await
            .and_then(|r| r.check())
            .map_err(internal)?;
        Ok(())
    }

    /// A token for the account with this e-mail address, made on the
    /// command line (`server user token`): for a program set up by the
    /// server's operator, such as the API's schema test. Audited like one made
    /// on the account page, from the address `command line`.
    pub async fn create_api_token_for(
        &self,
        email: &str,
        new: &NewToken,
    ) -> Result<String, WorkError> {
        let user: Option<RecordId> = self
            .db
            .query("SELECT VALUE id FROM user WHERE email = $email LIMIT 1")
            .bind(("email", email.trim().to_lowercase()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(user) = user else {
            return Err(WorkError::NotFound);
        };
        let Some(session) = self.session_of(user).await? else {
            return Err(WorkError::NotFound);
        };
        let actor = Actor {
            viewer: session.viewer(),
            user: session.user,
            address: "command line".into(),
        };
        self.issue_api_token(&actor, new).await
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

    /// A request with a token was refused (none, unknown, revoked, expired,
    /// not allowed to write, over its rate): one line an hour per reason and
    /// token, from whichever address came first, so that probing from many
    /// addresses leaves a trace without filling the log.
    pub async fn record_api_refusal(
        &self,
        reason: &'static str,
        token: Option<&str>,
        address: &str,
    ) -> Result<(), StoreError> {
        let event = AuditEvent::of(reason)
            .on_if(token.map(|t| format!("api_token:{t}")))
            .at(address);
        self.audit_once_an_hour_anywhere(event).await
    }
}
