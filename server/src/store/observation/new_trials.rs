//! Registering a trial the network follows, with its first defendant,
//! defence lawyer and supporting organisation, in one audited transaction;
//! any of them not in the platform yet is created with it, once the
//! duplicate finder found nothing alike (or the one registering said it is
//! none of those).

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::observation::trials::trial_record;
use crate::store::rows::org_ref;
use crate::store::rows::person_ref;
use crate::store::visibility::{readable, readable_pair};
use crate::store::writes::{random_suffix, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::StoreError;
use app::error::WorkError;
use app::observation::api::{TrialFormOptions, TrialLink};
use serde_json::json;
use shared::{NewTrial, Problem, TrialId, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct Named {
    key: String,
    name: String,
    acronym: Option<String>,
}

#[async_trait::async_trait]
impl app::observation::store::TrialRegistration for SurrealStore {
    async fn trial_form_options(&self, viewer: &Viewer) -> Result<TrialFormOptions, StoreError> {
        let mut response = self
            .query_for(
                viewer,
                concat!(
                    "SELECT record::id(id) AS key, name, NONE AS acronym FROM person
                    WHERE ",
                    readable!(),
                    " AND 'defender' IN roles ORDER BY name COLLATE ASC;
                 SELECT record::id(id) AS key, name, NONE AS acronym FROM person
                    WHERE ",
                    readable!(),
                    " AND 'lawyer' IN roles ORDER BY name COLLATE ASC;
                 SELECT record::id(id) AS key, name, acronym FROM organisation
                    WHERE ",
                    readable!(),
                    " AND kind IN ['network', 'partner'] ORDER BY name COLLATE ASC;"
                ),
            )
            .await
            .map_err(internal)?;
        let people: Vec<Named> = response.take(0).map_err(internal)?;
        let lawyers: Vec<Named> = response.take(1).map_err(internal)?;
        let orgs: Vec<Named> = response.take(2).map_err(internal)?;
        Ok(TrialFormOptions {
            defendants: people
                .into_iter()
                .filter_map(|p| person_ref(&p.key, p.name))
                .collect(),
            lawyers: lawyers
                .into_iter()
                .filter_map(|p| person_ref(&p.key, p.name))
                .collect(),
            organisations: orgs
                .into_iter()
                .filter_map(|o| org_ref(&o.key, o.name, o.acronym))
                .collect(),
        })
    }

    async fn create_trial(&self, actor: &Actor, new: &NewTrial) -> Result<TrialId, WorkError> {
        within_clearance(actor, new.visibility)?;
        if new.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(refused("timezone", Problem::NotATimeZone, &new.timezone));
        }
        if self.country_by_key(&new.country.key()).is_none() {
            return Err(refused(
                "country",
                Problem::NotACountryCode,
                new.country.as_str(),
            ));
        }
        // Only what the actor can read may be linked (nothing hidden leaks in by id).
        let options = self.trial_form_options(&actor.viewer).await?;
        if let Some(d) = new
            .defendants
            .iter()
            .find(|d| !options.defendants.iter().any(|p| &p.id == *d))
        {
            return Err(refused("defendant", Problem::Required, d.as_str()));
        }
        if let Some(o) = new
            .supporters
            .iter()
            .find(|o| !options.organisations.iter().any(|r| &r.id == *o))
        {
            return Err(refused("supporter", Problem::Required, o.as_str()));
        }
        if let Some(p) = new
            .lawyers
            .iter()
            .find(|p| !options.lawyers.iter().any(|r| &r.id == *p))
        {
            return Err(refused("lawyer", Problem::Required, p.as_str()));
        }
        if !new.confirmed_new {
            self.nothing_alike(actor, new).await?;
        }
        let created = self.records_made_with(new)?;
        let suffix = random_suffix(4)?;
        let stem: String = crate::seed::names::slug(&new.case_name)
            .chars()
            .take(40)
            .collect();
        let id = TrialId::parse(&format!("{}-{suffix}", stem.trim_matches('-')))
            .map_err(|e| WorkError::Store(internal(e.message())))?;
        let event = AuditEvent::by(actor, "trial.create", format!("trial:{id}")).after(json!({
                "case_name": new.case_name, "court": new.court, "city": new.city,
                "country": new.country.as_str(), "timezone": new.timezone,
                "court_language": new.court_language,
                "charges": new.charges.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                "defendants": new.defendants.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                "supporters": new.supporters.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
                "lawyers": new.lawyers.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                "created": created.audit(),
                "visibility": new.visibility.as_str(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             CREATE $trial CONTENT {{ case_name: $case_name, court: $court, city: $city, country: $country,
                timezone: $timezone, court_language: $language, charges: $charges, status: 'pending',
                summary: $summary, visibility: $level }};
             {created}
             FOR $d IN $defendants {{ RELATE $d->defendant_in->$trial SET visibility = $level; }};
             FOR $p IN $lawyers {{ RELATE $p->defends->$trial SET visibility = $level; }};
             FOR $o IN $supporters {{ RELATE $trial->supported_by->$o SET visibility = $level; }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            created = created.statements(),
        );
        let query = self
            .db
            .query(sql)
            .bind(("trial", trial_record(&id)))
            .bind(("case_name", new.case_name.clone()))
            .bind(("court", new.court.clone()))
            .bind(("city", new.city.clone()))
            .bind(("country", RecordId::new("country", new.country.key())))
            .bind(("timezone", new.timezone.clone()))
            .bind(("language", new.court_language.clone()))
            .bind((
                "charges",
                new.charges
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect::<Vec<_>>(),
            ))
            .bind(("summary", new.summary.clone()))
            .bind(("level", new.visibility.as_str()))
            .bind((
                "defendants",
                new.defendants
                    .iter()
                    .map(|d| RecordId::new("person", d.as_str()))
                    .chain(created.defendant.iter().map(|(p, _)| p.clone()))
                    .collect::<Vec<_>>(),
            ))
            .bind((
                "supporters",
                new.supporters
                    .iter()
                    .map(|o| RecordId::new("organisation", o.as_str()))
                    .chain(created.supporter.iter().map(|(o, _)| o.clone()))
                    .collect::<Vec<_>>(),
            ))
            .bind((
                "lawyers",
                new.lawyers
                    .iter()
                    .map(|p| RecordId::new("person", p.as_str()))
                    .chain(created.lawyer.iter().map(|(p, _)| p.clone()))
                    .collect::<Vec<_>>(),
            ));
        let query = created.bind(query, new.visibility);
        self.audited(query, event).await?;
        Ok(id)
    }

    async fn link_trial(
        &self,
        actor: &Actor,
        trial: &TrialId,
        link: &TrialLink,
    ) -> Result<(), WorkError> {
        #[derive(Debug, SurrealValue)]
        struct Level {
            visibility: String,
        }
        let level: Option<Level> = self
            .query_for(
                &actor.viewer,
                concat!("SELECT visibility FROM ONLY $trial WHERE ", readable!()),
            )
            .bind(("trial", trial_record(trial)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let level = level.ok_or(WorkError::NotFound)?.visibility;
        let options = self.trial_form_options(&actor.viewer).await?;
        let (edge, from, to, known, value) = match link {
            TrialLink::Defendant(p) => (
                "defendant_in",
                RecordId::new("person", p.as_str()),
                trial_record(trial),
                options.defendants.iter().any(|d| &d.id == p),
                p.to_string(),
            ),
            TrialLink::Lawyer(p) => (
                "defends",
                RecordId::new("person", p.as_str()),
                trial_record(trial),
                options.lawyers.iter().any(|d| &d.id == p),
                p.to_string(),
            ),
            TrialLink::Supporter(o) => (
                "supported_by",
                trial_record(trial),
                RecordId::new("organisation", o.as_str()),
                options.organisations.iter().any(|d| &d.id == o),
                o.to_string(),
            ),
        };
        if !known {
            return Err(refused("link", Problem::Required, &value));
        }
        // A relation is as closed as its more closed end.
        let other = if edge == "supported_by" { &to } else { &from };
        let other_level: Option<String> = self
            .db
            .query("SELECT VALUE visibility FROM ONLY $other")
            .bind(("other", other.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let level = [Some(level.as_str()), other_level.as_deref()]
            .into_iter()
            .flatten()
            .map(|v| Visibility::parse(v).unwrap_or(Visibility::Restricted))
            .max()
            .unwrap_or(Visibility::Restricted)
            .as_str()
            .to_owned();
        let event = AuditEvent::by(actor, "trial.link", format!("trial:{trial}"))
            .after(json!({ "edge": edge, "with": value }));
        // The edge table is one of three fixed names above, never input.
        let sql = format!(
            "BEGIN TRANSACTION;
             DELETE {pair};
             RELATE $from->{edge}->$to SET visibility = $level;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;",
            pair = readable_pair(edge, "$from", "$to")
        );
        let query = self
            .query_for(&actor.viewer, sql)
            .bind(("from", from))
            .bind(("to", to))
            .bind(("level", level));
        self.audited(query, event).await
    }
}

/// The people and the organisation a registration creates, each with its
/// new key and its name.
struct MadeWith {
    defendant: Option<(RecordId, String)>,
    lawyer: Option<(RecordId, String)>,
    supporter: Option<(RecordId, String)>,
}

impl MadeWith {
    /// The statements creating them, each with its audit line. A person
    /// created in place is kept among the staff at least (defendants and
    /// their lawyers are at risk until someone who knows opens the record);
    /// the organisation takes the trial's level.
    fn statements(&self) -> String {
        let mut sql = String::new();
        for (var, role, risk) in [
            ("new_defendant", "defender", "high"),
            ("new_lawyer", "lawyer", "medium"),
        ] {
            let made = if var == "new_defendant" {
                &self.defendant
            } else {
                &self.lawyer
            };
            if made.is_some() {
                sql.push_str(&format!(
                    "CREATE ${var} CONTENT {{
                         name: ${var}_name, roles: ['{role}'], risk_level: '{risk}', languages: [],
                         description: '', visibility: $person_level, version: 0
                     }};
                     CREATE audit CONTENT {{
                         actor: $audit_actor, actor_email: $audit_actor_email, action: 'person.create',
                         target: ${var}_target, after: ${var}_after, address: $audit_address
                     }};\n"
                ));
            }
        }
        if self.supporter.is_some() {
            sql.push_str(
                "CREATE $new_supporter CONTENT {
                     name: $new_supporter_name, kind: 'partner', description: '', languages: [],
                     other_names: [], visibility: $level, version: 0
                 };
                 CREATE audit CONTENT {
                     actor: $audit_actor, actor_email: $audit_actor_email, action: 'organisation.create',
                     target: $new_supporter_target, after: $new_supporter_after, address: $audit_address
                 };\n",
            );
        }
        sql
    }

    fn bind<'a>(
        &self,
        mut query: surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
        level: Visibility,
    ) -> surrealdb::method::Query<'a, surrealdb::engine::any::Any> {
        let person_level = level.max(Visibility::Staff);
        query = query.bind(("person_level", person_level.as_str()));
        for (var, made, after) in [
            (
                "new_defendant",
                &self.defendant,
                json!({ "roles": ["defender"], "risk_level": "high" }),
            ),
            (
                "new_lawyer",
                &self.lawyer,
                json!({ "roles": ["lawyer"], "risk_level": "medium" }),
            ),
            (
                "new_supporter",
                &self.supporter,
                json!({ "kind": "partner" }),
            ),
        ] {
            if let Some((record, name)) = made {
                let mut after = after;
                after["name"] = json!(name);
                after["visibility"] = json!(if var == "new_supporter" {
                    level
                } else {
                    person_level
                }
                .as_str());
                query = query
                    .bind((var, record.clone()))
                    .bind((format!("{var}_name"), name.clone()))
                    .bind((format!("{var}_after"), after.to_string()))
                    .bind((
                        format!("{var}_target"),
                        crate::store::rows::record_text(record),
                    ));
            }
        }
        query
    }

    /// What the trial's own audit line says was created.
    fn audit(&self) -> serde_json::Value {
        let key = |made: &Option<(RecordId, String)>| {
            made.as_ref()
                .map(|(r, _)| crate::store::rows::record_text(r))
        };
        json!({
            "defendant": key(&self.defendant),
            "lawyer": key(&self.lawyer),
            "supporter": key(&self.supporter),
        })
    }
}

impl SurrealStore {
    /// Refused, listing them, when the actor may read records with a name
    /// like one of the new names.
    async fn nothing_alike(&self, actor: &Actor, new: &NewTrial) -> Result<(), WorkError> {
        let mut alike = Vec::new();
        let mut first_field = None;
        for (field, name) in [
            ("new_defendant", &new.new_defendant),
            ("new_lawyer", &new.new_lawyer),
        ] {
            if let Some(name) = name {
                let names = shared::similar::Names {
                    name: name.as_str(),
                    acronym: None,
                    other: &[],
                };
                let found = self.similar_people(&actor.viewer, &names).await?;
                if !found.is_empty() {
                    first_field.get_or_insert(field);
                    alike.extend(found);
                }
            }
        }
        if let Some(name) = &new.new_supporter {
            let names = shared::similar::Names {
                name: name.as_str(),
                acronym: None,
                other: &[],
            };
            let found = self.similar_organisations(&actor.viewer, &names).await?;
            if !found.is_empty() {
                first_field.get_or_insert("new_supporter");
                alike.extend(found);
            }
        }
        match first_field {
            None => Ok(()),
            Some(field) => Err(refused(
                field,
                Problem::SimilarExists { records: alike },
                "",
            )),
        }
    }

    /// New keys for what the registration creates.
    fn records_made_with(&self, new: &NewTrial) -> Result<MadeWith, WorkError> {
        let person =
            |name: &Option<shared::PersonName>| -> Result<Option<(RecordId, String)>, WorkError> {
                let Some(name) = name else { return Ok(None) };
                let id = crate::store::people::editing::person_key_for(name.as_str())?;
                Ok(Some((
                    RecordId::new("person", id.as_str()),
                    name.as_str().to_owned(),
                )))
            };
        let supporter = match &new.new_supporter {
            None => None,
            Some(name) => {
                let id = crate::store::directory::creating::org_key_for(name.as_str(), None)?;
                Some((
                    RecordId::new("organisation", id.as_str()),
                    name.as_str().to_owned(),
                ))
            }
        };
        Ok(MadeWith {
            defendant: person(&new.new_defendant)?,
            lawyer: person(&new.new_lawyer)?,
            supporter,
        })
    }
}
