//! Writing an appeal and moving it on: a draft (at least staff-only, as
//! closed as its alert), approval, publication to its audience (a public
//! one only from a verified alert whose person consented), follow-ups and
//! co-signatures. Each write is audited in its transaction; publication
//! and outcomes notify in the same transaction.

use super::appeal_record;
use super::reading::appeal_readable;
use crate::store::accounts::sessions::user_record;
use crate::store::alerts::alert_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::notifications::notify::{Notice, Notices, NOTIFY_INSERT};
use crate::store::rows::visibility;
use crate::store::visibility::{readable_pair, READABLE};
use crate::store::writes::{random_suffix, refused};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::WorkError;
use serde_json::json;
use shared::alert::AlertStatus;
use shared::appeal::{AppealStatus, AppealText, Audience, NewAppeal, NewAppealUpdate};
use shared::{AlertId, AppealId, InterventionKind, NotificationKind, Problem, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(SurrealValue)]
struct State {
    status: String,
    version: i64,
    audience: String,
    visibility: String,
    alert: Option<String>,
    country: RecordId,
    texts: Vec<TextRow>,
}

#[derive(SurrealValue, Clone)]
struct TextRow {
    language: String,
    title: String,
    body: String,
}

fn moved(from: &str, to: &str) -> WorkError {
    refused(
        "status",
        Problem::IllegalTransition {
            from: from.to_owned(),
            to: to.to_owned(),
        },
        from,
    )
}

impl SurrealStore {
    /// The names an alert's person asked to keep out of public appeals
    /// (consent "public without the name"); `None` for any other consent.
    async fn withheld_names(&self, alert: &AlertId) -> Result<Option<Vec<String>>, WorkError> {
        #[derive(SurrealValue)]
        struct Named {
            consent: String,
            person: Option<String>,
            name: Option<String>,
        }
        let named: Option<Named> = self
            .db
            .query("SELECT consent, person.name AS person, name FROM ONLY $alert")
            .bind(("alert", alert_record(alert)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        Ok(named
            .filter(|n| n.consent == "anonymised")
            .map(|n| [n.person, n.name].into_iter().flatten().collect()))
    }

    /// A public appeal from an alert whose person consented to be left
    /// unnamed does not name them, in any of its languages or follow-ups:
    /// refused on the field that does. Only those who read the alert (the
    /// secretariat) get here: the refusal quotes the name.
    async fn check_unnamed(
        &self,
        alert: &AlertId,
        audience: Audience,
        texts: &[(String, String)],
    ) -> Result<(), WorkError> {
        if audience != Audience::Public {
            return Ok(());
        }
        let Some(names) = self.withheld_names(alert).await? else {
            return Ok(());
        };
        for (field, text) in texts {
            let alone = AppealText {
                language: String::new(),
                title: text.clone(),
                body: String::new(),
            };
            if let Some(word) = shared::appeal::naming_word(&[alone], &names) {
                return Err(refused(field, Problem::NamesThePerson { word }, ""));
            }
        }
        Ok(())
    }
}

/// The titles and texts of an appeal as typed, with their fields.
fn new_fields(appeal: &NewAppeal) -> Vec<(String, String)> {
    fields_of(
        appeal
            .texts
            .iter()
            .map(|t| (t.language.as_str(), t.title.as_str(), t.body.as_str())),
    )
}

/// Each title and text of an appeal, with the field it is typed in.
fn fields_of<'a>(
    texts: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
) -> Vec<(String, String)> {
    texts
        .flat_map(|(language, title, body)| {
            [
                (format!("title_{language}"), title.to_owned()),
                (format!("body_{language}"), body.to_owned()),
            ]
        })
        .collect()
}

/// The title in a reader's language, else the first.
fn title_in(texts: &[TextRow], language: &str) -> String {
    texts
        .iter()
        .find(|t| t.language == language)
        .or_else(|| texts.first())
        .map(|t| t.title.clone())
        .unwrap_or_default()
}

impl SurrealStore {
    async fn appeal_state(&self, actor: &Actor, id: &AppealId) -> Result<State, WorkError> {
        let state: Option<State> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT status, version, audience, visibility, (IF alert != NONE THEN record::id(alert) END) AS alert, country,
                        texts.map(|$t| {{ language: $t.language, title: $t.title, body: $t.body }}) AS texts
                     FROM ONLY $appeal WHERE {rule}",
                    rule = appeal_readable()
                ),
            )
            .bind(("appeal", appeal_record(id)))
            .bind(("handler", actor.user.role.handles_alerts()))
            .bind(("me", user_record(&actor.user.id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        state.ok_or(WorkError::NotFound)
    }
}

#[async_trait::async_trait]
impl app::appeals::store::Drafting for SurrealStore {
    async fn write_appeal(&self, actor: &Actor, appeal: &NewAppeal) -> Result<AppealId, WorkError> {
        if !actor.user.role.runs_advocacy() {
            return Err(WorkError::Forbidden);
        }
        self.known_country(&appeal.country)?;
        // A draft copies from its alert: it is as closed as the alert, and
        // never below the staff.
        let mut level = Visibility::Staff;
        if let Some(alert) = &appeal.alert {
            let state = self
                .alert_state(actor, alert)
                .await
                .map_err(|_| refused("alert", Problem::Required, alert.as_str()))?;
            if state.status() == AlertStatus::Closed {
                return Err(moved("closed", "appeal"));
            }
            // Those who follow the alert's country hear of it: the same country.
            if crate::store::rows::record_key(&state.country) != appeal.country.key() {
                return Err(refused(
                    "country",
                    Problem::NotACountryCode,
                    appeal.country.as_str(),
                ));
            }
            self.check_unnamed(alert, appeal.audience, &new_fields(appeal))
                .await?;
            level = level.max(state.level());
        }
        let id = AppealId::parse(&random_suffix(16)?)
            .map_err(|e| WorkError::Store(internal(e.message())))?;
        let texts: Vec<serde_json::Value> = appeal
            .texts
            .iter()
            .map(|t: &AppealText| json!({ "language": t.language, "title": t.title, "body": t.body }))
            .collect();
        // Lengths, not words: a draft's words stay where the rule guards them.
        let event = AuditEvent::by(actor, "appeal.write", format!("appeal:{id}")).after(json!({
            "alert": appeal.alert.as_ref().map(|a| a.as_str()), "country": appeal.country.as_str(),
            "audience": appeal.audience.as_str(), "visibility": level.as_str(),
            "languages": appeal.texts.iter().map(|t| json!({
                "language": t.language, "title_length": t.title.chars().count(),
                "body_length": t.body.chars().count(),
            })).collect::<Vec<_>>(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF $alert != NONE AND (SELECT VALUE id FROM ONLY $alert WHERE {READABLE}) = NONE {{ THROW 'not-found' }};
             CREATE $appeal CONTENT {{
                alert: $alert, country: $country, texts: $texts, audience: $audience,
                written_by: $actor, visibility: $level
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("appeal", appeal_record(&id)))
            .bind(("alert", appeal.alert.as_ref().map(alert_record)))
            .bind(("country", RecordId::new("country", appeal.country.key())))
            .bind(("texts", texts))
            .bind(("audience", appeal.audience.as_str()))
            .bind(("actor", user_record(&actor.user.id)))
            .bind(("level", level.as_str()));
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn edit_appeal(
        &self,
        actor: &Actor,
        id: &AppealId,
        version: u32,
        appeal: &NewAppeal,
    ) -> Result<(), WorkError> {
        if !actor.user.role.runs_advocacy() {
            return Err(WorkError::Forbidden);
        }
        // Read as the actor: a draft only by the secretariat or its writer.
        let state = self.appeal_state(actor, id).await?;
        if state.status == AppealStatus::Published.as_str() {
            return Err(moved(&state.status, "draft"));
        }
        // Its alert and country stay as written: only the texts and the
        // audience change, whatever the form says of the others.
        if let Some(alert) = &state.alert {
            let alert =
                AlertId::parse(alert).map_err(|e| WorkError::Store(internal(e.message())))?;
            self.check_unnamed(&alert, appeal.audience, &new_fields(appeal))
                .await?;
        }
        let texts: Vec<serde_json::Value> = appeal
            .texts
            .iter()
            .map(|t| json!({ "language": t.language, "title": t.title, "body": t.body }))
            .collect();
        let event = AuditEvent::by(actor, "appeal.edit", format!("appeal:{id}"))
            .before(json!({ "status": state.status, "audience": state.audience }))
            .after(json!({
                "status": "draft", "audience": appeal.audience.as_str(),
                "languages": appeal.texts.iter().map(|t| json!({
                    "language": t.language, "title_length": t.title.chars().count(),
                    "body_length": t.body.chars().count(),
                })).collect::<Vec<_>>(),
            }));
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $now = (SELECT status, version FROM ONLY $appeal WHERE {readable});
             IF $now = NONE {{ THROW 'not-found' }};
             IF $now.version != $version OR $now.status = 'published' {{ THROW 'stale' }};
             UPDATE $appeal SET texts = $texts, audience = $audience, status = 'draft',
                approved_by = NONE, version += 1;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            readable = appeal_readable(),
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("appeal", appeal_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("texts", texts))
            .bind(("audience", appeal.audience.as_str()))
            .bind(("handler", actor.user.role.handles_alerts()))
            .bind(("me", user_record(&actor.user.id)));
        self.audited(query, event).await
    }

    async fn approve_appeal(
        &self,
        actor: &Actor,
        id: &AppealId,
        version: u32,
    ) -> Result<(), WorkError> {
        if !actor.user.role.handles_alerts() {
            return Err(WorkError::Forbidden);
        }
        let state = self.appeal_state(actor, id).await?;
        if state.status != AppealStatus::Draft.as_str() {
            return Err(moved(&state.status, "approved"));
        }
        let event = AuditEvent::by(actor, "appeal.approve", format!("appeal:{id}"))
            .before(json!({ "status": state.status }))
            .after(json!({ "status": "approved" }));
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $now = (SELECT status, version FROM ONLY $appeal WHERE {READABLE});
             IF $now = NONE {{ THROW 'not-found' }};
             IF $now.version != $version OR $now.status != 'draft' {{ THROW 'stale' }};
             UPDATE $appeal SET status = 'approved', approved_by = $actor, version += 1;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("appeal", appeal_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("actor", user_record(&actor.user.id)));
        self.audited(query, event).await
    }

    async fn publish_appeal(
        &self,
        actor: &Actor,
        id: &AppealId,
        version: u32,
    ) -> Result<(), WorkError> {
        if !actor.user.role.handles_alerts() {
            return Err(WorkError::Forbidden);
        }
        let state = self.appeal_state(actor, id).await?;
        if state.status != AppealStatus::Approved.as_str() {
            return Err(moved(&state.status, "published"));
        }
        let audience = Audience::parse(&state.audience)
            .map_err(|e| WorkError::Store(internal(e.message())))?;
        let alert = match &state.alert {
            Some(key) => {
                let alert =
                    AlertId::parse(key).map_err(|e| WorkError::Store(internal(e.message())))?;
                let a = self.alert_state(actor, &alert).await?;
                if a.status() == AlertStatus::Closed {
                    return Err(moved("closed", "published"));
                }
                if !a.verified() {
                    return Err(refused("alert", Problem::NotVerified, key));
                }
                if a.consent == "not-public" && audience == Audience::Public {
                    return Err(refused("audience", Problem::NoConsent, "public"));
                }
                let written = fields_of(
                    state
                        .texts
                        .iter()
                        .map(|t| (t.language.as_str(), t.title.as_str(), t.body.as_str())),
                );
                self.check_unnamed(&alert, audience, &written).await?;
                Some((alert, a))
            }
            // Nothing goes public without the verification of an alert.
            None if audience == Audience::Public => {
                return Err(refused("alert", Problem::NotVerified, ""));
            }
            None => None,
        };
        let level = audience.level();
        let texts = state.texts.clone();
        let mut notices = self
            .notices(
                self.followers_of(&state.country).await?,
                Some(&actor.user.id),
                &Notice {
                    kind: NotificationKind::AppealPublished,
                    href: format!("/appeals/{id}"),
                    records: Vec::new(),
                    created: Vec::new(),
                    level,
                    words: &|l| {
                        app::notifications::words::appeal_published(
                            l,
                            &title_in(&texts, app::locale::code(l)),
                        )
                    },
                },
            )
            .await?;
        if let Some((alert, a)) = &alert {
            let told = self
                .tell_sender(actor, alert, a, &|l| {
                    app::notifications::words::alert_acted(l, InterventionKind::UrgentAppeal)
                })
                .await?;
            notices.extend(told);
        }
        let event = AuditEvent::by(actor, "appeal.publish", format!("appeal:{id}"))
            .before(json!({ "status": state.status, "visibility": state.visibility }))
            .after(json!({ "status": "published", "visibility": level.as_str() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             LET $now = (SELECT status, version FROM ONLY $appeal WHERE {READABLE});
             IF $now = NONE {{ THROW 'not-found' }};
             IF $now.version != $version OR $now.status != 'approved' {{ THROW 'stale' }};
             -- The alert as it was checked: a verification withdrawn, or the
             -- alert closed since, stops the publication.
             IF $alert != NONE AND (SELECT VALUE version FROM ONLY $alert) != $alert_version {{ THROW 'stale' }};
             UPDATE $appeal SET status = 'published', published_at = time::now(), visibility = $level,
                version += 1;
             UPDATE appeal_update SET visibility = $level WHERE appeal = $appeal;
             IF $alert != NONE {{
                UPDATE $alert SET status = 'acted', version += 1, changed_at = time::now()
                    WHERE status IN ['verified', 'acted'];
             }};
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("appeal", appeal_record(id)))
            .bind(("version", i64::from(version)))
            .bind(("level", level.as_str()))
            .bind(("alert", alert.as_ref().map(|(a, _)| alert_record(a))))
            .bind(("alert_version", alert.as_ref().map(|(_, a)| a.version)))
            .bind(("handler", true))
            .bind(("me", user_record(&actor.user.id)));
        self.audited(query, event).await
    }

    async fn add_appeal_update(
        &self,
        actor: &Actor,
        id: &AppealId,
        update: &NewAppealUpdate,
    ) -> Result<(), WorkError> {
        if !actor.user.role.runs_advocacy() {
            return Err(WorkError::Forbidden);
        }
        let state = self.appeal_state(actor, id).await?;
        if state.status != AppealStatus::Published.as_str() {
            return Err(moved(&state.status, "follow-up"));
        }
        if let Some(alert) = &state.alert {
            let alert =
                AlertId::parse(alert).map_err(|e| WorkError::Store(internal(e.message())))?;
            let audience = Audience::parse(&state.audience)
                .map_err(|e| WorkError::Store(internal(e.message())))?;
            // The follow-ups of a public appeal whose person asked to stay
            // unnamed are the secretariat's, who read the alert: a check
            // answered to anyone else would confirm guesses at the name.
            if audience == Audience::Public
                && !actor.user.role.handles_alerts()
                && self.withheld_names(&alert).await?.is_some()
            {
                return Err(WorkError::Forbidden);
            }
            self.check_unnamed(
                &alert,
                audience,
                &[("text".to_owned(), update.text.clone())],
            )
            .await?;
        }
        let level = visibility(&state.visibility);
        let notices = match update.outcome {
            Some(outcome) => {
                let cosigners: Vec<RecordId> = self
                    .db
                    .query(
                        "SELECT VALUE id FROM user WHERE disabled = false AND organisation IN
                            (SELECT VALUE in FROM cosigns WHERE out = $appeal)",
                    )
                    .bind(("appeal", appeal_record(id)))
                    .await
                    .and_then(|mut r| r.take(0))
                    .map_err(|e| WorkError::Store(internal(e)))?;
                let texts = state.texts.clone();
                self.notices(
                    cosigners,
                    Some(&actor.user.id),
                    &Notice {
                        kind: NotificationKind::InterventionOutcome,
                        href: format!("/appeals/{id}"),
                        records: vec![format!("appeal:{id}")],
                        created: Vec::new(),
                        level,
                        words: &|l| {
                            app::notifications::words::appeal_outcome(
                                l,
                                &title_in(&texts, app::locale::code(l)),
                                outcome,
                            )
                        },
                    },
                )
                .await?
            }
            None => Notices::default(),
        };
        let event = AuditEvent::by(actor, "appeal.update", format!("appeal:{id}")).after(json!({
            "on": update.on.to_string(), "outcome": update.outcome.map(|o| o.as_str()),
            "length": update.text.chars().count(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE status FROM ONLY $appeal WHERE {READABLE}) != 'published' {{ THROW 'stale' }};
             CREATE appeal_update CONTENT {{
                appeal: $appeal, on: $on, outcome: $outcome, text: $text, by: $actor, visibility: $level
             }};
             {NOTIFY_INSERT}
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = notices
            .bind(self.query_for(&actor.viewer, sql))
            .bind(("appeal", appeal_record(id)))
            .bind(("on", update.on.to_string()))
            .bind(("outcome", update.outcome.map(|o| o.as_str())))
            .bind(("text", update.text.clone()))
            .bind(("actor", user_record(&actor.user.id)))
            .bind(("level", level.as_str()));
        self.audited(query, event).await
    }

    async fn cosign_appeal(&self, actor: &Actor, id: &AppealId) -> Result<(), WorkError> {
        let Some(org) = actor.user.organisation.clone() else {
            return Err(WorkError::Forbidden);
        };
        let state = self.appeal_state(actor, id).await?;
        if state.status != AppealStatus::Published.as_str() {
            return Err(moved(&state.status, "co-signed"));
        }
        let org_record = RecordId::new("organisation", org.as_str());
        let org_level = self
            .readable_level(&actor.viewer, org_record.clone())
            .await?
            .ok_or(WorkError::Forbidden)?;
        let level = org_level.max(visibility(&state.visibility));
        let event = AuditEvent::by(actor, "appeal.cosign", format!("appeal:{id}"))
            .after(json!({ "organisation": org.as_str() }));
        let sql = format!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE status FROM ONLY $appeal WHERE {READABLE}) != 'published' {{ THROW 'stale' }};
             IF (SELECT VALUE id FROM {pair}) = [] {{
                RELATE $org->cosigns->$appeal SET visibility = $level, by = $actor;
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            pair = readable_pair("cosigns", "$org", "$appeal")
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("appeal", appeal_record(id)))
            .bind(("org", org_record))
            .bind(("level", level.as_str()))
            .bind(("actor", user_record(&actor.user.id)));
        self.audited(query, event).await
    }
}
