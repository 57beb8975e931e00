//! Merging two people found to be one: the generic merge of
//! `store::merging` with what a person's records name, and the rule on
//! people at risk (the kept record takes the stricter risk, so it must not
//! be open beyond the staff unless an admin merges).

use crate::store::merging::PEOPLE;
use crate::store::rows::person_ref;
use crate::store::visibility::READABLE;
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use shared::{PersonId, PersonRef, Problem, RiskLevel, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct Standing {
    risk_level: String,
    visibility: String,
}

#[async_trait::async_trait]
impl app::people::store::Merging for SurrealStore {
    async fn merge_people(
        &self,
        actor: &Actor,
        kept: &PersonId,
        gone: &PersonId,
    ) -> Result<(), WorkError> {
        let mut response = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT risk_level, visibility FROM ONLY $kept WHERE {READABLE};
                     SELECT risk_level, visibility FROM ONLY $gone WHERE {READABLE};"
                ),
            )
            .bind(("kept", RecordId::new("person", kept.as_str())))
            .bind(("gone", RecordId::new("person", gone.as_str())))
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        let both: (Option<Standing>, Option<Standing>) = (
            response
                .take(0)
                .map_err(|e| WorkError::Store(internal(e)))?,
            response
                .take(1)
                .map_err(|e| WorkError::Store(internal(e)))?,
        );
        if let (Some(k), Some(g)) = both {
            let risk = |raw: &str| RiskLevel::parse(raw).unwrap_or(RiskLevel::Critical);
            let merged_risk = risk(&k.risk_level).max(risk(&g.risk_level));
            let level = Visibility::parse(&k.visibility).unwrap_or(Visibility::Restricted);
            if !shared::may_expose(actor.user.role, merged_risk, level) {
                return Err(refused("gone", Problem::ExposesPersonAtRisk, gone.as_str()));
            }
        }
        // Absent or hidden ends are refused by the merge itself.
        self.merge_records(actor, &PEOPLE, kept.as_str(), gone.as_str())
            .await
    }

    async fn moved_person(
        &self,
        viewer: &Viewer,
        id: &PersonId,
    ) -> Result<Option<PersonId>, StoreError> {
        Ok(self
            .merged_into(viewer, "person", id.as_str())
            .await?
            .and_then(|key| PersonId::parse(&key).ok()))
    }

    async fn possible_duplicates(
        &self,
        viewer: &Viewer,
        id: &PersonId,
    ) -> Result<Vec<PersonRef>, StoreError> {
        let name: Option<String> = self
            .query_for(
                viewer,
                format!("SELECT VALUE name FROM ONLY $person WHERE {READABLE}"),
            )
            .bind(("person", RecordId::new("person", id.as_str())))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let Some(name) = name else {
            return Ok(Vec::new());
        };
        let names = shared::similar::Names {
            name: &name,
            acronym: None,
            other: &[],
        };
        Ok(self
            .similar_people(viewer, &names)
            .await?
            .into_iter()
            .filter_map(|r| {
                let key = r.href.strip_prefix("/people/")?.to_owned();
                (key != id.as_str()).then(|| person_ref(&key, r.name))?
            })
            .collect())
    }
}
