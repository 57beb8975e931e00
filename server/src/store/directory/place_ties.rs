//! Where an organisation or a person is, kept by staff: a seat (`based_in`,
//! a country) and where and on what they work (`works_on`, a country or a
//! theme), each with since and until years, a source and its own level.
//! One relation per pair and level, a write touching only those its writer
//! may read; a new current seat ends the seats the editor can read; ending keeps the relation as the past, deleting is for mistakes.
//! Each write is audited on the holder in its transaction; the database's
//! events keep both ends' link counts and lists.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::{record_key, visibility};
use crate::store::visibility::{
    edge_readable, edge_to_change, readable_copy, readable_pair, CURRENT_EDGE, EDGE_READABLE,
};
use crate::store::writes::{end_outcome, end_relations, ended_by_now, refused, within_clearance};
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use chrono::Datelike;
use serde_json::json;
use shared::{
    NewPlaceTie, Place, PlaceHolder, PlaceKey, PlaceKind, PlaceTie, Problem, Viewer, Visibility,
};
use surrealdb::types::{RecordId, SurrealValue};

fn table(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::BasedIn => "based_in",
        PlaceKind::WorksOn => "works_on",
    }
}

fn holder_record(holder: &PlaceHolder) -> RecordId {
    RecordId::new(holder.table(), holder.key())
}

fn place_record(place: &PlaceKey) -> RecordId {
    let (table, key) = place.record();
    RecordId::new(table, key.as_str())
}

/// The audit action of each write, per holder.
fn action(holder: &PlaceHolder, write: &str) -> &'static str {
    match (holder, write) {
        (PlaceHolder::Organisation(_), "set") => "organisation.place",
        (PlaceHolder::Organisation(_), "end") => "organisation.place_end",
        (PlaceHolder::Organisation(_), _) => "organisation.place_delete",
        (PlaceHolder::Person(_), "set") => "person.place",
        (PlaceHolder::Person(_), "end") => "person.place_end",
        (PlaceHolder::Person(_), _) => "person.place_delete",
    }
}

/// The relations of `$holder` to `$place` in `table` the actor may read (at
/// `$only`, when it is given): all a write touches. Those they may not read
/// are not theirs to see or change; a new one is written beside them.
fn readable_at(table: &str) -> String {
    format!(
        "{} AND ($only = NONE OR visibility = $only)",
        readable_pair(table, "$holder", "$place")
    )
}

#[derive(SurrealValue)]
struct PlaceRow {
    kind: String,
    out: RecordId,
    since: Option<i64>,
    until: Option<i64>,
    source: Option<String>,
    visibility: String,
}

const PLACE_TIES: &str = concat!(
    "SELECT 'based-in' AS kind, out, since, until, source, visibility FROM based_in
        WHERE in = $holder AND ",
    edge_readable!(),
    " AND ",
    readable_copy!("in"),
    " AND ",
    readable_copy!("out"),
    ";
     SELECT 'works-on' AS kind, out, since, until, source, visibility FROM works_on
        WHERE in = $holder AND ",
    edge_readable!(),
    " AND ",
    readable_copy!("in"),
    " AND ",
    readable_copy!("out"),
    ";"
);

impl SurrealStore {
    /// The place relations of a record, current and past, as `viewer` may
    /// read them: current first, then the most recently ended; the seat
    /// before work, by name within each.
    pub(in crate::store) async fn place_ties(
        &self,
        viewer: &Viewer,
        holder: &PlaceHolder,
    ) -> Result<Vec<PlaceTie>, StoreError> {
        let mut response = self
            .query_for(viewer, PLACE_TIES)
            .bind(("holder", holder_record(holder)))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        let mut rows: Vec<PlaceRow> = response.take(0).map_err(internal)?;
        rows.extend(response.take::<Vec<PlaceRow>>(1).map_err(internal)?);
        let mut ties: Vec<PlaceTie> = rows
            .into_iter()
            .filter_map(|r| {
                let key = record_key(&r.out);
                let place = match r.out.table.as_str() {
                    "country" => Place::Country(self.country_by_key(&key)?.clone()),
                    "theme" => Place::Theme(self.theme_by_key(&key)?.clone()),
                    _ => return None,
                };
                Some(PlaceTie {
                    kind: PlaceKind::parse(&r.kind).ok()?,
                    place,
                    since: r.since.and_then(|y| i32::try_from(y).ok()),
                    until: r.until.and_then(|y| i32::try_from(y).ok()),
                    source: r.source,
                    visibility: visibility(&r.visibility),
                })
            })
            .collect();
        let name = |p: &Place| match p {
            Place::Country(c) => c.name.clone(),
            Place::Theme(t) => t.name.clone(),
        };
        ties.sort_by_key(|t| {
            (
                t.until.is_some(),
                std::cmp::Reverse(t.until),
                t.kind,
                name(&t.place),
            )
        });
        Ok(ties)
    }

    /// The holder and the place both readable (the holder's page: 404; the
    /// place, named in a field: refused on it); answers their levels.
    async fn place_ends(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        place: &PlaceKey,
    ) -> Result<(Visibility, Visibility), WorkError> {
        let holder_level = self
            .level_for(actor, holder_record(holder))
            .await?
            .ok_or(WorkError::NotFound)?;
        let place_level = self
            .level_for(actor, place_record(place))
            .await?
            .ok_or_else(|| refused("place", Problem::Required, &place.form_value()))?;
        Ok((holder_level, place_level))
    }

    /// The relations of the pair the actor may read (at `only`), as they
    /// stand, most closed first (for the audit line's "before").
    async fn readable_places(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        kind: PlaceKind,
        place: &PlaceKey,
        only: Option<Visibility>,
    ) -> Result<Vec<Existing>, WorkError> {
        let mut found: Vec<Existing> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT since, until, source, visibility FROM {}",
                    readable_at(table(kind))
                ),
            )
            .bind(("holder", holder_record(holder)))
            .bind(("place", place_record(place)))
            .bind(("only", only.map(Visibility::as_str)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        found.sort_by_key(|e| std::cmp::Reverse(visibility(&e.visibility)));
        Ok(found)
    }

    /// What an end or a delete acts on: the holder and the place readable,
    /// and some relation of the pair the actor reads (none: 404).
    async fn places_touched(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        kind: PlaceKind,
        place: &PlaceKey,
        only: Option<Visibility>,
    ) -> Result<Vec<Existing>, WorkError> {
        self.place_ends(actor, holder, place).await?;
        let found = self
            .readable_places(actor, holder, kind, place, only)
            .await?;
        if found.is_empty() {
            return Err(WorkError::NotFound);
        }
        Ok(found)
    }

    /// The current seats of the holder, other than `place`, that a new
    /// current seat ends: those the actor can read, named for the audit line.
    async fn seats_ended_by(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        place: &PlaceKey,
    ) -> Result<Vec<String>, WorkError> {
        let seats: Vec<RecordId> = self
            .query_for(
                &actor.viewer,
                format!(
                    "SELECT VALUE out FROM based_in
                     WHERE in = $holder AND out != $place AND {CURRENT_EDGE}"
                ),
            )
            .bind(("holder", holder_record(holder)))
            .bind(("place", place_record(place)))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        Ok(seats
            .iter()
            .map(|c| format!("country:{}", record_key(c).to_ascii_uppercase()))
            .collect())
    }
}

/// A relation as it stood before a write.
#[derive(SurrealValue)]
struct Existing {
    since: Option<i64>,
    until: Option<i64>,
    source: Option<String>,
    visibility: String,
}

impl Existing {
    /// Several relations of a pair (most closed first), as one "before":
    /// the first one's fields and level, the others beside it.
    fn all_json(found: &[Existing], kind: PlaceKind, place: &PlaceKey) -> serde_json::Value {
        let mut before = found[0].json(kind, place);
        if found.len() > 1 {
            before["others"] = found[1..].iter().map(|e| e.json(kind, place)).collect();
        }
        before
    }

    fn json(&self, kind: PlaceKind, place: &PlaceKey) -> serde_json::Value {
        json!({
            "kind": kind.as_str(),
            "place": place.form_value(),
            "since": self.since,
            "until": self.until,
            "source": self.source,
            "visibility": self.visibility,
        })
    }
}

#[async_trait::async_trait]
impl app::directory::store::PlaceTies for SurrealStore {
    async fn set_place_tie(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        tie: &NewPlaceTie,
    ) -> Result<(), WorkError> {
        let (holder_level, place_level) = self.place_ends(actor, holder, &tie.place).await?;
        ended_by_now(tie.until)?;
        let level = tie.visibility.max(holder_level).max(place_level);
        // The one the write changes, as `edge_to_change` picks it.
        let mut found = self
            .readable_places(actor, holder, tie.kind, &tie.place, None)
            .await?;
        let before = match found
            .iter()
            .position(|e| visibility(&e.visibility) == level)
        {
            Some(i) => Some(found.swap_remove(i)),
            None => found.into_iter().next(),
        };
        // A restricted record granted to the actor may be placed: the
        // relation is restricted too, and the grant lets them read it back.
        let granted =
            actor
                .viewer
                .grants()
                .contains(&format!("{}:{}", holder.table(), holder.key()));
        if !(granted && level == Visibility::Restricted) {
            within_clearance(actor, level)?;
        }
        let table = table(tie.kind);
        // A new current seat ends the current seats the editor can read, in
        // the year the new one began (this year when it names none).
        let moves = tie.kind == PlaceKind::BasedIn && tie.until.is_none();
        let this_year = chrono::Utc::now().year();
        // Never in the future: a seat announced for next year does not end
        // today's before its time.
        let moved = tie.since.unwrap_or(this_year).min(this_year);
        let ended_seats = if moves {
            self.seats_ended_by(actor, holder, &tie.place).await?
        } else {
            Vec::new()
        };
        let move_sql = if moves {
            format!(
                "FOR $old IN (SELECT id, since FROM based_in
                     WHERE in = $holder AND out != $place AND until = NONE AND {EDGE_READABLE}) {{
                     UPDATE $old.id SET until = math::max([$moved, $old.since ?? $moved]);
                 }};"
            )
        } else {
            String::new()
        };
        let mut event = AuditEvent::by(
            actor,
            action(holder, "set"),
            format!("{}:{}", holder.table(), holder.key()),
        )
        .after(json!({
            "kind": tie.kind.as_str(),
            "place": tie.place.form_value(),
            "since": tie.since,
            "until": tie.until,
            "source": tie.source,
            "visibility": level.as_str(),
            "ended_seats": ended_seats,
            "ended_in": (!ended_seats.is_empty()).then_some(moved),
        }));
        if let Some(before) = &before {
            event = event.before(before.json(tie.kind, &tie.place));
        }
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     {move_sql}
                     LET $edge = {edge};
                     IF $edge = NONE {{
                         RELATE $holder->{table}->$place SET since = $since, until = $until,
                             source = $source, visibility = $level;
                     }} ELSE {{
                         UPDATE $edge SET since = $since, until = $until, source = $source,
                             visibility = $level;
                     }};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    edge = edge_to_change(&readable_pair(table, "$holder", "$place"))
                ),
            )
            .bind(("holder", holder_record(holder)))
            .bind(("place", place_record(&tie.place)))
            .bind(("since", tie.since.map(i64::from)))
            .bind(("until", tie.until.map(i64::from)))
            .bind(("source", tie.source.clone()))
            .bind(("moved", i64::from(moved)))
            .bind(("level", level.as_str()));
        self.audited(query, event).await
    }

    async fn end_place_tie(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        kind: PlaceKind,
        place: &PlaceKey,
        until: i32,
        only: Option<Visibility>,
    ) -> Result<(), WorkError> {
        let before = self
            .places_touched(actor, holder, kind, place, only)
            .await?;
        ended_by_now(Some(until))?;
        let table = table(kind);
        let event = AuditEvent::by(
            actor,
            action(holder, "end"),
            format!("{}:{}", holder.table(), holder.key()),
        )
        .before(Existing::all_json(&before, kind, place))
        .after(json!({
            "kind": kind.as_str(),
            "place": place.form_value(),
            "until": until,
            "visibility": before[0].visibility,
        }));
        let query = self
            .query_for(&actor.viewer, end_relations(&readable_at(table)))
            .bind(("holder", holder_record(holder)))
            .bind(("place", place_record(place)))
            .bind(("only", only.map(Visibility::as_str)))
            .bind(("until", i64::from(until)));
        end_outcome(self.audited(query, event).await, until)
    }

    async fn delete_place_tie(
        &self,
        actor: &Actor,
        holder: &PlaceHolder,
        kind: PlaceKind,
        place: &PlaceKey,
        only: Option<Visibility>,
    ) -> Result<(), WorkError> {
        let before = self
            .places_touched(actor, holder, kind, place, only)
            .await?;
        let table = table(kind);
        let event = AuditEvent::by(
            actor,
            action(holder, "delete"),
            format!("{}:{}", holder.table(), holder.key()),
        )
        .before(Existing::all_json(&before, kind, place));
        let query = self
            .query_for(
                &actor.viewer,
                format!(
                    "BEGIN TRANSACTION;
                     IF (SELECT VALUE id FROM {pair}) = [] {{ THROW 'not-found' }};
                     DELETE {pair};
                     {AUDIT_INSERT};
                     COMMIT TRANSACTION;",
                    pair = readable_at(table)
                ),
            )
            .bind(("holder", holder_record(holder)))
            .bind(("place", place_record(place)))
            .bind(("only", only.map(Visibility::as_str)));
        self.audited(query, event).await
    }
}
