//! Sending an alert and reading alerts. The sender reads their alert
//! through a grant written in the same transaction; everyone else through
//! its level (restricted: admins and the staff they hand it to).

use super::alert_record;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, NOTIFY_INSERT};
use crate::store::rows::{org_ref, person_ref, record_key, visibility};
use crate::store::visibility::{READABLE, READABLE_ORGANISATION, READABLE_PERSON};
use crate::store::writes::{random_suffix, refused};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use shared::alert::{
    Alert, AlertDecision, AlertMessage, AlertStatus, AlertSubject, AlertSummary, Consent, NewAlert,
    Risk, Subject, Verification,
};
use shared::{AlertId, InterventionId, InterventionKind, Problem};
use surrealdb::types::{RecordId, SurrealValue};

/// Alerts one person may send in a day: enough for a crisis, too few to
/// flood the secretariat's mailboxes.
const ALERTS_A_DAY: i64 = 20;

/// The most alerts a list shows (every open one, and those closed in the
/// last 90 days).
const LIST: i64 = 5000;

#[derive(SurrealValue)]
struct PersonRow {
    key: String,
    name: String,
}

#[derive(SurrealValue)]
struct OrgRow {
    key: String,
    name: String,
    acronym: Option<String>,
}

#[derive(SurrealValue)]
struct SummaryRow {
    key: String,
    person: Option<PersonRow>,
    named: Option<String>,
    country: RecordId,
    risk: String,
    status: String,
    happened_on: String,
    sent_at: DateTime<Utc>,
    organisation: Option<OrgRow>,
    visibility: String,
}

/// What a list line reads of an alert: the person only when the reader may
/// read them, the organisation likewise.
fn summary_fields() -> String {
    format!(
        "record::id(id) AS key,
         (IF person != NONE AND {READABLE_PERSON} THEN {{ key: record::id(person), name: person.name }} END) AS person,
         name AS named, country, risk, status, happened_on, sent_at,
         (IF organisation != NONE AND {READABLE_ORGANISATION}
            THEN {{ key: record::id(organisation), name: organisation.name, acronym: organisation.acronym }} END) AS organisation,
         visibility"
    )
}

fn subject(person: Option<PersonRow>, named: Option<String>) -> AlertSubject {
    match (person.and_then(|p| person_ref(&p.key, p.name)), named) {
        (Some(p), _) => AlertSubject::Person(p),
        (None, Some(n)) => AlertSubject::Named(n),
        (None, None) => AlertSubject::Unnamed,
    }
}

fn parse_day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

impl SurrealStore {
    fn summary(&self, row: SummaryRow) -> Option<AlertSummary> {
        Some(AlertSummary {
            id: AlertId::parse(&row.key).ok()?,
            subject: subject(row.person, row.named),
            country: self.country_by_key(&record_key(&row.country))?.clone(),
            risk: Risk::parse(&row.risk).ok()?,
            status: AlertStatus::parse(&row.status).ok()?,
            happened_on: parse_day(&row.happened_on)?,
            sent_at: row.sent_at,
            organisation: row
                .organisation
                .and_then(|o| org_ref(&o.key, o.name, o.acronym)),
            visibility: visibility(&row.visibility),
        })
    }
}

/// The order of the secretariat's queue: open before closed, new first,
/// then by risk, the newest first.
fn queue_order(a: &AlertSummary) -> (u8, u8, std::cmp::Reverse<DateTime<Utc>>) {
    let status = match a.status {
        AlertStatus::New => 0,
        AlertStatus::Verifying | AlertStatus::Verified => 1,
        AlertStatus::Acted => 2,
        AlertStatus::Closed => 3,
    };
    let risk = match a.risk {
        Risk::Imminent => 0,
        Risk::High => 1,
        Risk::Moderate => 2,
    };
    (status, risk, std::cmp::Reverse(a.sent_at))
}

#[async_trait::async_trait]
impl app::alerts::store::Cases for SurrealStore {
    async fn send_alert(&self, actor: &Actor, alert: &NewAlert) -> Result<AlertId, WorkError> {
        self.known_country(&alert.country)?;
        if self
            .written_lately(&actor.user.id, "alert", "sent_by", "sent_at", "1d")
            .await?
            >= ALERTS_A_DAY
        {
            return Err(refused("what", Problem::TooMany, ""));
        }
        if let Subject::Person(p) = &alert.subject {
            self.level_of_choice(actor, "person", RecordId::new("person", p.as_str()))
                .await?;
        }
        let id = AlertId::parse(&random_suffix(20)?)
            .map_err(|e| WorkError::Store(internal(e.message())))?;
        let (person, name) = match &alert.subject {
            Subject::Person(p) => (Some(RecordId::new("person", p.as_str())), None),
            Subject::Named(n) => (None, Some(n.clone())),
            Subject::Unnamed => (None, None),
        };
        let organisation = match (&actor.user.role, &actor.user.organisation) {
            (shared::Role::Member, Some(o)) => Some(RecordId::new("organisation", o.as_str())),
            _ => None,
        };
        let secretariat = self.secretariat().await?;
        let country = self
            .country_by_key(&alert.country.key())
            .cloned()
            .ok_or_else(|| refused("country", Problem::NotACountryCode, alert.country.as_str()))?;
        let risk = alert.risk;
        let notices = self
            .notices(
                secretariat,
                Some(&actor.user.id),
                &Notice {
                    kind: shared::NotificationKind::NewAlert,
                    href: format!("/alerts/{id}"),
                    records: Vec::new(),
                    created: vec![format!("alert:{id}")],
                    level: alert.visibility,
                    words: &|l| app::notifications::words::new_alert(l, &country, risk),
                },
            )
            .await?;
        // The audit log keeps who did what, not the case: its words stay in
        // the alert, where the confidentiality rule guards them.
        let event = AuditEvent::by(actor, "alert.send", format!("alert:{id}")).after(json!({
            "person": person.as_ref().map(record_key), "named": name.is_some(),
            "country": alert.country.as_str(), "risk": alert.risk.as_str(),
            "consent": alert.consent.as_str(), "visibility": alert.visibility.as_str(),
            "what_length": alert.what.chars().count(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             CREATE $alert CONTENT {{
                sent_by: $actor, organisation: $organisation, person: $person, name: $name,
                what: $what, country: $country, place: $place, happened_on: $happened_on,
                risk: $risk, sources: $sources, consent: $consent, visibility: $level
             }};
             IF $grant {{ CREATE access_grant CONTENT {{ user: $actor, target: $alert, granted_by: NONE }}; }};
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.db.query(sql))
            .bind(("alert", alert_record(&id)))
            .bind(("actor", user_record(&actor.user.id)))
            .bind(("organisation", organisation))
            .bind(("person", person))
            .bind(("name", name))
            .bind(("what", alert.what.clone()))
            .bind(("country", RecordId::new("country", alert.country.key())))
            .bind(("place", alert.place.clone()))
            .bind(("happened_on", alert.happened_on.to_string()))
            .bind(("risk", alert.risk.as_str()))
            .bind(("sources", alert.sources.clone()))
            .bind(("consent", alert.consent.as_str()))
            .bind(("level", alert.visibility.as_str()))
            // The sender reads their alert through a grant, unless their
            // clearance reads it already.
            .bind(("grant", !actor.viewer.can_read(alert.visibility)));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn alert_choices(&self, actor: &Actor) -> Result<Vec<shared::PersonRef>, StoreError> {
        let rows: Vec<PersonRow> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT record::id(id) AS key, name FROM person WHERE {READABLE}
                     ORDER BY name LIMIT 1000"
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|p| person_ref(&p.key, p.name))
            .collect())
    }

    async fn alerts(&self, actor: &Actor) -> Result<Vec<AlertSummary>, StoreError> {
        let all = actor.user.role.handles_alerts();
        let rows: Vec<SummaryRow> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT {fields} FROM alert
                     WHERE {READABLE} AND ($all OR sent_by = $me)
                        AND (status != 'closed' OR changed_at > time::now() - 90d)
                     ORDER BY sent_at DESC LIMIT $limit",
                    fields = summary_fields()
                ),
            )
            .bind(("all", all))
            .bind(("me", user_record(&actor.user.id)))
            .bind(("limit", LIST))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let mut list: Vec<AlertSummary> =
            rows.into_iter().filter_map(|r| self.summary(r)).collect();
        if all {
            list.sort_by_key(queue_order);
        }
        Ok(list)
    }

    async fn alert(&self, actor: &Actor, id: &AlertId) -> Result<Option<Alert>, StoreError> {
        #[derive(SurrealValue)]
        struct Row {
            key: String,
            person: Option<PersonRow>,
            named: Option<String>,
            country: RecordId,
            risk: String,
            status: String,
            happened_on: String,
            sent_at: DateTime<Utc>,
            organisation: Option<OrgRow>,
            visibility: String,
            what: String,
            place: Option<String>,
            sources: String,
            consent: String,
            sources_checked: bool,
            consent_confirmed: bool,
            risk_assessed: bool,
            closed_reason: Option<String>,
            sent_by: String,
            mine: bool,
            version: i64,
        }
        #[derive(SurrealValue)]
        struct MessageRow {
            from_secretariat: bool,
            author: String,
            text: String,
            at: DateTime<Utc>,
        }
        #[derive(SurrealValue)]
        struct DecisionRow {
            key: String,
            title: String,
            kind: String,
            sent_on: String,
        }
        let mut response = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT {fields}, what, place, sources, consent, sources_checked,
                        consent_confirmed, risk_assessed, closed_reason, sent_by.name AS sent_by,
                        sent_by = $me AS mine, version
                     FROM ONLY $alert WHERE {READABLE} AND ($handler OR sent_by = $me);
                     SELECT from_secretariat, author.name AS author, text, at FROM alert_message
                     WHERE alert = $alert
                        AND (SELECT VALUE id FROM ONLY $alert WHERE {READABLE} AND ($handler OR sent_by = $me)) != NONE
                     ORDER BY at;
                     SELECT record::id(id) AS key, title, kind, sent_on FROM intervention
                     WHERE alert = $alert AND {READABLE} ORDER BY sent_on;",
                    fields = summary_fields()
                ),
            )
            .bind(("alert", alert_record(id)))
            .bind(("me", user_record(&actor.user.id)))
            // Only the secretariat and the sender, whatever else a grant or
            // a clearance opens (a campaigner's, a former staff member's).
            .bind(("handler", actor.user.role.handles_alerts()))
            .await
            .map_err(internal)?;
        let row: Option<Row> = response.take(0).map_err(internal)?;
        let messages: Vec<MessageRow> = response.take(1).map_err(internal)?;
        let decisions: Vec<DecisionRow> = response.take(2).map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        let secretariat = actor.user.role.handles_alerts();
        let Some(head) = self.summary(SummaryRow {
            key: row.key,
            person: row.person,
            named: row.named,
            country: row.country,
            risk: row.risk,
            status: row.status,
            happened_on: row.happened_on,
            sent_at: row.sent_at,
            organisation: row.organisation,
            visibility: row.visibility,
        }) else {
            return Ok(None);
        };
        Ok(Some(Alert {
            id: head.id,
            subject: head.subject,
            what: row.what,
            country: head.country,
            place: row.place,
            happened_on: head.happened_on,
            risk: head.risk,
            sources: row.sources,
            consent: Consent::parse(&row.consent).map_err(|e| internal(e.message()))?,
            status: head.status,
            verification: Verification {
                sources_checked: row.sources_checked,
                consent_confirmed: row.consent_confirmed,
                risk_assessed: row.risk_assessed,
            },
            closed_reason: row.closed_reason,
            visibility: head.visibility,
            // The sender is told "the secretariat", not who in it.
            sent_by: if secretariat || row.mine {
                row.sent_by
            } else {
                String::new()
            },
            organisation: head.organisation,
            sent_at: head.sent_at,
            messages: messages
                .into_iter()
                .map(|m| AlertMessage {
                    from_secretariat: m.from_secretariat,
                    author: if secretariat || !m.from_secretariat {
                        m.author
                    } else {
                        String::new()
                    },
                    text: m.text,
                    at: m.at,
                })
                .collect(),
            decisions: decisions
                .into_iter()
                .filter_map(|d| {
                    Some(AlertDecision {
                        id: InterventionId::parse(&d.key).ok()?,
                        title: d.title,
                        kind: InterventionKind::parse(&d.kind).ok()?,
                        sent_on: parse_day(&d.sent_on)?,
                    })
                })
                .collect(),
            version: u32::try_from(row.version).unwrap_or(0),
        }))
    }
}
