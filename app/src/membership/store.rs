//! The seam of membership applications. An application is a staff-only
//! record: the public reaches one only through its secret token, a referee
//! member only through the request addressed to its own organisation.
//! Every write is audited in its transaction.
//! Implemented in `server/src/store/membership/`.

use crate::accounts::Actor;
use crate::error::{StoreError, WorkError};
use shared::membership::{
    Application, ApplicationProgress, ApplicationStatus, ApplicationSummary, CheckedAssessment,
    CheckedDecision, Criterion, NewApplication, ReferenceAnswer, ReferenceRequest,
};
use shared::Viewer;
use std::sync::Arc;

/// What an admission made: the new member and the invitation's secret token
/// for its contact person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admission {
    pub organisation: shared::OrgId,
    pub invite_token: String,
}

/// The choices of the public form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JoinChoices {
    pub criteria: Vec<Criterion>,
    pub referees: Vec<shared::OrgRef>,
    pub countries: Vec<shared::Country>,
}

#[async_trait::async_trait]
pub trait Applications: Send + Sync + 'static {
    /// A new application from the public page, sent from `address`;
    /// answers the secret token of the address where the applicant follows
    /// it. Refused when the referees are not readable member organisations,
    /// or when `address` sent too many applications lately.
    async fn submit_application(
        &self,
        application: &NewApplication,
        address: &str,
    ) -> Result<String, WorkError>;

    /// What the public form offers: the criteria, the member organisations
    /// anyone may read (the possible referees), and the countries.
    async fn join_choices(&self) -> Result<JoinChoices, StoreError>;

    /// The application behind a status token, as its applicant sees it.
    async fn application_progress(
        &self,
        token: &str,
    ) -> Result<Option<ApplicationProgress>, StoreError>;

    /// The applicant adds what staff asked for; the application goes back
    /// to staff. Refused unless staff asked for more.
    async fn add_information(&self, token: &str, text: &str) -> Result<(), WorkError>;

    /// The applications staff may read, newest first; of one status when
    /// given.
    async fn applications(
        &self,
        viewer: &Viewer,
        status: Option<ApplicationStatus>,
    ) -> Result<Vec<ApplicationSummary>, StoreError>;

    /// One application with its assessment, referees and exchange; `None`
    /// when absent or hidden.
    async fn application(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<Option<Application>, StoreError>;
}

/// Staff's review: all of it on the version they read, refused once the
/// application is decided.
#[async_trait::async_trait]
pub trait Reviews: Send + Sync + 'static {
    /// Records staff's verdicts on criteria, on the version they read.
    async fn assess_application(
        &self,
        actor: &Actor,
        id: &str,
        version: u32,
        assessment: &CheckedAssessment,
    ) -> Result<(), WorkError>;

    /// Asks the referee organisations the application names.
    async fn ask_referees(&self, actor: &Actor, id: &str) -> Result<(), WorkError>;

    /// Admits, declines or asks for more, on the version read. An admission
    /// creates the organisation (after the duplicate check, unless
    /// confirmed new), its membership of the network since this year and
    /// an invitation for the contact person, in one transaction.
    async fn decide_application(
        &self,
        actor: &Actor,
        id: &str,
        version: u32,
        decision: &CheckedDecision,
    ) -> Result<Option<Admission>, WorkError>;
}

#[async_trait::async_trait]
pub trait Criteria: Send + Sync + 'static {
    /// The criteria in their order; retired ones too when `all`.
    async fn criteria(&self, all: bool) -> Result<Vec<Criterion>, StoreError>;

    /// Adds a criterion at the end (admins).
    async fn add_criterion(&self, actor: &Actor, text: &str) -> Result<(), WorkError>;

    /// Rewords, retires or restores a criterion (admins).
    async fn change_criterion(
        &self,
        actor: &Actor,
        key: &str,
        text: &str,
        active: bool,
    ) -> Result<(), WorkError>;
}

#[async_trait::async_trait]
pub trait References: Send + Sync + 'static {
    /// The requests addressed to the actor's own organisation, open first.
    async fn reference_requests(&self, actor: &Actor) -> Result<Vec<ReferenceRequest>, StoreError>;

    /// One member of the referee organisation answers; it may change its
    /// answer until staff decide.
    async fn answer_reference(
        &self,
        actor: &Actor,
        id: &str,
        answer: ReferenceAnswer,
        comment: Option<&str>,
    ) -> Result<(), WorkError>;
}

pub trait Membership: Applications + Reviews + Criteria + References {}

impl<T: Applications + Reviews + Criteria + References> Membership for T {}

pub type SharedMembership = Arc<dyn Membership>;
