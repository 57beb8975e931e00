//! Recording where a trial stands and how it ended.

use crate::store::audit::AUDIT_INSERT;
use crate::store::observation::trials::trial_record;
use crate::store::visibility::readable;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::WorkError;
use serde_json::json;
use shared::{Outcome, TrialId, TrialStatus};
use surrealdb::types::SurrealValue;

#[derive(Debug, SurrealValue)]
struct OutcomeWrite {
    kind: String,
    sentence: Option<String>,
    decided_on: Option<String>,
}

#[async_trait::async_trait]
impl app::observation::store::Outcomes for SurrealStore {
    async fn record_outcome(
        &self,
        actor: &Actor,
        id: &TrialId,
        status: TrialStatus,
        outcome: Option<Outcome>,
    ) -> Result<(), WorkError> {
        #[derive(Debug, SurrealValue)]
        struct Before {
            status: String,
            outcome: Option<serde_json::Value>,
        }
        let before: Option<Before> = self
            .query_for(
                &actor.viewer,
                concat!(
                    "SELECT status, outcome FROM ONLY type::record('trial', $key) WHERE ",
                    readable!()
                ),
            )
            .bind(("key", id.to_string()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(before) = before else {
            return Err(WorkError::NotFound);
        };
        let write = outcome.as_ref().map(|o| OutcomeWrite {
            kind: o.kind.as_str().to_owned(),
            sentence: o.sentence.clone(),
            decided_on: o.decided_on.map(|d| d.to_string()),
        });
        let event =
            crate::store::audit::AuditEvent::by(actor, "trial.outcome", format!("trial:{id}"))
                .before(json!({ "status": before.status, "outcome": before.outcome }))
                .after(json!({
                    "status": status.as_str(),
                    "outcome": outcome.as_ref().map(|o| json!({
                        "kind": o.kind.as_str(), "sentence": o.sentence,
                        "decided_on": o.decided_on.map(|d| d.to_string()),
                    })),
                }));
        let sql = format!(
            "BEGIN TRANSACTION;
             UPDATE $trial SET status = $status, outcome = $outcome;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("trial", trial_record(id)))
            .bind(("status", status.as_str()))
            .bind(("outcome", write));
        self.audited(query, event).await
    }
}
