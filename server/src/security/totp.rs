//! RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30-second steps: what
//! every authenticator app supports), through the totp-rs crate.

use totp_rs::{Algorithm, Secret, TOTP};

const STEP: u64 = 30;

/// 160 random bits, as RFC 4226 recommends, in base32 for the app.
pub fn new_secret() -> Result<String, String> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    Ok(Secret::Raw(bytes.to_vec()).to_encoded().to_string())
}

/// Fresh recovery codes: 80 random bits each, 16 characters of base32.
pub fn recovery_codes() -> Result<Vec<String>, String> {
    (0..shared::RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
            Ok(Secret::Raw(bytes.to_vec()).to_encoded().to_string())
        })
        .collect()
}

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP, bytes).ok()
}

/// The `otpauth://` address an authenticator app opens (or reads from a QR code).
pub fn otpauth_uri(secret_b32: &str, account: &str) -> String {
    let label: String = account
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!(
        "otpauth://totp/SOS-Torture%20Network:{label}?secret={secret_b32}&issuer=SOS-Torture%20Network&algorithm=SHA1&digits=6&period={STEP}"
    )
}

/// The time step a code belongs to, if it is valid now (one step of clock
/// drift either way) and newer than the last step accepted, so a code seen
/// over someone's shoulder cannot be replayed.
pub fn matching_step(
    secret_b32: &str,
    code: &str,
    now_unix: u64,
    last_step: Option<i64>,
) -> Option<i64> {
    let totp = totp(secret_b32)?;
    let current = now_unix / STEP;
    (current.saturating_sub(1)..=current + 1)
        .filter(|step| last_step.is_none_or(|last| *step as i64 > last))
        .find(|step| same(&totp.generate(step * STEP), code))
        .map(|step| step as i64)
}

/// The code for a moment, for tests and for nothing else.
pub fn code_at(secret_b32: &str, unix: u64) -> Option<String> {
    totp(secret_b32).map(|t| t.generate(unix))
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_read_back_as_recovery_codes() {
        let codes = recovery_codes().unwrap();
        assert_eq!(codes.len(), shared::RECOVERY_CODES);
        for code in &codes {
            let shown = shared::format_recovery_code(code);
            assert_eq!(
                shared::parse_second_factor_code(&shown.to_lowercase()).unwrap(),
                shared::SecondFactorCode::Recovery(code.clone())
            );
        }
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), codes.len());
    }

    /// RFC 6238 appendix B, SHA-1, truncated to 6 digits.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1111111109).unwrap(), "081804");
        assert_eq!(code_at(&secret, 1234567890).unwrap(), "005924");
        assert_eq!(code_at(&secret, 2000000000).unwrap(), "279037");
    }

    #[test]
    fn a_code_is_accepted_once_within_its_window() {
        let secret = new_secret().unwrap();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        let step = matching_step(&secret, &code, now, None).expect("valid now");
        assert_eq!(step, (now / 30) as i64);
        assert!(
            matching_step(&secret, &code, now + 30, None).is_some(),
            "one step of drift"
        );
        assert!(
            matching_step(&secret, &code, now + 90, None).is_none(),
            "too late"
        );
        assert!(
            matching_step(&secret, &code, now, Some(step)).is_none(),
            "no replay"
        );
        assert!(matching_step(&secret, "000000", now, None).is_none() || code == "000000");
        assert!(otpauth_uri(&secret, "ana@example.org").starts_with("otpauth://totp/"));
    }
}
