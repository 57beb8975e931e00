//! Relations between organisations kept by staff: a membership of a network
//! (`member_of`, one way) or a partnership (`partner_of`, either way round).
//! One per pair and level: a write touches only the relations of the pair
//! its writer may read, so that none tells them a hidden one exists. Each write is audited on the organisation it was made
//! from, in its transaction; the database's events keep both ends' link
//! counts and lists.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::visibility;
use crate::store::visibility::{edge_to_change, readable_pair, readable_pair_either_way, READABLE};
use crate::store::writes::{end_outcome, end_relations, ended_by_now, refused, within_clearance};
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

/// The relations of the pair the actor may read: a membership goes one
/// way, a partnership either. Those they may not read are not theirs to
/// see or touch; a new one is written beside them.
fn readable(kind: TieKind) -> String {
    let (table, _) = table(kind);
    match kind {
        TieKind::MemberOf => readable_pair(table, "$from", "$to"),
        TieKind::PartnerOf => readable_pair_either_way(table, "$from", "$to"),
    }
}

/// Of those, the one at `$only` when it is given, else every one.
fn readable_at(kind: TieKind) -> String {
    format!(
        "{} AND ($only = NONE OR visibility = $only)",
        readable(kind)
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

    /// The levels of the relations of the pair the actor may read (at
    /// `only`, when given), most closed first.
    async fn tie_levels(
        &self,
        actor: &Actor,
        kind: TieKind,
        from: &OrgId,
        to: &OrgId,
        only: Option<Visibility>,
    ) -> Result<Vec<Visibility>, WorkError> {
        let readable: Vec<String> = self
            .query_for(
                &actor.viewer,
                format!("SELECT VALUE visibility FROM {}", readable_at(kind)),
            )
            .bind(("from", org_record(from)))
            .bind(("to", org_record(to)))
            .bind(("only", only.map(Visibility::as_str)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        let mut levels: Vec<Visibility> = readable.iter().map(|v| visibility(v)).collect();
        levels.sort_by(|a, b| b.cmp(a));
        Ok(levels)
    }

    /// Both organisations readable (the page's one: 404; the other one,
    /// named in a field: refused on it); answers their levels.
    async fn tie_ends(
        &self,
        actor: &Actor,
        from: &OrgId,
        to: &OrgId,
    ) -> Result<(Visibility, Visibility), WorkError> {
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
        Ok((from_level, to_level))
    }

    /// The relations of the pair an end or a delete acts on: those the
    /// actor reads (at `only`); none is 404, whatever they cannot read.
    async fn ties_touched(
        &self,
        actor: &Actor,
        kind: TieKind,
        from: &OrgId,
        to: &OrgId,
        only: Option<Visibility>,
    ) -> Result<Vec<Visibility>, WorkError> {
        self.tie_ends(actor, from, to).await?;
        let levels = self.tie_levels(actor, kind, from, to, only).await?;
        if levels.is_empty() {
            return Err(WorkError::NotFound);
        }
        Ok(levels)
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
        let (from_level, to_level) = self.tie_ends(actor, organisation, other).await?;
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
                     LET $edge = {edge};
                     IF $edge = NONE {{
                         RELATE $from->{table}->$to SET {role} = $role, since = $since,
                             until = $until, source = $source, visibility = $level;
                     }} ELSE {{
                         UPDATE $edge SET {role} = $role, since = $since, until = $until,
                             source = $source, visibility = $level;
                     }};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    edge = edge_to_change(&readable(tie.kind))
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
        only: Option<Visibility>,
    ) -> Result<(), WorkError> {
        let levels = self
            .ties_touched(actor, kind, organisation, other, only)
            .await?;
        ended_by_now(Some(until))?;
        let event = AuditEvent::by(
            actor,
            "organisation.tie_end",
            format!("organisation:{organisation}"),
        )
        .after(json!({
            "kind": kind.as_str(),
            "organisation": other.as_str(),
            "until": until,
            // The most closed of those touched: who may read the line.
            "visibility": levels[0].as_str(),
        }));
        let query = self
            .query_for(&actor.viewer, end_relations(&readable_at(kind)))
            .bind(("from", org_record(organisation)))
            .bind(("to", org_record(other)))
            .bind(("only", only.map(Visibility::as_str)))
            .bind(("until", i64::from(until)));
        end_outcome(self.audited(query, event).await, until)
    }

    async fn delete_tie(
        &self,
        actor: &Actor,
        organisation: &OrgId,
        kind: TieKind,
        other: &OrgId,
        only: Option<Visibility>,
    ) -> Result<(), WorkError> {
        let levels = self
            .ties_touched(actor, kind, organisation, other, only)
            .await?;
        let event = AuditEvent::by(
            actor,
            "organisation.tie_delete",
            format!("organisation:{organisation}"),
        )
        .before(json!({
            "kind": kind.as_str(),
            "organisation": other.as_str(),
            // The most closed of those touched: who may read the line.
            "visibility": levels[0].as_str(),
        }));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     IF (SELECT VALUE id FROM {pair}) = [] {{ THROW 'not-found' }};
                     DELETE {pair};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    pair = readable_at(kind)
                ),
            )
            .bind(("from", org_record(organisation)))
            .bind(("to", org_record(other)))
            .bind(("only", only.map(Visibility::as_str)));
        self.audited(query, event).await
    }
}
