//! Staff create an organisation: every field at once, its seat and themes
//! as relations at its level, never above the creator's clearance, and only
//! after the duplicate finder found nothing alike (or the creator said the
//! new one is none of those it found). Audited in the same transaction.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::writes::{random_suffix, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::WorkError;
use serde_json::json;
use shared::{Change, OrgEdit, OrgId, Problem};
use surrealdb::types::RecordId;

fn set<T: AsRef<str>>(c: &Change<T>) -> Option<String> {
    match c {
        Change::Set(v) => Some(v.as_ref().to_owned()),
        Change::Keep | Change::Clear => None,
    }
}

/// A key readers can spell: the acronym's or the name's slug, always with a
/// random tail. A key given as it is when free would tell the creator that
/// a record hidden from them holds it when it is not.
pub(crate) fn org_key_for(name: &str, acronym: Option<&str>) -> Result<OrgId, WorkError> {
    let base = acronym.unwrap_or(name);
    let stem: String = crate::seed::names::slug(base).chars().take(40).collect();
    let stem = match stem.trim_matches('-') {
        "" => "organisation",
        stem => stem,
    };
    OrgId::parse(&format!("{stem}-{}", random_suffix(8)?))
        .map_err(|e| WorkError::Store(internal(format!("no key for an organisation: {e}"))))
}

impl SurrealStore {
    fn new_org_key(&self, org: &OrgEdit) -> Result<OrgId, WorkError> {
        let name = set(&org.name).unwrap_or_default();
        org_key_for(&name, set(&org.acronym).as_deref())
    }

    pub(in crate::store) async fn create_organisation_record(
        &self,
        actor: &Actor,
        org: &OrgEdit,
        confirmed_new: bool,
    ) -> Result<OrgId, WorkError> {
        let (Change::Set(name), Change::Set(level), Some(facts)) =
            (&org.name, &org.visibility, &org.facts)
        else {
            return Err(refused("name", Problem::Required, ""));
        };
        within_clearance(actor, *level)?;
        self.check_facts(facts).map_err(WorkError::Invalid)?;
        if !confirmed_new {
            let acronym = set(&org.acronym);
            let other: Vec<String> = facts
                .other_names
                .iter()
                .map(|n| n.as_str().to_owned())
                .collect();
            let names = shared::similar::Names {
                name: name.as_str(),
                acronym: acronym.as_deref(),
                other: &other,
            };
            let alike = self.similar_organisations(&actor.viewer, &names).await?;
            if !alike.is_empty() {
                return Err(refused_as_similar(alike, name.as_str()));
            }
        }
        let id = self.new_org_key(org)?;
        let record = RecordId::new("organisation", id.as_str());
        let after = json!({
            "name": name.as_str(),
            "acronym": set(&org.acronym),
            "kind": facts.kind.as_str(),
            "member_since": facts.member_since,
            "country": facts.country.as_ref().map(|c| c.key()),
            "themes": facts.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "languages": facts.languages,
            "other_names": facts.other_names.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
            "city": set(&org.city),
            "website": set(&org.website),
            "email": set(&org.email),
            "description": org.description.as_str(),
            "description_lang": org.description_lang,
            "visibility": level.as_str(),
        });
        let event =
            AuditEvent::by(actor, "organisation.create", format!("organisation:{id}")).after(after);
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE $org CONTENT {{
                     name: $name, acronym: $acronym, kind: $kind, member_since: $since,
                     city: $city, website: $website, email: $email,
                     description: $description, description_lang: $lang,
                     languages: $languages, other_names: $other_names,
                     visibility: $level, version: 0
                 }};
                 IF $seat != NONE {{ RELATE $org->based_in->$seat SET visibility = $level; }};
                 FOR $theme IN $themes {{ RELATE $org->works_on->$theme SET visibility = $level; }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("org", record))
            .bind(("name", name.as_str().to_owned()))
            .bind(("acronym", set(&org.acronym)))
            .bind(("kind", facts.kind.as_str()))
            .bind(("since", facts.member_since.map(i64::from)))
            .bind(("city", set(&org.city)))
            .bind(("website", set(&org.website)))
            .bind(("email", set(&org.email)))
            .bind(("description", org.description.as_str().to_owned()))
            .bind(("lang", org.description_lang.clone()))
            .bind(("languages", facts.languages.clone()))
            .bind((
                "other_names",
                facts
                    .other_names
                    .iter()
                    .map(|n| n.as_str().to_owned())
                    .collect::<Vec<_>>(),
            ))
            .bind(("level", level.as_str()))
            .bind((
                "seat",
                facts
                    .country
                    .as_ref()
                    .map(|c| RecordId::new("country", c.key())),
            ))
            .bind((
                "themes",
                facts
                    .themes
                    .iter()
                    .map(|t| RecordId::new("theme", t.as_str()))
                    .collect::<Vec<_>>(),
            ));
        self.audited(query, event).await?;
        Ok(id)
    }
}

/// The duplicate finder's answer as a refusal on the name, so the form shows
/// it next to what was typed.
pub(in crate::store) fn refused_as_similar(
    records: Vec<shared::SimilarRecord>,
    typed: &str,
) -> WorkError {
    refused("name", Problem::SimilarExists { records }, typed)
}
