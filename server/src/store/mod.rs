//! [`SurrealStore`]: the implementation of every feature trait of `app` on SurrealDB.
//!
//! Confidentiality is applied inside every query, with the conditions and
//! the query builders of [`visibility`], the one module that writes the rule:
//! hidden records are absent from lists, counts, search results and
//! traversals alike.

pub mod accounts;
pub mod advocacy;
pub mod alerts;
pub mod appeals;
pub mod audit;
pub mod backups;
pub mod changes;
pub mod directory;
pub mod exchange;
pub mod graph;
pub mod membership;
mod merging;
pub mod notifications;
pub mod observation;
pub mod people;
pub(crate) mod rows;
pub(crate) mod visibility;
pub(crate) mod writes;

use crate::db::{reference, Db};
use crate::security::secret_key::SecretKey;
use app::error::StoreError;
use shared::{Country, Theme};
use std::collections::HashMap;

pub struct SurrealStore {
    db: Db,
    /// Countries and themes are public reference data that never changes
    /// while the server runs; keeping them here saves a join in every query.
    countries: HashMap<String, Country>,
    themes: HashMap<String, Theme>,
    /// Held while a sign-in attempt is checked against the throttle and
    /// recorded, so that parallel attempts see each other.
    sign_in_gate: tokio::sync::Mutex<()>,
    /// Seals the second-factor secrets in the database.
    secret_key: SecretKey,
    /// Set while a backup is downloaded (`backups::BackupTurn`).
    backup_turn: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Moves on with every write; what is kept in memory is checked against it.
    changes: std::sync::Arc<changes::Changes>,
    /// The directory's facets per reader (levels read and grants): the same
    /// for every search of a reader, and the costliest part of one at scale.
    facets_kept: changes::Kept<FacetsKey, shared::Facets>,
    /// Sessions that resolved, by token digest, with their expiry (Unix
    /// seconds): looked up on every signed-in request.
    sessions_kept: changes::Kept<String, (app::accounts::store::SessionInfo, i64)>,
    /// The directory held in memory for searches (`directory::index`).
    directory_index: std::sync::Arc<directory::KeptIndex>,
}

/// Who a set of facets was counted for: the levels they read and their grants.
pub(crate) type FacetsKey = (Vec<&'static str>, Vec<String>);

impl SurrealStore {
    /// A store whose second-factor secrets are sealed with a key made for
    /// this process: for in-memory databases and tests. A database that
    /// outlives the process needs [`SurrealStore::with_secret_key`].
    pub fn new(db: Db) -> Self {
        Self::with_secret_key(
            db,
            SecretKey::generate().expect("the operating system provides randomness"),
        )
    }

    pub fn with_secret_key(db: Db, secret_key: SecretKey) -> Self {
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
            sign_in_gate: tokio::sync::Mutex::new(()),
            secret_key,
            backup_turn: Default::default(),
            changes: Default::default(),
            facets_kept: changes::Kept::new(1_000),
            sessions_kept: changes::Kept::new(10_000),
            directory_index: Default::default(),
        }
    }

    /// What moves on with every write (see [`changes`]).
    pub fn changes(&self) -> &std::sync::Arc<changes::Changes> {
        &self.changes
    }

    /// Starts listening to the database's writes, which lets the store keep
    /// answers in memory (until then it keeps none).
    pub fn listen_for_changes(&self) -> tokio::task::JoinHandle<()> {
        let listener = changes::listen(self.db.clone(), self.changes.clone());
        // The directory's index is read as soon as it can be kept current.
        let (kept, db, changes) = (
            self.directory_index.clone(),
            self.db.clone(),
            self.changes.clone(),
        );
        tokio::spawn(async move {
            for _ in 0..600 {
                if changes.now().is_some() {
                    kept.refresh(&db, &changes);
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        });
        listener
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    fn country_by_key(&self, key: &str) -> Option<&Country> {
        self.countries.get(key)
    }

    /// The country a `country:<code>` record names, whatever the code's case.
    fn country_of_record(&self, record: &surrealdb::types::RecordId) -> Option<Country> {
        let code = shared::CountryCode::parse(&rows::record_key(record)).ok()?;
        self.country_by_key(&code.key()).cloned()
    }

    fn theme_by_key(&self, key: &str) -> Option<&Theme> {
        self.themes.get(key)
    }
}

/// A failure of the database or of the store's own code, never the reader's.
fn internal(err: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(err.to_string())
}
