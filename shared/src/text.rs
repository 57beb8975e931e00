//! Free-text values: trimmed, bounded, free of control characters.

use crate::error::{Problem, ValidationError};
use serde::{Deserialize, Serialize};

/// Characters that change how text around them reads without showing
/// themselves (bidirectional overrides and isolates, which can make a name
/// or a subject read backwards) or that are not characters at all (U+FFFE,
/// U+FFFF, which break the XML of a feed).
pub(crate) fn is_hidden_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Trims `raw` and checks it is a single line of `min..=max` characters.
pub(crate) fn single_line(
    field: &str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, ValidationError> {
    let s = raw.trim();
    let len = s.chars().count();
    if len < min {
        return Err(if len == 0 {
            ValidationError::new(field, Problem::Required)
        } else {
            ValidationError::new(field, Problem::TooShort { min })
        });
    }
    if len > max {
        return Err(ValidationError::new(field, Problem::TooLong { max }));
    }
    if s.chars().any(|c| c.is_control() || is_hidden_format(c)) {
        return Err(ValidationError::new(field, Problem::ControlCharacters));
    }
    Ok(s.to_owned())
}

/// A paragraph answer: trimmed, `1..=max` characters, line breaks and tabs
/// allowed, no other control character.
pub(crate) fn paragraphs(field: &str, raw: &str, max: usize) -> Result<String, ValidationError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, Problem::Required));
    }
    if s.chars().count() > max {
        return Err(ValidationError::new(field, Problem::TooLong { max }));
    }
    if s.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || is_hidden_format(c))
    {
        return Err(ValidationError::new(field, Problem::ControlCharacters));
    }
    Ok(s.replace("\r\n", "\n"))
}

/// What a visitor typed into a search box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SearchText(String);

impl SearchText {
    pub const MAX_LEN: usize = 200;

    /// `Ok(None)` for a blank query: an empty search box means "no search".
    pub fn parse(raw: &str) -> Result<Option<Self>, ValidationError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        single_line("q", raw, 1, Self::MAX_LEN).map(|s| Some(Self(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SearchText {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)?.ok_or_else(|| ValidationError::new("q", Problem::Required))
    }
}

impl From<SearchText> for String {
    fn from(s: SearchText) -> String {
        s.0
    }
}

/// A multi-paragraph description of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Description(String);

impl Description {
    pub const MAX_LEN: usize = 10_000;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        let len = s.chars().count();
        if len > Self::MAX_LEN {
            return Err(ValidationError::new(
                "description",
                Problem::TooLong { max: Self::MAX_LEN },
            ));
        }
        if s.chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || is_hidden_format(c))
        {
            return Err(ValidationError::new(
                "description",
                Problem::ControlCharacters,
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Description {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Description> for String {
    fn from(d: Description) -> String {
        d.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_search_means_no_search() {
        assert_eq!(SearchText::parse("").unwrap(), None);
        assert_eq!(SearchText::parse("   ").unwrap(), None);
    }

    #[test]
    fn search_is_trimmed_and_bounded() {
        let q = SearchText::parse("  torture  ").unwrap().unwrap();
        assert_eq!(q.as_str(), "torture");
        let long = "x".repeat(SearchText::MAX_LEN + 1);
        let err = SearchText::parse(&long).unwrap_err();
        assert_eq!(err.field, "q");
        assert_eq!(err.problem, Problem::TooLong { max: 200 });
        assert!(SearchText::parse(&"é".repeat(SearchText::MAX_LEN)).is_ok());
    }

    #[test]
    fn search_rejects_control_characters() {
        assert!(SearchText::parse("a\u{0}b").is_err());
        assert!(SearchText::parse("a\nb").is_err());
    }

    #[test]
    fn search_keeps_surrealql_verbatim() {
        let raw = "'; DELETE organisation; --";
        assert_eq!(SearchText::parse(raw).unwrap().unwrap().as_str(), raw);
    }

    #[test]
    fn description_allows_paragraphs_not_control_characters() {
        assert!(Description::parse("One.\n\nTwo.").is_ok());
        assert!(Description::parse("bell\u{7}").is_err());
        assert!(Description::parse(&"a".repeat(Description::MAX_LEN + 1)).is_err());
        assert_eq!(Description::parse("  x ").unwrap().as_str(), "x");
    }
}

/// Longest address the site redirects to.
pub const MAX_RETURN_PATH: usize = 2_000;

/// `raw` when it is an address on this site a redirect may go to: a path
/// from the root, in printable ASCII (anything else arrives percent-encoded),
/// not starting with `//` or `/\`, which browsers read as another host.
/// Spaces, tabs and control characters are refused rather than cleaned,
/// since browsers drop some of them and would see `/\t/evil.example` as
/// `//evil.example`.
pub fn same_site_path(raw: &str) -> Option<&str> {
    let mut chars = raw.chars();
    let ok = raw.len() <= MAX_RETURN_PATH
        && chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && raw.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    ok.then_some(raw)
}

/// Whether a `Host` header names a host (and port) as written in an
/// address: letters, digits, dots, dashes, and the brackets and colons of an
/// IPv6 address and a port. A link built from anything else is not built.
pub fn is_host_name(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= 255
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

#[cfg(test)]
mod same_site_tests {
    use super::{is_host_name, same_site_path};

    #[test]
    fn host_names_are_plain() {
        for good in [
            "localhost:3000",
            "sos.example.org",
            "[::1]:3000",
            "127.0.0.1",
        ] {
            assert!(is_host_name(good), "{good}");
        }
        for bad in ["", "evil.example/path", "a b", "evil\\x", "a@b", "x\u{0}"] {
            assert!(!is_host_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn only_paths_of_this_site_pass() {
        for good in [
            "/",
            "/organisations/midh",
            "/trials?country=tr&page=2",
            "/a%20b",
        ] {
            assert_eq!(same_site_path(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "organisations",
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/a\u{7f}",
            "/é",
            "https://evil.example/",
            "/a\\b",
        ] {
            assert_eq!(same_site_path(bad), None, "{bad:?}");
        }
        assert_eq!(same_site_path(&format!("/{}", "a".repeat(3_000))), None);
    }
}
