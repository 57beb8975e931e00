//! Users, sessions, sign-in throttling and the audit log on SurrealDB.

use crate::security::{password, token};
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::exchange::api_tokens::REVOKE_API_TOKENS;
use crate::store::internal;
use crate::store::rows::record_key;
use crate::store::SurrealStore;
use app::accounts::store::{PasswordChange, SessionInfo, SignInOutcome};
use app::error::StoreError;
use serde_json::json;
use shared::{check_password, CurrentUser, OrgId, Problem, Role, UserId, ValidationError};
use surrealdb::types::{RecordId, SurrealValue};

use app::accounts::auth::PENDING_SECONDS;

/// Failed sign-ins are counted over this window...
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
/// ...per account (a guessed password) and per address (many accounts tried).
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;

/// A user to create, as given on the command line, in an invitation or by the seed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation: Option<OrgId>,
    pub password: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("{0}")]
    Invalid(ValidationError),
    #[error("an account with the address {0} already exists")]
    EmailTaken(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl SurrealStore {
    /// The session `user` would have if signed in now: `None` once the
    /// account is disabled. For callers who proved who they are otherwise
    /// (an API token).
    pub(in crate::store) async fn session_of(
        &self,
        user: RecordId,
    ) -> Result<Option<SessionInfo>, StoreError> {
        let sql = format!(
            "SELECT {USER_FIELDS} FROM $u WHERE disabled = false;
             SELECT VALUE target FROM access_grant WHERE user = $u;"
        );
        let mut response = self
            .db
            .query(sql)
            .bind(("u", user))
            .await
            .map_err(internal)?;
        let users: Vec<UserRow> = response.take(0).map_err(internal)?;
        let Some(user) = users.first().and_then(UserRow::current) else {
            return Ok(None);
        };
        let grants: Vec<RecordId> = response.take(1).map_err(internal)?;
        let grants = grants.iter().map(crate::store::rows::record_text).collect();
        Ok(Some(SessionInfo { user, grants }))
    }

    /// `actor` with their role and grants as they are now, from the same
    /// address: for work done a while after it was asked (an import
    /// written after its check). `None` once the account is disabled.
    pub async fn actor_now(
        &self,
        actor: &app::accounts::Actor,
    ) -> Result<Option<app::accounts::Actor>, StoreError> {
        Ok(self
            .session_of(user_record(&actor.user.id))
            .await?
            .map(|session| app::accounts::Actor {
                viewer: session.viewer(),
                user: session.user,
                address: actor.address.clone(),
            }))
    }
}

/// Whether a signed-in user proved again who they are with their password.
pub(in crate::store) enum Confirmed {
    Yes,
    Wrong,
    /// Too many failures lately: try again in this many minutes.
    Throttled(u32),
}

impl SurrealStore {
    /// Checks the signed-in user's password before a step that needs it
    /// again (a new password, an API token). A wrong one counts towards the
    /// sign-in throttle, as at the sign-in form.
    pub(in crate::store) async fn confirm_password(
        &self,
        user: &CurrentUser,
        given: &str,
        address: &str,
    ) -> Result<Confirmed, StoreError> {
        if given.chars().count() > shared::PASSWORD_MAX {
            return Ok(Confirmed::Wrong);
        }
        let attempt = match self.admit(&user.email, address).await? {
            Ok(attempt) => attempt,
            Err(minutes) => return Ok(Confirmed::Throttled(minutes)),
        };
        let stored: Option<String> = self
            .db
            .query("SELECT VALUE password_hash FROM ONLY $user")
            .bind(("user", user_record(&user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let stored = stored.unwrap_or_else(|| password::decoy_hash().to_owned());
        if !password::verify_off_thread(given, &stored).await {
            self.record_failure(&user.email, address, Some(&user_record(&user.id)))
                .await?;
            return Ok(Confirmed::Wrong);
        }
        self.succeeded(attempt).await?;
        Ok(Confirmed::Yes)
    }
}

pub(in crate::store) fn user_record(id: &UserId) -> RecordId {
    RecordId::new("user", id.as_str())
}

#[derive(Debug, SurrealValue)]
struct UserRow {
    id: RecordId,
    email: String,
    name: String,
    role: String,
    organisation: Option<RecordId>,
    password_hash: Option<String>,
    totp_secret: Option<String>,
    disabled: bool,
}

/// A sign-in attempt admitted past the throttle, counted until it succeeds.
pub(in crate::store) struct Attempt(RecordId);

/// The longest e-mail address (RFC 5321's path limit, as `shared::Email`).
const EMAIL_MAX: usize = 254;

impl UserRow {
    fn current(&self) -> Option<CurrentUser> {
        Some(CurrentUser {
            id: UserId::parse(&record_key(&self.id)).ok()?,
            email: self.email.clone(),
            name: self.name.clone(),
            role: Role::parse(&self.role).ok()?,
            organisation: self
                .organisation
                .as_ref()
                .and_then(|o| OrgId::parse(&record_key(o)).ok()),
            totp_enabled: self.totp_secret.is_some(),
        })
    }
}

const USER_FIELDS: &str =
    "id, email, name, role, organisation, password_hash, totp_secret, disabled";

impl SurrealStore {
    /// Creates an account after checking the address and the password rules;
    /// audited as `user.create` by `actor` (none for the command line and the seed).
    pub async fn create_user(
        &self,
        new: NewUser,
        actor: Option<&CurrentUser>,
    ) -> Result<UserId, CreateUserError> {
        let email = shared::Email::parse(&new.email.to_lowercase())
            .map_err(CreateUserError::Invalid)?
            .as_str()
            .to_owned();
        let name = new.name.trim().to_owned();
        if name.is_empty() {
            return Err(CreateUserError::Invalid(ValidationError::new(
                "name",
                Problem::Required,
            )));
        }
        if new.role == Role::Member && new.organisation.is_none() {
            return Err(CreateUserError::Invalid(ValidationError::new(
                "organisation",
                Problem::Required,
            )));
        }
        check_password(&new.password, &email, password::is_common)
            .map_err(CreateUserError::Invalid)?;
        let hash = password::hash_off_thread(&new.password)
            .await
            .map_err(internal)?;
        let id = UserId::parse(&token::new_token().map_err(internal)?[..20]).map_err(internal)?;
        let after = json!({
            "email": email, "name": name, "role": new.role.as_str(),
            "organisation": new.organisation.as_ref().map(|o| o.as_str()),
        });
        let event = AuditEvent::of("user.create")
            .by_user_if(actor)
            .on(format!("user:{id}"))
            .after(after);
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE id FROM user WHERE email = $email) != [] {{ THROW 'email taken' }};
             IF $org != NONE AND !record::exists($org) {{ THROW 'no such organisation' }};
             CREATE $id CONTENT {{ email: $email, name: $name, role: $role, organisation: $org, password_hash: $hash }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let response = self
            .bind_audit(self.db.query(sql), event)
            .bind(("id", user_record(&id)))
            .bind(("email", email.clone()))
            .bind(("name", name))
            .bind(("role", new.role.as_str()))
            .bind((
                "org",
                new.organisation
                    .as_ref()
                    .map(|o| RecordId::new("organisation", o.as_str())),
            ))
            .bind(("hash", hash))
            .await
            .map_err(internal)?;
        match transaction_outcome(response) {
            Ok(_) => Ok(id),
            Err(e) if e.to_string().contains("email taken") => {
                Err(CreateUserError::EmailTaken(email))
            }
            Err(e) if e.to_string().contains("no such organisation") => {
                Err(CreateUserError::Invalid(
                    ValidationError::new("organisation", Problem::Required)
                        .with_value(new.organisation.map(String::from).unwrap_or_default()),
                ))
            }
            Err(e) => Err(internal(e).into()),
        }
    }
}

#[async_trait::async_trait]
impl app::accounts::store::Sessions for SurrealStore {
    async fn change_password(
        &self,
        user: &CurrentUser,
        current: &str,
        new: &str,
        address: &str,
    ) -> Result<PasswordChange, StoreError> {
        if let Err(problem) = shared::check_password(new, &user.email, password::is_common) {
            return Ok(PasswordChange::Refused(problem));
        }
        match self.confirm_password(user, current, address).await? {
            Confirmed::Yes => {}
            Confirmed::Wrong => return Ok(PasswordChange::WrongCurrent),
            Confirmed::Throttled(minutes) => {
                return Ok(PasswordChange::Throttled {
                    retry_after_minutes: minutes,
                })
            }
        }
        let hash = password::hash_off_thread(new).await.map_err(internal)?;
        let event = AuditEvent::of("password.change")
            .by_user(user)
            .on(format!("user:{}", user.id))
            .at(address);
        // Whoever else held a session (a stolen cookie, a forgotten
        // computer) is out, and so is the calendar address.
        let sql = format!(
            "BEGIN TRANSACTION;
             UPDATE $user SET password_hash = $hash, calendar_token_hash = NONE;
             DELETE session WHERE user = $user;
             {REVOKE_API_TOKENS};
             DELETE password_reset WHERE user = $user AND used_at = NONE;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let response = self
            .bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(&user.id)))
            .bind(("hash", hash))
            .await
            .map_err(internal)?;
        transaction_outcome(response).map_err(internal)?;
        Ok(PasswordChange::Changed)
    }

    async fn session(&self, raw_token: &str) -> Result<Option<SessionInfo>, StoreError> {
        // Every page a signed-in reader opens starts here. A session is kept
        // in memory until it expires or anything is written (a sign-out, a
        // revocation, a change of role, grants or password is audited and
        // moves the changes); a session that did not resolve is not kept.
        let hash = token::digest(raw_token);
        let now = self.changes.now();
        if let Some((session, expires)) = self.sessions_kept.get(&hash, now) {
            if chrono::Utc::now().timestamp() < expires {
                return Ok(Some(session));
            }
        }
        let sql = format!(
            "LET $s = (SELECT user, time::unix(expires_at) AS expires FROM session
                 WHERE token_hash = $hash AND expires_at > time::now() AND pending != true LIMIT 1)[0];
             LET $u = $s.user;
             SELECT {USER_FIELDS} FROM $u WHERE disabled = false;
             SELECT VALUE target FROM access_grant WHERE user = $u;
             RETURN $s.expires;"
        );
        let mut response = self
            .db
            .query(sql)
            .bind(("hash", hash.clone()))
            .await
            .map_err(internal)?;
        let users: Vec<UserRow> = response.take(2).map_err(internal)?;
        let Some(user) = users.first().and_then(UserRow::current) else {
            return Ok(None);
        };
        let grants: Vec<RecordId> = response.take(3).map_err(internal)?;
        let grants = grants.iter().map(crate::store::rows::record_text).collect();
        let session = SessionInfo { user, grants };
        let expires: Option<i64> = response.take(4).map_err(internal)?;
        if let Some(expires) = expires {
            self.sessions_kept
                .keep(hash, now, (session.clone(), expires));
        }
        Ok(Some(session))
    }

    async fn sign_in(
        &self,
        email: &str,
        given_password: &str,
        address: &str,
    ) -> Result<SignInOutcome, StoreError> {
        let email = email.trim().to_lowercase();
        // No account holds an address or a password this long, nor control
        // characters: such an attempt cannot match, and is refused before
        // it costs a hash or leaves its text in the audit log, which cannot
        // be cleaned.
        if email.chars().count() > EMAIL_MAX
            || email.chars().any(char::is_control)
            || given_password.chars().count() > shared::PASSWORD_MAX
        {
            return Ok(SignInOutcome::Refused);
        }
        let attempt = match self.admit(&email, address).await? {
            Ok(attempt) => attempt,
            Err(minutes) => {
                // Once an hour per address: hammering a throttled account
                // must not flood the audit log, which cannot be cleaned.
                self.audit_once_an_hour(
                    AuditEvent::of("sign_in.throttled").email(email).at(address),
                )
                .await?;
                return Ok(SignInOutcome::Throttled {
                    retry_after_minutes: minutes,
                });
            }
        };
        let sql = format!("SELECT {USER_FIELDS} FROM user WHERE email = $email LIMIT 1");
        let users: Vec<UserRow> = self
            .db
            .query(sql)
            .bind(("email", email.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let row = users.into_iter().next();
        let stored = row
            .as_ref()
            .and_then(|u| u.password_hash.as_deref())
            .unwrap_or(password::decoy_hash());
        let matches = password::verify_off_thread(given_password, stored).await;
        let user = row
            .as_ref()
            .filter(|u| !u.disabled)
            .and_then(UserRow::current);
        let (true, Some(user)) = (matches, user) else {
            self.record_failure(&email, address, row.as_ref().map(|u| &u.id))
                .await?;
            return Ok(SignInOutcome::Refused);
        };
        self.succeeded(attempt).await?;
        if user.totp_enabled {
            let raw = self
                .open_session(&user, address, PENDING_SECONDS, true, "sign_in.password")
                .await?;
            return Ok(SignInOutcome::NeedsSecondFactor { token: raw });
        }
        let raw = self
            .open_session(
                &user,
                address,
                app::accounts::auth::SESSION_SECONDS,
                false,
                "sign_in",
            )
            .await?;
        Ok(SignInOutcome::SignedIn { token: raw, user })
    }

    async fn sign_out(&self, raw_token: &str) -> Result<(), StoreError> {
        let sql = "BEGIN TRANSACTION;
             LET $s = (SELECT id, user FROM session WHERE token_hash = $hash LIMIT 1)[0];
             IF $s != NONE {
                 DELETE $s.id;
                 CREATE audit CONTENT { actor: $s.user, action: 'sign_out', target: <string> $s.user };
             };
             COMMIT TRANSACTION;";
        self.db
            .query(sql)
            .bind(("hash", token::digest(raw_token)))
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }

    async fn sign_out_everywhere(
        &self,
        actor: &CurrentUser,
        user: &UserId,
    ) -> Result<(), StoreError> {
        let event = AuditEvent::of("sessions.revoke")
            .by_user(actor)
            .on(format!("user:{user}"));
        let sql = format!(
            "BEGIN TRANSACTION;
             DELETE session WHERE user = $user;
             -- Signing out everywhere includes the calendar apps and a
             -- reset link not used yet.
             UPDATE $user SET calendar_token_hash = NONE;
             DELETE password_reset WHERE user = $user AND used_at = NONE;
             {REVOKE_API_TOKENS};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(user)))
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }
}

impl SurrealStore {
    /// Creates a session (or, `pending`, the short wait for the second
    /// factor) and audits it; answers the token for the cookie.
    pub(in crate::store) async fn open_session(
        &self,
        user: &CurrentUser,
        address: &str,
        seconds: u64,
        pending: bool,
        action: &'static str,
    ) -> Result<String, StoreError> {
        let raw = token::new_token().map_err(internal)?;
        let event = AuditEvent::of(action)
            .by_user(user)
            .on(format!("user:{}", user.id))
            .at(address);
        let sql = format!(
            "BEGIN TRANSACTION;
             DELETE session WHERE user = $user AND expires_at <= time::now();
             CREATE session CONTENT {{ token_hash: $hash, user: $user, address: $address, pending: $pending,
                 expires_at: time::now() + <duration> string::concat($seconds, 's') }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("hash", token::digest(&raw)))
            .bind(("user", user_record(&user.id)))
            .bind(("address", address.to_owned()))
            .bind(("pending", pending))
            .bind(("seconds", seconds.to_string()))
            .await
            .and_then(|r| r.check())
            .map_err(internal)?;
        Ok(raw)
    }

    pub(in crate::store) async fn record_failure(
        &self,
        email: &str,
        address: &str,
        user: Option<&RecordId>,
    ) -> Result<(), StoreError> {
        let event = AuditEvent::of("sign_in.failed")
            .email(email.to_owned())
            .on_if(user.map(|u| format!("user:{}", record_key(u))))
            .at(address);
        // The failure itself was recorded when the attempt was admitted.
        self.audit(event).await
    }

    /// Admits a sign-in attempt past the throttle and records it at once as
    /// a failure (undone by [`Self::succeeded`]); `Err(minutes)` when the
    /// account or the address must wait. Checking and recording happen under
    /// one lock: apart, a burst of parallel guesses would all pass the check
    /// before any of them was counted. The window slides, so no account is
    /// ever locked for good.
    pub(in crate::store) async fn admit(
        &self,
        email: &str,
        address: &str,
    ) -> Result<Result<Attempt, u32>, StoreError> {
        let _gate = self.sign_in_gate.lock().await;
        if let Some(minutes) = self.throttled(email, address).await? {
            return Ok(Err(minutes));
        }
        let id: Option<RecordId> = self
            .db
            // Failures older than a day count for nothing: they go, so the
            // table stays as small as the window it serves.
            .query(
                "DELETE sign_in_failure WHERE at < time::now() - 1d;
                 CREATE ONLY sign_in_failure CONTENT { email: $email, address: $address } RETURN VALUE id",
            )
            .bind(("email", email.to_owned()))
            .bind(("address", address.to_owned()))
            .await
            .and_then(|mut r| r.take(1))
            .map_err(internal)?;
        let id = id.ok_or_else(|| internal("the attempt was not recorded"))?;
        Ok(Ok(Attempt(id)))
    }

    /// The attempt succeeded: it no longer counts against anyone.
    pub(in crate::store) async fn succeeded(&self, attempt: Attempt) -> Result<(), StoreError> {
        self.db
            .query("DELETE $id")
            .bind(("id", attempt.0))
            .await
            .and_then(|r| r.check())
            .map(|_| ())
            .map_err(internal)
    }

    /// Minutes until the next attempt is allowed, if the account or the
    /// address has failed too often within the window.
    pub(in crate::store) async fn throttled(
        &self,
        email: &str,
        address: &str,
    ) -> Result<Option<u32>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Window {
            n: i64,
            oldest: Option<surrealdb::types::Datetime>,
        }
        let sql = "LET $since = time::now() - <duration> string::concat($minutes, 'm');
            SELECT count() AS n, time::min(at) AS oldest FROM sign_in_failure
                WHERE email = $email AND at > $since GROUP ALL;
            SELECT count() AS n, time::min(at) AS oldest FROM sign_in_failure
                WHERE address = $address AND at > $since GROUP ALL;";
        let mut response = self
            .db
            .query(sql)
            .bind(("minutes", THROTTLE_WINDOW_MINUTES.to_string()))
            .bind(("email", email.to_owned()))
            .bind(("address", address.to_owned()))
            .await
            .map_err(internal)?;
        let by_account: Vec<Window> = response.take(1).map_err(internal)?;
        let by_address: Vec<Window> = response.take(2).map_err(internal)?;
        let over = |rows: &[Window], max: usize| {
            rows.first()
                .filter(|w| w.n as usize >= max)
                .and_then(|w| w.oldest)
        };
        let oldest = [
            over(&by_account, MAX_FAILURES_PER_ACCOUNT),
            over(&by_address, MAX_FAILURES_PER_ADDRESS),
        ]
        .into_iter()
        .flatten()
        .map(chrono::DateTime::<chrono::Utc>::from)
        .min();
        Ok(oldest.map(|at| {
            let free_at = at + chrono::Duration::minutes(THROTTLE_WINDOW_MINUTES);
            let left = (free_at - chrono::Utc::now()).num_seconds().max(0);
            ((left + 59) / 60).max(1) as u32
        }))
    }
}

impl SurrealStore {
    /// Lets a staff member read one restricted record (`table:key`).
    pub async fn grant(
        &self,
        user: &UserId,
        target: &str,
        by: Option<&CurrentUser>,
    ) -> Result<(), StoreError> {
        let Some((table, key)) = target.split_once(':') else {
            return Err(StoreError::Internal(format!("not a record: {target}")));
        };
        let event = AuditEvent::of("grant.create")
            .by_user_if(by)
            .on(target.to_owned())
            .after(json!({ "user": user.as_str() }));
        // A grant opens what a clearance does not: on a record any staff
        // member reads already, it would only open its restricted links.
        let sql = format!(
            "BEGIN TRANSACTION;
             IF !record::exists($target) {{ THROW 'no such record' }};
             IF $target.visibility != 'restricted' {{ THROW 'not restricted' }};
             CREATE access_grant CONTENT {{ user: $user, target: $target, granted_by: $by }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(user)))
            .bind(("target", RecordId::new(table, key)))
            .bind(("by", by.map(|u| user_record(&u.id))))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map(|_| ())
    }
}
