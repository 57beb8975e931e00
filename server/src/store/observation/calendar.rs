//! The secret address of a user's hearings calendar. Like every token it is
//! stored hashed; renewing it ends the old address, and so do signing out
//! everywhere, a change of role and disabling the account. The address is a
//! bearer secret that calendar apps keep: restricted hearings are left out
//! of it unless the user asked for them.

use crate::security::token;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{CurrentUser, Role, UserId, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

#[async_trait::async_trait]
impl app::observation::store::Calendar for SurrealStore {
    async fn renew_calendar_token(
        &self,
        user: &CurrentUser,
        include_restricted: bool,
    ) -> Result<String, StoreError> {
        let raw = token::new_token().map_err(StoreError::Internal)?;
        let event = AuditEvent::of("calendar.renew")
            .by_user(user)
            .on(format!("user:{}", user.id))
            .after(serde_json::json!({ "restricted": include_restricted }));
        let sql = format!(
            "BEGIN TRANSACTION;
             UPDATE $user SET calendar_token_hash = $hash, calendar_restricted = $restricted;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        self.bind_audit(self.db.query(sql), event)
            .bind(("user", user_record(&user.id)))
            .bind(("hash", token::digest(&raw)))
            .bind(("restricted", include_restricted))
            .await
            .map_err(internal)
            .and_then(|r| transaction_outcome(r).map_err(internal))?;
        Ok(raw)
    }
}

/// The owner of a calendar address, and what their feed may hold.
#[derive(Debug, Clone)]
pub struct CalendarReader {
    pub viewer: Viewer,
    pub user: UserId,
    pub email: String,
}

impl SurrealStore {
    /// What the owner of a calendar address may read, as if signed in;
    /// `None` for an unknown address or a disabled account.
    /// The reader a feed address belongs to, with what the feed may hold.
    pub async fn calendar_viewer(&self, raw: &str) -> Result<Option<CalendarReader>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Row {
            id: RecordId,
            email: String,
            role: String,
            restricted: bool,
            grants: Vec<RecordId>,
        }
        let row: Option<Row> = self
            .db
            .query(
                "SELECT id, email, role, calendar_restricted ?? false AS restricted,
                    (SELECT VALUE target FROM access_grant WHERE user = $parent.id) AS grants
                 FROM user WHERE calendar_token_hash = $hash AND disabled = false LIMIT 1",
            )
            .bind(("hash", token::digest(raw)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(row.and_then(|r| {
            let role = Role::parse(&r.role).ok()?;
            let user = UserId::parse(&crate::store::rows::record_key(&r.id)).ok()?;
            let viewer = if r.restricted {
                let grants = r
                    .grants
                    .iter()
                    .map(crate::store::rows::record_text)
                    .collect();
                Viewer::with_clearance(role.clearance()).with_grants(grants)
            } else {
                Viewer::with_clearance(role.clearance().min(Visibility::Staff))
            };
            Some(CalendarReader {
                viewer,
                user,
                email: r.email,
            })
        }))
    }

    /// The feed was read: one line an hour per reader in the audit log.
    pub async fn record_feed_read(
        &self,
        reader: &CalendarReader,
        address: &str,
        hearings: usize,
    ) -> Result<(), StoreError> {
        let event = AuditEvent::of("export.calendar")
            .actor_id(reader.user.clone())
            .email(reader.email.clone())
            .on(format!("user:{}", reader.user))
            .at(address)
            .after(serde_json::json!({ "records": hearings }));
        self.audit_once_an_hour(event).await
    }
}
