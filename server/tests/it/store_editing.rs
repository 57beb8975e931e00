//! Editing profiles on a real database: who may change what, stale edits,
//! and the before/after kept in the audit log and shown as history.

use crate::support;
use app::accounts::store::SignInOutcome;
use app::accounts::store::{AuditLog, Sessions};
use app::directory::store::EditError;
use app::directory::store::Editing;
use app::directory::store::Profiles;
use server::seed::accounts::DEMO_ACCOUNTS;
use server::store::SurrealStore;
use shared::{CurrentUser, OrgEditForm, OrgId, Role, Viewer, Visibility};

async fn session(store: &SurrealStore, role: Role) -> (CurrentUser, Viewer) {
    let account = DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap();
    let SignInOutcome::SignedIn { token, .. } = store
        .sign_in(account.email, account.password, "test")
        .await
        .unwrap()
    else {
        panic!("sign in");
    };
    let s = store.session(&token).await.unwrap().unwrap();
    let viewer = s.viewer();
    (s.user, viewer)
}

async fn form_for(store: &SurrealStore, viewer: &Viewer, key: &str) -> OrgEditForm {
    let org = store
        .organisation(viewer, &OrgId::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap();
    OrgEditForm {
        version: org.version.to_string(),
        name: Some(org.name),
        acronym: org.acronym,
        city: org.city.unwrap_or_default(),
        website: org.website.unwrap_or_default(),
        email: org.email.unwrap_or_default(),
        description: org.description.text,
        description_lang: org.description.lang,
        visibility: Some(org.visibility.as_str().to_owned()),
        ..OrgEditForm::default()
    }
}

#[tokio::test]
async fn a_member_edits_its_own_organisation_and_the_change_is_audited() {
    let store = support::demo_store().await;
    let (member, viewer) = session(&store, Role::Member).await;
    let midh = OrgId::parse("midh").unwrap();
    let mut form = form_for(&store, &viewer, "midh").await;
    let old_city = form.city.clone();
    form.city = "Bouaké".into();
    form.email = "contact@midh.example".into();
    // A member cannot rename or reclassify, whatever the form says.
    form.name = Some("Hijacked".into());
    form.visibility = Some("restricted".into());
    let edit = form.check(member.role).unwrap();
    store
        .update_organisation(&member, &viewer, &midh, &edit, "192.0.2.10")
        .await
        .unwrap();

    let after = store
        .organisation(&Viewer::anonymous(), &midh)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.city.as_deref(), Some("Bouaké"));
    assert_eq!(after.email.as_deref(), Some("contact@midh.example"));
    assert_eq!(after.name, "Mouvement Ivoirien des Droits Humains");
    assert_eq!(after.visibility, Visibility::Public);
    assert_eq!(after.version, 1);

    let history = store.organisation_history(&viewer, &midh).await.unwrap();
    assert_eq!(history.len(), 1);
    let entry = &history[0];
    assert_eq!(entry.action, "organisation.update");
    // Who made the change: a name for those signed in, a role for anyone
    // else, the e-mail address only for admins.
    assert_eq!(entry.actor.as_deref(), Some(member.name.as_str()));
    let for_anonymous = store
        .organisation_history(&Viewer::anonymous(), &midh)
        .await
        .unwrap();
    assert_eq!(for_anonymous[0].actor.as_deref(), Some("a network member"));
    let for_admin = store
        .organisation_history(&support::admin(), &midh)
        .await
        .unwrap();
    assert_eq!(for_admin[0].actor.as_deref(), Some("member@example.org"));
    for shown in [&history, &for_anonymous] {
        assert!(
            shown
                .iter()
                .all(|e| !e.actor.as_deref().unwrap_or("").contains('@')),
            "{shown:?}"
        );
    }
    let city = entry.changes.iter().find(|c| c.field == "city").unwrap();
    assert_eq!(city.before, Some(old_city).filter(|c| !c.is_empty()));
    assert_eq!(city.after.as_deref(), Some("Bouaké"));
    assert_eq!(
        entry.changes.len(),
        2,
        "only changed fields: {:?}",
        entry.changes
    );
}

#[tokio::test]
async fn a_member_cannot_edit_another_organisation() {
    let store = support::demo_store().await;
    let (member, viewer) = session(&store, Role::Member).await;
    let form = form_for(&store, &viewer, "omct").await;
    let edit = form.check(member.role).unwrap();
    let refused = store
        .update_organisation(&member, &viewer, &OrgId::parse("omct").unwrap(), &edit, "x")
        .await;
    assert_eq!(refused, Err(EditError::Forbidden));
}

#[tokio::test]
async fn nobody_edits_what_they_cannot_see() {
    let store = support::demo_store().await;
    let (staff, _) = session(&store, Role::Staff).await;
    let (_, admin_view) = session(&store, Role::Admin).await;
    let staff_no_grant = Viewer::with_clearance(Visibility::Staff);
    let restricted = support::demo_data()
        .orgs
        .iter()
        .find(|o| o.visibility == Visibility::Restricted)
        .unwrap();
    let form = form_for(&store, &admin_view, &restricted.key).await;
    let edit = form.check(Role::Staff).unwrap();
    let id = OrgId::parse(&restricted.key).unwrap();
    let refused = store
        .update_organisation(&staff, &staff_no_grant, &id, &edit, "x")
        .await;
    assert_eq!(
        refused,
        Err(EditError::NotFound),
        "same answer as a missing record"
    );
    let missing = store
        .update_organisation(
            &staff,
            &staff_no_grant,
            &OrgId::parse("no-such-org").unwrap(),
            &edit,
            "x",
        )
        .await;
    assert_eq!(missing, Err(EditError::NotFound));
    assert!(store
        .organisation_history(&staff_no_grant, &id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_names_who_saved_first() {
    let store = support::demo_store().await;
    let (staff, staff_view) = session(&store, Role::Staff).await;
    let (member, member_view) = session(&store, Role::Member).await;
    let midh = OrgId::parse("midh").unwrap();
    let opened_by_staff = form_for(&store, &staff_view, "midh").await;
    let mut by_member = form_for(&store, &member_view, "midh").await;
    by_member.description = "Texte revu par le MIDH.".into();
    store
        .update_organisation(
            &member,
            &member_view,
            &midh,
            &by_member.check(Role::Member).unwrap(),
            "x",
        )
        .await
        .unwrap();

    let mut late = opened_by_staff.clone();
    late.description = "Staff text written on the old version.".into();
    let refused = store
        .update_organisation(
            &staff,
            &staff_view,
            &midh,
            &late.check(Role::Staff).unwrap(),
            "x",
        )
        .await;
    match refused {
        Err(EditError::Stale { by, at }) => {
            assert_eq!(
                by.as_deref(),
                Some(member.name.as_str()),
                "a name, not an address"
            );
            assert!(at.is_some());
        }
        other => panic!("{other:?}"),
    }
    let kept = store
        .organisation(&staff_view, &midh)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.description.text, "Texte revu par le MIDH.",
        "nothing overwritten"
    );
    assert!(
        kept.description.translations.is_empty(),
        "translations of the old text are dropped"
    );
}

#[tokio::test]
async fn staff_change_who_may_see_a_record() {
    let store = support::demo_store().await;
    let (staff, staff_view) = session(&store, Role::Staff).await;
    let forsc = OrgId::parse("forsc").unwrap();
    let mut form = form_for(&store, &staff_view, "forsc").await;
    form.visibility = Some("staff".into());
    form.acronym = Some(String::new());
    store
        .update_organisation(
            &staff,
            &staff_view,
            &forsc,
            &form.check(Role::Staff).unwrap(),
            "x",
        )
        .await
        .unwrap();
    assert!(store
        .organisation(&Viewer::anonymous(), &forsc)
        .await
        .unwrap()
        .is_none());
    let seen = store
        .organisation(&staff_view, &forsc)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen.acronym, None, "an emptied field is cleared");
    let entry = &store
        .organisation_history(&staff_view, &forsc)
        .await
        .unwrap()[0];
    let vis = entry
        .changes
        .iter()
        .find(|c| c.field == "visibility")
        .unwrap();
    assert_eq!(
        (vis.before.as_deref(), vis.after.as_deref()),
        (Some("public"), Some("staff"))
    );
}

#[tokio::test]
async fn the_audit_log_filters_by_action_actor_and_record() {
    let store = support::demo_store().await;
    let (member, viewer) = session(&store, Role::Member).await;
    let mut form = form_for(&store, &viewer, "midh").await;
    form.city = "Yamoussoukro".into();
    store
        .update_organisation(
            &member,
            &viewer,
            &OrgId::parse("midh").unwrap(),
            &form.check(Role::Member).unwrap(),
            "x",
        )
        .await
        .unwrap();
    let all = store
        .audit_log(&shared::AuditFilter::default())
        .await
        .unwrap();
    assert!(
        all.total >= 7,
        "user creations, grant, sign-in, edit: {}",
        all.total
    );
    assert_eq!(all.items[0].action, "organisation.update", "newest first");
    let edits = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(edits.total, 1);
    let by_member = store
        .audit_log(&shared::AuditFilter {
            actor: Some("MEMBER@".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(by_member
        .items
        .iter()
        .all(|e| e.actor.as_deref() == Some("member@example.org")));
    let on_midh = store
        .audit_log(&shared::AuditFilter {
            target: Some("organisation:midh".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(on_midh.total, 1);
    let today = chrono::Utc::now().date_naive();
    let future = store
        .audit_log(&shared::AuditFilter {
            from: today.succ_opt(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(future.total, 0);
    let until_today = store
        .audit_log(&shared::AuditFilter {
            to: Some(today),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(until_today.total, all.total);
}

/// Nobody moves a record above their own clearance, and only an admin opens
/// a restricted record to more readers: a staff member granted one
/// restricted record may edit it, not publish it.
#[tokio::test]
async fn levels_move_only_within_clearance_and_restricted_records_open_only_by_admins() {
    let store = support::demo_store().await;
    let (campaigner, campaigner_view) = session(&store, Role::Campaigner).await;
    let (staff, staff_view) = session(&store, Role::Staff).await;
    let (admin, admin_view) = session(&store, Role::Admin).await;
    let midh = OrgId::parse("midh").unwrap();
    let mut hide = form_for(&store, &campaigner_view, "midh").await;
    hide.visibility = Some("restricted".into());
    let refused = store
        .update_organisation(
            &campaigner,
            &campaigner_view,
            &midh,
            &hide.check(Role::Campaigner).unwrap(),
            "x",
        )
        .await;
    assert!(matches!(refused, Err(EditError::Forbidden)), "{refused:?}");

    // The restricted record the demo staff account was granted.
    let granted = staff_view
        .grants()
        .iter()
        .find_map(|g| g.strip_prefix("organisation:"))
        .expect("the demo staff account holds a grant")
        .to_owned();
    let granted = OrgId::parse(&granted).unwrap();
    let mut open = form_for(&store, &staff_view, granted.as_str()).await;
    assert_eq!(open.visibility.as_deref(), Some("restricted"));
    open.visibility = Some("public".into());
    let refused = store
        .update_organisation(
            &staff,
            &staff_view,
            &granted,
            &open.clone().check(Role::Staff).unwrap(),
            "x",
        )
        .await;
    assert!(matches!(refused, Err(EditError::Forbidden)), "{refused:?}");
    assert!(store
        .organisation(&Viewer::anonymous(), &granted)
        .await
        .unwrap()
        .is_none());
    // The same staff member may still edit it while it stays restricted.
    let mut edit = form_for(&store, &staff_view, granted.as_str()).await;
    edit.description = "Reviewed by the secretariat.".into();
    store
        .update_organisation(
            &staff,
            &staff_view,
            &granted,
            &edit.check(Role::Staff).unwrap(),
            "x",
        )
        .await
        .unwrap();

    // An admin may, and the change of level is in the record's history.
    let mut open = form_for(&store, &admin_view, granted.as_str()).await;
    open.visibility = Some("network".into());
    store
        .update_organisation(
            &admin,
            &admin_view,
            &granted,
            &open.check(Role::Admin).unwrap(),
            "x",
        )
        .await
        .unwrap();
    let history = store
        .organisation_history(&admin_view, &granted)
        .await
        .unwrap();
    let level = history[0]
        .changes
        .iter()
        .find(|c| c.field == "visibility")
        .expect("the change of level is audited");
    assert_eq!(
        (level.before.as_deref(), level.after.as_deref()),
        (Some("restricted"), Some("network"))
    );
}
