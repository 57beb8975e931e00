//! The second factor on a real database and through the router: setting it
//! up, signing in with it, codes that work once, and the production rule
//! that staff and admins cannot work without one.

use crate::support;
use crate::support::http::get_with;
use app::accounts::store::{Administration, AuditLog, SecondFactor, Sessions};
use app::accounts::store::{CodeOutcome, SignInOutcome};
use axum::http::{header, StatusCode};
use server::security::totp;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::SurrealStore;
use shared::{CurrentUser, Role};
use std::sync::Arc;

fn account(role: Role) -> &'static server::seed::accounts::DemoAccount {
    DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap()
}

async fn signed_in(store: &SurrealStore, role: Role) -> CurrentUser {
    let a = account(role);
    match store.sign_in(a.email, a.password, "t").await.unwrap() {
        SignInOutcome::SignedIn { user, .. } => user,
        other => panic!("{other:?}"),
    }
}

/// A code as typed from the authenticator app.
fn app_code(code: &str) -> shared::SecondFactorCode {
    shared::SecondFactorCode::Totp(code.to_owned())
}

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// Sets up the second factor for `role`; answers the secret.
async fn enrol(store: &SurrealStore, role: Role) -> String {
    let user = signed_in(store, role).await;
    let setup = store
        .begin_totp(&user)
        .await
        .unwrap()
        .expect("no second factor is on yet");
    assert!(setup.uri.contains(&setup.secret));
    assert!(
        !store
            .confirm_totp(&user, "000000", "t")
            .await
            .unwrap()
            .is_accepted()
            || totp::code_at(&setup.secret, now()).as_deref() == Some("000000")
    );
    let code = totp::code_at(&setup.secret, now()).unwrap();
    assert!(store
        .confirm_totp(&user, &code, "t")
        .await
        .unwrap()
        .is_accepted());
    setup.secret
}

/// A code of a later time step than any used so far.
fn next_code(secret: &str) -> String {
    totp::code_at(secret, now() + 30).unwrap()
}

#[tokio::test]
async fn with_a_second_factor_the_password_alone_opens_nothing() {
    let store = support::demo_store().await;
    let secret = enrol(&store, Role::Staff).await;
    let a = account(Role::Staff);
    let SignInOutcome::NeedsSecondFactor { token: pending } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!("the code is asked for");
    };
    assert!(
        store.session(&pending).await.unwrap().is_none(),
        "a pending session reads nothing"
    );

    let wrong = store
        .complete_sign_in(&pending, &app_code("123456"), "t")
        .await
        .unwrap();
    let right = next_code(&secret);
    if right != "123456" {
        assert_eq!(wrong, SignInOutcome::Refused);
    }
    let SignInOutcome::SignedIn { token, user } = store
        .complete_sign_in(&pending, &app_code(&right), "t")
        .await
        .unwrap()
    else {
        panic!("the right code signs in");
    };
    assert!(user.totp_enabled);
    assert!(store.session(&token).await.unwrap().is_some());
    assert_eq!(
        store
            .complete_sign_in(&pending, &app_code(&right), "t")
            .await
            .unwrap(),
        SignInOutcome::Expired,
        "the pending step is used up"
    );

    // The same code again, in a new sign-in: refused (no replay).
    let SignInOutcome::NeedsSecondFactor { token: again } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!();
    };
    assert_eq!(
        store
            .complete_sign_in(&again, &app_code(&right), "t")
            .await
            .unwrap(),
        SignInOutcome::Refused
    );
}

#[tokio::test]
async fn the_code_step_expires_and_is_throttled() {
    let store = support::demo_store().await;
    enrol(&store, Role::Admin).await;
    let a = account(Role::Admin);
    let SignInOutcome::NeedsSecondFactor { token } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!();
    };
    for _ in 0..5 {
        store
            .complete_sign_in(&token, &app_code("999999"), "t")
            .await
            .unwrap();
    }
    assert!(matches!(
        store
            .complete_sign_in(&token, &app_code("999999"), "t")
            .await
            .unwrap(),
        SignInOutcome::Throttled { .. }
    ));
    store
        .db()
        .query("UPDATE session SET expires_at = time::now() - 1s WHERE pending = true")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        store
            .complete_sign_in(&token, &app_code("999999"), "t")
            .await
            .unwrap(),
        SignInOutcome::Expired
    );
}

#[tokio::test]
async fn turning_the_second_factor_off_needs_a_code() {
    let store = support::demo_store().await;
    let secret = enrol(&store, Role::Campaigner).await;
    let a = account(Role::Campaigner);
    let SignInOutcome::NeedsSecondFactor { token } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!();
    };
    let SignInOutcome::SignedIn { user, .. } = store
        .complete_sign_in(&token, &app_code(&next_code(&secret)), "t")
        .await
        .unwrap()
    else {
        panic!();
    };
    assert!(!store
        .disable_totp(&user, &app_code("not-a-code"), "t")
        .await
        .unwrap()
        .is_accepted());
    // A minute later, the app shows a fresh code (simulated: the steps used so
    // far are moved into the past, as the clock would have done).
    store
        .db()
        .query("UPDATE user SET totp_last_step = totp_last_step - 4 WHERE totp_last_step != NONE")
        .await
        .unwrap()
        .check()
        .unwrap();
    let fresh = totp::code_at(&secret, now()).unwrap();
    assert!(store
        .disable_totp(&user, &app_code(&fresh), "t")
        .await
        .unwrap()
        .is_accepted());
    assert!(matches!(
        store.sign_in(a.email, a.password, "t").await.unwrap(),
        SignInOutcome::SignedIn { .. }
    ));
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("totp.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["totp.disable", "totp.enable"]);
}

#[tokio::test]
async fn in_production_staff_must_set_up_a_second_factor_first() {
    let store = Arc::new(support::demo_store().await);
    let app = crate::support::http::router_with_policy(
        store.clone(),
        server::http::session::Policy {
            require_second_factor: true,
            ..Default::default()
        },
    );
    let cookie_for = |token: String| format!("sos_session={token}");
    let token_of = |outcome: SignInOutcome| match outcome {
        SignInOutcome::SignedIn { token, .. } => token,
        other => panic!("{other:?}"),
    };
    let staff = account(Role::Staff);
    let staff_cookie = cookie_for(token_of(
        store
            .sign_in(staff.email, staff.password, "t")
            .await
            .unwrap(),
    ));
    let (status, headers, _) = get_with(&app, "/organisations", &[("cookie", &staff_cookie)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/account?required=1");
    let (status, _, body) =
        get_with(&app, "/account?required=1", &[("cookie", &staff_cookie)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Your role needs a second factor"));

    // Campaigners read staff records: the same bar as staff.
    let campaigner = account(Role::Campaigner);
    let campaigner_cookie = cookie_for(token_of(
        store
            .sign_in(campaigner.email, campaigner.password, "t")
            .await
            .unwrap(),
    ));
    let (status, headers, _) =
        get_with(&app, "/organisations", &[("cookie", &campaigner_cookie)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "campaigners too");
    assert_eq!(headers[header::LOCATION], "/account?required=1");

    let member = account(Role::Member);
    let member_cookie = cookie_for(token_of(
        store
            .sign_in(member.email, member.password, "t")
            .await
            .unwrap(),
    ));
    let (status, _, _) = get_with(&app, "/organisations", &[("cookie", &member_cookie)]).await;
    assert_eq!(status, StatusCode::OK, "members are not required to");

    enrol(&store, Role::Staff).await;
    let (status, _, _) = get_with(&app, "/organisations", &[("cookie", &staff_cookie)]).await;
    assert_eq!(status, StatusCode::OK, "once set up, the platform opens");
}

#[tokio::test]
async fn an_admin_resets_a_lost_second_factor() {
    let store = support::demo_store().await;
    enrol(&store, Role::Staff).await;
    let admin = signed_in(&store, Role::Admin).await;
    let staff = account(Role::Staff);
    let SignInOutcome::NeedsSecondFactor { .. } = store
        .sign_in(staff.email, staff.password, "t")
        .await
        .unwrap()
    else {
        panic!();
    };
    let staff_id = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == staff.email)
        .unwrap()
        .id;
    store.reset_second_factor(&admin, &staff_id).await.unwrap();
    assert!(matches!(
        store
            .sign_in(staff.email, staff.password, "t")
            .await
            .unwrap(),
        SignInOutcome::SignedIn { .. }
    ));
    assert_eq!(
        store.reset_second_factor(&admin, &admin.id).await,
        Err(app::accounts::store::AdminError::NotOnYourself)
    );
}

/// Whoever holds a live session (a stolen cookie, an unlocked laptop) must
/// not swap the second factor for one of their own: it is replaced only by
/// turning it off, which takes a code it gives.
#[tokio::test]
async fn a_session_alone_cannot_replace_the_second_factor() {
    use server::security::secret_key::{Binding, SecretKey};
    let key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    let store = SurrealStore::with_secret_key(
        support::demo_store().await.db().clone(),
        SecretKey::from_hex(key).unwrap(),
    );
    let user = signed_in(&store, Role::Campaigner).await;
    let secret = enrol(&store, Role::Campaigner).await;
    assert!(
        store.begin_totp(&user).await.unwrap().is_none(),
        "no new secret while one is on"
    );
    // A pending secret planted before (or by a race), with its right code,
    // does not take over.
    let planted = totp::new_secret().unwrap();
    let record = format!("user:{}", user.id);
    let sealed = SecretKey::from_hex(key)
        .unwrap()
        .seal(
            &planted,
            Binding {
                record: &record,
                field: "totp",
            },
        )
        .unwrap();
    store
        .db()
        .query("UPDATE type::record('user', $key) SET totp_pending_secret = $sealed")
        .bind(("key", user.id.to_string()))
        .bind(("sealed", sealed))
        .await
        .unwrap()
        .check()
        .unwrap();
    let stored_before = stored_secret(&store, &user).await;
    assert!(!store
        .confirm_totp(&user, &next_code(&planted), "t")
        .await
        .unwrap()
        .is_accepted());
    assert_eq!(stored_secret(&store, &user).await, stored_before);
    // Off with a code, then a new one can be set up.
    assert!(store
        .disable_totp(&user, &app_code(&next_code(&secret)), "t")
        .await
        .unwrap()
        .is_accepted());
    assert!(store.begin_totp(&user).await.unwrap().is_some());
}

async fn signed_in_with(store: &SurrealStore, role: Role, secret: &str) -> CurrentUser {
    let a = account(role);
    let SignInOutcome::NeedsSecondFactor { token } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!("the code is asked for");
    };
    match store
        .complete_sign_in(&token, &app_code(&next_code(secret)), "t")
        .await
        .unwrap()
    {
        SignInOutcome::SignedIn { user, .. } => user,
        other => panic!("{other:?}"),
    }
}

async fn stored_secret(store: &SurrealStore, user: &CurrentUser) -> Option<String> {
    store
        .db()
        .query("SELECT VALUE totp_secret FROM ONLY type::record('user', $key)")
        .bind(("key", user.id.to_string()))
        .await
        .unwrap()
        .take::<Option<String>>(0)
        .unwrap()
}

/// A copy of the database (a backup, an export) holds no usable secret:
/// each is sealed with the server's key, for its own account.
#[tokio::test]
async fn second_factor_secrets_are_sealed_with_the_server_key() {
    use server::security::secret_key::SecretKey;
    let key_hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    let store = SurrealStore::with_secret_key(
        support::demo_store().await.db().clone(),
        SecretKey::from_hex(key_hex).unwrap(),
    );
    let secret = enrol(&store, Role::Staff).await;
    let user = signed_in_with(&store, Role::Staff, &secret).await;
    let stored = stored_secret(&store, &user).await.unwrap();
    assert!(stored.starts_with("sealed:v1:"), "{stored}");
    assert!(!stored.contains(&secret));
    let export = support::export(store.db()).await;
    assert!(
        !export.contains(&secret),
        "no export holds a secret in clear"
    );

    // A secret stored in clear by an earlier version is sealed at start.
    let admin = signed_in(&store, Role::Admin).await;
    let planted = totp::new_secret().unwrap();
    store
        .db()
        .query("UPDATE type::record('user', $key) SET totp_secret = $secret")
        .bind(("key", admin.id.to_string()))
        .bind(("secret", planted.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(store.seal_second_factors().await.unwrap(), 1);
    assert!(stored_secret(&store, &admin)
        .await
        .unwrap()
        .starts_with("sealed:v1:"));
    assert_eq!(store.seal_second_factors().await.unwrap(), 0, "once");
    let code = totp::code_at(&planted, now() + 30).unwrap();
    let a = account(Role::Admin);
    let SignInOutcome::NeedsSecondFactor { token } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!("the code is asked for");
    };
    assert!(matches!(
        store
            .complete_sign_in(&token, &app_code(&code), "t")
            .await
            .unwrap(),
        SignInOutcome::SignedIn { .. }
    ));

    // Started with another key, the server refuses to start rather than
    // refuse every code.
    let other = SurrealStore::with_secret_key(store.db().clone(), SecretKey::generate().unwrap());
    let error = other.seal_second_factors().await.unwrap_err().to_string();
    assert!(
        error.contains("does not open with this server's secret key"),
        "{error}"
    );
}

/// Turns the factor on for `role`; answers the secret and the recovery codes.
async fn enrol_with_codes(store: &SurrealStore, role: Role) -> (String, Vec<String>) {
    let user = signed_in(store, role).await;
    let setup = store.begin_totp(&user).await.unwrap().unwrap();
    let code = totp::code_at(&setup.secret, now()).unwrap();
    let CodeOutcome::Accepted(codes) = store.confirm_totp(&user, &code, "t").await.unwrap() else {
        panic!("the code of the new secret turns it on");
    };
    (setup.secret, codes)
}

/// The code step with the password already given; answers its outcome.
async fn code_step(
    store: &SurrealStore,
    role: Role,
    code: &shared::SecondFactorCode,
) -> SignInOutcome {
    let a = account(role);
    let SignInOutcome::NeedsSecondFactor { token } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!("the code is asked for");
    };
    store.complete_sign_in(&token, code, "t").await.unwrap()
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_is_stored_only_as_a_hash() {
    let store = support::demo_store().await;
    let (_, codes) = enrol_with_codes(&store, Role::Staff).await;
    assert_eq!(codes.len(), shared::RECOVERY_CODES);
    let export = support::export(store.db()).await;
    for code in &codes {
        assert!(
            !export.contains(code.as_str()),
            "no code is stored in clear"
        );
    }
    // Typed as shown, in lower case, with its dashes.
    let typed = shared::format_recovery_code(&codes[0]).to_lowercase();
    let code = shared::parse_second_factor_code(&typed).unwrap();
    let SignInOutcome::SignedIn { user, .. } = code_step(&store, Role::Staff, &code).await else {
        panic!("a recovery code replaces the app's code");
    };
    assert_eq!(store.recovery_codes_left(&user).await.unwrap(), 9);
    assert_eq!(
        code_step(&store, Role::Staff, &code).await,
        SignInOutcome::Refused,
        "a recovery code works once"
    );
    let invented = shared::parse_second_factor_code("AAAA-BBBB-CCCC-DDDD").unwrap();
    assert_eq!(
        code_step(&store, Role::Staff, &invented).await,
        SignInOutcome::Refused
    );
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("sign_in.recovery_code".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        log.items.len(),
        1,
        "the admins see a recovery code was used"
    );
}

#[tokio::test]
async fn the_same_recovery_code_sent_twice_at_once_signs_in_once() {
    let store = support::demo_store().await;
    let (_, codes) = enrol_with_codes(&store, Role::Admin).await;
    let code = shared::SecondFactorCode::Recovery(codes[3].clone());
    let (a, b) = tokio::join!(
        code_step(&store, Role::Admin, &code),
        code_step(&store, Role::Admin, &code)
    );
    let signed_in = [&a, &b]
        .iter()
        .filter(|o| matches!(o, SignInOutcome::SignedIn { .. }))
        .count();
    assert_eq!(signed_in, 1, "{a:?} {b:?}");
}

#[tokio::test]
async fn new_recovery_codes_replace_the_old_and_turning_off_clears_them() {
    let store = support::demo_store().await;
    let (_, codes) = enrol_with_codes(&store, Role::Campaigner).await;
    let user = signed_in_with_code(&store, Role::Campaigner, &codes[0]).await;
    let wrong = shared::SecondFactorCode::Recovery(codes[0].clone());
    assert_eq!(
        store
            .renew_recovery_codes(&user, &wrong, "t")
            .await
            .unwrap(),
        CodeOutcome::Refused,
        "a used code renews nothing"
    );
    let CodeOutcome::Accepted(renewed) = store
        .renew_recovery_codes(
            &user,
            &shared::SecondFactorCode::Recovery(codes[1].clone()),
            "t",
        )
        .await
        .unwrap()
    else {
        panic!("a held code renews them");
    };
    assert_eq!(store.recovery_codes_left(&user).await.unwrap(), 10);
    let old = shared::SecondFactorCode::Recovery(codes[2].clone());
    assert_eq!(
        code_step(&store, Role::Campaigner, &old).await,
        SignInOutcome::Refused,
        "the old codes are gone"
    );
    // Turned off with a recovery code (the phone is lost): no code is left.
    let user = signed_in_with_code(&store, Role::Campaigner, &renewed[0]).await;
    assert!(store
        .disable_totp(
            &user,
            &shared::SecondFactorCode::Recovery(renewed[1].clone()),
            "t"
        )
        .await
        .unwrap()
        .is_accepted());
    assert_eq!(store.recovery_codes_left(&user).await.unwrap(), 0);
}

#[tokio::test]
async fn guessing_codes_on_the_account_page_is_throttled() {
    let store = support::demo_store().await;
    let (_, codes) = enrol_with_codes(&store, Role::Staff).await;
    let user = signed_in_with_code(&store, Role::Staff, &codes[0]).await;
    let mut outcomes = Vec::new();
    for guess in 0..8 {
        let code = app_code(&format!("{guess:06}"));
        outcomes.push(store.disable_totp(&user, &code, "t").await.unwrap());
    }
    assert!(
        matches!(outcomes.last(), Some(CodeOutcome::Throttled { .. })),
        "{outcomes:?}"
    );
    // Throttled, even a right code waits.
    let right = shared::SecondFactorCode::Recovery(codes[1].clone());
    assert!(matches!(
        store
            .renew_recovery_codes(&user, &right, "t")
            .await
            .unwrap(),
        CodeOutcome::Throttled { .. }
    ));
}

async fn signed_in_with_code(store: &SurrealStore, role: Role, code: &str) -> CurrentUser {
    match code_step(
        store,
        role,
        &shared::SecondFactorCode::Recovery(code.to_owned()),
    )
    .await
    {
        SignInOutcome::SignedIn { user, .. } => user,
        other => panic!("{other:?}"),
    }
}
