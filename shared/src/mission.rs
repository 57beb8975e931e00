//! Trial-observation missions: who goes, to which hearings, and where the
//! mission stands in its workflow.

use crate::error::{Problem, ValidationError};
use crate::ids::{HearingId, MissionId, OrgId, PersonId, TrialId};
use crate::organisation::OrgRef;
use crate::trial::{Hearing, PersonRef};
use crate::visibility::Visibility;
use crate::word_enum;
use crate::CountryCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

word_enum!(
    /// proposed → approved → deployed → reported → closed; any open state
    /// may be cancelled.
    MissionStatus, "mission status", {
        Proposed => "proposed",
        Approved => "approved",
        Deployed => "deployed",
        Reported => "reported",
        Closed => "closed",
        Cancelled => "cancelled",
    }
);

impl MissionStatus {
    /// The states this one may move to.
    pub fn next(self) -> &'static [MissionStatus] {
        use MissionStatus::*;
        match self {
            Proposed => &[Approved, Cancelled],
            Approved => &[Deployed, Cancelled],
            Deployed => &[Reported, Cancelled],
            Reported => &[Closed],
            Closed | Cancelled => &[],
        }
    }

    /// Refuses a move the workflow does not allow, saying from where to where.
    pub fn check_move(self, to: MissionStatus) -> Result<(), ValidationError> {
        if self.next().contains(&to) {
            Ok(())
        } else {
            Err(ValidationError::new(
                "status",
                Problem::IllegalTransition {
                    from: self.as_str().to_owned(),
                    to: to.as_str().to_owned(),
                },
            ))
        }
    }

    /// Still being planned or carried out (counts for double bookings and
    /// for a hearing being covered).
    pub fn is_active(self) -> bool {
        !matches!(self, MissionStatus::Cancelled)
    }
}

word_enum!(
    /// What a person does on a mission.
    ObserverRole, "observer role", {
        Lead => "lead",
        Observer => "observer",
        Interpreter => "interpreter",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionRef {
    pub id: MissionId,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionSummary {
    pub id: MissionId,
    pub title: String,
    pub trial: TrialId,
    pub case_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: MissionStatus,
    pub observers: usize,
    pub report: Option<crate::ReportStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionObserver {
    pub person: PersonRef,
    pub role: ObserverRole,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub nationality: Option<CountryCode>,
}

/// One move of the workflow, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from: Option<MissionStatus>,
    pub to: MissionStatus,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// Everything a mission page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mission {
    pub id: MissionId,
    pub title: String,
    pub trial: TrialId,
    pub case_name: String,
    pub country: crate::Country,
    pub court_language: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: MissionStatus,
    pub visibility: Visibility,
    pub hearings: Vec<Hearing>,
    /// Hearings of the same trial the mission does not cover yet.
    pub other_hearings: Vec<Hearing>,
    pub observers: Vec<MissionObserver>,
    pub organisations: Vec<OrgRef>,
    pub history: Vec<StatusChange>,
    pub report: Option<crate::ReportStatus>,
}

/// A warning for whoever plans missions, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanningFlag {
    /// The person observes two active missions whose dates overlap.
    DoubleBooked {
        person: PersonRef,
        mission: MissionRef,
        other: MissionRef,
    },
    /// A hearing in the coming days that no active mission covers.
    UncoveredHearing { hearing: Hearing, days: i64 },
    /// Nobody on the mission speaks the court's language and no interpreter goes.
    NoInterpreter {
        mission: MissionRef,
        court_language: String,
        observer_languages: Vec<String>,
    },
    /// The observer is a national of the trial's country: a risk to them.
    NationalObserver {
        person: PersonRef,
        mission: MissionRef,
        country: crate::Country,
    },
}

impl PlanningFlag {
    /// Whether the flag concerns this mission.
    pub fn is_about(&self, id: &MissionId) -> bool {
        match self {
            PlanningFlag::DoubleBooked { mission, other, .. } => {
                &mission.id == id || &other.id == id
            }
            PlanningFlag::NoInterpreter { mission, .. }
            | PlanningFlag::NationalObserver { mission, .. } => &mission.id == id,
            PlanningFlag::UncoveredHearing { .. } => false,
        }
    }
}

/// How far ahead an uncovered hearing is flagged.
pub const PLANNING_HORIZON_DAYS: i64 = 30;

/// A staff member's page: what needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkQueue {
    pub flags: Vec<PlanningFlag>,
    pub upcoming: Vec<Hearing>,
    /// Missions waiting for a move: approval, deployment, a report, closure.
    pub missions: Vec<MissionSummary>,
}

/// A person who can be sent on a mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObserverOption {
    pub id: PersonId,
    pub name: String,
    pub languages: Vec<String>,
}

/// The planning form, as posted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MissionPlanForm {
    pub hearing: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub organisation: String,
}

/// A checked plan: a new mission covering one hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionPlan {
    pub hearing: HearingId,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub organisation: OrgId,
}

pub(crate) fn parse_day(field: &str, raw: &str) -> Result<NaiveDate, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ValidationError::new(field, Problem::Required));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ValidationError::new(field, Problem::NotADate).with_value(raw))
}

impl MissionPlanForm {
    /// Every problem at once, each on its field.
    pub fn check(&self) -> Result<MissionPlan, Vec<ValidationError>> {
        let hearing = HearingId::parse(&self.hearing).map_err(|e| e.at("hearing"));
        let title = crate::text::single_line("title", &self.title, 3, 200);
        let starts_on = parse_day("starts_on", &self.starts_on);
        let ends_on = parse_day("ends_on", &self.ends_on);
        let organisation = OrgId::parse(&self.organisation).map_err(|e| e.at("organisation"));
        let mut problems: Vec<ValidationError> = [
            hearing.as_ref().err(),
            title.as_ref().err(),
            starts_on.as_ref().err(),
            ends_on.as_ref().err(),
            organisation.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        if let (Ok(s), Ok(e)) = (&starts_on, &ends_on) {
            if e < s {
                problems.push(ValidationError::new("ends_on", Problem::EndsBeforeStart));
            } else if (*e - *s).num_days() > 60 {
                problems.push(ValidationError::new(
                    "ends_on",
                    Problem::TooLong { max: 60 },
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(MissionPlan {
            hearing: hearing.unwrap(),
            title: title.unwrap(),
            starts_on: starts_on.unwrap(),
            ends_on: ends_on.unwrap(),
            organisation: organisation.unwrap(),
        })
    }
}

/// Two date ranges (inclusive) share at least a day.
pub fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_moves_forward_or_cancels() {
        use MissionStatus::*;
        assert!(Proposed.check_move(Approved).is_ok());
        assert!(Approved.check_move(Deployed).is_ok());
        assert!(Deployed.check_move(Reported).is_ok());
        assert!(Reported.check_move(Closed).is_ok());
        assert!(Approved.check_move(Cancelled).is_ok());
        let err = Proposed.check_move(Deployed).unwrap_err();
        assert_eq!(err.field, "status");
        assert_eq!(
            err.problem,
            Problem::IllegalTransition {
                from: "proposed".into(),
                to: "deployed".into()
            }
        );
        assert!(Closed.check_move(Proposed).is_err());
        assert!(Cancelled.check_move(Approved).is_err());
        assert!(Reported.check_move(Cancelled).is_err());
    }

    #[test]
    fn a_plan_reports_every_problem_on_its_field() {
        let form = MissionPlanForm {
            hearing: "Bad Id".into(),
            title: "".into(),
            starts_on: "2026-12-10".into(),
            ends_on: "2026-12-01".into(),
            organisation: "omct".into(),
        };
        let fields: Vec<String> = form
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["hearing", "title", "ends_on"]);
        let ok = MissionPlanForm {
            hearing: "keskin-2026-12".into(),
            title: "Observation in Istanbul".into(),
            starts_on: "2026-12-09".into(),
            ends_on: "2026-12-11".into(),
            organisation: "omct".into(),
        }
        .check()
        .unwrap();
        assert_eq!(ok.starts_on, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
        let bad_date = MissionPlanForm {
            starts_on: "12/09/2026".into(),
            ..Default::default()
        };
        assert!(bad_date
            .check()
            .unwrap_err()
            .iter()
            .any(|e| e.field == "starts_on" && e.problem == Problem::NotADate));
    }

    #[test]
    fn ranges_overlap_when_they_share_a_day() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert!(overlaps((d(12, 1), d(12, 3)), (d(12, 3), d(12, 5))));
        assert!(!overlaps((d(12, 1), d(12, 3)), (d(12, 4), d(12, 5))));
        assert!(overlaps((d(12, 1), d(12, 30)), (d(12, 4), d(12, 5))));
    }
}
