//! Referee members: a member organisation an application named answers,
//! through any of its members, once staff asked it. A member reads only the
//! requests addressed to its own organisation, and of the application only
//! what a referee needs: the applicant's name, country and mandate.

use super::applications::day_of;
use super::is_application_key;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::rows::org_ref;
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::membership::{ReferenceAnswer, ReferenceRequest};
use shared::Problem;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct RequestRow {
    key: String,
    referee: String,
    referee_name: String,
    referee_acronym: Option<String>,
    applicant: String,
    country: String,
    mandate: String,
    asked: String,
    answer: Option<String>,
    comment: Option<String>,
}

/// A request's key: its application's key, a hyphen, and its position.
fn request_key(raw: &str) -> Option<(&str, u8)> {
    let (application, position) = raw.split_once('-')?;
    let position = position.parse().ok().filter(|p| (1..=2).contains(p))?;
    is_application_key(application).then_some((application, position))
}

#[async_trait::async_trait]
impl app::membership::store::References for SurrealStore {
    async fn reference_requests(&self, actor: &Actor) -> Result<Vec<ReferenceRequest>, StoreError> {
        let Some(organisation) = &actor.user.organisation else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT string::concat(record::id(application), '-', <string> position) AS key,
                    record::id(organisation) AS referee, organisation.name AS referee_name,
                    organisation.acronym AS referee_acronym,
                    application.name AS applicant, record::id(application.country) AS country,
                    application.mandate AS mandate, {asked} AS asked, answer, comment,
                    asked_at, (answer = NONE) AS open
             FROM referee_request
             WHERE organisation = $organisation AND asked_at != NONE
                 AND application.status IN ['submitted', 'more-information']
                 AND application.visibility = 'staff'
             ORDER BY open DESC, asked_at DESC LIMIT 100",
            asked = day_of!("asked_at"),
        );
        let rows: Vec<RequestRow> = self
            .db
            .query(sql)
            .bind((
                "organisation",
                RecordId::new("organisation", organisation.as_str()),
            ))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        rows.into_iter()
            .filter_map(|r| {
                let referee = org_ref(&r.referee, r.referee_name, r.referee_acronym)?;
                Some((
                    r.key,
                    referee,
                    r.applicant,
                    r.country,
                    r.mandate,
                    r.asked,
                    r.answer,
                    r.comment,
                ))
            })
            .map(
                |(id, referee, applicant, country, mandate, asked, answer, comment)| {
                    Ok(ReferenceRequest {
                        country: self
                            .country_by_key(&country)
                            .cloned()
                            .ok_or_else(|| internal(format!("unknown country {country}")))?,
                        id,
                        referee,
                        applicant,
                        mandate,
                        asked,
                        answer: answer
                            .as_deref()
                            .and_then(|a| ReferenceAnswer::parse(a).ok()),
                        comment,
                    })
                },
            )
            .collect()
    }

    async fn answer_reference(
        &self,
        actor: &Actor,
        id: &str,
        answer: ReferenceAnswer,
        comment: Option<&str>,
    ) -> Result<(), WorkError> {
        let (Some(organisation), Some((application, position))) =
            (&actor.user.organisation, request_key(id))
        else {
            return Err(WorkError::NotFound);
        };
        let event = AuditEvent::by(
            actor,
            "application.reference",
            format!("application:{application}"),
        )
        .after(json!({
            "organisation": organisation.as_str(),
            "answer": answer.as_str(),
            "comment": comment,
        }));
        // Someone else's request, one not asked yet, or one whose
        // application is decided: all as absent.
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $request = (SELECT id, asked_at, application.status AS status,
                     application.visibility AS level FROM referee_request
                 WHERE application = $app AND position = $position AND organisation = $organisation)[0];
             IF $request = NONE OR $request.asked_at = NONE OR $request.level != 'staff' {{
                 THROW 'not-found';
             }};
             IF $request.status NOT IN ['submitted', 'more-information'] {{ THROW 'closed'; }};
             UPDATE $request.id SET answer = $answer, comment = $comment,
                 answered_by = $actor, answered_at = time::now();
             UPDATE $app SET version += 1;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("app", RecordId::new("application", application)))
            .bind(("position", i64::from(position)))
            .bind((
                "organisation",
                RecordId::new("organisation", organisation.as_str()),
            ))
            .bind(("answer", answer.as_str()))
            .bind(("comment", comment.map(str::to_owned)))
            .bind(("actor", user_record(&actor.user.id)));
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        match transaction_outcome(response) {
            Ok(_) => Ok(()),
            Err(e) if e.contains("not-found") => Err(WorkError::NotFound),
            Err(e) if e.contains("closed") => Err(refused(
                "answer",
                Problem::IllegalTransition {
                    from: "decided".to_owned(),
                    to: "answered".to_owned(),
                },
                "",
            )),
            Err(e) => Err(WorkError::Store(internal(e))),
        }
    }
}
