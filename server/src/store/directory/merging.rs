//! Merging two organisations found to be one: the generic merge of
//! `store::merging` with what an organisation's records name.

use crate::store::merging::ORGANISATIONS;
use crate::store::SurrealStore;
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use shared::{OrgId, Viewer};

#[async_trait::async_trait]
impl app::directory::store::Merging for SurrealStore {
    async fn merge_organisations(
        &self,
        actor: &Actor,
        kept: &OrgId,
        gone: &OrgId,
    ) -> Result<(), WorkError> {
        self.merge_records(actor, &ORGANISATIONS, kept.as_str(), gone.as_str())
            .await
    }

    async fn moved_organisation(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Option<OrgId>, StoreError> {
        Ok(self
            .merged_into(viewer, "organisation", id.as_str())
            .await?
            .and_then(|key| OrgId::parse(&key).ok()))
    }
}
