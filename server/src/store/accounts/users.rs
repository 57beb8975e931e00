//! Account administration: the list of users, roles, disabling, signing a
//! user out everywhere, and invitations. Every change is audited.

use crate::security::{password, token};
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::exchange::api_tokens::REVOKE_API_TOKENS;
use crate::store::notifications::outbox::OUTBOX_INSERT;
use crate::store::notifications::Mail;
use crate::store::rows::record_key;
use crate::store::{internal, SurrealStore};
use app::accounts::store::{AdminError, InviteInfo};
use app::error::StoreError;
use serde_json::json;
use shared::{
    check_password, CurrentUser, OrgId, Problem, Role, UserId, UserSummary, ValidationError,
};
use surrealdb::types::{RecordId, SurrealValue};

/// How long an invitation link works.
pub use shared::INVITE_DAYS;

fn org_record(id: &OrgId) -> RecordId {
    RecordId::new("organisation", id.as_str())
}

#[derive(Debug, SurrealValue)]
struct UserListRow {
    id: RecordId,
    email: String,
    name: String,
    role: String,
    organisation: Option<RecordId>,
    disabled: bool,
    totp: bool,
    created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, SurrealValue)]
struct InviteRow {
    email: String,
    name: String,
    role: String,
    organisation: Option<RecordId>,
    expired: bool,
    used: bool,
}

#[async_trait::async_trait]
impl app::accounts::store::Administration for SurrealStore {
    async fn list_users(&self) -> Result<Vec<UserSummary>, StoreError> {
        let rows: Vec<UserListRow> = self
            .db
            .query(
                "SELECT id, email, name, role, organisation, disabled,
                        totp_secret != NONE AS totp, created_at
                 FROM user ORDER BY email",
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(UserSummary {
                    id: UserId::parse(&record_key(&r.id)).ok()?,
                    email: r.email,
                    name: r.name,
                    role: Role::parse(&r.role).ok()?,
                    organisation: r
                        .organisation
                        .and_then(|o| OrgId::parse(&record_key(&o)).ok()),
                    disabled: r.disabled,
                    totp_enabled: r.totp,
                    created: r.created_at.date_naive(),
                })
            })
            .collect())
    }

    async fn set_role(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        role: Role,
        organisation: Option<&OrgId>,
    ) -> Result<(), AdminError> {
        Self::refuse_self(actor, user)?;
        if role == Role::Member && organisation.is_none() {
            return Err(AdminError::Invalid(ValidationError::new(
                "organisation",
                Problem::Required,
            )));
        }
        let organisation = if role == Role::Member {
            organisation
        } else {
            None
        };
        #[derive(Debug, SurrealValue)]
        struct Current {
            role: String,
            organisation: Option<RecordId>,
        }
        let current: Option<Current> = self
            .db
            .query("SELECT role, organisation FROM ONLY $user")
            .bind(("user", user_record(user)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let current = current.ok_or(AdminError::NotFound)?;
        let event = AuditEvent::of("user.role")
            .by_user(actor)
            .on(format!("user:{user}"))
            .before(json!({ "role": current.role,
                "organisation": current.organisation.as_ref().map(record_key) }))
            .after(
                json!({ "role": role.as_str(), "organisation": organisation.map(|o| o.as_str()) }),
            );
        let sql = format!(
            "BEGIN TRANSACTION;
             IF $org != NONE AND !record::exists($org) {{ THROW 'no such organisation' }};
             -- The calendar address read with the old role's rights: it ends.
             UPDATE ONLY $user SET role = $role, organisation = $org, calendar_token_hash = NONE;
             -- The records handed to them with the old role stay with that
             -- role: moved below the staff (a campaigner or a member), they
             -- keep only the alerts they sent.
             IF $role != $old AND $role NOT IN ['staff', 'admin'] {{
                DELETE access_grant WHERE user = $user
                    AND (record::tb(target) != 'alert' OR target.sent_by != $user);
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(user)))
            .bind(("role", role.as_str()))
            .bind(("old", current.role.clone()))
            .bind(("org", organisation.map(org_record)))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map(|_| ())
            .map_err(|e| {
                if e.to_string().contains("no such organisation") {
                    AdminError::Invalid(
                        ValidationError::new("organisation", Problem::Required)
                            .with_value(organisation.map(|o| o.to_string()).unwrap_or_default()),
                    )
                } else {
                    AdminError::Store(internal(e))
                }
            })
    }

    async fn set_disabled(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        disabled: bool,
    ) -> Result<(), AdminError> {
        Self::refuse_self(actor, user)?;
        let event = AuditEvent::of(if disabled {
            "user.disable"
        } else {
            "user.enable"
        })
        .by_user(actor)
        .on(format!("user:{user}"))
        .before(json!({ "disabled": !disabled }))
        .after(json!({ "disabled": disabled }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF !record::exists($user) {{ THROW 'no such user' }};
             UPDATE ONLY $user SET disabled = $disabled;
             IF $disabled {{
                 DELETE session WHERE user = $user;
                 UPDATE $user SET calendar_token_hash = NONE;
                 DELETE password_reset WHERE user = $user AND used_at = NONE;
                 {REVOKE_API_TOKENS};
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(user)))
            .bind(("disabled", disabled))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map(|_| ())
            .map_err(|e| {
                if e.to_string().contains("no such user") {
                    AdminError::NotFound
                } else {
                    AdminError::Store(e)
                }
            })
    }

    /// Removes a user's second factor (a lost phone) and ends their sessions;
    /// they sign in with the password and set it up again.
    async fn reset_second_factor(
        &self,
        actor: &CurrentUser,
        user: &UserId,
    ) -> Result<(), AdminError> {
        Self::refuse_self(actor, user)?;
        let event = AuditEvent::of("totp.reset")
            .by_user(actor)
            .on(format!("user:{user}"));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF !record::exists($user) {{ THROW 'no such user' }};
             -- The lost device may also hold the calendar address.
             UPDATE ONLY $user SET totp_secret = NONE, totp_pending_secret = NONE, totp_recovery = [],
                 calendar_token_hash = NONE;
             DELETE session WHERE user = $user;
             {REVOKE_API_TOKENS};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(user)))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map(|_| ())
            .map_err(|e| {
                if e.to_string().contains("no such user") {
                    AdminError::NotFound
                } else {
                    AdminError::Store(e)
                }
            })
    }

    /// Opens an invitation and answers the secret link token (shown once).
    async fn create_invite(
        &self,
        actor: &CurrentUser,
        email: &str,
        name: &str,
        role: Role,
        organisation: Option<&OrgId>,
        mail: Option<&shared::AccountMail>,
    ) -> Result<String, AdminError> {
        let email = shared::Email::parse(&email.to_lowercase())
            .map_err(AdminError::Invalid)?
            .as_str()
            .to_owned();
        let name = name.trim();
        if name.is_empty() {
            return Err(AdminError::Invalid(ValidationError::new(
                "name",
                Problem::Required,
            )));
        }
        if role == Role::Member && organisation.is_none() {
            return Err(AdminError::Invalid(ValidationError::new(
                "organisation",
                Problem::Required,
            )));
        }
        let raw = token::new_token().map_err(internal)?;
        let outbox = self
            .outbox_rows(
                &mail
                    .map(|m| Mail {
                        user: None,
                        to: email.clone(),
                        lang: m.lang.clone(),
                        kind: shared::NotificationKind::Invitation,
                        subject: m.subject.clone(),
                        text: m.text.clone(),
                        secret_path: Some(format!("/invite/{raw}")),
                        records: Vec::new(),
                        level: shared::Visibility::Public,
                    })
                    .into_iter()
                    .collect::<Vec<_>>(),
            )
            .map_err(AdminError::Store)?;
        let event = AuditEvent::of("invite.create")
            .by_user(actor)
            .on(format!("invite:{email}"))
            .after(json!({ "email": email, "role": role.as_str(),
                "organisation": organisation.map(|o| o.as_str()) }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE id FROM user WHERE email = $email) != [] {{ THROW 'email taken' }};
             IF $org != NONE AND !record::exists($org) {{ THROW 'no such organisation' }};
             CREATE invite CONTENT {{ token_hash: $hash, email: $email, name: $name, role: $role,
                 organisation: $org, created_by: $actor,
                 expires_at: time::now() + <duration> string::concat($days, 'd') }};
             {OUTBOX_INSERT};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("outbox", outbox))
            .bind(("hash", token::digest(&raw)))
            .bind(("email", email.clone()))
            .bind(("name", name.to_owned()))
            .bind(("role", role.as_str()))
            .bind(("org", organisation.map(org_record)))
            .bind(("actor", user_record(&actor.id)))
            .bind(("days", INVITE_DAYS.to_string()))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map_err(|e| match e.to_string() {
                m if m.contains("email taken") => AdminError::EmailTaken(email.clone()),
                m if m.contains("no such organisation") => AdminError::Invalid(
                    ValidationError::new("organisation", Problem::Required)
                        .with_value(organisation.map(|o| o.to_string()).unwrap_or_default()),
                ),
                _ => AdminError::Store(e),
            })?;
        Ok(raw)
    }

    async fn invite_info(&self, raw_token: &str) -> Result<Option<InviteInfo>, StoreError> {
        let rows: Vec<InviteRow> = self
            .db
            .query(
                "SELECT email, name, role, organisation, expires_at <= time::now() AS expired,
                        used_at != NONE AS used
                 FROM invite WHERE token_hash = $hash LIMIT 1",
            )
            .bind(("hash", token::digest(raw_token)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        Ok(rows.into_iter().next().map(|r| InviteInfo {
            email: r.email,
            name: r.name,
            role: Role::parse(&r.role).unwrap_or(Role::Member),
            organisation: r
                .organisation
                .and_then(|o| OrgId::parse(&record_key(&o)).ok()),
            expired: r.expired,
            used: r.used,
        }))
    }

    /// Turns an invitation into an account with the chosen password and
    /// signs the new user in; answers the session token.
    async fn accept_invite(
        &self,
        raw_token: &str,
        name: &str,
        new_password: &str,
        address: &str,
    ) -> Result<String, AdminError> {
        let info = self
            .invite_info(raw_token)
            .await
            .map_err(AdminError::Store)?
            .ok_or(AdminError::NotFound)?;
        if info.used {
            return Err(AdminError::LinkUsed);
        }
        if info.expired {
            return Err(AdminError::LinkExpired);
        }
        check_password(new_password, &info.email, password::is_common)
            .map_err(AdminError::Invalid)?;
        let name = if name.trim().is_empty() {
            info.name.clone()
        } else {
            name.trim().to_owned()
        };
        let hash = password::hash_off_thread(new_password)
            .await
            .map_err(internal)?;
        let id = UserId::parse(&token::new_token().map_err(internal)?[..20]).map_err(internal)?;
        let session = token::new_token().map_err(internal)?;
        let event = AuditEvent::of("invite.accept")
            .actor_id(id.clone())
            .email(info.email.clone())
            .on(format!("user:{id}"))
            .after(
                json!({ "email": info.email, "name": name, "role": info.role.as_str(),
                "organisation": info.organisation.as_ref().map(|o| o.as_str()) }),
            )
            .at(address);
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $invite = (SELECT * FROM invite WHERE token_hash = $hash LIMIT 1)[0];
             IF $invite = NONE OR $invite.used_at != NONE OR $invite.expires_at <= time::now() {{
                 THROW 'invite no longer valid'
             }};
             IF (SELECT VALUE id FROM user WHERE email = $invite.email) != [] {{ THROW 'email taken' }};
             CREATE $id CONTENT {{ email: $invite.email, name: $name, role: $invite.role,
                 organisation: $invite.organisation, password_hash: $password_hash }};
             UPDATE $invite.id SET used_at = time::now();
             -- An admission kept the token sealed for the applicant's page: no more.
             UPDATE application SET invite_sealed = NONE WHERE invite = $invite.id;
             CREATE session CONTENT {{ token_hash: $session_hash, user: $id, address: $address,
                 expires_at: time::now() + <duration> string::concat($seconds, 's') }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("hash", token::digest(raw_token)))
            .bind(("id", user_record(&id)))
            .bind(("name", name))
            .bind(("password_hash", hash))
            .bind(("session_hash", token::digest(&session)))
            .bind(("address", address.to_owned()))
            .bind(("seconds", app::accounts::auth::SESSION_SECONDS.to_string()))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map_err(|e| match e.to_string() {
                m if m.contains("email taken") => AdminError::EmailTaken(info.email.clone()),
                m if m.contains("no longer valid") => AdminError::LinkUsed,
                _ => AdminError::Store(e),
            })?;
        Ok(session)
    }

    /// Who was granted a restricted record (`table:key`).
    async fn access_list(&self, target: &str) -> Result<Vec<UserSummary>, StoreError> {
        let Some((table, key)) = target.split_once(':') else {
            return Ok(Vec::new());
        };
        let rows: Vec<GrantRow> = self
            .db
            .query(
                "SELECT user, user.email AS email, user.name AS name FROM access_grant
                 WHERE target = $target ORDER BY email",
            )
            .bind(("target", RecordId::new(table, key)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        let users = self.list_users().await?;
        Ok(rows
            .iter()
            .filter_map(|g| {
                users
                    .iter()
                    .find(|u| u.id.as_str() == record_key(&g.user))
                    .cloned()
            })
            .collect())
    }

    /// Grants a staff-side user (found by e-mail) the right to read a
    /// restricted record.
    async fn grant_access(
        &self,
        actor: &CurrentUser,
        email: &str,
        target: &str,
    ) -> Result<(), AdminError> {
        let email = email.trim().to_lowercase();
        let users = self.list_users().await.map_err(AdminError::Store)?;
        let Some(user) = users.into_iter().find(|u| u.email == email) else {
            return Err(AdminError::Invalid(
                ValidationError::new("email", Problem::NotAnEmail).with_value(email),
            ));
        };
        if user.role.clearance() < shared::Visibility::Staff {
            return Err(AdminError::Invalid(
                ValidationError::new(
                    "role",
                    Problem::NotOneOf {
                        allowed: vec!["campaigner".into(), "staff".into(), "admin".into()],
                    },
                )
                .with_value(user.role.as_str()),
            ));
        }
        self.grant(&user.id, target, Some(actor))
            .await
            .map_err(|e| match e {
                StoreError::Internal(m)
                    if m.contains("access_grant_pair") || m.contains("already contains") =>
                {
                    AdminError::Invalid(
                        ValidationError::new("email", Problem::Taken).with_value(email),
                    )
                }
                StoreError::Internal(m) if m.contains("no such record") => AdminError::NotFound,
                StoreError::Internal(m) if m.contains("not restricted") => {
                    AdminError::Invalid(ValidationError::new(
                        "visibility",
                        Problem::NotOneOf {
                            allowed: vec!["restricted".into()],
                        },
                    ))
                }
                other => AdminError::Store(other),
            })
    }

    async fn revoke_access(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        target: &str,
    ) -> Result<(), AdminError> {
        let Some((table, key)) = target.split_once(':') else {
            return Err(AdminError::NotFound);
        };
        let event = AuditEvent::of("grant.revoke")
            .by_user(actor)
            .on(target.to_owned())
            .before(json!({ "user": user.as_str() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             DELETE access_grant WHERE user = $user AND target = $target;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(user)))
            .bind(("target", RecordId::new(table, key)))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))
            .map(|_| ())
            .map_err(AdminError::Store)
    }
}

impl SurrealStore {
    /// An admin may not lock themselves out: their own role and account stay.
    pub(in crate::store) fn refuse_self(
        actor: &CurrentUser,
        user: &UserId,
    ) -> Result<(), AdminError> {
        if &actor.id == user {
            Err(AdminError::NotOnYourself)
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, SurrealValue)]
struct GrantRow {
    user: RecordId,
    email: String,
    name: String,
}
