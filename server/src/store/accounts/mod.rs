//! The accounts' store: sessions and sign-in with its throttle, the second
//! factor, account administration, invitations and grants, the audit log.

pub mod audit_log;
pub mod second_factor;
pub mod sessions;
pub mod users;

use crate::store::SurrealStore;
use app::error::StoreError;
use shared::{OrgId, Page};

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
