//! Profiles, peers, countries and the home page figures, per reader.

use crate::support::{admin, anonymous, demo_data, demo_store, member, staff};
use app::directory::store::{Places, Profiles, Search};
use server::seed::dataset::EdgeKind;
use shared::{CountryCode, DirectoryQuery, OrgId, PeerReason, Viewer, Visibility};

fn id(key: &str) -> OrgId {
    OrgId::parse(key).unwrap()
}

#[tokio::test]
async fn a_profile_shows_seat_countries_themes_networks_and_partners() {
    let store = demo_store().await;
    let org = store
        .organisation(&anonymous(), &id("midh"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(org.name, "Mouvement Ivoirien des Droits Humains");
    assert_eq!(org.acronym.as_deref(), Some("MIDH"));
    assert!(!org.demo);
    assert_eq!(org.based_in.as_ref().unwrap().code.as_str(), "CI");
    assert_eq!(
        org.works_in
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        vec!["CI"]
    );
    assert!(org
        .themes
        .iter()
        .any(|t| t.id.as_str() == "torture-prevention"));
    assert_eq!(
        org.member_of
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>(),
        vec!["sos-torture"]
    );
    let partners: Vec<&str> = org.partners.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(partners, vec!["ciddh", "uatc"]);

    let forsc = store
        .organisation(&anonymous(), &id("forsc"))
        .await
        .unwrap()
        .unwrap();
    let countries: Vec<&str> = forsc.works_in.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(countries[0], "BI", "the seat comes first");
    for c in ["TD", "CD", "TG", "CI", "RW"] {
        assert!(countries.contains(&c), "{c} in {countries:?}");
    }
}

#[tokio::test]
async fn unknown_and_hidden_organisations_are_both_absent() {
    let store = demo_store().await;
    assert!(store
        .organisation(&admin(), &id("no-such-org"))
        .await
        .unwrap()
        .is_none());
    for hidden in demo_data()
        .orgs
        .iter()
        .filter(|o| o.visibility != Visibility::Public)
    {
        for viewer in [anonymous(), member(), staff(), admin()] {
            let found = store.organisation(&viewer, &id(&hidden.key)).await.unwrap();
            assert_eq!(
                found.is_some(),
                viewer.can_read(hidden.visibility),
                "{} for {viewer:?}",
                hidden.key
            );
            let peers = store.peers(&viewer, &id(&hidden.key), 50).await.unwrap();
            if !viewer.can_read(hidden.visibility) {
                assert!(
                    peers.is_empty(),
                    "peers of hidden {} leaked to {viewer:?}",
                    hidden.key
                );
            }
        }
    }
}

#[tokio::test]
async fn peers_come_with_their_reasons_and_partners_first() {
    let store = demo_store().await;
    let peers = store.peers(&anonymous(), &id("midh"), 12).await.unwrap();
    assert!(!peers.is_empty() && peers.len() <= 12);
    assert!(
        peers.iter().all(|p| p.org.id.as_str() != "midh"),
        "an organisation is not its own peer"
    );
    let ciddh = &peers[0];
    assert_eq!(
        ciddh.org.id.as_str(),
        "ciddh",
        "the partner in the same country ranks first"
    );
    assert_eq!(ciddh.reasons[0], PeerReason::Partner);
    assert!(ciddh.reasons.iter().any(
        |r| matches!(r, PeerReason::SameCountry { country } if country.code.as_str() == "CI")
    ));
    assert!(peers.iter().all(|p| !p.reasons.is_empty()));
    for peer in &peers {
        for reason in &peer.reasons {
            if let PeerReason::SharedTheme { theme } = reason {
                let midh = store
                    .organisation(&anonymous(), &id("midh"))
                    .await
                    .unwrap()
                    .unwrap();
                assert!(midh.themes.contains(theme));
            }
        }
    }
}

#[tokio::test]
async fn peers_and_partners_never_include_what_the_reader_cannot_see() {
    let store = demo_store().await;
    let data = demo_data();
    let hidden: Vec<&str> = data
        .orgs
        .iter()
        .filter(|o| o.visibility != Visibility::Public)
        .map(|o| o.key.as_str())
        .collect();
    // A confidential partnership between two public organisations.
    let secret = data
        .edges
        .iter()
        .find(|e| {
            e.kind == EdgeKind::PartnerOf
                && e.visibility == Visibility::Staff
                && data
                    .orgs
                    .iter()
                    .filter(|o| o.key == e.from.key || o.key == e.to.key)
                    .all(|o| o.visibility == Visibility::Public)
        })
        .expect("the demo data has a confidential partnership");
    let (a, b) = (secret.from.key.as_str(), secret.to.key.as_str());

    let as_anon = store
        .organisation(&anonymous(), &id(a))
        .await
        .unwrap()
        .unwrap();
    assert!(!as_anon.partners.iter().any(|p| p.id.as_str() == b));
    let as_staff = store.organisation(&staff(), &id(a)).await.unwrap().unwrap();
    assert!(as_staff.partners.iter().any(|p| p.id.as_str() == b));

    let peers = store.peers(&anonymous(), &id(a), 500).await.unwrap();
    for p in &peers {
        assert!(
            !hidden.contains(&p.org.id.as_str()),
            "hidden {} shown as a peer",
            p.org.id
        );
        if p.org.id.as_str() == b {
            assert!(
                !p.reasons.contains(&PeerReason::Partner),
                "confidential partnership revealed"
            );
        }
    }
    let staff_peers = store.peers(&staff(), &id(a), 500).await.unwrap();
    let b_peer = staff_peers
        .iter()
        .find(|p| p.org.id.as_str() == b)
        .expect("staff sees the partner");
    assert!(b_peer.reasons.contains(&PeerReason::Partner));
}

#[tokio::test]
async fn a_network_body_counts_only_visible_members() {
    let store = demo_store().await;
    let count = |v: Viewer| {
        let store = &store;
        async move {
            store
                .organisation(&v, &id("sos-torture"))
                .await
                .unwrap()
                .unwrap()
                .member_count
        }
    };
    assert_eq!(count(anonymous()).await, 303);
    assert_eq!(count(admin()).await, 311);
    assert!(count(member()).await > 303 && count(staff()).await < 311);
}

#[tokio::test]
async fn a_country_page_lists_who_is_based_and_who_works_there() {
    let store = demo_store().await;
    let ci = CountryCode::parse("CI").unwrap();
    let page = store.country(&anonymous(), &ci).await.unwrap().unwrap();
    assert_eq!(page.country.name, "Côte d'Ivoire");
    let based: Vec<&str> = page.based_here.iter().map(|o| o.id.as_str()).collect();
    let working: Vec<&str> = page.working_here.iter().map(|o| o.id.as_str()).collect();
    assert!(based.contains(&"midh") && based.contains(&"ciddh"));
    assert!(working.contains(&"forsc") && !working.contains(&"midh"));

    let in_directory = store
        .directory(
            &anonymous(),
            &DirectoryQuery {
                country: Some(ci.clone()),
                page: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .total;
    assert_eq!((based.len() + working.len()) as u64, in_directory);

    let listed = store.countries(&anonymous()).await.unwrap();
    let line = listed.iter().find(|c| c.country.code == ci).unwrap();
    assert_eq!(line.organisations, in_directory);

    let nowhere = CountryCode::parse("AQ").unwrap();
    let empty = store
        .country(&anonymous(), &nowhere)
        .await
        .unwrap()
        .unwrap();
    assert!(empty.based_here.is_empty() && empty.working_here.is_empty());
    assert!(store
        .country(&anonymous(), &CountryCode::parse("ZZ").unwrap())
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn the_home_page_figures_follow_the_reports() {
    let store = demo_store().await;
    let public = store.summary(&anonymous()).await.unwrap();
    assert_eq!(public.members, 303);
    assert_eq!(public.partners, 4);
    assert_eq!(public.newest.len(), 6);
    assert!(
        public.newest.iter().all(|o| o.member_since == Some(2024)),
        "six members joined in 2024"
    );
    assert!(public.countries > 90);
    let listed = store.countries(&anonymous()).await.unwrap();
    assert_eq!(public.countries, listed.len() as u64);
    let everyone = store.summary(&admin()).await.unwrap();
    assert_eq!(everyone.members, 311);
}
