//! The secret address of a user's hearings calendar. Like every token it is
//! stored hashed; renewing it ends the old address.

use crate::security::token;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::AuditEvent;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{CurrentUser, Role, Viewer};
use surrealdb::types::{RecordId, SurrealValue};

#[async_trait::async_trait]
impl app::observation::store::Calendar for SurrealStore {
    async fn renew_calendar_token(&self, user: &CurrentUser) -> Result<String, StoreError> {
        let raw = token::new_token().map_err(StoreError::Internal)?;
        self.db
            .query("UPDATE $user SET calendar_token_hash = $hash")
            .bind(("user", user_record(&user.id)))
            .bind(("hash", token::digest(&raw)))
            .await
            .and_then(|r| r.check())
            .map_err(internal)?;
        self.audit(
            AuditEvent::of("calendar.renew")
                .by_user(user)
                .on(format!("user:{}", user.id)),
        )
        .await?;
        Ok(raw)
    }
}

impl SurrealStore {
    /// What the owner of a calendar address may read, as if signed in;
    /// `None` for an unknown address or a disabled account.
    pub async fn calendar_viewer(&self, raw: &str) -> Result<Option<Viewer>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Row {
            role: String,
            grants: Vec<RecordId>,
        }
        let row: Option<Row> = self
            .db
            .query(
                "SELECT role, (SELECT VALUE target FROM access_grant WHERE user = $parent.id) AS grants
                 FROM user WHERE calendar_token_hash = $hash AND disabled = false LIMIT 1",
            )
            .bind(("hash", token::digest(raw)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(row.and_then(|r| {
            let role = Role::parse(&r.role).ok()?;
            let grants = r
                .grants
                .iter()
                .map(|g| format!("{}:{}", g.table, crate::store::rows::record_key(g)))
                .collect();
            Some(Viewer::with_clearance(role.clearance()).with_grants(grants))
        }))
    }
}
