//! Data loading: the curated demo dataset and the synthetic generator, both
//! producing a [`dataset::Dataset`] that [`dataset::write`] stores.

pub mod accounts;
pub mod advocacy;
pub mod applications;
pub mod dataset;
pub mod demo;
pub mod names;
pub mod synthetic;
pub mod trials;

use crate::db::{Db, DbError};
use crate::store::rows::Count;

/// Number of organisations in the database, whatever their visibility.
pub async fn organisation_count(db: &Db) -> Result<u64, DbError> {
    count(db, "SELECT count() AS n FROM organisation GROUP ALL").await
}

/// Number of accounts in the database, disabled ones included.
pub async fn account_count(db: &Db) -> Result<u64, DbError> {
    count(db, "SELECT count() AS n FROM user GROUP ALL").await
}

async fn count(db: &Db, sql: &'static str) -> Result<u64, DbError> {
    let rows: Vec<Count> = db.query(sql).await?.take(0)?;
    Ok(Count::of(&rows))
}

/// Whether `serve --demo` loads the demo into this database: only into an
/// empty one. A database with organisations was loaded before (a restart);
/// one with accounts but no organisation is someone's real platform, where
/// the demo's public passwords must never appear.
pub async fn demo_wanted(db: &Db) -> Result<bool, String> {
    let organisations = organisation_count(db).await.map_err(|e| e.to_string())?;
    let accounts = account_count(db).await.map_err(|e| e.to_string())?;
    match (organisations, accounts) {
        (0, 0) => Ok(true),
        (0, n) => Err(format!(
            "--demo (SOS_DEMO) would add accounts with public passwords to a database that already \
             holds {n} account(s) and no organisation; refusing to start. Unset SOS_DEMO, or point \
             --db at an empty database for the demo"
        )),
        _ => Ok(false),
    }
}
