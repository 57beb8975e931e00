//! Helpers shared by the integration tests: real SurrealDB databases in memory.

pub mod every_kind;
pub mod http;
pub mod smtp;

use app::accounts::store::Sessions;
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

/// A fresh in-memory database as a release without migration `name` (and
/// those after it) left it: tests write data there, then upgrade it.
pub async fn db_before_migration(name: &str) -> Db {
    use server::db::migrations;
    let db = db::connect(&DatabaseConfig::memory()).await.unwrap();
    let before = migrations::MIGRATIONS
        .iter()
        .position(|m| m.name == name)
        .unwrap_or_else(|| panic!("no migration {name}"));
    migrations::apply_these(&db, &migrations::MIGRATIONS[..before])
        .await
        .unwrap();
    db
}

/// A fresh in-memory database holding the demo dataset, loaded the way
/// `serve --demo` loads it.
pub async fn loaded_demo_store() -> SurrealStore {
    let db = empty_db().await;
    let store = SurrealStore::new(db);
    seed::accounts::load_demo(&store)
        .await
        .expect("demo data and accounts load");
    store
}

/// The demo database as SurrealDB exports it, made once per test binary.
static DEMO_EXPORT: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// The demo database exported as SurrealQL: what a backup of it holds.
pub async fn demo_export() -> &'static str {
    DEMO_EXPORT
        .get_or_init(|| async { export(loaded_demo_store().await.db()).await })
        .await
}

/// A database's export, as text.
pub async fn export(db: &Db) -> String {
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    db.export(file.path()).await.expect("the database exports");
    std::fs::read_to_string(file.path()).expect("the export is text")
}

/// A fresh in-memory database holding the demo dataset. Loading the demo
/// takes seconds (every relation updates both ends' link counts and lists);
/// restoring its export, which carries those counts and lists, a fraction
/// of that. `store_backup` checks that the two give the same database.
pub async fn demo_store() -> SurrealStore {
    let sql = demo_export().await;
    let db = db::connect(&DatabaseConfig::memory())
        .await
        .expect("in-memory database opens");
    db.query(sql)
        .await
        .and_then(|response| response.check())
        .expect("the demo export restores");
    SurrealStore::new(db)
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

/// A demo account signed in through the store, as the pages would see it.
pub async fn actor(store: &SurrealStore, role: shared::Role) -> app::accounts::Actor {
    let account = seed::accounts::DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == role)
        .expect("a demo account per role");
    let app::accounts::store::SignInOutcome::SignedIn { token, .. } = store
        .sign_in(account.email, account.password, "tests")
        .await
        .expect("the store answers")
    else {
        panic!("{} could not sign in", account.email);
    };
    let session = store
        .session(&token)
        .await
        .expect("the store answers")
        .expect("a fresh session is valid");
    app::accounts::Actor {
        viewer: session.viewer(),
        user: session.user,
        address: "tests".into(),
    }
}

/// Starts the store listening to the audit log (what lets it keep answers
/// in memory) and waits until it hears; keep the handle for the test.
pub async fn listening(store: &SurrealStore) -> tokio::task::JoinHandle<()> {
    let listener = store.listen_for_changes();
    for _ in 0..200 {
        if store.changes().now().is_some() {
            return listener;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the store never started listening to the audit log");
}
