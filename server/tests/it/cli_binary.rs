//! The real binary: seeding, serving, and a graceful stop that loses nothing.

use crate::support::http::form_encode;
use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_server");

/// The binary with none of the runner's own SOS_* or LEPTOS_* settings.
pub(crate) fn binary() -> Command {
    let mut command = Command::new(BIN);
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("SOS_") || name.starts_with("LEPTOS_") {
            command.env_remove(name.as_ref());
        }
    }
    command
}

pub(crate) fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("the binary runs")
}

/// A running server, stopped when the test ends however it ends; what it
/// printed goes to `log` and is shown if it failed to start.
pub(crate) struct Running {
    pub(crate) child: Child,
    pub(crate) log: std::path::PathBuf,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn http_get(port: u16, path: &str) -> Option<String> {
    http(port, "GET", path, &[], "")
}

/// One HTTP/1.1 exchange over a plain socket; the whole response as text.
pub(crate) fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).ok()?;
    let mut out = String::new();
    stream.read_to_string(&mut out).ok()?;
    Some(out)
}

/// The value of a response header (names compared without case).
pub(crate) fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = &response[..response.find("\r\n\r\n")?];
    head.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Signs a demo account in with the sign-in form, as a browser posts it;
/// answers the response and the session cookie it set.
pub(crate) fn sign_in(port: u16, email: &str, password: &str) -> (String, Option<String>) {
    let origin = format!("http://127.0.0.1:{port}");
    let form = format!(
        "email={}&password={}&next=%2Forganisations",
        form_encode(email),
        form_encode(password)
    );
    let response = http(
        port,
        "POST",
        "/api/sign-in",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/html"),
            ("Origin", &origin),
        ],
        &form,
    )
    .expect("the sign-in form answers");
    let cookie = header(&response, "set-cookie")
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    (response, cookie)
}

/// The member saves MIDH's description as `text` through the edit form, on
/// the version the form shows now, as a browser would; answers the whole
/// response, or `None` when the form or the answer could not be had.
pub(crate) fn save_midh_description(port: u16, cookie: &str, text: &str) -> Option<String> {
    let edit = http(
        port,
        "GET",
        "/organisations/midh/edit",
        &[("Cookie", cookie), ("Accept", "text/html")],
        "",
    )?;
    let marker = "name=\"form[version]\" value=\"";
    let start = edit.find(marker)? + marker.len();
    let version = &edit[start..start + edit[start..].find('"')?];
    let form = format!(
        "id=midh&form%5Bversion%5D={version}&form%5Bcity%5D=Abidjan&form%5Bwebsite%5D=\
         &form%5Bemail%5D=&form%5Bdescription%5D={}&form%5Bdescription_lang%5D=fr",
        form_encode(text)
    );
    let origin = format!("http://127.0.0.1:{port}");
    http(
        port,
        "POST",
        "/api/organisation-save",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/html"),
            ("Origin", &origin),
            ("Cookie", cookie),
        ],
        &form,
    )
}

pub(crate) fn wait_healthy(server: &mut Running, port: u16) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(180) {
        // Ours, not another server that took the port meanwhile.
        if let Some(status) = server.child.try_wait().unwrap() {
            let log = std::fs::read_to_string(&server.log).unwrap_or_default();
            panic!("the server exited before answering: {status:?}\n{log}");
        }
        if http_get(port, "/healthz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not become healthy on port {port}");
}

/// The binary as `.ci/start` has `cargo leptos serve` start it: no
/// subcommand and no flag; `.ci/start` sets SOS_DEMO, cargo-leptos its own
/// LEPTOS_* variables, and the rest is given here in the environment too.
pub(crate) fn start_like_ci_start(
    dir: &std::path::Path,
    port: u16,
    extra: &[(&str, &str)],
) -> Running {
    let log = dir.join("server.log");
    let output = std::fs::File::create(&log).unwrap();
    let mut command = binary();
    command
        .env("SOS_DEMO", "true")
        .env("SOS_ADDR", format!("127.0.0.1:{port}"))
        .env(
            "SOS_DATABASE_URL",
            format!("surrealkv://{}", dir.join("db").display()),
        )
        .env("SOS_LOG", "warn")
        .env("LEPTOS_OUTPUT_NAME", "sos-torture")
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
        .envs(extra.iter().copied())
        .stdout(output.try_clone().unwrap())
        .stderr(output);
    let mut server = Running {
        child: command.spawn().expect("the server starts"),
        log,
    };
    wait_healthy(&mut server, port);
    server
}

pub(crate) fn serve(db: &str, dir: &std::path::Path, port: u16) -> Running {
    let log = dir.join("server.log");
    let output = std::fs::File::create(&log).unwrap();
    let child = binary()
        .args([
            "--db",
            db,
            "--log",
            "warn",
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(output.try_clone().unwrap())
        .stderr(output)
        .spawn()
        .expect("the server starts");
    let mut server = Running { child, log };
    wait_healthy(&mut server, port);
    server
}

pub(crate) fn terminate(child: &mut Child) -> std::process::ExitStatus {
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
    let mut server = serve(&db, dir.path(), port);
    let page = http_get(port, "/organisations?sort=name").unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let status = terminate(&mut server.child);
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

    let mut weak = binary()
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

#[test]
fn with_no_subcommand_the_binary_serves_the_demo_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut server = start_like_ci_start(dir.path(), port, &[]);

    let directory = http_get(port, "/organisations").unwrap();
    assert!(directory.starts_with("HTTP/1.1 200"), "{directory}");
    let summary = directory
        .split_once("id=\"results-count\"")
        .and_then(|(_, rest)| rest.split_once("</p>"))
        .map(|(p, _)| p.to_owned())
        .expect("the directory says how many organisations it found");
    let total: u64 = summary
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|n| !n.is_empty())
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!(
        total >= 20,
        "the demo's organisations are listed: {summary}"
    );
    let found = http_get(port, "/organisations?q=OMCT").unwrap();
    assert!(
        found.contains("World Organisation Against Torture"),
        "the demo's OMCT is found"
    );

    for account in server::seed::accounts::DEMO_ACCOUNTS {
        let (response, cookie) = sign_in(port, account.email, account.password);
        assert!(
            response.starts_with("HTTP/1.1 302") || response.starts_with("HTTP/1.1 303"),
            "{} signs in: {response}",
            account.email
        );
        assert_eq!(header(&response, "location"), Some("/organisations"));
        let cookie = cookie.expect("a session cookie");
        let page = http(port, "GET", "/organisations", &[("Cookie", &cookie)], "").unwrap();
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(
            page.contains("Signed in as"),
            "{} is signed in",
            account.email
        );
    }

    let status = terminate(&mut server.child);
    assert!(status.success(), "graceful stop exits cleanly: {status:?}");
}

#[test]
fn with_no_subcommand_the_second_factor_requirement_is_read_from_the_environment() {
    use shared::Role;
    let account = |role: Role| {
        server::seed::accounts::DEMO_ACCOUNTS
            .iter()
            .find(|a| a.role == role)
            .unwrap()
    };
    // The demo's accounts, loaded beforehand: a server that requires the
    // second factor refuses to load accounts with public passwords itself.
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let seeded = run(&["--db", &db, "--log", "warn", "seed", "--demo"]);
    assert!(seeded.status.success());
    let port = free_port();
    let mut server = start_like_ci_start(
        dir.path(),
        port,
        &[
            ("SOS_DEMO", "false"),
            ("SOS_REQUIRE_SECOND_FACTOR", "true"),
            ("SOS_SECRET_KEY", TEST_KEY),
        ],
    );

    let staff = account(Role::Staff);
    let (_, cookie) = sign_in(port, staff.email, staff.password);
    let cookie = cookie.expect("the password is right");
    let page = http(port, "GET", "/organisations", &[("Cookie", &cookie)], "").unwrap();
    assert!(page.starts_with("HTTP/1.1 303"), "{page}");
    assert_eq!(header(&page, "location"), Some("/account?required=1"));

    let member = account(Role::Member);
    let (_, cookie) = sign_in(port, member.email, member.password);
    let page = http(
        port,
        "GET",
        "/organisations",
        &[("Cookie", &cookie.unwrap())],
        "",
    )
    .unwrap();
    assert!(
        page.starts_with("HTTP/1.1 200"),
        "members are not required to"
    );

    let status = terminate(&mut server.child);
    assert!(status.success(), "graceful stop exits cleanly: {status:?}");
}

#[test]
fn the_demo_is_never_loaded_beside_real_accounts_nor_on_a_production_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let made = run(&[
        "--db",
        &db,
        "--log",
        "warn",
        "user",
        "create",
        "--role",
        "admin",
        "--email",
        "a@example.org",
    ]);
    assert!(made.status.success());

    let port = free_port();
    let refused = binary()
        .env("SOS_DEMO", "true")
        .env("SOS_DATABASE_URL", &db)
        .env("SOS_ADDR", format!("127.0.0.1:{port}"))
        .env("SOS_LOG", "warn")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("already holds 1 account(s) and no organisation"),
        "{err}"
    );

    let production = binary()
        .env("SOS_DEMO", "true")
        .env("SOS_REQUIRE_SECOND_FACTOR", "true")
        .env("SOS_DATABASE_URL", "mem://")
        .env("SOS_ADDR", format!("127.0.0.1:{port}"))
        .output()
        .unwrap();
    assert!(!production.status.success());
    let err = String::from_utf8_lossy(&production.stderr);
    assert!(err.contains("cannot be combined"), "{err}");
}

const TEST_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Production seals the second-factor secrets with a key given to it; it
/// does not start without one, nor with one that is malformed.
#[test]
fn production_does_not_start_without_its_secret_key() {
    let port = free_port();
    let start = |key: Option<&str>| {
        let mut command = binary();
        command
            .env("SOS_REQUIRE_SECOND_FACTOR", "true")
            .env("SOS_DATABASE_URL", "mem://")
            .env("SOS_ADDR", format!("127.0.0.1:{port}"))
            .env("SOS_LOG", "warn");
        if let Some(key) = key {
            command.env("SOS_SECRET_KEY", key);
        }
        command.output().unwrap()
    };
    let missing = start(None);
    assert!(!missing.status.success());
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("no secret key") && err.contains("--secret-key-file"),
        "{err}"
    );
    let malformed = start(Some("not-a-key"));
    assert!(!malformed.status.success());
    let err = String::from_utf8_lossy(&malformed.stderr);
    assert!(err.contains("64 hexadecimal characters"), "{err}");
}
