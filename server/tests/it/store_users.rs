//! Account administration on a real database: invitations (once, until they
//! expire), roles, disabling, and the admin's protection against locking
//! themselves out.

use crate::support;
use app::accounts::store::{AdminError, SignInOutcome};
use app::accounts::store::{Administration, AuditLog, Sessions};
use app::directory::store::Profiles;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::SurrealStore;
use shared::{CurrentUser, OrgId, Problem, Role};

async fn user(store: &SurrealStore, role: Role) -> CurrentUser {
    let account = DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap();
    let SignInOutcome::SignedIn { user, .. } = store
        .sign_in(account.email, account.password, "test")
        .await
        .unwrap()
    else {
        panic!()
    };
    user
}

const NEW_PASSWORD: &str = "seven brave otters in geneva";

#[tokio::test]
async fn an_invitation_opens_one_account_once() {
    let store = support::demo_store().await;
    let admin = user(&store, Role::Admin).await;
    let midh = OrgId::parse("midh").unwrap();
    let token = store
        .create_invite(
            &admin,
            "Awa@MIDH.example",
            "Awa",
            Role::Member,
            Some(&midh),
            None,
        )
        .await
        .unwrap();
    let info = store.invite_info(&token).await.unwrap().unwrap();
    assert_eq!(info.email, "awa@midh.example");
    assert_eq!((info.used, info.expired), (false, false));

    let weak = store.accept_invite(&token, "Awa", "password", "x").await;
    assert!(
        matches!(weak, Err(AdminError::Invalid(ref e)) if e.problem == Problem::TooShort { min: 15 })
    );

    let session = store
        .accept_invite(&token, "Awa Koné", NEW_PASSWORD, "192.0.2.3")
        .await
        .unwrap();
    let opened = store.session(&session).await.unwrap().unwrap();
    assert_eq!(opened.user.name, "Awa Koné");
    assert_eq!(opened.user.role, Role::Member);
    assert_eq!(opened.user.organisation, Some(midh));

    assert_eq!(
        store
            .accept_invite(&token, "Mallory", NEW_PASSWORD, "x")
            .await,
        Err(AdminError::LinkUsed)
    );
    assert!(store.invite_info(&token).await.unwrap().unwrap().used);
    assert!(store.invite_info("not-a-token").await.unwrap().is_none());
}

#[tokio::test]
async fn an_expired_invitation_opens_nothing() {
    let store = support::demo_store().await;
    let admin = user(&store, Role::Admin).await;
    let token = store
        .create_invite(&admin, "late@example.org", "Late", Role::Staff, None, None)
        .await
        .unwrap();
    store
        .db()
        .query("UPDATE invite SET expires_at = time::now() - 1s")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(store.invite_info(&token).await.unwrap().unwrap().expired);
    assert_eq!(
        store.accept_invite(&token, "Late", NEW_PASSWORD, "x").await,
        Err(AdminError::LinkExpired)
    );
}

#[tokio::test]
async fn invitations_are_checked() {
    let store = support::demo_store().await;
    let admin = user(&store, Role::Admin).await;
    assert!(matches!(
        store
            .create_invite(&admin, "member@example.org", "Dup", Role::Staff, None, None)
            .await,
        Err(AdminError::EmailTaken(_))
    ));
    assert!(matches!(
        store.create_invite(&admin, "new@example.org", "New", Role::Member, None, None).await,
        Err(AdminError::Invalid(ref e)) if e.field == "organisation"
    ));
    let unknown = store
        .create_invite(
            &admin,
            "new@example.org",
            "New",
            Role::Member,
            Some(&OrgId::parse("no-such-org").unwrap()),
            None,
        )
        .await;
    assert!(
        matches!(unknown, Err(AdminError::Invalid(ref e)) if e.field == "organisation"),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn role_changes_and_disabling_take_effect_at_once() {
    let store = support::demo_store().await;
    let admin = user(&store, Role::Admin).await;
    let account = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Campaigner)
        .unwrap();
    let SignInOutcome::SignedIn {
        token,
        user: campaigner,
    } = store
        .sign_in(account.email, account.password, "x")
        .await
        .unwrap()
    else {
        panic!()
    };
    store
        .set_role(&admin, &campaigner.id, Role::Staff, None)
        .await
        .unwrap();
    let session = store.session(&token).await.unwrap().unwrap();
    assert_eq!(
        session.user.role,
        Role::Staff,
        "the open session follows the new role"
    );

    store
        .set_disabled(&admin, &campaigner.id, true)
        .await
        .unwrap();
    assert!(store.session(&token).await.unwrap().is_none());
    let users = store.list_users().await.unwrap();
    assert!(
        users
            .iter()
            .find(|u| u.id == campaigner.id)
            .unwrap()
            .disabled
    );
    store
        .set_disabled(&admin, &campaigner.id, false)
        .await
        .unwrap();

    // An admin cannot lock themselves out.
    assert_eq!(
        store.set_role(&admin, &admin.id, Role::Member, None).await,
        Err(AdminError::NotOnYourself)
    );
    assert_eq!(
        store.set_disabled(&admin, &admin.id, true).await,
        Err(AdminError::NotOnYourself)
    );
    let log = store
        .audit_log(&shared::AuditFilter {
            target: Some(format!("user:{}", campaigner.id)),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(&actions[..3], ["user.enable", "user.disable", "user.role"]);
    let role = &log.items[2];
    let change = role.changes.iter().find(|c| c.field == "role").unwrap();
    assert_eq!(
        (change.before.as_deref(), change.after.as_deref()),
        (Some("campaigner"), Some("staff"))
    );
}

#[tokio::test]
async fn admins_grant_and_withdraw_access_to_a_restricted_record() {
    let store = support::demo_store().await;
    let admin = user(&store, Role::Admin).await;
    let restricted = support::demo_data()
        .orgs
        .iter()
        .find(|o| o.visibility == shared::Visibility::Restricted)
        .unwrap();
    let target = format!("organisation:{}", restricted.key);
    let id = OrgId::parse(&restricted.key).unwrap();
    let campaigner = account_session(&store, Role::Campaigner).await;
    assert!(store
        .organisation(&campaigner.1, &id)
        .await
        .unwrap()
        .is_none());

    store
        .grant_access(&admin, "Campaigner@example.org", &target)
        .await
        .unwrap();
    let listed: Vec<String> = store
        .access_list(&target)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(listed, ["campaigner@example.org", "staff@example.org"]);
    let again = account_session(&store, Role::Campaigner).await;
    assert!(
        store.organisation(&again.1, &id).await.unwrap().is_some(),
        "granted"
    );
    assert!(matches!(
        store.grant_access(&admin, "campaigner@example.org", &target).await,
        Err(AdminError::Invalid(ref e)) if e.problem == Problem::Taken
    ));
    assert!(
        matches!(
            store.grant_access(&admin, "member@example.org", &target).await,
            Err(AdminError::Invalid(ref e)) if e.field == "role"
        ),
        "members never read restricted records"
    );

    store
        .revoke_access(&admin, &again.0.id, &target)
        .await
        .unwrap();
    let after = account_session(&store, Role::Campaigner).await;
    assert!(
        store.organisation(&after.1, &id).await.unwrap().is_none(),
        "withdrawn"
    );
    let log = store
        .audit_log(&shared::AuditFilter {
            target: Some(target.clone()),
            action: Some("grant.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(&actions[..2], ["grant.revoke", "grant.create"]);
}

async fn account_session(store: &SurrealStore, role: Role) -> (CurrentUser, shared::Viewer) {
    let a = DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap();
    let SignInOutcome::SignedIn { token, .. } =
        store.sign_in(a.email, a.password, "t").await.unwrap()
    else {
        panic!()
    };
    let s = store.session(&token).await.unwrap().unwrap();
    let viewer = s.viewer();
    (s.user, viewer)
}
