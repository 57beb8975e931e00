//! Registering a trial the network follows, with its first defendant and
//! supporting organisation, in one audited transaction.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::observation::trials::trial_record;
use crate::store::rows::org_ref;
use crate::store::rows::person_ref;
use crate::store::visibility::readable;
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
                "visibility": new.visibility.as_str(),
        }));
        let sql = format!(
            "BEGIN TRANSACTION;
             CREATE $trial CONTENT {{ case_name: $case_name, court: $court, city: $city, country: $country,
                timezone: $timezone, court_language: $language, charges: $charges, status: 'pending',
                summary: $summary, visibility: $level }};
             FOR $d IN $defendants {{ RELATE $d->defendant_in->$trial SET visibility = $level; }};
             FOR $o IN $supporters {{ RELATE $trial->supported_by->$o SET visibility = $level; }};
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
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
                    .collect::<Vec<_>>(),
            ))
            .bind((
                "supporters",
                new.supporters
                    .iter()
                    .map(|o| RecordId::new("organisation", o.as_str()))
                    .collect::<Vec<_>>(),
            ));
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
             DELETE {edge} WHERE in = $from AND out = $to;
             RELATE $from->{edge}->$to SET visibility = $level;
             {AUDIT_INSERT};
             COMMIT TRANSACTION;"
        );
        let query = self
            .db
            .query(sql)
            .bind(("from", from))
            .bind(("to", to))
            .bind(("level", level));
        self.audited(query, event).await
    }
}
