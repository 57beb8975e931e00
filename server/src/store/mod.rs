//! [`SurrealStore`]: the `app::directory::store::Store` implementation on SurrealDB.
//!
//! Confidentiality is applied inside every query: a record or edge is read
//! only when its `visibility` is in `$vis`, the levels the viewer may read,
//! or when it is in `$granted`, the restricted records the viewer was granted
//! (an edge is also readable when one of its ends is granted); an edge also
//! needs both of its ends to be readable. Hidden records are
//! absent from lists, counts, search results and traversals alike.

pub mod accounts;
mod advocacy;
mod audit_log;
mod calendar;
mod directory;
mod editing;
pub mod graph;
mod hearings;
mod missions;
mod network_stats;
mod new_trials;
mod outcomes;
mod places;
pub mod planning;
mod profile;
mod reports;
mod rows;
mod second_factor;
mod trials;
pub mod users;

use crate::db::{reference, Db};
use app::accounts::Actor;
use app::directory::store::Store;
use app::error::StoreError;
use app::error::WorkError;
use shared::{
    Country, CountryCode, CountryCount, CountryProfile, DirectoryQuery, Facets, NetworkSummary,
    OrgId, OrgSummary, Organisation, Page, Peer, Theme, Viewer,
};
use std::collections::HashMap;

pub struct SurrealStore {
    db: Db,
    /// Countries and themes are public reference data that never changes
    /// while the server runs; keeping them here saves a join in every query.
    countries: HashMap<String, Country>,
    themes: HashMap<String, Theme>,
}

impl SurrealStore {
    pub fn new(db: Db) -> Self {
        let countries = reference::countries()
            .iter()
            .map(|c| (c.alpha2.to_ascii_lowercase(), c.to_country()))
            .collect();
        let themes = reference::themes()
            .into_iter()
            .map(|t| (t.id.to_string(), t))
            .collect();
        Self {
            db,
            countries,
            themes,
        }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    fn country_by_key(&self, key: &str) -> Option<&Country> {
        self.countries.get(key)
    }

    fn theme_by_key(&self, key: &str) -> Option<&Theme> {
        self.themes.get(key)
    }
}

/// The visibility levels a viewer may read, bound as `$vis`.
fn vis(viewer: &Viewer) -> Vec<String> {
    viewer.readable().into_iter().map(str::to_owned).collect()
}

/// The restricted records a viewer was granted, bound as `$granted`. A grant
/// string that is not `table:key` names nothing and is skipped.
fn granted(viewer: &Viewer) -> Vec<surrealdb::types::RecordId> {
    viewer
        .grants()
        .iter()
        .filter_map(|g| g.split_once(':'))
        .map(|(table, key)| surrealdb::types::RecordId::new(table, key))
        .collect()
}

/// A query on `db` that reads as `viewer`: binds `$vis` and `$granted`.
/// For work on a task of its own, which cannot borrow the store.
fn query_as<'a>(
    db: &'a Db,
    viewer: &Viewer,
    sql: impl Into<String>,
) -> surrealdb::method::Query<'a, surrealdb::engine::any::Any> {
    db.query(sql.into())
        .bind(("vis", vis(viewer)))
        .bind(("granted", granted(viewer)))
}

impl SurrealStore {
    /// A query that reads as `viewer`: binds `$vis` and `$granted`.
    fn query_for(
        &self,
        viewer: &Viewer,
        sql: impl Into<String>,
    ) -> surrealdb::method::Query<'_, surrealdb::engine::any::Any> {
        query_as(&self.db, viewer, sql)
    }
}

fn internal(err: surrealdb::Error) -> StoreError {
    StoreError::Internal(err.to_string())
}

#[async_trait::async_trait]
impl app::accounts::store::Accounts for SurrealStore {
    async fn session(
        &self,
        token: &str,
    ) -> Result<Option<app::accounts::store::SessionInfo>, StoreError> {
        self.session_info(token).await
    }

    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        address: &str,
    ) -> Result<app::accounts::store::SignInOutcome, StoreError> {
        self.sign_in_with_password(email, password, address).await
    }

    async fn sign_out(&self, token: &str) -> Result<(), StoreError> {
        self.end_session(token).await
    }

    async fn sign_out_everywhere(&self, user: &shared::UserId) -> Result<(), StoreError> {
        self.end_all_sessions(user).await
    }

    async fn audit_log(
        &self,
        filter: &shared::AuditFilter,
    ) -> Result<Page<shared::AuditEntry>, StoreError> {
        SurrealStore::audit_log(self, filter).await
    }

    async fn complete_sign_in(
        &self,
        pending_token: &str,
        code: &str,
        address: &str,
    ) -> Result<app::accounts::store::SignInOutcome, StoreError> {
        self.complete_sign_in_with_code(pending_token, code, address)
            .await
    }

    async fn begin_totp(
        &self,
        user: &shared::CurrentUser,
    ) -> Result<app::accounts::second_factor::TotpSetup, StoreError> {
        self.begin_totp_setup(user).await
    }

    async fn confirm_totp(
        &self,
        user: &shared::CurrentUser,
        code: &str,
    ) -> Result<bool, StoreError> {
        self.confirm_totp_setup(user, code).await
    }

    async fn disable_totp(
        &self,
        user: &shared::CurrentUser,
        code: &str,
    ) -> Result<bool, StoreError> {
        self.disable_totp_with_code(user, code).await
    }
}

#[async_trait::async_trait]
impl app::accounts::store::Administration for SurrealStore {
    async fn list_users(&self) -> Result<Vec<shared::UserSummary>, StoreError> {
        SurrealStore::list_users(self).await
    }

    async fn set_role(
        &self,
        actor: &shared::CurrentUser,
        user: &shared::UserId,
        role: shared::Role,
        organisation: Option<&OrgId>,
    ) -> Result<(), app::accounts::store::AdminError> {
        SurrealStore::set_role(self, actor, user, role, organisation).await
    }

    async fn set_disabled(
        &self,
        actor: &shared::CurrentUser,
        user: &shared::UserId,
        disabled: bool,
    ) -> Result<(), app::accounts::store::AdminError> {
        SurrealStore::set_disabled(self, actor, user, disabled).await
    }

    async fn create_invite(
        &self,
        actor: &shared::CurrentUser,
        email: &str,
        name: &str,
        role: shared::Role,
        organisation: Option<&OrgId>,
    ) -> Result<String, app::accounts::store::AdminError> {
        SurrealStore::create_invite(self, actor, email, name, role, organisation).await
    }

    async fn reset_second_factor(
        &self,
        actor: &shared::CurrentUser,
        user: &shared::UserId,
    ) -> Result<(), app::accounts::store::AdminError> {
        SurrealStore::reset_second_factor(self, actor, user).await
    }

    async fn access_list(&self, target: &str) -> Result<Vec<shared::UserSummary>, StoreError> {
        SurrealStore::access_list(self, target).await
    }

    async fn grant_access(
        &self,
        actor: &shared::CurrentUser,
        email: &str,
        target: &str,
    ) -> Result<(), app::accounts::store::AdminError> {
        self.grant_by_email(actor, email, target).await
    }

    async fn revoke_access(
        &self,
        actor: &shared::CurrentUser,
        user: &shared::UserId,
        target: &str,
    ) -> Result<(), app::accounts::store::AdminError> {
        self.revoke(actor, user, target).await
    }

    async fn invite_info(
        &self,
        token: &str,
    ) -> Result<Option<app::accounts::store::InviteInfo>, StoreError> {
        SurrealStore::invite_info(self, token).await
    }

    async fn accept_invite(
        &self,
        token: &str,
        name: &str,
        password: &str,
        address: &str,
    ) -> Result<String, app::accounts::store::AdminError> {
        SurrealStore::accept_invite(self, token, name, password, address).await
    }
}

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
        directory::search(self, viewer, query)
            .await
            .map_err(internal)
    }

    async fn facets(&self, viewer: &Viewer) -> Result<Facets, StoreError> {
        directory::facets(self, viewer).await.map_err(internal)
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

#[async_trait::async_trait]
impl app::observation::store::Trials for SurrealStore {
    async fn trials(
        &self,
        viewer: &Viewer,
        filter: &shared::TrialFilter,
    ) -> Result<Vec<shared::TrialSummary>, StoreError> {
        self.list_trials(viewer, filter).await
    }

    async fn trial(
        &self,
        viewer: &Viewer,
        id: &shared::TrialId,
    ) -> Result<Option<shared::Trial>, StoreError> {
        self.trial_page(viewer, id).await
    }

    async fn hearings(
        &self,
        viewer: &Viewer,
        filter: &shared::HearingFilter,
    ) -> Result<Vec<shared::Hearing>, StoreError> {
        self.list_hearings(viewer, filter).await
    }

    async fn hearing(
        &self,
        viewer: &Viewer,
        id: &shared::HearingId,
    ) -> Result<Option<shared::Hearing>, StoreError> {
        self.one_hearing(viewer, id).await
    }

    async fn record_outcome(
        &self,
        actor: &Actor,
        id: &shared::TrialId,
        status: shared::TrialStatus,
        outcome: Option<shared::Outcome>,
    ) -> Result<(), WorkError> {
        self.set_outcome(actor, id, status, outcome).await
    }

    async fn trial_form_options(
        &self,
        viewer: &Viewer,
    ) -> Result<app::observation::api::TrialFormOptions, StoreError> {
        self.trial_options(viewer).await
    }

    async fn create_trial(
        &self,
        actor: &Actor,
        trial: &shared::NewTrial,
    ) -> Result<shared::TrialId, WorkError> {
        self.register_trial(actor, trial).await
    }

    async fn link_trial(
        &self,
        actor: &Actor,
        trial: &shared::TrialId,
        link: &app::observation::api::TrialLink,
    ) -> Result<(), WorkError> {
        self.add_to_trial(actor, trial, link).await
    }

    async fn add_hearing(
        &self,
        actor: &Actor,
        hearing: &shared::NewHearing,
    ) -> Result<shared::HearingId, WorkError> {
        self.new_hearing(actor, hearing).await
    }

    async fn record_hearing(
        &self,
        actor: &Actor,
        record: &shared::HearingRecord,
    ) -> Result<(), WorkError> {
        self.hearing_outcome(actor, record).await
    }

    async fn mission(
        &self,
        viewer: &Viewer,
        id: &shared::MissionId,
    ) -> Result<Option<shared::Mission>, StoreError> {
        self.mission_page(viewer, id).await
    }

    async fn plan_mission(
        &self,
        actor: &Actor,
        plan: &shared::MissionPlan,
    ) -> Result<shared::MissionId, WorkError> {
        self.plan(actor, plan).await
    }

    async fn assign_observer(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        person: &shared::PersonId,
        role: shared::ObserverRole,
    ) -> Result<(), WorkError> {
        self.assign(actor, mission, person, role).await
    }

    async fn remove_observer(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        person: &shared::PersonId,
    ) -> Result<(), WorkError> {
        self.unassign(actor, mission, person).await
    }

    async fn cover_hearing(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        hearing: &shared::HearingId,
    ) -> Result<(), WorkError> {
        self.cover(actor, mission, hearing).await
    }

    async fn move_mission(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        from: shared::MissionStatus,
        to: shared::MissionStatus,
    ) -> Result<(), WorkError> {
        self.move_to(actor, mission, from, to).await
    }

    async fn observer_options(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::ObserverOption>, StoreError> {
        self.observer_list(viewer).await
    }

    async fn planning_flags(
        &self,
        viewer: &Viewer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<shared::PlanningFlag>, StoreError> {
        self.flags(viewer, now).await
    }

    async fn work_queue(
        &self,
        viewer: &Viewer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<shared::WorkQueue, StoreError> {
        self.queue(viewer, now).await
    }

    async fn report(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
    ) -> Result<Option<shared::Report>, StoreError> {
        self.mission_report(actor, mission).await
    }

    async fn save_report(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        draft: &shared::ReportDraft,
        revision: u32,
    ) -> Result<app::observation::store::Saved, WorkError> {
        self.save_draft(actor, mission, draft, revision).await
    }

    async fn submit_report(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        draft: &shared::ReportDraft,
        revision: u32,
    ) -> Result<(), WorkError> {
        self.submit(actor, mission, draft, revision).await
    }

    async fn request_changes(
        &self,
        actor: &Actor,
        mission: &shared::MissionId,
        note: &str,
    ) -> Result<(), WorkError> {
        self.send_back(actor, mission, note).await
    }

    async fn renew_calendar_token(&self, user: &shared::CurrentUser) -> Result<String, StoreError> {
        self.renew_calendar(user).await
    }
}
