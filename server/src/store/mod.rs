//! [`SurrealStore`]: the implementation of every feature trait of `app` on SurrealDB.
//!
//! Confidentiality is applied inside every query: a record or edge is read
//! only when its `visibility` is in `$vis`, the levels the viewer may read,
//! or when it is in `$granted`, the restricted records the viewer was granted
//! (an edge is also readable when one of its ends is granted); an edge also
//! needs both of its ends to be readable. Hidden records are
//! absent from lists, counts, search results and traversals alike.

pub mod accounts;
pub mod advocacy;
pub mod audit;
pub mod directory;
pub mod graph;
pub mod observation;
pub(crate) mod rows;

use crate::db::{reference, Db};
use app::error::StoreError;
use shared::{Country, Theme, Viewer};
use std::collections::HashMap;

pub struct SurrealStore {
    db: Db,
    /// Countries and themes are public reference data that never changes
    /// while the server runs; keeping them here saves a join in every query.
    countries: HashMap<String, Country>,
    themes: HashMap<String, Theme>,
}

impl SurrealStore {
    pub fn new(db: Db) -> Self {
        let countries = reference::countries()
            .iter()
            .map(|c| (c.alpha2.to_ascii_lowercase(), c.to_country()))
            .collect();
        let themes = reference::themes()
            .into_iter()
            .map(|t| (t.id.to_string(), t))
            .collect();
        Self {
            db,
            countries,
            themes,
        }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    fn country_by_key(&self, key: &str) -> Option<&Country> {
        self.countries.get(key)
    }

    fn theme_by_key(&self, key: &str) -> Option<&Theme> {
        self.themes.get(key)
    }
}

/// The visibility levels a viewer may read, bound as `$vis`.
fn vis(viewer: &Viewer) -> Vec<String> {
    viewer.readable().into_iter().map(str::to_owned).collect()
}

/// The restricted records a viewer was granted, bound as `$granted`. A grant
/// string that is not `table:key` names nothing and is skipped.
fn granted(viewer: &Viewer) -> Vec<surrealdb::types::RecordId> {
    viewer
        .grants()
        .iter()
        .filter_map(|g| g.split_once(':'))
        .map(|(table, key)| surrealdb::types::RecordId::new(table, key))
        .collect()
}

/// A query on `db` that reads as `viewer`: binds `$vis` and `$granted`.
/// For work on a task of its own, which cannot borrow the store.
fn query_as<'a>(
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
    fn query_for(
        &self,
        viewer: &Viewer,
        sql: impl Into<String>,
    ) -> surrealdb::method::Query<'_, surrealdb::engine::any::Any> {
        query_as(&self.db, viewer, sql)
    }
}

/// A failure of the database or of the store's own code, never the reader's.
fn internal(err: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(err.to_string())
}
