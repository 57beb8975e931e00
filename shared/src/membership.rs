//! Joining the network: an organisation applies on a public page, staff
//! review the application against the network's criteria (a list admins
//! keep), ask the member organisations it named as references, and decide.
//! Applications are staff-only records; the applicant follows theirs at a
//! secret address, and a referee member sees only the request addressed to
//! its organisation.

use crate::country::{Country, CountryCode};
use crate::error::{Problem, ValidationError};
use crate::ids::OrgId;
use crate::organisation::{Acronym, City, Email, OrgName, OrgRef, Website};
use crate::text::{paragraphs, single_line};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

crate::word_enum!(
    /// Where an application stands.
    ApplicationStatus, "status", {
        Submitted => "submitted",
        MoreInformation => "more-information",
        Admitted => "admitted",
        Declined => "declined",
    }
);

impl ApplicationStatus {
    /// Still waiting for a decision (a decided application is closed).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::MoreInformation)
    }
}

crate::word_enum!(
    /// How an application meets one criterion, as staff judged it.
    Verdict, "verdict", {
        Met => "met",
        NotMet => "not-met",
        Unclear => "unclear",
    }
);

crate::word_enum!(
    /// A referee organisation's answer.
    ReferenceAnswer, "answer", {
        Supports => "supports",
        DoesNotSupport => "does-not-support",
        DoesNotKnow => "does-not-know",
    }
);

crate::word_enum!(
    /// What staff decide about an application.
    Decision, "decision", {
        Admit => "admit",
        Decline => "decline",
        AskForMore => "ask-for-more",
    }
);

/// Longest text of the long answers (mandate, independence, more information).
pub const MAX_ANSWER: usize = 4_000;
/// Longest note or reason staff and referees write.
pub const MAX_NOTE: usize = 2_000;

/// `raw` as optional paragraphs: empty means none.
fn optional_paragraphs(
    field: &str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        paragraphs(field, raw, max).map(Some)
    }
}

/// `raw` unless it is blank.
fn optional(raw: &str) -> Option<&str> {
    (!raw.trim().is_empty()).then_some(raw)
}

/// The value when it was valid; its problem noted when not.
fn keep<T>(problems: &mut Vec<ValidationError>, parsed: Result<T, ValidationError>) -> Option<T> {
    parsed.map_err(|e| problems.push(e)).ok()
}

/// A field parsed by a type that names its own field, renamed to the form's.
fn renamed<T>(field: &str, parsed: Result<T, ValidationError>) -> Result<T, ValidationError> {
    parsed.map_err(|mut e| {
        e.field = field.to_owned();
        e
    })
}

/// An application as typed into the public form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub acronym: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub founded: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub mandate: String,
    #[serde(default)]
    pub independence: String,
    #[serde(default)]
    pub legal_status: String,
    #[serde(default)]
    pub referee_1: String,
    #[serde(default)]
    pub referee_2: String,
    #[serde(default)]
    pub statutes: String,
    #[serde(default)]
    pub reports: String,
    /// The language of the page the form was on (en, fr, es).
    #[serde(default)]
    pub language: String,
    /// Ticked ("on") when the organisation agrees that its profile may be
    /// public once admitted; otherwise only the network sees it.
    #[serde(default)]
    pub public_profile: Option<String>,
}

/// An application, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApplication {
    pub name: OrgName,
    pub acronym: Option<Acronym>,
    pub country: CountryCode,
    pub city: Option<City>,
    pub website: Option<Website>,
    pub founded: Option<i32>,
    pub contact_name: String,
    pub contact_email: Email,
    pub mandate: String,
    pub independence: String,
    pub legal_status: String,
    /// Two different member organisations.
    pub referees: [OrgId; 2],
    pub statutes: Option<Website>,
    pub reports: Option<Website>,
    /// en, fr or es: the language the answers are written in.
    pub language: String,
    /// Whether the organisation agreed to a public profile once admitted.
    pub public_profile: bool,
}

impl ApplicationForm {
    /// Checks every field; `current_year` bounds the founding year.
    pub fn check(&self, current_year: i32) -> Result<NewApplication, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let name = keep(&mut problems, OrgName::parse(&self.name));
        let acronym = keep(
            &mut problems,
            optional(&self.acronym).map(Acronym::parse).transpose(),
        );
        let country = keep(&mut problems, CountryCode::parse(&self.country));
        let city = keep(
            &mut problems,
            optional(&self.city).map(City::parse).transpose(),
        );
        let website = keep(
            &mut problems,
            optional(&self.website).map(Website::parse).transpose(),
        );
        let founded = keep(
            &mut problems,
            optional(&self.founded)
                .map(|raw| {
                    raw.trim()
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1900..=current_year).contains(y))
                        .ok_or_else(|| {
                            ValidationError::new(
                                "founded",
                                Problem::YearOutOfRange {
                                    min: 1900,
                                    max: current_year,
                                },
                            )
                            .with_value(raw.trim())
                        })
                })
                .transpose(),
        );
        let contact_name = keep(
            &mut problems,
            single_line("contact_name", &self.contact_name, 2, 120),
        );
        let contact_email = keep(
            &mut problems,
            renamed(
                "contact_email",
                Email::parse(&self.contact_email.trim().to_lowercase()),
            ),
        );
        let mandate = keep(
            &mut problems,
            paragraphs("mandate", &self.mandate, MAX_ANSWER),
        );
        let independence = keep(
            &mut problems,
            paragraphs("independence", &self.independence, MAX_ANSWER),
        );
        let legal_status = keep(
            &mut problems,
            single_line("legal_status", &self.legal_status, 2, 300),
        );
        let referee_1 = keep(
            &mut problems,
            renamed("referee_1", OrgId::parse(self.referee_1.trim())),
        );
        let referee_2 = keep(
            &mut problems,
            renamed("referee_2", OrgId::parse(self.referee_2.trim())),
        );
        let statutes = keep(
            &mut problems,
            renamed(
                "statutes",
                optional(&self.statutes).map(Website::parse).transpose(),
            ),
        );
        let reports = keep(
            &mut problems,
            renamed(
                "reports",
                optional(&self.reports).map(Website::parse).transpose(),
            ),
        );
        let referees = match (referee_1, referee_2) {
            (Some(a), Some(b)) if a == b => {
                problems
                    .push(ValidationError::new("referee_2", Problem::Taken).with_value(b.as_str()));
                None
            }
            (Some(a), Some(b)) => Some([a, b]),
            _ => None,
        };
        match (
            name,
            acronym,
            country,
            city,
            website,
            founded,
            contact_name,
            contact_email,
            mandate,
            independence,
            legal_status,
            referees,
            statutes,
            reports,
        ) {
            (
                Some(name),
                Some(acronym),
                Some(country),
                Some(city),
                Some(website),
                Some(founded),
                Some(contact_name),
                Some(contact_email),
                Some(mandate),
                Some(independence),
                Some(legal_status),
                Some(referees),
                Some(statutes),
                Some(reports),
            ) if problems.is_empty() => Ok(NewApplication {
                name,
                acronym,
                country,
                city,
                website,
                founded,
                contact_name,
                contact_email,
                mandate,
                independence,
                legal_status,
                referees,
                statutes,
                reports,
                language: match self.language.trim() {
                    lang @ ("fr" | "es") => lang.to_owned(),
                    _ => "en".to_owned(),
                },
                public_profile: self.public_profile.is_some(),
            }),
            _ => Err(problems),
        }
    }
}

/// One of the network's criteria for membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Its key (`criterion:<key>`); assessments point to it.
    pub key: String,
    pub text: String,
    /// Retired criteria stay with the assessments made against them.
    pub active: bool,
}

/// The text of a criterion as an admin types it.
pub fn check_criterion(raw: &str) -> Result<String, ValidationError> {
    single_line("text", raw, 5, 300)
}

/// One criterion as staff assessed an application against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub criterion: Criterion,
    pub verdict: Option<Verdict>,
    pub note: Option<String>,
}

/// Staff's assessment as typed: per criterion key, a verdict and a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentForm {
    #[serde(default)]
    pub verdict: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub note: std::collections::BTreeMap<String, String>,
}

/// A checked assessment: criterion key, verdict, note.
pub type CheckedAssessment = Vec<(String, Verdict, Option<String>)>;

impl AssessmentForm {
    /// Every criterion with a verdict; a note without a verdict is refused.
    pub fn check(&self) -> Result<CheckedAssessment, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let mut checked = Vec::new();
        let keys: std::collections::BTreeSet<&String> =
            self.verdict.keys().chain(self.note.keys()).collect();
        if keys.len() > 100 {
            return Err(vec![ValidationError::new(
                "verdict",
                Problem::TooLong { max: 100 },
            )]);
        }
        for key in keys {
            let field = format!("verdict[{key}]");
            if !is_criterion_key(key) {
                problems.push(
                    ValidationError::new(&field, Problem::BadCharacters).with_value(key.as_str()),
                );
                continue;
            }
            let verdict = self.verdict.get(key).map(|v| v.trim()).unwrap_or_default();
            let note = self.note.get(key).map(|n| n.as_str()).unwrap_or_default();
            let note = match optional_paragraphs(&format!("note[{key}]"), note, MAX_NOTE) {
                Ok(note) => note,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            if verdict.is_empty() {
                if note.is_some() {
                    problems.push(ValidationError::new(&field, Problem::Required));
                }
                continue;
            }
            match Verdict::parse(verdict) {
                Ok(v) => checked.push((key.clone(), v, note)),
                Err(mut e) => {
                    e.field = field;
                    problems.push(e);
                }
            }
        }
        if problems.is_empty() {
            Ok(checked)
        } else {
            Err(problems)
        }
    }
}

/// Keys the store gives criteria: lowercase letters, digits and hyphens.
pub fn is_criterion_key(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= 80
        && raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A decision as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    /// For an admission: the new member's level.
    #[serde(default)]
    pub visibility: String,
    /// For an admission: "none of these" to the duplicate finder.
    #[serde(default)]
    pub not_duplicate: Option<String>,
}

/// A checked decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedDecision {
    pub decision: Decision,
    /// Shown to the applicant: required to decline or to ask for more.
    pub reason: Option<String>,
    pub visibility: Visibility,
    pub confirmed_new: bool,
}

impl DecisionForm {
    pub fn check(&self) -> Result<CheckedDecision, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let decision = Decision::parse(&self.decision)
            .map_err(|e| problems.push(e))
            .ok();
        let reason = optional_paragraphs("reason", &self.reason, MAX_NOTE)
            .map_err(|e| problems.push(e))
            .ok()
            .flatten();
        if reason.is_none()
            && matches!(decision, Some(Decision::Decline | Decision::AskForMore))
            && !problems.iter().any(|p| p.field == "reason")
        {
            problems.push(ValidationError::new("reason", Problem::Required));
        }
        let visibility = match self.visibility.trim() {
            // An admission names the level: nobody is published by default.
            "" if decision == Some(Decision::Admit) => {
                problems.push(ValidationError::new("visibility", Problem::Required));
                None
            }
            "" => Some(Visibility::Staff),
            raw => match Visibility::parse(raw) {
                Some(Visibility::Restricted) | None => {
                    problems.push(
                        ValidationError::new(
                            "visibility",
                            Problem::NotOneOf {
                                allowed: ["public", "network", "staff"].map(String::from).to_vec(),
                            },
                        )
                        .with_value(raw),
                    );
                    None
                }
                Some(v) => Some(v),
            },
        };
        match (decision, visibility) {
            (Some(decision), Some(visibility)) if problems.is_empty() => Ok(CheckedDecision {
                decision,
                reason,
                visibility,
                confirmed_new: self.not_duplicate.is_some(),
            }),
            _ => Err(problems),
        }
    }
}

/// More information the applicant adds when staff ask for it.
pub fn check_more_information(raw: &str) -> Result<String, ValidationError> {
    paragraphs("information", raw, MAX_ANSWER)
}

/// A referee's answer as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceForm {
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub comment: String,
}

impl ReferenceForm {
    pub fn check(&self) -> Result<(ReferenceAnswer, Option<String>), Vec<ValidationError>> {
        let answer = ReferenceAnswer::parse(&self.answer);
        let comment = optional_paragraphs("comment", &self.comment, MAX_NOTE);
        match (answer, comment) {
            (Ok(a), Ok(c)) => Ok((a, c)),
            (a, c) => Err(a.err().into_iter().chain(c.err()).collect()),
        }
    }
}

/// An application in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: String,
    pub name: String,
    pub country: Country,
    pub status: ApplicationStatus,
    /// YYYY-MM-DD.
    pub submitted: String,
    /// Referees who answered, of those asked.
    pub references_answered: usize,
    pub references_asked: usize,
}

/// A referee organisation and what it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub organisation: OrgRef,
    /// YYYY-MM-DD when staff asked; `None` before.
    pub asked: Option<String>,
    pub answer: Option<ReferenceAnswer>,
    pub comment: Option<String>,
}

/// A line of the application's exchange with the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// YYYY-MM-DD.
    pub on: String,
    /// True when the applicant wrote it, false for staff's request.
    pub from_applicant: bool,
    pub text: String,
}

/// An application as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub country: Country,
    pub city: Option<String>,
    pub website: Option<String>,
    pub founded: Option<i32>,
    pub contact_name: String,
    pub contact_email: String,
    pub mandate: String,
    pub independence: String,
    pub legal_status: String,
    pub statutes: Option<String>,
    pub reports: Option<String>,
    /// Whether the organisation agreed to a public profile once admitted.
    pub public_profile: bool,
    /// The language the answers are written in (en, fr, es); the contact
    /// person is written to in it.
    pub language: String,
    pub status: ApplicationStatus,
    pub submitted: String,
    pub decided: Option<String>,
    pub reason: Option<String>,
    pub assessments: Vec<Assessment>,
    pub references: Vec<Reference>,
    pub exchanges: Vec<Exchange>,
    /// The member it became.
    pub organisation: Option<OrgRef>,
    /// The contact person's invitation link (a path on this site) while it
    /// is unused and not expired.
    pub invitation: Option<String>,
    pub version: u32,
}

/// What the applicant sees at their address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationProgress {
    pub name: String,
    pub status: ApplicationStatus,
    pub submitted: String,
    pub decided: Option<String>,
    /// Staff's reason when they declined or asked for more.
    pub reason: Option<String>,
    pub exchanges: Vec<Exchange>,
    /// Once admitted: whether the contact person's invitation, sent to
    /// their address by e-mail, is still unused and not expired. The link
    /// itself is never shown here: whoever holds this page's address is not
    /// necessarily the contact person.
    pub invitation_sent: bool,
}

/// A request to a referee member, as its members read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceRequest {
    pub id: String,
    /// The organisation asked (the reader's own).
    pub referee: OrgRef,
    pub applicant: String,
    pub country: Country,
    pub mandate: String,
    pub asked: String,
    pub answer: Option<ReferenceAnswer>,
    pub comment: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ApplicationForm {
        ApplicationForm {
            name: "Centre pour la dignité".into(),
            country: "TG".into(),
            contact_name: "Afi Mensah".into(),
            contact_email: "Afi@Example.org".into(),
            mandate: "Documents torture in detention.\r\nSupports survivors.".into(),
            independence: "No government funding.".into(),
            legal_status: "Association déclarée".into(),
            referee_1: "midh".into(),
            referee_2: "fidh".into(),
            founded: "2015".into(),
            ..ApplicationForm::default()
        }
    }

    #[test]
    fn an_application_needs_its_answers_and_two_different_referees() {
        let ok = form().check(2026).unwrap();
        assert_eq!(ok.contact_email.as_str(), "afi@example.org");
        assert_eq!(
            ok.mandate,
            "Documents torture in detention.\nSupports survivors."
        );
        assert_eq!(ok.founded, Some(2015));
        let bad = ApplicationForm {
            name: String::new(),
            referee_2: "midh".into(),
            founded: "2099".into(),
            contact_email: "nobody".into(),
            mandate: "bell\u{7}".into(),
            statutes: "ftp://x".into(),
            ..form()
        };
        let fields: Vec<String> = bad
            .check(2026)
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        for field in [
            "name",
            "referee_2",
            "founded",
            "contact_email",
            "mandate",
            "statutes",
        ] {
            assert!(fields.contains(&field.to_owned()), "{field}: {fields:?}");
        }
    }

    #[test]
    fn an_assessment_refuses_a_note_without_verdict_and_unknown_words() {
        let mut form = AssessmentForm::default();
        form.verdict.insert("non-profit".into(), "met".into());
        form.note
            .insert("independent".into(), "Funding unclear".into());
        form.verdict.insert("active".into(), "maybe".into());
        let fields: Vec<String> = form
            .check()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["verdict[active]", "verdict[independent]"]);
        form.verdict.insert("independent".into(), "unclear".into());
        form.verdict.remove("active");
        let checked = form.check().unwrap();
        assert_eq!(checked.len(), 2);
    }

    #[test]
    fn declining_or_asking_for_more_needs_a_reason() {
        let form = DecisionForm {
            decision: "decline".into(),
            ..DecisionForm::default()
        };
        assert_eq!(form.check().unwrap_err()[0].field, "reason");
        let admit = DecisionForm {
            decision: "admit".into(),
            ..DecisionForm::default()
        };
        assert_eq!(
            admit.check().unwrap_err()[0].field,
            "visibility",
            "no level by default"
        );
        let admit = DecisionForm {
            visibility: "restricted".into(),
            ..admit
        };
        assert_eq!(admit.check().unwrap_err()[0].field, "visibility");
        let admit = DecisionForm {
            visibility: "network".into(),
            ..admit
        };
        assert_eq!(admit.check().unwrap().visibility, Visibility::Network);
    }
}
