//! People in the graph: defenders, observers, staff, lawyers; the form that
//! creates and edits them, and the page that shows them with their timeline.

use crate::error::{Problem, ValidationError};
use crate::text::single_line;
use crate::{Country, CountryCode, Description, Gender, OrgRef, PersonId, Role, Visibility};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

/// Characters that show nothing, or turn the text around: in a name they
/// make one person look like another.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = single_line("name", raw, 2, 200)?;
        if name.chars().any(invisible) {
            return Err(ValidationError::new("name", Problem::BadCharacters).with_value(raw.trim()));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PersonName> for String {
    fn from(n: PersonName) -> String {
        n.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    Defender,
    Observer,
    Staff,
    Lawyer,
}

impl PersonRole {
    pub const ALL: [PersonRole; 4] = [
        PersonRole::Defender,
        PersonRole::Observer,
        PersonRole::Staff,
        PersonRole::Lawyer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PersonRole::Defender => "defender",
            PersonRole::Observer => "observer",
            PersonRole::Staff => "staff",
            PersonRole::Lawyer => "lawyer",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "role",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|r| r.as_str().to_owned()).to_vec(),
                    },
                )
                .with_value(raw.trim())
            })
    }
}

/// How exposed a person is; drives how carefully their record is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Critical,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "risk level",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|r| r.as_str().to_owned()).to_vec(),
                    },
                )
                .with_value(raw.trim())
            })
    }
}

/// Whether someone of `role` may give a person of `risk` the level `to`.
/// A person at risk (any level above low) stays with the staff: only an
/// admin opens such a record to the network or the public. Nobody gives a
/// level above their own clearance.
pub fn may_expose(role: Role, risk: RiskLevel, to: Visibility) -> bool {
    let beyond_clearance = to > role.clearance();
    let exposes_someone_at_risk =
        risk > RiskLevel::Low && to < Visibility::Staff && role != Role::Admin;
    !beyond_clearance && !exposes_someone_at_risk
}

/// The most working languages a person lists.
pub const MAX_LANGUAGES: usize = 12;

/// A person as typed into the form (all text, nothing checked yet). The
/// roles are checkboxes: a plain form sends only the ticked ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    /// The version the edit form was opened on; empty for a new person.
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub defender: Option<String>,
    #[serde(default)]
    pub lawyer: Option<String>,
    #[serde(default)]
    pub observer: Option<String>,
    #[serde(default)]
    pub staff: Option<String>,
    #[serde(default)]
    pub risk_level: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub nationality: String,
    /// ISO 639-1 codes, separated by commas or spaces: "fr, ar".
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub visibility: String,
    /// A new person's "it is none of these" after the duplicate check.
    #[serde(default)]
    pub not_duplicate: Option<String>,
}

impl PersonForm {
    /// Whether the one who fills a new record said it is none of the
    /// similar ones shown.
    pub fn confirmed_new(&self) -> bool {
        self.not_duplicate.as_deref().is_some_and(|v| !v.is_empty())
    }
}

/// A person's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub name: PersonName,
    pub roles: Vec<PersonRole>,
    pub risk_level: RiskLevel,
    pub gender: Option<Gender>,
    pub nationality: Option<CountryCode>,
    pub languages: Vec<String>,
    pub description: Description,
    pub visibility: Visibility,
    /// The version an edit started from; `None` for a new person.
    pub version: Option<u64>,
}

impl PersonForm {
    /// Every problem of the form at once, each naming its field.
    pub fn check(&self) -> Result<PersonRecord, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let name = keep(&mut problems, PersonName::parse(&self.name));
        // A new person starts at low risk, staff-only; an edit names both,
        // so a form missing them never lowers what was stored.
        let editing = !self.version.trim().is_empty();
        if editing && self.risk_level.trim().is_empty() {
            problems.push(ValidationError::new("risk_level", Problem::Required));
        }
        if editing && self.visibility.trim().is_empty() {
            problems.push(ValidationError::new("visibility", Problem::Required));
        }
        let risk_level = if self.risk_level.trim().is_empty() {
            Some(RiskLevel::Low)
        } else {
            keep(
                &mut problems,
                RiskLevel::parse(&self.risk_level).map_err(|e| e.at("risk_level")),
            )
        };
        let gender = if self.gender.trim().is_empty() {
            Some(None)
        } else {
            keep(&mut problems, Gender::parse(&self.gender).map(Some))
        };
        let nationality = if self.nationality.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut problems,
                CountryCode::parse(&self.nationality)
                    .map(Some)
                    .map_err(|e| e.at("nationality")),
            )
        };
        let languages = keep(&mut problems, parse_languages(&self.languages));
        let description = keep(&mut problems, Description::parse(&self.description));
        let visibility = if self.visibility.trim().is_empty() {
            Some(Visibility::Staff)
        } else {
            keep(
                &mut problems,
                Visibility::parse(self.visibility.trim()).ok_or_else(|| {
                    ValidationError::new(
                        "visibility",
                        Problem::NotOneOf {
                            allowed: Visibility::ALL
                                .iter()
                                .map(|v| v.as_str().to_owned())
                                .collect(),
                        },
                    )
                    .with_value(self.visibility.trim())
                }),
            )
        };
        let version = if self.version.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut problems,
                self.version.trim().parse::<u64>().map(Some).map_err(|_| {
                    ValidationError::new(
                        "version",
                        Problem::Malformed {
                            detail: "not a version".into(),
                        },
                    )
                }),
            )
        };
        let roles: Vec<PersonRole> = [
            (&self.defender, PersonRole::Defender),
            (&self.lawyer, PersonRole::Lawyer),
            (&self.observer, PersonRole::Observer),
            (&self.staff, PersonRole::Staff),
        ]
        .into_iter()
        .filter(|(ticked, _)| ticked.as_deref().is_some_and(|t| !t.is_empty()))
        .map(|(_, role)| role)
        .collect();
        match (
            name,
            risk_level,
            gender,
            nationality,
            languages,
            description,
            visibility,
            version,
        ) {
            (
                Some(name),
                Some(risk_level),
                Some(gender),
                Some(nationality),
                Some(languages),
                Some(description),
                Some(visibility),
                Some(version),
            ) if problems.is_empty() => Ok(PersonRecord {
                name,
                roles,
                risk_level,
                gender,
                nationality,
                languages,
                description,
                visibility,
                version,
            }),
            _ => Err(problems),
        }
    }

    /// The form filled in from a person, for their edit page.
    pub fn of(person: &Person) -> Self {
        let ticked = |r: PersonRole| person.roles.contains(&r).then(|| "on".to_owned());
        PersonForm {
            version: person.version.to_string(),
            name: person.name.clone(),
            defender: ticked(PersonRole::Defender),
            lawyer: ticked(PersonRole::Lawyer),
            observer: ticked(PersonRole::Observer),
            staff: ticked(PersonRole::Staff),
            risk_level: person
                .risk_level
                .map_or_else(String::new, |r| r.as_str().to_owned()),
            gender: person
                .gender
                .map_or_else(String::new, |g| g.as_str().to_owned()),
            nationality: person
                .nationality
                .as_ref()
                .map_or_else(String::new, |c| c.code.as_str().to_owned()),
            languages: person.languages.join(", "),
            description: person.description.clone(),
            visibility: person.visibility.as_str().to_owned(),
            not_duplicate: None,
        }
    }
}

pub(crate) fn keep<T>(
    problems: &mut Vec<ValidationError>,
    r: Result<T, ValidationError>,
) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

/// Two-letter ISO 639-1 codes, separated by commas or spaces, each once.
pub fn parse_languages(raw: &str) -> Result<Vec<String>, ValidationError> {
    if raw.len() > 80 {
        return Err(ValidationError::new(
            "languages",
            Problem::TooLong { max: 80 },
        ));
    }
    let mut codes: Vec<String> = Vec::new();
    for word in raw
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let code = word.to_ascii_lowercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(ValidationError::new(
                "languages",
                Problem::Malformed {
                    detail: format!("{word} is not a two-letter language code such as fr or ar"),
                },
            )
            .with_value(raw.trim()));
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.len() > MAX_LANGUAGES {
        return Err(ValidationError::new(
            "languages",
            Problem::TooLong { max: MAX_LANGUAGES },
        ));
    }
    Ok(codes)
}

/// Everything a person's page shows, as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub roles: Vec<PersonRole>,
    /// For readers who plan around it (staff side) only.
    pub risk_level: Option<RiskLevel>,
    pub gender: Option<Gender>,
    pub nationality: Option<Country>,
    pub languages: Vec<String>,
    pub description: String,
    pub visibility: Visibility,
    pub version: u64,
    pub organisations: Vec<Membership>,
    /// Where they live and work, current and past, as the reader may read it.
    pub places: Vec<crate::place_ties::PlaceTie>,
    /// In date order, oldest first; undated entries last.
    pub timeline: Vec<TimelineEntry>,
}

/// A person's place in an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub organisation: OrgRef,
    pub role: Option<String>,
    pub since: Option<i32>,
    /// The year it ended; `None` while it lasts.
    pub until: Option<i32>,
    /// Where the network knows it from (a report, a letter, a call).
    pub source: Option<String>,
    pub visibility: Visibility,
}

/// The years a relation may name.
pub const RELATION_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A person's membership of an organisation as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipForm {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub since: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub visibility: String,
}

/// A membership, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMembership {
    pub organisation: crate::OrgId,
    pub role: Option<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub source: Option<String>,
    /// At least as closed as the person and the organisation: the store
    /// takes the strictest of the three.
    pub visibility: Visibility,
}

/// A year as typed, or nothing when the field is empty.
pub fn parse_year(field: &str, raw: &str) -> Result<Option<i32>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i32>()
        .ok()
        .filter(|y| RELATION_YEARS.contains(y))
        .map(Some)
        .ok_or_else(|| {
            ValidationError::new(
                field,
                Problem::YearOutOfRange {
                    min: *RELATION_YEARS.start(),
                    max: *RELATION_YEARS.end(),
                },
            )
            .with_value(raw)
        })
}

/// An optional single line: empty is none.
pub(crate) fn optional_line(
    field: &str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        single_line(field, raw, 1, max).map(Some)
    }
}

/// What every kept relation has besides its ends, checked: since and until
/// years (the end not before the start), a source, and a level.
pub(crate) struct RelationFacts {
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub source: Option<String>,
    pub visibility: Visibility,
}

impl RelationFacts {
    /// `raw` is since, until, source and visibility as typed; an empty
    /// visibility is `default`. Problems are added to `problems`.
    pub(crate) fn check(
        problems: &mut Vec<ValidationError>,
        [since, until, source, visibility]: [&str; 4],
        default: Visibility,
    ) -> Option<RelationFacts> {
        let since = keep(problems, parse_year("since", since));
        let until = keep(problems, parse_year("until", until));
        let source = keep(problems, optional_line("source", source, 500));
        let visibility = if visibility.trim().is_empty() {
            Some(default)
        } else {
            keep(
                problems,
                Visibility::parse(visibility.trim()).ok_or_else(|| {
                    ValidationError::new(
                        "visibility",
                        Problem::NotOneOf {
                            allowed: Visibility::ALL
                                .iter()
                                .map(|v| v.as_str().to_owned())
                                .collect(),
                        },
                    )
                    .with_value(visibility.trim())
                }),
            )
        };
        if let (Some(Some(since)), Some(Some(until))) = (since, until) {
            if until < since {
                problems.push(
                    ValidationError::new("until", Problem::EndsBeforeStart)
                        .with_value(until.to_string()),
                );
            }
        }
        Some(RelationFacts {
            since: since?,
            until: until?,
            source: source?,
            visibility: visibility?,
        })
    }
}

impl MembershipForm {
    pub fn check(&self) -> Result<NewMembership, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let organisation = keep(
            &mut problems,
            crate::OrgId::parse(self.organisation.trim()).map_err(|e| e.at("organisation")),
        );
        let role = keep(&mut problems, optional_line("role", &self.role, 120));
        let facts = RelationFacts::check(
            &mut problems,
            [&self.since, &self.until, &self.source, &self.visibility],
            Visibility::Staff,
        );
        match (organisation, role, facts) {
            (Some(organisation), Some(role), Some(f)) if problems.is_empty() => Ok(NewMembership {
                organisation,
                role,
                since: f.since,
                until: f.until,
                source: f.source,
                visibility: f.visibility,
            }),
            _ => Err(problems),
        }
    }
}

crate::word_enum!(
    /// What a person did or what happened to them.
    TimelineKind, "kind", {
        Member => "member",
        Defendant => "defendant",
        Lawyer => "lawyer",
        Observer => "observer",
        Participant => "participant",
        Intervention => "intervention",
        Campaign => "campaign",
        Partner => "partner",
        Supporter => "supporter",
        Organiser => "organiser",
        MissionSent => "mission-sent",
        Cosignatory => "cosignatory",
    }
);

/// One line of a timeline: when, what, and where to read more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub on: Option<NaiveDate>,
    pub kind: TimelineKind,
    pub title: String,
    /// The page of the record (`/trials/…`), on this site.
    pub href: String,
    /// The record itself (`trial:…`), for the audit of what was read.
    pub record: String,
    /// A role, a status or an outcome word, as stored.
    pub detail: Option<String>,
}

/// Oldest first; undated entries after the dated ones, by title.
pub fn sort_timeline(entries: &mut [TimelineEntry]) {
    entries.sort_by(|a, b| match (a.on, b.on) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.title.cmp(&b.title)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.title.cmp(&b.title),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_single_lines() {
        assert_eq!(
            PersonName::parse(" Eren Keskin ").unwrap().as_str(),
            "Eren Keskin"
        );
        assert_eq!(
            PersonName::parse("Güllistan Yarkın").unwrap().as_str(),
            "Güllistan Yarkın"
        );
        assert_eq!(
            PersonName::parse("").unwrap_err().problem,
            Problem::Required
        );
        assert!(PersonName::parse("X").is_err());
        assert!(PersonName::parse("two\nlines").is_err());
        assert!(PersonName::parse(&"n".repeat(201)).is_err());
        assert!(PersonName::parse("Eren\u{202E}Keskin").is_err());
        assert!(PersonName::parse("Eren\u{200B} Keskin").is_err());
        assert!(PersonName::parse("حسن علي").is_ok());
    }

    #[test]
    fn roles_and_risk_levels_parse_their_own_words() {
        for r in PersonRole::ALL {
            assert_eq!(PersonRole::parse(r.as_str()).unwrap(), r);
        }
        assert!(PersonRole::parse("judge").is_err());
        for r in RiskLevel::ALL {
            assert_eq!(RiskLevel::parse(r.as_str()).unwrap(), r);
        }
        assert_eq!(RiskLevel::parse("extreme").unwrap_err().field, "risk level");
        assert!(RiskLevel::Critical > RiskLevel::High);
    }

    #[test]
    fn a_person_form_is_checked_field_by_field() {
        let form = PersonForm {
            name: " Awa Koné ".into(),
            defender: Some("on".into()),
            risk_level: "high".into(),
            gender: "woman".into(),
            nationality: "ci".into(),
            languages: "FR, dyu fr".into(),
            visibility: "staff".into(),
            ..Default::default()
        };
        let problems = form.check().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "languages");
        let form = PersonForm {
            languages: "FR, en fr".into(),
            ..form
        };
        let person = form.check().unwrap();
        assert_eq!(person.name.as_str(), "Awa Koné");
        assert_eq!(person.roles, vec![PersonRole::Defender]);
        assert_eq!(person.languages, vec!["fr", "en"]);
        assert_eq!(person.nationality.unwrap().as_str(), "CI");
        assert_eq!(person.version, None);
        let empty = PersonForm::default().check().unwrap_err();
        assert_eq!(empty[0].field, "name");
        // An edit that lost its risk or level never lowers what is stored.
        let edit = PersonForm {
            name: "Awa Koné".into(),
            version: "3".into(),
            ..Default::default()
        }
        .check()
        .unwrap_err();
        let fields: Vec<&str> = edit.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["risk_level", "visibility"]);
        let bad = PersonForm {
            name: "Awa".into(),
            risk_level: "extreme".into(),
            gender: "x".into(),
            nationality: "Côte".into(),
            visibility: "secret".into(),
            version: "v1".into(),
            ..Default::default()
        }
        .check()
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "risk_level",
                "gender",
                "nationality",
                "visibility",
                "version"
            ]
        );
    }

    #[test]
    fn someone_at_risk_is_opened_beyond_the_staff_by_an_admin_only() {
        use Visibility::*;
        assert!(may_expose(Role::Staff, RiskLevel::Low, Public));
        assert!(!may_expose(Role::Staff, RiskLevel::Medium, Network));
        assert!(may_expose(Role::Staff, RiskLevel::Critical, Staff));
        assert!(may_expose(Role::Admin, RiskLevel::Critical, Public));
        assert!(!may_expose(Role::Staff, RiskLevel::Low, Restricted));
        assert!(!may_expose(Role::Member, RiskLevel::Low, Staff));
    }

    #[test]
    fn a_membership_names_an_organisation_and_years_in_order() {
        let form = MembershipForm {
            organisation: "midh".into(),
            role: "Lawyer".into(),
            since: "2019".into(),
            until: "2023".into(),
            visibility: "network".into(),
            ..Default::default()
        };
        let m = form.check().unwrap();
        assert_eq!((m.since, m.until), (Some(2019), Some(2023)));
        assert_eq!(m.source, None);
        let bad = MembershipForm {
            organisation: "Not a key!".into(),
            since: "2024".into(),
            until: "2020".into(),
            source: "x".repeat(501),
            ..Default::default()
        }
        .check()
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["organisation", "source", "until"]);
        assert!(parse_year("since", "1899").is_err());
        assert_eq!(parse_year("since", " ").unwrap(), None);
    }
}
