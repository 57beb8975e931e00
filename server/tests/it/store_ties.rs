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
        .end_tie(
            &staff,
            &org("uatc"),
            TieKind::PartnerOf,
            &org("midh"),
            2025,
            None,
        )
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
            None,
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
async fn a_hidden_relation_is_neither_touched_nor_betrayed_by_a_write_beside_it() {
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
    let restricted_edge = || async {
        let rows: Vec<(String, Option<i64>)> = store
            .db()
            .query(
                "SELECT VALUE [visibility, until] FROM member_of
                 WHERE in = organisation:midh AND out = organisation:omct",
            )
            .await
            .unwrap()
            .take::<Vec<serde_json::Value>>(0)
            .unwrap()
            .into_iter()
            .map(|v| (v[0].as_str().unwrap().to_owned(), v[1].as_i64()))
            .collect();
        rows
    };
    // The relation is restricted: staff can neither end nor delete it, and
    // the answer is the one for a pair with no relation at all.
    for result in [
        store
            .end_tie(
                &staff,
                &org("midh"),
                TieKind::MemberOf,
                &org("omct"),
                2025,
                None,
            )
            .await,
        store
            .delete_tie(&staff, &org("midh"), TieKind::MemberOf, &org("omct"), None)
            .await,
    ] {
        assert!(matches!(result, Err(WorkError::NotFound)), "{result:?}");
    }
    for result in [
        store
            .end_tie(
                &staff,
                &org("midh"),
                TieKind::PartnerOf,
                &org("fidh"),
                2025,
                None,
            )
            .await,
        store
            .delete_tie(&staff, &org("midh"), TieKind::PartnerOf, &org("fidh"), None)
            .await,
    ] {
        assert!(matches!(result, Err(WorkError::NotFound)), "{result:?}");
    }
    // Staff adding the membership they know of write theirs beside it,
    // exactly as on a pair with none: nothing tells them of the other.
    store
        .set_tie(&staff, &org("midh"), &tie("member-of", "omct", "staff"))
        .await
        .unwrap();
    let mut levels = restricted_edge().await;
    levels.sort();
    assert_eq!(
        levels,
        vec![("restricted".to_owned(), None), ("staff".to_owned(), None)],
        "the restricted relation is kept as it was, the staff one beside it"
    );
    let as_staff = store
        .organisation(&staff.viewer, &org("midh"))
        .await
        .unwrap()
        .unwrap();
    let seen: Vec<Visibility> = as_staff
        .ties
        .iter()
        .filter(|t| t.kind == TieKind::MemberOf && t.other.id.as_str() == "omct")
        .map(|t| t.visibility)
        .collect();
    assert_eq!(seen, vec![Visibility::Staff], "staff read only theirs");
    // Staff end theirs: the restricted one does not end with it.
    store
        .end_tie(
            &staff,
            &org("midh"),
            TieKind::MemberOf,
            &org("omct"),
            2025,
            None,
        )
        .await
        .unwrap();
    let mut levels = restricted_edge().await;
    levels.sort();
    assert_eq!(
        levels,
        vec![
            ("restricted".to_owned(), None),
            ("staff".to_owned(), Some(2025))
        ]
    );
    // The admin reads both and names the one a write is for.
    let as_admin = store
        .organisation(&admin.viewer, &org("midh"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        as_admin
            .ties
            .iter()
            .filter(|t| t.kind == TieKind::MemberOf && t.other.id.as_str() == "omct")
            .count(),
        2
    );
    store
        .delete_tie(
            &admin,
            &org("midh"),
            TieKind::MemberOf,
            &org("omct"),
            Some(Visibility::Staff),
        )
        .await
        .unwrap();
    assert_eq!(
        restricted_edge().await,
        vec![("restricted".to_owned(), None)]
    );
    assert_lists_follow(store.db(), "after writes beside a hidden relation").await;
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
        .delete_tie(&admin, &org("midh"), TieKind::MemberOf, &org("omct"), None)
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

#[tokio::test]
async fn the_history_shows_a_relation_only_to_those_who_may_read_it() {
    let store = support::demo_store().await;
    let admin = support::actor(&store, Role::Admin).await;
    let form = OrgEditForm {
        name: Some("Safe Harbour Collective".into()),
        kind: Some("partner".into()),
        visibility: Some("restricted".into()),
        description_lang: "en".into(),
        ..OrgEditForm::default()
    };
    let hidden = store
        .create_organisation(&admin, &form.check_new(Role::Admin).unwrap(), true)
        .await
        .unwrap();
    store
        .set_tie(
            &admin,
            &org("midh"),
            &tie("partner-of", hidden.as_str(), "public"),
        )
        .await
        .unwrap();
    store
        .end_tie(
            &admin,
            &org("midh"),
            TieKind::PartnerOf,
            &hidden,
            2025,
            None,
        )
        .await
        .unwrap();
    let history = |viewer: shared::Viewer| {
        let store = &store;
        async move {
            store
                .organisation_history(&viewer, &org("midh"))
                .await
                .unwrap()
        }
    };
    let as_admin = history(support::admin()).await;
    assert_eq!(
        as_admin
            .iter()
            .filter(|e| e.action.starts_with("organisation.tie"))
            .count(),
        2
    );
    for viewer in [support::member(), support::staff()] {
        let lines = history(viewer).await;
        assert!(
            !lines
                .iter()
                .any(|e| e.action.starts_with("organisation.tie")),
            "a restricted relation in the history: {lines:?}"
        );
        let text = format!("{lines:?}");
        assert!(!text.contains(hidden.as_str()));
    }
}

#[tokio::test]
async fn a_duplicate_merged_into_its_original_brings_its_relations_and_leads_there() {
    use app::directory::store::Merging;
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = OrgEditForm {
        name: Some("Mouvement ivoirien des droits humains (doublon)".into()),
        kind: Some("member".into()),
        country: Some("ci".into()),
        visibility: Some("public".into()),
        description_lang: "en".into(),
        ..OrgEditForm::default()
    };
    let copy = store
        .create_organisation(&staff, &form.check_new(Role::Staff).unwrap(), true)
        .await
        .unwrap();
    store
        .set_tie(&staff, &copy, &tie("partner-of", "fidh", "public"))
        .await
        .unwrap();
    // The copy also partners the original's partner: that one stays once.
    store
        .set_tie(&staff, &copy, &tie("partner-of", "uatc", "public"))
        .await
        .unwrap();
    let version_before = store
        .organisation(&support::member(), &org("midh"))
        .await
        .unwrap()
        .unwrap()
        .version;
    store
        .merge_organisations(&staff, &org("midh"), &copy)
        .await
        .unwrap();
    assert!(store
        .organisation(&support::admin(), &copy)
        .await
        .unwrap()
        .is_none());
    let midh = store
        .organisation(&support::member(), &org("midh"))
        .await
        .unwrap()
        .unwrap();
    let partners: Vec<&str> = midh.partners.iter().map(|p| p.id.as_str()).collect();
    assert!(partners.contains(&"fidh"), "{partners:?}");
    assert_eq!(partners.iter().filter(|p| **p == "uatc").count(), 1);
    assert!(
        midh.other_names.iter().any(|n| n.contains("doublon")),
        "the gone name kept"
    );
    // A new version: an edit opened before the merge cannot write the
    // names back without the merged one.
    assert!(midh.version > version_before);
    assert_lists_follow(store.db(), "after a merge").await;
    // The old address leads to the original for those who could read it.
    assert_eq!(
        store
            .moved_organisation(&support::member(), &copy)
            .await
            .unwrap(),
        Some(org("midh"))
    );
    // Its page answers with a redirect to the original.
    let store = std::sync::Arc::new(store);
    let app = crate::support::http::router_on(store.clone());
    let (status, headers, _) =
        crate::support::http::get_with(&app, &format!("/organisations/{copy}"), &[]).await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(headers["location"], "/organisations/midh");
    let log = store
        .audit_log(&shared::AuditFilter {
            action: Some("organisation.merge".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    assert!(
        format!("{:?}", log.items[0].changes).contains("doublon"),
        "history kept"
    );
}

#[tokio::test]
async fn a_merge_never_opens_a_record_nor_reaches_a_hidden_one() {
    use app::directory::store::Merging;
    let store = support::demo_store().await;
    let admin = support::actor(&store, Role::Admin).await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = OrgEditForm {
        name: Some("Closed Circle of Lawyers".into()),
        kind: Some("partner".into()),
        visibility: Some("staff".into()),
        description_lang: "en".into(),
        ..OrgEditForm::default()
    };
    let closed = store
        .create_organisation(&staff, &form.check_new(Role::Staff).unwrap(), true)
        .await
        .unwrap();
    // Into a public record: its name would become public.
    match store
        .merge_organisations(&staff, &org("midh"), &closed)
        .await
    {
        Err(WorkError::Invalid(p)) => assert_eq!(
            (p[0].field.as_str(), &p[0].problem),
            ("gone", &shared::Problem::MergeOpens)
        ),
        other => panic!("{other:?}"),
    }
    // A restricted record the staff member may not read: as if absent.
    let secret = OrgEditForm {
        name: Some("Hidden Shelter".into()),
        kind: Some("partner".into()),
        visibility: Some("restricted".into()),
        description_lang: "en".into(),
        ..OrgEditForm::default()
    };
    let secret = store
        .create_organisation(&admin, &secret.check_new(Role::Admin).unwrap(), true)
        .await
        .unwrap();
    match store.merge_organisations(&staff, &closed, &secret).await {
        Err(WorkError::Invalid(p)) => assert_eq!(p[0].field, "gone"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        store.merge_organisations(&staff, &secret, &closed).await,
        Err(WorkError::NotFound)
    ));
    // The admin merges the staff record into the restricted one: the old
    // address leads there only for those who read both.
    store
        .merge_organisations(&admin, &secret, &closed)
        .await
        .unwrap();
    assert_eq!(
        store
            .moved_organisation(&support::staff(), &closed)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .moved_organisation(&support::admin(), &closed)
            .await
            .unwrap(),
        Some(secret)
    );
}

#[tokio::test]
async fn an_organisations_timeline_shows_each_reader_what_they_may_read() {
    use app::observation::store::Trials;
    let store = support::demo_store().await;
    let timeline = |viewer: shared::Viewer| {
        let store = &store;
        async move {
            store
                .organisation(&viewer, &org("omct"))
                .await
                .unwrap()
                .unwrap()
                .timeline
        }
    };
    let as_admin = timeline(support::admin()).await;
    let kinds: Vec<&str> = as_admin.iter().map(|e| e.kind.as_str()).collect();
    for kind in ["supporter", "organiser", "member", "partner"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let dated: Vec<_> = as_admin.iter().filter_map(|e| e.on).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "in date order");
    for viewer in [support::anonymous(), support::member(), support::staff()] {
        let lines = timeline(viewer.clone()).await;
        assert!(lines.len() <= as_admin.len());
        for line in &lines {
            if let Some(key) = line.record.strip_prefix("trial:") {
                let trial = store
                    .trial(&viewer, &shared::TrialId::parse(key).unwrap())
                    .await
                    .unwrap();
                assert!(trial.is_some(), "{} leaks a hidden trial", line.title);
            }
        }
    }
    let public = timeline(support::anonymous()).await;
    assert!(public.len() < as_admin.len(), "some lines are not public");
}
