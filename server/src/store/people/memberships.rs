//! A person's memberships of organisations, kept by staff: added or changed
//! (one per pair and level, a write touching only what its writer reads),
//! ended with a year and kept, or deleted when entered by
//! mistake. The link counts and lists of both ends follow every write (the
//! database's events keep them), and each write is audited in its
//! transaction on the person.

use super::person_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::{org_ref, visibility};
use crate::store::visibility::{edge_to_change, readable_pair, READABLE};
use crate::store::writes::{end_outcome, end_relations, ended_by_now, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::{NewMembership, OrgId, OrgRef, PersonId, Problem, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

/// The memberships of `$person` in `$org` the actor may read, at `$only`
/// when it is given.
const MINE_AT: &str = concat!(
    "member_of WHERE in = $person AND out = $org AND ",
    crate::store::visibility::edge_readable!(),
    " AND ",
    crate::store::visibility::readable!("out"),
    " AND ($only = NONE OR visibility = $only)"
);

fn org_record(id: &OrgId) -> RecordId {
    RecordId::new("organisation", id.as_str())
}

impl SurrealStore {
    /// The level of a record the actor may read; `None` when hidden or absent.
    pub(in crate::store) async fn level_for(
        &self,
        actor: &Actor,
        record: RecordId,
    ) -> Result<Option<Visibility>, WorkError> {
        let level: Option<String> = self
            .query_for(
                &actor.viewer,
                format!("SELECT VALUE visibility FROM ONLY $record WHERE {READABLE}"),
            )
            .bind(("record", record))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        Ok(level.as_deref().map(visibility))
    }

    /// The levels of the memberships of the pair the actor may read (at
    /// `only`, when given), most closed first; the person hidden: 404.
    async fn readable_memberships(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
        only: Option<Visibility>,
    ) -> Result<Vec<Visibility>, WorkError> {
        // A person granted to the actor opens their relations, not the
        // organisation at the other end: that one must be readable too.
        if self
            .level_for(actor, person_record(person))
            .await?
            .is_none()
            || self
                .level_for(actor, org_record(organisation))
                .await?
                .is_none()
        {
            return Err(WorkError::NotFound);
        }
        let levels: Vec<String> = self
            .query_for(
                &actor.viewer,
                format!("SELECT VALUE visibility FROM {MINE_AT}"),
            )
            .bind(("person", person_record(person)))
            .bind(("org", org_record(organisation)))
            .bind(("only", only.map(Visibility::as_str)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        let mut levels: Vec<Visibility> = levels.iter().map(|v| visibility(v)).collect();
        levels.sort_by(|a, b| b.cmp(a));
        Ok(levels)
    }

    pub(in crate::store) async fn set_membership_record(
        &self,
        actor: &Actor,
        person: &PersonId,
        membership: &NewMembership,
    ) -> Result<(), WorkError> {
        let person_level = self
            .level_for(actor, person_record(person))
            .await?
            .ok_or(WorkError::NotFound)?;
        let org_level = self
            .level_for(actor, org_record(&membership.organisation))
            .await?
            .ok_or_else(|| {
                refused(
                    "organisation",
                    Problem::Required,
                    membership.organisation.as_str(),
                )
            })?;
        let level = membership.visibility.max(person_level).max(org_level);
        within_clearance(actor, level)?;
        ended_by_now(membership.until)?;
        let event =
            AuditEvent::by(actor, "person.membership", format!("person:{person}")).after(json!({
                "organisation": membership.organisation.as_str(),
                "role": membership.role,
                "since": membership.since,
                "until": membership.until,
                "source": membership.source,
                "visibility": level.as_str(),
            }));
        // A membership the actor cannot read is not theirs to change, nor
        // to learn of: theirs is written beside it.
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     LET $edge = {edge};
                     IF $edge = NONE {{
                         RELATE $person->member_of->$org SET role = $role, since = $since,
                             until = $until, source = $source, visibility = $level;
                     }} ELSE {{
                         UPDATE $edge SET role = $role, since = $since, until = $until,
                             source = $source, visibility = $level;
                     }};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    edge = edge_to_change(&readable_pair("member_of", "$person", "$org"))
                ),
            )
            .bind(("person", person_record(person)))
            .bind(("org", org_record(&membership.organisation)))
            .bind(("role", membership.role.clone()))
            .bind(("since", membership.since.map(i64::from)))
            .bind(("until", membership.until.map(i64::from)))
            .bind(("source", membership.source.clone()))
            .bind(("level", level.as_str()));
        self.audited(query, event).await
    }

    pub(in crate::store) async fn end_membership_record(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
        until: i32,
        only: Option<Visibility>,
    ) -> Result<(), WorkError> {
        let levels = self
            .readable_memberships(actor, person, organisation, only)
            .await?;
        if levels.is_empty() {
            return Err(WorkError::NotFound);
        }
        ended_by_now(Some(until))?;
        let event = AuditEvent::by(actor, "person.membership_end", format!("person:{person}"))
            .after(json!({
                "organisation": organisation.as_str(),
                "until": until,
                "visibility": levels[0].as_str(),
            }));
        let query = self
            .query_for(&actor.viewer, end_relations(MINE_AT))
            .bind(("person", person_record(person)))
            .bind(("org", org_record(organisation)))
            .bind(("only", only.map(Visibility::as_str)))
            .bind(("until", i64::from(until)));
        end_outcome(self.audited(query, event).await, until)
    }

    pub(in crate::store) async fn delete_membership_record(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
        only: Option<Visibility>,
    ) -> Result<(), WorkError> {
        let levels = self
            .readable_memberships(actor, person, organisation, only)
            .await?;
        if levels.is_empty() {
            return Err(WorkError::NotFound);
        }
        let event = AuditEvent::by(
            actor,
            "person.membership_delete",
            format!("person:{person}"),
        )
        .before(json!({ "organisation": organisation.as_str(), "visibility": levels[0].as_str() }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     IF (SELECT VALUE id FROM {MINE_AT}) = [] {{ THROW 'not-found' }};
                     DELETE {MINE_AT};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;"
                ),
            )
            .bind(("person", person_record(person)))
            .bind(("org", org_record(organisation)))
            .bind(("only", only.map(Visibility::as_str)));
        self.audited(query, event).await
    }

    pub(in crate::store) async fn organisation_choices_for(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<OrgRef>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Row {
            key: String,
            name: String,
            acronym: Option<String>,
        }
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT record::id(id) AS key, name, acronym FROM organisation
                     WHERE {READABLE} ORDER BY name COLLATE ASC"
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| org_ref(&r.key, r.name, r.acronym))
            .collect())
    }
}
