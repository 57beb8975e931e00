//! The seam of urgent appeals. Reads go through the confidentiality rule
//! (a draft is at least staff-only, as closed as its alert); every write is
//! audited in its transaction, and publishing tells who follows the
//! appeal's country or region. Implemented in `server/src/store/appeals/`.

use crate::accounts::Actor;
use crate::error::{StoreError, WorkError};
use shared::appeal::{Appeal, AppealSummary, NewAppeal, NewAppealUpdate};
use shared::{AppealId, Viewer};
use std::sync::Arc;

/// Writing, approving and publishing appeals, their follow-ups and
/// co-signatures. Implemented in `server/src/store/appeals/drafting.rs`.
#[async_trait::async_trait]
pub trait Drafting: Send + Sync + 'static {
    /// A draft, by someone who runs advocacy; from an alert they may read
    /// (not closed) when it names one.
    async fn write_appeal(&self, actor: &Actor, appeal: &NewAppeal) -> Result<AppealId, WorkError>;

    /// Its writer or the secretariat changes an appeal not yet published,
    /// on the version read: its texts and audience (never its alert or
    /// country). An approved appeal changed goes back to draft, to be
    /// approved again.
    async fn edit_appeal(
        &self,
        actor: &Actor,
        id: &AppealId,
        version: u32,
        appeal: &NewAppeal,
    ) -> Result<(), WorkError>;

    /// The secretariat approves a draft, on the version read.
    async fn approve_appeal(
        &self,
        actor: &Actor,
        id: &AppealId,
        version: u32,
    ) -> Result<(), WorkError>;

    /// The secretariat publishes an approved appeal to its audience: a
    /// public one needs its alert verified and the person's consent; its
    /// alert is then acted on, and who follows its country or region is
    /// told, in their language.
    async fn publish_appeal(
        &self,
        actor: &Actor,
        id: &AppealId,
        version: u32,
    ) -> Result<(), WorkError>;

    /// News of the people it is about; who co-signed is told of an outcome.
    async fn add_appeal_update(
        &self,
        actor: &Actor,
        id: &AppealId,
        update: &NewAppealUpdate,
    ) -> Result<(), WorkError>;

    /// A member co-signs a published appeal for their organisation (once).
    async fn cosign_appeal(&self, actor: &Actor, id: &AppealId) -> Result<(), WorkError>;
}

/// Who reads appeals: what they may read, whether they are of the
/// secretariat (who read drafts), and their account (who read their own).
#[derive(Debug, Clone)]
pub struct Reader {
    pub viewer: Viewer,
    pub secretariat: bool,
    pub user: Option<shared::UserId>,
}

impl Reader {
    pub fn anonymous() -> Self {
        Self {
            viewer: Viewer::anonymous(),
            secretariat: false,
            user: None,
        }
    }

    pub fn of(actor: &Actor) -> Self {
        Self {
            viewer: actor.viewer.clone(),
            secretariat: actor.user.role.handles_alerts(),
            user: Some(actor.user.id.clone()),
        }
    }
}

/// Reading appeals. Implemented in `server/src/store/appeals/reading.rs`.
#[async_trait::async_trait]
pub trait AppealReading: Send + Sync + 'static {
    /// The appeals the reader may read, published first (newest first),
    /// then the drafts the secretariat (or their writer) reads; titles in
    /// `language` when the appeal has it.
    async fn appeals(
        &self,
        reader: &Reader,
        language: &str,
    ) -> Result<Vec<AppealSummary>, StoreError>;

    /// One appeal; `None` when absent or hidden.
    async fn appeal(&self, reader: &Reader, id: &AppealId) -> Result<Option<Appeal>, StoreError>;

    /// The newest public appeals, for the Atom feed.
    async fn public_appeals(&self) -> Result<Vec<Appeal>, StoreError>;
}

pub trait Appeals: Drafting + AppealReading {}

impl<T: Drafting + AppealReading> Appeals for T {}

pub type SharedAppeals = Arc<dyn Appeals>;
