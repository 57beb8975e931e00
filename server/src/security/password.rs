//! Passwords are stored as argon2id hashes (PHC strings with their own salt
//! and parameters, so the parameters can be raised later without a migration).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::collections::HashSet;
use std::sync::OnceLock;

static COMMON: &str = include_str!("../../data/common-passwords.txt");

pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of nothing in particular: checking a password against it when the
/// account does not exist costs the same time as a real check, so response
/// times do not tell which addresses have accounts.
pub fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches nothing").unwrap_or_default())
}

/// Whether the password (lowercased) is on the list of common passwords.
pub fn is_common(lowercased: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().collect())
        .contains(lowercased)
}

/// At most this many argon2 computations (checks and new hashes) run at
/// once, each on a blocking thread: a burst of sign-ins waits its turn
/// instead of stalling the async workers that serve every other request
/// (and `/healthz`).
const CONCURRENT_CHECKS: usize = 2;

/// Runs argon2 work off the async workers, within the bound; `None` when
/// it could not run.
async fn off_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT_CHECKS);
    let _turn = TURNS.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

/// [`verify`] off the async workers, bounded.
pub async fn verify_off_thread(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    off_thread(move || verify(&password, &hash))
        .await
        .unwrap_or(false)
}

/// [`hash`] off the async workers, bounded like the checks.
pub async fn hash_off_thread(password: &str) -> Result<String, String> {
    let password = password.to_owned();
    off_thread(move || hash(&password))
        .await
        .unwrap_or_else(|| Err("the hashing task did not run".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = hash("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", &h));
        assert!(!verify("correct horse battery stapler", &h));
        assert!(!verify("anything", "not a hash"));
        assert_ne!(h, hash("correct horse battery staple").unwrap(), "salted");
    }

    #[test]
    fn the_common_list_is_loaded() {
        assert!(is_common("password"));
        assert!(is_common("qwertyuiopasdfghjkl") || is_common("123456789"));
        assert!(!is_common("a sentence nobody has ever used as a password"));
        assert!(COMMON.lines().count() > 40_000);
    }
}
