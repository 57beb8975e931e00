//! Advocacy: events before the decision makers, the missions that group
//! them, their follow-ups, campaigns and urgent interventions.

use crate::error::{Problem, ValidationError};
use crate::ids::{AdvocacyMissionId, CampaignId, EventId, FollowUpId, InterventionId, PersonId};
use crate::mission::parse_day;
use crate::organisation::OrgRef;
use crate::text::single_line;
use crate::trial::PersonRef;
use crate::visibility::Visibility;
use crate::word_enum;
use crate::{Country, CountryCode, OrgId, TrialId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

word_enum!(
    /// What kind of advocacy moment an event is.
    EventKind, "event kind", {
        UnSession => "un-session",
        SideEvent => "side-event",
        BilateralMeeting => "bilateral-meeting",
        RegionalHearing => "regional-hearing",
        DelegationVisit => "delegation-visit",
        Training => "training",
        PressConference => "press-conference",
    }
);

word_enum!(
    /// The body an event seeks to move.
    Mechanism, "mechanism", {
        UnCat => "un-cat",
        HumanRightsCouncil => "hrc",
        SpecialRapporteurs => "special-rapporteurs",
        Upr => "upr",
        Iachr => "iachr",
        Achpr => "achpr",
        EuInstitutions => "eu-institutions",
        NationalAuthorities => "national-authorities",
    }
);

word_enum!(
    /// What a person does at an event.
    ParticipantRole, "participant role", {
        Speaker => "speaker",
        Delegate => "delegate",
        Staff => "staff",
        Interpreter => "interpreter",
    }
);

word_enum!(
    /// What an event produced: a commitment obtained, a statement made, or a
    /// next step someone owes.
    FollowUpKind, "follow-up kind", {
        Commitment => "commitment",
        Statement => "statement",
        NextStep => "next-step",
    }
);

word_enum!(
    /// What an advocacy mission must have settled before and after travel.
    ChecklistKind, "checklist item", {
        Visa => "visa",
        Security => "security",
        Briefing => "briefing",
        FollowUp => "follow-up",
    }
);

word_enum!(
    /// The kinds of intervention; all but rapid response are "urgent
    /// interventions" in the annual figures.
    InterventionKind, "intervention kind", {
        UrgentAppeal => "urgent-appeal",
        Statement => "statement",
        Letter => "letter",
        RapidResponse => "rapid-response",
    }
);

impl InterventionKind {
    pub fn is_urgent(self) -> bool {
        self != InterventionKind::RapidResponse
    }
}

word_enum!(
    /// The support a rapid response gives.
    Support, "support", {
        Legal => "legal",
        Medical => "medical",
        Psychosocial => "psychosocial",
        Relocation => "relocation",
        Material => "material",
    }
);

word_enum!(
    /// Where a request for rapid-response support stands.
    SupportDecision, "decision", {
        Requested => "requested",
        Granted => "granted",
        Refused => "refused",
    }
);

/// A rapid response's request, decision, amount (whole euros) and
/// follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCase {
    pub requested_on: Option<NaiveDate>,
    pub decision: SupportDecision,
    pub amount: Option<u32>,
    pub follow_up: String,
}

/// The largest amount of one rapid response, in euros.
pub const SUPPORT_AMOUNT_MAX: u32 = 1_000_000;

word_enum!(
    InterventionStatus, "intervention status", {
        Open => "open",
        FollowingUp => "following-up",
        Closed => "closed",
    }
);

word_enum!(
    /// What became of the persons an intervention was about.
    InterventionOutcome, "intervention outcome", {
        Released => "released",
        Acquitted => "acquitted",
        ChargesDropped => "charges-dropped",
        StillDetained => "still-detained",
        Sentenced => "sentenced",
    }
);

impl InterventionOutcome {
    /// Outcomes the annual report names as victories.
    pub fn is_freedom(self) -> bool {
        matches!(
            self,
            InterventionOutcome::Released
                | InterventionOutcome::Acquitted
                | InterventionOutcome::ChargesDropped
        )
    }
}

word_enum!(
    CampaignActionKind, "action kind", {
        Statement => "statement",
        SocialPost => "social-post",
        Letter => "letter",
    }
);

word_enum!(
    /// Recorded only to count the women among defenders supported.
    Gender, "gender", {
        Woman => "woman",
        Man => "man",
        NonBinary => "non-binary",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionLink {
    pub id: AdvocacyMissionId,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: EventId,
    pub title: String,
    pub kind: EventKind,
    pub mechanism: Mechanism,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub city: Option<String>,
    pub country: Option<Country>,
    pub online: bool,
    pub mission: Option<MissionLink>,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub person: PersonRef,
    pub role: ParticipantRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub event: EventId,
    pub event_title: String,
    pub kind: FollowUpKind,
    pub text: String,
    /// The account that owes a next step.
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

impl FollowUp {
    /// A next step not done by its due date; the due day itself is not late.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.kind == FollowUpKind::NextStep
            && self.done_on.is_none()
            && self.due_on.is_some_and(|d| d < today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub summary: EventSummary,
    pub agenda: Vec<String>,
    pub asks: Vec<String>,
    pub organisers: Vec<OrgRef>,
    pub participants: Vec<Participant>,
    pub follow_ups: Vec<FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub label: String,
    /// Swiss francs, whole.
    pub amount: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Travel {
    pub traveller: String,
    pub route: String,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub kind: ChecklistKind,
    pub label: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacySummary {
    pub id: AdvocacyMissionId,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub events: u32,
    pub open_items: u32,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyMission {
    pub id: AdvocacyMissionId,
    pub title: String,
    pub purpose: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub events: Vec<EventSummary>,
    pub budget: Vec<BudgetLine>,
    pub travel: Vec<Travel>,
    pub checklist: Vec<ChecklistItem>,
    pub visibility: Visibility,
}

impl AdvocacyMission {
    pub fn budget_total(&self) -> u64 {
        self.budget.iter().map(|b| u64::from(b.amount)).sum()
    }
}

/// The events and missions of one year, and the follow-ups that are late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyOverview {
    pub missions: Vec<AdvocacySummary>,
    pub events: Vec<EventSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionSummary {
    pub id: InterventionId,
    pub reference: String,
    pub title: String,
    pub kind: InterventionKind,
    pub support: Option<Support>,
    pub sent_on: NaiveDate,
    pub country: Country,
    pub persons: Vec<PersonRef>,
    pub status: InterventionStatus,
    pub outcome: Option<InterventionOutcome>,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    pub summary: InterventionSummary,
    pub addressees: Vec<String>,
    pub cosignatories: Vec<OrgRef>,
    pub outcome_on: Option<NaiveDate>,
    pub notes: String,
}

/// Which interventions a list shows; every figure links to one of these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionFilter {
    pub year: Option<i32>,
    /// `urgent` for every kind but rapid response, or one kind.
    pub kind: Option<String>,
    pub support: Option<Support>,
    pub country: Option<CountryCode>,
    pub region: Option<crate::Region>,
    pub outcome: Option<InterventionOutcome>,
    /// 1–12, with `year`.
    pub month: Option<u32>,
    /// Interventions whose persons were freed (released, acquitted, charges
    /// dropped) in this year, whenever the intervention was sent.
    pub freed_in: Option<i32>,
}

impl InterventionFilter {
    pub fn kinds(&self) -> Vec<InterventionKind> {
        match self.kind.as_deref() {
            None | Some("") => InterventionKind::ALL.to_vec(),
            Some("urgent") => InterventionKind::ALL
                .iter()
                .copied()
                .filter(|k| k.is_urgent())
                .collect(),
            Some(k) => InterventionKind::parse(k).into_iter().collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignAction {
    pub kind: CampaignActionKind,
    pub on: NaiveDate,
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: CampaignId,
    pub name: String,
    pub summary: String,
    pub starts_on: NaiveDate,
    pub cases: u32,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLink {
    pub id: String,
    pub title: String,
}

/// A campaign with the cases it makes visible: only those the reader may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub summary: CampaignSummary,
    pub persons: Vec<PersonRef>,
    pub trials: Vec<CaseLink>,
    pub interventions: Vec<CaseLink>,
    pub actions: Vec<CampaignAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub id: String,
    pub organisation: OrgRef,
    pub country: Country,
    pub awarded_on: NaiveDate,
    pub defenders: u32,
    pub women: u32,
    pub purpose: String,
    pub visibility: Visibility,
}

fn collect<T>(problems: &mut Vec<ValidationError>, r: Result<T, ValidationError>) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

fn parse_visibility(raw: &str) -> Result<Visibility, ValidationError> {
    Visibility::parse(raw.trim()).ok_or_else(|| {
        ValidationError::new(
            "visibility",
            Problem::NotOneOf {
                allowed: Visibility::ALL
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect(),
            },
        )
        .with_value(raw.trim())
    })
}

fn optional<T>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw.trim()).map(Some)
    }
}

/// One item per non-empty line, each a bounded single line.
fn lines(field: &str, raw: &str, max: usize) -> Result<Vec<String>, ValidationError> {
    let items: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if items.len() > 30 {
        return Err(ValidationError::new(field, Problem::TooLong { max: 30 }));
    }
    items
        .into_iter()
        .map(|l| single_line(field, l, 1, max))
        .collect()
}

fn check_range(
    problems: &mut Vec<ValidationError>,
    starts: &Option<NaiveDate>,
    ends: &Option<NaiveDate>,
) {
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            problems.push(ValidationError::new("ends_on", Problem::EndsBeforeStart));
        }
    }
}

/// The event form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    pub title: String,
    pub kind: String,
    pub mechanism: String,
    pub starts_on: String,
    pub ends_on: String,
    pub city: String,
    pub country: String,
    #[serde(default)]
    pub online: Option<String>,
    pub agenda: String,
    pub asks: String,
    #[serde(default)]
    pub mission: String,
    pub visibility: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvent {
    pub title: String,
    pub kind: EventKind,
    pub mechanism: Mechanism,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub city: Option<String>,
    pub country: Option<CountryCode>,
    pub online: bool,
    pub agenda: Vec<String>,
    pub asks: Vec<String>,
    pub mission: Option<AdvocacyMissionId>,
    pub visibility: Visibility,
}

impl EventForm {
    /// Every problem at once, each on its field. An event takes place
    /// somewhere (a city and a country) or online, or both.
    pub fn check(&self) -> Result<NewEvent, Vec<ValidationError>> {
        let mut p = Vec::new();
        let title = collect(&mut p, single_line("title", &self.title, 3, 200));
        let kind = collect(
            &mut p,
            EventKind::parse(&self.kind).map_err(|e| e.at("kind")),
        );
        let mechanism = collect(
            &mut p,
            Mechanism::parse(&self.mechanism).map_err(|e| e.at("mechanism")),
        );
        let starts_on = collect(&mut p, parse_day("starts_on", &self.starts_on));
        let ends_on = if self.ends_on.trim().is_empty() {
            starts_on
        } else {
            collect(&mut p, parse_day("ends_on", &self.ends_on))
        };
        check_range(&mut p, &starts_on, &ends_on);
        let city = collect(
            &mut p,
            optional(&self.city, |c| single_line("city", c, 2, 100)),
        )
        .flatten();
        let country = collect(
            &mut p,
            optional(&self.country, |c| {
                CountryCode::parse(c).map_err(|e| e.at("country"))
            }),
        )
        .flatten();
        let online = self.online.as_deref().is_some_and(|v| !v.is_empty());
        if country.is_none() && !online && self.country.trim().is_empty() {
            p.push(ValidationError::new("country", Problem::Required));
        }
        let agenda = collect(&mut p, lines("agenda", &self.agenda, 300));
        let asks = collect(&mut p, lines("asks", &self.asks, 500));
        let mission = collect(
            &mut p,
            optional(&self.mission, |m| {
                AdvocacyMissionId::parse(m).map_err(|e| e.at("mission"))
            }),
        )
        .flatten();
        let visibility = collect(&mut p, parse_visibility(&self.visibility));
        if !p.is_empty() {
            return Err(p);
        }
        Ok(NewEvent {
            title: title.unwrap(),
            kind: kind.unwrap(),
            mechanism: mechanism.unwrap(),
            starts_on: starts_on.unwrap(),
            ends_on: ends_on.unwrap(),
            city,
            country,
            online,
            agenda: agenda.unwrap(),
            asks: asks.unwrap(),
            mission,
            visibility: visibility.unwrap(),
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyMissionForm {
    pub title: String,
    pub purpose: String,
    pub starts_on: String,
    pub ends_on: String,
    pub visibility: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAdvocacyMission {
    pub title: String,
    pub purpose: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub visibility: Visibility,
}

impl AdvocacyMissionForm {
    pub fn check(&self) -> Result<NewAdvocacyMission, Vec<ValidationError>> {
        let mut p = Vec::new();
        let title = collect(&mut p, single_line("title", &self.title, 3, 200));
        let purpose = collect(&mut p, single_line("purpose", &self.purpose, 0, 2000));
        let starts_on = collect(&mut p, parse_day("starts_on", &self.starts_on));
        let ends_on = collect(&mut p, parse_day("ends_on", &self.ends_on));
        check_range(&mut p, &starts_on, &ends_on);
        let visibility = collect(&mut p, parse_visibility(&self.visibility));
        if !p.is_empty() {
            return Err(p);
        }
        Ok(NewAdvocacyMission {
            title: title.unwrap(),
            purpose: purpose.unwrap(),
            starts_on: starts_on.unwrap(),
            ends_on: ends_on.unwrap(),
            visibility: visibility.unwrap(),
        })
    }
}

/// What can be added to an advocacy mission's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanItem {
    Budget(BudgetLine),
    Travel(Travel),
    Check(ChecklistItem),
}

/// The form that adds one budget line, journey or checklist item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItemForm {
    /// `budget`, `travel` or `check`.
    pub item: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub traveller: String,
    #[serde(default)]
    pub route: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub kind: String,
}

impl PlanItemForm {
    pub fn check(&self) -> Result<PlanItem, Vec<ValidationError>> {
        let mut p = Vec::new();
        let item = match self.item.as_str() {
            "budget" => {
                let label = collect(&mut p, single_line("label", &self.label, 2, 200));
                let amount = collect(
                    &mut p,
                    self.amount
                        .trim()
                        .replace(['\'', ' ', ','], "")
                        .parse::<u32>()
                        .map_err(|_| {
                            ValidationError::new("amount", Problem::BadCharacters)
                                .with_value(self.amount.trim())
                        }),
                );
                label
                    .zip(amount)
                    .map(|(label, amount)| PlanItem::Budget(BudgetLine { label, amount }))
            }
            "travel" => {
                let traveller = collect(&mut p, single_line("traveller", &self.traveller, 2, 200));
                let route = collect(&mut p, single_line("route", &self.route, 3, 200));
                let on = collect(&mut p, parse_day("on", &self.on));
                match (traveller, route, on) {
                    (Some(traveller), Some(route), Some(on)) => Some(PlanItem::Travel(Travel {
                        traveller,
                        route,
                        on,
                    })),
                    _ => None,
                }
            }
            "check" => {
                let kind = collect(
                    &mut p,
                    ChecklistKind::parse(&self.kind).map_err(|e| e.at("kind")),
                );
                let label = collect(&mut p, single_line("label", &self.label, 2, 200));
                kind.zip(label).map(|(kind, label)| {
                    PlanItem::Check(ChecklistItem {
                        kind,
                        label,
                        done: false,
                    })
                })
            }
            other => {
                p.push(
                    ValidationError::new(
                        "item",
                        Problem::NotOneOf {
                            allowed: vec!["budget".into(), "travel".into(), "check".into()],
                        },
                    )
                    .with_value(other),
                );
                None
            }
        };
        match item {
            Some(item) if p.is_empty() => Ok(item),
            _ => Err(p),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpForm {
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub due_on: String,
    /// `me` to own the next step oneself.
    #[serde(default)]
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFollowUp {
    pub kind: FollowUpKind,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub owned_by_me: bool,
}

impl FollowUpForm {
    /// A next step needs a due date; commitments and statements are facts.
    pub fn check(&self) -> Result<NewFollowUp, Vec<ValidationError>> {
        let mut p = Vec::new();
        let kind = collect(
            &mut p,
            FollowUpKind::parse(&self.kind).map_err(|e| e.at("kind")),
        );
        let text = collect(&mut p, single_line("text", &self.text, 3, 1000));
        let due_on = collect(&mut p, optional(&self.due_on, |d| parse_day("due_on", d))).flatten();
        if kind == Some(FollowUpKind::NextStep) && due_on.is_none() && self.due_on.trim().is_empty()
        {
            p.push(ValidationError::new("due_on", Problem::Required));
        }
        if !p.is_empty() {
            return Err(p);
        }
        Ok(NewFollowUp {
            kind: kind.unwrap(),
            text: text.unwrap(),
            due_on,
            owned_by_me: self.owner == "me",
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionForm {
    pub title: String,
    pub reference: String,
    pub kind: String,
    #[serde(default)]
    pub support: String,
    pub sent_on: String,
    pub country: String,
    pub addressees: String,
    pub person: String,
    #[serde(default)]
    pub cosignatory: String,
    pub visibility: String,
    #[serde(default)]
    pub notes: String,
    /// The alert this intervention answers, when it came from one.
    #[serde(default)]
    pub alert: String,
    #[serde(default)]
    pub requested_on: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub follow_up: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIntervention {
    pub title: String,
    pub reference: String,
    pub kind: InterventionKind,
    pub support: Option<Support>,
    pub sent_on: NaiveDate,
    pub country: CountryCode,
    pub addressees: Vec<String>,
    pub persons: Vec<PersonId>,
    pub cosignatories: Vec<OrgId>,
    pub visibility: Visibility,
    pub notes: String,
    pub alert: Option<crate::AlertId>,
    /// For a rapid response only.
    pub support_case: Option<SupportCase>,
}

impl InterventionForm {
    /// A rapid response names its support; other kinds have none. Every
    /// intervention is about at least one person.
    pub fn check(&self) -> Result<NewIntervention, Vec<ValidationError>> {
        let mut p = Vec::new();
        let title = collect(&mut p, single_line("title", &self.title, 3, 200));
        let reference = collect(&mut p, single_line("reference", &self.reference, 0, 60));
        let kind = collect(
            &mut p,
            InterventionKind::parse(&self.kind).map_err(|e| e.at("kind")),
        );
        let support = collect(
            &mut p,
            optional(&self.support, |s| {
                Support::parse(s).map_err(|e| e.at("support"))
            }),
        )
        .flatten();
        match (kind, support) {
            (Some(InterventionKind::RapidResponse), None) if self.support.trim().is_empty() => {
                p.push(ValidationError::new("support", Problem::Required))
            }
            (Some(k), Some(_)) if k.is_urgent() => p.push(
                ValidationError::new(
                    "support",
                    Problem::NotOneOf {
                        allowed: vec![String::new()],
                    },
                )
                .with_value(self.support.trim()),
            ),
            _ => {}
        }
        let sent_on = collect(&mut p, parse_day("sent_on", &self.sent_on));
        let country = collect(
            &mut p,
            CountryCode::parse(&self.country).map_err(|e| e.at("country")),
        );
        let addressees = collect(&mut p, lines("addressees", &self.addressees, 200));
        let alert = collect(
            &mut p,
            optional(&self.alert, |a| {
                crate::AlertId::parse(a).map_err(|e| e.at("alert"))
            }),
        )
        .flatten();
        // An alert about an unnamed victim is answered without a person.
        let person = if self.person.trim().is_empty() {
            if alert.is_none() {
                p.push(ValidationError::new("person", Problem::Required));
            }
            None
        } else {
            collect(
                &mut p,
                PersonId::parse(&self.person).map_err(|e| e.at("person")),
            )
        };
        let cosignatory = collect(
            &mut p,
            optional(&self.cosignatory, |o| {
                OrgId::parse(o).map_err(|e| e.at("cosignatory"))
            }),
        )
        .flatten();
        let visibility = collect(&mut p, parse_visibility(&self.visibility));
        let notes = collect(
            &mut p,
            crate::Description::parse(&self.notes).map_err(|e| e.at("notes")),
        );
        let support_case = self.support_case(&mut p, kind);
        if !p.is_empty() {
            return Err(p);
        }
        Ok(NewIntervention {
            title: title.unwrap(),
            reference: reference.unwrap(),
            kind: kind.unwrap(),
            support,
            sent_on: sent_on.unwrap(),
            country: country.unwrap(),
            addressees: addressees.unwrap(),
            persons: person.into_iter().collect(),
            cosignatories: cosignatory.into_iter().collect(),
            visibility: visibility.unwrap(),
            notes: notes.unwrap().as_str().to_owned(),
            alert,
            support_case,
        })
    }

    /// The request, decision, amount and follow-up of a rapid response
    /// (the decision defaults to granted); other kinds take none of them.
    fn support_case(
        &self,
        p: &mut Vec<ValidationError>,
        kind: Option<InterventionKind>,
    ) -> Option<SupportCase> {
        let rapid = kind == Some(InterventionKind::RapidResponse);
        if !rapid {
            for (field, raw) in [
                ("requested_on", &self.requested_on),
                ("decision", &self.decision),
                ("amount", &self.amount),
                ("follow_up", &self.follow_up),
            ] {
                if !raw.trim().is_empty() {
                    p.push(
                        ValidationError::new(
                            field,
                            Problem::NotOneOf {
                                allowed: vec![String::new()],
                            },
                        )
                        .with_value(raw.trim()),
                    );
                }
            }
            return None;
        }
        let requested_on = collect(
            p,
            optional(&self.requested_on, |d| parse_day("requested_on", d)),
        )
        .flatten();
        let decision = if self.decision.trim().is_empty() {
            Some(SupportDecision::Granted)
        } else {
            collect(p, SupportDecision::parse(&self.decision))
        };
        let amount = collect(
            p,
            optional(&self.amount, |a| {
                Some(a)
                    .filter(|a| a.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|a| a.parse::<u32>().ok())
                    .filter(|n| *n <= SUPPORT_AMOUNT_MAX)
                    .ok_or_else(|| {
                        ValidationError::new(
                            "amount",
                            Problem::Malformed {
                                detail: format!(
                                    "a whole number of euros from 0 to {SUPPORT_AMOUNT_MAX}"
                                ),
                            },
                        )
                        .with_value(a)
                    })
            }),
        )
        .flatten();
        let follow_up = collect(
            p,
            crate::Description::parse(&self.follow_up).map_err(|e| e.at("follow_up")),
        );
        // An amount is what was granted: none for a request still open or refused.
        if amount.is_some() && decision.is_some_and(|d| d != SupportDecision::Granted) {
            p.push(
                ValidationError::new(
                    "amount",
                    Problem::NotOneOf {
                        allowed: vec![String::new()],
                    },
                )
                .with_value(self.amount.trim()),
            );
        }
        Some(SupportCase {
            requested_on,
            decision: decision?,
            amount,
            follow_up: follow_up?.as_str().to_owned(),
        })
    }
}

/// The follow-up of an intervention: its status and, once known, the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionProgress {
    pub status: InterventionStatus,
    pub outcome: Option<InterventionOutcome>,
    pub outcome_on: Option<NaiveDate>,
}

pub fn parse_progress(
    status: &str,
    outcome: &str,
    outcome_on: &str,
) -> Result<InterventionProgress, Vec<ValidationError>> {
    let mut p = Vec::new();
    let status = collect(
        &mut p,
        InterventionStatus::parse(status).map_err(|e| e.at("status")),
    );
    let outcome = collect(
        &mut p,
        optional(outcome, |o| {
            InterventionOutcome::parse(o).map_err(|e| e.at("outcome"))
        }),
    )
    .flatten();
    let outcome_on =
        collect(&mut p, optional(outcome_on, |d| parse_day("outcome_on", d))).flatten();
    if outcome.is_some() && outcome_on.is_none() && p.is_empty() {
        p.push(ValidationError::new("outcome_on", Problem::Required));
    }
    if !p.is_empty() {
        return Err(p);
    }
    Ok(InterventionProgress {
        status: status.unwrap(),
        outcome,
        outcome_on,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignActionForm {
    pub kind: String,
    pub on: String,
    pub title: String,
    #[serde(default)]
    pub url: String,
}

impl CampaignActionForm {
    pub fn check(&self) -> Result<CampaignAction, Vec<ValidationError>> {
        let mut p = Vec::new();
        let kind = collect(
            &mut p,
            CampaignActionKind::parse(&self.kind).map_err(|e| e.at("kind")),
        );
        let on = collect(&mut p, parse_day("on", &self.on));
        let title = collect(&mut p, single_line("title", &self.title, 3, 300));
        let url = collect(
            &mut p,
            optional(&self.url, |u| {
                crate::Website::parse(u)
                    .map(|w| w.as_str().to_owned())
                    .map_err(|e| e.at("url"))
            }),
        )
        .flatten();
        if !p.is_empty() {
            return Err(p);
        }
        Ok(CampaignAction {
            kind: kind.unwrap(),
            on: on.unwrap(),
            title: title.unwrap(),
            url,
        })
    }
}

/// A case a campaign makes visible: `person:…`, `trial:…` or `intervention:…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseRef {
    Person(PersonId),
    Trial(TrialId),
    Intervention(InterventionId),
}

impl CaseRef {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        let bad = || {
            ValidationError::new(
                "case",
                Problem::NotOneOf {
                    allowed: vec!["person:…".into(), "trial:…".into(), "intervention:…".into()],
                },
            )
            .with_value(raw)
        };
        let (table, key) = raw.split_once(':').ok_or_else(bad)?;
        match table {
            "person" => PersonId::parse(key).map(CaseRef::Person),
            "trial" => TrialId::parse(key).map(CaseRef::Trial),
            "intervention" => InterventionId::parse(key).map(CaseRef::Intervention),
            _ => Err(bad()),
        }
        .map_err(|e| e.at("case"))
    }

    pub fn table(&self) -> &'static str {
        match self {
            CaseRef::Person(_) => "person",
            CaseRef::Trial(_) => "trial",
            CaseRef::Intervention(_) => "intervention",
        }
    }

    pub fn key(&self) -> &str {
        match self {
            CaseRef::Person(id) => id.as_str(),
            CaseRef::Trial(id) => id.as_str(),
            CaseRef::Intervention(id) => id.as_str(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    pub name: String,
    pub summary: String,
    pub starts_on: String,
    pub visibility: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCampaign {
    pub name: String,
    pub summary: String,
    pub starts_on: NaiveDate,
    pub visibility: Visibility,
}

impl CampaignForm {
    pub fn check(&self) -> Result<NewCampaign, Vec<ValidationError>> {
        let mut p = Vec::new();
        let name = collect(&mut p, single_line("name", &self.name, 3, 120));
        let summary = collect(&mut p, single_line("summary", &self.summary, 0, 2000));
        let starts_on = collect(&mut p, parse_day("starts_on", &self.starts_on));
        let visibility = collect(&mut p, parse_visibility(&self.visibility));
        if !p.is_empty() {
            return Err(p);
        }
        Ok(NewCampaign {
            name: name.unwrap(),
            summary: summary.unwrap(),
            starts_on: starts_on.unwrap(),
            visibility: visibility.unwrap(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn step(due: Option<&str>, done: Option<&str>) -> FollowUp {
        FollowUp {
            id: FollowUpId::parse("f").unwrap(),
            event: EventId::parse("e").unwrap(),
            event_title: "Side event".into(),
            kind: FollowUpKind::NextStep,
            text: "Send the briefing".into(),
            owner: None,
            due_on: due.map(day),
            done_on: done.map(day),
        }
    }

    #[test]
    fn a_next_step_is_overdue_the_day_after_it_was_due() {
        let today = day("2024-03-10");
        assert!(!step(Some("2024-03-10"), None).is_overdue(today));
        assert!(step(Some("2024-03-09"), None).is_overdue(today));
        assert!(!step(Some("2024-03-09"), Some("2024-03-11")).is_overdue(today));
        assert!(!step(None, None).is_overdue(today));
        let mut commitment = step(Some("2024-01-01"), None);
        commitment.kind = FollowUpKind::Commitment;
        assert!(!commitment.is_overdue(today));
    }

    #[test]
    fn an_event_is_somewhere_or_online() {
        let form = EventForm {
            title: "Side event on transitional justice in DR Congo".into(),
            kind: "side-event".into(),
            mechanism: "hrc".into(),
            starts_on: "2024-03-20".into(),
            ends_on: "2024-03-19".into(),
            visibility: "public".into(),
            agenda: "Opening\n\n  Testimonies ".into(),
            ..Default::default()
        };
        let problems = form.check().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["ends_on", "country"]);
        let fixed = EventForm {
            ends_on: String::new(),
            online: Some("on".into()),
            ..form
        }
        .check()
        .unwrap();
        assert_eq!(fixed.ends_on, day("2024-03-20"));
        assert_eq!(fixed.agenda, ["Opening", "Testimonies"]);
    }

    #[test]
    fn a_rapid_response_names_its_support_and_only_it_does() {
        let form = InterventionForm {
            title: "Medical care for a detained defender".into(),
            kind: "rapid-response".into(),
            sent_on: "2024-05-02".into(),
            country: "BF".into(),
            person: "daouda-diallo".into(),
            visibility: "staff".into(),
            ..Default::default()
        };
        assert_eq!(form.check().unwrap_err()[0].field, "support");
        let ok = InterventionForm {
            support: "medical".into(),
            ..form.clone()
        };
        assert_eq!(ok.check().unwrap().support, Some(Support::Medical));
        let appeal = InterventionForm {
            kind: "urgent-appeal".into(),
            support: "medical".into(),
            ..form
        };
        assert_eq!(appeal.check().unwrap_err()[0].field, "support");
    }

    #[test]
    fn an_outcome_needs_its_date() {
        assert_eq!(
            parse_progress("closed", "released", "").unwrap_err()[0].field,
            "outcome_on"
        );
        let p = parse_progress("closed", "released", "2024-06-01").unwrap();
        assert_eq!(p.outcome, Some(InterventionOutcome::Released));
        assert_eq!(
            parse_progress("done", "", "").unwrap_err()[0].field,
            "status"
        );
    }

    #[test]
    fn plan_items_and_cases_parse() {
        let budget = PlanItemForm {
            item: "budget".into(),
            label: "Flights Almaty–Geneva".into(),
            amount: "2'400".into(),
            ..Default::default()
        };
        assert_eq!(
            budget.check().unwrap(),
            PlanItem::Budget(BudgetLine {
                label: "Flights Almaty–Geneva".into(),
                amount: 2400
            })
        );
        let bad = PlanItemForm {
            amount: "lots".into(),
            ..budget
        };
        assert_eq!(bad.check().unwrap_err()[0].field, "amount");
        assert_eq!(
            CaseRef::parse("trial:keskin-yarkin").unwrap(),
            CaseRef::Trial(TrialId::parse("keskin-yarkin").unwrap())
        );
        assert_eq!(CaseRef::parse("user:x").unwrap_err().field, "case");
        let step = FollowUpForm {
            kind: "next-step".into(),
            text: "Send the list of cases".into(),
            ..Default::default()
        };
        assert_eq!(step.check().unwrap_err()[0].field, "due_on");
    }
}
