//! Reading appeals through the confidentiality rule: a draft is at least
//! staff-only; a published appeal is as open as its audience; its
//! co-signers and follow-ups are read with it, each readable on its own.

use super::appeal_record;
use crate::store::rows::{org_ref, record_key, visibility};
use crate::store::visibility::{edge_filter, node_filter, READABLE, READABLE_ALERT};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use shared::appeal::{Appeal, AppealStatus, AppealSummary, AppealText, AppealUpdate, Audience};
use shared::{AlertId, AppealId, InterventionOutcome, Viewer, Visibility};
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

fn fields() -> String {
    format!(
        "record::id(id) AS key,
         (IF alert != NONE AND {READABLE_ALERT} THEN record::id(alert) END) AS alert,
         country, audience, status, texts, written_by.name AS written_by, approved_by.name AS approved_by,
         published_at,
         (SELECT record::id(id) AS key, name, acronym FROM {COSIGNERS} ORDER BY name) AS cosigners,
         (SELECT on, outcome, text FROM appeal_update WHERE appeal = $parent.id AND {READABLE} ORDER BY on) AS updates,
         visibility, version"
    )
}

impl SurrealStore {
    fn appeal_of(&self, row: Row, staff: bool) -> Option<Appeal> {
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
            written_by: row.written_by.filter(|_| staff),
            approved_by: row.approved_by.filter(|_| staff),
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

#[async_trait::async_trait]
impl app::appeals::store::AppealReading for SurrealStore {
    async fn appeals(
        &self,
        viewer: &Viewer,
        language: &str,
    ) -> Result<Vec<AppealSummary>, StoreError> {
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT {fields} FROM appeal WHERE {READABLE}
                     ORDER BY published_at DESC, created_at DESC LIMIT 300",
                    fields = fields()
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let staff = viewer.clearance() >= Visibility::Staff;
        let mut list: Vec<AppealSummary> = rows
            .into_iter()
            .filter_map(|r| self.appeal_of(r, staff))
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
            .collect();
        // Published first, newest first; then the drafts.
        list.sort_by_key(|a| {
            (
                a.status != AppealStatus::Published,
                std::cmp::Reverse(a.published_at),
            )
        });
        Ok(list)
    }

    async fn appeal(&self, viewer: &Viewer, id: &AppealId) -> Result<Option<Appeal>, StoreError> {
        let row: Option<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT {fields} FROM ONLY $appeal WHERE {READABLE}",
                    fields = fields()
                ),
            )
            .bind(("appeal", appeal_record(id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(row.and_then(|r| self.appeal_of(r, viewer.clearance() >= Visibility::Staff)))
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
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| self.appeal_of(r, false))
            .collect())
    }
}
