//! Crash safety: the real binary on its embedded database is killed with
//! SIGKILL at random moments while a member saves its organisation over and
//! over through HTTP, and started again. Every save the server acknowledged
//! must be there afterwards (the audit line each save commits with it), and
//! the database must open cleanly.

use crate::cli_binary::{
    free_port, header, save_midh_description, sign_in, start_like_ci_start, terminate,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use server::seed::accounts::DEMO_ACCOUNTS;
use shared::Role;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Acknowledged writes to reach.
const WRITES: usize = 1_000;
const TIME_LIMIT: Duration = Duration::from_secs(420);

/// One save of MIDH's description as `text`; true when acknowledged.
fn save(port: u16, cookie: &str, text: &str) -> bool {
    save_midh_description(port, cookie, text)
        .is_some_and(|answer| header(&answer, "location") == Some("/organisations/midh?saved=1"))
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Mutex::new(start_like_ci_start(dir.path(), port, &[]));
    let member = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let cookie = sign_in(port, member.email, member.password).1.unwrap();

    let acknowledged = Mutex::new(Vec::<String>::new());
    let kills = AtomicUsize::new(0);
    let panics = Mutex::new(Vec::<String>::new());
    let done = AtomicBool::new(false);
    let started = Instant::now();
    std::thread::scope(|scope| {
        // The writer: one save after another, through kills and restarts.
        scope.spawn(|| {
            let mut n = 0;
            while acknowledged.lock().unwrap().len() < WRITES && started.elapsed() < TIME_LIMIT {
                n += 1;
                let text = format!("Écrit n° {n} <{n}> & 'sauvegardé'");
                if save(port, &cookie, &text) {
                    acknowledged.lock().unwrap().push(text);
                } else {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            done.store(true, Ordering::SeqCst);
        });
        // The killer: SIGKILL at a random moment, then a restart.
        scope.spawn(|| {
            let mut rng = ChaCha8Rng::seed_from_u64(9);
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(rng.random_range(150..1_500)));
                if done.load(Ordering::SeqCst) {
                    break;
                }
                let mut running = server.lock().unwrap();
                running.child.kill().expect("SIGKILL");
                running.child.wait().unwrap();
                kills.fetch_add(1, Ordering::SeqCst);
                // Each life's log, before the next start replaces it.
                let log = std::fs::read_to_string(&running.log).unwrap_or_default();
                if log.contains("panicked") {
                    panics.lock().unwrap().push(log);
                }
                *running = start_like_ci_start(dir.path(), port, &[]);
            }
        });
    });
    let acknowledged = acknowledged.into_inner().unwrap();
    let kills = kills.into_inner();
    eprintln!(
        "crash safety: {} acknowledged writes, {kills} SIGKILLs, {:.0} s",
        acknowledged.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        acknowledged.len() >= WRITES,
        "only {} writes in {TIME_LIMIT:?}",
        acknowledged.len()
    );
    assert!(kills >= 5, "killed {kills} times only");
    let mut running = server.into_inner().unwrap();
    let log = std::fs::read_to_string(&running.log).unwrap_or_default();
    assert!(!log.contains("panicked"), "{log}");
    let panics = panics.into_inner().unwrap();
    assert!(panics.is_empty(), "{}", panics.join("\n---\n"));
    assert!(terminate(&mut running.child).success());

    // The database opens cleanly and holds every acknowledged save.
    let (saved, last) = saved_descriptions(dir.path());
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|t| !saved.contains(*t))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged writes lost, e.g. {:?}",
        missing.len(),
        missing.first()
    );
    assert_eq!(
        last.as_ref(),
        acknowledged.last(),
        "the last acknowledged save is the one shown"
    );
}

/// Every description of MIDH the audit holds, and the one shown now, read
/// from the database the servers ran on.
fn saved_descriptions(dir: &Path) -> (HashSet<String>, Option<String>) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = open_db(dir).await;
        let saved: Vec<Option<String>> = db
            .query("SELECT VALUE after FROM audit WHERE action = 'organisation.update' AND target = 'organisation:midh'")
            .await
            .unwrap()
            .take(0)
            .unwrap();
        let saved = saved
            .into_iter()
            .flatten()
            .filter_map(|after| {
                serde_json::from_str::<serde_json::Value>(&after)
                    .ok()?
                    .get("description")?
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        let last: Option<String> = db
            .query("SELECT VALUE description FROM ONLY organisation:midh")
            .await
            .unwrap()
            .take(0)
            .unwrap();
        (saved, last)
    })
}

/// A process killed while it writes can leave half a record at the end of
/// the write-ahead log. The next start repairs that tail; what that life
/// acknowledges afterwards must survive the next kill too, which it did not
/// while the log kept appending to the file the repair had replaced.
#[test]
fn writes_after_a_torn_log_tail_survive_the_next_kill() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let member = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let kill = |running: &mut crate::cli_binary::Running| {
        running.child.kill().expect("SIGKILL");
        running.child.wait().unwrap();
    };
    let save_as_member = |text: &str| {
        let cookie = sign_in(port, member.email, member.password).1.unwrap();
        assert!(save(port, &cookie, text), "{text} is acknowledged");
    };

    let mut running = start_like_ci_start(dir.path(), port, &[]);
    save_as_member("Avant la coupure");
    kill(&mut running);

    // Half a record: a header whose checksum cannot match what follows.
    let wal = dir.path().join("db").join("wal");
    let last_segment = std::fs::read_dir(&wal)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "wal"))
        .max()
        .expect("a log segment");
    {
        use std::io::Write;
        let mut segment = std::fs::OpenOptions::new()
            .append(true)
            .open(&last_segment)
            .unwrap();
        segment.write_all(&[0xA5; 7]).unwrap();
        segment.write_all(&[0x5A; 40]).unwrap();
    }

    let mut running = start_like_ci_start(dir.path(), port, &[]);
    save_as_member("Après la réparation");
    kill(&mut running);

    let mut running = start_like_ci_start(dir.path(), port, &[]);
    assert!(terminate(&mut running.child).success());
    let (saved, last) = saved_descriptions(dir.path());
    assert!(saved.contains("Avant la coupure"), "{saved:?}");
    assert!(saved.contains("Après la réparation"), "{saved:?}");
    assert_eq!(last.as_deref(), Some("Après la réparation"));
}

/// The outbox's sender in the real binary, killed with SIGKILL while the
/// relay holds the fourth message, and started again: every message
/// arrives, each under its own `Message-ID`; the one the relay was taking
/// when the process died comes twice (SMTP cannot make it exactly once: the
/// relay accepted a message whose sending the dead process never recorded),
/// under the same `Message-ID`, which mail programs show once; and every
/// message ends marked sent, so the dead sender's claims were taken back.
#[test]
fn a_sender_process_killed_mid_batch_loses_no_message() {
    use crate::cli_binary::http;
    use crate::support::http::form_encode;
    use crate::support::smtp::SmtpServer;
    const N: usize = 30;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let smtp = SmtpServer::start_holding(3, Duration::from_secs(3));
    let smtp_port = smtp.port.to_string();
    let site = format!("http://127.0.0.1:{port}");
    let key = "ab".repeat(32);
    let env = [
        ("SOS_SMTP_HOST", "127.0.0.1"),
        ("SOS_SMTP_PORT", smtp_port.as_str()),
        ("SOS_SMTP_TLS", "none"),
        ("SOS_PUBLIC_URL", site.as_str()),
        ("SOS_MAIL_POLL_MS", "100"),
        // A dead sender's claims are taken back after a second, not two
        // minutes, so that the test need not wait.
        ("SOS_MAIL_CLAIM_TIMEOUT_S", "1"),
        // The links are sealed with the key: the same one after the restart.
        ("SOS_SECRET_KEY", key.as_str()),
    ];
    let mut server = start_like_ci_start(dir.path(), port, &env);
    let admin = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Admin)
        .unwrap();
    let cookie = sign_in(port, admin.email, admin.password).1.unwrap();
    for i in 0..N {
        let form = format!(
            "email={}&name={}&role=staff&language=en&send_mail=on",
            form_encode(&format!("killed.{i}@example.org")),
            form_encode("Kill test")
        );
        let answer = http(
            port,
            "POST",
            "/api/invite",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
                ("Origin", &site),
                ("Cookie", &cookie),
            ],
            &form,
        )
        .expect("the invitation form answers");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }

    // Only this test's messages count (nothing else should be sent).
    let ours = || -> Vec<crate::support::smtp::Received> {
        smtp.received()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.contains("killed.")))
            .collect()
    };

    // Killed once three went out, while the relay holds the fourth.
    let started = Instant::now();
    while ours().len() < 3 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    server.child.kill().expect("SIGKILL");
    server.child.wait().unwrap();
    let at_kill = ours().len();
    assert!(
        (3..N).contains(&at_kill),
        "killed mid-batch: {at_kill} sent"
    );

    // Started again on the same database: it takes back what the dead one
    // claimed, and sends the rest.
    let mut server_after = Some(start_like_ci_start(dir.path(), port, &env));
    let ids = |got: &[crate::support::smtp::Received]| {
        got.iter()
            .filter_map(|m| m.header("Message-ID"))
            .collect::<HashSet<_>>()
    };
    let started = Instant::now();
    while ids(&ours()).len() < N && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let got = ours();
    assert_eq!(
        ids(&got).len(),
        N,
        "every message arrived, each under its own Message-ID ({} received, {at_kill} before the kill)",
        got.len()
    );
    // The message in flight at the kill, once from the dead sender (the
    // relay accepted it) and once from the new one (it was never marked).
    assert_eq!(got.len(), N + 1, "only the message in flight came twice");
    all_sent(dir.path(), &mut server_after);
}

/// Stops the server (a send under way finishes first) and checks that every
/// message of the test is marked sent in its database: none is left claimed
/// by the dead sender.
fn all_sent(dir: &Path, server: &mut Option<crate::cli_binary::Running>) {
    if let Some(mut running) = server.take() {
        assert!(terminate(&mut running.child).success());
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = open_db(dir).await;
        let left: Vec<String> = db
            .query("SELECT VALUE status FROM outbox WHERE string::starts_with(to, 'killed.') AND status != 'sent'")
            .await
            .unwrap()
            .take(0)
            .unwrap();
        assert!(left.is_empty(), "messages left unsent: {left:?}");
    })
}

/// The database the servers ran on, opened in the test once they stopped.
async fn open_db(dir: &Path) -> server::db::Db {
    let config = server::config::DatabaseConfig {
        url: format!("surrealkv://{}", dir.join("db").display()),
        ..server::config::DatabaseConfig::memory()
    };
    server::db::open(&config).await.expect("the database opens")
}
