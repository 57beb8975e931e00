//! The server's secret key, which seals the second-factor secrets stored in
//! the database (ChaCha20-Poly1305, ring): a copy of the database, a backup
//! or an export, gives no one the codes of the people who hold accounts.
//!
//! A sealed value is `sealed:v1:` followed by the hex of a random 96-bit
//! nonce and the ciphertext with its tag. The record's key and the field's
//! name are bound into the tag, so a sealed secret copied onto another
//! account, or from the pending slot into the active one by hand, opens
//! nowhere.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};

const PREFIX: &str = "sealed:v1:";

pub struct SecretKey {
    key: LessSafeKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error(
        "the secret key must be 64 hexadecimal characters (32 random bytes, e.g. from \
         `openssl rand -hex 32`); this one is {0}"
    )]
    Malformed(&'static str),
    #[error("cannot read the secret key file {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("no randomness available")]
    NoRandomness,
    #[error("the secret could not be sealed")]
    Seal,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("a second-factor secret does not open with this server's secret key")]
    WrongKey,
    #[error("a stored second-factor secret is not sealed")]
    NotSealed,
}

/// What a sealed value is bound to: its record and field.
pub struct Binding<'a> {
    pub record: &'a str,
    pub field: &'a str,
}

impl Binding<'_> {
    fn aad(&self) -> Vec<u8> {
        format!("{}\u{0}{}", self.record, self.field).into_bytes()
    }
}

impl SecretKey {
    /// A key from its 64 hexadecimal characters (surrounding white space,
    /// such as a file's final newline, is ignored).
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.len() != 64 {
            return Err(KeyError::Malformed(if text.is_empty() {
                "empty"
            } else {
                "not 64 characters long"
            }));
        }
        let bytes = hex::decode(text).map_err(|_| KeyError::Malformed("not hexadecimal"))?;
        Self::from_bytes(&bytes)
    }

    pub fn from_file(path: &std::path::Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|e| KeyError::Unreadable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::from_hex(&text)
    }

    /// A new random key, for a database that lives only as long as this
    /// process (in memory, tests).
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| KeyError::NoRandomness)?;
        Self::from_bytes(&bytes)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let key = UnboundKey::new(&CHACHA20_POLY1305, bytes)
            .map_err(|_| KeyError::Malformed("of the wrong length"))?;
        Ok(Self {
            key: LessSafeKey::new(key),
        })
    }

    pub fn seal(&self, secret: &str, binding: Binding<'_>) -> Result<String, KeyError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| KeyError::NoRandomness)?;
        let mut data = secret.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(binding.aad()),
                &mut data,
            )
            .map_err(|_| KeyError::Seal)?;
        Ok(format!(
            "{PREFIX}{}{}",
            hex::encode(nonce),
            hex::encode(data)
        ))
    }

    pub fn open(&self, stored: &str, binding: Binding<'_>) -> Result<String, OpenError> {
        let hex_part = stored.strip_prefix(PREFIX).ok_or(OpenError::NotSealed)?;
        let bytes = hex::decode(hex_part).map_err(|_| OpenError::WrongKey)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError::WrongKey);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| OpenError::WrongKey)?;
        let mut data = sealed.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(binding.aad()), &mut data)
            .map_err(|_| OpenError::WrongKey)?;
        String::from_utf8(plain.to_vec()).map_err(|_| OpenError::WrongKey)
    }

    /// Whether a stored value is sealed (values written before sealing
    /// existed are sealed at start, see `SurrealStore::seal_second_factors`).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }
}

/// Where the serving process takes its key from, in this order: the file
/// named by `--secret-key-file`, the `SOS_SECRET_KEY` variable, or, outside
/// production, a file beside an embedded database (made on first start) or
/// a key of this process for a database in memory. Production
/// (`--require-second-factor`) and a remote database need one given.
/// Answers the key and a description of where it came from, for the log.
pub fn resolve(
    file: Option<&std::path::Path>,
    environment: Option<&str>,
    production: bool,
    database_url: &str,
) -> Result<(SecretKey, String), String> {
    if let Some(path) = file {
        let key = SecretKey::from_file(path).map_err(|e| e.to_string())?;
        return Ok((key, format!("the file {}", path.display())));
    }
    if let Some(hex) = environment {
        let key = SecretKey::from_hex(hex).map_err(|e| format!("SOS_SECRET_KEY: {e}"))?;
        return Ok((key, "SOS_SECRET_KEY".to_owned()));
    }
    let missing = "no secret key to seal the second-factor secrets with: give a file of 64 \
                   hexadecimal characters (`openssl rand -hex 32`) with --secret-key-file \
                   (SOS_SECRET_KEY_FILE), or the characters in SOS_SECRET_KEY";
    if production {
        return Err(format!(
            "{missing}; it is required with --require-second-factor"
        ));
    }
    if database_url.starts_with("mem://") {
        let key = SecretKey::generate().map_err(|e| e.to_string())?;
        return Ok((key, "this process (the database is in memory)".to_owned()));
    }
    let Some(path) = database_url.strip_prefix("surrealkv://") else {
        return Err(format!("{missing}; it is required with a database server"));
    };
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let beside = std::path::PathBuf::from(format!("{path}.secret-key"));
    if !beside.exists() {
        write_new_key(&beside)
            .map_err(|e| format!("{missing}; making one at {} failed: {e}", beside.display()))?;
    }
    let key = SecretKey::from_file(&beside).map_err(|e| e.to_string())?;
    Ok((
        key,
        format!(
            "the file {} beside the database (made for development: in production keep the key \
             apart from the database and its backups)",
            beside.display()
        ),
    ))
}

/// A new random key in a new file only its owner may read.
fn write_new_key(path: &std::path::Path) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    writeln!(file, "{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_comes_from_a_file_the_environment_or_beside_a_development_database() {
        let dir = tempfile::tempdir().unwrap();
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let file = dir.path().join("key");
        std::fs::write(&file, format!("{hex}\n")).unwrap();
        let db = format!("surrealkv://{}", dir.path().join("db").display());

        let (from_file, said) = resolve(Some(&file), None, true, &db).unwrap();
        assert!(said.contains("key"), "{said}");
        let (from_env, _) = resolve(None, Some(hex), true, "ws://db:8000").unwrap();
        let sealed = from_file.seal("s", AT).unwrap();
        assert_eq!(from_env.open(&sealed, AT).unwrap(), "s");

        let refused = resolve(None, None, true, &db).unwrap_err();
        assert!(
            refused.contains("--secret-key-file") && refused.contains("--require-second-factor"),
            "{refused}"
        );
        assert!(resolve(None, None, false, "ws://db:8000").is_err());
        assert!(resolve(None, Some("short"), false, &db)
            .unwrap_err()
            .contains("SOS_SECRET_KEY"));
        assert!(resolve(Some(&dir.path().join("absent")), None, false, &db).is_err());

        // Development: one key beside the database, the same at every start.
        let (first, said) = resolve(None, None, false, &db).unwrap();
        assert!(said.contains("beside the database"), "{said}");
        let made = dir.path().join("db.secret-key");
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&made).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let (again, _) = resolve(None, None, false, &db).unwrap();
        assert_eq!(again.open(&first.seal("s", AT).unwrap(), AT).unwrap(), "s");
        assert!(resolve(None, None, false, "mem://").is_ok());
    }

    const AT: Binding<'static> = Binding {
        record: "user:ada",
        field: "totp_secret",
    };

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_in_its_place() {
        let key = SecretKey::generate().unwrap();
        let sealed = key.seal("JBSWY3DPEHPK3PXP", AT).unwrap();
        assert!(SecretKey::is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            key.seal("JBSWY3DPEHPK3PXP", AT).unwrap(),
            "fresh nonce"
        );
        assert_eq!(key.open(&sealed, AT).unwrap(), "JBSWY3DPEHPK3PXP");

        let other = SecretKey::generate().unwrap();
        assert_eq!(other.open(&sealed, AT), Err(OpenError::WrongKey));
        let elsewhere = Binding {
            record: "user:eve",
            field: "totp_secret",
        };
        assert_eq!(key.open(&sealed, elsewhere), Err(OpenError::WrongKey));
        // The last character changed, whatever it was (a fixed '0' left one
        // run in sixteen untouched).
        let mut tampered = sealed.clone();
        let last = tampered.pop();
        tampered.push(if last == Some('0') { '1' } else { '0' });
        assert!(key.open(&tampered, AT).is_err());
        assert_eq!(key.open("JBSWY3DPEHPK3PXP", AT), Err(OpenError::NotSealed));
    }

    #[test]
    fn keys_are_64_hex_characters() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assert!(SecretKey::from_hex(&format!("{hex}\n")).is_ok());
        assert_eq!(
            SecretKey::from_hex("").unwrap_err(),
            KeyError::Malformed("empty")
        );
        assert!(SecretKey::from_hex(&hex[..62]).is_err());
        assert!(SecretKey::from_hex(&hex.replace('a', "g")).is_err());
        let message = SecretKey::from_hex("short").unwrap_err().to_string();
        assert!(message.contains("openssl rand -hex 32"), "{message}");
    }
}
