//! Relations between organisations kept by staff: a membership of a network
//! (`member_of`, one way) or a partnership (`partner_of`, either way round,
//! one per pair). Each write is audited on the organisation it was made
//! from, in its transaction; the database's events keep both ends' link
//! counts and lists.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::visibility;
use crate::store::visibility::{EDGE_READABLE, READABLE};
use crate::store::writes::{ended_by_now, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::WorkError;
use serde_json::json;
use shared::{NewTie, OrgId, Problem, TieKind, Visibility};
use surrealdb::types::RecordId;

fn org_record(id: &OrgId) -> RecordId {
    RecordId::new("organisation", id.as_str())
}

/// The table, and the field that holds the relation's role or context.
fn table(kind: TieKind) -> (&'static str, &'static str) {
    match kind {
        TieKind::MemberOf => ("member_of", "role"),
        TieKind::PartnerOf => ("partner_of", "context"),
    }
}

/// The pair condition: a membership goes one way, a partnership either.
fn pair(kind: TieKind) -> &'static str {
    match kind {
        TieKind::MemberOf => "(in = $from AND out = $to)",
        TieKind::PartnerOf => "((in = $from AND out = $to) OR (in = $to AND out = $from))",
    }
}

/// Inside a write's transaction: any relation of the pair the actor may not
/// read stops it, as if absent (checked again there, where no other write
/// can slip in between).
fn hidden_pair(kind: TieKind) -> String {
    let (table, _) = table(kind);
    format!(
        "IF array::len((SELECT VALUE id FROM {table} WHERE {pair} AND NOT {EDGE_READABLE})) > 0 {{
             THROW 'not-found';
         }};",
        pair = pair(kind)
    )
}

impl SurrealStore {
    /// The level of an organisation the actor may read; `None` when hidden
    /// or absent.
    async fn org_level(&self, actor: &Actor, id: &OrgId) -> Result<Option<Visibility>, WorkError> {
        let level: Option<String> = self
            .query_for(
                &actor.viewer,
                format!("SELECT VALUE visibility FROM ONLY $org WHERE {READABLE}"),
            )
            .bind(("org", org_record(id)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        Ok(level.as_deref().map(visibility))
    }

    /// Whether the pair has this relation at all, and the level of what the
    /// actor may read of it (`None`: nothing readable).
    async fn tie_state(
        &self,
        actor: &Actor,
        kind: TieKind,
        from: &OrgId,
        to: &OrgId,
    ) -> Result<(bool, Option<Visibility>), WorkError> {
        let (table, _) = table(kind);
        let sql = format!(
            "SELECT VALUE id FROM {table} WHERE {pair};
             SELECT VALUE visibility FROM {table} WHERE {pair} AND {EDGE_READABLE};",
            pair = pair(kind)
        );
        let mut response = self
            .query_for(&actor.viewer, sql)
            .bind(("from", org_record(from)))
            .bind(("to", org_record(to)))
            .await
            .map_err(|e| WorkError::Store(internal(e)))?;
        let all: Vec<RecordId> = response
            .take(0)
            .map_err(|e| WorkError::Store(internal(e)))?;
        let readable: Vec<String> = response
            .take(1)
            .map_err(|e| WorkError::Store(internal(e)))?;
        let level = readable.iter().map(|v| visibility(v)).max();
        Ok((!all.is_empty(), level))
    }

    /// Both organisations readable (the page's one: 404; the other one,
    /// named in a field: refused on it), and the relation, when it exists,
    /// readable too (404: a hidden relation is not the actor's to touch).
    async fn tie_ends(
        &self,
        actor: &Actor,
        kind: TieKind,
        from: &OrgId,
        to: &OrgId,
    ) -> Result<(Visibility, Visibility, Option<Visibility>), WorkError> {
        let from_level = self
            .org_level(actor, from)
            .await?
            .ok_or(WorkError::NotFound)?;
        if from == to {
            return Err(refused(
                "organisation",
                Problem::Malformed {
                    detail: "an organisation is not related to itself".into(),
                },
                to.as_str(),
            ));
        }
        let to_level = self
            .org_level(actor, to)
            .await?
            .ok_or_else(|| refused("organisation", Problem::Required, to.as_str()))?;
        let (exists, level) = self.tie_state(actor, kind, from, to).await?;
        if exists && level.is_none() {
            return Err(WorkError::NotFound);
        }
        Ok((from_level, to_level, level))
    }
}

#[async_trait::async_trait]
impl app::directory::store::Ties for SurrealStore {
    async fn set_tie(
        &self,
        actor: &Actor,
        organisation: &OrgId,
        tie: &NewTie,
    ) -> Result<(), WorkError> {
        let other = &tie.tie.organisation;
        let (from_level, to_level, _) = self.tie_ends(actor, tie.kind, organisation, other).await?;
        ended_by_now(tie.tie.until)?;
        let level = tie.tie.visibility.max(from_level).max(to_level);
        // A restricted organisation granted to the actor may be related: the
        // relation is restricted too, and the grant lets them read it back.
        let granted_end = [organisation, other].iter().any(|o| {
            let record = format!("organisation:{o}");
            actor.viewer.grants().contains(&record)
        });
        if !(granted_end && level == Visibility::Restricted) {
            within_clearance(actor, level)?;
        }
        let (table, role) = table(tie.kind);
        let event = AuditEvent::by(
            actor,
            "organisation.tie",
            format!("organisation:{organisation}"),
        )
        .after(json!({
            "kind": tie.kind.as_str(),
            "organisation": other.as_str(),
            "role": tie.tie.role,
            "since": tie.tie.since,
            "until": tie.tie.until,
            "source": tie.tie.source,
            "visibility": level.as_str(),
        }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     {hidden}
                     LET $edge = (SELECT VALUE id FROM {table} WHERE {pair})[0];
                     IF $edge = NONE {{
                         RELATE $from->{table}->$to SET {role} = $role, since = $since,
                             until = $until, source = $source, visibility = $level;
                     }} ELSE {{
                         UPDATE $edge SET {role} = $role, since = $since, until = $until,
                             source = $source, visibility = $level;
                     }};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    hidden = hidden_pair(tie.kind),
                    pair = pair(tie.kind)
                ),
            )
            .bind(("from", org_record(organisation)))
            .bind(("to", org_record(other)))
            .bind(("role", tie.tie.role.clone()))
            .bind(("since", tie.tie.since.map(i64::from)))
            .bind(("until", tie.tie.until.map(i64::from)))
            .bind(("source", tie.tie.source.clone()))
            .bind(("level", level.as_str()));
        self.audited(query, event).await
    }

    async fn end_tie(
        &self,
        actor: &Actor,
        organisation: &OrgId,
        kind: TieKind,
        other: &OrgId,
        until: i32,
    ) -> Result<(), WorkError> {
        let (_, _, level) = self.tie_ends(actor, kind, organisation, other).await?;
        ended_by_now(Some(until))?;
        let level = level.ok_or(WorkError::NotFound)?;
        let (table, _) = table(kind);
        let event = AuditEvent::by(
            actor,
            "organisation.tie_end",
            format!("organisation:{organisation}"),
        )
        .after(json!({
            "kind": kind.as_str(),
            "organisation": other.as_str(),
            "until": until,
            "visibility": level.as_str(),
        }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     {hidden}
                     LET $edge = (SELECT VALUE id FROM {table} WHERE {pair})[0];
                     IF $edge = NONE {{ THROW 'not-found' }};
                     IF ($edge.since ?? $until) > $until {{ THROW 'ends before it began' }};
                     UPDATE $edge SET until = $until;
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    hidden = hidden_pair(kind),
                    pair = pair(kind)
                ),
            )
            .bind(("from", org_record(organisation)))
            .bind(("to", org_record(other)))
            .bind(("until", i64::from(until)));
        match self.audited(query, event).await {
            Err(WorkError::Store(e)) if e.to_string().contains("ends before it began") => Err(
                refused("until", Problem::EndsBeforeStart, &until.to_string()),
            ),
            other => other,
        }
    }

    async fn delete_tie(
        &self,
        actor: &Actor,
        organisation: &OrgId,
        kind: TieKind,
        other: &OrgId,
    ) -> Result<(), WorkError> {
        let (_, _, level) = self.tie_ends(actor, kind, organisation, other).await?;
        let level = level.ok_or(WorkError::NotFound)?;
        let (table, _) = table(kind);
        let event = AuditEvent::by(
            actor,
            "organisation.tie_delete",
            format!("organisation:{organisation}"),
        )
        .before(json!({
            "kind": kind.as_str(),
            "organisation": other.as_str(),
            "visibility": level.as_str(),
        }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     {hidden}
                     DELETE {table} WHERE {pair};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    hidden = hidden_pair(kind),
                    pair = pair(kind)
                ),
            )
            .bind(("from", org_record(organisation)))
            .bind(("to", org_record(other)));
        self.audited(query, event).await
    }
}
