//! The seam between the application and the database. `server` implements
//! [`Store`] with SurrealDB; every method takes the [`Viewer`] and must apply
//! the confidentiality rule inside its own queries.

use crate::error::AppError;
use shared::{
    CountryCode, CountryCount, CountryProfile, DirectoryQuery, Facets, NetworkSummary, OrgId,
    OrgSummary, Organisation, Page, Peer, Viewer,
};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("store failure: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store call failed");
        match e {
            StoreError::Unavailable(_) => AppError::Unavailable,
            StoreError::Internal(_) => AppError::Internal,
        }
    }
}

#[async_trait::async_trait]
pub trait Store: Send + Sync + 'static {
    async fn summary(&self, viewer: &Viewer) -> Result<NetworkSummary, StoreError>;

    async fn directory(
        &self,
        viewer: &Viewer,
        query: &DirectoryQuery,
    ) -> Result<Page<OrgSummary>, StoreError>;

    async fn facets(&self, viewer: &Viewer) -> Result<Facets, StoreError>;

    /// `None` when the organisation does not exist or is hidden from the viewer.
    async fn organisation(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Option<Organisation>, StoreError>;

    /// Organisations in the same countries, on the same themes, or partners,
    /// each with its reasons; the best connected first.
    async fn peers(
        &self,
        viewer: &Viewer,
        id: &OrgId,
        limit: usize,
    ) -> Result<Vec<Peer>, StoreError>;

    /// Countries where the viewer can see at least one organisation.
    async fn countries(&self, viewer: &Viewer) -> Result<Vec<CountryCount>, StoreError>;

    async fn country(
        &self,
        viewer: &Viewer,
        code: &CountryCode,
    ) -> Result<Option<CountryProfile>, StoreError>;
}

pub type SharedStore = Arc<dyn Store>;
