//! Staff review an application: verdicts on the criteria, the referees
//! asked, and the decision. An admission makes the member, its membership
//! of the network and its contact's invitation in one transaction.

use super::{application_record, invite_binding, is_application_key, NETWORK};
use crate::security::secret_key::Binding;
use crate::security::token;
use crate::store::accounts::sessions::user_record;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::directory::creating::{org_key_for, refused_as_similar};
use crate::store::notifications::notify::{Notice, NOTIFY_INSERT};
use crate::store::notifications::outbox::Mail;
use crate::store::visibility::READABLE;
use crate::store::writes::{random_suffix, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::WorkError;
use app::membership::store::Admission;
use chrono::Datelike;
use serde_json::json;
use shared::membership::{CheckedAssessment, CheckedDecision, Decision};
use shared::Problem;
use surrealdb::types::RecordId;

/// Inside a transaction: the open application `$app` readable by the
/// actor, on `$version` when given (THROWs `not-found`, `stale`, `closed`).
fn open_application_guard() -> String {
    format!(
        "LET $found = (SELECT status, version FROM ONLY $app WHERE {READABLE});
         IF $found = NONE {{ THROW 'not-found'; }};
         IF $version != NONE AND $found.version != $version {{ THROW 'stale'; }};
         IF $found.status NOT IN ['submitted', 'more-information'] {{ THROW 'closed'; }};"
    )
}

/// A refusal of a move on a decided application.
fn closed() -> WorkError {
    refused(
        "decision",
        Problem::IllegalTransition {
            from: "decided".to_owned(),
            to: "review".to_owned(),
        },
        "",
    )
}

/// The common refusals of a review's transaction.
fn outcome(response: surrealdb::IndexedResults) -> Result<(), WorkError> {
    match transaction_outcome(response) {
        Ok(_) => Ok(()),
        Err(e) if e.contains("not-found") => Err(WorkError::NotFound),
        Err(e) if e.contains("stale") => Err(WorkError::Stale),
        Err(e) if e.contains("closed") => Err(closed()),
        Err(e) if e.contains("email-taken") => Err(refused("contact_email", Problem::Taken, "")),
        Err(e) => Err(WorkError::Store(internal(e))),
    }
}

#[async_trait::async_trait]
impl app::membership::store::Reviews for SurrealStore {
    async fn assess_application(
        &self,
        actor: &Actor,
        id: &str,
        version: u32,
        assessment: &CheckedAssessment,
    ) -> Result<(), WorkError> {
        if !is_application_key(id) {
            return Err(WorkError::NotFound);
        }
        let mut statements = String::new();
        for i in 0..assessment.len() {
            statements.push_str(&format!(
                "IF (SELECT VALUE active FROM ONLY $criterion{i}) != true {{ THROW 'criterion:{i}'; }};
                 UPSERT $assessment{i} CONTENT {{
                     application: $app, criterion: $criterion{i}, verdict: $verdict{i},
                     note: $note{i}, assessed_by: $actor
                 }};"
            ));
        }
        let sql = format!(
            "BEGIN TRANSACTION;
             {guard}
             {statements}
             UPDATE $app SET version += 1;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            guard = open_application_guard(),
        );
        let event = AuditEvent::by(actor, "application.assess", format!("application:{id}")).after(
            json!(assessment
                .iter()
                .map(|(criterion, verdict, note)| (
                    criterion.clone(),
                    json!({ "verdict": verdict.as_str(), "note": note })
                ))
                .collect::<serde_json::Map<_, _>>()),
        );
        let mut query = self
            .query_for(&actor.viewer, sql)
            .bind(("app", application_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("actor", user_record(&actor.user.id)));
        for (i, (criterion, verdict, note)) in assessment.iter().enumerate() {
            query = query
                .bind((
                    format!("criterion{i}"),
                    RecordId::new("criterion", criterion.as_str()),
                ))
                .bind((
                    format!("assessment{i}"),
                    RecordId::new("assessment", format!("{id}-{criterion}")),
                ))
                .bind((format!("verdict{i}"), verdict.as_str()))
                .bind((format!("note{i}"), note.clone()));
        }
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        match transaction_outcome(response) {
            Ok(_) => Ok(()),
            Err(e) if e.contains("not-found") => Err(WorkError::NotFound),
            Err(e) if e.contains("stale") => Err(WorkError::Stale),
            Err(e) if e.contains("closed") => Err(closed()),
            Err(e) if e.contains("criterion:") => {
                let i: usize = e
                    .split("criterion:")
                    .nth(1)
                    .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_default();
                let key = assessment.get(i).map(|a| a.0.as_str()).unwrap_or_default();
                Err(refused(&format!("verdict[{key}]"), Problem::Required, key))
            }
            Err(e) => Err(WorkError::Store(internal(e))),
        }
    }

    async fn ask_referees(&self, actor: &Actor, id: &str) -> Result<(), WorkError> {
        if !is_application_key(id) {
            return Err(WorkError::NotFound);
        }
        let sql = format!(
            "BEGIN TRANSACTION;
             {guard}
             UPDATE referee_request SET asked_at = time::now()
                 WHERE application = $app AND asked_at = NONE;
             UPDATE $app SET version += 1;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            guard = open_application_guard(),
        );
        let event = AuditEvent::by(
            actor,
            "application.ask-referees",
            format!("application:{id}"),
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("app", application_record(id)))
            .bind(("version", None::<i64>));
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        outcome(response)
    }

    async fn decide_application(
        &self,
        actor: &Actor,
        id: &str,
        version: u32,
        decision: &CheckedDecision,
    ) -> Result<Option<Admission>, WorkError> {
        if !is_application_key(id) {
            return Err(WorkError::NotFound);
        }
        let target = format!("application:{id}");
        let (sql, action) = match decision.decision {
            Decision::Admit => return self.admission(actor, id, version, decision).await.map(Some),
            Decision::Decline => (
                "UPDATE $app SET status = 'declined', reason = $reason, decided_at = time::now(),
                     version += 1;",
                "application.decline",
            ),
            Decision::AskForMore => (
                "UPDATE $app SET status = 'more-information', reason = $reason, version += 1;
                 CREATE application_message CONTENT {
                     application: $app, from_applicant: false, text: $reason
                 };",
                "application.ask-for-more",
            ),
        };
        let sql = format!(
            "BEGIN TRANSACTION;
             {guard}
             {sql}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            guard = open_application_guard(),
        );
        let event =
            AuditEvent::by(actor, action, target).after(json!({ "reason": decision.reason }));
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("app", application_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("reason", decision.reason.clone()));
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        outcome(response).map(|()| None)
    }
}

impl SurrealStore {
    /// The admission: the organisation (a member since this year, at the
    /// level chosen, seated in the application's country, with its mandate
    /// as description), its membership of the network, and the contact's
    /// invitation, whose token is kept sealed for the applicant's page.
    async fn admission(
        &self,
        actor: &Actor,
        id: &str,
        version: u32,
        decision: &CheckedDecision,
    ) -> Result<Admission, WorkError> {
        use app::membership::store::Applications;
        within_clearance(actor, decision.visibility)?;
        let application = self
            .application(&actor.viewer, id)
            .await?
            .ok_or(WorkError::NotFound)?;
        if !application.status.is_open() {
            return Err(closed());
        }
        if application.version != version {
            return Err(WorkError::Stale);
        }
        // Published only if the organisation agreed: its mandate becomes
        // the profile's description.
        if decision.visibility == shared::Visibility::Public && !application.public_profile {
            return Err(refused(
                "visibility",
                Problem::NotOneOf {
                    allowed: vec!["network".to_owned(), "staff".to_owned()],
                },
                "public",
            ));
        }
        if !decision.confirmed_new {
            let names = shared::similar::Names {
                name: &application.name,
                acronym: application.acronym.as_deref(),
                other: &[],
            };
            let alike = self.similar_organisations(&actor.viewer, &names).await?;
            if !alike.is_empty() {
                return Err(refused_as_similar(alike, &application.name));
            }
        }
        let org = org_key_for(&application.name, application.acronym.as_deref())?;
        let raw = token::new_token().map_err(|e| WorkError::Store(internal(e)))?;
        let (record, field) = invite_binding(id);
        let sealed = self
            .secret_key
            .seal(
                &raw,
                Binding {
                    record: &record,
                    field,
                },
            )
            .map_err(|e| WorkError::Store(internal(e)))?;
        let invite = RecordId::new("invite", random_suffix(20)?);
        let year = i64::from(chrono::Utc::now().year());
        let level = decision.visibility.as_str();
        let org_after = json!({
            "name": application.name,
            "acronym": application.acronym,
            "kind": "member",
            "member_since": year,
            "country": application.country.code.key(),
            "city": application.city,
            "website": application.website,
            "description": application.mandate,
            "visibility": level,
        });
        // Who follows the new member's country or region hears of it, when
        // they may read the member at the level chosen.
        let seat = RecordId::new("country", application.country.code.key());
        let name = application.name.clone();
        let country = application.country.clone();
        let mut notices = self
            .notices(
                self.followers_of(&seat).await?,
                Some(&actor.user.id),
                &Notice {
                    kind: shared::NotificationKind::NewMember,
                    href: format!("/organisations/{org}"),
                    records: Vec::new(),
                    created: vec![format!("organisation:{org}")],
                    level: decision.visibility,
                    words: &|l| {
                        app::notifications::words::new_member(
                            l,
                            &name,
                            &app::locale::country_name(l, &country),
                        )
                    },
                },
            )
            .await?;
        // The contact person hears of it by e-mail, in the application's
        // language, with the link that opens the account: the applicant's
        // page does not show it, since whoever holds that page's address
        // need not be the contact.
        let words = app::notifications::account_mail::admission(
            app::notifications::account_mail::language(&application.language),
            &application.contact_name,
            &application.name,
            crate::store::accounts::users::INVITE_DAYS,
        );
        notices.outbox.extend(
            self.outbox_rows(&[Mail {
                user: None,
                to: application.contact_email.clone(),
                lang: words.lang,
                kind: shared::NotificationKind::Invitation,
                subject: words.subject,
                text: words.text,
                secret_path: Some(format!("/invite/{raw}")),
                records: Vec::new(),
                level: shared::Visibility::Public,
            }])
            .map_err(WorkError::Store)?,
        );
        let event =
            AuditEvent::by(actor, "application.admit", format!("application:{id}")).after(json!({
                "organisation": org.as_str(),
                "reason": decision.reason,
                "invite": application.contact_email,
            }));
        let sql = format!(
            "BEGIN TRANSACTION;
             {guard}
             IF (SELECT VALUE id FROM user WHERE email = $email) != [] {{ THROW 'email-taken'; }};
             LET $lang = (SELECT VALUE language FROM ONLY $app);
             CREATE $org CONTENT {{
                 name: $name, acronym: $acronym, kind: 'member', member_since: $year,
                 city: $city, website: $website, description: $description,
                 description_lang: $lang, languages: [], other_names: [],
                 visibility: $level, version: 0
             }};
             RELATE $org->based_in->$seat SET visibility = $level;
             IF !record::exists($network) {{ THROW 'no network organisation to join'; }};
             RELATE $org->member_of->$network SET since = $year, visibility = $level;
             CREATE $invite CONTENT {{
                 token_hash: $hash, email: $email, name: $contact, role: 'member',
                 organisation: $org, created_by: $actor,
                 expires_at: time::now() + <duration> string::concat($days, 'd')
             }};
             UPDATE $app SET status = 'admitted', decided_at = time::now(), reason = $reason,
                 organisation = $org, invite = $invite, invite_sealed = $sealed, version += 1;
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             CREATE audit CONTENT {{
                 actor: $audit_actor, actor_email: $audit_actor_email,
                 action: 'organisation.create', target: $org_target, after: $org_after,
                 address: $audit_address
             }};
             COMMIT TRANSACTION;",
            guard = open_application_guard(),
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("app", application_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("email", application.contact_email.clone()))
            .bind(("org", RecordId::new("organisation", org.as_str())))
            .bind(("name", application.name.clone()))
            .bind(("acronym", application.acronym.clone()))
            .bind(("year", year))
            .bind(("city", application.city.clone()))
            .bind(("website", application.website.clone()))
            .bind(("description", application.mandate.clone()))
            .bind(("level", level))
            .bind(("seat", seat))
            .bind(("network", RecordId::new("organisation", NETWORK)))
            .bind(("invite", invite))
            .bind(("hash", token::digest(&raw)))
            .bind(("contact", application.contact_name.clone()))
            .bind(("actor", user_record(&actor.user.id)))
            .bind((
                "days",
                crate::store::accounts::users::INVITE_DAYS.to_string(),
            ))
            .bind(("reason", decision.reason.clone()))
            .bind(("sealed", sealed))
            .bind(("org_target", format!("organisation:{org}")))
            .bind(("org_after", org_after.to_string()));
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        outcome(response)?;
        Ok(Admission {
            organisation: org,
            invite_token: raw,
        })
    }
}
