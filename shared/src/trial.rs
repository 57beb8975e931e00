//! Trials of human-rights defenders and their hearings.

use crate::ids::{HearingId, PersonId, TrialId};
use crate::organisation::OrgRef;
use crate::visibility::Visibility;
use crate::word_enum;
use crate::{Country, CountryCode, MissionSummary};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

word_enum!(
    /// Where a trial stands.
    TrialStatus, "trial status", {
        Pending => "pending",
        Ongoing => "ongoing",
        Verdict => "verdict",
        Appeal => "appeal",
        Closed => "closed",
    }
);

word_enum!(
    /// The charges brought against defenders, as the network records them.
    Charge, "charge", {
        Terrorism => "terrorism",
        TerroristPropaganda => "terrorist-propaganda",
        MembershipOfAnOrganisation => "membership-of-an-organisation",
        Defamation => "defamation",
        InsultingTheState => "insulting-the-state",
        UnderminingStateSecurity => "undermining-state-security",
        FalseInformation => "false-information",
        IllegalAssembly => "illegal-assembly",
        Incitement => "incitement",
    }
);

word_enum!(
    /// How a trial ended for the defendants.
    OutcomeKind, "outcome", {
        Acquitted => "acquitted",
        Convicted => "convicted",
        Dismissed => "dismissed",
        Released => "released",
    }
);

word_enum!(
    /// What became of a hearing.
    HearingStatus, "hearing status", {
        Scheduled => "scheduled",
        Held => "held",
        Postponed => "postponed",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// The sentence, for a conviction ("2 years suspended").
    pub sentence: Option<String>,
    pub decided_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

/// A defendant and the organisations they belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Defendant {
    pub person: PersonRef,
    pub organisations: Vec<OrgRef>,
}

/// A hearing as calendars and timelines show it: the instant, and the same
/// instant on the court's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    pub id: HearingId,
    pub trial: TrialId,
    pub case_name: String,
    pub court: String,
    pub country: Country,
    pub trial_status: TrialStatus,
    pub starts_at: DateTime<Utc>,
    /// `starts_at` in the court's time zone.
    pub local_start: NaiveDateTime,
    /// IANA name of the court's time zone, e.g. `Europe/Istanbul`.
    pub timezone: String,
    pub place: String,
    pub status: HearingStatus,
    /// What happened, once it was held; why, when it was postponed.
    pub summary: String,
    pub visibility: Visibility,
    /// Missions the reader can see that cover this hearing.
    pub missions: usize,
}

/// A line of the trials list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialSummary {
    pub id: TrialId,
    pub case_name: String,
    pub court: String,
    pub country: Country,
    pub status: TrialStatus,
    pub outcome: Option<Outcome>,
    pub charges: Vec<Charge>,
    pub defendants: Vec<PersonRef>,
    pub next_hearing: Option<DateTime<Utc>>,
    pub visibility: Visibility,
}

/// Everything a trial page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trial {
    pub id: TrialId,
    pub case_name: String,
    pub court: String,
    pub city: String,
    pub country: Country,
    pub timezone: String,
    /// ISO 639-1 code of the language the court sits in.
    pub court_language: String,
    pub charges: Vec<Charge>,
    pub status: TrialStatus,
    pub outcome: Option<Outcome>,
    pub summary: String,
    pub defendants: Vec<Defendant>,
    pub lawyers: Vec<PersonRef>,
    pub supporters: Vec<OrgRef>,
    pub hearings: Vec<Hearing>,
    pub missions: Vec<MissionSummary>,
    pub visibility: Visibility,
}

/// Which hearings a calendar shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HearingFilter {
    /// From this instant (inclusive) …
    pub from: Option<DateTime<Utc>>,
    /// … to this one (exclusive).
    pub to: Option<DateTime<Utc>>,
    pub country: Option<CountryCode>,
    pub status: Option<TrialStatus>,
}

/// Which trials the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TrialFilter {
    pub country: Option<CountryCode>,
    pub status: Option<TrialStatus>,
}

/// A calendar month, as `?month=2026-12` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(raw: &str) -> Result<Self, crate::ValidationError> {
        let bad = || {
            crate::ValidationError::new("month", crate::Problem::NotAMonth).with_value(raw.trim())
        };
        let (y, m) = raw.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if y.len() != 4
            || m.len() != 2
            || !(1..=12).contains(&month)
            || !(1985..=2100).contains(&year)
        {
            return Err(bad());
        }
        Ok(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        use chrono::Datelike;
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a parsed month")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Calendar weeks (Monday first) covering the month; days outside it are `None`.
    pub fn weeks(self) -> Vec<[Option<NaiveDate>; 7]> {
        use chrono::Datelike;
        let first = self.first_day();
        let offset = first.weekday().num_days_from_monday() as usize;
        let days = (self.next().first_day() - first).num_days() as usize;
        let mut weeks = Vec::new();
        let mut week = [None; 7];
        for cell in 0..(offset + days).div_ceil(7) * 7 {
            if cell >= offset && cell < offset + days {
                week[cell % 7] = first.checked_add_days(chrono::Days::new((cell - offset) as u64));
            }
            if cell % 7 == 6 {
                weeks.push(week);
                week = [None; 7];
            }
        }
        weeks
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The outcome form: a status, and when the trial ended, how.
pub fn parse_outcome(
    status: &str,
    outcome: &str,
    sentence: &str,
    decided_on: &str,
) -> Result<(TrialStatus, Option<Outcome>), Vec<crate::ValidationError>> {
    let status = TrialStatus::parse(status).map_err(|e| vec![e.at("status")])?;
    if outcome.trim().is_empty() {
        return Ok((status, None));
    }
    let mut problems = Vec::new();
    let kind = OutcomeKind::parse(outcome)
        .map_err(|e| problems.push(e.at("outcome")))
        .ok();
    let sentence = sentence.trim();
    if sentence.chars().count() > 200 {
        problems.push(crate::ValidationError::new(
            "sentence",
            crate::Problem::TooLong { max: 200 },
        ));
    }
    let decided_on = if decided_on.trim().is_empty() {
        None
    } else {
        crate::mission::parse_day("decided_on", decided_on)
            .map_err(|e| problems.push(e))
            .ok()
    };
    if matches!(status, TrialStatus::Pending | TrialStatus::Ongoing) {
        problems.push(crate::ValidationError::new(
            "status",
            crate::Problem::OutcomeNeedsVerdict,
        ));
    }
    match kind {
        Some(kind) if problems.is_empty() => Ok((
            status,
            Some(Outcome {
                kind,
                sentence: (!sentence.is_empty()).then(|| sentence.to_owned()),
                decided_on,
            }),
        )),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_lay_out_in_weeks() {
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(m.to_string(), "2026-12");
        assert_eq!(m.next().to_string(), "2027-01");
        assert_eq!(
            Month::parse("2026-01").unwrap().previous().to_string(),
            "2025-12"
        );
        for bad in ["2026-13", "2026-1", "26-12", "december", "", "2026-00"] {
            assert_eq!(Month::parse(bad).unwrap_err().field, "month", "{bad}");
        }
        // December 2026 starts on a Tuesday and has 31 days: 5 weeks.
        let weeks = m.weeks();
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0], None);
        assert_eq!(weeks[0][1], NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(weeks[4][3], NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(weeks.iter().flatten().flatten().count(), 31);
    }

    #[test]
    fn an_outcome_needs_a_verdict_status() {
        let (status, outcome) = parse_outcome("verdict", "acquitted", "", "2024-06-26").unwrap();
        assert_eq!(status, TrialStatus::Verdict);
        assert_eq!(outcome.unwrap().kind, OutcomeKind::Acquitted);
        assert_eq!(
            parse_outcome("ongoing", "", "", "").unwrap(),
            (TrialStatus::Ongoing, None)
        );
        let problems = parse_outcome("ongoing", "acquitted", "", "26/06/2024").unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["decided_on", "status"]);
        assert_eq!(
            parse_outcome("verdict", "pardoned", "", "").unwrap_err()[0].field,
            "outcome"
        );
    }

    #[test]
    fn statuses_and_charges_are_words() {
        assert_eq!(TrialStatus::parse("appeal").unwrap(), TrialStatus::Appeal);
        assert_eq!(Charge::parse("terrorism").unwrap(), Charge::Terrorism);
        let err = Charge::parse("jaywalking").unwrap_err();
        assert_eq!(err.field, "charge");
        assert_eq!(
            serde_json::to_string(&OutcomeKind::Acquitted).unwrap(),
            "\"acquitted\""
        );
        assert!(serde_json::from_str::<HearingStatus>("\"cancelled\"").is_err());
    }
}

/// The form that adds a hearing, in the court's local time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HearingForm {
    pub trial: String,
    pub date: String,
    pub time: String,
    pub place: String,
}

/// A checked new hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHearing {
    pub trial: TrialId,
    /// On the court's clock.
    pub local_start: NaiveDateTime,
    pub place: String,
}

pub(crate) fn parse_time(
    field: &str,
    raw: &str,
) -> Result<chrono::NaiveTime, crate::ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(crate::ValidationError::new(field, crate::Problem::Required));
    }
    chrono::NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| crate::ValidationError::new(field, crate::Problem::NotATime).with_value(raw))
}

fn collect<T>(
    problems: &mut Vec<crate::ValidationError>,
    r: Result<T, crate::ValidationError>,
) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

impl HearingForm {
    pub fn check(&self) -> Result<NewHearing, Vec<crate::ValidationError>> {
        let mut problems = Vec::new();
        let trial = collect(
            &mut problems,
            TrialId::parse(&self.trial).map_err(|e| e.at("trial")),
        );
        let date = collect(&mut problems, crate::mission::parse_day("date", &self.date));
        let time = collect(&mut problems, parse_time("time", &self.time));
        let place = collect(
            &mut problems,
            crate::text::single_line("place", &self.place, 2, 200),
        );
        match (trial, date, time, place) {
            (Some(trial), Some(date), Some(time), Some(place)) if problems.is_empty() => {
                Ok(NewHearing {
                    trial,
                    local_start: date.and_time(time),
                    place,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The form that records what happened at a hearing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HearingRecordForm {
    pub hearing: String,
    pub status: String,
    pub summary: String,
    /// The next hearing, when the court set one (court time).
    pub next_date: String,
    pub next_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecord {
    pub hearing: HearingId,
    pub status: HearingStatus,
    pub summary: String,
    pub next: Option<NaiveDateTime>,
}

impl HearingRecordForm {
    pub fn check(&self) -> Result<HearingRecord, Vec<crate::ValidationError>> {
        let mut problems = Vec::new();
        let hearing = collect(
            &mut problems,
            HearingId::parse(&self.hearing).map_err(|e| e.at("hearing")),
        );
        let status = collect(
            &mut problems,
            HearingStatus::parse(&self.status).map_err(|e| e.at("status")),
        );
        // May be empty (nothing to say yet); otherwise a paragraph answer.
        let summary = if self.summary.trim().is_empty() {
            String::new()
        } else {
            collect(
                &mut problems,
                crate::text::paragraphs("summary", &self.summary, 10_000),
            )
            .unwrap_or_default()
        };
        let next = if self.next_date.trim().is_empty() && self.next_time.trim().is_empty() {
            None
        } else {
            let date = collect(
                &mut problems,
                crate::mission::parse_day("next_date", &self.next_date),
            );
            let time = collect(&mut problems, parse_time("next_time", &self.next_time));
            date.zip(time).map(|(d, t)| d.and_time(t))
        };
        match (hearing, status) {
            (Some(hearing), Some(status)) if problems.is_empty() => Ok(HearingRecord {
                hearing,
                status,
                summary,
                next,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod hearing_form_tests {
    use super::*;

    #[test]
    fn a_hearing_needs_a_court_date_time_and_place() {
        let ok = HearingForm {
            trial: "tunis-migrant-defenders".into(),
            date: "2026-12-07".into(),
            time: "09:30".into(),
            place: "Chamber 4".into(),
        }
        .check()
        .unwrap();
        assert_eq!(ok.local_start.to_string(), "2026-12-07 09:30:00");
        let problems = HearingForm {
            trial: "x".into(),
            date: "7/12".into(),
            time: "9h30".into(),
            place: "".into(),
        }
        .check()
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["date", "time", "place"]);
    }

    #[test]
    fn a_record_may_set_the_next_hearing() {
        let r = HearingRecordForm {
            hearing: "tunis-first".into(),
            status: "postponed".into(),
            summary: "The judge was absent.".into(),
            next_date: "2027-01-11".into(),
            next_time: "09:30".into(),
        }
        .check()
        .unwrap();
        assert_eq!(r.status, HearingStatus::Postponed);
        assert_eq!(r.next.unwrap().to_string(), "2027-01-11 09:30:00");
        let half = HearingRecordForm {
            hearing: "tunis-first".into(),
            status: "held".into(),
            next_date: "2027-01-11".into(),
            ..Default::default()
        };
        assert_eq!(half.check().unwrap_err()[0].field, "next_time");
    }
}

/// The form that registers a trial the network follows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TrialForm {
    pub case_name: String,
    pub court: String,
    pub city: String,
    pub country: String,
    pub timezone: String,
    pub court_language: String,
    #[serde(default)]
    pub charges: Vec<String>,
    pub defendant: String,
    pub supporter: String,
    pub visibility: String,
    pub summary: String,
    /// A defence lawyer already in the platform.
    #[serde(default)]
    pub lawyer: String,
    /// Names of a defendant, a lawyer and a supporting organisation not in
    /// the platform yet: created with the trial.
    #[serde(default)]
    pub new_defendant: String,
    #[serde(default)]
    pub new_lawyer: String,
    #[serde(default)]
    pub new_supporter: String,
    /// "None of these" to the duplicate finder's question about the new names.
    #[serde(default)]
    pub not_duplicate: Option<String>,
}

/// A checked new trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTrial {
    pub case_name: String,
    pub court: String,
    pub city: String,
    pub country: CountryCode,
    pub timezone: String,
    pub court_language: String,
    pub charges: Vec<Charge>,
    pub defendants: Vec<PersonId>,
    pub supporters: Vec<crate::OrgId>,
    pub visibility: Visibility,
    pub summary: String,
    pub lawyers: Vec<PersonId>,
    /// Created with the trial, after the duplicate check.
    pub new_defendant: Option<crate::PersonName>,
    pub new_lawyer: Option<crate::PersonName>,
    pub new_supporter: Option<crate::OrgName>,
    /// The one registering said the new names are none of the similar
    /// records the duplicate finder offered.
    pub confirmed_new: bool,
}

impl TrialForm {
    pub fn check(&self) -> Result<NewTrial, Vec<crate::ValidationError>> {
        use crate::{Problem, ValidationError};
        let mut problems = Vec::new();
        let case_name = collect(
            &mut problems,
            crate::text::single_line("case_name", &self.case_name, 3, 200),
        );
        let court = collect(
            &mut problems,
            crate::text::single_line("court", &self.court, 2, 200),
        );
        let city = collect(
            &mut problems,
            crate::text::single_line("city", &self.city, 2, 100),
        );
        let country = collect(&mut problems, CountryCode::parse(&self.country));
        let tz = self.timezone.trim();
        let tz_ok = tz == "UTC"
            || (tz.contains('/')
                && tz.len() <= 40
                && tz
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c)));
        if !tz_ok {
            problems.push(ValidationError::new("timezone", Problem::NotATimeZone).with_value(tz));
        }
        let lang = self.court_language.trim();
        if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            problems.push(
                ValidationError::new("court_language", Problem::BadCharacters).with_value(lang),
            );
        }
        let charges: Vec<Charge> = self
            .charges
            .iter()
            .filter(|c| !c.trim().is_empty())
            .filter_map(|c| collect(&mut problems, Charge::parse(c).map_err(|e| e.at("charges"))))
            .collect();
        let optional_id = |raw: &str| (!raw.trim().is_empty()).then(|| raw.trim().to_owned());
        let defendants: Vec<PersonId> = optional_id(&self.defendant)
            .and_then(|d| {
                collect(
                    &mut problems,
                    PersonId::parse(&d).map_err(|e| e.at("defendant")),
                )
            })
            .into_iter()
            .collect();
        let supporters: Vec<crate::OrgId> = optional_id(&self.supporter)
            .and_then(|o| {
                collect(
                    &mut problems,
                    crate::OrgId::parse(&o).map_err(|e| e.at("supporter")),
                )
            })
            .into_iter()
            .collect();
        let lawyers: Vec<PersonId> = optional_id(&self.lawyer)
            .and_then(|d| {
                collect(
                    &mut problems,
                    PersonId::parse(&d).map_err(|e| e.at("lawyer")),
                )
            })
            .into_iter()
            .collect();
        // Someone listed, or a new name: not both for the same place.
        let mut new_name = |field: &str, typed: &str, chosen: &str| {
            if typed.trim().is_empty() {
                return None;
            }
            if !chosen.trim().is_empty() {
                problems.push(
                    ValidationError::new(field, Problem::ExistingOrNew).with_value(typed.trim()),
                );
                return None;
            }
            Some(typed.trim().to_owned())
        };
        let new_defendant = new_name("new_defendant", &self.new_defendant, &self.defendant);
        let new_lawyer = new_name("new_lawyer", &self.new_lawyer, &self.lawyer);
        let new_supporter = new_name("new_supporter", &self.new_supporter, &self.supporter);
        let new_defendant = new_defendant.and_then(|n| {
            collect(
                &mut problems,
                crate::PersonName::parse(&n).map_err(|e| e.at("new_defendant")),
            )
        });
        let new_lawyer = new_lawyer.and_then(|n| {
            collect(
                &mut problems,
                crate::PersonName::parse(&n).map_err(|e| e.at("new_lawyer")),
            )
        });
        let new_supporter = new_supporter.and_then(|n| {
            collect(
                &mut problems,
                crate::OrgName::parse(&n).map_err(|e| e.at("new_supporter")),
            )
        });
        let visibility = Visibility::parse(self.visibility.trim());
        if visibility.is_none() {
            problems.push(
                ValidationError::new(
                    "visibility",
                    Problem::NotOneOf {
                        allowed: Visibility::ALL
                            .iter()
                            .map(|v| v.as_str().to_owned())
                            .collect(),
                    },
                )
                .with_value(self.visibility.trim()),
            );
        }
        let summary = self.summary.trim().to_owned();
        if summary.chars().count() > 10_000 {
            problems.push(ValidationError::new(
                "summary",
                Problem::TooLong { max: 10_000 },
            ));
        }
        match (case_name, court, city, country, visibility) {
            (Some(case_name), Some(court), Some(city), Some(country), Some(visibility))
                if problems.is_empty() =>
            {
                Ok(NewTrial {
                    case_name,
                    court,
                    city,
                    country,
                    timezone: tz.to_owned(),
                    court_language: lang.to_owned(),
                    charges,
                    defendants,
                    supporters,
                    visibility,
                    summary,
                    lawyers,
                    new_defendant,
                    new_lawyer,
                    new_supporter,
                    confirmed_new: self.not_duplicate.is_some(),
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod trial_form_tests {
    use super::*;

    fn form() -> TrialForm {
        TrialForm {
            case_name: "Prosecution of the Bujumbura Four".into(),
            court: "Bujumbura High Court".into(),
            city: "Bujumbura".into(),
            country: "bi".into(),
            timezone: "Africa/Bujumbura".into(),
            court_language: "fr".into(),
            charges: vec!["undermining-state-security".into(), "".into()],
            defendant: "".into(),
            supporter: "omct".into(),
            visibility: "staff".into(),
            summary: "".into(),
            ..TrialForm::default()
        }
    }

    #[test]
    fn a_new_name_or_someone_listed_not_both() {
        let t = TrialForm {
            new_defendant: "  Germain Rukuki ".into(),
            new_supporter: "".into(),
            supporter: "".into(),
            new_lawyer: "Me Armel Niyongere".into(),
            ..form()
        }
        .check()
        .unwrap();
        assert_eq!(
            t.new_defendant.as_ref().map(|n| n.as_str()),
            Some("Germain Rukuki")
        );
        assert_eq!(
            t.new_lawyer.as_ref().map(|n| n.as_str()),
            Some("Me Armel Niyongere")
        );
        assert!(t.new_supporter.is_none() && t.supporters.is_empty());
        let both = TrialForm {
            new_supporter: "Burundi Lawyers' Network".into(),
            ..form()
        };
        let problems = both.check().unwrap_err();
        assert_eq!(problems[0].field, "new_supporter");
        assert_eq!(problems[0].problem, crate::Problem::ExistingOrNew);
    }

    #[test]
    fn a_trial_form_becomes_a_new_trial() {
        let t = form().check().unwrap();
        assert_eq!(t.country.as_str(), "BI");
        assert_eq!(t.charges, vec![Charge::UnderminingStateSecurity]);
        assert!(t.defendants.is_empty());
        assert_eq!(t.supporters.len(), 1);
        assert_eq!(t.visibility, Visibility::Staff);
    }

    #[test]
    fn every_problem_is_named() {
        let bad = TrialForm {
            case_name: "".into(),
            country: "Burundi".into(),
            timezone: "Bujumbura".into(),
            court_language: "French".into(),
            charges: vec!["jaywalking".into()],
            visibility: "secret".into(),
            ..form()
        };
        let fields: Vec<String> = bad
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "case_name",
                "country",
                "timezone",
                "court_language",
                "charges",
                "visibility"
            ]
        );
    }
}
