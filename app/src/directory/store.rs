//! The seam of the directory: the network's organisations, their peers and
//! history, and the countries. `server` implements [`Directory`] on SurrealDB;
//! every method takes the [`Viewer`] and applies the confidentiality rule
//! inside its own queries.

use crate::error::StoreError;
use shared::{
    CountryCode, CountryCount, CountryProfile, CurrentUser, DirectoryQuery, Facets, NetworkSummary,
    OrgId, OrgSummary, Organisation, Page, Peer, Viewer,
};
use std::sync::Arc;

/// Finding organisations: the directory's list and its facets.
/// Implemented in `server/src/store/directory/search.rs`.
#[async_trait::async_trait]
pub trait Search: Send + Sync + 'static {
    async fn directory(
        &self,
        viewer: &Viewer,
        query: &DirectoryQuery,
    ) -> Result<Page<OrgSummary>, StoreError>;

    async fn facets(&self, viewer: &Viewer) -> Result<Facets, StoreError>;
}

/// An organisation's profile and its peers.
/// Implemented in `server/src/store/directory/profile.rs`.
#[async_trait::async_trait]
pub trait Profiles: Send + Sync + 'static {
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
}

/// Editing a profile, and the history of its changes.
/// Implemented in `server/src/store/directory/editing.rs`.
#[async_trait::async_trait]
pub trait Editing: Send + Sync + 'static {
    /// Saves a profile edit made by `editor`; refused when the record is
    /// hidden from them, not theirs to change, or changed since they opened it.
    async fn update_organisation(
        &self,
        editor: &CurrentUser,
        viewer: &Viewer,
        id: &OrgId,
        edit: &shared::OrgEdit,
        address: &str,
    ) -> Result<(), EditError>;

    /// Creates an organisation with every field (staff). Unless
    /// `confirmed_new`, refused on its name when the actor may read records
    /// with a similar name, which the refusal lists.
    async fn create_organisation(
        &self,
        actor: &crate::accounts::Actor,
        org: &shared::OrgEdit,
        confirmed_new: bool,
    ) -> Result<OrgId, crate::error::WorkError>;

    /// The recorded changes of an organisation the viewer can see.
    async fn organisation_history(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Vec<shared::AuditEntry>, StoreError>;
}

/// Countries, and the network's summary on the home page.
/// Implemented in `server/src/store/directory/places.rs`.
#[async_trait::async_trait]
pub trait Places: Send + Sync + 'static {
    async fn summary(&self, viewer: &Viewer) -> Result<NetworkSummary, StoreError>;

    /// Every theme the network works on, by name (public reference data).
    fn themes(&self) -> Vec<shared::Theme>;

    /// Every country, by English name (for the forms that name one).
    fn all_countries(&self) -> Vec<shared::Country>;

    /// Countries where the viewer can see at least one organisation.
    async fn countries(&self, viewer: &Viewer) -> Result<Vec<CountryCount>, StoreError>;

    async fn country(
        &self,
        viewer: &Viewer,
        code: &CountryCode,
    ) -> Result<Option<CountryProfile>, StoreError>;
}

/// Everything the directory asks of the store, as one context value.
/// Relations between organisations, kept by staff: a membership of a
/// network or a partnership, added or changed, ended with a year and kept,
/// or deleted when entered by mistake; each audited on the organisation in
/// its transaction. One per pair and level: a write touches only what its
/// writer may read of the pair (`only`: the relation at that level; `None`:
/// every one they read). Implemented in
/// `server/src/store/directory/ties.rs`.
#[async_trait::async_trait]
pub trait Ties: Send + Sync + 'static {
    /// Adds the relation or changes it: its level is the strictest of the
    /// one chosen and both organisations'.
    async fn set_tie(
        &self,
        actor: &crate::accounts::Actor,
        organisation: &OrgId,
        tie: &shared::NewTie,
    ) -> Result<(), crate::error::WorkError>;

    /// Ends the relation in `until`; it stays, as the past.
    async fn end_tie(
        &self,
        actor: &crate::accounts::Actor,
        organisation: &OrgId,
        kind: shared::TieKind,
        other: &OrgId,
        until: i32,
        only: Option<shared::Visibility>,
    ) -> Result<(), crate::error::WorkError>;

    /// Deletes a relation entered by mistake.
    async fn delete_tie(
        &self,
        actor: &crate::accounts::Actor,
        organisation: &OrgId,
        kind: shared::TieKind,
        other: &OrgId,
        only: Option<shared::Visibility>,
    ) -> Result<(), crate::error::WorkError>;
}

/// Where an organisation or a person is, kept by staff: a seat (a country)
/// and work on countries and themes, with years, a source and a level of
/// their own; added or changed (one per pair and level, as relations between
/// organisations), ended with a year and kept,
/// or deleted when entered by mistake; each audited on the holder in its
/// transaction. Implemented in `server/src/store/directory/place_ties.rs`.
#[async_trait::async_trait]
pub trait PlaceTies: Send + Sync + 'static {
    /// Adds the relation or changes it: its level is the strictest of the
    /// one chosen and both ends'. A new current seat ends the current seats
    /// the actor can read.
    async fn set_place_tie(
        &self,
        actor: &crate::accounts::Actor,
        holder: &shared::PlaceHolder,
        tie: &shared::NewPlaceTie,
    ) -> Result<(), crate::error::WorkError>;

    /// Ends the relation in `until`; it stays, as the past.
    async fn end_place_tie(
        &self,
        actor: &crate::accounts::Actor,
        holder: &shared::PlaceHolder,
        kind: shared::PlaceKind,
        place: &shared::PlaceKey,
        until: i32,
        only: Option<shared::Visibility>,
    ) -> Result<(), crate::error::WorkError>;

    /// Deletes a relation entered by mistake.
    async fn delete_place_tie(
        &self,
        actor: &crate::accounts::Actor,
        holder: &shared::PlaceHolder,
        kind: shared::PlaceKind,
        place: &shared::PlaceKey,
        only: Option<shared::Visibility>,
    ) -> Result<(), crate::error::WorkError>;
}

/// Merging two organisations found to be one. Implemented in
/// `server/src/store/directory/merging.rs`.
#[async_trait::async_trait]
pub trait Merging: Send + Sync + 'static {
    /// `gone` goes into `kept`: its relations, accounts and invitations move,
    /// its address leads to `kept`. Refused unless the actor reads both and
    /// `kept` is at least as closed as `gone`.
    async fn merge_organisations(
        &self,
        actor: &crate::accounts::Actor,
        kept: &OrgId,
        gone: &OrgId,
    ) -> Result<(), crate::error::WorkError>;

    /// Where the address of a merged organisation leads, for a reader who
    /// could read it and reads the kept one.
    async fn moved_organisation(
        &self,
        viewer: &Viewer,
        id: &OrgId,
    ) -> Result<Option<OrgId>, StoreError>;
}

pub trait Directory: Search + Profiles + Editing + Places + Ties + PlaceTies + Merging {}

impl<T> Directory for T where T: Search + Profiles + Editing + Places + Ties + PlaceTies + Merging {}

pub type SharedDirectory = Arc<dyn Directory>;

/// Why an edit was not saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// Absent or hidden from the editor: the same answer.
    #[error("not found")]
    NotFound,
    /// The editor sees the record but may not change it.
    #[error("forbidden")]
    Forbidden,
    /// Someone saved a newer version since the form was opened.
    #[error("the record changed since it was opened")]
    Stale {
        by: Option<String>,
        at: Option<String>,
    },
    /// A field the store refuses (a country or a theme it does not know).
    #[error("invalid")]
    Invalid(Vec<shared::ValidationError>),
    #[error("{0}")]
    Store(#[from] StoreError),
}
