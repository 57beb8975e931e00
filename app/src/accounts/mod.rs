//! Accounts: who is asking (sessions, sign-in and out, the second factor),
//! account administration, invitations and password reset links, and the
//! audit log.

#[cfg(feature = "ssr")]
pub mod access_log;
pub mod account_page;
pub mod admin;
pub mod audit_page;
pub mod auth;
pub mod backups;
pub mod invite_page;
pub mod password;
pub mod password_reset;
pub mod reset_page;
pub mod second_factor;
pub mod sign_in_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod users_page;

use shared::{CurrentUser, Viewer};

/// Who is acting, as the store needs it for rights and the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: CurrentUser,
    pub viewer: Viewer,
    pub address: String,
}
