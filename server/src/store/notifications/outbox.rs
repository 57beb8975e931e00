//! The e-mail outbox: messages are written in the transaction of the change
//! they tell of ([`OUTBOX_INSERT`]), and the sender (`crate::mail`) claims
//! the due ones, sends them and records the outcome here. A link carrying a
//! secret is sealed with the server's key, opened only to be sent, and
//! erased once sent. Before each send, the recipient's clearance is checked
//! again against what the message names.

use crate::security::secret_key::Binding;
use crate::security::token;
use crate::store::visibility::READABLE;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{NotificationKind, OutboxEntry, OutboxStatus, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

/// Appended to a write's transaction: the messages bound as `$outbox`.
pub(in crate::store) const OUTBOX_INSERT: &str =
    "IF array::len($outbox) > 0 { INSERT INTO outbox $outbox; }";

/// What a notice may name for its reader (`$me`, `$handler`): a record
/// they read, and an alert only if they handle alerts or sent it.
pub(in crate::store) fn named_readable() -> String {
    format!("{READABLE} AND (record::tb(id) != 'alert' OR $handler OR sent_by = $me)")
}

/// After this long (by default), a message claimed by a sender that never
/// said how it went (it was killed) is taken up again.
pub const CLAIM_TIMEOUT_SECONDS: u64 = 120;

/// A message to put in the outbox, written in its recipient's language.
#[derive(Debug, Clone)]
pub struct Mail {
    pub user: Option<shared::UserId>,
    pub to: String,
    pub lang: String,
    pub kind: NotificationKind,
    pub subject: String,
    /// Plain text; `{link}` stands for the secret link, when there is one.
    pub text: String,
    /// A path of this site carrying a secret (`/invite/<token>`).
    pub secret_path: Option<String>,
    /// The records it names, `table:key`.
    pub records: Vec<String>,
    pub level: Visibility,
}

#[derive(Debug, SurrealValue)]
pub(in crate::store) struct Row {
    id: RecordId,
    user: Option<RecordId>,
    to: String,
    lang: String,
    kind: String,
    subject: String,
    text: String,
    sealed_link: Option<String>,
    records: Vec<RecordId>,
    level: String,
    status: String,
    /// The path that turns this kind off for the recipient.
    pub(in crate::store) unsubscribe: Option<String>,
}

/// A claimed message, ready for the sender.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub key: String,
    pub to: String,
    pub lang: String,
    pub kind: NotificationKind,
    pub subject: String,
    /// With the secret link, if any, in place.
    pub text: String,
    pub attempts: u32,
    /// The path that turns this kind off (notifications, not account mail).
    pub unsubscribe: Option<String>,
}

/// Why a claimed message is not sent after all.
pub enum Verdict {
    Send(Outgoing),
    /// The recipient may no longer read what it names, or left.
    Drop(String),
}

#[derive(Debug, SurrealValue)]
struct Claimed {
    id: RecordId,
    user: Option<RecordId>,
    to: String,
    lang: String,
    kind: String,
    subject: String,
    text: String,
    sealed_link: Option<String>,
    records: Vec<RecordId>,
    level: String,
    attempts: i64,
    unsubscribe: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct Recipient {
    role: String,
    disabled: bool,
    grants: Vec<RecordId>,
}

#[derive(Debug, SurrealValue)]
struct EntryRow {
    key: String,
    kind: String,
    to: String,
    subject: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    next_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl SurrealStore {
    /// The rows of `mails`, for `$outbox`: each with its own key, its
    /// secret link sealed to that key.
    pub(in crate::store) fn outbox_rows(&self, mails: &[Mail]) -> Result<Vec<Row>, StoreError> {
        mails
            .iter()
            .map(|m| {
                let key = token::new_token().map_err(internal)?;
                let key: String = key.chars().take(32).collect();
                let record_name = format!("outbox:{key}");
                let sealed_link = m
                    .secret_path
                    .as_deref()
                    .map(|path| {
                        self.secret_key.seal(
                            path,
                            Binding {
                                record: &record_name,
                                field: "sealed_link",
                            },
                        )
                    })
                    .transpose()
                    .map_err(internal)?;
                Ok(Row {
                    id: RecordId::new("outbox", key.as_str()),
                    user: m.user.as_ref().map(|u| RecordId::new("user", u.as_str())),
                    to: m.to.clone(),
                    lang: m.lang.clone(),
                    kind: m.kind.as_str().to_owned(),
                    subject: m.subject.clone(),
                    text: m.text.clone(),
                    sealed_link,
                    records: m.records.iter().filter_map(|r| super::record(r)).collect(),
                    level: m.level.as_str().to_owned(),
                    status: "pending".into(),
                    unsubscribe: None,
                })
            })
            .collect()
    }

    /// Claims up to `limit` due messages for this sender: pending ones whose
    /// time has come, and those a killed sender claimed long ago. Each is
    /// then checked against its recipient as they are now. A claim older
    /// than `claim_timeout_s` seconds is a dead sender's.
    pub async fn claim_due_mail(
        &self,
        limit: usize,
        claim_timeout_s: u64,
    ) -> Result<Vec<Verdict>, StoreError> {
        let claimed: Vec<Claimed> = self
            .db
            .query(
                "LET $due = (SELECT VALUE id FROM outbox
                    WHERE attempts < 10 AND ((status = 'pending' AND next_at <= time::now())
                       OR (status = 'sending' AND claimed_at < time::now() - <duration> string::concat($timeout, 's')))
                    ORDER BY next_at LIMIT $limit);
                 UPDATE $due SET status = 'sending', claimed_at = time::now(), attempts += 1
                    WHERE status = 'pending'
                       OR (status = 'sending' AND claimed_at < time::now() - <duration> string::concat($timeout, 's'))
                    RETURN id, user, to, lang, kind, subject, text, sealed_link, records, level, attempts,
                        unsubscribe;
                 -- Claimed and never answered too often: a failure the admin sees.
                 UPDATE outbox SET status = 'failed', sealed_link = NONE,
                        last_error = 'claimed ten times by senders that never answered'
                    WHERE status = 'sending' AND attempts >= 10
                      AND claimed_at < time::now() - <duration> string::concat($timeout, 's');",
            )
            .bind(("limit", limit as i64))
            .bind(("timeout", claim_timeout_s.max(1).to_string()))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?
            .take(1)
            .map_err(internal)?;
        let mut out = Vec::new();
        for c in claimed {
            let key = crate::store::rows::record_key(&c.id);
            // One message that cannot be prepared (a link sealed with
            // another key) fails alone; the others go.
            match self.verdict(c).await {
                Ok(v) => out.push(v),
                Err(e) => {
                    tracing::error!(outbox = %key, error = %e, "a message could not be prepared");
                    self.db
                        .query(
                            "UPDATE type::record('outbox', $key) SET status = 'failed',
                                last_error = 'the message could not be prepared', sealed_link = NONE",
                        )
                        .bind(("key", key))
                        .await
                        .and_then(|r| r.check())
                        .map_err(internal)?;
                }
            }
        }
        Ok(out)
    }

    async fn verdict(&self, c: Claimed) -> Result<Verdict, StoreError> {
        let key = crate::store::rows::record_key(&c.id);
        let kind = NotificationKind::parse(&c.kind).map_err(internal)?;
        if let Some(user) = &c.user {
            let who: Option<Recipient> = self
                .db
                .query(
                    "SELECT role, disabled,
                        (SELECT VALUE target FROM access_grant WHERE user = $parent.id) AS grants
                     FROM ONLY $user",
                )
                .bind(("user", user.clone()))
                .await
                .and_then(|mut r| r.take(0))
                .map_err(internal)?;
            let Some(who) = who.filter(|w| !w.disabled) else {
                return Ok(Verdict::Drop(key));
            };
            let viewer = super::recipient_viewer(&who.role, &who.grants)
                .ok_or_else(|| internal(format!("a user with the role {:?}", who.role)))?;
            let handler = shared::Role::parse(&who.role).is_ok_and(|r| r.handles_alerts());
            if !self
                .reads_all(&viewer, user, handler, &c.records, &c.level)
                .await?
            {
                return Ok(Verdict::Drop(key));
            }
        } else if !c.records.is_empty() || c.level != "public" {
            // A message to an address without an account names nothing
            // beyond the public.
            return Ok(Verdict::Drop(key));
        }
        let mut text = c.text;
        if let Some(sealed) = &c.sealed_link {
            let record_name = format!("outbox:{key}");
            let path = self
                .secret_key
                .open(
                    sealed,
                    Binding {
                        record: &record_name,
                        field: "sealed_link",
                    },
                )
                .map_err(internal)?;
            text = text.replace("{link}", &path);
        }
        Ok(Verdict::Send(Outgoing {
            key,
            to: c.to,
            lang: c.lang,
            kind,
            subject: c.subject,
            text,
            attempts: c.attempts.max(0) as u32,
            unsubscribe: c.unsubscribe,
        }))
    }

    /// Whether `viewer`, the user `me` (`handler`: one who handles alerts),
    /// reads every record named, and the level they share. An alert is read
    /// by the secretariat and its sender only, whatever a clearance opens.
    pub(in crate::store) async fn reads_all(
        &self,
        viewer: &Viewer,
        me: &RecordId,
        handler: bool,
        records: &[RecordId],
        level: &str,
    ) -> Result<bool, StoreError> {
        let level = Visibility::parse(level).unwrap_or(Visibility::Restricted);
        if records.is_empty() {
            return Ok(viewer.can_read(level));
        }
        let readable: Vec<RecordId> = self
            .query_for(
                viewer,
                format!("SELECT VALUE id FROM $records WHERE {}", named_readable()),
            )
            .bind(("records", records.to_vec()))
            .bind(("me", me.clone()))
            .bind(("handler", handler))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(readable.len() == records.len())
    }

    /// Sent: the secret link is erased with the claim.
    pub async fn mail_sent(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .query(
                "UPDATE type::record('outbox', $key) SET status = 'sent', sent_at = time::now(),
                    sealed_link = NONE, unsubscribe = NONE, last_error = NONE",
            )
            .bind(("key", key.to_owned()))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        Ok(())
    }

    /// Not sent this time: tried again after a while, or failed for good.
    pub async fn mail_not_sent(
        &self,
        key: &str,
        attempts: u32,
        error: &str,
    ) -> Result<(), StoreError> {
        let error: String = error.chars().take(1000).collect();
        let query = match shared::notification::retry_after_seconds(attempts) {
            Some(wait) => self
                .db
                .query(
                    "UPDATE type::record('outbox', $key) SET status = 'pending', last_error = $error,
                        next_at = time::now() + <duration> string::concat($wait, 's')",
                )
                .bind(("wait", wait.to_string())),
            // The sealed link stays: an admin may send it again.
            None => self.db.query(
                "UPDATE type::record('outbox', $key) SET status = 'failed', last_error = $error",
            ),
        };
        query
            .bind(("key", key.to_owned()))
            .bind(("error", error))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        Ok(())
    }

    /// Not for its recipient any more: kept, never sent.
    pub async fn mail_dropped(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .query(
                "UPDATE type::record('outbox', $key) SET status = 'dropped', sealed_link = NONE,
                    last_error = 'the recipient may no longer read what it names'",
            )
            .bind(("key", key.to_owned()))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl app::notifications::store::Outbox for SurrealStore {
    async fn outbox(&self) -> Result<shared::OutboxView, StoreError> {
        let mut response = self
            .db
            .query(
                "SELECT status, count() AS n FROM outbox GROUP BY status;
                 SELECT record::id(id) AS key, kind, to, subject, status, attempts, last_error,
                        created_at, next_at
                    FROM outbox WHERE status IN ['failed', 'pending', 'sending', 'dropped']
                    ORDER BY created_at DESC LIMIT 100;",
            )
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        #[derive(SurrealValue)]
        struct Count {
            status: String,
            n: i64,
        }
        let counts: Vec<Count> = response.take(0).map_err(internal)?;
        let rows: Vec<EntryRow> = response.take(1).map_err(internal)?;
        let count = |s: &str| {
            counts
                .iter()
                .find(|c| c.status == s)
                .map_or(0, |c| c.n.max(0) as u64)
        };
        let mut attention: Vec<OutboxEntry> = rows
            .into_iter()
            .filter_map(|r| {
                Some(OutboxEntry {
                    id: r.key,
                    kind: NotificationKind::parse(&r.kind).ok()?,
                    to: r.to,
                    subject: r.subject,
                    status: OutboxStatus::parse(&r.status).ok()?,
                    attempts: r.attempts.max(0) as u32,
                    last_error: r.last_error,
                    created_at: r
                        .created_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    next_at: r
                        .next_at
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                })
            })
            .collect();
        // Failed first: they need someone.
        attention.sort_by_key(|e| e.status != OutboxStatus::Failed);
        Ok(shared::OutboxView {
            relay: None,
            pending: count("pending") + count("sending"),
            sent: count("sent"),
            failed: count("failed"),
            dropped: count("dropped"),
            attention,
        })
    }

    async fn retry_mail(
        &self,
        actor: &app::accounts::Actor,
        key: &str,
    ) -> Result<(), app::error::WorkError> {
        use crate::store::audit::{AuditEvent, AUDIT_INSERT};
        if key.len() > 64 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(app::error::WorkError::NotFound);
        }
        let event = AuditEvent::by(actor, "outbox.retry", format!("outbox:{key}"));
        let query = self.db.query(format!(
            "BEGIN TRANSACTION;
             LET $mail = type::record('outbox', $key);
             IF (SELECT VALUE status FROM ONLY $mail) != 'failed' {{ THROW 'not-found' }};
             UPDATE $mail SET status = 'pending', attempts = 0, next_at = time::now();
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        ));
        self.audited(query.bind(("key", key.to_owned())), event)
            .await
    }
}
