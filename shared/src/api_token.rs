//! API tokens: what a user asks for on their account page, and what the
//! page lists. The secret itself is shown once and never stored.

use crate::error::{Problem, ValidationError};
use crate::word_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

word_enum!(
    /// What a token may do: read, or read and write. Either way never more
    /// than its user's role and grants.
    TokenScope, "scope", {
        Read => "read",
        ReadWrite => "read-write",
    }
);

/// Longest name a token may have.
pub const TOKEN_NAME_MAX: usize = 80;
/// How long a token may live, in days, as the form offers it.
pub const TOKEN_LIFETIMES: [u32; 4] = [7, 30, 90, 365];
/// Tokens one user may hold at once (unrevoked and unexpired).
pub const TOKENS_PER_USER: usize = 20;

/// The form creating a token, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenForm {
    pub name: String,
    pub scope: String,
    /// Days until it expires, one of [`TOKEN_LIFETIMES`].
    pub days: String,
}

/// A checked [`TokenForm`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub name: String,
    pub scope: TokenScope,
    pub days: u32,
}

impl TokenForm {
    pub fn check(&self) -> Result<NewToken, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = crate::text::single_line("name", &self.name, 1, TOKEN_NAME_MAX)
            .map_err(|e| errors.push(e.with_value(self.name.chars().take(100).collect::<String>())))
            .ok();
        let scope = TokenScope::parse(&self.scope)
            .map_err(|e| errors.push(e))
            .ok();
        let days = self
            .days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| TOKEN_LIFETIMES.contains(d));
        if days.is_none() {
            errors.push(
                ValidationError::new(
                    "days",
                    Problem::NotOneOf {
                        allowed: TOKEN_LIFETIMES.iter().map(u32::to_string).collect(),
                    },
                )
                .with_value(self.days.chars().take(20).collect::<String>()),
            );
        }
        match (name, scope, days) {
            (Some(name), Some(scope), Some(days)) if errors.is_empty() => {
                Ok(NewToken { name, scope, days })
            }
            _ => Err(errors),
        }
    }
}

/// A token as its owner's account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiToken {
    pub fn usable(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, scope: &str, days: &str) -> TokenForm {
        TokenForm {
            name: name.into(),
            scope: scope.into(),
            days: days.into(),
        }
    }

    #[test]
    fn a_token_form_names_each_wrong_field() {
        let ok = form(" Reporting sheet ", "read", "90").check().unwrap();
        assert_eq!(ok.name, "Reporting sheet");
        assert_eq!(ok.scope, TokenScope::Read);
        assert_eq!(ok.days, 90);
        let errors = form("", "admin", "1000").check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "scope", "days"]);
        let long = "x".repeat(TOKEN_NAME_MAX + 1);
        assert_eq!(
            form(&long, "read", "7").check().unwrap_err()[0].field,
            "name"
        );
        assert_eq!(
            form("a\u{7}b", "read-write", "7").check().unwrap_err()[0].problem,
            Problem::ControlCharacters
        );
    }
}
