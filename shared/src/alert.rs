//! Case alerts: a member organisation tells the secretariat that a defender
//! was arrested or someone was tortured. Restricted by default; its sender
//! follows it and exchanges messages with the secretariat, who verify it
//! (sources, consent, risk) before any public step and then decide.

use crate::country::{Country, CountryCode};
use crate::error::{Problem, ValidationError};
use crate::ids::{AlertId, InterventionId, PersonId};
use crate::organisation::OrgRef;
use crate::text::{paragraphs, single_line};
use crate::trial::PersonRef;
use crate::visibility::Visibility;
use crate::InterventionKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::word_enum!(
    /// The risk to the person now, as the sender sees it.
    Risk, "risk", {
        Imminent => "imminent",
        High => "high",
        Moderate => "moderate",
    }
);

crate::word_enum!(
    /// What the person (or their family) agreed to: the case made public
    /// with their name, without it, or not at all.
    Consent, "consent", {
        Named => "named",
        Anonymised => "anonymised",
        NotPublic => "not-public",
    }
);

crate::word_enum!(
    /// Where an alert stands.
    AlertStatus, "status", {
        New => "new",
        Verifying => "verifying",
        Verified => "verified",
        Acted => "acted",
        Closed => "closed",
    }
);

impl AlertStatus {
    /// Still waiting for the secretariat's answer.
    pub fn is_open(self) -> bool {
        !matches!(self, AlertStatus::Closed)
    }
}

crate::word_enum!(
    /// Who the alert is about, as chosen in the form.
    Who, "who", {
        Existing => "existing",
        New => "new",
        Unnamed => "unnamed",
    }
);

/// The levels an alert may have: the protection desk only (restricted:
/// admins and the staff they hand it to) or all secretariat staff.
pub const ALERT_LEVELS: [Visibility; 2] = [Visibility::Restricted, Visibility::Staff];

/// The longest message of the exchange.
pub const MESSAGE_MAX: usize = 5000;

/// An alert as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertForm {
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub happened_on: String,
    #[serde(default)]
    pub risk: String,
    #[serde(default)]
    pub sources: String,
    #[serde(default)]
    pub consent: String,
    #[serde(default)]
    pub visibility: String,
}

/// Who, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Person(PersonId),
    Named(String),
    Unnamed,
}

/// An alert, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAlert {
    pub subject: Subject,
    pub what: String,
    pub country: CountryCode,
    pub place: Option<String>,
    pub happened_on: NaiveDate,
    pub risk: Risk,
    pub sources: String,
    pub consent: Consent,
    pub visibility: Visibility,
}

fn keep<T>(problems: &mut Vec<ValidationError>, r: Result<T, ValidationError>) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

impl AlertForm {
    /// Checks every field; `today` bounds the date (nothing is alerted
    /// before it happens; a day of grace for time zones ahead of UTC).
    pub fn check(&self, today: NaiveDate) -> Result<NewAlert, Vec<ValidationError>> {
        let mut p = Vec::new();
        let subject = match keep(&mut p, Who::parse(&self.who)) {
            Some(Who::Existing) => keep(
                &mut p,
                if self.person.trim().is_empty() {
                    Err(ValidationError::new("person", Problem::Required))
                } else {
                    PersonId::parse(&self.person).map_err(|e| e.at("person"))
                },
            )
            .map(Subject::Person),
            Some(Who::New) => {
                keep(&mut p, single_line("name", &self.name, 2, 200)).map(Subject::Named)
            }
            Some(Who::Unnamed) => Some(Subject::Unnamed),
            None => None,
        };
        let what = keep(&mut p, paragraphs("what", &self.what, 10_000));
        if let Some(w) = &what {
            if w.chars().count() < 10 {
                p.push(ValidationError::new("what", Problem::TooShort { min: 10 }));
            }
        }
        let country = keep(
            &mut p,
            CountryCode::parse(&self.country).map_err(|e| e.at("country")),
        );
        let place = keep(&mut p, single_line("place", &self.place, 0, 200))
            .map(|s| (!s.is_empty()).then_some(s));
        let happened_on = keep(
            &mut p,
            crate::mission::parse_day("happened_on", &self.happened_on),
        );
        if let Some(day) = happened_on {
            // A day of grace: where the sender is, tomorrow in UTC may be today.
            if day > today + chrono::Days::new(1) {
                p.push(
                    ValidationError::new("happened_on", Problem::InTheFuture)
                        .with_value(day.to_string()),
                );
            }
        }
        let risk = keep(&mut p, Risk::parse(&self.risk));
        let sources = keep(&mut p, paragraphs("sources", &self.sources, 5000));
        if sources.as_ref().is_some_and(|s| s.chars().count() < 3) {
            p.push(ValidationError::new(
                "sources",
                Problem::TooShort { min: 3 },
            ));
        }
        let consent = keep(&mut p, Consent::parse(&self.consent));
        let visibility = if self.visibility.trim().is_empty() {
            Some(Visibility::Restricted)
        } else {
            keep(
                &mut p,
                Visibility::parse(self.visibility.trim())
                    .filter(|v| ALERT_LEVELS.contains(v))
                    .ok_or_else(|| {
                        ValidationError::new(
                            "visibility",
                            Problem::NotOneOf {
                                allowed: ALERT_LEVELS
                                    .iter()
                                    .map(|v| v.as_str().to_owned())
                                    .collect(),
                            },
                        )
                        .with_value(self.visibility.trim())
                    }),
            )
        };
        match (
            subject,
            what,
            country,
            place,
            happened_on,
            risk,
            sources,
            consent,
            visibility,
        ) {
            (
                Some(subject),
                Some(what),
                Some(country),
                Some(place),
                Some(happened_on),
                Some(risk),
                Some(sources),
                Some(consent),
                Some(visibility),
            ) if p.is_empty() => Ok(NewAlert {
                subject,
                what,
                country,
                place,
                happened_on,
                risk,
                sources,
                consent,
                visibility,
            }),
            _ => Err(p),
        }
    }
}

/// A message of the exchange, checked: paragraphs of at most
/// [`MESSAGE_MAX`] characters.
pub fn check_message(raw: &str) -> Result<String, ValidationError> {
    paragraphs("text", raw, MESSAGE_MAX)
}

/// The secretariat's verification: each step done or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub sources_checked: bool,
    pub consent_confirmed: bool,
    pub risk_assessed: bool,
}

impl Verification {
    /// Every step done: the alert may lead to a public step.
    pub fn complete(self) -> bool {
        self.sources_checked && self.consent_confirmed && self.risk_assessed
    }
}

/// A reason for deciding to take no action, checked.
pub fn check_reason(raw: &str) -> Result<String, ValidationError> {
    let r = paragraphs("reason", raw, 2000)?;
    if r.chars().count() < 3 {
        return Err(ValidationError::new("reason", Problem::TooShort { min: 3 }));
    }
    Ok(r)
}

/// Who an alert is about, as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlertSubject {
    Person(PersonRef),
    Named(String),
    /// An unnamed victim, or a person record the reader may not read.
    Unnamed,
}

/// One line of the queue or of a sender's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertSummary {
    pub id: AlertId,
    pub subject: AlertSubject,
    pub country: Country,
    pub risk: Risk,
    pub status: AlertStatus,
    pub happened_on: NaiveDate,
    pub sent_at: DateTime<Utc>,
    pub organisation: Option<OrgRef>,
    pub visibility: Visibility,
}

/// A message of the exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertMessage {
    pub from_secretariat: bool,
    pub author: String,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// A decision taken on the alert: an intervention that names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertDecision {
    pub id: InterventionId,
    pub title: String,
    pub kind: InterventionKind,
    pub sent_on: NaiveDate,
}

/// An alert as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub id: AlertId,
    pub subject: AlertSubject,
    pub what: String,
    pub country: Country,
    pub place: Option<String>,
    pub happened_on: NaiveDate,
    pub risk: Risk,
    pub sources: String,
    pub consent: Consent,
    pub status: AlertStatus,
    pub verification: Verification,
    pub closed_reason: Option<String>,
    pub visibility: Visibility,
    pub sent_by: String,
    pub organisation: Option<OrgRef>,
    pub sent_at: DateTime<Utc>,
    pub messages: Vec<AlertMessage>,
    pub decisions: Vec<AlertDecision>,
    pub version: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn form() -> AlertForm {
        AlertForm {
            who: "new".into(),
            name: "Amina K.".into(),
            what: "Arrested at dawn by plain-clothes police; held incommunicado.".into(),
            country: "BI".into(),
            happened_on: "2026-11-28".into(),
            risk: "imminent".into(),
            sources: "Her lawyer, by phone.".into(),
            consent: "anonymised".into(),
            ..AlertForm::default()
        }
    }

    #[test]
    fn an_alert_is_restricted_unless_its_sender_opens_it_to_staff() {
        let a = form().check(today()).unwrap();
        assert_eq!(a.visibility, Visibility::Restricted);
        assert_eq!(a.subject, Subject::Named("Amina K.".into()));
        let mut f = form();
        f.visibility = "staff".into();
        assert_eq!(f.check(today()).unwrap().visibility, Visibility::Staff);
        f.visibility = "public".into();
        let e = f.check(today()).unwrap_err();
        assert_eq!(e[0].field, "visibility");
    }

    #[test]
    fn every_problem_is_named_at_its_field() {
        let f = AlertForm {
            who: "existing".into(),
            what: "short".into(),
            happened_on: "2026-12-25".into(),
            risk: "severe".into(),
            name: "x\u{7}".into(),
            ..AlertForm::default()
        };
        let fields: Vec<String> = f
            .check(today())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        for field in [
            "person",
            "what",
            "country",
            "happened_on",
            "risk",
            "sources",
            "consent",
        ] {
            assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
        }
    }

    #[test]
    fn messages_keep_their_lines_and_refuse_control_characters() {
        assert_eq!(check_message(" a\r\nb ").unwrap(), "a\nb");
        assert!(check_message("").is_err());
        assert!(check_message("a\u{0}b").is_err());
        assert!(check_message(&"x".repeat(MESSAGE_MAX + 1)).is_err());
    }
}
