//! Helpers shared by the integration tests: real SurrealDB databases in memory.

#![allow(dead_code)]

pub mod http;

use server::config::DatabaseConfig;
use server::db::{self, Db};
use server::seed;
use server::store::SurrealStore;
use shared::{Viewer, Visibility};
use std::sync::OnceLock;

/// A fresh, migrated, empty in-memory database.
pub async fn empty_db() -> Db {
    db::open(&DatabaseConfig::memory())
        .await
        .expect("in-memory database opens")
}

/// A fresh in-memory database holding the demo dataset.
pub async fn demo_store() -> SurrealStore {
    let db = empty_db().await;
    let store = SurrealStore::new(db);
    seed::accounts::load_demo(&store)
        .await
        .expect("demo data and accounts load");
    store
}

/// The demo dataset, built once per test binary.
pub fn demo_data() -> &'static seed::dataset::Dataset {
    static DATA: OnceLock<seed::dataset::Dataset> = OnceLock::new();
    DATA.get_or_init(seed::demo::dataset)
}

pub fn anonymous() -> Viewer {
    Viewer::anonymous()
}

pub fn member() -> Viewer {
    Viewer::with_clearance(Visibility::Network)
}

pub fn staff() -> Viewer {
    Viewer::with_clearance(Visibility::Staff)
}

pub fn admin() -> Viewer {
    Viewer::with_clearance(Visibility::Restricted)
}
