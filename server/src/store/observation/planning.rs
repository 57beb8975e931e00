//! The planning aids and the staff work queue. The rows come from one query
//! each; the rules run here, where they are plain code with plain tests.

use crate::store::observation::missions::{day, ObserverRow, OBSERVERS};
use crate::store::visibility::READABLE_UNDER_TRIAL;

use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use app::observation::store::Hearings;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use shared::{
    overlaps, HearingFilter, HearingStatus, MissionId, MissionObserver, MissionRef, MissionStatus,
    ObserverRole, PlanningFlag, Viewer, WorkQueue, PLANNING_HORIZON_DAYS,
};
use surrealdb::types::SurrealValue;

#[derive(Debug, SurrealValue)]
struct PlannedRow {
    key: String,
    title: String,
    starts_on: String,
    ends_on: String,
    country: Option<String>,
    court_language: Option<String>,
    observers: Vec<ObserverRow>,
}

/// A mission still ahead, as the rules need it.
#[derive(Debug, Clone)]
pub struct Planned {
    pub mission: MissionRef,
    pub dates: (NaiveDate, NaiveDate),
    pub country: Option<shared::Country>,
    pub court_language: Option<String>,
    pub observers: Vec<MissionObserver>,
}

const PLANNED: [MissionStatus; 3] = [
    MissionStatus::Proposed,
    MissionStatus::Approved,
    MissionStatus::Deployed,
];

/// Observers on two planned missions whose dates overlap: one flag per
/// person and pair of missions.
pub fn double_bookings(missions: &[Planned]) -> Vec<PlanningFlag> {
    let mut flags = Vec::new();
    for (i, a) in missions.iter().enumerate() {
        for b in &missions[i + 1..] {
            if !overlaps(a.dates, b.dates) {
                continue;
            }
            for o in &a.observers {
                if b.observers.iter().any(|p| p.person.id == o.person.id) {
                    flags.push(PlanningFlag::DoubleBooked {
                        person: o.person.clone(),
                        mission: a.mission.clone(),
                        other: b.mission.clone(),
                    });
                }
            }
        }
    }
    flags
}

/// Missions where nobody sent speaks the court's language and no
/// interpreter goes. A mission without observers yet is not flagged.
pub fn missing_interpreters(missions: &[Planned]) -> Vec<PlanningFlag> {
    missions
        .iter()
        .filter_map(|m| {
            let language = m.court_language.as_ref()?;
            if m.observers.is_empty()
                || m.observers
                    .iter()
                    .any(|o| o.role == ObserverRole::Interpreter)
                || m.observers.iter().any(|o| o.languages.contains(language))
            {
                return None;
            }
            let mut spoken: Vec<String> = m
                .observers
                .iter()
                .flat_map(|o| o.languages.iter().cloned())
                .collect();
            spoken.sort();
            spoken.dedup();
            Some(PlanningFlag::NoInterpreter {
                mission: m.mission.clone(),
                court_language: language.clone(),
                observer_languages: spoken,
            })
        })
        .collect()
}

/// Observers who are nationals of the country where the trial takes place.
pub fn national_observers(missions: &[Planned]) -> Vec<PlanningFlag> {
    missions
        .iter()
        .flat_map(|m| {
            m.observers.iter().filter_map(move |o| {
                let country = m.country.as_ref()?;
                (o.nationality.as_ref() == Some(&country.code)).then(|| {
                    PlanningFlag::NationalObserver {
                        person: o.person.clone(),
                        mission: m.mission.clone(),
                        country: country.clone(),
                    }
                })
            })
        })
        .collect()
}

impl SurrealStore {
    async fn planned_missions(&self, viewer: &Viewer) -> Result<Vec<Planned>, StoreError> {
        let sql = format!(
            "SELECT record::id(id) AS key, title, starts_on, ends_on,
                (IF trial != NONE THEN record::id(trial.country) END) AS country,
                trial.court_language AS court_language,
                {OBSERVERS} AS observers
             FROM mission
             WHERE {READABLE_UNDER_TRIAL} AND status IN $planned
             ORDER BY starts_on"
        );
        let rows: Vec<PlannedRow> = self
            .query_for(viewer, sql)
            .bind(("planned", PLANNED.map(|s| s.as_str()).to_vec()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(Planned {
                    mission: MissionRef {
                        id: MissionId::parse(&r.key).ok()?,
                        title: r.title,
                    },
                    dates: (day(&r.starts_on)?, day(&r.ends_on)?),
                    country: r.country.and_then(|c| self.country_by_key(&c).cloned()),
                    court_language: r.court_language,
                    observers: r
                        .observers
                        .into_iter()
                        .filter_map(ObserverRow::into_observer)
                        .collect(),
                })
            })
            .collect())
    }
}

#[async_trait::async_trait]
impl app::observation::store::Planning for SurrealStore {
    async fn planning_flags(
        &self,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<Vec<PlanningFlag>, StoreError> {
        let missions = self.planned_missions(viewer).await?;
        let mut flags = double_bookings(&missions);
        flags.extend(missing_interpreters(&missions));
        flags.extend(national_observers(&missions));
        let upcoming = self
            .hearings(
                viewer,
                &HearingFilter {
                    from: Some(now),
                    to: Some(now + Duration::days(PLANNING_HORIZON_DAYS)),
                    ..Default::default()
                },
            )
            .await?;
        flags.extend(
            upcoming
                .into_iter()
                .filter(|h| h.status == HearingStatus::Scheduled && h.missions == 0)
                .map(|h| PlanningFlag::UncoveredHearing {
                    days: (h.starts_at - now).num_days(),
                    hearing: h,
                }),
        );
        Ok(flags)
    }

    async fn work_queue(
        &self,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<WorkQueue, StoreError> {
        let flags = self.planning_flags(viewer, now).await?;
        let upcoming = self
            .hearings(
                viewer,
                &HearingFilter {
                    from: Some(now),
                    to: Some(now + Duration::days(PLANNING_HORIZON_DAYS)),
                    ..Default::default()
                },
            )
            .await?;
        let missions = self
            .summaries_where(
                viewer,
                None,
                Some(&[
                    MissionStatus::Proposed,
                    MissionStatus::Approved,
                    MissionStatus::Deployed,
                    MissionStatus::Reported,
                ]),
            )
            .await?;
        Ok(WorkQueue {
            flags,
            upcoming,
            missions,
        })
    }
}
