//! The daily digest: once a day, each reader who chose it for some kinds of
//! notices gets one e-mail listing those not mailed yet. Each reader's
//! digest is written in a transaction of its own with a record naming the
//! day and the reader, so a restart, or a second server, never writes it
//! twice, and one reader's failure stops nobody else's; a record of the day
//! says when every reader was done.

use super::notify::UnsubscribeRow;
use super::outbox::{Mail, OUTBOX_INSERT};
use super::recipient_viewer;
use crate::security::token;
use crate::store::rows::{record_key, record_text};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use app::notifications::words::{self, DigestLine};
use shared::{NotificationKind, Visibility};
use std::collections::BTreeMap;
use surrealdb::types::{RecordId, SurrealValue};

/// At most this many notices are listed in one digest; the others are in
/// the reader's list in the platform, which the digest links to.
const LINES_MAX: usize = 100;

#[derive(Debug, SurrealValue)]
struct Waiting {
    id: RecordId,
    user: RecordId,
    kind: String,
    title: String,
    href: String,
    records: Vec<RecordId>,
    level: String,
    /// The reader's choice for this kind now (it may have changed since).
    now: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct Reader {
    id: RecordId,
    email: String,
    role: String,
    language: Option<String>,
    grants: Vec<RecordId>,
}

fn day_record(day: &str) -> RecordId {
    RecordId::new("digest_run", day)
}

impl SurrealStore {
    /// Whether this run (a day's, or a reader's on a day) was written.
    async fn run_written(&self, run: RecordId) -> Result<bool, StoreError> {
        let found: Option<RecordId> = self
            .db
            .query("SELECT VALUE id FROM ONLY $run")
            .bind(("run", run))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(found.is_some())
    }

    /// Writes the digests of `day` (a UTC date, `YYYY-MM-DD`) into the
    /// outbox, for the readers whose digest of that day is not written yet;
    /// answers how many were written. A notice its reader may no longer
    /// read, or whose kind they have turned off since, is left out and done
    /// with like the others.
    pub async fn write_digests(&self, day: &str) -> Result<usize, StoreError> {
        if self.run_written(day_record(day)).await? {
            return Ok(0);
        }
        let waiting: Vec<Waiting> = self
            .db
            .query(
                "SELECT id, user, kind, title, href, records, level,
                    (SELECT VALUE delivery FROM notification_setting
                        WHERE user = $parent.user AND kind = $parent.kind)[0] AS now
                 FROM notification
                 WHERE delivery = 'daily' AND mailed_at = NONE ORDER BY created_at",
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let mut by_user: BTreeMap<String, Vec<Waiting>> = BTreeMap::new();
        for w in waiting {
            by_user.entry(record_text(&w.user)).or_default().push(w);
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
        let mut written = 0;
        let mut failed = 0;
        for reader in readers {
            let Some(notices) = by_user.get(&record_text(&reader.id)) else {
                continue;
            };
            match self.write_digest(day, &reader, notices).await {
                Ok(true) => written += 1,
                Ok(false) => {}
                Err(e) => {
                    failed += 1;
                    tracing::error!(user = %record_text(&reader.id), error = %e, "a daily digest could not be written");
                }
            }
        }
        // The day is done once every reader's is; otherwise the next look
        // tries those that failed again (the others are not written twice).
        if failed == 0 {
            self.db
                .query("CREATE $run CONTENT { day: $day }")
                .bind(("run", day_record(day)))
                .bind(("day", day.to_owned()))
                .await
                .map_err(internal)?;
        }
        Ok(written)
    }

    /// One reader's digest; `false` when it was written before (by this
    /// server or another) or has nothing to say.
    async fn write_digest(
        &self,
        day: &str,
        reader: &Reader,
        notices: &[Waiting],
    ) -> Result<bool, StoreError> {
        let Some(viewer) = recipient_viewer(&reader.role, &reader.grants) else {
            return Ok(false);
        };
        let run = RecordId::new("digest_run", format!("{day}-{}", record_key(&reader.id)));
        if self.run_written(run.clone()).await? {
            return Ok(false);
        }
        let handler = shared::Role::parse(&reader.role).is_ok_and(|r| r.handles_alerts());
        let lang = words::locale(reader.language.as_deref());
        let mut lines = Vec::new();
        let mut more = 0;
        let mut records: Vec<RecordId> = Vec::new();
        let mut level = Visibility::Public;
        for n in notices {
            if n.now.as_deref() == Some("never") {
                continue;
            }
            // Past the lines listed, the others are only counted: the list
            // in the platform checks each as it is read.
            if lines.len() == LINES_MAX {
                more += 1;
                continue;
            }
            // Checked again now, by the rule the notice was written by.
            if !self
                .reads_all(&viewer, &reader.id, handler, &n.records, &n.level)
                .await?
            {
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
        let done_with: Vec<RecordId> = notices.iter().map(|n| n.id.clone()).collect();
        let (outbox, unsubscribes) = if lines.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            let said = words::digest(lang, &lines, more);
            let raw = token::new_token().map_err(internal)?;
            records.sort_by_key(record_text);
            records.dedup();
            let mut rows = self.outbox_rows(&[Mail {
                user: Some(shared::UserId::parse(&record_key(&reader.id)).map_err(internal)?),
                to: reader.email.clone(),
                lang: app::locale::code(lang).to_owned(),
                kind: NotificationKind::Digest,
                subject: said.title.chars().take(300).collect(),
                text: format!("{}\n\n-- \n{}\n", said.text, words::footer(lang)),
                secret_path: None,
                records: records.iter().map(record_text).collect(),
                level,
            }])?;
            for row in &mut rows {
                row.unsubscribe = Some(format!("/unsubscribe/{raw}"));
            }
            let unsubscribe = UnsubscribeRow {
                token_hash: token::digest(&raw),
                user: reader.id.clone(),
                kind: NotificationKind::Digest.as_str().to_owned(),
            };
            (rows, vec![unsubscribe])
        };
        let wrote = !outbox.is_empty();
        let response = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $run CONTENT {{ day: $day }};
                 {OUTBOX_INSERT};
                 IF array::len($unsubscribes) > 0 {{ INSERT INTO unsubscribe $unsubscribes; }};
                 UPDATE $done SET mailed_at = time::now() WHERE mailed_at = NONE;
                 COMMIT TRANSACTION;"
            ))
            .bind(("run", run.clone()))
            .bind(("day", day.to_owned()))
            .bind(("outbox", outbox))
            .bind(("unsubscribes", unsubscribes))
            .bind(("done", done_with))
            .await
            .map_err(internal)?;
        match response.check() {
            Ok(_) => Ok(wrote),
            Err(e) => {
                // Written already (by another server): its run is there,
                // and this transaction wrote nothing.
                if self.run_written(run).await? {
                    Ok(false)
                } else {
                    Err(internal(e))
                }
            }
        }
    }
}
