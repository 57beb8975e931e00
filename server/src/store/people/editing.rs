//! Creating and editing a person (staff and admins; the server function
//! checks the role). No one files a person above their own clearance, and
//! someone at risk stays with the staff unless an admin opens the record.

use super::person_record;
use crate::exchange::persons::PersonValues;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::visibility;
use crate::store::visibility::READABLE;
use crate::store::writes::{random_suffix, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::{json, Map, Value};
use shared::{
    may_expose, may_reclassify, Person, PersonId, PersonRecord, Problem, RiskLevel, Viewer,
    Visibility,
};
use surrealdb::types::{RecordId, SurrealValue};

/// The fields as the database keeps them, for the audit line: the form's
/// and an import's lines name them alike.
pub(crate) fn stored(person: &PersonValues) -> Value {
    json!({
        "name": person.name,
        "roles": person.roles,
        "risk_level": person.risk_level,
        "gender": person.gender,
        "nationality": person.nationality,
        "languages": person.languages,
        "description": person.description,
        "visibility": person.visibility,
    })
}

/// Refuses a level the actor may not give this person.
fn check_level(actor: &Actor, risk: RiskLevel, level: Visibility) -> Result<(), WorkError> {
    within_clearance(actor, level)?;
    if may_expose(actor.user.role, risk, level) {
        Ok(())
    } else {
        Err(refused(
            "visibility",
            Problem::ExposesPersonAtRisk,
            level.as_str(),
        ))
    }
}

/// A new person's key: the name's slug and a random tail. A name in a
/// script the slug does not spell (Arabic, Chinese) makes no stem: those
/// keys start with "person". Eight random digits make two people of the
/// same name all but never meet.
pub(crate) fn person_key_for(name: &str) -> Result<PersonId, WorkError> {
    let stem: String = crate::seed::names::slug(name).chars().take(40).collect();
    let stem = match stem.trim_matches('-') {
        "" => "person",
        stem => stem,
    };
    PersonId::parse(&format!("{stem}-{}", random_suffix(8)?))
        .map_err(|e| WorkError::Store(internal(format!("no key from a person's name: {e}"))))
}

impl SurrealStore {
    fn nationality_record(&self, person: &PersonRecord) -> Result<Option<RecordId>, WorkError> {
        match &person.nationality {
            None => Ok(None),
            Some(code) if self.country_by_key(&code.key()).is_some() => {
                Ok(Some(RecordId::new("country", code.key())))
            }
            Some(code) => Err(refused(
                "nationality",
                Problem::NotACountryCode,
                code.as_str(),
            )),
        }
    }

    pub(in crate::store) async fn create_person_record(
        &self,
        actor: &Actor,
        person: &PersonRecord,
        confirmed_new: bool,
    ) -> Result<PersonId, WorkError> {
        check_level(actor, person.risk_level, person.visibility)?;
        let nationality = self.nationality_record(person)?;
        if !confirmed_new {
            let names = shared::similar::Names {
                name: person.name.as_str(),
                acronym: None,
                other: &[],
            };
            let alike = self.similar_people(&actor.viewer, &names).await?;
            if !alike.is_empty() {
                return Err(crate::store::writes::refused(
                    "name",
                    Problem::SimilarExists { records: alike },
                    person.name.as_str(),
                ));
            }
        }
        let id = person_key_for(person.name.as_str())?;
        let event = AuditEvent::by(actor, "person.create", format!("person:{id}"))
            .after(stored(&PersonValues::from(person)));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $person CONTENT {{
                     name: $name, roles: $roles, risk_level: $risk, gender: $gender,
                     nationality: $nationality, languages: $languages,
                     description: $description, visibility: $level, version: 0
                 }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("person", person_record(&id)))
            .bind(("name", person.name.as_str().to_owned()))
            .bind((
                "roles",
                person
                    .roles
                    .iter()
                    .map(|r| r.as_str().to_owned())
                    .collect::<Vec<_>>(),
            ))
            .bind(("risk", person.risk_level.as_str()))
            .bind(("gender", person.gender.map(|g| g.as_str())))
            .bind(("nationality", nationality))
            .bind(("languages", person.languages.clone()))
            .bind(("description", person.description.as_str().to_owned()))
            .bind(("level", person.visibility.as_str()));
        self.audited(query, event).await?;
        Ok(id)
    }

    pub(in crate::store) async fn update_person_record(
        &self,
        actor: &Actor,
        id: &PersonId,
        person: &PersonRecord,
    ) -> Result<(), WorkError> {
        #[derive(Debug, SurrealValue)]
        struct Current {
            name: String,
            roles: Vec<String>,
            risk_level: String,
            gender: Option<String>,
            nationality: Option<RecordId>,
            languages: Vec<String>,
            description: String,
            visibility: String,
            version: Option<i64>,
        }
        let current: Option<Current> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT name, roles, risk_level, gender, nationality,
                            languages, description, visibility, version
                     FROM ONLY $person WHERE {READABLE}"
                ),
            )
            .bind(("person", person_record(id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        let current = current.ok_or(WorkError::NotFound)?;
        let version = person
            .version
            .ok_or_else(|| refused("version", Problem::Required, ""))?;
        if current.version.unwrap_or(0).max(0) as u64 != version {
            return Err(WorkError::Stale);
        }
        let from = visibility(&current.visibility);
        let risk_from = RiskLevel::parse(&current.risk_level).unwrap_or(RiskLevel::Critical);
        if !may_reclassify(actor.user.role, from, person.visibility) {
            return Err(WorkError::Forbidden);
        }
        // Lowering the risk of someone at risk would open the way to
        // widening their record in a later edit: that judgement is an
        // admin's, as the widening is.
        if risk_from > RiskLevel::Low
            && person.risk_level < risk_from
            && actor.user.role != shared::Role::Admin
        {
            return Err(refused(
                "risk_level",
                Problem::ExposesPersonAtRisk,
                person.risk_level.as_str(),
            ));
        }
        // The rule about people at risk speaks when the level or the risk
        // changes: an edit of other fields keeps what an admin decided.
        if from != person.visibility || risk_from != person.risk_level {
            check_level(actor, person.risk_level.max(risk_from), person.visibility)?;
        }
        let nationality = self.nationality_record(person)?;
        let before = json!({
            "name": current.name,
            "roles": current.roles,
            "risk_level": current.risk_level,
            "gender": current.gender,
            "nationality": current.nationality.as_ref().map(crate::store::rows::record_key),
            "languages": current.languages,
            "description": current.description,
            "visibility": current.visibility,
        });
        let after = stored(&PersonValues::from(person));
        let (before, after) = changed(&before, &after);
        if after.is_empty() {
            return Ok(());
        }
        let event = AuditEvent::by(actor, "person.update", format!("person:{id}"))
            .before(Value::Object(before))
            .after(Value::Object(after));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 IF ((SELECT VALUE version FROM ONLY $person) ?? 0) != $version {{ THROW 'stale' }};
                 UPDATE ONLY $person SET
                     name = $name, roles = $roles, risk_level = $risk, gender = $gender,
                     nationality = $nationality, languages = $languages,
                     description = $description, visibility = $level, version = $version + 1;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("person", person_record(id)))
            .bind(("version", version as i64))
            .bind(("name", person.name.as_str().to_owned()))
            .bind((
                "roles",
                person
                    .roles
                    .iter()
                    .map(|r| r.as_str().to_owned())
                    .collect::<Vec<_>>(),
            ))
            .bind(("risk", person.risk_level.as_str()))
            .bind(("gender", person.gender.map(|g| g.as_str())))
            .bind(("nationality", nationality))
            .bind(("languages", person.languages.clone()))
            .bind(("description", person.description.as_str().to_owned()))
            .bind(("level", person.visibility.as_str()));
        self.audited(query, event).await
    }
}

/// The fields that differ: what they were, and what they become.
fn changed(before: &Value, after: &Value) -> (Map<String, Value>, Map<String, Value>) {
    let mut old = Map::new();
    let mut new = Map::new();
    if let Value::Object(fields) = after {
        for (field, value) in fields {
            let was = before.get(field).cloned().unwrap_or(Value::Null);
            if &was != value {
                old.insert(field.clone(), was);
                new.insert(field.clone(), value.clone());
            }
        }
    }
    (old, new)
}

#[async_trait::async_trait]
impl app::people::store::People for SurrealStore {
    async fn person(&self, viewer: &Viewer, id: &PersonId) -> Result<Option<Person>, StoreError> {
        self.person_page(viewer, id).await
    }

    async fn people(
        &self,
        viewer: &Viewer,
        query: &shared::PeopleQuery,
    ) -> Result<shared::PeoplePage, StoreError> {
        self.people_list(viewer, query).await
    }

    async fn create_person(
        &self,
        actor: &Actor,
        person: &PersonRecord,
        confirmed_new: bool,
    ) -> Result<PersonId, WorkError> {
        self.create_person_record(actor, person, confirmed_new)
            .await
    }

    async fn update_person(
        &self,
        actor: &Actor,
        id: &PersonId,
        person: &PersonRecord,
    ) -> Result<(), WorkError> {
        self.update_person_record(actor, id, person).await
    }

    async fn set_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        membership: &shared::NewMembership,
    ) -> Result<(), WorkError> {
        self.set_membership_record(actor, person, membership).await
    }

    async fn end_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &shared::OrgId,
        until: i32,
        only: Option<shared::Visibility>,
    ) -> Result<(), WorkError> {
        self.end_membership_record(actor, person, organisation, until, only)
            .await
    }

    async fn delete_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &shared::OrgId,
        only: Option<shared::Visibility>,
    ) -> Result<(), WorkError> {
        self.delete_membership_record(actor, person, organisation, only)
            .await
    }

    async fn organisation_choices(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::OrgRef>, StoreError> {
        self.organisation_choices_for(viewer).await
    }
}
