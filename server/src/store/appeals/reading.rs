//! Reading appeals through the confidentiality rule: a draft is at least
//! staff-only; a published appeal is as open as its audience; its
//! co-signers and follow-ups are read with it, each readable on its own.

use super::appeal_record;
use crate::store::rows::{org_ref, record_key, visibility};
use crate::store::visibility::{edge_filter, node_filter, READABLE, READABLE_ALERT};
use crate::store::{internal, SurrealStore};
use app::appeals::store::Reader;
use app::error::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use shared::appeal::{Appeal, AppealStatus, AppealSummary, AppealText, AppealUpdate, Audience};
use shared::{AlertId, AppealId, InterventionOutcome, Viewer};
use surrealdb::types::{RecordId, SurrealValue};

const COSIGNERS: &str = concat!(
    "<-cosigns",
    edge_filter!(),
    "<-organisation",
    node_filter!()
);

#[derive(SurrealValue)]
struct TextRow {
    language: String,
    title: String,
    body: String,
}

#[derive(SurrealValue)]
struct OrgRow {
    key: String,
    name: String,
    acronym: Option<String>,
}

#[derive(SurrealValue)]
struct UpdateRow {
    on: String,
    outcome: Option<String>,
    text: String,
}

#[derive(SurrealValue)]
struct Row {
    key: String,
    alert: Option<String>,
    country: RecordId,
    audience: String,
    status: String,
    texts: Vec<TextRow>,
    written_by: Option<String>,
    approved_by: Option<String>,
    published_at: Option<DateTime<Utc>>,
    cosigners: Vec<OrgRow>,
    updates: Vec<UpdateRow>,
    visibility: String,
    version: i64,
}

/// An appeal not yet published is the secretariat's (and its writer's),
/// whatever else a clearance opens: a campaigner reads staff records, not
/// the drafts written from alerts. A writer reads their own draft even when
/// it is as closed as a restricted alert.
pub(in crate::store) fn appeal_readable() -> String {
    format!(
        "(({READABLE} AND (status = 'published' OR $handler OR written_by = $me))
          OR (status != 'published' AND written_by = $me))"
    )
}

fn fields() -> String {
    format!(
        "record::id(id) AS key,
         (IF $handler AND alert != NONE AND {READABLE_ALERT} THEN record::id(alert) END) AS alert,
         country, audience, status, texts, written_by.name AS written_by, approved_by.name AS approved_by,
         published_at,
         (SELECT record::id(id) AS key, name, acronym FROM array::distinct($parent{COSIGNERS}) ORDER BY name) AS cosigners,
         (SELECT on, outcome, text FROM appeal_update WHERE appeal = $parent.id AND {READABLE} ORDER BY on) AS updates,
         visibility, version"
    )
}

impl SurrealStore {
    fn appeal_of(&self, row: Row, secretariat: bool) -> Option<Appeal> {
        Some(Appeal {
            id: AppealId::parse(&row.key).ok()?,
            alert: row.alert.and_then(|a| AlertId::parse(&a).ok()),
            country: self.country_by_key(&record_key(&row.country))?.clone(),
            audience: Audience::parse(&row.audience).ok()?,
            status: AppealStatus::parse(&row.status).ok()?,
            texts: row
                .texts
                .into_iter()
                .map(|t| AppealText {
                    language: t.language,
                    title: t.title,
                    body: t.body,
                })
                .collect(),
            // Who wrote and approved it is the secretariat's business.
            written_by: row.written_by.filter(|_| secretariat),
            approved_by: row.approved_by.filter(|_| secretariat),
            published_at: row.published_at,
            cosigners: row
                .cosigners
                .into_iter()
                .filter_map(|o| org_ref(&o.key, o.name, o.acronym))
                .collect(),
            updates: row
                .updates
                .into_iter()
                .filter_map(|u| {
                    Some(AppealUpdate {
                        on: NaiveDate::parse_from_str(&u.on, "%Y-%m-%d").ok()?,
                        outcome: u.outcome.and_then(|o| InterventionOutcome::parse(&o).ok()),
                        text: u.text,
                    })
                })
                .collect(),
            visibility: visibility(&row.visibility),
            version: u32::try_from(row.version).unwrap_or(0),
        })
    }
}

fn me(reader: &Reader) -> Option<RecordId> {
    reader
        .user
        .as_ref()
        .map(crate::store::accounts::sessions::user_record)
}

#[async_trait::async_trait]
impl app::appeals::store::AppealReading for SurrealStore {
    async fn appeals(
        &self,
        reader: &Reader,
        language: &str,
    ) -> Result<Vec<AppealSummary>, StoreError> {
        // The drafts apart, so that published appeals never push them out.
        let mut response = self
            .query_for(
                &reader.viewer,
                format!(
                    "SELECT {fields} FROM appeal WHERE status != 'published' AND {rule}
                     ORDER BY created_at DESC LIMIT 200;
                     SELECT {fields} FROM appeal WHERE status = 'published' AND {READABLE}
                     ORDER BY published_at DESC LIMIT 300;",
                    fields = fields(),
                    rule = appeal_readable(),
                ),
            )
            .bind(("handler", reader.secretariat))
            .bind(("me", me(reader)))
            .await
            .map_err(internal)?;
        let drafts: Vec<Row> = response.take(0).map_err(internal)?;
        let published: Vec<Row> = response.take(1).map_err(internal)?;
        // Published first, newest first; then the drafts, newest first.
        Ok(published
            .into_iter()
            .chain(drafts)
            .filter_map(|r| self.appeal_of(r, reader.secretariat))
            .filter_map(|a| {
                let text = a.text_in(language)?.clone();
                Some(AppealSummary {
                    id: a.id,
                    title: text.title,
                    language: text.language,
                    country: a.country,
                    status: a.status,
                    audience: a.audience,
                    published_at: a.published_at,
                    cosigners: u32::try_from(a.cosigners.len()).unwrap_or(u32::MAX),
                })
            })
            .collect())
    }

    async fn appeal(&self, reader: &Reader, id: &AppealId) -> Result<Option<Appeal>, StoreError> {
        let row: Option<Row> = self
            .query_for(
                &reader.viewer,
                format!(
                    "SELECT {fields} FROM ONLY $appeal WHERE {rule}",
                    fields = fields(),
                    rule = appeal_readable()
                ),
            )
            .bind(("appeal", appeal_record(id)))
            .bind(("handler", reader.secretariat))
            .bind(("me", me(reader)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(row.and_then(|r| self.appeal_of(r, reader.secretariat)))
    }

    async fn public_appeals(&self) -> Result<Vec<Appeal>, StoreError> {
        let viewer = Viewer::anonymous();
        let rows: Vec<Row> = self
            .query_for(
                &viewer,
                format!(
                    "SELECT {fields} FROM appeal WHERE {READABLE} AND status = 'published'
                     ORDER BY published_at DESC LIMIT 50",
                    fields = fields()
                ),
            )
            .bind(("handler", false))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| self.appeal_of(r, false))
            .collect())
    }
}
