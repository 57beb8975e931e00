//! The secretariat's work on an alert (verification, closing without
//! action) and the exchange with its sender. Each write checks the alert
//! is readable by the actor, is audited, and tells the other side in the
//! same transaction.

use super::alert_record;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, Notices, NOTIFY_INSERT};
use crate::store::rows::visibility;
use crate::store::visibility::READABLE;
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::WorkError;
use serde_json::json;
use shared::alert::{AlertStatus, Verification};
use shared::{AlertId, NotificationKind, Problem, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

/// Messages one person may write in an hour, all alerts together.
const MESSAGES_AN_HOUR: i64 = 30;

/// An alert as a write needs it.
#[derive(SurrealValue)]
pub(in crate::store) struct AlertState {
    pub status: String,
    pub version: i64,
    pub sent_by: RecordId,
    pub visibility: String,
    pub consent: String,
    pub country: RecordId,
    pub sources_checked: bool,
    pub consent_confirmed: bool,
    pub risk_assessed: bool,
}

impl AlertState {
    pub fn status(&self) -> AlertStatus {
        AlertStatus::parse(&self.status).unwrap_or(AlertStatus::Closed)
    }

    pub fn level(&self) -> Visibility {
        visibility(&self.visibility)
    }

    pub fn verified(&self) -> bool {
        self.sources_checked && self.consent_confirmed && self.risk_assessed
    }
}

/// The refusal of a change on a closed alert.
fn closed() -> WorkError {
    refused(
        "status",
        Problem::IllegalTransition {
            from: "closed".to_owned(),
            to: "open".to_owned(),
        },
        "closed",
    )
}

impl SurrealStore {
    /// The alert as the actor may read it; `NotFound` when absent or hidden.
    pub(in crate::store) async fn alert_state(
        &self,
        actor: &Actor,
        id: &AlertId,
    ) -> Result<AlertState, WorkError> {
        let state: Option<AlertState> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT status, version, sent_by, visibility, consent, country, sources_checked,
                        consent_confirmed, risk_assessed
                     FROM ONLY $alert WHERE {READABLE} AND ($handler OR sent_by = $me)"
                ),
            )
            .bind(("alert", alert_record(id)))
            .bind(("handler", actor.user.role.handles_alerts()))
            .bind(("me", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        state.ok_or(WorkError::NotFound)
    }

    /// The secretariat's hold on an alert: the actor handles alerts and
    /// reads this one, on the version they read, and it is not closed.
    async fn held(
        &self,
        actor: &Actor,
        id: &AlertId,
        version: u32,
    ) -> Result<AlertState, WorkError> {
        if !actor.user.role.handles_alerts() {
            return Err(WorkError::Forbidden);
        }
        let state = self.alert_state(actor, id).await?;
        if state.version != i64::from(version) {
            return Err(WorkError::Stale);
        }
        if state.status() == AlertStatus::Closed {
            return Err(closed());
        }
        Ok(state)
    }

    /// The alert an intervention answers, when the actor handles alerts and
    /// may take this step: a public one needs the alert verified and the
    /// person's consent to publicity.
    pub(in crate::store) async fn answerable_alert(
        &self,
        actor: &Actor,
        id: &AlertId,
        new: &shared::NewIntervention,
    ) -> Result<AlertState, WorkError> {
        if !actor.user.role.handles_alerts() {
            return Err(refused(
                "alert",
                Problem::NotOneOf {
                    allowed: Vec::new(),
                },
                id.as_str(),
            ));
        }
        let state = self
            .alert_state(actor, id)
            .await
            .map_err(|_| refused("alert", Problem::Required, id.as_str()))?;
        if state.status() == AlertStatus::Closed {
            return Err(closed());
        }
        // Before verification a decision stays as closed as its alert.
        if !state.verified() && new.visibility < state.level() {
            return Err(refused(
                "visibility",
                Problem::NotVerified,
                new.visibility.as_str(),
            ));
        }
        if new.visibility == Visibility::Public {
            if state.consent == "not-public" {
                return Err(refused("visibility", Problem::NoConsent, "public"));
            }
            // Public without the name: no person linked to it.
            if state.consent == "anonymised" && !new.persons.is_empty() {
                return Err(refused("person", Problem::NoConsent, ""));
            }
        }
        Ok(state)
    }

    /// Tells the sender of an alert what the secretariat did.
    pub(in crate::store) async fn tell_sender(
        &self,
        actor: &Actor,
        id: &AlertId,
        state: &AlertState,
        words: &(dyn Fn(app::i18n::Locale) -> app::notifications::words::Words + Sync),
    ) -> Result<Notices, WorkError> {
        Ok(self
            .notices(
                vec![state.sent_by.clone()],
                Some(&actor.user.id),
                &Notice {
                    kind: NotificationKind::AlertStatus,
                    href: format!("/alerts/{id}"),
                    records: vec![format!("alert:{id}")],
                    created: Vec::new(),
                    level: state.level(),
                    words,
                },
            )
            .await?)
    }
}

#[async_trait::async_trait]
impl app::alerts::store::Handling for SurrealStore {
    async fn write_alert_message(
        &self,
        actor: &Actor,
        id: &AlertId,
        text: &str,
    ) -> Result<(), WorkError> {
        let state = self.alert_state(actor, id).await?;
        let from_sender = state.sent_by == user_record(&actor.user.id);
        if self
            .written_lately(&actor.user.id, "alert_message", "author", "at", "1h")
            .await?
            >= MESSAGES_AN_HOUR
        {
            return Err(refused("text", Problem::TooMany, ""));
        }
        if !from_sender && !actor.user.role.handles_alerts() {
            return Err(WorkError::Forbidden);
        }
        let notices = if from_sender {
            let secretariat = self.secretariat().await?;
            self.notices(
                secretariat,
                Some(&actor.user.id),
                &Notice {
                    kind: NotificationKind::AlertMessage,
                    href: format!("/alerts/{id}#exchange"),
                    records: vec![format!("alert:{id}")],
                    created: Vec::new(),
                    level: state.level(),
                    words: &app::notifications::words::alert_message_to_secretariat,
                },
            )
            .await?
        } else {
            self.tell_sender(
                actor,
                id,
                &state,
                &app::notifications::words::alert_message_to_sender,
            )
            .await?
        };
        let event = AuditEvent::by(actor, "alert.message", format!("alert:{id}"))
            .after(json!({ "length": text.chars().count(), "from_secretariat": !from_sender }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE id FROM ONLY $alert WHERE {READABLE}) = NONE {{ THROW 'not-found' }};
             CREATE alert_message CONTENT {{
                alert: $alert, author: $actor, from_secretariat: $from_secretariat, text: $text
             }};
             UPDATE $alert SET changed_at = time::now();
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("alert", alert_record(id)))
            .bind(("actor", user_record(&actor.user.id)))
            .bind(("from_secretariat", !from_sender))
            .bind(("text", text.to_owned()));
        self.audited(query, event).await
    }

    async fn verify_alert(
        &self,
        actor: &Actor,
        id: &AlertId,
        version: u32,
        verification: Verification,
    ) -> Result<(), WorkError> {
        let state = self.held(actor, id, version).await?;
        let before = state.status();
        let status = match (before, verification.complete()) {
            (AlertStatus::Acted, _) => AlertStatus::Acted,
            (_, true) => AlertStatus::Verified,
            (_, false) => AlertStatus::Verifying,
        };
        let notices = if status != before {
            self.tell_sender(actor, id, &state, &|l| {
                app::notifications::words::alert_status(l, status)
            })
            .await?
        } else {
            Notices::default()
        };
        let event = AuditEvent::by(actor, "alert.verify", format!("alert:{id}"))
            .before(json!({
                "status": before.as_str(), "sources_checked": state.sources_checked,
                "consent_confirmed": state.consent_confirmed, "risk_assessed": state.risk_assessed,
            }))
            .after(json!({
                "status": status.as_str(), "sources_checked": verification.sources_checked,
                "consent_confirmed": verification.consent_confirmed,
                "risk_assessed": verification.risk_assessed,
            }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE version FROM ONLY $alert WHERE {READABLE}) != $version {{ THROW 'stale' }};
             UPDATE $alert SET sources_checked = $sources, consent_confirmed = $consent,
                risk_assessed = $risk, status = $status, version += 1, changed_at = time::now();
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("alert", alert_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("sources", verification.sources_checked))
            .bind(("consent", verification.consent_confirmed))
            .bind(("risk", verification.risk_assessed))
            .bind(("status", status.as_str()));
        self.audited(query, event).await
    }

    async fn close_alert(
        &self,
        actor: &Actor,
        id: &AlertId,
        version: u32,
        reason: &str,
    ) -> Result<(), WorkError> {
        let state = self.held(actor, id, version).await?;
        if state.status() == AlertStatus::Acted {
            return Err(refused(
                "status",
                Problem::IllegalTransition {
                    from: "acted".to_owned(),
                    to: "closed".to_owned(),
                },
                "acted",
            ));
        }
        let notices = self
            .tell_sender(actor, id, &state, &|l| {
                app::notifications::words::alert_closed(l, reason)
            })
            .await?;
        let event = AuditEvent::by(actor, "alert.close", format!("alert:{id}"))
            .before(json!({ "status": state.status }))
            .after(json!({ "status": "closed", "reason_length": reason.chars().count() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE version FROM ONLY $alert WHERE {READABLE}) != $version {{ THROW 'stale' }};
             UPDATE $alert SET status = 'closed', closed_reason = $reason, version += 1,
                changed_at = time::now();
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("alert", alert_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("reason", reason.to_owned()));
        self.audited(query, event).await
    }
}
