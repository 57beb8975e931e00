//! Observation missions: reading them, planning them, staffing them and
//! moving them along their workflow. Every change is one transaction with
//! its audit event.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, NOTIFY_INSERT};
use crate::store::observation::trials::trial_record;
use crate::store::rows::org_ref;
use crate::store::rows::person_ref;
use crate::store::rows::visibility;
use crate::store::visibility::{mission_edge_readable, readable, READABLE, READABLE_UNDER_TRIAL};
use crate::store::writes::{random_suffix, refused};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::StoreError;
use app::error::WorkError;
use app::observation::store::Hearings;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use shared::{
    CountryCode, HearingId, Mission, MissionId, MissionObserver, MissionPlan, MissionStatus,
    MissionSummary, ObserverOption, ObserverRole, PersonId, Problem, ReportStatus, StatusChange,
    TrialId, ValidationError, Viewer,
};
use surrealdb::types::{RecordId, SurrealValue};

/// The observation of `$mission` by `$person` the actor may read: all that
/// adding or removing the observer touches.
const OBSERVES: &str = concat!(
    "observes WHERE in = $person AND out = $mission AND ",
    mission_edge_readable!("out")
);

/// The hearing `$hearing` covered by `$mission`, as the actor may read it.
const COVERS: &str = concat!(
    "covers WHERE in = $mission AND out = $hearing AND ",
    mission_edge_readable!("in")
);

/// The observers of the mission `$parent`, with what planning needs of them.
pub(in crate::store) const OBSERVERS: &str = concat!(
    "(SELECT role, record::id(in) AS key, in.name AS name,
        in.languages AS languages, in.nationality AS nationality
    FROM observes WHERE out = $parent.id
        AND ",
    mission_edge_readable!("out"),
    "
        AND ",
    readable!("in"),
    "
    ORDER BY name)"
);

#[derive(Debug, SurrealValue)]
pub(in crate::store) struct ObserverRow {
    pub role: String,
    pub key: String,
    pub name: String,
    pub languages: Vec<String>,
    pub nationality: Option<RecordId>,
}

impl ObserverRow {
    pub(in crate::store) fn into_observer(self) -> Option<MissionObserver> {
        Some(MissionObserver {
            person: person_ref(&self.key, self.name)?,
            role: ObserverRole::parse(&self.role).ok()?,
            languages: self.languages,
            nationality: self
                .nationality
                .and_then(|c| CountryCode::parse(&crate::store::rows::record_key(&c)).ok()),
        })
    }
}

pub(in crate::store) fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

pub(in crate::store) fn mission_record(id: &MissionId) -> RecordId {
    RecordId::new("mission", id.as_str())
}

#[derive(Debug, SurrealValue)]
struct SummaryRow {
    key: String,
    title: String,
    trial_key: Option<String>,
    case_name: Option<String>,
    starts_on: String,
    ends_on: String,
    status: String,
    observers: i64,
    report: Option<String>,
}

fn summary(row: SummaryRow) -> Option<MissionSummary> {
    Some(MissionSummary {
        id: MissionId::parse(&row.key).ok()?,
        title: row.title,
        trial: TrialId::parse(row.trial_key.as_deref()?).ok()?,
        case_name: row.case_name.unwrap_or_default(),
        starts_on: day(&row.starts_on)?,
        ends_on: day(&row.ends_on)?,
        status: MissionStatus::parse(&row.status).ok()?,
        observers: row.observers.max(0) as usize,
        report: row.report.and_then(|r| ReportStatus::parse(&r).ok()),
    })
}

#[derive(Debug, SurrealValue)]
struct OrgRow {
    key: String,
    name: String,
    acronym: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct MissionRow {
    key: String,
    title: String,
    trial_key: String,
    case_name: String,
    country: String,
    court_language: String,
    starts_on: String,
    ends_on: String,
    status: String,
    visibility: String,
    observers: Vec<ObserverRow>,
    organisations: Vec<OrgRow>,
    covered: Vec<String>,
    report: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct HistoryRow {
    at: DateTime<Utc>,
    actor_email: Option<String>,
    actor_name: Option<String>,
    actor_role: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

fn status_in(json_text: Option<&str>) -> Option<MissionStatus> {
    let value: serde_json::Value = serde_json::from_str(json_text?).ok()?;
    MissionStatus::parse(value.get("status")?.as_str()?).ok()
}

/// What a write found of the mission it changes.
#[derive(Debug, SurrealValue)]
pub(in crate::store) struct Current {
    pub status: String,
    pub visibility: String,
    pub trial: Option<RecordId>,
    pub title: String,
}

/// The records a notice about a mission copies from: the mission and its
/// trial.
pub(in crate::store) fn mission_records(
    mission: &MissionId,
    trial: Option<&RecordId>,
) -> Vec<String> {
    let mut records = vec![format!("mission:{mission}")];
    records.extend(trial.map(crate::store::rows::record_text));
    records
}

impl SurrealStore {
    /// The accounts of these people (an observer's own account).
    pub(in crate::store) async fn users_of_people(
        &self,
        people: &[PersonId],
    ) -> Result<Vec<RecordId>, StoreError> {
        let people: Vec<RecordId> = people
            .iter()
            .map(|p| RecordId::new("person", p.as_str()))
            .collect();
        self.db
            .query("SELECT VALUE id FROM user WHERE person IN $people")
            .bind(("people", people))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)
    }

    pub async fn mission_summaries(
        &self,
        viewer: &Viewer,
        trial: Option<&TrialId>,
    ) -> Result<Vec<MissionSummary>, StoreError> {
        self.summaries_where(viewer, trial, None).await
    }

    pub(in crate::store) async fn summaries_where(
        &self,
        viewer: &Viewer,
        trial: Option<&TrialId>,
        statuses: Option<&[MissionStatus]>,
    ) -> Result<Vec<MissionSummary>, StoreError> {
        let sql = format!(
            "SELECT record::id(id) AS key, title,
                (IF trial != NONE THEN record::id(trial) END) AS trial_key,
                trial.case_name AS case_name, starts_on, ends_on, status,
                count({OBSERVERS}) AS observers,
                (SELECT VALUE status FROM report WHERE mission = $parent.id)[0] AS report
             FROM mission
             WHERE {READABLE_UNDER_TRIAL} AND ($trial = NONE OR trial = $trial)
                AND ($statuses = NONE OR status IN $statuses)
             ORDER BY starts_on"
        );
        let rows: Vec<SummaryRow> = self
            .query_for(viewer, sql)
            .bind(("trial", trial.map(trial_record)))
            .bind((
                "statuses",
                statuses.map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>()),
            ))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows.into_iter().filter_map(summary).collect())
    }
}

#[async_trait::async_trait]
impl app::observation::store::Missions for SurrealStore {
    async fn mission(
        &self,
        viewer: &Viewer,
        id: &MissionId,
    ) -> Result<Option<Mission>, StoreError> {
        let sql = format!(
            "SELECT record::id(id) AS key, title, record::id(trial) AS trial_key,
                trial.case_name AS case_name, record::id(trial.country) AS country,
                trial.court_language AS court_language, starts_on, ends_on, status, visibility,
                {OBSERVERS} AS observers,
                (SELECT record::id(id) AS key, name, acronym
                    FROM array::distinct($parent->organised_by[WHERE {by_mission}]->organisation)
                    WHERE {READABLE} ORDER BY name) AS organisations,
                (SELECT VALUE record::id(out) FROM covers WHERE in = $parent.id
                    AND {by_mission}) AS covered,
                (SELECT VALUE status FROM report WHERE mission = $parent.id)[0] AS report
             FROM ONLY type::record('mission', $key)
             WHERE {READABLE_UNDER_TRIAL} AND trial != NONE;
             SELECT at, actor_email, actor.name AS actor_name, actor.role AS actor_role, before, after FROM audit
             WHERE target = $target AND action IN ['mission.plan', 'mission.status'] ORDER BY at;",
            by_mission = mission_edge_readable!("in"),
        );
        let mut response = self
            .query_for(viewer, sql)
            .bind(("key", id.to_string()))
            .bind(("target", format!("mission:{id}")))
            .await
            .map_err(internal)?;
        let row: Option<MissionRow> = response.take(0).map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        let history: Vec<HistoryRow> = response.take(1).map_err(internal)?;
        let trial = TrialId::parse(&row.trial_key).map_err(|e| internal(e.message()))?;
        let (hearings, other_hearings) = self
            .trial_hearings(viewer, &trial)
            .await?
            .into_iter()
            .partition(|h| row.covered.iter().any(|c| c == h.id.as_str()));
        Ok(Some(Mission {
            id: id.clone(),
            title: row.title,
            trial,
            case_name: row.case_name,
            country: self
                .country_by_key(&row.country)
                .cloned()
                .ok_or_else(|| internal(format!("unknown country {}", row.country)))?,
            court_language: row.court_language,
            starts_on: day(&row.starts_on).unwrap_or_default(),
            ends_on: day(&row.ends_on).unwrap_or_default(),
            status: MissionStatus::parse(&row.status).unwrap_or(MissionStatus::Proposed),
            visibility: visibility(&row.visibility),
            hearings,
            other_hearings,
            observers: row
                .observers
                .into_iter()
                .filter_map(ObserverRow::into_observer)
                .collect(),
            organisations: row
                .organisations
                .into_iter()
                .filter_map(|o| org_ref(&o.key, o.name, o.acronym))
                .collect(),
            history: history
                .into_iter()
                .filter_map(|h| {
                    Some(StatusChange {
                        from: status_in(h.before.as_deref()),
                        to: status_in(h.after.as_deref())?,
                        by: crate::store::rows::actor_shown(
                            viewer,
                            h.actor_name,
                            h.actor_role.as_deref(),
                            h.actor_email,
                        ),
                        at: h.at,
                    })
                })
                .collect(),
            report: row.report.and_then(|r| ReportStatus::parse(&r).ok()),
        }))
    }

    async fn observer_options(&self, viewer: &Viewer) -> Result<Vec<ObserverOption>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Row {
            key: String,
            name: String,
            languages: Vec<String>,
        }
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                concat!(
                    "SELECT record::id(id) AS key, name, languages FROM person
                 WHERE ",
                    readable!(),
                    " AND ('observer' IN roles OR 'staff' IN roles)
                 ORDER BY name COLLATE ASC"
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(ObserverOption {
                    id: PersonId::parse(&r.key).ok()?,
                    name: r.name,
                    languages: r.languages,
                })
            })
            .collect())
    }

    async fn plan_mission(
        &self,
        actor: &Actor,
        plan: &MissionPlan,
    ) -> Result<MissionId, WorkError> {
        let hearing = self
            .hearing(&actor.viewer, &plan.hearing)
            .await?
            .ok_or_else(|| refused("hearing", Problem::Required, plan.hearing.as_str()))?;
        let org_visible: Option<String> = self
            .query_for(&actor.viewer, concat!("SELECT VALUE record::id(id) FROM ONLY type::record('organisation', $key) WHERE ", readable!()))
            .bind(("key", plan.organisation.to_string()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        if org_visible.is_none() {
            return Err(refused(
                "organisation",
                Problem::Required,
                plan.organisation.as_str(),
            ));
        }
        let id = MissionId::parse(&format!(
            "{}-{}",
            shared_slug(&hearing.case_name),
            random_suffix(6)?
        ))
        .map_err(|e| WorkError::Store(internal(e.message())))?;
        // A mission is at least staff-only; a restricted trial keeps its missions restricted.
        let level = hearing.visibility.max(shared::Visibility::Staff).as_str();
        let event = AuditEvent::by(actor, "mission.plan", format!("mission:{id}")).after(json!({
            "status": "proposed", "title": plan.title, "hearing": plan.hearing.as_str(),
            "starts_on": plan.starts_on.to_string(), "ends_on": plan.ends_on.to_string(),
            "organisation": plan.organisation.as_str(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             CREATE $mission CONTENT {{
                title: $title, trial: $trial, starts_on: $starts_on, ends_on: $ends_on,
                status: 'proposed', visibility: $level
             }};
             RELATE $mission->covers->$hearing SET visibility = $level;
             RELATE $mission->organised_by->$org SET visibility = $level;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("mission", mission_record(&id)))
            .bind(("title", plan.title.clone()))
            .bind(("trial", trial_record(&hearing.trial)))
            .bind(("starts_on", plan.starts_on.to_string()))
            .bind(("ends_on", plan.ends_on.to_string()))
            .bind(("level", level))
            .bind(("hearing", RecordId::new("hearing", plan.hearing.as_str())))
            .bind((
                "org",
                RecordId::new("organisation", plan.organisation.as_str()),
            ));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn assign_observer(
        &self,
        actor: &Actor,
        mission: &MissionId,
        person: &PersonId,
        role: ObserverRole,
    ) -> Result<(), WorkError> {
        let current = self.current(actor, mission).await?;
        Self::open_for_changes(&current.status)?;
        let Some(name) = self.person_name(actor, person).await? else {
            return Err(refused("person", Problem::Required, person.as_str()));
        };
        let event = AuditEvent::by(actor, "mission.observer", format!("mission:{mission}"))
            .after(json!({ "person": person.as_str(), "name": name, "role": role.as_str() }));
        // The observer's account hears of it, if they have one and may read
        // the mission (and its trial).
        let title = current.title.clone();
        let notices = self
            .notices(
                self.users_of_people(std::slice::from_ref(person)).await?,
                Some(&actor.user.id),
                &Notice {
                    kind: shared::NotificationKind::MissionAssigned,
                    href: format!("/missions/{mission}"),
                    records: mission_records(mission, current.trial.as_ref()),
                    created: Vec::new(),
                    level: visibility(&current.visibility),
                    words: &|l| {
                        app::notifications::words::mission_assigned(
                            l,
                            &title,
                            app::locale::observer_role_name(l, role),
                        )
                    },
                },
            )
            .await?;
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE status FROM ONLY $mission) != $status {{ THROW 'stale' }};
             DELETE {OBSERVES};
             RELATE $person->observes->$mission SET role = $role, visibility = $level;
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("mission", mission_record(mission)))
            .bind(("status", current.status.clone()))
            .bind(("person", RecordId::new("person", person.as_str())))
            .bind(("role", role.as_str()))
            .bind(("level", current.visibility.clone()));
        self.audited(query, event).await
    }

    async fn remove_observer(
        &self,
        actor: &Actor,
        mission: &MissionId,
        person: &PersonId,
    ) -> Result<(), WorkError> {
        let current = self.current(actor, mission).await?;
        Self::open_for_changes(&current.status)?;
        // A person the actor may not see answers like one who is not on the
        // mission: the answer must not tell a hidden person exists.
        if self.person_name(actor, person).await?.is_none() {
            return Err(WorkError::NotFound);
        }
        let event = AuditEvent::by(actor, "mission.observer", format!("mission:{mission}"))
            .before(json!({ "person": person.as_str() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE id FROM {OBSERVES}) = [] {{ THROW 'not-found' }};
             DELETE {OBSERVES};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("mission", mission_record(mission)))
            .bind(("person", RecordId::new("person", person.as_str())));
        self.audited(query, event).await
    }

    async fn cover_hearing(
        &self,
        actor: &Actor,
        mission: &MissionId,
        hearing: &HearingId,
    ) -> Result<(), WorkError> {
        let current = self.current(actor, mission).await?;
        Self::open_for_changes(&current.status)?;
        let found = self.hearing(&actor.viewer, hearing).await?;
        let same_trial = matches!(
            (&found, &current.trial),
            (Some(h), Some(t)) if crate::store::rows::record_key(t) == h.trial.as_str()
        );
        if !same_trial {
            return Err(refused("hearing", Problem::Required, hearing.as_str()));
        }
        let event = AuditEvent::by(actor, "mission.cover", format!("mission:{mission}"))
            .after(json!({ "hearing": hearing.as_str() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             DELETE {COVERS};
             RELATE $mission->covers->$hearing SET visibility = $level;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("mission", mission_record(mission)))
            .bind(("hearing", RecordId::new("hearing", hearing.as_str())))
            .bind(("level", current.visibility.clone()));
        self.audited(query, event).await
    }

    async fn move_mission(
        &self,
        actor: &Actor,
        mission: &MissionId,
        from: MissionStatus,
        to: MissionStatus,
    ) -> Result<(), WorkError> {
        let current = self.current(actor, mission).await?;
        let stored = MissionStatus::parse(&current.status)
            .map_err(|e| WorkError::Store(internal(e.message())))?;
        if stored != from {
            return Err(WorkError::Stale);
        }
        stored
            .check_move(to)
            .map_err(|e| WorkError::Invalid(vec![e]))?;
        let event = AuditEvent::by(actor, "mission.status", format!("mission:{mission}"))
            .before(json!({ "status": from.as_str() }))
            .after(json!({ "status": to.as_str() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE status FROM ONLY $mission) != $from {{ THROW 'stale' }};
             UPDATE $mission SET status = $to;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("mission", mission_record(mission)))
            .bind(("from", from.as_str()))
            .bind(("to", to.as_str()));
        self.audited(query, event).await
    }
}

impl SurrealStore {
    /// The mission as the actor sees it, before a change.
    pub(in crate::store) async fn current(
        &self,
        actor: &Actor,
        id: &MissionId,
    ) -> Result<Current, WorkError> {
        let sql = format!(
            "SELECT status, visibility, trial, title FROM ONLY type::record('mission', $key)
             WHERE {READABLE_UNDER_TRIAL}"
        );
        let row: Option<Current> = self
            .query_for(&actor.viewer, sql)
            .bind(("key", id.to_string()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        row.ok_or(WorkError::NotFound)
    }

    /// Runs a transaction ending with the audit event; a `THROW 'stale'`
    /// in it means someone changed the record first.
    /// The name of a person the actor may see; `None` when absent or hidden.
    async fn person_name(
        &self,
        actor: &Actor,
        person: &PersonId,
    ) -> Result<Option<String>, WorkError> {
        self.query_for(
            &actor.viewer,
            concat!(
                "SELECT VALUE name FROM ONLY type::record('person', $key) WHERE ",
                readable!()
            ),
        )
        .bind(("key", person.to_string()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(|e| WorkError::Store(internal(e)))
    }

    fn open_for_changes(status: &str) -> Result<(), WorkError> {
        match MissionStatus::parse(status) {
            Ok(MissionStatus::Closed | MissionStatus::Cancelled) => {
                Err(WorkError::Invalid(vec![ValidationError::new(
                    "status",
                    Problem::IllegalTransition {
                        from: status.to_owned(),
                        to: status.to_owned(),
                    },
                )]))
            }
            _ => Ok(()),
        }
    }
}

/// A readable slug of a case name for a new record's key.
fn shared_slug(name: &str) -> String {
    let slug = crate::seed::names::slug(name);
    let cut: String = slug.chars().take(40).collect();
    cut.trim_end_matches('-').to_owned()
}
