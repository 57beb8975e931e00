//! The real binary: seeding, serving, and a graceful stop that loses nothing.

use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_server");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("SOS_DATABASE_URL")
        .output()
        .expect("the binary runs")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    stream.read_to_string(&mut out).ok()?;
    Some(out)
}

fn serve(db: &str, port: u16) -> Child {
    let mut child = Command::new(BIN)
        .args([
            "--db",
            db,
            "--log",
            "warn",
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if http_get(port, "/healthz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("the server did not become healthy");
}

fn terminate(mut child: Child) -> std::process::ExitStatus {
    let pid = child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn seed_refuses_to_write_into_a_non_empty_database_and_data_survives_a_stop() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());

    let seeded = run(&[
        "--db",
        &db,
        "--log",
        "warn",
        "seed",
        "--synthetic",
        "60",
        "--seed",
        "9",
    ]);
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("60 organisations"));

    let port = free_port();
    let server = serve(&db, port);
    let page = http_get(port, "/organisations?sort=name").unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let status = terminate(server);
    assert!(status.success(), "graceful stop exits cleanly: {status:?}");

    let again = run(&["--db", &db, "--log", "warn", "seed", "--demo"]);
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("already holds 60 organisations"), "{err}");
}

#[test]
fn migrate_reports_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let first = run(&["--db", &db, "--log", "warn", "migrate"]);
    assert!(first.status.success());
    let names: Vec<&str> = server::db::migrations::MIGRATIONS
        .iter()
        .map(|m| m.name)
        .collect();
    let report = format!("Applied {} migration(s): {}", names.len(), names.join(", "));
    assert!(names.contains(&"0007_edge_ends"));
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains(&report), "{out}");
    let second = run(&["--db", &db, "--log", "warn", "migrate"]);
    assert!(String::from_utf8_lossy(&second.stdout).contains("The schema is up to date."));
}

#[test]
fn a_bad_database_url_is_a_clear_error() {
    let out = run(&["--db", "nonsense://x", "--log", "error", "migrate"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open the database at nonsense://x"),
        "{err}"
    );
}

#[test]
fn the_first_admin_is_created_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let create = |extra: &[&str]| {
        let mut args = vec!["--db", db.as_str(), "--log", "warn", "user", "create"];
        args.extend_from_slice(extra);
        run(&args)
    };
    let made = create(&["--role", "admin", "--email", "First.Admin@example.org"]);
    let out = String::from_utf8_lossy(&made.stdout);
    assert!(
        made.status.success(),
        "{out} {}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(out.contains("Created admin account"), "{out}");
    let password = out
        .lines()
        .find_map(|l| l.split_once("): ").map(|(_, p)| p.trim().to_owned()))
        .expect("a generated password is printed once");
    assert!(password.len() >= 15, "{password}");

    let twice = create(&["--role", "admin", "--email", "first.admin@example.org"]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already exists"));

    let bad_role = create(&["--role", "root", "--email", "x@example.org"]);
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("role"));

    let mut weak = Command::new(BIN)
        .args([
            "--db", &db, "--log", "warn", "user", "create", "--role", "staff",
        ])
        .args(["--email", "s@example.org", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = weak.stdin.take().unwrap();
        writeln!(stdin, "password").unwrap();
    }
    let weak = weak.wait_with_output().unwrap();
    assert!(!weak.status.success());
    let err = String::from_utf8_lossy(&weak.stderr);
    assert!(
        err.contains("password: must be at least 15 characters long"),
        "{err}"
    );
}
