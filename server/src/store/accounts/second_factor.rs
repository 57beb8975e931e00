//! The second factor: setting it up, turning it off, and the code step of
//! signing in. Codes are accepted once (the last step used is stored).

use crate::security::{token, totp};
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::internal;
use crate::store::SurrealStore;
use app::accounts::second_factor::TotpSetup;
use app::accounts::store::SignInOutcome;
use app::error::StoreError;
use shared::{CurrentUser, OrgId, Role, UserId};
use surrealdb::types::{RecordId, SurrealValue};

fn now() -> u64 {
    chrono::Utc::now().timestamp().max(0) as u64
}

#[derive(Debug, SurrealValue)]
struct Secrets {
    totp_secret: Option<String>,
    totp_pending_secret: Option<String>,
    totp_last_step: Option<i64>,
}

impl SurrealStore {
    async fn secrets(&self, user: &UserId) -> Result<Secrets, StoreError> {
        let found: Option<Secrets> = self
            .db
            .query("SELECT totp_secret, totp_pending_secret, totp_last_step FROM ONLY $user")
            .bind(("user", user_record(user)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        found.ok_or_else(|| internal("no such user"))
    }
}

#[async_trait::async_trait]
impl app::accounts::store::SecondFactor for SurrealStore {
    async fn begin_totp(&self, user: &CurrentUser) -> Result<TotpSetup, StoreError> {
        let secret = totp::new_secret().map_err(internal)?;
        self.db
            .query("UPDATE ONLY $user SET totp_pending_secret = $secret")
            .bind(("user", user_record(&user.id)))
            .bind(("secret", secret.clone()))
            .await
            .and_then(|r| r.check())
            .map_err(internal)?;
        Ok(TotpSetup {
            uri: totp::otpauth_uri(&secret, &user.email),
            secret,
        })
    }

    async fn confirm_totp(&self, user: &CurrentUser, code: &str) -> Result<bool, StoreError> {
        let secrets = self.secrets(&user.id).await?;
        let Some(pending) = secrets.totp_pending_secret else {
            return Ok(false);
        };
        let Some(step) = totp::matching_step(&pending, code, now(), secrets.totp_last_step) else {
            return Ok(false);
        };
        self.accept_step(
            user,
            step,
            "totp_secret = totp_pending_secret, totp_pending_secret = NONE",
            "totp.enable",
        )
        .await
    }

    async fn disable_totp(&self, user: &CurrentUser, code: &str) -> Result<bool, StoreError> {
        let secrets = self.secrets(&user.id).await?;
        let Some(secret) = secrets.totp_secret else {
            return Ok(false);
        };
        let Some(step) = totp::matching_step(&secret, code, now(), secrets.totp_last_step) else {
            return Ok(false);
        };
        self.accept_step(user, step, "totp_secret = NONE", "totp.disable")
            .await
    }

    async fn complete_sign_in(
        &self,
        pending_token: &str,
        code: &str,
        address: &str,
    ) -> Result<SignInOutcome, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Pending {
            id: RecordId,
            user: RecordId,
            email: String,
            name: String,
            role: String,
            organisation: Option<RecordId>,
            secret: Option<String>,
            last_step: Option<i64>,
            disabled: bool,
        }
        let found: Vec<Pending> = self
            .db
            .query(
                "SELECT id, user, user.email AS email, user.name AS name, user.role AS role,
                        user.organisation AS organisation, user.totp_secret AS secret,
                        user.totp_last_step AS last_step, user.disabled AS disabled
                 FROM session WHERE token_hash = $hash AND pending = true
                     AND expires_at > time::now() LIMIT 1",
            )
            .bind(("hash", token::digest(pending_token)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(pending) = found.into_iter().next() else {
            return Ok(SignInOutcome::Expired);
        };
        let attempt = match self.admit(&pending.email, address).await? {
            Ok(attempt) => attempt,
            Err(minutes) => {
                return Ok(SignInOutcome::Throttled {
                    retry_after_minutes: minutes,
                })
            }
        };
        let step = pending
            .secret
            .as_deref()
            .and_then(|s| totp::matching_step(s, code, now(), pending.last_step));
        let user = CurrentUser {
            id: UserId::parse(&crate::store::rows::record_key(&pending.user)).map_err(internal)?,
            email: pending.email.clone(),
            name: pending.name,
            role: Role::parse(&pending.role).map_err(internal)?,
            organisation: pending
                .organisation
                .as_ref()
                .and_then(|o| OrgId::parse(&crate::store::rows::record_key(o)).ok()),
            totp_enabled: true,
        };
        let accepted = match step {
            Some(step) if !pending.disabled => {
                self.accept_step(
                    &user,
                    step,
                    "totp_pending_secret = totp_pending_secret",
                    "sign_in.second_factor",
                )
                .await?
            }
            _ => false,
        };
        if !accepted {
            self.record_failure(&pending.email, address, None).await?;
            return Ok(SignInOutcome::Refused);
        }
        self.succeeded(attempt).await?;
        self.db
            .query("DELETE $id")
            .bind(("id", pending.id))
            .await
            .and_then(|r| r.check())
            .map_err(internal)?;
        let token = self
            .open_session(
                &user,
                address,
                app::accounts::auth::SESSION_SECONDS,
                false,
                "sign_in",
            )
            .await?;
        Ok(SignInOutcome::SignedIn { token, user })
    }
}

impl SurrealStore {
    /// Stores the accepted step and the change in one transaction; refused
    /// (false) when another request used a newer step in between.
    async fn accept_step(
        &self,
        user: &CurrentUser,
        step: i64,
        assignment: &str,
        action: &'static str,
    ) -> Result<bool, StoreError> {
        let event = AuditEvent::of(action)
            .by_user(user)
            .on(format!("user:{}", user.id));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF ((SELECT VALUE totp_last_step FROM ONLY $user) ?? -1) >= $step {{ THROW 'replayed' }};
             UPDATE ONLY $user SET totp_last_step = $step, {assignment};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let response = self
            .bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(&user.id)))
            .bind(("step", step))
            .await
            .map_err(internal)?;
        match transaction_outcome(response) {
            Ok(_) => Ok(true),
            Err(e) if e.contains("replayed") => Ok(false),
            Err(e) => Err(internal(e)),
        }
    }
}
