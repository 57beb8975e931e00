//! A person's memberships of organisations, kept by staff: added or changed
//! (one per pair), ended with a year and kept, or deleted when entered by
//! mistake. The link counts and lists of both ends follow every write (the
//! database's events keep them), and each write is audited in its
//! transaction on the person.

use super::person_record;
use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::{org_ref, visibility};
use crate::store::visibility::{EDGE_READABLE, READABLE};
use crate::store::writes::{ended_by_now, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::{NewMembership, OrgId, OrgRef, PersonId, Problem, Viewer, Visibility};
use surrealdb::types::{RecordId, SurrealValue};

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

    /// The membership the actor may read, as its level; `None` when there
    /// is none or it is hidden.
    async fn readable_membership(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
    ) -> Result<Option<Visibility>, WorkError> {
        if self
            .level_for(actor, person_record(person))
            .await?
            .is_none()
        {
            return Err(WorkError::NotFound);
        }
        let level: Option<String> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT VALUE visibility FROM member_of
                     WHERE in = $person AND out = $org AND {EDGE_READABLE}"
                ),
            )
            .bind(("person", person_record(person)))
            .bind(("org", org_record(organisation)))
            .await
            .and_then(|mut r| r.take::<Vec<String>>(0))
            .map_err(|e| WorkError::Store(internal(e)))?
            .into_iter()
            .next();
        Ok(level.as_deref().map(visibility))
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
        // An existing membership the actor cannot see is not theirs to
        // replace: it answers as if the person were hidden.
        let exists: Vec<String> = self
            .db
            .query("SELECT VALUE visibility FROM member_of WHERE in = $person AND out = $org")
            .bind(("person", person_record(person)))
            .bind(("org", org_record(&membership.organisation)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        if !exists.is_empty()
            && self
                .readable_membership(actor, person, &membership.organisation)
                .await?
                .is_none()
        {
            return Err(WorkError::NotFound);
        }
        let event =
            AuditEvent::by(actor, "person.membership", format!("person:{person}")).after(json!({
                "organisation": membership.organisation.as_str(),
                "role": membership.role,
                "since": membership.since,
                "until": membership.until,
                "source": membership.source,
                "visibility": level.as_str(),
            }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $edge = (SELECT VALUE id FROM member_of WHERE in = $person AND out = $org)[0];
                 IF $edge = NONE {{
                     RELATE $person->member_of->$org SET role = $role, since = $since,
                         until = $until, source = $source, visibility = $level;
                 }} ELSE {{
                     UPDATE $edge SET role = $role, since = $since, until = $until,
                         source = $source, visibility = $level;
                 }};
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
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
    ) -> Result<(), WorkError> {
        self.readable_membership(actor, person, organisation)
            .await?
            .ok_or(WorkError::NotFound)?;
        ended_by_now(Some(until))?;
        let event = AuditEvent::by(actor, "person.membership_end", format!("person:{person}"))
            .after(json!({ "organisation": organisation.as_str(), "until": until }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $edge = (SELECT VALUE id FROM member_of WHERE in = $person AND out = $org)[0];
                 IF $edge = NONE {{ THROW 'not-found' }};
                 IF ($edge.since ?? $until) > $until {{ THROW 'ends before it began' }};
                 UPDATE $edge SET until = $until;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("person", person_record(person)))
            .bind(("org", org_record(organisation)))
            .bind(("until", i64::from(until)));
        match self.audited(query, event).await {
            Err(WorkError::Store(e)) if e.to_string().contains("ends before it began") => Err(
                refused("until", Problem::EndsBeforeStart, &until.to_string()),
            ),
            other => other,
        }
    }

    pub(in crate::store) async fn delete_membership_record(
        &self,
        actor: &Actor,
        person: &PersonId,
        organisation: &OrgId,
    ) -> Result<(), WorkError> {
        let level = self
            .readable_membership(actor, person, organisation)
            .await?
            .ok_or(WorkError::NotFound)?;
        let event = AuditEvent::by(
            actor,
            "person.membership_delete",
            format!("person:{person}"),
        )
        .before(json!({ "organisation": organisation.as_str(), "visibility": level.as_str() }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 DELETE member_of WHERE in = $person AND out = $org;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;"
            ))
            .bind(("person", person_record(person)))
            .bind(("org", org_record(organisation)));
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
