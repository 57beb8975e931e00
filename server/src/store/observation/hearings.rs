//! Adding hearings to a trial and recording what happened at them. Times
//! are typed on the court's clock and stored as instants.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, Notices, NOTIFY_INSERT};
use crate::store::observation::trials::{country_record, trial_record, HearingRow, HEARING_FIELDS};
use crate::store::rows::visibility;
use crate::store::visibility::{readable, READABLE_UNDER_TRIAL};
use crate::store::writes::{random_suffix, refused};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use app::notifications::words;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::json;
use shared::{
    Hearing, HearingFilter, HearingId, HearingRecord, HearingStatus, NewHearing, NotificationKind,
    Problem, TrialId, Viewer, Visibility,
};
use surrealdb::types::{RecordId, SurrealValue};

/// The instant a court-clock time names; `None` for a time the clocks skip.
fn instant(local: NaiveDateTime, timezone: &str) -> Option<DateTime<Utc>> {
    let tz: chrono_tz::Tz = timezone.parse().ok()?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn skipped_time(field: &str, local: NaiveDateTime) -> WorkError {
    refused(field, Problem::NotATime, &local.format("%H:%M").to_string())
}

fn new_key(trial: &TrialId, local: NaiveDateTime) -> Result<HearingId, WorkError> {
    let suffix = random_suffix(4)?;
    let stem: String = trial.as_str().chars().take(40).collect();
    HearingId::parse(&format!(
        "{}-{}-{suffix}",
        stem.trim_end_matches('-'),
        local.format("%Y%m%d")
    ))
    .map_err(|e| WorkError::Store(internal(e.message())))
}

#[derive(Debug, SurrealValue)]
struct TrialClock {
    timezone: String,
    visibility: String,
    case_name: String,
}

/// A time on the court's clock, as notices write it.
fn court_time(local: NaiveDateTime) -> String {
    local.format("%Y-%m-%d %H:%M").to_string()
}

#[async_trait::async_trait]
impl app::observation::store::Hearings for SurrealStore {
    async fn hearings(
        &self,
        viewer: &Viewer,
        filter: &HearingFilter,
    ) -> Result<Vec<Hearing>, StoreError> {
        let sql = format!(
            "SELECT {HEARING_FIELDS} FROM hearing
             WHERE {READABLE_UNDER_TRIAL}
                AND ($from = NONE OR starts_at >= $from) AND ($to = NONE OR starts_at < $to)
                AND ($country = NONE OR trial.country = $country)
                AND ($status = NONE OR trial.status = $status)
             ORDER BY starts_at LIMIT 2000"
        );
        let rows: Vec<HearingRow> = self
            .query_for(viewer, sql)
            .bind(("from", filter.from))
            .bind(("to", filter.to))
            .bind(("country", country_record(&filter.country)))
            .bind(("status", filter.status.map(|s| s.as_str())))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.into_hearing(self))
            .collect())
    }

    async fn hearing(
        &self,
        viewer: &Viewer,
        id: &HearingId,
    ) -> Result<Option<Hearing>, StoreError> {
        let sql = format!(
            "SELECT {HEARING_FIELDS} FROM ONLY type::record('hearing', $key) WHERE {READABLE_UNDER_TRIAL}"
        );
        let row: Option<HearingRow> = self
            .query_for(viewer, sql)
            .bind(("key", id.to_string()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(row.and_then(|r| r.into_hearing(self)))
    }

    async fn add_hearing(&self, actor: &Actor, new: &NewHearing) -> Result<HearingId, WorkError> {
        let clock = self.trial_clock(actor, &new.trial).await?;
        let at = instant(new.local_start, &clock.timezone)
            .ok_or_else(|| skipped_time("time", new.local_start))?;
        let id = new_key(&new.trial, new.local_start)?;
        let event = AuditEvent::by(actor, "hearing.add", format!("hearing:{id}")).after(json!({
            "trial": new.trial.as_str(), "starts_at": at.to_rfc3339(),
            "court_time": new.local_start.to_string(), "place": new.place,
        }));
        let (case, when, place) = (
            clock.case_name.clone(),
            court_time(new.local_start),
            new.place.clone(),
        );
        let notices = self
            .hearing_notices(
                actor,
                &new.trial,
                visibility(&clock.visibility),
                Vec::new(),
                vec![format!("hearing:{id}")],
                &|l| words::hearing_added(l, &case, &when, &place),
            )
            .await?;
        let sql = format!(
            "BEGIN TRANSACTION;
             CREATE $hearing CONTENT {{ trial: $trial, starts_at: $at, place: $place, status: 'scheduled',
                summary: '', visibility: $level }};
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.db.query(sql))
            .bind(("hearing", RecordId::new("hearing", id.as_str())))
            .bind(("trial", trial_record(&new.trial)))
            .bind(("at", at))
            .bind(("place", new.place.clone()))
            .bind(("level", clock.visibility));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn record_hearing(&self, actor: &Actor, record: &HearingRecord) -> Result<(), WorkError> {
        let hearing = self
            .hearing(&actor.viewer, &record.hearing)
            .await?
            .ok_or(WorkError::NotFound)?;
        let next = match record.next {
            Some(local) => Some((
                instant(local, &hearing.timezone)
                    .ok_or_else(|| skipped_time("next_time", local))?,
                new_key(&hearing.trial, local)?,
            )),
            None => None,
        };
        let event = AuditEvent::by(actor, "hearing.record", format!("hearing:{}", hearing.id)).before(json!({ "status": hearing.status.as_str(), "summary": hearing.summary })).after(json!({
            "status": record.status.as_str(), "summary": record.summary,
            "next": next.as_ref().map(|(at, id)| json!({ "hearing": id.as_str(), "starts_at": at.to_rfc3339() })),
        }));
        let create_next = if next.is_some() {
            "CREATE $next CONTENT { trial: $trial, starts_at: $next_at, place: $place, status: 'scheduled',
                summary: '', visibility: $level };"
        } else {
            ""
        };
        // A postponement, or a next date, is news for those who follow the
        // trial (a hearing recorded as held is not: the outcome is).
        let postponed =
            record.status == HearingStatus::Postponed && hearing.status != HearingStatus::Postponed;
        let notices = if postponed || next.is_some() {
            let (case, when) = (hearing.case_name.clone(), court_time(hearing.local_start));
            let next_when = record.next.map(court_time);
            let mut created = Vec::new();
            if let Some((_, id)) = &next {
                created.push(format!("hearing:{id}"));
            }
            // As closed as the stricter of the hearing and its trial now.
            let trial_level =
                visibility(&self.trial_clock(actor, &hearing.trial).await?.visibility);
            self.hearing_notices(
                actor,
                &hearing.trial,
                hearing.visibility.max(trial_level),
                vec![format!("hearing:{}", hearing.id)],
                created,
                &|l| {
                    if postponed {
                        words::hearing_postponed(l, &case, &when, next_when.as_deref())
                    } else {
                        let next = next_when.clone().unwrap_or_default();
                        words::hearing_added(l, &case, &next, &hearing.place)
                    }
                },
            )
            .await?
        } else {
            Notices::default()
        };
        let sql = format!(
            "BEGIN TRANSACTION;
             UPDATE $hearing SET status = $status, summary = $summary;
             {create_next}
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let (next_at, next_id) = next.unzip();
        let query = notices
            .bind(self.db.query(sql))
            .bind(("hearing", RecordId::new("hearing", hearing.id.as_str())))
            .bind(("status", record.status.as_str()))
            .bind(("summary", record.summary.clone()))
            .bind((
                "next",
                next_id.map(|id| RecordId::new("hearing", id.as_str())),
            ))
            .bind(("next_at", next_at))
            .bind(("trial", trial_record(&hearing.trial)))
            .bind(("place", hearing.place.clone()))
            .bind(("level", hearing.visibility.as_str()));
        self.audited(query, event).await
    }
}

impl SurrealStore {
    /// News of a trial's hearings, for those who follow the trial and for
    /// those who follow an organisation supporting it: each told only if
    /// they read the trial, `records`, and (through an organisation) that
    /// organisation at the level of its support; once each.
    async fn hearing_notices(
        &self,
        actor: &Actor,
        trial: &TrialId,
        level: Visibility,
        records: Vec<String>,
        created: Vec<String>,
        words: &(dyn Fn(app::i18n::Locale) -> app::notifications::words::Words + Sync),
    ) -> Result<Notices, WorkError> {
        #[derive(SurrealValue)]
        struct Support {
            id: RecordId,
            org: String,
            visibility: String,
        }
        let record = trial_record(trial);
        let href = format!("/trials/{trial}");
        let mut told = self.followers_of_record(&record).await?;
        let mut notices = self
            .notices(
                told.clone(),
                Some(&actor.user.id),
                &Notice {
                    kind: NotificationKind::HearingChanged,
                    href: href.clone(),
                    records: [vec![format!("trial:{trial}")], records.clone()].concat(),
                    created: created.clone(),
                    level,
                    words,
                },
            )
            .await?;
        let supporters: Vec<Support> = self
            .db
            .query(
                "SELECT id, record::id(out) AS org, visibility FROM supported_by WHERE in = $trial",
            )
            .bind(("trial", record))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        // The most open support of an organisation first: a follower who
        // may read it is told through it, not skipped after a closed one.
        let mut supporters = supporters;
        supporters.sort_by_key(|s| crate::store::rows::visibility(&s.visibility));
        for s in supporters {
            let org = RecordId::new("organisation", s.org.as_str());
            let followers: Vec<RecordId> = self
                .followers_of_record(&org)
                .await?
                .into_iter()
                .filter(|u| !told.contains(u))
                .collect();
            if followers.is_empty() {
                continue;
            }
            told.extend(followers.iter().cloned());
            notices.extend(
                self.notices(
                    followers,
                    Some(&actor.user.id),
                    &Notice {
                        kind: NotificationKind::HearingChanged,
                        href: href.clone(),
                        // The support itself is named: a follower who may
                        // not read that link is not told through it.
                        records: [
                            vec![
                                format!("trial:{trial}"),
                                format!("organisation:{}", s.org),
                                crate::store::rows::record_text(&s.id),
                            ],
                            records.clone(),
                        ]
                        .concat(),
                        created: created.clone(),
                        level: level.max(visibility(&s.visibility)),
                        words,
                    },
                )
                .await?,
            );
        }
        Ok(notices)
    }

    async fn trial_clock(&self, actor: &Actor, trial: &TrialId) -> Result<TrialClock, WorkError> {
        let row: Option<TrialClock> = self
            .query_for(
                &actor.viewer,
                concat!(
                    "SELECT timezone, visibility, case_name FROM ONLY $trial WHERE ",
                    readable!()
                ),
            )
            .bind(("trial", trial_record(trial)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        row.ok_or(WorkError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn court_times_become_instants_and_skipped_times_are_refused() {
        let at = instant(local(2026, 12, 7, 9, 30), "Africa/Tunis").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-07T08:30:00+00:00");
        // Summer time in Geneva: 09:30 is 07:30 UTC.
        let summer = instant(local(2027, 6, 1, 9, 30), "Europe/Zurich").unwrap();
        assert_eq!(summer.to_rfc3339(), "2027-06-01T07:30:00+00:00");
        // 02:30 does not exist in Zurich on the night clocks go forward.
        assert!(instant(local(2027, 3, 28, 2, 30), "Europe/Zurich").is_none());
        // An ambiguous time (clocks go back) is the earlier instant.
        let twice = instant(local(2027, 10, 31, 2, 30), "Europe/Zurich").unwrap();
        assert_eq!(twice.to_rfc3339(), "2027-10-31T00:30:00+00:00");
    }
}
