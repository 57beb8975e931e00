//! The SurrealDB connection and its schema.

pub mod backup;
pub mod backup_schedule;
pub mod migrations;
pub mod reference;

use crate::config::DatabaseConfig;
use surrealdb::engine::any::Any;
use surrealdb::Surreal;

pub type Db = Surreal<Any>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database at {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: surrealdb::Error,
    },
    #[error("database query failed: {0}")]
    Query(#[from] surrealdb::Error),
    #[error("migration {name} failed: {message}")]
    Migration { name: String, message: String },
    #[error("no randomness for a new record's key: {0}")]
    Randomness(String),
    #[error("a write failed: {0}")]
    Write(String),
}

/// Opens the database and selects the namespace and database, creating them
/// when they do not exist yet.
pub async fn connect(config: &DatabaseConfig) -> Result<Db, DbError> {
    let connect_err = |source| DbError::Connect {
        url: config.url.clone(),
        source,
    };
    let db = surrealdb::engine::any::connect(config.url.as_str())
        .await
        .map_err(connect_err)?;
    if let (Some(username), Some(password)) = (&config.username, &config.password) {
        db.signin(surrealdb::opt::auth::Root {
            username: username.clone(),
            password: password.clone(),
        })
        .await
        .map_err(connect_err)?;
    }
    db.query("DEFINE NAMESPACE IF NOT EXISTS type::string($ns)")
        .bind(("ns", config.namespace.clone()))
        .await
        .map_err(connect_err)?;
    db.use_ns(config.namespace.as_str())
        .await
        .map_err(connect_err)?;
    db.query("DEFINE DATABASE IF NOT EXISTS type::string($db)")
        .bind(("db", config.database.clone()))
        .await
        .map_err(connect_err)?;
    db.use_db(config.database.as_str())
        .await
        .map_err(connect_err)?;
    Ok(db)
}

/// Opens the database, brings its schema up to date and makes sure the
/// reference data (countries, themes) is present.
pub async fn open(config: &DatabaseConfig) -> Result<Db, DbError> {
    let db = connect(config).await?;
    migrations::apply(&db).await?;
    reference::ensure(&db).await?;
    Ok(db)
}
