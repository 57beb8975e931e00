//! Fair-trial reports: one per mission, written by its observers as drafts
//! saved while they type, submitted once, sent back by staff when needed.

use crate::store::accounts::sessions::user_record;
use crate::store::audit::AUDIT_INSERT;
use crate::store::notifications::notify::{Notice, NOTIFY_INSERT};
use crate::store::observation::missions::{mission_record, mission_records};
use crate::store::visibility::READABLE_UNDER_TRIAL;

use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::StoreError;
use app::error::WorkError;
use app::observation::store::Reports;
use app::observation::store::Saved;
use chrono::{DateTime, Utc};
use serde_json::json;
use shared::{
    Finding, Grade, MissionId, MissionStatus, Report, ReportDraft, ReportItem, ReportStatus,
    Standard,
};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct ItemRow {
    standard: String,
    finding: Option<String>,
    notes: String,
}

#[derive(Debug, SurrealValue)]
struct ReportRow {
    status: String,
    items: Vec<ItemRow>,
    overall: String,
    grade: Option<String>,
    grade_reason: String,
    revision: i64,
    updated_at: Option<DateTime<Utc>>,
    submitted_at: Option<DateTime<Utc>>,
    author: Option<String>,
    change_request: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct MissionRow {
    title: String,
    case_name: Option<String>,
    status: String,
    observer: bool,
    visibility: String,
    trial_visibility: Option<String>,
}

impl MissionRow {
    /// The report tells what the mission and its trial hold: the stricter
    /// of the two.
    fn visibility(&self) -> shared::Visibility {
        let level =
            |v: &str| shared::Visibility::parse(v).unwrap_or(shared::Visibility::Restricted);
        let mission = level(&self.visibility);
        self.trial_visibility
            .as_deref()
            .map_or(mission, |t| mission.max(level(t)))
    }
}

const REPORT: &str = "SELECT status, items, overall, grade, grade_reason, revision, updated_at,
    submitted_at, author.name AS author, change_request
    FROM report WHERE mission = $mission LIMIT 1";

/// Whether an observer may still write: the mission went ahead or is going.
fn writable_mission(status: &str) -> bool {
    matches!(
        MissionStatus::parse(status),
        Ok(MissionStatus::Approved | MissionStatus::Deployed | MissionStatus::Reported)
    )
}

fn item_rows(draft: &ReportDraft) -> Vec<ItemRow> {
    draft
        .items
        .iter()
        .map(|i| ItemRow {
            standard: i.standard.as_str().to_owned(),
            finding: i.finding.map(|f| f.as_str().to_owned()),
            notes: i.notes.clone(),
        })
        .collect()
}

impl SurrealStore {
    /// The mission as the actor sees it, and whether they observe it.
    async fn report_mission(
        &self,
        actor: &Actor,
        mission: &MissionId,
    ) -> Result<Option<MissionRow>, StoreError> {
        let sql = format!(
            "LET $me = (SELECT VALUE person FROM ONLY $user);
             SELECT title, trial.case_name AS case_name, status, visibility,
                trial.visibility AS trial_visibility,
                ($me != NONE AND count(SELECT id FROM observes WHERE in = $me AND out = $parent.id) > 0) AS observer
             FROM ONLY $mission WHERE {READABLE_UNDER_TRIAL};"
        );
        self.query_for(&actor.viewer, sql)
            .bind(("user", user_record(&actor.user.id)))
            .bind(("mission", mission_record(mission)))
            .await
            .and_then(|mut r| r.take(1))
            .map_err(internal)
    }
}

#[async_trait::async_trait]
impl app::observation::store::Reports for SurrealStore {
    async fn report(
        &self,
        actor: &Actor,
        mission: &MissionId,
    ) -> Result<Option<Report>, StoreError> {
        let Some(m) = self.report_mission(actor, mission).await? else {
            return Ok(None);
        };
        let row: Option<ReportRow> = self
            .db
            .query(REPORT)
            .bind(("mission", mission_record(mission)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let status = row
            .as_ref()
            .and_then(|r| ReportStatus::parse(&r.status).ok())
            .unwrap_or(ReportStatus::Draft);
        let draft = row
            .as_ref()
            .map(|r| ReportDraft {
                items: r
                    .items
                    .iter()
                    .filter_map(|i| {
                        Some(ReportItem {
                            standard: Standard::parse(&i.standard).ok()?,
                            finding: i.finding.as_deref().and_then(|f| Finding::parse(f).ok()),
                            notes: i.notes.clone(),
                        })
                    })
                    .collect(),
                overall: r.overall.clone(),
                grade: r.grade.as_deref().and_then(|g| Grade::parse(g).ok()),
                grade_reason: r.grade_reason.clone(),
            })
            .unwrap_or_default()
            .normalised();
        let staff = actor.user.role.clearance() >= shared::Visibility::Staff
            && actor.user.role != shared::Role::Campaigner;
        Ok(Some(Report {
            mission: mission.clone(),
            visibility: m.visibility(),
            mission_title: m.title,
            case_name: m.case_name.unwrap_or_default(),
            status,
            draft,
            revision: row.as_ref().map_or(0, |r| r.revision.max(0) as u32),
            updated_at: row.as_ref().and_then(|r| r.updated_at),
            submitted_at: row.as_ref().and_then(|r| r.submitted_at),
            author: row.as_ref().and_then(|r| r.author.clone()),
            change_request: row.as_ref().and_then(|r| r.change_request.clone()),
            may_edit: m.observer
                && status != ReportStatus::Submitted
                && writable_mission(&m.status),
            may_review: staff && status == ReportStatus::Submitted,
        }))
    }

    async fn save_report(
        &self,
        actor: &Actor,
        mission: &MissionId,
        draft: &ReportDraft,
        revision: u32,
    ) -> Result<Saved, WorkError> {
        self.write_report(actor, mission, draft, revision, false)
            .await
    }

    async fn submit_report(
        &self,
        actor: &Actor,
        mission: &MissionId,
        draft: &ReportDraft,
        revision: u32,
    ) -> Result<(), WorkError> {
        self.write_report(actor, mission, draft, revision, true)
            .await
            .map(|_| ())
    }

    async fn request_changes(
        &self,
        actor: &Actor,
        mission: &MissionId,
        note: &str,
    ) -> Result<(), WorkError> {
        let report = self
            .report(actor, mission)
            .await?
            .ok_or(WorkError::NotFound)?;
        if !report.may_review {
            return Err(WorkError::Forbidden);
        }
        let note = note.trim();
        if note.is_empty() || note.chars().count() > shared::NOTES_MAX {
            let problem = if note.is_empty() {
                shared::Problem::Required
            } else {
                shared::Problem::TooLong {
                    max: shared::NOTES_MAX,
                }
            };
            return Err(WorkError::Invalid(vec![shared::ValidationError::new(
                "change_request",
                problem,
            )]));
        }
        let event = crate::store::audit::AuditEvent::by(
            actor,
            "report.changes_requested",
            format!("report:{mission}"),
        )
        .before(json!({ "status": "submitted" }))
        .after(json!({ "status": "changes-requested", "note": note }));
        // The observers hear of it, with the request itself.
        let current = self.current(actor, mission).await?;
        let observers: Vec<RecordId> = self
            .db
            .query(
                "SELECT VALUE id FROM user
                 WHERE person IN (SELECT VALUE in FROM observes WHERE out = $mission)",
            )
            .bind(("mission", mission_record(mission)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        let title = current.title.clone();
        let notices = self
            .notices(
                observers,
                Some(&actor.user.id),
                &Notice {
                    kind: shared::NotificationKind::ReportReturned,
                    href: format!("/missions/{mission}/report"),
                    records: mission_records(mission, current.trial.as_ref()),
                    created: Vec::new(),
                    level: crate::store::rows::visibility(&current.visibility),
                    words: &|l| app::notifications::words::report_returned(l, &title, note),
                },
            )
            .await?;
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE status FROM report WHERE mission = $mission)[0] != 'submitted' {{ THROW 'stale' }};
             UPDATE report SET status = 'changes-requested', change_request = $note,
                revision = revision + 1 WHERE mission = $mission;
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.db.query(sql))
            .bind(("mission", mission_record(mission)))
            .bind(("note", note.to_owned()));
        self.audited(query, event).await
    }
}

impl SurrealStore {
    /// Checks the actor may write the report now; answers the stored revision and mission status.
    async fn writable(&self, actor: &Actor, mission: &MissionId) -> Result<Report, WorkError> {
        let report = self
            .report(actor, mission)
            .await?
            .ok_or(WorkError::NotFound)?;
        if !report.may_edit {
            return Err(WorkError::Forbidden);
        }
        Ok(report)
    }

    async fn write_report(
        &self,
        actor: &Actor,
        mission: &MissionId,
        draft: &ReportDraft,
        revision: u32,
        submit: bool,
    ) -> Result<Saved, WorkError> {
        let draft = draft.clone().normalised();
        if submit {
            draft.check_submission().map_err(WorkError::Invalid)?;
        } else {
            draft.check_draft().map_err(WorkError::Invalid)?;
        }
        let current = self.writable(actor, mission).await?;
        if current.revision != revision {
            return Err(WorkError::Stale);
        }
        let status = if submit {
            ReportStatus::Submitted
        } else {
            current.status
        };
        let event = crate::store::audit::AuditEvent::by(
            actor,
            if submit {
                "report.submit"
            } else {
                "report.save"
            },
            format!("report:{mission}"),
        )
        .after(json!({ "status": status.as_str(), "revision": revision + 1 }));
        // A submitted report moves a deployed mission to "reported".
        let mission_move = if submit {
            "IF (SELECT VALUE status FROM ONLY $mission) = 'deployed' {
                UPDATE $mission SET status = 'reported';
                CREATE audit CONTENT { actor: $audit_actor, actor_email: $audit_actor_email,
                    action: 'mission.status', target: $audit_mission,
                    before: '{\"status\":\"deployed\"}', after: '{\"status\":\"reported\"}',
                    address: $audit_address };
             };"
        } else {
            ""
        };
        let sql = format!(
            "BEGIN TRANSACTION;
             IF ((SELECT VALUE revision FROM report WHERE mission = $mission)[0] ?? 0) != $revision {{ THROW 'stale' }};
             UPSERT $report SET mission = $mission, status = $status, items = $items,
                overall = $overall, grade = $grade, grade_reason = $grade_reason,
                revision = $revision + 1, author = $author,
                submitted_at = IF $submit THEN time::now() ELSE submitted_at END;
             {mission_move}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("mission", mission_record(mission)))
            .bind(("audit_mission", format!("mission:{mission}")))
            .bind(("revision", revision as i64))
            .bind(("status", status.as_str()))
            .bind(("items", item_rows(&draft)))
            .bind((
                "report",
                surrealdb::types::RecordId::new("report", mission.as_str()),
            ))
            .bind(("overall", draft.overall.clone()))
            .bind(("grade", draft.grade.map(|g| g.as_str())))
            .bind(("grade_reason", draft.grade_reason.clone()))
            .bind(("author", user_record(&actor.user.id)))
            .bind(("submit", submit));
        self.audited(query, event).await?;
        Ok(Saved {
            revision: revision + 1,
        })
    }
}
