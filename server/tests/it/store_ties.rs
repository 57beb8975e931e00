//! Relations between organisations kept by staff on a real database: a
//! partnership or a membership of a network added, ended (kept as the past,
//! gone from the graph of today, there with the past), deleted; never more
//! open than either organisation; a hidden one is not the actor's to touch;
//! the lists the graph walk trusts follow every write.

use crate::store_link_lists::assert_lists_follow;
use crate::support;
use app::accounts::store::AuditLog as _;
use app::directory::store::{Editing, Profiles, Ties};
use app::error::WorkError;
use app::graph::store::Traversal;
use shared::graph::NodeId;
use shared::{OrgEditForm, OrgId, Role, TieForm, TieKind, Visibility};

fn org(key: &str) -> OrgId {
    OrgId::parse(key).unwrap()
}

fn tie(kind: &str, other: &str, level: &str) -> shared::NewTie {
    TieForm {
        kind: kind.into(),
        organisation: other.into(),
        role: "Joint trial observation".into(),
        since: "2019".into(),
        visibility: level.into(),
        ..TieForm::default()
    }
    .check()
    .unwrap()
}

async fn neighbours(
    store: &server::store::SurrealStore,
    viewer: &shared::Viewer,
    key: &str,
    past: bool,
) -> Vec<String> {
    let start = NodeId::parse(&format!("organisation:{key}")).unwrap();
    let n = if past {
        store.neighbourhood_with_past(viewer, &start, 1).await
    } else {
        store.neighbourhood(viewer, &start, 1).await
    }
    .unwrap()
    .unwrap();
    let mut ids: Vec<String> = n
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == "partner_of")
        .map(|e| e.other_end(&start).to_string())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_partnership_ends_and_leaves_the_graph_of_today_but_not_the_past() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    assert!(neighbours(&store, &staff.viewer, "midh", false)
        .await
        .contains(&"organisation:uatc".to_owned()));
    // Named from either end: the partnership was recorded from MIDH.
    store
        .end_tie(&staff, &org("uatc"), TieKind::PartnerOf, &org("midh"), 2025)
        .await
        .unwrap();
    assert_lists_follow(store.db(), "after a partnership ended").await;
    assert!(!neighbours(&store, &staff.viewer, "midh", false)
        .await
        .contains(&"organisation:uatc".to_owned()));
    assert!(neighbours(&store, &staff.viewer, "midh", true)
        .await
        .contains(&"organisation:uatc".to_owned()));
    let page = store
        .organisation(&support::member(), &org("midh"))
        .await
        .unwrap()
        .unwrap();
    let ended = page
        .ties
        .iter()
        .find(|t| t.other.id.as_str() == "uatc")
        .expect("kept as the past");
    assert_eq!(ended.until, Some(2025));
    assert!(
        !page.partners.iter().any(|p| p.id.as_str() == "uatc"),
        "not a partner today"
    );
    // Ending it before it began is refused on the year.
    store
        .set_tie(&staff, &org("midh"), &tie("partner-of", "ciddh", "public"))
        .await
        .unwrap();
    match store
        .end_tie(
            &staff,
            &org("midh"),
            TieKind::PartnerOf,
            &org("ciddh"),
            2010,
        )
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "until"),
        other => panic!("{other:?}"),
    }
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["organisation.tie", "organisation.tie_end"],
        "newest first; the refusal wrote nothing"
    );
}

#[tokio::test]
async fn a_relation_is_never_more_open_than_either_organisation() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    // A staff-only organisation, made for the test.
    let form = OrgEditForm {
        name: Some("Quiet Partner Foundation".into()),
        kind: Some("partner".into()),
        visibility: Some("staff".into()),
        description_lang: "en".into(),
        ..OrgEditForm::default()
    };
    let quiet = store
        .create_organisation(&staff, &form.check_new(Role::Staff).unwrap(), true)
        .await
        .unwrap();
    store
        .set_tie(
            &staff,
            &org("midh"),
            &tie("partner-of", quiet.as_str(), "public"),
        )
        .await
        .unwrap();
    let as_staff = store
        .organisation(&staff.viewer, &org("midh"))
        .await
        .unwrap()
        .unwrap();
    let t = as_staff.ties.iter().find(|t| t.other.id == quiet).unwrap();
    assert_eq!(t.visibility, Visibility::Staff, "the stricter end's level");
    // The network reads MIDH, never the relation nor the partner.
    let as_member = store
        .organisation(&support::member(), &org("midh"))
        .await
        .unwrap()
        .unwrap();
    assert!(!as_member.ties.iter().any(|t| t.other.id == quiet));
    assert!(!neighbours(&store, &support::member(), "midh", true)
        .await
        .contains(&format!("organisation:{quiet}")));
    assert_lists_follow(store.db(), "after a staff-only partnership").await;
}

#[tokio::test]
async fn a_hidden_relation_or_organisation_is_not_the_actors_to_touch() {
    let store = support::demo_store().await;
    let admin = support::actor(&store, Role::Admin).await;
    let staff = support::actor(&store, Role::Staff).await;
    store
        .set_tie(
            &admin,
            &org("midh"),
            &tie("member-of", "omct", "restricted"),
        )
        .await
        .unwrap();
    // The relation is restricted: staff neither change, end nor delete it.
    for result in [
        store
            .set_tie(&staff, &org("midh"), &tie("member-of", "omct", "staff"))
            .await,
        store
            .end_tie(&staff, &org("midh"), TieKind::MemberOf, &org("omct"), 2025)
            .await,
        store
            .delete_tie(&staff, &org("midh"), TieKind::MemberOf, &org("omct"))
            .await,
    ] {
        assert!(matches!(result, Err(WorkError::NotFound)), "{result:?}");
    }
    // Above one's clearance, about oneself, about an unknown organisation.
    match store
        .set_tie(
            &staff,
            &org("midh"),
            &tie("partner-of", "fidh", "restricted"),
        )
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "visibility"),
        other => panic!("{other:?}"),
    }
    match store
        .set_tie(&staff, &org("midh"), &tie("partner-of", "midh", "public"))
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "organisation"),
        other => panic!("{other:?}"),
    }
    match store
        .set_tie(
            &staff,
            &org("midh"),
            &tie("partner-of", "no-such-org", "public"),
        )
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "organisation"),
        other => panic!("{other:?}"),
    }
    // The admin deletes the mistake; it is gone, and the lists follow.
    store
        .delete_tie(&admin, &org("midh"), TieKind::MemberOf, &org("omct"))
        .await
        .unwrap();
    let page = store
        .organisation(&admin.viewer, &org("midh"))
        .await
        .unwrap()
        .unwrap();
    assert!(!page
        .ties
        .iter()
        .any(|t| t.kind == TieKind::MemberOf && t.other.id.as_str() == "omct"));
    assert_lists_follow(store.db(), "after a relation deleted").await;
}
