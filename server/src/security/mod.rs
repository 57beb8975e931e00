//! Secrets: password hashing and the common-password list, random tokens,
//! the server's key that seals second-factor secrets.

pub mod password;
pub mod secret_key;
pub mod token;
pub mod totp;
