//! Typed record ids. They serialise as plain strings (the record key), so the
//! database's own id type never leaves the server.

use crate::error::{Problem, ValidationError};
use serde::{Deserialize, Serialize};
use std::fmt;

const MAX_ID_LEN: usize = 64;

/// Ids are lowercase slugs: they appear in URLs and must never carry
/// characters that would need escaping in a path or a query.
fn parse_slug(field: &str, raw: &str) -> Result<String, ValidationError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, Problem::Required));
    }
    if s.len() > MAX_ID_LEN {
        return Err(ValidationError::new(
            field,
            Problem::TooLong { max: MAX_ID_LEN },
        ));
    }
    let valid_chars = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_chars || s.starts_with('-') || s.ends_with('-') {
        return Err(ValidationError::new(field, Problem::BadCharacters).with_value(s));
    }
    Ok(s.to_owned())
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, ValidationError> {
                parse_slug($field, raw).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(
    /// Key of an `organisation` record, e.g. `omct` or `midh`.
    OrgId,
    "organisation id"
);
slug_id!(
    /// Key of a `person` record.
    PersonId,
    "person id"
);
slug_id!(
    /// Key of a `theme` record, e.g. `womens-rights`.
    ThemeId,
    "theme id"
);
slug_id!(
    /// Key of a `trial` record, e.g. `keskin-yarkin-istanbul`.
    TrialId,
    "trial id"
);
slug_id!(
    /// Key of a `hearing` record.
    HearingId,
    "hearing id"
);
slug_id!(
    /// Key of a `mission` record.
    MissionId,
    "mission id"
);
slug_id!(
    /// Key of an `event` record (an advocacy event).
    EventId,
    "event id"
);
slug_id!(
    /// Key of an `advocacy_mission` record.
    AdvocacyMissionId,
    "advocacy mission id"
);
slug_id!(
    /// Key of a `follow_up` record.
    FollowUpId,
    "follow-up id"
);
slug_id!(
    /// Key of a `campaign` record, e.g. `faces-of-hope`.
    CampaignId,
    "campaign id"
);
slug_id!(
    /// Key of an `intervention` record.
    InterventionId,
    "intervention id"
);
slug_id!(
    /// Key of an `alert` record (random: it names no one).
    AlertId,
    "alert id"
);
slug_id!(
    /// Key of an `appeal` record (an urgent appeal).
    AppealId,
    "appeal id"
);
slug_id!(
    /// Key of a `user` record (random, never derived from the e-mail address).
    UserId,
    "user id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs() {
        assert_eq!(OrgId::parse("omct").unwrap().as_str(), "omct");
        assert_eq!(OrgId::parse(" org-000123 ").unwrap().as_str(), "org-000123");
        assert!(ThemeId::parse("womens-rights").is_ok());
    }

    #[test]
    fn rejects_anything_else() {
        for bad in [
            "",
            "   ",
            "OMCT",
            "a b",
            "-a",
            "a-",
            "x;DELETE organisation",
            "é",
            "a/b",
            "organisation:omct",
        ] {
            let err = OrgId::parse(bad).unwrap_err();
            assert_eq!(err.field, "organisation id", "{bad:?}");
        }
        assert!(OrgId::parse(&"a".repeat(65)).is_err());
        assert!(OrgId::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn serialises_as_a_plain_string() {
        let id = PersonId::parse("eren-keskin").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"eren-keskin\"");
        let back: PersonId = serde_json::from_str("\"eren-keskin\"").unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<PersonId>("\"Bad Id\"").is_err());
    }
}
