use serde::{Deserialize, Serialize};
use std::fmt;

/// What is wrong with a value, in a form each language can phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    ControlCharacters,
    /// Allowed characters, described for a person ("letters, digits and inner hyphens").
    BadCharacters,
    NotOneOf {
        allowed: Vec<String>,
    },
    NotAPage {
        max: u32,
    },
    NotACountryCode,
    NotAWebAddress,
    NotAnEmail,
    YearOutOfRange {
        min: i32,
        max: i32,
    },
    /// The password is on the list of passwords attackers try first.
    CommonPassword,
    /// The password contains the e-mail address or the platform's name.
    GuessablePassword,
    /// Already used by another record (an e-mail address of an account).
    Taken,
    /// Not a six-digit code from an authenticator app.
    NotATotpCode,
    /// A workflow move that is not allowed from the current state.
    IllegalTransition {
        from: String,
        to: String,
    },
    /// Not a date written YYYY-MM-DD.
    NotADate,
    /// Not a month written YYYY-MM.
    NotAMonth,
    /// Not a time written HH:MM, or a time the clocks skip (daylight saving).
    NotATime,
    /// Not an IANA time zone name such as Europe/Istanbul.
    NotATimeZone,
    /// An end date before the start date.
    EndsBeforeStart,
    /// An outcome recorded while the trial is still pending or ongoing.
    OutcomeNeedsVerdict,
    /// A person at risk opened beyond the staff by someone who is not an admin.
    ExposesPersonAtRisk,
    /// A merge would open the gone record's names and relations to more
    /// readers: it goes into a record at least as closed.
    MergeOpens,
    /// Both someone listed and a new name were given for one place.
    ExistingOrNew,
    /// The public form took all it takes in a day (from this address, or
    /// from everyone): the sender tries again tomorrow.
    TryTomorrow,
    /// Records with a similar name exist: the one filling the form opens one
    /// of them, or says the new record is none of them.
    SimilarExists {
        records: Vec<SimilarRecord>,
    },
    /// Too many sent by one person lately (alerts, messages).
    TooMany,
    /// A date still to come where only the past makes sense.
    InTheFuture,
    /// A relation to end that has no current one left (ended already).
    AlreadyEnded,
    /// Not the signed-in user's password, asked again before a step that
    /// hands out access (an API token).
    WrongPassword,
    /// A public step on an alert the secretariat has not verified yet
    /// (sources, consent and risk).
    NotVerified,
    /// A public step the person concerned did not consent to.
    NoConsent,
    /// A public text that names someone who consented to be left unnamed.
    NamesThePerson {
        word: String,
    },
    /// The request itself could not be read (malformed JSON and the like).
    Malformed {
        detail: String,
    },
}

/// A record the duplicate finder offers: where it is, its name as the one
/// asking may read it, and why it was offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarRecord {
    pub href: String,
    pub name: String,
    pub likeness: crate::similar::Likeness,
}

/// A value that could not be accepted, with the field it came from so a form or
/// an error page can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub struct ValidationError {
    pub field: String,
    pub problem: Problem,
    /// The offending input, when showing it back helps.
    pub value: Option<String>,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
            value: None,
        }
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// The same error reported under another field name (a constructor does not
    /// know which form field or query parameter its input came from).
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The message in English, for logs and the command line. Pages use the
    /// translated wording of [`Problem`] instead.
    pub fn message(&self) -> String {
        let value = self
            .value
            .as_deref()
            .map(|v| format!("{v:?} "))
            .unwrap_or_default();
        match &self.problem {
            Problem::Required => "is required".to_owned(),
            Problem::TooShort { min } => format!("must be at least {min} characters long"),
            Problem::TooLong { max } => format!("must be at most {max} characters long"),
            Problem::ControlCharacters => {
                "must not contain line breaks or control characters".to_owned()
            }
            Problem::BadCharacters => format!("{value}contains characters that are not allowed"),
            Problem::NotOneOf { allowed } => {
                format!("{value}is not one of: {}", allowed.join(", "))
            }
            Problem::NotAPage { max } => {
                format!("{value}is not a page number; use a whole number from 1 to {max}")
            }
            Problem::NotACountryCode => format!("{value}is not a two-letter ISO 3166 country code"),
            Problem::NotAWebAddress => {
                format!("{value}is not a web address starting with https:// or http://")
            }
            Problem::NotAnEmail => format!("{value}is not an e-mail address"),
            Problem::YearOutOfRange { min, max } => {
                format!("must be a year between {min} and {max}")
            }
            Problem::CommonPassword => {
                "is one of the most common passwords; choose another".to_owned()
            }
            Problem::GuessablePassword => {
                "must not contain your e-mail address or the platform's name".to_owned()
            }
            Problem::Taken => format!("{value}is already used by another account"),
            Problem::NotATotpCode => {
                format!("{value}is neither a six-digit code nor a recovery code")
            }
            Problem::IllegalTransition { from, to } => {
                format!("cannot move from {from} to {to}")
            }
            Problem::NotADate => format!("{value}is not a date written YYYY-MM-DD"),
            Problem::NotAMonth => format!("{value}is not a month written YYYY-MM"),
            Problem::NotATime => format!("{value}is not a time of day written HH:MM"),
            Problem::NotATimeZone => {
                format!("{value}is not a time zone name such as Europe/Istanbul")
            }
            Problem::EndsBeforeStart => "must not be before the start date".to_owned(),
            Problem::OutcomeNeedsVerdict => {
                "must be verdict, appeal or closed when an outcome is recorded".to_owned()
            }
            Problem::ExposesPersonAtRisk => {
                "someone at risk stays with the staff; only an administrator opens their record further"
                    .to_owned()
            }
            Problem::TryTomorrow => "too many applications today: please try again tomorrow".to_owned(),
            Problem::ExistingOrNew => {
                "choose someone listed or type a new name, not both".to_owned()
            }
            Problem::MergeOpens => {
                "is more closed than the record it would go into; merge the other way round, or close the kept record first"
                    .to_owned()
            }
            Problem::SimilarExists { records } => format!(
                "looks like {}; open it, or say that the new record is none of these",
                records
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::TooMany => "too many sent lately: please try again later".to_owned(),
            Problem::InTheFuture => format!("{value}is still to come"),
            Problem::AlreadyEnded => "has already ended: there is nothing current to end".to_owned(),
            Problem::WrongPassword => "is not your current password".to_owned(),
            Problem::NotVerified => {
                "needs the alert verified first: sources checked, consent confirmed, risk assessed"
                    .to_owned()
            }
            Problem::NoConsent => {
                "goes beyond what the person consented to; keep it within the network".to_owned()
            }
            Problem::NamesThePerson { word } => format!(
                "names the person (\"{word}\"), who consented to an appeal without their name"
            ),
            Problem::Malformed { detail } => format!("could not be read: {detail}"),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_the_value() {
        let e = ValidationError::new("page", Problem::NotAPage { max: 10 }).with_value("abc");
        assert_eq!(
            e.to_string(),
            "page: \"abc\" is not a page number; use a whole number from 1 to 10"
        );
        assert_eq!(e.clone().at("p").field, "p");
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<ValidationError>(&json).unwrap(), e);
    }
}
