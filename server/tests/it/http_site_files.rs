//! The site's files under `/pkg`: a release build's precompressed copies go
//! to browsers that accept them; a copy older than its file (a later debug
//! build) is removed, never sent.

use crate::support;
use crate::support::http::get_with;
use server::config::ServerConfig;
use server::store::SurrealStore;
use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

fn write(path: &Path, text: &str, modified: SystemTime) {
    fs::write(path, text).unwrap();
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

#[tokio::test]
async fn precompressed_copies_are_sent_only_while_current() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    fs::create_dir(&pkg).unwrap();
    let built = SystemTime::now() - Duration::from_secs(60);
    let earlier = built - Duration::from_secs(3600);
    write(&pkg.join("app.wasm"), "the new wasm", built);
    write(&pkg.join("app.wasm.br"), "brotli of the new wasm", built);
    write(&pkg.join("app.wasm.gz"), "gzip of the new wasm", built);
    write(&pkg.join("app.js"), "the new glue", built);
    write(&pkg.join("app.js.br"), "brotli of the old glue", earlier);
    write(&pkg.join("gone.css.gz"), "gzip of a removed file", built);
    assert_eq!(
        server::http::site_files::stale_copies(&pkg),
        vec![pkg.join("app.js.br"), pkg.join("gone.css.gz")]
    );

    let config = ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: site.path().to_string_lossy().into_owned(),
    };
    let store = SurrealStore::new(support::empty_db().await);
    let app = server::http::router(config.leptos_options(), Arc::new(store));
    assert!(!pkg.join("app.js.br").exists(), "a stale copy is removed");
    assert!(
        !pkg.join("gone.css.gz").exists(),
        "an orphan copy is removed"
    );
    assert!(pkg.join("app.wasm.br").exists(), "a current copy stays");

    let (status, headers, body) =
        get_with(&app, "/pkg/app.wasm", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(headers["content-type"], "application/wasm");
    assert_eq!(body, "brotli of the new wasm");

    let (_, headers, body) = get_with(&app, "/pkg/app.wasm", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers["content-encoding"], "gzip");
    assert_eq!(body, "gzip of the new wasm");

    let (_, headers, body) = get_with(&app, "/pkg/app.wasm", &[]).await;
    assert!(!headers.contains_key("content-encoding"));
    assert_eq!(body, "the new wasm");

    // The glue's copy was older than the glue: the glue itself goes out.
    let (status, headers, body) = get_with(&app, "/pkg/app.js", &[("accept-encoding", "br")]).await;
    assert_eq!(status, 200);
    assert!(!headers.contains_key("content-encoding"));
    assert_eq!(body, "the new glue");

    let (status, _, _) = get_with(&app, "/pkg/missing.wasm", &[]).await;
    assert_eq!(status, 404);
}
