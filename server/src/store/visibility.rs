//! The confidentiality rule, written once.
//!
//! A record is readable when its `visibility` is a level the reader may read
//! (bound as `$vis`) or when the reader was granted it (`$granted`). A
//! relation is readable when its own level is readable or one of its ends
//! was granted (a grant opens that record's relations); a walk along it also
//! needs the far end readable. A hearing or a mission is readable with its
//! trial, and a grant on the trial opens them.
//!
//! Every query that reads as someone is made here ([`query_as`] and
//! [`SurrealStore::query_for`]), the only code that binds `$vis` and
//! `$granted`; its conditions are the macros (inside `concat!`) and constants
//! (inside `format!`) below. No other file of the store spells the rule out:
//! a test reads the sources to keep it so.

use crate::db::Db;
use crate::store::SurrealStore;
use shared::Viewer;
use surrealdb::types::RecordId;

/// A graph step's filter on relations that have not ended:
/// `->member_of[WHERE …]`.
macro_rules! current_filter {
    () => {
        concat!(
            "[WHERE until = NONE AND ",
            $crate::store::visibility::edge_readable!(),
            "]"
        )
    };
}

/// The relation being selected has not ended and is readable (its ends are
/// checked apart).
macro_rules! current_edge {
    () => {
        concat!(
            "(until = NONE AND ",
            $crate::store::visibility::edge_readable!(),
            ")"
        )
    };
}

/// The record being selected is readable.
macro_rules! readable {
    () => {
        "(visibility IN $vis OR id IN $granted)"
    };
    ($link:literal) => {
        concat!(
            "(",
            $link,
            ".visibility IN $vis OR ",
            $link,
            " IN $granted)"
        )
    };
}

/// The relation being selected is readable (its ends are checked apart).
macro_rules! edge_readable {
    () => {
        "(visibility IN $vis OR in IN $granted OR out IN $granted)"
    };
}

/// A relation of a mission (`observes` into it, `covers` and
/// `organised_by` out of it) is readable as the mission is: also when the
/// mission's trial is granted to the reader, which opens the mission
/// itself (`readable_or_trial_granted!`). `$mission` names the mission end.
macro_rules! mission_edge_readable {
    ($mission:literal) => {
        concat!(
            "(",
            $crate::store::visibility::edge_readable!(),
            " OR ",
            $mission,
            ".trial IN $granted)"
        )
    };
}

/// An end of the relation being selected is readable, by the copy of the
/// end's level the relation keeps (`in_visibility`, `out_visibility`).
macro_rules! readable_copy {
    ($end:literal) => {
        concat!("(", $end, "_visibility IN $vis OR ", $end, " IN $granted)")
    };
}

/// A graph step's filter on relations: `->based_in[WHERE …]`.
macro_rules! edge_filter {
    () => {
        concat!("[WHERE ", $crate::store::visibility::edge_readable!(), "]")
    };
}

/// A graph step's filter on records: `->country[WHERE …]`.
macro_rules! node_filter {
    () => {
        concat!("[WHERE ", $crate::store::visibility::readable!(), "]")
    };
}

/// A hearing or mission that is readable itself or whose trial was granted.
macro_rules! readable_or_trial_granted {
    () => {
        "(visibility IN $vis OR id IN $granted OR trial IN $granted)"
    };
}

/// A hearing or mission the reader may see: it, and its trial when it has one.
macro_rules! readable_under_trial {
    () => {
        concat!(
            "(",
            $crate::store::visibility::readable_or_trial_granted!(),
            " AND (trial = NONE OR ",
            $crate::store::visibility::readable!("trial"),
            "))"
        )
    };
}

pub(crate) use {
    current_edge, current_filter, edge_filter, edge_readable, mission_edge_readable, node_filter,
    readable, readable_copy, readable_or_trial_granted,
};

pub(crate) const READABLE: &str = readable!();
pub(crate) const EDGE_READABLE: &str = edge_readable!();
pub(crate) const EDGE_FILTER: &str = edge_filter!();
pub(crate) const CURRENT_EDGE: &str = current_edge!();
pub(crate) const CURRENT_FILTER: &str = current_filter!();
pub(crate) const READABLE_UNDER_TRIAL: &str = readable_under_trial!();
pub(crate) const READABLE_IN: &str = readable!("in");
pub(crate) const READABLE_OUT: &str = readable!("out");
pub(crate) const READABLE_EVENT: &str = readable!("event");
pub(crate) const READABLE_ORGANISATION: &str = readable!("organisation");
pub(crate) const READABLE_PERSON: &str = readable!("person");
pub(crate) const READABLE_ALERT: &str = readable!("alert");
pub(crate) const READABLE_KEPT: &str = readable!("kept");
pub(crate) const READABLE_COPY_IN: &str = readable_copy!("in");
pub(crate) const READABLE_COPY_OUT: &str = readable_copy!("out");
/// A relation into a mission (`observes`): readable also when its trial is granted.
pub(crate) const INTO_MISSION_READABLE: &str = mission_edge_readable!("out");
/// A relation out of a mission (`covers`, `organised_by`): the same.
pub(crate) const OUT_OF_MISSION_READABLE: &str = mission_edge_readable!("in");

/// The relations of `table` from `from` to `to` (SurrealQL expressions) that
/// the writer may read, as `table WHERE …`: all a write on the pair touches.
/// The others stay as they are, unseen; a new relation is written beside
/// them (migration 0023: one relation per pair and level).
pub(crate) fn readable_pair(table: &str, from: &str, to: &str) -> String {
    format!("{table} WHERE in = {from} AND out = {to} AND {EDGE_READABLE}")
}

/// The same for a relation that holds either way round (a partnership).
pub(crate) fn readable_pair_either_way(table: &str, one: &str, other: &str) -> String {
    format!(
        "{table} WHERE ((in = {one} AND out = {other}) OR (in = {other} AND out = {one})) \
         AND {EDGE_READABLE}"
    )
}

/// Of the readable relations `pair` (from [`readable_pair`]), the one a
/// write of level `$level` changes: the one at that level, else the most
/// closed one (a writer making a partnership staff-only changes the one
/// they see rather than adding a second); NONE when they read none.
pub(crate) fn edge_to_change(pair: &str) -> String {
    format!(
        "(SELECT id, visibility = $level AS same,
             array::find_index(['public', 'network', 'staff', 'restricted'], visibility) AS rank
           FROM {pair} ORDER BY same DESC, rank DESC LIMIT 1)[0].id"
    )
}

/// The visibility levels a viewer may read, bound as `$vis`.
fn vis(viewer: &Viewer) -> Vec<String> {
    viewer.readable().into_iter().map(str::to_owned).collect()
}

/// The restricted records a viewer was granted, bound as `$granted`. A grant
/// string that is not `table:key` names nothing and is skipped.
fn granted(viewer: &Viewer) -> Vec<RecordId> {
    viewer
        .grants()
        .iter()
        .filter_map(|g| g.split_once(':'))
        .map(|(table, key)| RecordId::new(table, key))
        .collect()
}

/// A query on `db` that reads as `viewer`: binds `$vis` and `$granted`.
/// For work on a task of its own, which cannot borrow the store.
pub(crate) fn query_as<'a>(
    db: &'a Db,
    viewer: &Viewer,
    sql: impl Into<String>,
) -> surrealdb::method::Query<'a, surrealdb::engine::any::Any> {
    db.query(sql.into())
        .bind(("vis", vis(viewer)))
        .bind(("granted", granted(viewer)))
}

impl SurrealStore {
    /// A query that reads as `viewer`: binds `$vis` and `$granted`.
    pub(crate) fn query_for(
        &self,
        viewer: &Viewer,
        sql: impl Into<String>,
    ) -> surrealdb::method::Query<'_, surrealdb::engine::any::Any> {
        query_as(self.db(), viewer, sql)
    }
}

/// The rule in Rust, for relations read as a list and filtered here rather
/// than in SurrealQL (the graph walk, where an interpreted condition per
/// link costs microseconds).
pub(crate) struct Clearance {
    levels: Vec<String>,
    granted: Vec<RecordId>,
}

impl Clearance {
    pub(crate) fn of(viewer: &Viewer) -> Self {
        Self {
            levels: vis(viewer),
            granted: granted(viewer),
        }
    }

    fn open(&self, level: &str) -> bool {
        self.levels.iter().any(|v| v == level)
    }

    /// `readable!()` for a record held in memory: its level is open to the
    /// reader, or the record was granted to them.
    pub(crate) fn may_read(&self, level: shared::Visibility, granted: bool) -> bool {
        granted || self.open(level.as_str())
    }

    /// `edge_readable!()` for a relation held in memory (its ends are
    /// checked apart): its level is open, or one of its ends was granted.
    pub(crate) fn may_cross(
        &self,
        level: shared::Visibility,
        in_granted: bool,
        out_granted: bool,
    ) -> bool {
        in_granted || out_granted || self.open(level.as_str())
    }

    /// The records granted to the reader.
    pub(crate) fn granted(&self) -> &[RecordId] {
        &self.granted
    }

    /// Whether a relation may be followed: it is readable (or one of its
    /// ends granted), and each end is readable or granted. `edge_readable!`
    /// with `readable_copy!` of both ends, as in SurrealQL.
    pub(crate) fn may_follow(
        &self,
        level: &str,
        from: (&RecordId, &str),
        to: (&RecordId, &str),
    ) -> bool {
        let from_granted = self.granted.contains(from.0);
        let to_granted = self.granted.contains(to.0);
        (self.open(level) || from_granted || to_granted)
            && (self.open(from.1) || from_granted)
            && (self.open(to.1) || to_granted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_reads_as_surrealql() {
        assert_eq!(READABLE, "(visibility IN $vis OR id IN $granted)");
        assert_eq!(
            readable!("trial"),
            "(trial.visibility IN $vis OR trial IN $granted)"
        );
        assert_eq!(
            readable_copy!("in"),
            "(in_visibility IN $vis OR in IN $granted)"
        );
        assert_eq!(
            EDGE_FILTER,
            "[WHERE (visibility IN $vis OR in IN $granted OR out IN $granted)]"
        );
        assert_eq!(
            READABLE_UNDER_TRIAL,
            "((visibility IN $vis OR id IN $granted OR trial IN $granted) AND (trial = NONE OR (trial.visibility IN $vis OR trial IN $granted)))"
        );
    }

    /// No other source file of the server writes the rule or binds its
    /// parameters: a condition written by hand could drift from this one.
    #[test]
    fn no_other_file_spells_the_rule_out() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("store/visibility.rs") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for needle in ["IN $vis", "IN $granted", "(\"vis\"", "(\"granted\""] {
                if text.contains(needle) {
                    offenders.push(format!("{}: {needle}", path.display()));
                }
            }
        }
        assert!(offenders.is_empty(), "{offenders:#?}");
    }

    #[test]
    fn a_granted_end_opens_its_relations() {
        let viewer = Viewer::anonymous();
        let mut clearance = Clearance::of(&viewer);
        let org = RecordId::new("organisation", "a");
        let person = RecordId::new("person", "b");
        assert!(clearance.may_follow("public", (&org, "public"), (&person, "public")));
        assert!(!clearance.may_follow("restricted", (&org, "public"), (&person, "public")));
        assert!(!clearance.may_follow("public", (&org, "public"), (&person, "restricted")));
        clearance.granted.push(person.clone());
        assert!(clearance.may_follow("restricted", (&org, "public"), (&person, "restricted")));
    }
}
