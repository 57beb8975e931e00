//! The daily digest: once a day, each reader who chose it for some kinds of
//! notices gets one e-mail listing those not mailed yet. The day's run is a
//! record of its own, created in the transaction that writes the digests,
//! so a restart, or a second server, never sends a day's digest twice.

use super::notify::UnsubscribeRow;
use super::outbox::{Mail, OUTBOX_INSERT};
use super::recipient_viewer;
use crate::security::token;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use app::notifications::words::{self, DigestLine};
use shared::{NotificationKind, Visibility};
use std::collections::BTreeMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct Waiting {
    id: RecordId,
    user: RecordId,
    kind: String,
    title: String,
    href: String,
    records: Vec<RecordId>,
    level: String,
}

#[derive(Debug, SurrealValue)]
struct Reader {
    id: RecordId,
    email: String,
    role: String,
    language: Option<String>,
    grants: Vec<RecordId>,
}

impl SurrealStore {
    /// Writes the digests of `day` (a UTC date, `YYYY-MM-DD`) into the
    /// outbox, unless that day's were written already; answers how many.
    /// A notice its reader may no longer read is left out, and marked as
    /// done with, like the others.
    pub async fn write_digests(&self, day: &str) -> Result<usize, StoreError> {
        let done: Option<RecordId> = self
            .db
            .query("SELECT VALUE id FROM ONLY type::record('digest_run', $day)")
            .bind(("day", day.to_owned()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        if done.is_some() {
            return Ok(0);
        }
        let waiting: Vec<Waiting> = self
            .db
            .query(
                "SELECT id, user, kind, title, href, records, level FROM notification
                 WHERE delivery = 'daily' AND mailed_at = NONE ORDER BY created_at",
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let mut by_user: BTreeMap<String, Vec<Waiting>> = BTreeMap::new();
        for w in waiting {
            by_user
                .entry(crate::store::rows::record_text(&w.user))
                .or_default()
                .push(w);
        }
        let users: Vec<RecordId> = by_user
            .values()
            .filter_map(|v| v.first().map(|w| w.user.clone()))
            .collect();
        let readers: Vec<Reader> = self
            .db
            .query(
                "SELECT id, email, role, language,
                    (SELECT VALUE target FROM access_grant WHERE user = $parent.id) AS grants
                 FROM $users WHERE disabled = false",
            )
            .bind(("users", users))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let mut done_with: Vec<RecordId> = by_user
            .values()
            .flat_map(|v| v.iter().map(|w| w.id.clone()))
            .collect();
        done_with.sort_by_key(crate::store::rows::record_text);
        let mut outbox = Vec::new();
        let mut unsubscribes = Vec::new();
        for reader in readers {
            let Some(viewer) = recipient_viewer(&reader.role, &reader.grants) else {
                continue;
            };
            let Some(notices) = by_user.get(&crate::store::rows::record_text(&reader.id)) else {
                continue;
            };
            let lang = words::locale(reader.language.as_deref());
            let mut lines = Vec::new();
            let mut records: Vec<RecordId> = Vec::new();
            let mut level = Visibility::Public;
            for n in notices {
                // Checked again now, by the rule the notice was written by.
                if !self.reads_all(&viewer, &n.records, &n.level).await? {
                    continue;
                }
                let notice_level = Visibility::parse(&n.level).unwrap_or(Visibility::Restricted);
                let kind = NotificationKind::parse(&n.kind).unwrap_or(NotificationKind::NewAlert);
                lines.push(DigestLine {
                    title: kind.mails_its_words(notice_level).then(|| n.title.clone()),
                    href: n.href.clone(),
                });
                records.extend(n.records.iter().cloned());
                level = level.max(notice_level);
            }
            if lines.is_empty() {
                continue;
            }
            let said = words::digest(lang, &lines);
            let raw = token::new_token().map_err(internal)?;
            unsubscribes.push(UnsubscribeRow {
                token_hash: token::digest(&raw),
                user: reader.id.clone(),
                kind: NotificationKind::Digest.as_str().to_owned(),
            });
            records.sort_by_key(crate::store::rows::record_text);
            records.dedup();
            let mut rows = self.outbox_rows(&[Mail {
                user: Some(
                    shared::UserId::parse(&crate::store::rows::record_key(&reader.id))
                        .map_err(internal)?,
                ),
                to: reader.email.clone(),
                lang: app::locale::code(lang).to_owned(),
                kind: NotificationKind::Digest,
                subject: said.title.chars().take(300).collect(),
                text: format!("{}\n\n-- \n{}\n", said.text, words::footer(lang)),
                secret_path: None,
                records: records
                    .iter()
                    .map(crate::store::rows::record_text)
                    .collect(),
                level,
            }])?;
            for row in &mut rows {
                row.unsubscribe = Some(format!("/unsubscribe/{raw}"));
            }
            outbox.extend(rows);
        }
        let written = outbox.len();
        let response = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE type::record('digest_run', $day) CONTENT {{ day: $day }};
                 {OUTBOX_INSERT};
                 IF array::len($unsubscribes) > 0 {{ INSERT INTO unsubscribe $unsubscribes; }};
                 UPDATE $done SET mailed_at = time::now() WHERE mailed_at = NONE;
                 COMMIT TRANSACTION;"
            ))
            .bind(("day", day.to_owned()))
            .bind(("outbox", outbox))
            .bind(("unsubscribes", unsubscribes))
            .bind(("done", done_with))
            .await
            .map_err(internal)?;
        match response.check() {
            Ok(_) => Ok(written),
            Err(e) => {
                // Another server wrote this day's digests first: its run
                // is there, and this transaction wrote nothing.
                let run: Option<RecordId> = self
                    .db
                    .query("SELECT VALUE id FROM ONLY type::record('digest_run', $day)")
                    .bind(("day", day.to_owned()))
                    .await
                    .and_then(|mut r| r.take(0))
                    .map_err(internal)?;
                match run {
                    Some(_) => Ok(0),
                    None => Err(internal(e)),
                }
            }
        }
    }
}
