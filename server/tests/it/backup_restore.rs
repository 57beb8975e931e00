//! Backups in the store and over HTTP: a backup restored into an empty
//! database gives the same content, table by table; a database holding
//! anything is refused; a file that is not a whole backup leaves nothing;
//! only admins download one, and each download is audited.

use crate::support;
use crate::support::http::{app_with_readers, send, Reader};
use app::accounts::store::{AuditLog as _, Sessions as _};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use server::config::DatabaseConfig;
use server::db::backup::{self, BackupError};
use server::db::{self, Db};
use shared::Role;
use std::collections::BTreeMap;

/// Every table's records, in order, as JSON: the content to compare.
async fn content(db: &Db) -> BTreeMap<String, Vec<serde_json::Value>> {
    let mut all = BTreeMap::new();
    for table in backup::counts(db).await.unwrap().into_keys() {
        let rows: Vec<serde_json::Value> = db
            .query("SELECT * FROM type::table($table) ORDER BY id")
            .bind(("table", table.clone()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        all.insert(table, rows);
    }
    all
}

async fn empty_database() -> Db {
    db::connect(&DatabaseConfig::memory()).await.unwrap()
}

#[tokio::test]
async fn a_backup_restored_into_an_empty_database_holds_the_same_content() {
    let store = support::demo_store().await;
    // Records of every kind: the demo's, and those it leaves out.
    support::every_kind::fill_tables_the_demo_leaves_empty(&store).await;
    let filled = backup::counts(store.db()).await.unwrap();
    for table in support::every_kind::TABLES_THE_DEMO_LEAVES_EMPTY {
        assert!(filled[table] > 0, "{table} is still empty");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("network.surql");
    let bytes = backup::write(store.db(), &file).await.unwrap();
    assert_eq!(bytes, std::fs::metadata(&file).unwrap().len());

    let restored = empty_database().await;
    let counts = backup::restore(&restored, &DatabaseConfig::memory().database, &file)
        .await
        .unwrap();
    let before = content(store.db()).await;
    let after = content(&restored).await;
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, rows) in &before {
        if ["session", "password_reset"].contains(&table.as_str()) {
            // Forgotten on purpose: everyone signs in again, and a reset
            // link sent before the restore no longer opens anything.
            assert!(after[table].is_empty(), "{table} is forgotten");
            continue;
        }
        assert_eq!(rows, &after[table], "table {table} differs once restored");
    }
    let empty: Vec<&String> = counts
        .iter()
        .filter(|(t, n)| **n == 0 && !["session", "password_reset"].contains(&t.as_str()))
        .map(|(t, _)| t)
        .collect();
    assert!(empty.is_empty(), "tables left empty: {empty:?}");
    assert!(counts["organisation"] > 0 && counts["audit"] > 0 && counts["user"] > 0);
    // Every migration check passes on it, and the platform reads it.
    db::migrations::apply(&restored).await.unwrap();
    let store = server::store::SurrealStore::new(restored);
    let admin = &server::seed::accounts::DEMO_ACCOUNTS[0];
    assert!(matches!(
        store.sign_in(admin.email, admin.password, "tests").await,
        Ok(app::accounts::store::SignInOutcome::SignedIn { .. })
    ));
}

#[tokio::test]
async fn a_database_holding_anything_is_refused_and_left_as_it_was() {
    let store = support::demo_store().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("network.surql");
    backup::write(store.db(), &file).await.unwrap();
    let before = backup::counts(store.db()).await.unwrap();
    match backup::restore(store.db(), &DatabaseConfig::memory().database, &file).await {
        Err(BackupError::NotEmpty { tables }) => assert!(tables > 10),
        other => panic!("{other:?}"),
    }
    assert_eq!(backup::counts(store.db()).await.unwrap(), before);
}

#[tokio::test]
async fn a_file_that_is_not_a_whole_backup_leaves_the_database_empty() {
    let store = support::demo_store().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("network.surql");
    backup::write(store.db(), &file).await.unwrap();
    let text = std::fs::read_to_string(&file).unwrap();

    let not_backups = [
        ("empty", String::new()),
        ("other", "SELECT * FROM organisation;\n".to_owned()),
        (
            "no migrations",
            "OPTION IMPORT;\nDEFINE TABLE organisation SCHEMALESS;\n".to_owned(),
        ),
    ];
    for (name, body) in not_backups {
        let path = dir.path().join(format!("{name}.surql"));
        std::fs::write(&path, body).unwrap();
        let db = empty_database().await;
        match backup::restore(&db, &DatabaseConfig::memory().database, &path).await {
            Err(BackupError::NotABackup { .. }) => {}
            other => panic!("{name}: {other:?}"),
        }
        assert!(backup::counts(&db).await.unwrap().is_empty(), "{name}");
    }

    // Cut in the middle of a statement, as by a full disk or a broken
    // download: refused, nothing written.
    let cut = dir.path().join("cut.surql");
    let at = text.rfind("INSERT").expect("records are inserted") + 20;
    std::fs::write(&cut, &text[..at]).unwrap();
    let db = empty_database().await;
    let database = DatabaseConfig::memory().database;
    match backup::restore(&db, &database, &cut).await {
        Err(BackupError::NotABackup { why, .. }) => assert!(why.contains("cut short"), "{why}"),
        other => panic!("a cut backup: {other:?}"),
    }
    assert!(backup::counts(&db).await.unwrap().is_empty());

    // Whole in form but failing half-way: undone, and the same database
    // then takes the real file.
    let broken = dir.path().join("broken.surql");
    let body = text
        .strip_suffix(backup::TRAILER)
        .expect("a whole backup ends with its trailer");
    let half = body.len() / 2;
    let half = body[half..].find("\nINSERT").map_or(half, |i| half + i + 1);
    std::fs::write(
        &broken,
        format!(
            "{}THROW 'a broken backup';\n{}{}",
            &body[..half],
            &body[half..],
            backup::TRAILER
        ),
    )
    .unwrap();
    match backup::restore(&db, &database, &broken).await {
        Err(BackupError::Import(_)) => {}
        other => panic!("a broken backup: {other:?}"),
    }
    assert!(backup::counts(&db).await.unwrap().is_empty());
    backup::restore(&db, &database, &file).await.unwrap();
    let mut restored = backup::counts(&db).await.unwrap();
    let mut original = backup::counts(store.db()).await.unwrap();
    // Sessions and reset links are not restored.
    for forgotten in ["session", "password_reset"] {
        assert_eq!(restored.remove(forgotten), Some(0), "{forgotten}");
        original.remove(forgotten);
    }
    assert_eq!(restored, original);
}

fn download(reader: &Reader, origin: &str) -> Request<Body> {
    Request::post("/admin/backup/download")
        .header("host", "127.0.0.1:3000")
        .header("origin", origin)
        .header("cookie", reader.cookie.as_str())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn only_admins_download_a_backup_and_each_download_is_audited() {
    let (store, app, readers) = app_with_readers().await;
    let site = "http://127.0.0.1:3000";
    for reader in &readers {
        let (status, body) = send(&app, download(reader, site)).await;
        match reader.role {
            Some(Role::Admin) => {
                assert_eq!(status, StatusCode::OK);
                assert!(body.contains("OPTION IMPORT;"));
                assert!(body.contains("DEFINE TABLE migration "));
                assert!(body.contains("INSERT RELATION"));
                assert!(
                    body.ends_with(backup::TRAILER),
                    "a whole backup ends with its trailer"
                );
            }
            None => assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}"),
            Some(_) => assert_eq!(status, StatusCode::FORBIDDEN, "{body}"),
        }
    }
    let admin = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    // From another site: refused before anything is read or written.
    let (status, _) = send(&app, download(admin, "https://evil.example")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("database.backup".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1, "one download, one line");
    // A GET does not download (a link or an image cannot take one).
    let (status, _) = send(
        &app,
        Request::get("/admin/backup/download")
            .header("cookie", admin.cookie.as_str())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_ne!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_backup_page_is_for_admins_and_says_whether_the_server_writes_backups() {
    let (store, _, readers) = app_with_readers().await;
    let plain = crate::support::http::router_on(store.clone());
    let planned = crate::support::http::router_with_policy(
        store,
        server::http::session::Policy {
            backup_plan: app::accounts::backups::BackupPlan {
                dir: Some("/var/backups/sos-torture".into()),
                hour: 4,
                keep: 10,
            },
            ..Default::default()
        },
    );
    for reader in &readers {
        let (status, body) = crate::support::http::page(&plain, reader, "/admin/backup").await;
        match reader.role {
            None => assert_eq!(status.as_u16(), 401),
            Some(Role::Admin) => {
                assert_eq!(status.as_u16(), 200);
                let text = crate::support::http::main_text(&body);
                assert!(text.contains("writes no daily backup"), "{text}");
                assert!(text.contains("Download a backup now"), "{text}");
                assert!(body.contains("action=\"/admin/backup/download\""));
            }
            Some(role) => {
                assert_eq!(status.as_u16(), 403, "{role}");
                assert!(!body.contains("/admin/backup/download"), "{role}");
            }
        }
    }
    let admin = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    let (_, body) = crate::support::http::page(&planned, admin, "/admin/backup").await;
    let text = crate::support::http::main_text(&body);
    assert!(
        text.contains("after 4:00 UTC in /var/backups/sos-torture, and keeps the newest 10"),
        "{text}"
    );
}

#[tokio::test]
async fn one_download_at_a_time_and_a_reader_who_leaves_ends_it() {
    use tower::ServiceExt;
    let (_, app, readers) = app_with_readers().await;
    let admin = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    let site = "http://127.0.0.1:3000";
    // The first download is answered and never read.
    let first = app.clone().oneshot(download(admin, site)).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let (status, body) = send(&app, download(admin, site)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    // Its reader goes away: the export ends, and the next one may start.
    drop(first);
    let start = std::time::Instant::now();
    loop {
        let (status, body) = send(&app, download(admin, site)).await;
        if status == StatusCode::OK {
            assert!(body.ends_with(backup::TRAILER));
            break;
        }
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(start.elapsed().as_secs() < 10, "the turn was given back");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
