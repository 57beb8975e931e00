//! The second factor: setting it up, turning it off, its recovery codes, and
//! the code step of signing in. Codes are accepted once (the last step used
//! is stored; a recovery code's hash is removed when it is used).

use crate::security::secret_key::{Binding, SecretKey};
use crate::security::{token, totp};
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::internal;
use crate::store::SurrealStore;
use app::accounts::second_factor::TotpSetup;
use app::accounts::store::{CodeOutcome, SignInOutcome};
use app::error::StoreError;
use shared::{CurrentUser, OrgId, Role, SecondFactorCode, UserId};
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

impl Secrets {
    /// What `code` proves against the factor that is on; nothing while
    /// none is.
    fn proof_for_active(&self, user: &UserId, code: &SecondFactorCode) -> Option<Proof> {
        Proof::of(
            user,
            code,
            self.totp_secret.as_deref()?,
            self.totp_last_step,
        )
    }
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

/// What a typed code proved: a time step of the app's secret, or one of the
/// recovery codes (by its hash, which the accepting transaction removes).
enum Proof {
    Step(i64),
    Recovery(String),
}

impl Proof {
    /// What `code` proves against `secret`, if anything. A recovery code is
    /// only a claim here: the transaction that accepts it checks it is held.
    fn of(
        user: &UserId,
        code: &SecondFactorCode,
        secret: &str,
        last_step: Option<i64>,
    ) -> Option<Proof> {
        match code {
            SecondFactorCode::Totp(code) => {
                totp::matching_step(secret, code, now(), last_step).map(Proof::Step)
            }
            SecondFactorCode::Recovery(code) => Some(Proof::Recovery(recovery_hash(user, code))),
        }
    }
}

/// What the database keeps of a recovery code. The account is part of it:
/// a copy of the database cannot test a guess against every account's
/// codes at once.
fn recovery_hash(user: &UserId, code: &str) -> String {
    token::digest(&format!("recovery:{user}:{code}"))
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

    async fn confirm_totp(
        &self,
        user: &CurrentUser,
        code: &str,
        address: &str,
    ) -> Result<CodeOutcome<Vec<String>>, StoreError> {
        let codes = totp::recovery_codes().map_err(internal)?;
        let change = Change {
            assignment: "totp_secret = totp_secret ?? totp_pending_secret,
                         totp_pending_secret = NONE, totp_recovery = $codes",
            codes: &codes,
            action: "totp.enable",
        };
        self.checked(user, address, change, |secrets| {
            // The code of the secret being set up, while none is on.
            if secrets.totp_secret.is_some() {
                return None;
            }
            let pending = secrets.totp_pending_secret.as_deref()?;
            totp::matching_step(pending, code, now(), secrets.totp_last_step).map(Proof::Step)
        })
        .await
        .map(|outcome| outcome.map(|()| codes))
    }

    async fn disable_totp(
        &self,
        user: &CurrentUser,
        code: &SecondFactorCode,
        address: &str,
    ) -> Result<CodeOutcome<()>, StoreError> {
        let change = Change {
            assignment: "totp_secret = NONE, totp_pending_secret = NONE, totp_recovery = []",
            codes: &[],
            action: "totp.disable",
        };
        self.checked(user, address, change, |secrets| {
            secrets.proof_for_active(&user.id, code)
        })
        .await
    }

    async fn renew_recovery_codes(
        &self,
        user: &CurrentUser,
        code: &SecondFactorCode,
        address: &str,
    ) -> Result<CodeOutcome<Vec<String>>, StoreError> {
        let codes = totp::recovery_codes().map_err(internal)?;
        let change = Change {
            assignment: "totp_recovery = $codes",
            codes: &codes,
            action: "totp.recovery_codes",
        };
        self.checked(user, address, change, |secrets| {
            secrets.proof_for_active(&user.id, code)
        })
        .await
        .map(|outcome| outcome.map(|()| codes))
    }

    async fn recovery_codes_left(&self, user: &CurrentUser) -> Result<usize, StoreError> {
        let left: Option<usize> = self
            .db
            .query("SELECT VALUE array::len(totp_recovery ?? []) FROM ONLY $user")
            .bind(("user", user_record(&user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(left.unwrap_or(0))
    }

    async fn complete_sign_in(
        &self,
        pending_token: &str,
        code: &SecondFactorCode,
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
        let proof = secret
            .as_deref()
            .and_then(|s| Proof::of(&user.id, code, s, pending.last_step));
        let accepted = match proof {
            Some(proof) if !pending.disabled => {
                let action = match proof {
                    Proof::Step(_) => "sign_in.second_factor",
                    Proof::Recovery(_) => "sign_in.recovery_code",
                };
                let change = Change {
                    assignment: "totp_pending_secret = totp_pending_secret",
                    codes: &[],
                    action,
                };
                self.accept(&user, address, proof, change).await?
            }
            _ => false,
        };
        if !accepted {
            self.record_failure(&pending.email, address, Some(&pending.user))
                .await?;
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

/// What an accepted code changes on the user, and the audit action it is
/// written under. `$codes` in the assignment is the hashes of `codes`.
struct Change<'a> {
    assignment: &'static str,
    codes: &'a [String],
    action: &'static str,
}

impl SurrealStore {
    /// One step that needs a code, under the sign-in throttle: `prove` reads
    /// the user's secrets and says what the code proves; a refusal counts
    /// as a failed sign-in of the account, from this address.
    async fn checked(
        &self,
        user: &CurrentUser,
        address: &str,
        change: Change<'_>,
        prove: impl FnOnce(&Secrets) -> Option<Proof>,
    ) -> Result<CodeOutcome<()>, StoreError> {
        let attempt = match self.admit(&user.email, address).await? {
            Ok(attempt) => attempt,
            Err(minutes) => {
                return Ok(CodeOutcome::Throttled {
                    retry_after_minutes: minutes,
                })
            }
        };
        let secrets = self.secrets(&user.id).await?;
        let accepted = match prove(&secrets) {
            Some(proof) => self.accept(user, address, proof, change).await?,
            None => false,
        };
        if accepted {
            self.succeeded(attempt).await?;
            Ok(CodeOutcome::Accepted(()))
        } else {
            self.record_failure(&user.email, address, Some(&user_record(&user.id)))
                .await?;
            Ok(CodeOutcome::Refused)
        }
    }

    /// Uses up the proof and makes the change in one transaction: a time
    /// step newer than the last one used, or a recovery code still held.
    /// Refused (false) when another request used it in between.
    async fn accept(
        &self,
        user: &CurrentUser,
        address: &str,
        proof: Proof,
        change: Change<'_>,
    ) -> Result<bool, StoreError> {
        let event = AuditEvent::of(change.action)
            .by_user(user)
            .on(format!("user:{}", user.id))
            .at(address);
        let (use_proof, step, hash) = match proof {
            Proof::Step(step) => (
                "IF ((SELECT VALUE totp_last_step FROM ONLY $user) ?? -1) >= $step { THROW 'replayed' };
                 UPDATE ONLY $user SET totp_last_step = $step;",
                Some(step),
                None,
            ),
            Proof::Recovery(hash) => (
                "IF $hash NOTINSIDE ((SELECT VALUE totp_recovery FROM ONLY $user) ?? []) { THROW 'replayed' };
                 UPDATE ONLY $user SET totp_recovery -= $hash;",
                None,
                Some(hash),
            ),
        };
        let sql = format!(
            "BEGIN TRANSACTION;
             {use_proof}
             UPDATE ONLY $user SET {assignment};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            assignment = change.assignment,
        );
        let codes: Vec<String> = change
            .codes
            .iter()
            .map(|c| recovery_hash(&user.id, c))
            .collect();
        let response = self
            .bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(&user.id)))
            .bind(("step", step))
            .bind(("hash", hash))
            .bind(("codes", codes))
            .await
            .map_err(internal)?;
        match transaction_outcome(response) {
            Ok(_) => Ok(true),
            Err(e) if e.contains("replayed") => Ok(false),
            Err(e) => Err(internal(e)),
        }
    }
}
