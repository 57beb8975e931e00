//! Merging two records found to be one (organisations, people): in one
//! transaction the kept record takes every relation of the gone one (a
//! relation it already has at the same level stays as it is; one between
//! the two is dropped), the accounts, invitations and grants that named the
//! gone record follow or end, the gone record is deleted, and its address
//! is remembered so that it leads to the kept one and is never given to a
//! new record. The database's events keep both ends' link counts and lists.
//! The audit line keeps the gone record's fields: its history is not lost.

use crate::store::audit::{AuditEvent, AUDIT_INSERT};
use crate::store::rows::visibility;
use crate::store::visibility::{READABLE, READABLE_KEPT};
use crate::store::writes::refused;
use crate::store::{internal, SurrealStore};
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use serde_json::json;
use shared::graph::EDGE_TABLES;
use shared::{Problem, Viewer, Visibility};
use surrealdb::types::RecordId;

/// What merging one kind of record touches beyond its relations.
pub(in crate::store) struct MergeOf {
    pub table: &'static str,
    /// The audit action of a merge (`organisation.merge`).
    pub action: &'static str,
    /// `table.field` holding a link to the record (`user.organisation`).
    pub links: &'static [(&'static str, &'static str)],
    /// Whether the kept record keeps the gone one's names as other names.
    pub other_names: bool,
    /// What else the kept record takes from the gone one (`$kept`, `$gone`).
    pub also: &'static str,
}

pub(in crate::store) const ORGANISATIONS: MergeOf = MergeOf {
    table: "organisation",
    action: "organisation.merge",
    links: &[
        ("user", "organisation"),
        ("invite", "organisation"),
        ("support_grant", "organisation"),
    ],
    other_names: true,
    also: "",
};

pub(in crate::store) const PEOPLE: MergeOf = MergeOf {
    table: "person",
    action: "person.merge",
    links: &[("user", "person")],
    other_names: false,
    // The stricter risk of the two, every role and language, a nationality
    // when the kept record has none; a new version, so that an edit or an
    // import read before the merge cannot write over it.
    also: "LET $risks = ['low', 'medium', 'high', 'critical'];
        UPDATE $kept SET
            risk_level = IF array::find_index($risks, $gone.risk_level) > array::find_index($risks, risk_level)
                THEN $gone.risk_level ELSE risk_level END,
            roles = array::distinct(array::concat(roles, $gone.roles)),
            languages = array::slice(array::distinct(array::concat(languages, $gone.languages)), 0, 12),
            nationality = nationality ?? $gone.nationality,
            version = (version ?? 0) + 1;",
};

/// Moves the relations of `$gone` at one end of one table to `$kept`.
fn move_relations(table: &str, end: &str, other: &str) -> String {
    // One relation per pair and level (migration 0023); a partnership holds
    // either way round, the others go one way.
    let exists = if table == "partner_of" {
        format!(
            "(SELECT VALUE id FROM {table}
                WHERE ((in = $kept AND out = $e.{other}) OR (out = $kept AND in = $e.{other}))
                    AND visibility = $e.visibility)"
        )
    } else {
        format!(
            "(SELECT VALUE id FROM {table}
                WHERE {end} = $kept AND {other} = $e.{other} AND visibility = $e.visibility)"
        )
    };
    let (from, to) = if end == "in" {
        ("$kept", "$far")
    } else {
        ("$far", "$kept")
    };
    format!(
        "FOR $e IN (SELECT * FROM {table} WHERE {end} = $gone) {{
             IF $e.{other} != $kept AND array::len({exists}) = 0 {{
                 LET $content = object::from_entries(object::entries($e).filter(|$kv|
                     $kv[0] NOT IN ['id', 'in', 'out', 'in_visibility', 'out_visibility']));
                 LET $far = $e.{other};
                 RELATE {from}->{table}->{to} CONTENT $content;
             }};
             DELETE $e.id;
         }};"
    )
}

impl SurrealStore {
    /// The level of a record the actor may read; `None` when hidden or absent.
    async fn merge_level(
        &self,
        viewer: &Viewer,
        record: &RecordId,
    ) -> Result<Option<Visibility>, WorkError> {
        let level: Option<String> = self
            .query_for(
                viewer,
                format!("SELECT VALUE visibility FROM ONLY $record WHERE {READABLE}"),
            )
            .bind(("record", record.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        Ok(level.as_deref().map(visibility))
    }

    /// Merges `gone` into `kept` (keys of `of.table`). Both must be readable
    /// (the kept one: 404; the gone one, named in a field: refused on it),
    /// and the kept one at least as closed as the gone one: its names and
    /// relations never become more open by the merge.
    pub(in crate::store) async fn merge_records(
        &self,
        actor: &Actor,
        of: &MergeOf,
        kept: &str,
        gone: &str,
    ) -> Result<(), WorkError> {
        let kept_record = RecordId::new(of.table, kept);
        let gone_record = RecordId::new(of.table, gone);
        let kept_level = self
            .merge_level(&actor.viewer, &kept_record)
            .await?
            .ok_or(WorkError::NotFound)?;
        if kept == gone {
            return Err(refused(
                "gone",
                Problem::Malformed {
                    detail: "a record is not merged into itself".into(),
                },
                gone,
            ));
        }
        let gone_level = self
            .merge_level(&actor.viewer, &gone_record)
            .await?
            .ok_or_else(|| refused("gone", Problem::Required, gone))?;
        if gone_level > kept_level {
            return Err(refused("gone", Problem::MergeOpens, gone));
        }
        use surrealdb::types::SurrealValue;
        #[derive(Debug, SurrealValue)]
        struct Gone {
            name: String,
            description: Option<String>,
        }
        let before: Option<Gone> = self
            .db
            .query("SELECT name, description FROM ONLY $gone")
            .bind(("gone", gone_record.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))?;
        let before = before.map(|g| {
            json!({ "name": g.name, "description": g.description, "visibility": gone_level.as_str() })
        });
        let mut moves = String::new();
        for table in EDGE_TABLES {
            moves.push_str(&move_relations(table, "in", "out"));
            moves.push_str(&move_relations(table, "out", "in"));
        }
        for (table, field) in of.links {
            moves.push_str(&format!(
                "UPDATE {table} SET {field} = $kept WHERE {field} = $gone;"
            ));
        }
        // A new version too: an edit or an import read before the merge
        // must not write the names back without the merged one.
        let names = if of.other_names {
            "UPDATE $kept SET other_names = array::slice(array::distinct(
                 array::concat(other_names ?? [], [$gone.name], $gone.other_names ?? [])
                     .filter(|$n| $n != $kept.name)), 0, 10), version = (version ?? 0) + 1;"
        } else {
            ""
        };
        let event = AuditEvent::by(actor, of.action, format!("{}:{kept}", of.table))
            .before(json!({ "merged": format!("{}:{gone}", of.table), "record": before }))
            .after(json!({ "merged_into": format!("{}:{kept}", of.table) }));
        let query = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 {names}
                 {also}
                 {moves}
                 DELETE access_grant WHERE target = $gone;
                 UPDATE merged SET kept = $kept WHERE kept = $gone;
                 CREATE merged CONTENT {{ gone: $gone_key, kept: $kept, visibility: $level }};
                 DELETE $gone;
                 {AUDIT_INSERT};
                 COMMIT TRANSACTION;",
                also = of.also,
            ))
            .bind(("kept", kept_record))
            .bind(("gone", gone_record))
            .bind(("gone_key", format!("{}:{gone}", of.table)))
            .bind(("level", gone_level.as_str()));
        self.audited(query, event).await
    }

    /// Where a merged record's address leads now, for a reader who could
    /// read the gone record and can read the kept one.
    pub(in crate::store) async fn merged_into(
        &self,
        viewer: &Viewer,
        table: &str,
        key: &str,
    ) -> Result<Option<String>, StoreError> {
        let kept: Option<String> = self
            .query_for(
                viewer,
                format!(
                    "SELECT VALUE record::id(kept) FROM ONLY merged
                     WHERE gone = $gone AND {READABLE} AND {READABLE_KEPT}
                     LIMIT 1"
                ),
            )
            .bind(("gone", format!("{table}:{key}")))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(kept)
    }
}
