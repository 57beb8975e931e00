//! Password reset links: an admin issues one for a user who lost their
//! password; whoever holds it sets a new one, once, within a day. The
//! database keeps only the token's hash. Setting the password ends every
//! session of the user and their calendar address, as a change does; the
//! second factor stays, so a reset link alone does not open an account
//! that has one.

use crate::security::{password, token};
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::exchange::api_tokens::REVOKE_API_TOKENS;
use crate::store::notifications::outbox::OUTBOX_INSERT;
use crate::store::notifications::Mail;
use crate::store::rows::record_key;
use crate::store::{internal, SurrealStore};
use app::accounts::store::{AdminError, PasswordResets, ResetInfo};
use app::error::StoreError;
use shared::{check_password, CurrentUser, UserId};
use surrealdb::types::{RecordId, SurrealValue};

use shared::PASSWORD_RESET_HOURS as RESET_HOURS;

#[derive(Debug, SurrealValue)]
struct ResetRow {
    user: RecordId,
    email: String,
    /// The admin who made the link, kept in the audit line of its use.
    created_by: Option<String>,
    expired: bool,
    used: bool,
}

#[async_trait::async_trait]
impl PasswordResets for SurrealStore {
    async fn create_password_reset(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        mail: Option<&shared::AccountMail>,
    ) -> Result<String, AdminError> {
        // An admin changes their own password on their account page, with
        // the current one: a link would skip that check.
        Self::refuse_self(actor, user)?;
        let raw = token::new_token().map_err(internal)?;
        let outbox = match mail {
            None => Vec::new(),
            Some(m) => {
                let to: Option<String> = self
                    .db
                    .query("SELECT VALUE email FROM ONLY $user")
                    .bind(("user", user_record(user)))
                    .await
                    .and_then(|mut r| r.take(0))
                    .map_err(|e| AdminError::Store(internal(e)))?;
                let to = to.ok_or(AdminError::NotFound)?;
                self.outbox_rows(&[Mail {
                    user: Some(user.clone()),
                    to,
                    lang: m.lang.clone(),
                    kind: shared::NotificationKind::PasswordReset,
                    subject: m.subject.clone(),
                    text: m.text.clone(),
                    secret_path: Some(format!("/reset/{raw}")),
                    records: Vec::new(),
                    level: shared::Visibility::Public,
                }])
                .map_err(AdminError::Store)?
            }
        };
        let event = AuditEvent::of("password.reset_link")
            .by_user(actor)
            .on(format!("user:{user}"));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF !record::exists($user) {{ THROW 'no such user' }};
             DELETE password_reset WHERE user = $user AND used_at = NONE;
             CREATE password_reset CONTENT {{ token_hash: $hash, user: $user, created_by: $actor,
                 expires_at: time::now() + <duration> string::concat($hours, 'h') }};
             {OUTBOX_INSERT};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("outbox", outbox))
            .bind(("hash", token::digest(&raw)))
            .bind(("user", user_record(user)))
            .bind(("actor", user_record(&actor.id)))
            .bind(("hours", RESET_HOURS.to_string()))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map_err(|e| {
                if e.to_string().contains("no such user") {
                    AdminError::NotFound
                } else {
                    AdminError::Store(e)
                }
            })?;
        Ok(raw)
    }

    async fn password_reset_info(&self, raw_token: &str) -> Result<Option<ResetInfo>, StoreError> {
        Ok(self.reset_row(raw_token).await?.map(|r| ResetInfo {
            email: r.email,
            expired: r.expired,
            used: r.used,
        }))
    }

    async fn complete_password_reset(
        &self,
        raw_token: &str,
        new_password: &str,
        address: &str,
    ) -> Result<(), AdminError> {
        let reset = self
            .reset_row(raw_token)
            .await?
            .ok_or(AdminError::NotFound)?;
        if reset.used {
            return Err(AdminError::LinkUsed);
        }
        if reset.expired {
            return Err(AdminError::LinkExpired);
        }
        check_password(new_password, &reset.email, password::is_common)
            .map_err(AdminError::Invalid)?;
        let hash = password::hash_off_thread(new_password)
            .await
            .map_err(internal)?;
        let user = UserId::parse(&record_key(&reset.user)).map_err(internal)?;
        let event = AuditEvent::of("password.reset")
            .actor_id(user.clone())
            .email(reset.email.clone())
            .on(format!("user:{user}"))
            .after(serde_json::json!({ "link_by": reset.created_by }))
            .at(address);
        // The checks of the link are made again inside the transaction: two
        // requests with the same link set one password, not two.
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $reset = (SELECT * FROM password_reset WHERE token_hash = $hash LIMIT 1)[0];
             IF $reset = NONE OR $reset.used_at != NONE OR $reset.expires_at <= time::now()
                 OR $reset.user != $user OR $user.disabled = true {{
                 THROW 'link no longer valid'
             }};
             UPDATE $user SET password_hash = $password_hash, calendar_token_hash = NONE;
             {REVOKE_API_TOKENS};
             UPDATE $reset.id SET used_at = time::now();
             DELETE session WHERE user = $user;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("hash", token::digest(raw_token)))
            .bind(("user", reset.user))
            .bind(("password_hash", hash))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map_err(|e| {
                if e.to_string().contains("no longer valid") {
                    AdminError::LinkUsed
                } else {
                    AdminError::Store(e)
                }
            })?;
        Ok(())
    }
}

impl SurrealStore {
    async fn reset_row(&self, raw_token: &str) -> Result<Option<ResetRow>, StoreError> {
        let rows: Vec<ResetRow> = self
            .db
            .query(
                "SELECT user, user.email AS email, created_by.email AS created_by, expires_at <= time::now() AS expired,
                        used_at != NONE OR user.disabled = true AS used
                 FROM password_reset WHERE token_hash = $hash LIMIT 1",
            )
            .bind(("hash", token::digest(raw_token)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows.into_iter().next())
    }
}
