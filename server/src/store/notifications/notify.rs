//! Writing notifications with the change they tell of: for each candidate
//! recipient, their clearance is checked against what the notice names
//! (the strictest level of the records it copies from), the words are
//! written in their language, and, when they chose to hear of this kind at
//! once, an e-mail goes to the outbox with a link that turns the kind off.
//! The rows are bound into the change's own transaction ([`NOTIFY_INSERT`]).

use super::outbox::{Mail, Row as OutboxRow};
use crate::security::token;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use app::notifications::words::{self, Words};
use shared::{Delivery, NotificationKind, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

/// Appended to a write's transaction: the notifications bound as
/// `$notifications`, their e-mails as `$outbox`, their unsubscribe links as
/// `$unsubscribes`.
pub(in crate::store) const NOTIFY_INSERT: &str = "
    IF array::len($notifications) > 0 { INSERT INTO notification $notifications; };
    IF array::len($unsubscribes) > 0 { INSERT INTO unsubscribe $unsubscribes; };
    IF array::len($outbox) > 0 { INSERT INTO outbox $outbox; };";

/// What happened, as every recipient will be told.
pub(in crate::store) struct Notice<'a> {
    pub kind: NotificationKind,
    /// A path of this site.
    pub href: String,
    /// The records it copies from, `table:key`.
    pub records: Vec<String>,
    /// Records it copies from that the same transaction creates: when the
    /// notice is written, only their level is checked (they are not there
    /// yet); when it is sent and read, they are checked like the others.
    pub created: Vec<String>,
    /// The strictest level among them.
    pub level: Visibility,
    pub words: &'a (dyn Fn(app::i18n::Locale) -> Words + Sync),
}

#[derive(Debug, SurrealValue)]
pub(in crate::store) struct NotificationRow {
    user: RecordId,
    kind: String,
    title: String,
    href: String,
    records: Vec<RecordId>,
    level: String,
    delivery: String,
}

#[derive(Debug, SurrealValue)]
pub(in crate::store) struct UnsubscribeRow {
    pub token_hash: String,
    pub user: RecordId,
    pub kind: String,
}

/// The rows a notice makes, ready to bind.
#[derive(Default)]
pub(in crate::store) struct Notices {
    pub notifications: Vec<NotificationRow>,
    pub outbox: Vec<OutboxRow>,
    pub unsubscribes: Vec<UnsubscribeRow>,
}

impl Notices {
    /// These and `other`, written in one transaction.
    pub fn extend(&mut self, other: Notices) {
        self.notifications.extend(other.notifications);
        self.outbox.extend(other.outbox);
        self.unsubscribes.extend(other.unsubscribes);
    }

    /// Binds the rows for [`NOTIFY_INSERT`].
    pub fn bind<'q, C: surrealdb::Connection>(
        self,
        query: surrealdb::method::Query<'q, C>,
    ) -> surrealdb::method::Query<'q, C> {
        query
            .bind(("notifications", self.notifications))
            .bind(("outbox", self.outbox))
            .bind(("unsubscribes", self.unsubscribes))
    }
}

#[derive(Debug, SurrealValue)]
struct Candidate {
    id: RecordId,
    email: String,
    role: String,
    language: Option<String>,
    delivery: Option<String>,
    grants: Vec<RecordId>,
}

impl SurrealStore {
    /// The rows telling `notice` to each of `users` who may read what it
    /// names (disabled accounts and `except`, the one who acted, left out).
    pub(in crate::store) async fn notices(
        &self,
        users: Vec<RecordId>,
        except: Option<&shared::UserId>,
        notice: &Notice<'_>,
    ) -> Result<Notices, StoreError> {
        let except = except.map(|u| RecordId::new("user", u.as_str()));
        let users: Vec<RecordId> = users
            .into_iter()
            .filter(|u| Some(u) != except.as_ref())
            .collect();
        if users.is_empty() {
            return Ok(Notices::default());
        }
        let candidates: Vec<Candidate> = self
            .db
            .query(
                "SELECT id, email, role, language,
                    (SELECT VALUE delivery FROM notification_setting
                        WHERE user = $parent.id AND kind = $kind)[0] AS delivery,
                    (SELECT VALUE target FROM access_grant WHERE user = $parent.id) AS grants
                 FROM $users WHERE disabled = false",
            )
            .bind(("users", users))
            .bind(("kind", notice.kind.as_str()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let records: Vec<RecordId> = notice
            .records
            .iter()
            .filter_map(|r| super::record(r))
            .collect();
        let created: Vec<RecordId> = notice
            .created
            .iter()
            .filter_map(|r| super::record(r))
            .collect();
        // Only a record this transaction makes skips the check of itself.
        if !created.is_empty() {
            let existing: Vec<RecordId> = self
                .db
                .query("SELECT VALUE id FROM $created")
                .bind(("created", created.clone()))
                .await
                .and_then(|mut r| r.take(0))
                .map_err(internal)?;
            if !existing.is_empty() {
                return Err(internal(format!(
                    "a notice names {existing:?} as new, and it exists"
                )));
            }
        }
        let named: Vec<RecordId> = records.iter().chain(&created).cloned().collect();
        let named_text: Vec<String> = notice
            .records
            .iter()
            .chain(&notice.created)
            .cloned()
            .collect();
        let mut out = Notices::default();
        for c in candidates {
            let Some(viewer) = super::recipient_viewer(&c.role, &c.grants) else {
                continue;
            };
            // Checked when written (here) and again when sent, by the same
            // rule: every record it copies from readable as this recipient.
            if !self
                .reads_all(
                    &viewer,
                    &c.id,
                    shared::Role::parse(&c.role).is_ok_and(|r| r.handles_alerts()),
                    &records,
                    notice.level.as_str(),
                )
                .await?
            {
                continue;
            }
            let lang = words::locale(c.language.as_deref());
            let said = (notice.words)(lang);
            // What is restricted stays in the platform: its e-mail says only
            // that there is something to read, and where.
            let mailed = if !notice.kind.mails_its_words(notice.level) {
                words::generic(lang)
            } else {
                said.clone()
            };
            let delivery = c
                .delivery
                .as_deref()
                .and_then(|d| Delivery::parse(d).ok())
                .unwrap_or_else(|| notice.kind.default_delivery());
            out.notifications.push(NotificationRow {
                user: c.id.clone(),
                kind: notice.kind.as_str().to_owned(),
                title: said.title.chars().take(300).collect(),
                href: notice.href.clone(),
                records: named.clone(),
                level: notice.level.as_str().to_owned(),
                delivery: delivery.as_str().to_owned(),
            });
            if delivery == Delivery::Immediately {
                let raw = token::new_token().map_err(internal)?;
                out.unsubscribes.push(UnsubscribeRow {
                    token_hash: token::digest(&raw),
                    user: c.id.clone(),
                    kind: notice.kind.as_str().to_owned(),
                });
                let mut rows = self.outbox_rows(&[Mail {
                    user: Some(
                        shared::UserId::parse(&crate::store::rows::record_key(&c.id))
                            .map_err(internal)?,
                    ),
                    to: c.email.clone(),
                    lang: app::locale::code(lang).to_owned(),
                    kind: notice.kind,
                    subject: mailed.title.chars().take(300).collect(),
                    text: format!(
                        "{}\n\n{}\n\n-- \n{}\n",
                        mailed.text,
                        notice.href,
                        words::footer(lang)
                    ),
                    secret_path: None,
                    records: named_text.clone(),
                    level: notice.level,
                }])?;
                for row in &mut rows {
                    row.unsubscribe = Some(format!("/unsubscribe/{raw}"));
                }
                out.outbox.extend(rows);
            }
        }
        Ok(out)
    }
}
