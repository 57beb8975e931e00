//! Session and invitation tokens: 256 random bits handed to the browser once;
//! the database keeps only their SHA-256, so a copy of the database opens no session.

use sha2::{Digest, Sha256};

pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    Ok(hex::encode(bytes))
}

/// A random passphrase for a new account: six made-up words of three
/// syllables (90 bits), easy to type once and then replace.
pub fn passphrase() -> Result<String, String> {
    const SYLLABLES: [&str; 32] = [
        "ka", "lo", "mi", "ne", "po", "ru", "sa", "te", "vi", "zo", "ba", "de", "fi", "gu", "ho",
        "ja", "ke", "li", "mo", "nu", "pa", "re", "si", "to", "va", "we", "xa", "yo", "zu", "da",
        "me", "no",
    ];
    let mut bytes = [0u8; 18];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    let words: Vec<String> = bytes
        .chunks(3)
        .map(|c| c.iter().map(|b| SYLLABLES[(*b as usize) % 32]).collect())
        .collect();
    Ok(words.join("-"))
}

pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_digests_stable() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token().unwrap());
        assert_eq!(digest(&a), digest(&a));
        assert_ne!(digest(&a), a);
    }
}
