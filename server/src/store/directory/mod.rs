//! The directory's store: search with facets, profiles and peers, editing
//! with its history, countries and the home page's summary.

pub mod editing;
pub mod places;
pub mod profile;
pub mod search;

use crate::store::{internal, SurrealStore};
use app::directory::store::Store;
use app::error::StoreError;
use shared::{
    CountryCode, CountryCount, CountryProfile, DirectoryQuery, Facets, NetworkSummary, OrgId,
    OrgSummary, Organisation, Page, Peer, Viewer,
};

#[async_trait::async_trait]
impl Store for SurrealStore {
    async fn summary(&self, viewer: &Viewer) -> Result<NetworkSummary, StoreError> {
        places::summary(self, viewer).await.map_err(internal)
    }

    async fn directory(
        &self,
        viewer: &Viewer,
        query: &DirectoryQuery,
    ) -> Result<Page<OrgSummary>, StoreError> {
        search::search(self, viewer, query).await.map_err(internal)
    }

    async fn facets(&self, viewer: &Viewer) -> Result<Facets, StoreError> {
        search::facets(self, viewer).await.map_err(internal)
    }

    async fn organisation(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Option<Organisation>, StoreError> {
        profile::organisation(self, viewer, id)
            .await
            .map_err(internal)
    }

    async fn peers(
        &self,
        viewer: &Viewer,
        id: &OrgId,
        limit: usize,
    ) -> Result<Vec<Peer>, StoreError> {
        profile::peers(self, viewer, id, limit)
            .await
            .map_err(internal)
    }

    async fn update_organisation(
        &self,
        editor: &shared::CurrentUser,
        viewer: &Viewer,
        id: &OrgId,
        edit: &shared::OrgEdit,
        address: &str,
    ) -> Result<(), app::directory::store::EditError> {
        SurrealStore::update_organisation(self, editor, viewer, id, edit, address).await
    }

    async fn organisation_history(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Vec<shared::AuditEntry>, StoreError> {
        SurrealStore::organisation_history(self, viewer, id).await
    }

    async fn countries(&self, viewer: &Viewer) -> Result<Vec<CountryCount>, StoreError> {
        places::countries(self, viewer).await.map_err(internal)
    }

    async fn country(
        &self,
        viewer: &Viewer,
        code: &CountryCode,
    ) -> Result<Option<CountryProfile>, StoreError> {
        places::country(self, viewer, code).await.map_err(internal)
    }
}
