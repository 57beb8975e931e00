//! Domain types of the SOS-Torture network platform: typed ids, enums and the
//! constructors that make a value valid ("parse, don't validate").
//!
//! Compiles to wasm32 as well as native. It must not depend on anything that
//! performs I/O (no tokio, no surrealdb, no axum, no leptos).

pub mod account;
pub mod advocacy;
pub mod alert;
pub mod api_token;
pub mod appeal;
pub mod audit;
pub mod country;
pub mod directory;
pub mod editing;
pub mod error;
pub mod figures;
pub mod follow;
pub mod graph;
pub mod graph_layout;
pub mod ids;
pub mod import;
pub mod linked;
pub mod membership;
pub mod mission;
pub mod network;
pub mod network_stats;
pub mod notification;
pub mod organisation;
pub mod people_list;
pub mod person;
pub mod place_ties;
pub mod report;
pub mod similar;
pub mod text;
pub mod theme;
pub mod ties;
pub mod trial;
pub mod visibility;
pub mod words;

pub use account::{
    check_password, format_recovery_code, parse_second_factor_code, parse_totp_code, CurrentUser,
    Role, SecondFactorCode, UserSummary, INVITE_DAYS, PASSWORD_MAX, PASSWORD_MIN,
    PASSWORD_RESET_HOURS, RECOVERY_CODES,
};
pub use advocacy::{
    parse_progress, AdvocacyMission, AdvocacyMissionForm, AdvocacyOverview, AdvocacySummary,
    BudgetLine, Campaign, CampaignAction, CampaignActionForm, CampaignActionKind, CampaignForm,
    CampaignSummary, CaseLink, CaseRef, ChecklistItem, ChecklistKind, Event, EventForm, EventKind,
    EventSummary, FollowUp, FollowUpForm, FollowUpKind, Gender, Grant, Intervention,
    InterventionFilter, InterventionForm, InterventionKind, InterventionOutcome,
    InterventionProgress, InterventionStatus, InterventionSummary, Mechanism, MissionLink,
    NewAdvocacyMission, NewCampaign, NewEvent, NewFollowUp, NewIntervention, Participant,
    ParticipantRole, PlanItem, PlanItemForm, Support, SupportCase, SupportDecision, Travel,
    SUPPORT_AMOUNT_MAX,
};
pub use api_token::{ApiToken, NewToken, TokenForm, TokenScope};
pub use audit::{AuditEntry, AuditFilter, FieldChange, AUDIT_PAGE_SIZE};
pub use country::{Country, CountryCode, CountryCount, CountryProfile, Region};
pub use directory::{Counted, DirectoryQuery, Facets, OrgSort, Page, MAX_PAGE, PAGE_SIZE};
pub use editing::{
    may_reclassify, Change, OrgEdit, OrgEditForm, OrgFacts, DESCRIPTION_LANGUAGES, MAX_OTHER_NAMES,
    MAX_THEMES,
};
pub use error::{Problem, SimilarRecord, ValidationError};
pub use figures::{Figures, GrantFigures, Named, RapidFigures, RegionFigures};
pub use ids::{
    AdvocacyMissionId, AlertId, AppealId, CampaignId, EventId, FollowUpId, HearingId,
    InterventionId, MissionId, OrgId, PersonId, ThemeId, TrialId, UserId,
};
pub use linked::LinkedRecords;
pub use mission::{
    overlaps, Mission, MissionObserver, MissionPlan, MissionPlanForm, MissionRef, MissionStatus,
    MissionSummary, ObserverOption, ObserverRole, PlanningFlag, StatusChange, WorkQueue,
    PLANNING_HORIZON_DAYS,
};
pub use network::NetworkSummary;
pub use notification::{
    AccountMail, Delivery, Message, Notification, NotificationKind, NotificationList,
    NotificationSettings, OutboxEntry, OutboxStatus, OutboxView,
};
pub use organisation::{
    parse_member_since, Acronym, City, Email, OrgKind, OrgName, OrgRef, OrgSummary, Organisation,
    Peer, PeerReason, Translated, Website,
};
pub use people_list::{PeoplePage, PeopleQuery, PersonSummary};
pub use person::{
    may_expose, parse_languages, parse_year, sort_timeline, Membership, MembershipForm,
    NewMembership, Person, PersonForm, PersonName, PersonRecord, PersonRole, RiskLevel,
    TimelineEntry, TimelineKind,
};
pub use place_ties::{
    NewPlaceTie, Place, PlaceHolder, PlaceKey, PlaceKind, PlaceTie, PlaceTieForm,
};
pub use report::{
    Finding, Grade, Report, ReportDraft, ReportItem, ReportStatus, Standard, NOTES_MAX, OVERALL_MAX,
};
pub use text::{is_host_name, same_site_path, Description, SearchText};
pub use theme::Theme;
pub use ties::{NewTie, OrgTie, TieForm, TieKind};
pub use trial::{
    parse_outcome, Charge, Defendant, Hearing, HearingFilter, HearingForm, HearingRecord,
    HearingRecordForm, HearingStatus, Month, NewHearing, NewTrial, Outcome, OutcomeKind, PersonRef,
    Trial, TrialFilter, TrialForm, TrialStatus, TrialSummary,
};
pub use visibility::{Viewer, Visibility};
