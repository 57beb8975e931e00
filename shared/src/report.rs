//! The fair-trial report an observation mission writes, item by item along
//! the international fair-trial standards (ICCPR art. 14 and the guarantees
//! trial-monitoring manuals check).

use crate::error::{Problem, ValidationError};
use crate::ids::MissionId;
use crate::visibility::Visibility;
use crate::word_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

word_enum!(
    /// The guarantees an observer assesses, in the order of the report.
    Standard, "standard", {
        PublicHearing => "public-hearing",
        IndependentTribunal => "independent-tribunal",
        PresumptionOfInnocence => "presumption-of-innocence",
        AdequateTime => "adequate-time",
        CounselOfChoice => "counsel-of-choice",
        Interpretation => "interpretation",
        EqualityOfArms => "equality-of-arms",
        UndueDelay => "undue-delay",
        TreatmentOfDefendants => "treatment-of-defendants",
        ReprisalsAgainstObservers => "reprisals-against-observers",
    }
);

word_enum!(
    /// What the observer saw of one guarantee.
    Finding, "finding", {
        Respected => "respected",
        Concerns => "concerns",
        Violated => "violated",
        NotObserved => "not-observed",
    }
);

word_enum!(
    /// The overall grade, A (fair) to F (a mockery of justice).
    Grade, "grade", {
        A => "A",
        B => "B",
        C => "C",
        D => "D",
        E => "E",
        F => "F",
    }
);

word_enum!(
    ReportStatus, "report status", {
        Draft => "draft",
        Submitted => "submitted",
        ChangesRequested => "changes-requested",
    }
);

/// Longest note on one item, and longest overall assessment.
pub const NOTES_MAX: usize = 5_000;
pub const OVERALL_MAX: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub standard: Standard,
    pub finding: Option<Finding>,
    pub notes: String,
}

/// What the observer typed; saved as it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub items: Vec<ReportItem>,
    pub overall: String,
    pub grade: Option<Grade>,
    pub grade_reason: String,
}

impl Default for ReportDraft {
    fn default() -> Self {
        Self {
            items: Standard::ALL
                .iter()
                .map(|&standard| ReportItem {
                    standard,
                    finding: None,
                    notes: String::new(),
                })
                .collect(),
            overall: String::new(),
            grade: None,
            grade_reason: String::new(),
        }
    }
}

fn bounded(field: &str, text: &str, max: usize) -> Option<ValidationError> {
    (text.chars().count() > max).then(|| ValidationError::new(field, Problem::TooLong { max }))
}

impl ReportDraft {
    /// The draft with one item per standard, in order, whatever was sent
    /// (unknown or repeated items are dropped, missing ones added empty).
    pub fn normalised(mut self) -> Self {
        let mut items = Vec::with_capacity(Standard::ALL.len());
        for &standard in Standard::ALL {
            let found = self.items.iter().position(|i| i.standard == standard);
            items.push(match found {
                Some(i) => self.items.swap_remove(i),
                None => ReportItem {
                    standard,
                    finding: None,
                    notes: String::new(),
                },
            });
        }
        self.items = items;
        self
    }

    /// What a draft must respect to be saved at all.
    pub fn check_draft(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems: Vec<ValidationError> = self
            .items
            .iter()
            .filter_map(|i| bounded(&format!("notes.{}", i.standard), &i.notes, NOTES_MAX))
            .collect();
        problems.extend(bounded("overall", &self.overall, OVERALL_MAX));
        problems.extend(bounded("grade_reason", &self.grade_reason, NOTES_MAX));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// What a report must hold to be submitted: every item answered, a
    /// finding other than "respected" explained, an assessment and a
    /// justified grade.
    pub fn check_submission(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = self.check_draft().err().unwrap_or_default();
        for item in &self.items {
            match item.finding {
                None => problems.push(ValidationError::new(
                    format!("finding.{}", item.standard),
                    Problem::Required,
                )),
                Some(Finding::Concerns | Finding::Violated) if item.notes.trim().is_empty() => {
                    problems.push(ValidationError::new(
                        format!("notes.{}", item.standard),
                        Problem::Required,
                    ))
                }
                _ => {}
            }
        }
        if self.overall.trim().is_empty() {
            problems.push(ValidationError::new("overall", Problem::Required));
        }
        if self.grade.is_none() {
            problems.push(ValidationError::new("grade", Problem::Required));
        }
        if self.grade_reason.trim().is_empty() {
            problems.push(ValidationError::new("grade_reason", Problem::Required));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// A report as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub mission: MissionId,
    /// The stricter of the mission's and its trial's.
    pub visibility: Visibility,
    pub mission_title: String,
    pub case_name: String,
    pub status: ReportStatus,
    pub draft: ReportDraft,
    /// Grows with every save; a save based on an older revision is refused.
    pub revision: u32,
    pub updated_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub author: Option<String>,
    pub change_request: Option<String>,
    /// The reader is an observer of the mission and the report is open.
    pub may_edit: bool,
    /// The reader is staff and may send it back.
    pub may_review: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_always_holds_every_standard_in_order() {
        let draft = ReportDraft {
            items: vec![
                ReportItem {
                    standard: Standard::UndueDelay,
                    finding: Some(Finding::Violated),
                    notes: "7 years".into(),
                },
                ReportItem {
                    standard: Standard::UndueDelay,
                    finding: None,
                    notes: "dup".into(),
                },
            ],
            ..Default::default()
        }
        .normalised();
        assert_eq!(draft.items.len(), 10);
        assert_eq!(draft.items[0].standard, Standard::PublicHearing);
        let delay = draft
            .items
            .iter()
            .find(|i| i.standard == Standard::UndueDelay)
            .unwrap();
        assert_eq!(delay.notes, "7 years");
    }

    #[test]
    fn submission_needs_every_answer_and_a_justified_grade() {
        let mut draft = ReportDraft::default();
        let problems = draft.check_submission().unwrap_err();
        assert_eq!(problems.len(), 10 + 3);
        for item in &mut draft.items {
            item.finding = Some(Finding::Respected);
        }
        draft.items[2].finding = Some(Finding::Violated);
        draft.overall = "The hearing was public.".into();
        draft.grade = Some(Grade::C);
        draft.grade_reason = "Presumption of innocence ignored.".into();
        let problems = draft.check_submission().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "notes.presumption-of-innocence");
        draft.items[2].notes = "The prosecutor called them terrorists before the verdict.".into();
        assert!(draft.check_submission().is_ok());
        draft.overall = "x".repeat(OVERALL_MAX + 1);
        assert_eq!(draft.check_draft().unwrap_err()[0].field, "overall");
    }
}
