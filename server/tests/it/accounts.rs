//! Accounts on a real database: password rules, sign-in, throttling, session
//! expiry and revocation, disabled accounts, and the audit trail they leave.

use crate::support;
use app::accounts::store::Sessions;
use app::accounts::store::SignInOutcome;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::accounts::sessions::{
    CreateUserError, NewUser, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS,
};
use server::store::SurrealStore;
use shared::{OrgId, Problem, Role};
use surrealdb::types::SurrealValue;

const PASSWORD: &str = "plenty of words make it long";

async fn store_with_user(email: &str) -> SurrealStore {
    let store = SurrealStore::new(support::empty_db().await);
    store
        .create_user(
            NewUser {
                email: email.into(),
                name: "Ana".into(),
                role: Role::Staff,
                organisation: None,
                password: PASSWORD.into(),
            },
            None,
        )
        .await
        .unwrap();
    store
}

async fn token(store: &SurrealStore, email: &str, password: &str, address: &str) -> String {
    match store.sign_in(email, password, address).await.unwrap() {
        SignInOutcome::SignedIn { token, .. } => token,
        other => panic!("{email}: {other:?}"),
    }
}

#[derive(Debug, SurrealValue)]
struct AuditRow {
    action: String,
    actor_email: Option<String>,
    target: Option<String>,
    address: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

async fn audit_log(store: &SurrealStore) -> Vec<AuditRow> {
    store
        .db()
        .query(
            "SELECT action, actor_email, target, address, before, after, at FROM audit ORDER BY at",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

#[tokio::test]
async fn passwords_follow_the_rules_and_addresses_are_unique() {
    let store = store_with_user("ana@example.org").await;
    let attempt = |email: &str, password: &str, role: Role, org: Option<&str>| NewUser {
        email: email.into(),
        name: "Someone".into(),
        role,
        organisation: org.map(|o| OrgId::parse(o).unwrap()),
        password: password.into(),
    };
    let problem = |e: CreateUserError| match e {
        CreateUserError::Invalid(v) => v.problem,
        other => panic!("{other}"),
    };
    let short = store
        .create_user(
            attempt("b@example.org", "too short", Role::Staff, None),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(problem(short), Problem::TooShort { min: 15 });
    let common = store
        .create_user(
            attempt("b@example.org", "1qaz2wsx3edc4rfv", Role::Staff, None),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(problem(common), Problem::CommonPassword);
    let member_alone = store
        .create_user(attempt("b@example.org", PASSWORD, Role::Member, None), None)
        .await
        .unwrap_err();
    assert_eq!(problem(member_alone), Problem::Required);
    let taken = store
        .create_user(
            attempt("ANA@example.org", PASSWORD, Role::Staff, None),
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(taken, CreateUserError::EmailTaken(_)), "{taken}");
}

#[tokio::test]
async fn signing_in_opens_a_session_that_signing_out_closes() {
    let store = store_with_user("ana@example.org").await;
    let t = token(&store, " Ana@Example.org ", PASSWORD, "192.0.2.1").await;
    let session = store.session(&t).await.unwrap().expect("a session");
    assert_eq!(session.user.email, "ana@example.org");
    assert_eq!(session.user.role, Role::Staff);
    assert!(store.session("not-a-token").await.unwrap().is_none());

    let second = token(&store, "ana@example.org", PASSWORD, "192.0.2.1").await;
    assert_ne!(t, second, "every sign-in gets a new token");
    store.sign_out(&t).await.unwrap();
    assert!(store.session(&t).await.unwrap().is_none());
    assert!(store.session(&second).await.unwrap().is_some());

    let third = token(&store, "ana@example.org", PASSWORD, "192.0.2.1").await;
    store
        .sign_out_everywhere(&session.user, &session.user.id)
        .await
        .unwrap();
    for t in [&second, &third] {
        assert!(
            store.session(t).await.unwrap().is_none(),
            "signed out everywhere"
        );
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_address_get_the_same_answer() {
    let store = store_with_user("ana@example.org").await;
    for (email, password) in [
        ("ana@example.org", "plenty of words make it wrong"),
        ("nobody@example.org", PASSWORD),
    ] {
        let outcome = store.sign_in(email, password, "192.0.2.7").await.unwrap();
        assert_eq!(outcome, SignInOutcome::Refused, "{email}");
    }
}

#[tokio::test]
async fn sessions_expire() {
    let store = store_with_user("ana@example.org").await;
    let t = token(&store, "ana@example.org", PASSWORD, "192.0.2.1").await;
    store
        .db()
        .query("UPDATE session SET expires_at = time::now() - 1s")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(store.session(&t).await.unwrap().is_none());
}

#[tokio::test]
async fn a_disabled_account_loses_its_sessions_and_cannot_sign_in() {
    let store = store_with_user("ana@example.org").await;
    let t = token(&store, "ana@example.org", PASSWORD, "192.0.2.1").await;
    store
        .db()
        .query("UPDATE user SET disabled = true")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(store.session(&t).await.unwrap().is_none());
    let outcome = store
        .sign_in("ana@example.org", PASSWORD, "192.0.2.1")
        .await
        .unwrap();
    assert_eq!(outcome, SignInOutcome::Refused);
}

#[tokio::test]
async fn repeated_failures_throttle_the_account_then_the_address() {
    let store = store_with_user("ana@example.org").await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        let outcome = store
            .sign_in("ana@example.org", "wrong wrong wrong wrong", "192.0.2.1")
            .await
            .unwrap();
        assert_eq!(outcome, SignInOutcome::Refused);
    }
    // Even the right password waits now: the window protects the account.
    match store
        .sign_in("ana@example.org", PASSWORD, "198.51.100.9")
        .await
        .unwrap()
    {
        SignInOutcome::Throttled {
            retry_after_minutes,
        } => assert!((1..=15).contains(&retry_after_minutes)),
        other => panic!("{other:?}"),
    }
    // Hammering the throttled account adds one line an hour to the audit
    // log, not one per attempt.
    for _ in 0..10 {
        store
            .sign_in("ana@example.org", PASSWORD, "198.51.100.9")
            .await
            .unwrap();
    }
    let throttled: Vec<String> = store
        .db()
        .query("SELECT VALUE action FROM audit WHERE action = 'sign_in.throttled'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(throttled.len(), 1);

    // One address trying many accounts is stopped as well.
    let other = store_with_user("ben@example.org").await;
    for i in 0..MAX_FAILURES_PER_ADDRESS {
        other
            .sign_in(
                &format!("guess{i}@example.org"),
                "wrong wrong wrong wrong",
                "203.0.113.5",
            )
            .await
            .unwrap();
    }
    assert!(matches!(
        other
            .sign_in("ben@example.org", PASSWORD, "203.0.113.5")
            .await
            .unwrap(),
        SignInOutcome::Throttled { .. }
    ));
    // The same account from another address is not blocked by that address.
    token(&other, "ben@example.org", PASSWORD, "192.0.2.44").await;
}

#[tokio::test]
async fn sign_ins_leave_an_audit_trail_without_secrets() {
    let store = store_with_user("ana@example.org").await;
    token(&store, "ana@example.org", PASSWORD, "192.0.2.1").await;
    store
        .sign_in(
            "ana@example.org",
            "plenty of words make it wrong",
            "192.0.2.2",
        )
        .await
        .unwrap();
    let log = audit_log(&store).await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["user.create", "sign_in", "sign_in.failed"]);
    let created = &log[0];
    let after = created.after.as_deref().unwrap();
    assert!(after.contains("\"role\":\"staff\"") && after.contains("ana@example.org"));
    assert!(created.before.is_none());
    assert!(log[1].target.as_deref().unwrap().starts_with("user:"));
    assert_eq!(log[1].address.as_deref(), Some("192.0.2.1"));
    assert_eq!(log[2].actor_email.as_deref(), Some("ana@example.org"));
    assert_eq!(log[2].address.as_deref(), Some("192.0.2.2"));
    for event in &log {
        for field in [&event.before, &event.after] {
            let text = field.as_deref().unwrap_or("");
            assert!(
                !text.contains(PASSWORD) && !text.contains("argon2"),
                "{text}"
            );
        }
    }
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed_or_deleted() {
    let store = store_with_user("ana@example.org").await;
    let before = audit_log(&store).await.len();
    for statement in [
        "UPDATE audit SET action = 'nothing happened'",
        "DELETE audit",
    ] {
        let result = store.db().query(statement).await.unwrap().check();
        assert!(result.is_err(), "{statement} was allowed");
    }
    let after = audit_log(&store).await;
    assert_eq!(after.len(), before);
    assert_eq!(after[0].action, "user.create");
}

#[tokio::test]
async fn the_demo_has_one_account_per_role() {
    let store = support::demo_store().await;
    for account in &DEMO_ACCOUNTS {
        let t = token(&store, account.email, account.password, "127.0.0.1").await;
        let session = store.session(&t).await.unwrap().unwrap();
        assert_eq!(session.user.role, account.role);
        if account.role == Role::Member {
            assert_eq!(session.user.organisation.unwrap().as_str(), "midh");
        }
    }
}

/// A sign-in with an address or password longer than any account can have
/// (or with control characters) is refused as it is: no hash is computed and
/// nothing of it is written to the audit log, which cannot be cleaned.
#[tokio::test]
async fn oversized_sign_in_fields_are_refused_without_a_trace() {
    let store = store_with_user("ana@example.org").await;
    let long_email = format!("{}@example.org", "a".repeat(300));
    let long_password = "x".repeat(100_000);
    for (email, password) in [
        (long_email.as_str(), PASSWORD),
        ("ana@example.org", long_password.as_str()),
        ("ana\u{0}@example.org", PASSWORD),
        ("ana@exam\u{7}ple.org", PASSWORD),
    ] {
        let outcome = store.sign_in(email, password, "192.0.2.9").await.unwrap();
        assert!(matches!(outcome, SignInOutcome::Refused), "{outcome:?}");
    }
    let log = audit_log(&store).await;
    assert!(
        log.iter().all(|e| e.action != "sign_in.failed"
            && e.actor_email.as_deref().is_none_or(|m| m.len() < 100)),
        "{log:?}"
    );
    // The account still signs in: nothing above counted against it.
    token(&store, "ana@example.org", PASSWORD, "192.0.2.9").await;
}

/// Parallel guesses are counted as they come in: a burst gets no more tries
/// than the same guesses one after the other, and the account can sign in
/// again once the window has passed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_parallel_guesses_gets_no_more_tries_than_a_sequence() {
    use server::store::accounts::sessions::MAX_FAILURES_PER_ACCOUNT;
    let store = std::sync::Arc::new(store_with_user("ana@example.org").await);
    let guesses: Vec<_> = (0..24)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .sign_in(
                        "ana@example.org",
                        &format!("a wrong guess, number {i:02}"),
                        &format!("192.0.2.{i}"),
                    )
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut refused = 0;
    let mut throttled = 0;
    for guess in guesses {
        match guess.await.unwrap() {
            SignInOutcome::Refused => refused += 1,
            SignInOutcome::Throttled { .. } => throttled += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        refused, MAX_FAILURES_PER_ACCOUNT,
        "guesses checked against a password"
    );
    assert_eq!(throttled, 24 - MAX_FAILURES_PER_ACCOUNT);
    // The window slides: once the failures are older than it, signing in works.
    store
        .db()
        .query("UPDATE sign_in_failure SET at = time::now() - 1h")
        .await
        .unwrap();
    token(&store, "ana@example.org", PASSWORD, "192.0.2.99").await;
}

/// A password is changed only with the current one; every session ends,
/// and guessing the current password is throttled like signing in.
#[tokio::test]
async fn a_password_changes_only_with_the_current_one_and_ends_every_session() {
    use app::accounts::store::PasswordChange;
    let store = support::demo_store().await;
    let account = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Staff)
        .unwrap();
    let sign_in = |password: &'static str| {
        let store = &store;
        async move {
            store
                .sign_in(account.email, password, "laptop")
                .await
                .unwrap()
        }
    };
    let SignInOutcome::SignedIn { token, user } = sign_in(account.password).await else {
        panic!("the demo password signs in");
    };
    let SignInOutcome::SignedIn { token: other, .. } = sign_in(account.password).await else {
        panic!("a second device");
    };
    let new = "quiet harbour lanterns of may";
    assert_eq!(
        store
            .change_password(&user, "not the password", new, "laptop")
            .await
            .unwrap(),
        PasswordChange::WrongCurrent
    );
    assert!(matches!(
        store
            .change_password(&user, account.password, "short", "laptop")
            .await
            .unwrap(),
        PasswordChange::Refused(_)
    ));
    assert!(matches!(
        store
            .change_password(&user, account.password, account.email, "laptop")
            .await
            .unwrap(),
        PasswordChange::Refused(_)
    ));
    assert!(
        store.session(&token).await.unwrap().is_some(),
        "nothing changed yet"
    );
    assert_eq!(
        store
            .change_password(&user, account.password, new, "laptop")
            .await
            .unwrap(),
        PasswordChange::Changed
    );
    for t in [&token, &other] {
        assert!(
            store.session(t).await.unwrap().is_none(),
            "every session ended"
        );
    }
    assert_eq!(sign_in(account.password).await, SignInOutcome::Refused);
    assert!(matches!(sign_in(new).await, SignInOutcome::SignedIn { .. }));
    let changes: Vec<String> = store
        .db()
        .query("SELECT VALUE action FROM audit WHERE action = 'password.change'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(changes.len(), 1);

    // Someone at an unlocked screen guessing the current password is
    // stopped like anyone guessing at the sign-in form.
    let SignInOutcome::SignedIn { user, .. } = sign_in(new).await else {
        panic!()
    };
    let mut throttled = false;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT + 1 {
        if let PasswordChange::Throttled { .. } = store
            .change_password(
                &user,
                "a wrong guess",
                "another long passphrase here",
                "kiosk",
            )
            .await
            .unwrap()
        {
            throttled = true;
        }
    }
    assert!(throttled);
}
