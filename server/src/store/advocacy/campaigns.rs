//! Campaigns and the cases they make visible. A campaign's page shows a
//! case only when the reader may read the case itself: a public campaign
//! never opens a restricted person to anonymous visitors.

use super::interventions::intervention_record;
use super::{day, new_key, within_clearance};
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, Notices, NOTIFY_INSERT};
use crate::store::rows::person_ref;
use crate::store::rows::visibility;
use crate::store::visibility::{edge_filter, readable_pair, READABLE};
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::StoreError;
use app::error::WorkError;
use serde_json::json;
use shared::{
    Campaign, CampaignAction, CampaignActionKind, CampaignId, CampaignSummary, CaseLink, CaseRef,
    NewCampaign, Viewer,
};
use surrealdb::types::{RecordId, SurrealValue};

const FEATURED: &str = concat!("->features", edge_filter!());

#[derive(Debug, SurrealValue)]
struct CaseRow {
    key: String,
    title: String,
}

#[derive(Debug, SurrealValue)]
struct ActionRow {
    kind: String,
    on: String,
    title: String,
    url: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct Row {
    key: String,
    name: String,
    summary: String,
    starts_on: String,
    visibility: String,
    actions: Vec<ActionRow>,
    persons: Vec<CaseRow>,
    trials: Vec<CaseRow>,
    interventions: Vec<CaseRow>,
}

fn campaign_record(id: &CampaignId) -> RecordId {
    RecordId::new("campaign", id.as_str())
}

fn projection() -> String {
    format!(
        "record::id(id) AS key, name, summary, starts_on, visibility, actions,
        (SELECT record::id(id) AS key, name AS title FROM array::distinct($parent{FEATURED}->person) WHERE {READABLE} ORDER BY title) AS persons,
        (SELECT record::id(id) AS key, case_name AS title FROM array::distinct($parent{FEATURED}->trial) WHERE {READABLE} ORDER BY title) AS trials,
        (SELECT record::id(id) AS key, title, sent_on FROM array::distinct($parent{FEATURED}->intervention) WHERE {READABLE} ORDER BY sent_on DESC) AS interventions"
    )
}

fn links(rows: Vec<CaseRow>) -> Vec<CaseLink> {
    rows.into_iter()
        .map(|r| CaseLink {
            id: r.key,
            title: r.title,
        })
        .collect()
}

fn summary_of(row: &Row) -> Option<CampaignSummary> {
    Some(CampaignSummary {
        id: CampaignId::parse(&row.key).ok()?,
        name: row.name.clone(),
        summary: row.summary.clone(),
        starts_on: day(&row.starts_on)?,
        cases: (row.persons.len() + row.trials.len() + row.interventions.len()) as u32,
        visibility: visibility(&row.visibility),
    })
}

#[async_trait::async_trait]
impl app::advocacy::store::Campaigns for SurrealStore {
    async fn campaigns(&self, viewer: &Viewer) -> Result<Vec<CampaignSummary>, StoreError> {
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT {} FROM campaign WHERE {READABLE} ORDER BY starts_on DESC",
                    projection()
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows.iter().filter_map(summary_of).collect())
    }

    async fn campaign(
        &self,
        viewer: &Viewer,
        id: &CampaignId,
    ) -> Result<Option<Campaign>, StoreError> {
        let row: Option<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT {} FROM ONLY $campaign WHERE {READABLE}",
                    projection()
                ),
            )
            .bind(("campaign", campaign_record(id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        let Some(summary) = summary_of(&row) else {
            return Ok(None);
        };
        let mut actions: Vec<CampaignAction> = row
            .actions
            .into_iter()
            .filter_map(|a| {
                Some(CampaignAction {
                    kind: CampaignActionKind::parse(&a.kind).ok()?,
                    on: day(&a.on)?,
                    title: a.title,
                    url: a.url,
                })
            })
            .collect();
        actions.sort_by_key(|a| std::cmp::Reverse(a.on));
        Ok(Some(Campaign {
            summary,
            persons: row
                .persons
                .into_iter()
                .filter_map(|p| person_ref(&p.key, p.title))
                .collect(),
            trials: links(row.trials),
            interventions: links(row.interventions),
            actions,
        }))
    }

    async fn create_campaign(
        &self,
        actor: &Actor,
        new: &NewCampaign,
    ) -> Result<CampaignId, WorkError> {
        within_clearance(actor, new.visibility)?;
        let id = CampaignId::parse(&new_key(&new.name)?)
            .map_err(|e| refused("name", e.problem, &new.name))?;
        let event =
            AuditEvent::by(actor, "campaign.create", format!("campaign:{id}")).after(json!({
                "name": new.name, "starts_on": new.starts_on.to_string(),
                "visibility": new.visibility.as_str(),
            }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $campaign CONTENT {{ name: $name, summary: $summary, starts_on: $starts_on,
                    visibility: $level }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("campaign", campaign_record(&id)))
            .bind(("name", new.name.clone()))
            .bind(("summary", new.summary.clone()))
            .bind(("starts_on", new.starts_on.to_string()))
            .bind(("level", new.visibility.as_str()));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn feature_case(
        &self,
        actor: &Actor,
        id: &CampaignId,
        case: &CaseRef,
    ) -> Result<(), WorkError> {
        let level = self
            .readable_level(&actor.viewer, campaign_record(id))
            .await?
            .ok_or(WorkError::NotFound)?;
        let target = match case {
            CaseRef::Intervention(i) => intervention_record(i),
            other => RecordId::new(other.table(), other.key()),
        };
        // A relation is as closed as its more closed end.
        let level = super::stricter(
            level,
            self.level_of_choice(actor, "case", target.clone()).await?,
        );
        let event = AuditEvent::by(actor, "campaign.feature", format!("campaign:{id}"))
            .after(json!({ "case": format!("{}:{}", case.table(), case.key()) }));
        // Those who follow the campaign hear of a new case, if they read
        // the campaign and the case at the level of the link.
        let case_text = crate::store::rows::record_text(&target);
        let notices = self
            .campaign_news(actor, id, vec![case_text], level, &|l, name| {
                app::notifications::words::campaign_case(l, name)
            })
            .await?;
        let query = notices
            .bind(self.query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     LET $new = (SELECT VALUE id FROM {pair}) = [];
                     DELETE {pair};
                     RELATE $campaign->features->$case SET visibility = $level;
                     IF $new {{ {NOTIFY_INSERT} }};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    pair = readable_pair("features", "$campaign", "$case")
                ),
            ))
            .bind(("campaign", campaign_record(id)))
            .bind(("case", target))
            .bind(("level", level.as_str()));
        self.audited(query, event).await
    }

    async fn add_campaign_action(
        &self,
        actor: &Actor,
        id: &CampaignId,
        action: &CampaignAction,
    ) -> Result<(), WorkError> {
        let level = self
            .readable_level(&actor.viewer, campaign_record(id))
            .await?
            .ok_or(WorkError::NotFound)?;
        let mut value = json!({
            "kind": action.kind.as_str(), "on": action.on.to_string(), "title": action.title,
        });
        // An absent address stays absent: the schema takes no null.
        if let Some(url) = &action.url {
            value["url"] = json!(url);
        }
        let event =
            AuditEvent::by(actor, "campaign.action", format!("campaign:{id}")).after(value.clone());
        let title = action.title.clone();
        let notices = self
            .campaign_news(actor, id, Vec::new(), level, &|l, name| {
                app::notifications::words::campaign_action(l, name, &title)
            })
            .await?;
        let query = notices
            .bind(self.db.query(format!(
                "BEGIN TRANSACTION;
                 UPDATE $campaign SET actions += $action;
                 {NOTIFY_INSERT}
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            )))
            .bind(("campaign", campaign_record(id)))
            .bind(("action", value));
        self.audited(query, event).await
    }
}

impl SurrealStore {
    /// News of a campaign for those who follow it: each told only if they
    /// read the campaign and `records` at `level`.
    async fn campaign_news(
        &self,
        actor: &Actor,
        id: &CampaignId,
        records: Vec<String>,
        level: shared::Visibility,
        words: &(dyn Fn(app::i18n::Locale, &str) -> app::notifications::words::Words + Sync),
    ) -> Result<Notices, WorkError> {
        let record = campaign_record(id);
        let name: Option<String> = self
            .db
            .query("SELECT VALUE name FROM ONLY $campaign")
            .bind(("campaign", record.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        let name = name.unwrap_or_default();
        self.notices(
            self.followers_of_record(&record).await?,
            Some(&actor.user.id),
            &Notice {
                kind: shared::NotificationKind::CampaignNews,
                href: format!("/campaigns/{id}"),
                records: [vec![format!("campaign:{id}")], records].concat(),
                created: Vec::new(),
                level,
                words: &|l| words(l, &name),
            },
        )
        .await
        .map_err(WorkError::Store)
    }
}
