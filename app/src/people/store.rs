//! The seam of people: a person's page as a reader may see it, and the
//! writes of staff. Every read takes the reader's [`Viewer`]; every write an
//! [`Actor`] and is audited in its transaction.
//! Implemented in `server/src/store/people/`.

use crate::accounts::Actor;
use crate::error::{StoreError, WorkError};
use shared::{NewMembership, OrgId, Person, PersonId, PersonRecord, Viewer};
use std::sync::Arc;

#[async_trait::async_trait]
pub trait People: Send + Sync + 'static {
    /// The person with what this reader may see of their relations and
    /// timeline; `None` when absent or hidden.
    async fn person(&self, viewer: &Viewer, id: &PersonId) -> Result<Option<Person>, StoreError>;

    /// The people the reader may see under `query`: one page of them, by
    /// name, and how many there are in all.
    async fn people(
        &self,
        viewer: &Viewer,
        query: &shared::PeopleQuery,
    ) -> Result<shared::PeoplePage, StoreError>;

    /// Creates a person; refused above the actor's clearance, and beyond the
    /// staff for someone at risk unless the actor is an admin.
    /// Unless `confirmed_new`, refused on the name when the actor may read
    /// people with a similar name, which the refusal lists.
    async fn create_person(
        &self,
        actor: &Actor,
        person: &PersonRecord,
        confirmed_new: bool,
    ) -> Result<PersonId, WorkError>;

    /// Saves an edit made on `person.version`; stale when someone saved in
    /// between.
    async fn update_person(
        &self,
        actor: &Actor,
        id: &PersonId,
        person: &PersonRecord,
    ) -> Result<(), WorkError>;

    /// Adds the person to an organisation, or changes that membership (one
    /// per pair and level; a write touches only what the actor reads of the
    /// pair, `only` the one at that level): its level is the strictest of the one chosen, the
    /// person's and the organisation's.
    async fn set_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        membership: &NewMembership,
    ) -> Result<(), WorkError>;

    /// Ends a membership in `until`; it stays, as the past.
    async fn end_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
        until: i32,
        only: Option<shared::Visibility>,
    ) -> Result<(), WorkError>;

    /// Deletes a membership entered by mistake.
    async fn delete_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
        only: Option<shared::Visibility>,
    ) -> Result<(), WorkError>;

    /// The organisations this reader may link a person to.
    async fn organisation_choices(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::OrgRef>, StoreError>;
}

/// Merging two people found to be one. Implemented in
/// `server/src/store/people/merging.rs`.
#[async_trait::async_trait]
pub trait Merging: Send + Sync + 'static {
    /// `gone` goes into `kept`: their relations (trials, missions, events,
    /// interventions, memberships) and an account naming them move, the
    /// stricter risk of the two stays, and the gone address leads to
    /// `kept`. Refused unless the actor reads both, `kept` is at least as
    /// closed as `gone`, and nobody at risk ends up beyond the staff unless
    /// an admin merges.
    async fn merge_people(
        &self,
        actor: &Actor,
        kept: &PersonId,
        gone: &PersonId,
    ) -> Result<(), WorkError>;

    /// Where the address of a merged person leads, for a reader who could
    /// read them and reads the kept one.
    async fn moved_person(
        &self,
        viewer: &Viewer,
        id: &PersonId,
    ) -> Result<Option<PersonId>, StoreError>;

    /// People this reader may read whose name is like this person's: the
    /// candidates for a merge.
    async fn possible_duplicates(
        &self,
        viewer: &Viewer,
        id: &PersonId,
    ) -> Result<Vec<shared::PersonRef>, StoreError>;
}

/// What the people's pages need of the store.
pub trait PeopleStore: People + Merging {}

impl<T: People + Merging> PeopleStore for T {}

pub type SharedPeople = Arc<dyn PeopleStore>;
