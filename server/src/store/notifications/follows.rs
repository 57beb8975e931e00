//! What a reader follows. A record is followed only while the reader may
//! read it: following asks, and the list leaves out what became hidden.

use crate::store::accounts::sessions::user_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::record_key;
use crate::store::visibility::READABLE;
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::follow::{FollowTarget, Followed};
use shared::{CampaignId, OrgId, Problem, Region, TrialId};
use surrealdb::types::{RecordId, SurrealValue};

/// The record followed, or the region.
fn parts(target: &FollowTarget) -> (Option<RecordId>, Option<&'static str>) {
    match target {
        FollowTarget::Organisation(id) => (Some(RecordId::new("organisation", id.as_str())), None),
        FollowTarget::Trial(id) => (Some(RecordId::new("trial", id.as_str())), None),
        FollowTarget::Campaign(id) => (Some(RecordId::new("campaign", id.as_str())), None),
        FollowTarget::Country(code) => (Some(RecordId::new("country", code.key())), None),
        FollowTarget::Region(r) => (None, Some(r.slug())),
    }
}

impl SurrealStore {
    /// The users who follow `country` or its region.
    pub(in crate::store) async fn followers_of(
        &self,
        country: &RecordId,
    ) -> Result<Vec<RecordId>, WorkError> {
        let region = self
            .country_by_key(&crate::store::rows::record_key(country))
            .map(|c| c.region.slug().to_owned());
        self.db
            .query(
                "SELECT VALUE user FROM follow WHERE target = $country OR (region != NONE AND region = $region)
                 GROUP BY user",
            )
            .bind(("country", country.clone()))
            .bind(("region", region))
            .await
            .and_then(|mut r| r.take::<Vec<RecordId>>(0))
            .map_err(|e| WorkError::Store(internal(e)))
    }
}

impl SurrealStore {
    /// The users who follow this record (a trial, an organisation, a
    /// campaign).
    pub(in crate::store) async fn followers_of_record(
        &self,
        record: &RecordId,
    ) -> Result<Vec<RecordId>, WorkError> {
        self.db
            .query("SELECT VALUE user FROM follow WHERE target = $record GROUP BY user")
            .bind(("record", record.clone()))
            .await
            .and_then(|mut r| r.take::<Vec<RecordId>>(0))
            .map_err(|e| WorkError::Store(internal(e)))
    }
}

#[derive(SurrealValue)]
struct Row {
    #[allow(dead_code)]
    at: chrono::DateTime<chrono::Utc>,
    target: Option<RecordId>,
    region: Option<String>,
    name: Option<String>,
}

#[async_trait::async_trait]
impl app::notifications::store::Follows for SurrealStore {
    async fn follows(&self, actor: &Actor) -> Result<Vec<Followed>, StoreError> {
        let rows: Vec<Row> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT target, region, at,
                        (IF target != NONE AND record::tb(target) != 'country' THEN
                            (SELECT VALUE name ?? case_name FROM ONLY $parent.target WHERE {READABLE})
                         END) AS name
                     FROM follow WHERE user = $user ORDER BY at"
                ),
            )
            .bind(("user", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match (r.target, r.region) {
                (None, Some(region)) => Some(Followed {
                    target: FollowTarget::Region(Region::parse(&region).ok()?),
                    name: String::new(),
                    href: None,
                }),
                (Some(t), _) => {
                    let key = record_key(&t);
                    match t.table.as_str() {
                        "country" => {
                            let c = self.country_by_key(&key)?;
                            Some(Followed {
                                target: FollowTarget::Country(c.code.clone()),
                                name: c.name.clone(),
                                href: Some(format!("/countries/{}", c.code.key())),
                            })
                        }
                        // Hidden since it was followed: left out.
                        table => {
                            let name = r.name?;
                            let (target, href) = match table {
                                "organisation" => (
                                    FollowTarget::Organisation(OrgId::parse(&key).ok()?),
                                    format!("/organisations/{key}"),
                                ),
                                "trial" => (
                                    FollowTarget::Trial(TrialId::parse(&key).ok()?),
                                    format!("/trials/{key}"),
                                ),
                                "campaign" => (
                                    FollowTarget::Campaign(CampaignId::parse(&key).ok()?),
                                    format!("/campaigns/{key}"),
                                ),
                                _ => return None,
                            };
                            Some(Followed {
                                target,
                                name,
                                href: Some(href),
                            })
                        }
                    }
                }
                _ => None,
            })
            .collect())
    }

    async fn follow(&self, actor: &Actor, target: &FollowTarget) -> Result<(), WorkError> {
        let (record, region) = parts(target);
        match (&record, target) {
            (Some(_), FollowTarget::Country(code)) => self.known_country(code)?,
            (Some(r), _) => {
                self.readable_level(&actor.viewer, r.clone())
                    .await?
                    .ok_or_else(|| refused("target", Problem::Required, &target.form_value()))?;
            }
            _ => {}
        }
        let event = AuditEvent::by(actor, "follow.add", format!("user:{}", actor.user.id))
            .after(json!({ "target": target.form_value() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE id FROM follow WHERE user = $user AND target = $target AND region = $region) = [] {{
                CREATE follow CONTENT {{ user: $user, target: $target, region: $region }};
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("user", user_record(&actor.user.id)))
            .bind(("target", record))
            .bind(("region", region));
        self.audited(query, event).await
    }

    async fn unfollow(&self, actor: &Actor, target: &FollowTarget) -> Result<(), WorkError> {
        let (record, region) = parts(target);
        let event = AuditEvent::by(actor, "follow.remove", format!("user:{}", actor.user.id))
            .after(json!({ "target": target.form_value() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             DELETE follow WHERE user = $user AND target = $target AND region = $region;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("user", user_record(&actor.user.id)))
            .bind(("target", record))
            .bind(("region", region));
        self.audited(query, event).await
    }
}
