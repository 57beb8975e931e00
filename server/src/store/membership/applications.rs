//! Applications: submitted by anyone, followed by their applicant through a
//! secret token, read and assessed by staff.

use super::{
    application_record, invite_binding, is_application_key, is_status_token, APPLICATIONS_A_DAY,
    APPLICATIONS_PER_ADDRESS_A_DAY,
};
use crate::security::secret_key::Binding;
use crate::security::token;
use crate::store::audit::{transaction_outcome, AuditEvent, AUDIT_INSERT};
use crate::store::rows::org_ref;
use crate::store::visibility::READABLE;
use crate::store::writes::{random_suffix, refused};
use crate::store::{internal, SurrealStore};
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::membership::{
    Application, ApplicationProgress, ApplicationStatus, ApplicationSummary, Assessment, Criterion,
    Exchange, NewApplication, Reference, ReferenceAnswer, Verdict,
};
use shared::{Country, Problem, Viewer};
use surrealdb::types::{RecordId, SurrealValue};

/// A day written YYYY-MM-DD, or NONE.
macro_rules! day_of {
    ($field:literal) => {
        concat!(
            "(IF ",
            $field,
            " = NONE THEN NONE ELSE time::format(",
            $field,
            ", '%Y-%m-%d') END)"
        )
    };
}
pub(super) use day_of;

#[derive(Debug, SurrealValue)]
struct ApplicationRow {
    key: String,
    name: String,
    acronym: Option<String>,
    country: String,
    city: Option<String>,
    website: Option<String>,
    founded: Option<i64>,
    contact_name: String,
    contact_email: String,
    mandate: String,
    independence: String,
    legal_status: String,
    statutes: Option<String>,
    reports: Option<String>,
    public_profile: bool,
    language: Option<String>,
    status: String,
    submitted: String,
    decided: Option<String>,
    reason: Option<String>,
    organisation: Option<String>,
    organisation_name: Option<String>,
    organisation_acronym: Option<String>,
    invite_sealed: Option<String>,
    invite_open: Option<bool>,
    version: i64,
}

#[derive(Debug, SurrealValue)]
struct AssessmentRow {
    criterion: String,
    text: String,
    active: bool,
    verdict: Option<String>,
    note: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct ReferenceRow {
    organisation: String,
    name: String,
    acronym: Option<String>,
    asked: Option<String>,
    answer: Option<String>,
    comment: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct ExchangeRow {
    on: String,
    from_applicant: bool,
    text: String,
}

#[derive(Debug, SurrealValue)]
struct SummaryRow {
    key: String,
    name: String,
    country: String,
    status: String,
    submitted: String,
    asked: i64,
    answered: i64,
}

#[derive(Debug, SurrealValue)]
struct ProgressRow {
    key: String,
    name: String,
    status: String,
    submitted: String,
    decided: Option<String>,
    reason: Option<String>,
    invite_open: Option<bool>,
}

fn status(raw: &str) -> ApplicationStatus {
    ApplicationStatus::parse(raw).unwrap_or(ApplicationStatus::Submitted)
}

fn exchanges(rows: Vec<ExchangeRow>) -> Vec<Exchange> {
    rows.into_iter()
        .map(|r| Exchange {
            on: r.on,
            from_applicant: r.from_applicant,
            text: r.text,
        })
        .collect()
}

/// Whether the invitation an admission made is still unused and not expired.
macro_rules! invite_open {
    () => {
        "(invite != NONE AND invite.used_at = NONE AND invite.expires_at > time::now())"
    };
}
/// The projection of that invitation for the staff: its sealed token, and
/// whether it may still be used.
const INVITE_FIELDS: &str = concat!("invite_sealed, ", invite_open!(), " AS invite_open");

impl SurrealStore {
    fn country_of(&self, key: &str) -> Result<Country, StoreError> {
        self.country_by_key(key)
            .cloned()
            .ok_or_else(|| internal(format!("an application names an unknown country {key}")))
    }

    /// The invitation link's path while the invitation is unused and not
    /// expired.
    fn open_invitation(
        &self,
        key: &str,
        sealed: Option<&str>,
        open: Option<bool>,
    ) -> Option<String> {
        let sealed = sealed.filter(|_| open == Some(true))?;
        let (record, field) = invite_binding(key);
        match self.secret_key.open(
            sealed,
            Binding {
                record: &record,
                field,
            },
        ) {
            Ok(token) => Some(format!("/invite/{token}")),
            Err(e) => {
                tracing::warn!("the invitation of application:{key} does not open: {e}");
                None
            }
        }
    }
}

/// What the flood limit counts by: the address, an IPv6 one cut to its /64
/// (one subscriber's block), so that rotating through it gains nothing.
fn flood_key(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => address.chars().take(64).collect(),
    }
}

#[async_trait::async_trait]
impl app::membership::store::Applications for SurrealStore {
    async fn submit_application(
        &self,
        application: &NewApplication,
        address: &str,
    ) -> Result<String, WorkError> {
        // The referees: member organisations anyone may read, checked here
        // to name the field, and again in the transaction.
        let referees: Vec<RecordId> = application
            .referees
            .iter()
            .map(|r| RecordId::new("organisation", r.as_str()))
            .collect();
        let members: Vec<String> = self
            .query_for(
                &Viewer::anonymous(),
                format!(
                    "SELECT VALUE record::id(id) FROM organisation
                     WHERE id IN $referees AND kind = 'member' AND {READABLE}"
                ),
            )
            .bind(("referees", referees.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        for (field, referee) in ["referee_1", "referee_2"].iter().zip(&application.referees) {
            if !members.iter().any(|m| m == referee.as_str()) {
                return Err(refused(field, Problem::Required, referee.as_str()));
            }
        }
        if self.country_by_key(&application.country.key()).is_none() {
            return Err(refused(
                "country",
                Problem::NotACountryCode,
                application.country.as_str(),
            ));
        }
        let raw = token::new_token().map_err(|e| WorkError::Store(internal(e)))?;
        let key = random_suffix(16)?;
        let record = application_record(&key);
        // Nobody signed in: the audit line names no actor (the e-mail given
        // is the applicant's word, not an identity) and keeps no address,
        // which could endanger an applicant from a repressive state.
        let event = AuditEvent::of("application.submit")
            .on(format!("application:{key}"))
            .after(json!({
                "name": application.name.as_str(),
                "country": application.country.key(),
                "contact_email": application.contact_email.as_str(),
                "referees": application.referees.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            }));
        let sql = format!(
            "BEGIN TRANSACTION;
             UPDATE application SET address = NONE
                 WHERE address != NONE AND submitted_at <= time::now() - 1d;
             IF (SELECT count() AS n FROM application
                 WHERE address = $address AND submitted_at > time::now() - 1d GROUP ALL)[0].n >= $limit {{
                 THROW 'too-many';
             }};
             IF (SELECT count() AS n FROM application
                 WHERE submitted_at > time::now() - 1d GROUP ALL)[0].n >= $daily {{
                 THROW 'too-many';
             }};
             IF array::len((SELECT VALUE id FROM organisation
                 WHERE id IN $referees AND kind = 'member' AND {READABLE})) != 2 {{
                 THROW 'referees';
             }};
             CREATE $app CONTENT {{
                 name: $name, acronym: $acronym, country: $country, city: $city,
                 website: $website, founded: $founded, contact_name: $contact_name,
                 contact_email: $contact_email, mandate: $mandate, independence: $independence,
                 legal_status: $legal_status, statutes: $statutes, reports: $reports,
                 token_hash: $hash, address: $address, language: $language,
                 public_profile: $public_profile
             }};
             FOR $referee IN $referees {{
                 CREATE referee_request CONTENT {{
                     application: $app, organisation: $referee,
                     position: array::find_index($referees, $referee) + 1
                 }};
             }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .query_for(&Viewer::anonymous(), sql)
            .bind(("app", record))
            .bind(("address", flood_key(address)))
            .bind(("limit", APPLICATIONS_PER_ADDRESS_A_DAY))
            .bind(("daily", APPLICATIONS_A_DAY))
            .bind(("public_profile", application.public_profile))
            .bind(("referees", referees))
            .bind(("name", application.name.as_str().to_owned()))
            .bind((
                "acronym",
                application.acronym.as_ref().map(|a| a.as_str().to_owned()),
            ))
            .bind((
                "country",
                RecordId::new("country", application.country.key()),
            ))
            .bind((
                "city",
                application.city.as_ref().map(|c| c.as_str().to_owned()),
            ))
            .bind((
                "website",
                application.website.as_ref().map(|w| w.as_str().to_owned()),
            ))
            .bind(("founded", application.founded.map(i64::from)))
            .bind(("contact_name", application.contact_name.clone()))
            .bind((
                "contact_email",
                application.contact_email.as_str().to_owned(),
            ))
            .bind(("mandate", application.mandate.clone()))
            .bind(("independence", application.independence.clone()))
            .bind(("legal_status", application.legal_status.clone()))
            .bind((
                "statutes",
                application.statutes.as_ref().map(|w| w.as_str().to_owned()),
            ))
            .bind((
                "reports",
                application.reports.as_ref().map(|w| w.as_str().to_owned()),
            ))
            .bind(("hash", token::digest(&raw)))
            .bind(("language", application.language.clone()));
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        match transaction_outcome(response) {
            Ok(_) => Ok(raw),
            Err(e) if e.contains("too-many") => Err(refused("name", Problem::TryTomorrow, "")),
            Err(e) if e.contains("referees") => Err(refused("referee_1", Problem::Required, "")),
            Err(e) => Err(WorkError::Store(internal(e))),
        }
    }

    async fn join_choices(&self) -> Result<app::membership::store::JoinChoices, StoreError> {
        use app::membership::store::Criteria;
        #[derive(Debug, SurrealValue)]
        struct RefereeRow {
            key: String,
            name: String,
            acronym: Option<String>,
        }
        let rows: Vec<RefereeRow> = self
            .query_for(
                &Viewer::anonymous(),
                format!(
                    "SELECT record::id(id) AS key, name, acronym FROM organisation
                     WHERE kind = 'member' AND {READABLE} ORDER BY name LIMIT 2000"
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let countries = app::directory::store::Places::all_countries(self);
        Ok(app::membership::store::JoinChoices {
            criteria: self.criteria(false).await?,
            referees: rows
                .into_iter()
                .filter_map(|r| org_ref(&r.key, r.name, r.acronym))
                .collect(),
            countries,
        })
    }

    async fn application_progress(
        &self,
        raw_token: &str,
    ) -> Result<Option<ApplicationProgress>, StoreError> {
        if !is_status_token(raw_token) {
            return Ok(None);
        }
        let sql = format!(
            "LET $found = (SELECT id FROM application WHERE token_hash = $hash LIMIT 1)[0].id;
             SELECT record::id(id) AS key, name, status,
                    time::format(submitted_at, '%Y-%m-%d') AS submitted,
                    {decided} AS decided, reason, {open} AS invite_open
             FROM application
             WHERE id = $found AND (decided_at = NONE OR decided_at > time::now() - 90d);
             SELECT time::format(at, '%Y-%m-%d') AS on, from_applicant, text
             FROM application_message WHERE application = $found ORDER BY at;",
            decided = day_of!("decided_at"),
            open = invite_open!(),
        );
        let mut response = self
            .db
            .query(sql)
            .bind(("hash", token::digest(raw_token)))
            .await
            .map_err(internal)?;
        let rows: Vec<ProgressRow> = response.take(1).map_err(internal)?;
        let messages: Vec<ExchangeRow> = response.take(2).map_err(internal)?;
        Ok(rows.into_iter().next().map(|row| {
            let status = status(&row.status);
            ApplicationProgress {
                invitation_sent: row.invite_open == Some(true),
                name: row.name,
                status,
                submitted: row.submitted,
                decided: row.decided,
                reason: row.reason.filter(|_| status != ApplicationStatus::Admitted),
                exchanges: exchanges(messages),
            }
        }))
    }

    async fn add_information(&self, raw_token: &str, text: &str) -> Result<(), WorkError> {
        let text = shared::membership::check_more_information(text)
            .map_err(|e| WorkError::Invalid(vec![e]))?;
        if !is_status_token(raw_token) {
            return Err(WorkError::NotFound);
        }
        let event = AuditEvent::of("application.inform").after(json!({ "text": text }));
        // The target is only known inside: the audit line names it there.
        let sql = "BEGIN TRANSACTION;
             LET $found = (SELECT id, status FROM application WHERE token_hash = $hash LIMIT 1)[0];
             IF $found = NONE { THROW 'not-found'; };
             IF $found.status != 'more-information' { THROW 'closed'; };
             IF (SELECT count() AS n FROM application_message
                 WHERE application = $found.id AND from_applicant = true GROUP ALL)[0].n >= 20 {
                 THROW 'too-many';
             };
             CREATE application_message CONTENT { application: $found.id, from_applicant: true, text: $text };
             UPDATE $found.id SET status = 'submitted', version += 1;
             CREATE audit CONTENT {
                 actor: $audit_actor, actor_email: $audit_actor_email, action: $audit_action,
                 target: string::concat('application:', record::id($found.id)), before: $audit_before, after: $audit_after,
                 address: $audit_address
             };
             COMMIT TRANSACTION;";
        let query = self
            .db
            .query(sql)
            .bind(("hash", token::digest(raw_token)))
            .bind(("text", text));
        let response = self
            .bind_audit(query, event)
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        match transaction_outcome(response) {
            Ok(_) => Ok(()),
            Err(e) if e.contains("not-found") => Err(WorkError::NotFound),
            Err(e) if e.contains("closed") => Err(refused(
                "information",
                Problem::IllegalTransition {
                    from: "submitted".to_owned(),
                    to: "more-information".to_owned(),
                },
                "",
            )),
            Err(e) if e.contains("too-many") => {
                Err(refused("information", Problem::TooLong { max: 20 }, ""))
            }
            Err(e) => Err(WorkError::Store(internal(e))),
        }
    }

    async fn applications(
        &self,
        viewer: &Viewer,
        status: Option<ApplicationStatus>,
    ) -> Result<Vec<ApplicationSummary>, StoreError> {
        let sql = format!(
            "SELECT record::id(id) AS key, name, record::id(country) AS country, status,
                    time::format(submitted_at, '%Y-%m-%d') AS submitted, submitted_at,
                    count(SELECT id FROM referee_request WHERE application = $parent.id AND asked_at != NONE) AS asked,
                    count(SELECT id FROM referee_request WHERE application = $parent.id AND answer != NONE) AS answered
             FROM application
             WHERE {READABLE} AND ($status = NONE OR status = $status)
             ORDER BY submitted_at DESC LIMIT 500"
        );
        let rows: Vec<SummaryRow> = self
            .query_for(viewer, sql)
            .bind(("status", status.map(|s| s.as_str())))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                Ok(ApplicationSummary {
                    country: self.country_of(&r.country)?,
                    id: r.key,
                    name: r.name,
                    status: self::status(&r.status),
                    submitted: r.submitted,
                    references_asked: r.asked.max(0) as usize,
                    references_answered: r.answered.max(0) as usize,
                })
            })
            .collect()
    }

    async fn application(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<Option<Application>, StoreError> {
        if !is_application_key(id) {
            return Ok(None);
        }
        let sql = format!(
            "LET $found = (SELECT VALUE id FROM ONLY $app WHERE {READABLE});
             SELECT record::id(id) AS key, name, acronym, record::id(country) AS country, city,
                    website, founded, contact_name, contact_email, mandate, independence,
                    legal_status, statutes, reports, public_profile, language, status,
                    time::format(submitted_at, '%Y-%m-%d') AS submitted,
                    {decided} AS decided, reason,
                    (IF organisation = NONE THEN NONE ELSE record::id(organisation) END) AS organisation,
                    organisation.name AS organisation_name,
                    organisation.acronym AS organisation_acronym,
                    {INVITE_FIELDS}, version
             FROM application WHERE id = $found;
             SELECT record::id(id) AS criterion, text, active,
                    (SELECT VALUE verdict FROM assessment
                     WHERE application = $found AND criterion = $parent.id)[0] AS verdict,
                    (SELECT VALUE note FROM assessment
                     WHERE application = $found AND criterion = $parent.id)[0] AS note,
                    position
             FROM criterion
             WHERE $found != NONE AND (active = true
                 OR id IN (SELECT VALUE criterion FROM assessment WHERE application = $found))
             ORDER BY position;
             SELECT record::id(organisation) AS organisation, organisation.name AS name,
                    organisation.acronym AS acronym, {asked} AS asked, answer, comment, position
             FROM referee_request WHERE $found != NONE AND application = $found ORDER BY position;
             SELECT time::format(at, '%Y-%m-%d') AS on, from_applicant, text, at
             FROM application_message WHERE $found != NONE AND application = $found ORDER BY at;",
            decided = day_of!("decided_at"),
            asked = day_of!("asked_at"),
        );
        let mut response = self
            .query_for(viewer, sql)
            .bind(("app", application_record(id)))
            .await
            .map_err(internal)?;
        let rows: Vec<ApplicationRow> = response.take(1).map_err(internal)?;
        let Some(row) = rows.into_iter().next() else {
            return Ok(None);
        };
        let assessments: Vec<AssessmentRow> = response.take(2).map_err(internal)?;
        let references: Vec<ReferenceRow> = response.take(3).map_err(internal)?;
        let messages: Vec<ExchangeRow> = response.take(4).map_err(internal)?;
        let invitation =
            self.open_invitation(&row.key, row.invite_sealed.as_deref(), row.invite_open);
        Ok(Some(Application {
            country: self.country_of(&row.country)?,
            invitation,
            id: row.key,
            name: row.name,
            acronym: row.acronym,
            city: row.city,
            website: row.website,
            founded: row.founded.and_then(|y| i32::try_from(y).ok()),
            contact_name: row.contact_name,
            contact_email: row.contact_email,
            mandate: row.mandate,
            independence: row.independence,
            legal_status: row.legal_status,
            statutes: row.statutes,
            reports: row.reports,
            public_profile: row.public_profile,
            language: row.language.unwrap_or_else(|| "en".to_owned()),
            status: status(&row.status),
            submitted: row.submitted,
            decided: row.decided,
            reason: row.reason,
            organisation: row.organisation.as_deref().and_then(|key| {
                org_ref(
                    key,
                    row.organisation_name.clone()?,
                    row.organisation_acronym.clone(),
                )
            }),
            version: u32::try_from(row.version).unwrap_or_default(),
            assessments: assessments
                .into_iter()
                .map(|a| Assessment {
                    criterion: Criterion {
                        key: a.criterion,
                        text: a.text,
                        active: a.active,
                    },
                    verdict: a.verdict.as_deref().and_then(|v| Verdict::parse(v).ok()),
                    note: a.note,
                })
                .collect(),
            references: references
                .into_iter()
                .filter_map(|r| {
                    Some(Reference {
                        organisation: org_ref(&r.organisation, r.name, r.acronym)?,
                        asked: r.asked,
                        answer: r
                            .answer
                            .as_deref()
                            .and_then(|a| ReferenceAnswer::parse(a).ok()),
                        comment: r.comment,
                    })
                })
                .collect(),
            exchanges: exchanges(messages),
        }))
    }
}
