//! The seam of accounts: sessions, sign-in, the second factor, the audit
//! log and account administration. `server` implements [`Accounts`] and
//! [`Administration`] on SurrealDB; every change is audited in the same
//! transaction.

use crate::accounts::second_factor::TotpSetup;
use crate::error::StoreError;
use shared::{CurrentUser, OrgId, Page, UserId, Viewer};
use std::sync::Arc;

/// A valid session: who is signed in and the restricted records they were granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub user: CurrentUser,
    pub grants: Vec<String>,
}

impl SessionInfo {
    /// What this user may read.
    pub fn viewer(&self) -> Viewer {
        Viewer::with_clearance(self.user.role.clearance()).with_grants(self.grants.clone())
    }
}

/// What a sign-in attempt came to. A wrong address and a wrong password are
/// the same answer, so the form does not reveal who has an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInOutcome {
    SignedIn {
        token: String,
        user: CurrentUser,
    },
    Refused,
    /// Too many failures for this account or from this address.
    Throttled {
        retry_after_minutes: u32,
    },
    /// The password was right; the code of the second factor is next. The
    /// token opens nothing but the code step.
    NeedsSecondFactor {
        token: String,
    },
    /// The wait for the code ran out; start again with the password.
    Expired,
}

/// Sessions: signing in with a password, and out.
/// Implemented in `server/src/store/accounts/sessions.rs`.
#[async_trait::async_trait]
pub trait Sessions: Send + Sync + 'static {
    /// The session a cookie token opens, if it is valid and not expired.
    async fn session(&self, token: &str) -> Result<Option<SessionInfo>, StoreError>;

    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        address: &str,
    ) -> Result<SignInOutcome, StoreError>;

    async fn sign_out(&self, token: &str) -> Result<(), StoreError>;

    /// Ends every session of the user, on every device; `actor` is the user
    /// themselves or the admin who did it, as the audit log keeps it.
    async fn sign_out_everywhere(
        &self,
        actor: &CurrentUser,
        user: &UserId,
    ) -> Result<(), StoreError>;

    /// Replaces the password when `current` is right; every session of the
    /// user ends, this one included. Wrong guesses count against the same
    /// throttle as signing in.
    async fn change_password(
        &self,
        user: &CurrentUser,
        current: &str,
        new: &str,
        address: &str,
    ) -> Result<PasswordChange, StoreError>;
}

/// What became of a password change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordChange {
    Changed,
    /// The current password was not right.
    WrongCurrent,
    /// The new password is too short, too common, or the e-mail address.
    Refused(shared::ValidationError),
    Throttled {
        retry_after_minutes: u32,
    },
}

/// The second factor: its set-up, its removal, its recovery codes, and the
/// sign-in it completes. Every step that checks a code counts a wrong one
/// against the sign-in throttle of the account and the address.
/// Implemented in `server/src/store/accounts/second_factor.rs`.
#[async_trait::async_trait]
pub trait SecondFactor: Send + Sync + 'static {
    /// The second step of signing in: a code of the app, or a recovery
    /// code, which then works no more.
    async fn complete_sign_in(
        &self,
        pending_token: &str,
        code: &shared::SecondFactorCode,
        address: &str,
    ) -> Result<SignInOutcome, StoreError>;

    /// Starts setting up a second factor; answers the secret to show once,
    /// or `None` when one is already on: replacing it takes turning it off
    /// first, with a code it gives.
    async fn begin_totp(&self, user: &CurrentUser) -> Result<Option<TotpSetup>, StoreError>;

    /// Turns the second factor on when the code matches the new secret and
    /// no other is on; answers the recovery codes, to show once.
    async fn confirm_totp(
        &self,
        user: &CurrentUser,
        code: &str,
        address: &str,
    ) -> Result<CodeOutcome<Vec<String>>, StoreError>;

    /// Turns it off; needs a current code or a recovery code.
    async fn disable_totp(
        &self,
        user: &CurrentUser,
        code: &shared::SecondFactorCode,
        address: &str,
    ) -> Result<CodeOutcome<()>, StoreError>;

    /// Replaces every recovery code with new ones (answered, to show once);
    /// needs a current code or a recovery code.
    async fn renew_recovery_codes(
        &self,
        user: &CurrentUser,
        code: &shared::SecondFactorCode,
        address: &str,
    ) -> Result<CodeOutcome<Vec<String>>, StoreError>;

    /// How many recovery codes the user has not used.
    async fn recovery_codes_left(&self, user: &CurrentUser) -> Result<usize, StoreError>;
}

/// What a step that needs a code of the second factor came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeOutcome<T> {
    Accepted(T),
    /// Wrong, already used, or no second factor in the state the step needs.
    Refused,
    Throttled {
        retry_after_minutes: u32,
    },
}

impl<T> CodeOutcome<T> {
    pub fn is_accepted(&self) -> bool {
        matches!(self, CodeOutcome::Accepted(_))
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> CodeOutcome<U> {
        match self {
            CodeOutcome::Accepted(t) => CodeOutcome::Accepted(f(t)),
            CodeOutcome::Refused => CodeOutcome::Refused,
            CodeOutcome::Throttled {
                retry_after_minutes,
            } => CodeOutcome::Throttled {
                retry_after_minutes,
            },
        }
    }
}

/// The audit log, for admins.
/// Implemented in `server/src/store/accounts/audit_log.rs`.
#[async_trait::async_trait]
pub trait AuditLog: Send + Sync + 'static {
    /// The audit log, newest first; only for admins (the caller checks).
    async fn audit_log(
        &self,
        filter: &shared::AuditFilter,
    ) -> Result<Page<shared::AuditEntry>, StoreError>;

    /// Writes that a reader read a restricted record or exported data, at
    /// most once an hour per reader, action and record.
    async fn record_access(&self, access: &Access) -> Result<(), StoreError>;

    /// Which of these records (`table:key`: persons, organisations, trials,
    /// missions, events, interventions, campaigns) are restricted; the
    /// others, and unknown ones, are left out.
    async fn restricted_among(&self, records: &[String]) -> Result<Vec<String>, StoreError>;
}

/// A read or an export the audit log keeps: who (an account, or an address
/// for an anonymous reader), what, and how many records it held.
#[derive(Debug, Clone)]
pub struct Access {
    pub user: Option<CurrentUser>,
    pub address: String,
    /// `read.restricted`, `read.graph`, `export.graph`, `export.calendar`.
    pub action: &'static str,
    /// The record read, or the start of the exported part (`table:key`).
    pub target: Option<String>,
    pub records: usize,
}

/// Everything this feature asks of the store, as one context value.
pub trait Accounts: Sessions + SecondFactor + AuditLog {}

impl<T> Accounts for T where T: Sessions + SecondFactor + AuditLog {}

pub type SharedAccounts = Arc<dyn Accounts>;

/// What an invitation link opens, for the page that accepts it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InviteInfo {
    pub email: String,
    pub name: String,
    pub role: shared::Role,
    pub organisation: Option<OrgId>,
    pub expired: bool,
    pub used: bool,
}

/// What a password reset link opens, for the page that uses it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResetInfo {
    pub email: String,
    pub expired: bool,
    pub used: bool,
}

/// Why an account administration step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdminError {
    #[error("no such account or invitation")]
    NotFound,
    /// An admin changing their own role or disabling themselves.
    #[error("an admin cannot do this to their own account")]
    NotOnYourself,
    #[error("{0}")]
    Invalid(shared::ValidationError),
    #[error("an account with the address {0} already exists")]
    EmailTaken(String),
    #[error("this link was already used")]
    LinkUsed,
    #[error("this link has expired")]
    LinkExpired,
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Password reset links: an admin issues one, its holder sets a password.
/// Implemented in `server/src/store/accounts/password_reset.rs`.
#[async_trait::async_trait]
pub trait PasswordResets: Send + Sync + 'static {
    /// Opens a password reset link for the user and answers its secret
    /// token (shown once to the admin). An older link of the user that was
    /// not used stops working.
    /// With `mail`, the link also goes to the user by e-mail (the outbox,
    /// in the same transaction).
    async fn create_password_reset(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        mail: Option<&shared::AccountMail>,
    ) -> Result<String, AdminError>;
    async fn password_reset_info(&self, token: &str) -> Result<Option<ResetInfo>, StoreError>;
    /// Sets the new password through a reset link, once; every session of
    /// the user ends.
    async fn complete_password_reset(
        &self,
        token: &str,
        password: &str,
        address: &str,
    ) -> Result<(), AdminError>;
}

/// Account administration, for admins (the server functions check the role).
#[async_trait::async_trait]
pub trait Administration: PasswordResets + Send + Sync + 'static {
    async fn list_users(&self) -> Result<Vec<shared::UserSummary>, StoreError>;
    async fn set_role(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        role: shared::Role,
        organisation: Option<&OrgId>,
    ) -> Result<(), AdminError>;
    async fn set_disabled(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        disabled: bool,
    ) -> Result<(), AdminError>;
    /// Removes a user's second factor (a lost phone).
    async fn reset_second_factor(
        &self,
        actor: &CurrentUser,
        user: &UserId,
    ) -> Result<(), AdminError>;
    /// Answers the secret token of the invitation link.
    /// With `mail`, the link also goes to the address by e-mail (the
    /// outbox, in the same transaction).
    async fn create_invite(
        &self,
        actor: &CurrentUser,
        email: &str,
        name: &str,
        role: shared::Role,
        organisation: Option<&OrgId>,
        mail: Option<&shared::AccountMail>,
    ) -> Result<String, AdminError>;
    async fn invite_info(&self, token: &str) -> Result<Option<InviteInfo>, StoreError>;
    /// The staff granted a restricted record (`table:key`).
    async fn access_list(&self, target: &str) -> Result<Vec<shared::UserSummary>, StoreError>;
    async fn grant_access(
        &self,
        actor: &CurrentUser,
        email: &str,
        target: &str,
    ) -> Result<(), AdminError>;
    async fn revoke_access(
        &self,
        actor: &CurrentUser,
        user: &UserId,
        target: &str,
    ) -> Result<(), AdminError>;
    /// Creates the account and answers a session token for it.
    async fn accept_invite(
        &self,
        token: &str,
        name: &str,
        password: &str,
        address: &str,
    ) -> Result<String, AdminError>;
}

pub type SharedAdministration = Arc<dyn Administration>;
