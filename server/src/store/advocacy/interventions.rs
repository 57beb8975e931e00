//! Urgent interventions and rapid responses for defenders, their follow-up
//! and outcome; and the grants that support defenders' organisations.

use super::{day, new_key, stricter, within_clearance, year_bounds};
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, Notices, NOTIFY_INSERT};
use crate::store::rows::org_ref;
use crate::store::rows::visibility;
use crate::store::rows::{person_ref, record_key};
use crate::store::visibility::{edge_filter, readable, readable_pair, EDGE_FILTER, READABLE};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::advocacy::api::InterventionLink;
use app::error::StoreError;
use app::error::WorkError;
use app::notifications::words;
use chrono::{Datelike, NaiveDate};
use serde_json::json;
use shared::{
    Intervention, InterventionFilter, InterventionId, InterventionKind, InterventionOutcome,
    InterventionProgress, InterventionStatus, InterventionSummary, NewIntervention,
    NotificationKind, Problem, Support, Viewer,
};
use surrealdb::types::{RecordId, SurrealValue};

/// Persons an intervention is about, as far as the viewer may see them.
const PERSONS: &str = concat!(
    "(SELECT record::id(id) AS key, name FROM array::distinct($parent->concerns",
    edge_filter!(),
    "->person) WHERE ",
    readable!(),
    " ORDER BY name) AS persons"
);

const FIELDS: &str = "record::id(id) AS key, reference, title, kind, support, sent_on, country, status, outcome, visibility";

#[derive(Debug, SurrealValue)]
struct PersonRow {
    key: String,
    name: String,
}

#[derive(Debug, SurrealValue)]
struct Row {
    key: String,
    reference: String,
    title: String,
    kind: String,
    support: Option<String>,
    sent_on: String,
    country: RecordId,
    status: String,
    outcome: Option<String>,
    visibility: String,
    persons: Vec<PersonRow>,
}

pub(super) fn intervention_record(id: &InterventionId) -> RecordId {
    RecordId::new("intervention", id.as_str())
}

/// The days a filter's year and month cover.
fn sent_bounds(filter: &InterventionFilter) -> (String, String) {
    match (filter.year, filter.month) {
        (Some(y), Some(m)) if (1..=12).contains(&m) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1);
            let last = first.and_then(|f| {
                f.checked_add_months(chrono::Months::new(1))
                    .and_then(|n| n.pred_opt())
            });
            match (first, last) {
                (Some(f), Some(l)) => (f.to_string(), l.to_string()),
                _ => year_bounds(Some(y)),
            }
        }
        (year, _) => year_bounds(year),
    }
}

impl SurrealStore {
    fn intervention_summary(&self, row: Row) -> Option<InterventionSummary> {
        Some(InterventionSummary {
            id: InterventionId::parse(&row.key).ok()?,
            reference: row.reference,
            title: row.title,
            kind: InterventionKind::parse(&row.kind).ok()?,
            support: row.support.as_deref().and_then(|s| Support::parse(s).ok()),
            sent_on: day(&row.sent_on)?,
            country: self.country_by_key(&record_key(&row.country))?.clone(),
            persons: row
                .persons
                .into_iter()
                .filter_map(|p| person_ref(&p.key, p.name))
                .collect(),
            status: InterventionStatus::parse(&row.status).ok()?,
            outcome: row
                .outcome
                .as_deref()
                .and_then(|o| InterventionOutcome::parse(o).ok()),
            visibility: visibility(&row.visibility),
        })
    }
}

#[async_trait::async_trait]
impl app::advocacy::store::Interventions for SurrealStore {
    async fn interventions(
        &self,
        viewer: &Viewer,
        filter: &InterventionFilter,
    ) -> Result<Vec<InterventionSummary>, StoreError> {
        let (from, to) = sent_bounds(filter);
        let freed = filter.freed_in.map(|y| year_bounds(Some(y)));
        let kinds: Vec<String> = filter
            .kinds()
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT {FIELDS}, {PERSONS} FROM intervention
                     WHERE {READABLE} AND kind IN $kinds AND sent_on >= $from AND sent_on <= $to
                        AND ($support = NONE OR support = $support)
                        AND ($country = NONE OR country = $country)
                        AND ($region = NONE OR country.region = $region)
                        AND ($outcome = NONE OR outcome = $outcome)
                        AND ($freed = NONE OR (outcome IN ['released', 'acquitted', 'charges-dropped']
                            AND outcome_on >= $freed[0] AND outcome_on <= $freed[1]))
                     ORDER BY sent_on DESC LIMIT 2000"
                ),
            )
            .bind(("kinds", kinds))
            .bind(("from", from))
            .bind(("to", to))
            .bind(("support", filter.support.map(|s| s.as_str())))
            .bind((
                "country",
                filter
                    .country
                    .as_ref()
                    .map(|c| RecordId::new("country", c.key())),
            ))
            .bind(("region", filter.region.map(|r| r.slug())))
            .bind(("outcome", filter.outcome.map(|o| o.as_str())))
            .bind(("freed", freed.map(|(a, b)| vec![a, b])))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| self.intervention_summary(r))
            .collect())
    }

    async fn intervention(
        &self,
        viewer: &Viewer,
        id: &InterventionId,
    ) -> Result<Option<Intervention>, StoreError> {
        #[derive(SurrealValue)]
        struct OrgRow {
            key: String,
            name: String,
            acronym: Option<String>,
        }
        #[derive(SurrealValue)]
        struct Detail {
            addressees: Vec<String>,
            notes: String,
            outcome_on: Option<String>,
            cosignatories: Vec<OrgRow>,
        }
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT {FIELDS}, {PERSONS} FROM ONLY $record WHERE {READABLE};
                     SELECT addressees, notes, outcome_on,
                        (SELECT record::id(id) AS key, name, acronym FROM array::distinct($parent->cosigned_by{EDGE_FILTER}->organisation)
                            WHERE {READABLE} ORDER BY name) AS cosignatories
                     FROM ONLY $record WHERE {READABLE};"
                ),
            )
            .bind(("record", intervention_record(id)))
            .await
            .map_err(internal)?;
        let row: Option<Row> = response.take(0).map_err(internal)?;
        let detail: Option<Detail> = response.take(1).map_err(internal)?;
        let (Some(row), Some(detail)) = (row, detail) else {
            return Ok(None);
        };
        let summary = self
            .intervention_summary(row)
            .ok_or_else(|| internal(format!("unreadable intervention {id}")))?;
        Ok(Some(Intervention {
            summary,
            addressees: detail.addressees,
            notes: detail.notes,
            outcome_on: detail.outcome_on.as_deref().and_then(day),
            cosignatories: detail
                .cosignatories
                .into_iter()
                .filter_map(|o| org_ref(&o.key, o.name, o.acronym))
                .collect(),
        }))
    }

    async fn create_intervention(
        &self,
        actor: &Actor,
        new: &NewIntervention,
    ) -> Result<InterventionId, WorkError> {
        within_clearance(actor, new.visibility)?;
        self.known_country(&new.country)?;
        if let Some(on) = new.support_case.as_ref().and_then(|c| c.requested_on) {
            if on > chrono::Utc::now().date_naive() + chrono::Days::new(1) {
                return Err(crate::store::writes::refused(
                    "requested_on",
                    Problem::InTheFuture,
                    &on.to_string(),
                ));
            }
        }
        let answered = match &new.alert {
            Some(alert) => Some(self.answerable_alert(actor, alert, new).await?),
            None => None,
        };
        let mut persons = Vec::new();
        for p in &new.persons {
            let record = RecordId::new("person", p.as_str());
            let level = self
                .level_of_choice(actor, "person", record.clone())
                .await?;
            persons.push(
                json!({ "record": p.as_str(), "level": stricter(level, new.visibility).as_str() }),
            );
        }
        let mut orgs = Vec::new();
        for o in &new.cosignatories {
            let record = RecordId::new("organisation", o.as_str());
            let level = self
                .level_of_choice(actor, "cosignatory", record.clone())
                .await?;
            orgs.push(
                json!({ "record": o.as_str(), "level": stricter(level, new.visibility).as_str() }),
            );
        }
        let id = InterventionId::parse(&new_key(&format!(
            "{} {}",
            new.country.key(),
            new.sent_on.format("%Y%m%d")
        ))?)
        .map_err(|e| WorkError::Store(internal(e.message())))?;
        let event = AuditEvent::by(actor, "intervention.create", format!("intervention:{id}")).after(json!({
            "title": new.title, "kind": new.kind.as_str(), "sent_on": new.sent_on.to_string(),
            "country": new.country.as_str(), "persons": new.persons.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            "visibility": new.visibility.as_str(), "alert": new.alert.as_ref().map(|a| a.as_str()),
            "decision": new.support_case.as_ref().map(|c| c.decision.as_str()),
            "amount": new.support_case.as_ref().and_then(|c| c.amount),
        }));
        let notices = match (&new.alert, &answered) {
            (Some(alert), Some(state)) => {
                let kind = new.kind;
                self.tell_sender(actor, alert, state, &|l| {
                    app::notifications::words::alert_acted(l, kind)
                })
                .await?
            }
            _ => crate::store::notifications::notify::Notices::default(),
        };
        let case = new.support_case.as_ref();
        let query = notices
            .bind(self.query_for(&actor.viewer, format!(
                "BEGIN TRANSACTION;
                 IF $alert != NONE {{
                    LET $now = (SELECT status, version FROM ONLY $alert WHERE {READABLE});
                    IF $now = NONE OR $now.status NOT IN ['new', 'verifying', 'verified', 'acted'] {{ THROW 'not-found' }};
                    -- Checked before on this version: a verification changed since is a stale form.
                    IF $now.version != $alert_version {{ THROW 'stale' }};
                 }};
                 CREATE $record CONTENT {{ reference: $reference, title: $title, kind: $kind,
                    support: $support, sent_on: $sent_on, country: $country, addressees: $addressees,
                    status: 'open', notes: $notes, visibility: $level, alert: $alert,
                    requested_on: $requested_on, decision: $decision, amount: $amount,
                    follow_up: $follow_up }};
                 IF $alert != NONE {{
                    UPDATE $alert SET status = 'acted', version += 1, changed_at = time::now();
                 }};
                 {NOTIFY_INSERT}
                 FOR $p IN $persons {{
                    RELATE $record->concerns->(type::record('person', $p.record)) SET visibility = $p.level;
                 }};
                 FOR $o IN $orgs {{
                    RELATE $record->cosigned_by->(type::record('organisation', $o.record)) SET visibility = $o.level;
                 }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            )))
            .bind(("record", intervention_record(&id)))
            .bind(("alert", new.alert.as_ref().map(crate::store::alerts::alert_record)))
            .bind(("alert_version", answered.as_ref().map(|a| a.version)))
            .bind(("requested_on", case.and_then(|c| c.requested_on).map(|d| d.to_string())))
            .bind(("decision", case.map(|c| c.decision.as_str())))
            .bind(("amount", case.and_then(|c| c.amount).map(i64::from)))
            .bind(("follow_up", case.map(|c| c.follow_up.clone()).unwrap_or_default()))
            .bind(("reference", new.reference.clone()))
            .bind(("title", new.title.clone()))
            .bind(("kind", new.kind.as_str()))
            .bind(("support", new.support.map(|s| s.as_str())))
            .bind(("sent_on", new.sent_on.to_string()))
            .bind(("country", RecordId::new("country", new.country.key())))
            .bind(("addressees", new.addressees.clone()))
            .bind(("notes", new.notes.clone()))
            .bind(("level", new.visibility.as_str()))
            .bind(("persons", persons))
            .bind(("orgs", orgs));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn link_intervention(
        &self,
        actor: &Actor,
        id: &InterventionId,
        link: &InterventionLink,
    ) -> Result<(), WorkError> {
        let level = self
            .readable_level(&actor.viewer, intervention_record(id))
            .await?
            .ok_or(WorkError::NotFound)?;
        let (field, edge, record) = match link {
            InterventionLink::Person(p) => {
                ("person", "concerns", RecordId::new("person", p.as_str()))
            }
            InterventionLink::Cosignatory(o) => (
                "cosignatory",
                "cosigned_by",
                RecordId::new("organisation", o.as_str()),
            ),
        };
        let other = self.level_of_choice(actor, field, record.clone()).await?;
        let event = AuditEvent::by(actor, "intervention.link", format!("intervention:{id}"))
            .after(json!({ field: record_key(&record) }));
        // `edge` is one of two constants above.
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     DELETE {pair};
                     RELATE $record->{edge}->$other SET visibility = $level;
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    pair = readable_pair(edge, "$record", "$other")
                ),
            )
            .bind(("record", intervention_record(id)))
            .bind(("other", record))
            .bind(("level", stricter(level, other).as_str()));
        self.audited(query, event).await
    }

    async fn record_progress(
        &self,
        actor: &Actor,
        id: &InterventionId,
        progress: &InterventionProgress,
    ) -> Result<(), WorkError> {
        let current = self
            .intervention(&actor.viewer, id)
            .await?
            .ok_or(WorkError::NotFound)?;
        let event = AuditEvent::by(actor, "intervention.progress", format!("intervention:{id}"))
            .before(json!({
                "status": current.summary.status.as_str(),
                "outcome": current.summary.outcome.map(|o| o.as_str()),
                "outcome_on": current.outcome_on.map(|d| d.to_string()),
            }))
            .after(json!({
                "status": progress.status.as_str(),
                "outcome": progress.outcome.map(|o| o.as_str()),
                "outcome_on": progress.outcome_on.map(|d| d.to_string()),
            }));
        // A new outcome is news: for the member whose alert it answered and
        // for those who follow its country, when they may read it.
        let notices = match progress.outcome {
            Some(outcome) if current.summary.outcome != Some(outcome) => {
                let record = intervention_record(id);
                let mut recipients: Vec<RecordId> = self
                    .db
                    .query("SELECT VALUE alert.sent_by FROM ONLY $record WHERE alert != NONE")
                    .bind(("record", record))
                    .await
                    .and_then(|mut r| r.take::<Option<RecordId>>(0))
                    .map_err(|e| WorkError::Store(internal(e)))?
                    .into_iter()
                    .collect();
                let country = RecordId::new("country", current.summary.country.code.key());
                recipients.extend(self.followers_of(&country).await?);
                let title = current.summary.title.clone();
                self.notices(
                    recipients,
                    Some(&actor.user.id),
                    &Notice {
                        kind: NotificationKind::InterventionOutcome,
                        href: format!("/interventions/{id}"),
                        records: vec![format!("intervention:{id}")],
                        created: Vec::new(),
                        level: current.summary.visibility,
                        words: &|l| words::intervention_outcome(l, &title, outcome),
                    },
                )
                .await?
            }
            _ => Notices::default(),
        };
        let query = notices
            .bind(self.db.query(format!(
                "BEGIN TRANSACTION;
                 UPDATE $record SET status = $status, outcome = $outcome, outcome_on = $outcome_on;
                 {NOTIFY_INSERT}
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            )))
            .bind(("record", intervention_record(id)))
            .bind(("status", progress.status.as_str()))
            .bind(("outcome", progress.outcome.map(|o| o.as_str())))
            .bind(("outcome_on", progress.outcome_on.map(|d| d.to_string())));
        self.audited(query, event).await
    }
}

/// The month (1–12) of a stored date.
pub(super) fn month_of(raw: &str) -> Option<u32> {
    day(raw).map(|d| d.month())
}
