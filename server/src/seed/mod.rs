//! Data loading: the curated demo dataset and the synthetic generator, both
//! producing a [`dataset::Dataset`] that [`dataset::write`] stores.

pub mod accounts;
pub mod advocacy;
pub mod dataset;
pub mod demo;
pub mod names;
pub mod synthetic;
pub mod trials;

use crate::db::{Db, DbError};
use surrealdb::types::SurrealValue;

/// Number of organisations in the database, whatever their visibility.
pub async fn organisation_count(db: &Db) -> Result<u64, DbError> {
    #[derive(SurrealValue)]
    struct Count {
        n: i64,
    }
    let rows: Vec<Count> = db
        .query("SELECT count() AS n FROM organisation GROUP ALL")
        .await?
        .take(0)?;
    Ok(rows.first().map(|c| c.n.max(0) as u64).unwrap_or(0))
}
