//! The accounts' store: sessions and sign-in with its throttle, the second
//! factor, account administration, invitations and grants, the audit log.

pub mod audit_log;
pub mod password_reset;
pub mod second_factor;
pub mod sessions;
pub mod users;
