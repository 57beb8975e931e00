//! Secrets: password hashing and the common-password list, random tokens.

pub mod password;
pub mod token;
pub mod totp;
