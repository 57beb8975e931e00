//! Advocacy events, the missions that group them, and what they produced.

use super::{day, new_key, stricter, within_clearance, year_bounds};
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::org_ref;
use crate::store::rows::visibility;
use crate::store::rows::{actor_shown, person_ref, record_key};
use crate::store::visibility::{
    readable, readable_pair, EDGE_READABLE, READABLE, READABLE_EVENT, READABLE_IN,
};
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::advocacy::api::EventFilter;
use app::error::StoreError;
use app::error::WorkError;
use chrono::NaiveDate;
use serde_json::json;
use shared::{
    AdvocacyMission, AdvocacyMissionId, AdvocacyOverview, AdvocacySummary, BudgetLine,
    ChecklistItem, ChecklistKind, Event, EventId, EventKind, EventSummary, FollowUp, FollowUpId,
    FollowUpKind, Mechanism, MissionLink, NewAdvocacyMission, NewEvent, NewFollowUp, OrgId,
    Participant, ParticipantRole, PersonId, PlanItem, Problem, Travel, Viewer,
};
use surrealdb::types::{RecordId, SurrealValue};

const EVENT_FIELDS: &str =
    "record::id(id) AS key, title, kind, mechanism, starts_on, ends_on, city,
    country, online, visibility, mission, mission.title AS mission_title,
    mission.visibility AS mission_visibility";

#[derive(Debug, SurrealValue)]
struct EventRow {
    key: String,
    title: String,
    kind: String,
    mechanism: String,
    starts_on: String,
    ends_on: String,
    city: Option<String>,
    country: Option<RecordId>,
    online: bool,
    visibility: String,
    mission: Option<RecordId>,
    mission_title: Option<String>,
    mission_visibility: Option<String>,
}

fn event_record(id: &EventId) -> RecordId {
    RecordId::new("advocacy_event", id.as_str())
}

fn mission_record(id: &AdvocacyMissionId) -> RecordId {
    RecordId::new("advocacy_mission", id.as_str())
}

/// Whether the viewer reads a record known only by its key and level here.
fn sees(viewer: &Viewer, record: &RecordId, level: &str) -> bool {
    viewer.can_read(visibility(level))
        || viewer
            .grants()
            .iter()
            .any(|g| g == &crate::store::rows::record_text(record))
}

impl SurrealStore {
    fn event_summary(&self, viewer: &Viewer, row: EventRow) -> Option<EventSummary> {
        let mission = match (&row.mission, row.mission_title, row.mission_visibility) {
            (Some(record), Some(title), Some(level)) if sees(viewer, record, &level) => {
                Some(MissionLink {
                    id: AdvocacyMissionId::parse(&record_key(record)).ok()?,
                    title,
                })
            }
            _ => None,
        };
        Some(EventSummary {
            id: EventId::parse(&row.key).ok()?,
            title: row.title,
            kind: EventKind::parse(&row.kind).ok()?,
            mechanism: Mechanism::parse(&row.mechanism).ok()?,
            starts_on: day(&row.starts_on)?,
            ends_on: day(&row.ends_on)?,
            city: row.city,
            country: row
                .country
                .as_ref()
                .and_then(|c| self.country_by_key(&record_key(c)).cloned()),
            online: row.online,
            mission,
            visibility: visibility(&row.visibility),
        })
    }
}

#[async_trait::async_trait]
impl app::advocacy::store::Events for SurrealStore {
    async fn overview(
        &self,
        viewer: &Viewer,
        filter: &EventFilter,
    ) -> Result<AdvocacyOverview, StoreError> {
        #[derive(SurrealValue)]
        struct MissionRow {
            key: String,
            title: String,
            starts_on: String,
            ends_on: String,
            events: i64,
            open_items: i64,
            visibility: String,
        }
        let (from, to) = year_bounds(filter.year);
        let region = filter.region.map(|r| r.slug().to_owned());
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT {EVENT_FIELDS} FROM advocacy_event
                        WHERE {READABLE} AND starts_on >= $from AND starts_on <= $to
                        AND ($region = NONE OR country.region = $region)
                        ORDER BY starts_on DESC;
                     SELECT record::id(id) AS key, title, starts_on, ends_on, visibility,
                        count(SELECT id FROM advocacy_event WHERE mission = $parent.id AND {READABLE}) AS events,
                        count(checklist[WHERE done = false]) AS open_items
                        FROM advocacy_mission
                        WHERE {READABLE} AND starts_on <= $to AND ends_on >= $from
                        AND ($region = NONE OR $region IN (SELECT VALUE country.region FROM advocacy_event WHERE mission = $parent.id AND {READABLE}))
                        ORDER BY starts_on DESC;"
                ),
            )
            .bind(("from", from))
            .bind(("to", to))
            .bind(("region", region))
            .await
            .map_err(internal)?;
        let events: Vec<EventRow> = response.take(0).map_err(internal)?;
        let missions: Vec<MissionRow> = response.take(1).map_err(internal)?;
        Ok(AdvocacyOverview {
            events: events
                .into_iter()
                .filter_map(|r| self.event_summary(viewer, r))
                .collect(),
            missions: missions
                .into_iter()
                .filter_map(|m| {
                    Some(AdvocacySummary {
                        id: AdvocacyMissionId::parse(&m.key).ok()?,
                        title: m.title,
                        starts_on: day(&m.starts_on)?,
                        ends_on: day(&m.ends_on)?,
                        events: m.events.max(0) as u32,
                        open_items: m.open_items.max(0) as u32,
                        visibility: visibility(&m.visibility),
                    })
                })
                .collect(),
        })
    }

    async fn event(&self, viewer: &Viewer, id: &EventId) -> Result<Option<Event>, StoreError> {
        #[derive(SurrealValue)]
        struct PartRow {
            key: String,
            name: String,
            role: String,
        }
        #[derive(SurrealValue)]
        struct OrgRow {
            key: String,
            name: String,
            acronym: Option<String>,
        }
        #[derive(SurrealValue)]
        struct DetailRow {
            agenda: Vec<String>,
            asks: Vec<String>,
            participants: Vec<PartRow>,
            organisers: Vec<OrgRow>,
        }
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT {EVENT_FIELDS} FROM ONLY $event WHERE {READABLE};
                     SELECT agenda, asks,
                        (SELECT record::id(in) AS key, in.name AS name, role FROM <-participates
                            WHERE {EDGE_READABLE}
                            AND {READABLE_IN} ORDER BY name) AS participants,
                        (SELECT record::id(in) AS key, in.name AS name, in.acronym AS acronym FROM <-organises
                            WHERE {EDGE_READABLE}
                            AND {READABLE_IN} ORDER BY name) AS organisers
                        FROM ONLY $event WHERE {READABLE};"
                ),
            )
            .bind(("event", event_record(id)))
            .await
            .map_err(internal)?;
        let summary: Option<EventRow> = response.take(0).map_err(internal)?;
        let detail: Option<DetailRow> = response.take(1).map_err(internal)?;
        let (Some(summary), Some(detail)) = (summary, detail) else {
            return Ok(None);
        };
        let Some(summary) = self.event_summary(viewer, summary) else {
            return Ok(None);
        };
        let follow_ups = self.follow_ups(viewer, Some(id)).await?;
        Ok(Some(Event {
            summary,
            agenda: detail.agenda,
            asks: detail.asks,
            organisers: detail
                .organisers
                .into_iter()
                .filter_map(|o| org_ref(&o.key, o.name, o.acronym))
                .collect(),
            participants: detail
                .participants
                .into_iter()
                .filter_map(|p| {
                    Some(Participant {
                        person: person_ref(&p.key, p.name)?,
                        role: ParticipantRole::parse(&p.role).ok()?,
                    })
                })
                .collect(),
            follow_ups,
        }))
    }

    async fn open_next_steps(&self, viewer: &Viewer) -> Result<Vec<FollowUp>, StoreError> {
        self.follow_ups(viewer, None).await
    }

    async fn advocacy_mission(
        &self,
        viewer: &Viewer,
        id: &AdvocacyMissionId,
    ) -> Result<Option<AdvocacyMission>, StoreError> {
        #[derive(SurrealValue)]
        struct BudgetRow {
            label: String,
            amount: i64,
        }
        #[derive(SurrealValue)]
        struct TravelRow {
            traveller: String,
            route: String,
            on: String,
        }
        #[derive(SurrealValue)]
        struct CheckRow {
            kind: String,
            label: String,
            done: bool,
        }
        #[derive(SurrealValue)]
        struct Row {
            title: String,
            purpose: String,
            starts_on: String,
            ends_on: String,
            budget: Vec<BudgetRow>,
            travel: Vec<TravelRow>,
            checklist: Vec<CheckRow>,
            visibility: String,
        }
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT title, purpose, starts_on, ends_on, budget, travel, checklist, visibility
                        FROM ONLY $mission WHERE {READABLE};
                     SELECT {EVENT_FIELDS} FROM advocacy_event WHERE mission = $mission AND {READABLE}
                        ORDER BY starts_on;"
                ),
            )
            .bind(("mission", mission_record(id)))
            .await
            .map_err(internal)?;
        let row: Option<Row> = response.take(0).map_err(internal)?;
        let events: Vec<EventRow> = response.take(1).map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(AdvocacyMission {
            id: id.clone(),
            title: row.title,
            purpose: row.purpose,
            starts_on: day(&row.starts_on).unwrap_or_default(),
            ends_on: day(&row.ends_on).unwrap_or_default(),
            events: events
                .into_iter()
                .filter_map(|e| self.event_summary(viewer, e))
                .collect(),
            budget: row
                .budget
                .into_iter()
                .map(|b| BudgetLine {
                    label: b.label,
                    amount: b.amount.clamp(0, u32::MAX as i64) as u32,
                })
                .collect(),
            travel: row
                .travel
                .into_iter()
                .filter_map(|t| {
                    Some(Travel {
                        traveller: t.traveller,
                        route: t.route,
                        on: day(&t.on)?,
                    })
                })
                .collect(),
            checklist: row
                .checklist
                .into_iter()
                .filter_map(|c| {
                    Some(ChecklistItem {
                        kind: ChecklistKind::parse(&c.kind).ok()?,
                        label: c.label,
                        done: c.done,
                    })
                })
                .collect(),
            visibility: visibility(&row.visibility),
        }))
    }

    async fn create_event(&self, actor: &Actor, new: &NewEvent) -> Result<EventId, WorkError> {
        within_clearance(actor, new.visibility)?;
        if let Some(country) = &new.country {
            self.known_country(country)?;
        }
        let mission = match &new.mission {
            Some(m) => {
                self.level_of_choice(actor, "mission", mission_record(m))
                    .await?;
                Some(mission_record(m))
            }
            None => None,
        };
        let id = EventId::parse(&new_key(&new.title)?)
            .map_err(|e| refused("title", e.problem, &new.title))?;
        let event =
            AuditEvent::by(actor, "event.create", format!("advocacy_event:{id}")).after(json!({
                "title": new.title, "kind": new.kind.as_str(), "mechanism": new.mechanism.as_str(),
                "starts_on": new.starts_on.to_string(), "ends_on": new.ends_on.to_string(),
                "visibility": new.visibility.as_str(),
            }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $event CONTENT {{ title: $title, kind: $kind, mechanism: $mechanism,
                    starts_on: $starts_on, ends_on: $ends_on, city: $city, country: $country,
                    online: $online, agenda: $agenda, asks: $asks, mission: $mission,
                    visibility: $level }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("event", event_record(&id)))
            .bind(("title", new.title.clone()))
            .bind(("kind", new.kind.as_str()))
            .bind(("mechanism", new.mechanism.as_str()))
            .bind(("starts_on", new.starts_on.to_string()))
            .bind(("ends_on", new.ends_on.to_string()))
            .bind(("city", new.city.clone()))
            .bind((
                "country",
                new.country
                    .as_ref()
                    .map(|c| RecordId::new("country", c.key())),
            ))
            .bind(("online", new.online))
            .bind(("agenda", new.agenda.clone()))
            .bind(("asks", new.asks.clone()))
            .bind(("mission", mission))
            .bind(("level", new.visibility.as_str()));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn add_participant(
        &self,
        actor: &Actor,
        id: &EventId,
        person: &PersonId,
        role: ParticipantRole,
    ) -> Result<(), WorkError> {
        let event_level = self.event_level(actor, id).await?;
        let person_record = RecordId::new("person", person.as_str());
        let person_level = self
            .level_of_choice(actor, "person", person_record.clone())
            .await?;
        // A defender who travels needs a security assessment before and
        // after: the event's mission gets one checklist item per person,
        // named after them. The checklist is read by everyone who reads the
        // mission, so the name (and the fact that they travel) is copied
        // only when the person is no more restricted than the mission; a
        // restricted person is never copied, since a grant on the mission
        // is not a grant on them. Nor does anyone write into a mission
        // they cannot read: the event may be more open than its mission.
        let mut facts = self
            .db
            .query(
                "SELECT VALUE name FROM ONLY $person;
                 SELECT VALUE mission.visibility FROM ONLY $event;",
            )
            .bind(("person", person_record.clone()))
            .bind(("event", event_record(id)))
            .await
            .map_err(internal)?;
        let name: Option<String> = facts.take(0).map_err(internal)?;
        let mission_level: Option<String> = facts.take(1).map_err(internal)?;
        let may_copy = mission_level.as_deref().is_some_and(|level| {
            let level = visibility(level);
            actor.viewer.can_read(level)
                && person_level != shared::Visibility::Restricted
                && person_level <= level
        });
        let travels =
            may_copy && matches!(role, ParticipantRole::Speaker | ParticipantRole::Delegate);
        let event = AuditEvent::by(actor, "event.participant", format!("advocacy_event:{id}"))
            .after(json!({ "person": person.as_str(), "role": role.as_str(),
                "mission_checklist": travels }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     DELETE {pair};
                     RELATE $person->participates->$event SET role = $role, visibility = $level;
                     LET $mission = (SELECT VALUE mission FROM ONLY $event);
                     IF $travels AND $mission != NONE AND !($name IN ($mission.checklist[WHERE kind = 'security'].label ?? [])) {{
                        UPDATE $mission SET checklist += {{ kind: 'security', label: $name, done: false }};
                     }};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    pair = readable_pair("participates", "$person", "$event")
                ),
            )
            .bind(("person", person_record))
            .bind(("event", event_record(id)))
            .bind(("role", role.as_str()))
            .bind(("level", stricter(event_level, person_level).as_str()))
            .bind(("travels", travels))
            .bind(("name", name.unwrap_or_else(|| person.to_string())));
        self.audited(query, event).await
    }

    async fn add_organiser(
        &self,
        actor: &Actor,
        id: &EventId,
        organisation: &OrgId,
    ) -> Result<(), WorkError> {
        let event_level = self.event_level(actor, id).await?;
        let org = RecordId::new("organisation", organisation.as_str());
        let org_level = self
            .level_of_choice(actor, "organisation", org.clone())
            .await?;
        let event = AuditEvent::by(actor, "event.organiser", format!("advocacy_event:{id}"))
            .after(json!({ "organisation": organisation.as_str() }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     DELETE {pair};
                     RELATE $org->organises->$event SET visibility = $level;
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    pair = readable_pair("organises", "$org", "$event")
                ),
            )
            .bind(("org", org))
            .bind(("event", event_record(id)))
            .bind(("level", stricter(event_level, org_level).as_str()));
        self.audited(query, event).await
    }

    async fn add_follow_up(
        &self,
        actor: &Actor,
        id: &EventId,
        new: &NewFollowUp,
    ) -> Result<FollowUpId, WorkError> {
        let level = self.event_level(actor, id).await?;
        let key = FollowUpId::parse(&new_key(&format!("{id} {}", new.kind))?)
            .map_err(|e| refused("text", e.problem, &new.text))?;
        let owner = new
            .owned_by_me
            .then(|| RecordId::new("user", actor.user.id.as_str()));
        let event =
            AuditEvent::by(actor, "follow-up.add", format!("follow_up:{key}")).after(json!({
                "event": id.as_str(), "kind": new.kind.as_str(), "text": new.text,
                "due_on": new.due_on.map(|d| d.to_string()),
            }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $follow_up CONTENT {{ event: $event, kind: $kind, text: $text, owner: $owner,
                    due_on: $due_on, visibility: $level }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("follow_up", RecordId::new("follow_up", key.as_str())))
            .bind(("event", event_record(id)))
            .bind(("kind", new.kind.as_str()))
            .bind(("text", new.text.clone()))
            .bind(("owner", owner))
            .bind(("due_on", new.due_on.map(|d| d.to_string())))
            .bind(("level", level.as_str()));
        self.audited(query, event).await?;
        Ok(key)
    }

    async fn complete_follow_up(
        &self,
        actor: &Actor,
        id: &FollowUpId,
        on: NaiveDate,
    ) -> Result<(), WorkError> {
        let record = RecordId::new("follow_up", id.as_str());
        let event_key: Option<String> = self
            .query_for(
                &actor.viewer,
                concat!(
                    "SELECT VALUE record::id(event) FROM ONLY $record WHERE ",
                    readable!("event"),
                ),
            )
            .bind(("record", record.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        if event_key.is_none() {
            return Err(WorkError::NotFound);
        }
        let event = AuditEvent::by(actor, "follow-up.done", format!("follow_up:{id}"))
            .after(json!({ "done_on": on.to_string() }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 UPDATE $record SET done_on = $on;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("record", record))
            .bind(("on", on.to_string()));
        self.audited(query, event).await
    }

    async fn create_advocacy_mission(
        &self,
        actor: &Actor,
        new: &NewAdvocacyMission,
    ) -> Result<AdvocacyMissionId, WorkError> {
        within_clearance(actor, new.visibility)?;
        let id = AdvocacyMissionId::parse(&new_key(&new.title)?)
            .map_err(|e| refused("title", e.problem, &new.title))?;
        let event = AuditEvent::by(
            actor,
            "advocacy-mission.create",
            format!("advocacy_mission:{id}"),
        )
        .after(json!({
            "title": new.title, "starts_on": new.starts_on.to_string(),
            "ends_on": new.ends_on.to_string(), "visibility": new.visibility.as_str(),
        }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $mission CONTENT {{ title: $title, purpose: $purpose, starts_on: $starts_on,
                    ends_on: $ends_on, visibility: $level }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("mission", mission_record(&id)))
            .bind(("title", new.title.clone()))
            .bind(("purpose", new.purpose.clone()))
            .bind(("starts_on", new.starts_on.to_string()))
            .bind(("ends_on", new.ends_on.to_string()))
            .bind(("level", new.visibility.as_str()));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn add_plan_item(
        &self,
        actor: &Actor,
        id: &AdvocacyMissionId,
        item: &PlanItem,
    ) -> Result<(), WorkError> {
        self.readable_level(&actor.viewer, mission_record(id))
            .await?
            .ok_or(WorkError::NotFound)?;
        let (field, value, what) = match item {
            PlanItem::Budget(b) => (
                "budget",
                json!({ "label": b.label, "amount": b.amount }),
                "advocacy-mission.budget",
            ),
            PlanItem::Travel(t) => (
                "travel",
                json!({ "traveller": t.traveller, "route": t.route, "on": t.on.to_string() }),
                "advocacy-mission.travel",
            ),
            PlanItem::Check(c) => (
                "checklist",
                json!({ "kind": c.kind.as_str(), "label": c.label, "done": false }),
                "advocacy-mission.checklist",
            ),
        };
        let event =
            AuditEvent::by(actor, what, format!("advocacy_mission:{id}")).after(value.clone());
        // `field` is one of three constants above, never user input.
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 UPDATE $mission SET {field} += $item;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("mission", mission_record(id)))
            .bind(("item", value));
        self.audited(query, event).await
    }

    async fn set_check(
        &self,
        actor: &Actor,
        id: &AdvocacyMissionId,
        index: usize,
        done: bool,
    ) -> Result<(), WorkError> {
        let mission = self
            .advocacy_mission(&actor.viewer, id)
            .await?
            .ok_or(WorkError::NotFound)?;
        let Some(item) = mission.checklist.get(index) else {
            return Err(refused("item", Problem::Required, &index.to_string()));
        };
        let as_json = |c: &ChecklistItem, done: bool| json!({ "kind": c.kind.as_str(), "label": c.label, "done": done });
        let before: Vec<_> = mission
            .checklist
            .iter()
            .map(|c| as_json(c, c.done))
            .collect();
        let after: Vec<_> = mission
            .checklist
            .iter()
            .enumerate()
            .map(|(i, c)| as_json(c, if i == index { done } else { c.done }))
            .collect();
        let event = AuditEvent::by(
            actor,
            "advocacy-mission.check",
            format!("advocacy_mission:{id}"),
        )
        .before(json!({ "item": item.label, "done": item.done }))
        .after(json!({ "item": item.label, "done": done }));
        // Replaces the whole list, refused when it changed since it was read.
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 IF (SELECT VALUE checklist FROM ONLY $mission) != $before {{ THROW 'stale' }};
                 UPDATE $mission SET checklist = $after;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("mission", mission_record(id)))
            .bind(("before", before))
            .bind(("after", after));
        self.audited(query, event).await
    }
}

impl SurrealStore {
    /// Follow-ups of one event, or every open next step; a follow-up is as
    /// readable as its event.
    async fn follow_ups(
        &self,
        viewer: &Viewer,
        event: Option<&EventId>,
    ) -> Result<Vec<FollowUp>, StoreError> {
        #[derive(SurrealValue)]
        struct Row {
            key: String,
            event_key: String,
            event_title: String,
            kind: String,
            text: String,
            owner_name: Option<String>,
            owner_role: Option<String>,
            due_on: Option<String>,
            done_on: Option<String>,
        }
        let scope = if event.is_some() {
            "event = $event ORDER BY created_at"
        } else {
            "kind = 'next-step' AND done_on = NONE ORDER BY due_on"
        };
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT record::id(id) AS key, record::id(event) AS event_key, event.title AS event_title,
                        kind, text, owner.name AS owner_name, owner.role AS owner_role, due_on, done_on,
                        due_on AS due, created_at
                     FROM follow_up
                     WHERE {READABLE_EVENT} AND {scope}"
                ),
            )
            .bind(("event", event.map(event_record)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(FollowUp {
                    id: FollowUpId::parse(&r.key).ok()?,
                    event: EventId::parse(&r.event_key).ok()?,
                    event_title: r.event_title,
                    kind: FollowUpKind::parse(&r.kind).ok()?,
                    text: r.text,
                    owner: actor_shown(viewer, r.owner_name, r.owner_role.as_deref(), None),
                    due_on: r.due_on.as_deref().and_then(day),
                    done_on: r.done_on.as_deref().and_then(day),
                })
            })
            .collect())
    }

    async fn event_level(
        &self,
        actor: &Actor,
        id: &EventId,
    ) -> Result<shared::Visibility, WorkError> {
        self.readable_level(&actor.viewer, event_record(id))
            .await?
            .ok_or(WorkError::NotFound)
    }
}
