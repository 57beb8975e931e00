//! A reader's notifications and their choices. The list keeps only what
//! the reader may still read: a notification names the records it copies
//! from, and each is checked as the reader now is.

use crate::security::token;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::{Delivery, Notification, NotificationKind, NotificationList, NotificationSettings};
use surrealdb::types::{RecordId, SurrealValue};

/// How many notifications the list shows.
const LIST: i64 = 100;

#[derive(Debug, SurrealValue)]
struct Row {
    id: RecordId,
    kind: String,
    title: String,
    href: String,
    records: Vec<RecordId>,
    level: String,
    created_at: chrono::DateTime<chrono::Utc>,
    read_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[async_trait::async_trait]
impl app::notifications::store::Inbox for SurrealStore {
    async fn notifications(&self, actor: &Actor) -> Result<NotificationList, StoreError> {
        let rows: Vec<Row> = self
            .db
            .query(
                "SELECT id, kind, title, href, records, level, created_at, read_at FROM notification
                 WHERE user = $user ORDER BY created_at DESC LIMIT $limit",
            )
            .bind(("user", user_record(&actor.user.id)))
            .bind(("limit", LIST))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let mut named: Vec<RecordId> = rows.iter().flat_map(|r| r.records.clone()).collect();
        named.sort_by_key(crate::store::rows::record_text);
        named.dedup();
        let readable: Vec<RecordId> = if named.is_empty() {
            Vec::new()
        } else {
            self.query_for(
                &actor.viewer,
                format!(
                    "SELECT VALUE id FROM $records WHERE {}",
                    super::outbox::named_readable()
                ),
            )
            .bind(("records", named))
            .bind(("me", user_record(&actor.user.id)))
            .bind(("handler", actor.user.role.handles_alerts()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?
        };
        let items: Vec<Notification> = rows
            .into_iter()
            // The same rule as when it was written and sent: every record
            // it copies from readable, or, naming none, its level.
            .filter(|r| {
                if r.records.is_empty() {
                    shared::Visibility::parse(&r.level).is_some_and(|l| actor.viewer.can_read(l))
                } else {
                    r.records.iter().all(|rec| readable.contains(rec))
                }
            })
            .filter_map(|r| {
                Some(Notification {
                    id: crate::store::rows::record_key(&r.id),
                    kind: NotificationKind::parse(&r.kind).ok()?,
                    title: r.title,
                    href: r.href,
                    created_at: r
                        .created_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    read: r.read_at.is_some(),
                })
            })
            .collect();
        let unread = items.iter().filter(|n| !n.read).count() as u64;
        Ok(NotificationList { items, unread })
    }

    async fn mark_read(
        &self,
        actor: &Actor,
        id: Option<&str>,
    ) -> Result<Option<String>, WorkError> {
        let user = user_record(&actor.user.id);
        let target = format!("user:{}", actor.user.id);
        match id {
            None => {
                let event = AuditEvent::by(actor, "notification.read", target)
                    .after(json!({ "all": true }));
                let query = self.db.query(format!(
                    "BEGIN TRANSACTION;
                     UPDATE notification SET read_at = time::now() WHERE user = $user AND read_at = NONE;
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;"
                ));
                self.audited(query.bind(("user", user)), event).await?;
                Ok(None)
            }
            Some(key) => {
                if key.len() > 64 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(WorkError::NotFound);
                }
                // Someone else's notification answers as a missing one.
                #[derive(SurrealValue)]
                struct One {
                    href: String,
                    records: Vec<RecordId>,
                    level: String,
                }
                let one: Option<One> = self
                    .db
                    .query(
                        "SELECT href, records, level FROM ONLY type::record('notification', $key)
                         WHERE user = $user",
                    )
                    .bind(("key", key.to_owned()))
                    .bind(("user", user.clone()))
                    .await
                    .and_then(|mut r| r.take(0))
                    .map_err(|e| WorkError::Store(internal(e)))?;
                let one = one.ok_or(WorkError::NotFound)?;
                // One that left the list (a record made more closed) is gone.
                if !self
                    .reads_all(
                        &actor.viewer,
                        &user_record(&actor.user.id),
                        actor.user.role.handles_alerts(),
                        &one.records,
                        &one.level,
                    )
                    .await?
                {
                    return Err(WorkError::NotFound);
                }
                let href = one.href;
                let event = AuditEvent::by(actor, "notification.read", target)
                    .after(json!({ "notification": key }));
                let query = self.db.query(format!(
                    "BEGIN TRANSACTION;
                     UPDATE type::record('notification', $key) SET read_at = read_at ?? time::now()
                        WHERE user = $user;
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;"
                ));
                self.audited(
                    query.bind(("key", key.to_owned())).bind(("user", user)),
                    event,
                )
                .await?;
                Ok(Some(href))
            }
        }
    }

    async fn notification_settings(
        &self,
        actor: &Actor,
    ) -> Result<NotificationSettings, StoreError> {
        #[derive(SurrealValue)]
        struct Setting {
            kind: String,
            delivery: String,
        }
        let mut response = self
            .db
            .query(
                "SELECT VALUE language FROM ONLY $user;
                 SELECT kind, delivery FROM notification_setting WHERE user = $user;",
            )
            .bind(("user", user_record(&actor.user.id)))
            .await
            .map_err(internal)?;
        let language: Option<String> = response.take(0).map_err(internal)?;
        let stored: Vec<Setting> = response.take(1).map_err(internal)?;
        let deliveries = NotificationKind::chosen()
            .map(|k| {
                let chosen = stored
                    .iter()
                    .find(|s| s.kind == k.as_str())
                    .and_then(|s| Delivery::parse(&s.delivery).ok());
                (k, chosen.unwrap_or_else(|| k.default_delivery()))
            })
            .collect();
        Ok(NotificationSettings {
            language,
            deliveries,
        })
    }

    async fn save_notification_settings(
        &self,
        actor: &Actor,
        settings: &NotificationSettings,
    ) -> Result<(), WorkError> {
        let rows: Vec<serde_json::Value> = settings
            .deliveries
            .iter()
            .filter(|(k, _)| !k.is_account_mail())
            .map(|(k, d)| json!({ "kind": k.as_str(), "delivery": d.as_str() }))
            .collect();
        let event = AuditEvent::by(
            actor,
            "notification.settings",
            format!("user:{}", actor.user.id),
        )
        .after(json!({ "language": settings.language, "deliveries": rows }));
        let kinds: Vec<String> = settings
            .deliveries
            .iter()
            .filter(|(k, _)| !k.is_account_mail())
            .map(|(k, _)| k.as_str().to_owned())
            .collect();
        let deliveries: Vec<String> = settings
            .deliveries
            .iter()
            .filter(|(k, _)| !k.is_account_mail())
            .map(|(_, d)| d.as_str().to_owned())
            .collect();
        let query = self.db.query(format!(
            "BEGIN TRANSACTION;
             UPDATE $user SET language = $language;
             FOR $i IN array::range(0, array::len($kinds)) {{
                 UPSERT notification_setting SET user = $user, kind = $kinds[$i], delivery = $deliveries[$i]
                     WHERE user = $user AND kind = $kinds[$i];
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        ));
        let query = query
            .bind(("user", user_record(&actor.user.id)))
            .bind(("language", settings.language.clone()))
            .bind(("kinds", kinds))
            .bind(("deliveries", deliveries));
        self.audited(query, event).await
    }

    async fn unsubscribe(&self, raw: &str) -> Result<Option<NotificationKind>, StoreError> {
        #[derive(SurrealValue)]
        struct Link {
            user: RecordId,
            kind: String,
        }
        let link: Option<Link> = self
            .db
            .query("SELECT user, kind FROM unsubscribe WHERE token_hash = $hash LIMIT 1")
            .bind(("hash", token::digest(raw)))
            .await
            .and_then(|mut r| r.take::<Vec<Link>>(0))
            .map_err(internal)?
            .into_iter()
            .next();
        let Some(link) = link else { return Ok(None) };
        let Ok(kind) = NotificationKind::parse(&link.kind) else {
            return Ok(None);
        };
        if kind == NotificationKind::Digest {
            return self
                .unsubscribe_digest(&link.user)
                .await
                .map(|()| Some(kind));
        }
        // Already off: nothing to write (a link posted again and again does
        // not fill the audit log).
        let current: Option<String> = self
            .db
            .query(
                "SELECT VALUE delivery FROM notification_setting WHERE user = $user AND kind = $kind",
            )
            .bind(("user", link.user.clone()))
            .bind(("kind", kind.as_str()))
            .await
            .and_then(|mut r| r.take::<Vec<String>>(0))
            .map_err(internal)?
            .into_iter()
            .next();
        if current.as_deref() == Some("never") {
            return Ok(Some(kind));
        }
        let event = AuditEvent::of("notification.unsubscribe")
            .actor_id(
                shared::UserId::parse(&crate::store::rows::record_key(&link.user))
                    .map_err(internal)?,
            )
            .on(crate::store::rows::record_text(&link.user))
            .after(json!({ "kind": kind.as_str(), "delivery": "never", "via": "e-mail link" }));
        let query = self.db.query(format!(
            "BEGIN TRANSACTION;
             UPSERT notification_setting SET user = $user, kind = $kind, delivery = 'never'
                 WHERE user = $user AND kind = $kind;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        ));
        let query = query
            .bind(("user", link.user.clone()))
            .bind(("kind", kind.as_str()));
        self.audited(query, event).await.map_err(|e| match e {
            WorkError::Store(s) => s,
            other => internal(other.to_string()),
        })?;
        Ok(Some(kind))
    }
}

impl SurrealStore {
    /// The digest's link: every kind its reader gets in the digest is
    /// turned off (what comes at once stays as it is).
    async fn unsubscribe_digest(&self, user: &RecordId) -> Result<(), StoreError> {
        let daily: Vec<String> = self
            .db
            .query(
                "SELECT VALUE kind FROM notification_setting WHERE user = $user AND delivery = 'daily'",
            )
            .bind(("user", user.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        // Already off: nothing to write.
        if daily.is_empty() {
            return Ok(());
        }
        let event = AuditEvent::of("notification.unsubscribe")
            .actor_id(
                shared::UserId::parse(&crate::store::rows::record_key(user)).map_err(internal)?,
            )
            .on(crate::store::rows::record_text(user))
            .after(json!({ "kinds": daily, "delivery": "never", "via": "digest link" }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 UPDATE notification_setting SET delivery = 'never'
                     WHERE user = $user AND delivery = 'daily';
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("user", user.clone()));
        self.audited(query, event).await.map_err(|e| match e {
            WorkError::Store(s) => s,
            other => internal(other.to_string()),
        })
    }
}
