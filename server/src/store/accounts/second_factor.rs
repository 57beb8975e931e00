//! The second factor: setting it up, turning it off, and the code step of
//! signing in. Codes are accepted once (the last step used is stored).

use crate::security::secret_key::{Binding, SecretKey};
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

/// Both slots of a user's secret are sealed for the user's record: the
/// pending secret becomes the active one by a copy inside the database.
fn binding(user: &str) -> Binding<'_> {
    Binding {
        record: user,
        field: "totp",
    }
}

impl SurrealStore {
    /// The user's second-factor secrets, opened.
    async fn secrets(&self, user: &UserId) -> Result<Secrets, StoreError> {
        let found: Option<Secrets> = self
            .db
            .query("SELECT totp_secret, totp_pending_secret, totp_last_step FROM ONLY $user")
            .bind(("user", user_record(user)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let found = found.ok_or_else(|| internal("no such user"))?;
        let record = format!("user:{user}");
        Ok(Secrets {
            totp_secret: self.open_secret(found.totp_secret, &record)?,
            totp_pending_secret: self.open_secret(found.totp_pending_secret, &record)?,
            totp_last_step: found.totp_last_step,
        })
    }

    fn open_secret(
        &self,
        stored: Option<String>,
        record: &str,
    ) -> Result<Option<String>, StoreError> {
        stored
            .map(|s| self.secret_key.open(&s, binding(record)))
            .transpose()
            .map_err(internal)
    }

    /// Seals the second-factor secrets stored before sealing existed, and
    /// checks that this server's key opens the sealed ones: started with
    /// another key, the server would refuse every code, so it does not
    /// start. Answers how many secrets it sealed.
    pub async fn seal_second_factors(&self) -> Result<usize, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Stored {
            id: RecordId,
            totp_secret: Option<String>,
            totp_pending_secret: Option<String>,
        }
        let users: Vec<Stored> = self
            .db
            .query(
                "SELECT id, totp_secret, totp_pending_secret FROM user
                 WHERE totp_secret != NONE OR totp_pending_secret != NONE",
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let mut sealed = 0;
        for user in users {
            let record = crate::store::rows::record_text(&user.id);
            let mut seal = |stored: Option<String>| -> Result<Option<String>, StoreError> {
                match stored {
                    Some(s) if SecretKey::is_sealed(&s) => {
                        self.secret_key.open(&s, binding(&record)).map_err(|_| {
                            internal(format!(
                                "the second-factor secret of {record} does not open with this \
                                 server's secret key: start it with the key it was sealed with"
                            ))
                        })?;
                        Ok(Some(s))
                    }
                    Some(plain) => {
                        sealed += 1;
                        self.secret_key
                            .seal(&plain, binding(&record))
                            .map(Some)
                            .map_err(internal)
                    }
                    None => Ok(None),
                }
            };
            let active = seal(user.totp_secret)?;
            let pending = seal(user.totp_pending_secret)?;
            self.db
                .query(
                    "UPDATE ONLY $user SET totp_secret = $active, totp_pending_secret = $pending",
                )
                .bind(("user", user.id))
                .bind(("active", active))
                .bind(("pending", pending))
                .await
                .and_then(|r| r.check())
                .map_err(internal)?;
        }
        Ok(sealed)
    }
}

#[async_trait::async_trait]
impl app::accounts::store::SecondFactor for SurrealStore {
    async fn begin_totp(&self, user: &CurrentUser) -> Result<Option<TotpSetup>, StoreError> {
        let secret = totp::new_secret().map_err(internal)?;
        let sealed = self
            .secret_key
            .seal(&secret, binding(&format!("user:{}", user.id)))
            .map_err(internal)?;
        // Only while no second factor is on: whoever holds a session must
        // not be able to swap the factor for one of their own.
        let updated: Option<RecordId> = self
            .db
            .query(
                "UPDATE ONLY $user SET totp_pending_secret = $secret
                 WHERE totp_secret = NONE RETURN VALUE id",
            )
            .bind(("user", user_record(&user.id)))
            .bind(("secret", sealed))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(updated.map(|_| TotpSetup {
            uri: totp::otpauth_uri(&secret, &user.email),
            secret,
        }))
    }

    async fn confirm_totp(&self, user: &CurrentUser, code: &str) -> Result<bool, StoreError> {
        let secrets = self.secrets(&user.id).await?;
        if secrets.totp_secret.is_some() {
            return Ok(false);
        }
        let Some(pending) = secrets.totp_pending_secret else {
            return Ok(false);
        };
        let Some(step) = totp::matching_step(&pending, code, now(), secrets.totp_last_step) else {
            return Ok(false);
        };
        self.accept_step(
            user,
            step,
            "totp_secret = totp_secret ?? totp_pending_secret, totp_pending_secret = NONE",
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
        let secret = self.open_secret(
            pending.secret,
            &crate::store::rows::record_text(&pending.user),
        )?;
        let step = secret
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
