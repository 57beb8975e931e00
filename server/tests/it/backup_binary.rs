//! Backups with the real binary: `server backup`, `server restore` into an
//! empty database only, a server started on what was restored, and the
//! daily backup a running server writes.

use crate::cli_binary::{
    binary, free_port, http_get, run, serve, terminate, wait_healthy, Running,
};
use std::time::{Duration, Instant};

fn ok(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn refused(output: &std::process::Output) -> String {
    assert!(
        !output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_backup_restores_into_an_empty_database_and_the_server_starts_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = |name: &str| format!("surrealkv://{}", dir.path().join(name).display());
    let file = dir.path().join("backups").join("network.surql");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let file_arg = file.to_str().unwrap();
    ok(&run(&[
        "--db",
        &db("a"),
        "--log",
        "warn",
        "seed",
        "--synthetic",
        "60",
        "--seed",
        "9",
    ]));

    let said = ok(&run(&[
        "--db",
        &db("a"),
        "--log",
        "warn",
        "backup",
        "--out",
        file_arg,
    ]));
    assert!(
        said.contains("Backup of") && said.contains("bytes"),
        "{said}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "readable by its owner only");
    }
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no partial file left: {leftovers:?}");

    let said = ok(&run(&[
        "--db",
        &db("b"),
        "--log",
        "warn",
        "restore",
        file_arg,
    ]));
    assert!(
        said.contains("Restored") && said.contains("records"),
        "{said}"
    );
    // The restored database holds the 60 organisations, and refuses more.
    let err = refused(&run(&["--db", &db("b"), "--log", "warn", "seed", "--demo"]));
    assert!(err.contains("already holds 60 organisations"), "{err}");
    let err = refused(&run(&[
        "--db",
        &db("b"),
        "--log",
        "warn",
        "restore",
        file_arg,
    ]));
    assert!(err.contains("not empty"), "{err}");

    // A file that is not a backup is refused, and leaves nothing behind.
    let bogus = dir.path().join("bogus.surql");
    std::fs::write(&bogus, "DELETE organisation;\n").unwrap();
    let err = refused(&run(&[
        "--db",
        &db("c"),
        "--log",
        "warn",
        "restore",
        bogus.to_str().unwrap(),
    ]));
    assert!(err.contains("not a backup"), "{err}");
    ok(&run(&[
        "--db",
        &db("c"),
        "--log",
        "warn",
        "restore",
        file_arg,
    ]));

    let port = free_port();
    let mut server = serve(&db("b"), dir.path(), port);
    let page = http_get(port, "/organisations?sort=name").unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(terminate(&mut server.child).success());
}

#[test]
fn a_running_server_writes_the_days_backup_and_it_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = |name: &str| format!("surrealkv://{}", dir.path().join(name).display());
    ok(&run(&[
        "--db",
        &db("a"),
        "--log",
        "warn",
        "seed",
        "--synthetic",
        "30",
        "--seed",
        "3",
    ]));
    let backups = dir.path().join("daily");
    std::fs::create_dir_all(&backups).unwrap();
    let port = free_port();
    let log = dir.path().join("server.log");
    let output = std::fs::File::create(&log).unwrap();
    let child = binary()
        .args(["--db", &db("a"), "--log", "warn", "serve", "--addr"])
        .arg(format!("127.0.0.1:{port}"))
        .env("SOS_BACKUP_DIR", &backups)
        .env("SOS_BACKUP_HOUR", "0")
        .stdout(output.try_clone().unwrap())
        .stderr(output)
        .spawn()
        .expect("the server starts");
    let mut server = Running { child, log };
    wait_healthy(&mut server, port);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let file = backups.join(format!("sos-torture-{today}.surql"));
    let start = Instant::now();
    while !file.exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(file.exists(), "the day's backup is written");
    assert!(terminate(&mut server.child).success());
    let said = ok(&run(&[
        "--db",
        &db("b"),
        "--log",
        "warn",
        "restore",
        file.to_str().unwrap(),
    ]));
    assert!(said.contains("Restored"), "{said}");
    let err = refused(&run(&["--db", &db("b"), "--log", "warn", "seed", "--demo"]));
    assert!(err.contains("already holds 30 organisations"), "{err}");
}
