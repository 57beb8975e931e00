//! A deterministic generator of networks of any size, for tests and
//! benchmarks: the same `(organisations, seed)` always gives the same graph.
//! Partnerships favour organisations of the same region, so the graph has the
//! community structure of the real network.

use super::dataset::{Dataset, EdgeKind, EdgeSeed, NodeRef, OrgSeed, PersonSeed};
use super::names;
use crate::db::reference;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shared::{OrgKind, PersonRole, RiskLevel, Visibility};
use std::collections::{HashMap, HashSet};

/// Key of the network body every generated member belongs to.
pub const NETWORK_KEY: &str = "syn-network";
/// Partnerships started per organisation (each touches two organisations).
const PARTNERS_PER_ORG: usize = 3;

fn visibility(rng: &mut impl Rng) -> Visibility {
    match rng.random_range(0..100) {
        0..80 => Visibility::Public,
        80..90 => Visibility::Network,
        90..97 => Visibility::Staff,
        _ => Visibility::Restricted,
    }
}

pub fn org_key(i: usize) -> String {
    format!("syn-{i:07}")
}

pub fn person_key(i: usize) -> String {
    format!("syn-p-{i:07}")
}

/// `organisations` organisations (one of them the network body), a third as
/// many persons, and about ten edges per organisation.
pub fn generate(organisations: usize, seed: u64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let countries = reference::countries();
    let themes: Vec<&str> = reference::THEMES.iter().map(|(k, _)| *k).collect();
    let mut by_region: HashMap<String, Vec<&str>> = HashMap::new();
    for c in &countries {
        by_region
            .entry(c.region.clone())
            .or_default()
            .push(c.alpha2.as_str());
    }
    let mut data = Dataset::default();
    if organisations == 0 {
        return data;
    }
    data.orgs.push(OrgSeed {
        key: NETWORK_KEY.into(),
        name: "Synthetic Network".into(),
        acronym: Some("SYN".into()),
        kind: OrgKind::Network,
        description: "The network body of a generated graph.".into(),
        description_lang: "en",
        translations: Vec::new(),
        city: None,
        website: None,
        email: None,
        member_since: None,
        visibility: Visibility::Public,
        demo: true,
    });

    // (key, region, visibility) of each organisation, for the edges below.
    let mut placed: Vec<(String, String, Visibility)> = Vec::with_capacity(organisations);
    let mut by_region_orgs: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 1..organisations {
        let country = countries.choose(&mut rng).expect("countries exist");
        let kind = match rng.random_range(0..100) {
            0..90 => OrgKind::Member,
            90..98 => OrgKind::Partner,
            _ => OrgKind::Network,
        };
        let vis = visibility(&mut rng);
        let name = names::organisation(&mut rng, &country.alpha2);
        let acronym = names::acronym(&name);
        let since = (kind == OrgKind::Member).then(|| rng.random_range(1986..=2024));
        let key = org_key(i);
        data.orgs.push(OrgSeed {
            key: key.clone(),
            name,
            acronym: (!acronym.is_empty() && acronym.chars().count() <= 24).then_some(acronym),
            kind,
            description: String::new(),
            description_lang: "en",
            translations: Vec::new(),
            city: None,
            website: None,
            email: None,
            member_since: since,
            visibility: vis,
            demo: true,
        });
        let me = NodeRef::org(key.clone());
        data.edges.push(EdgeSeed::new(
            EdgeKind::BasedIn,
            me.clone(),
            NodeRef::country(&country.alpha2),
            vis,
        ));
        let n_themes = rng.random_range(1..=3);
        for t in themes.choose_multiple(&mut rng, n_themes) {
            data.edges.push(EdgeSeed::new(
                EdgeKind::WorksOn,
                me.clone(),
                NodeRef::theme(*t),
                vis,
            ));
        }
        let neighbours = &by_region[&country.region];
        let n_countries = rng.random_range(0..=2);
        for c in neighbours.choose_multiple(&mut rng, n_countries) {
            if *c != country.alpha2 {
                data.edges.push(EdgeSeed::new(
                    EdgeKind::WorksOn,
                    me.clone(),
                    NodeRef::country(c),
                    vis,
                ));
            }
        }
        if let Some(since) = since {
            data.edges.push(
                EdgeSeed::new(EdgeKind::MemberOf, me, NodeRef::org(NETWORK_KEY), vis).since(since),
            );
        }
        by_region_orgs
            .entry(country.region.clone())
            .or_default()
            .push(placed.len());
        placed.push((key, country.region.clone(), vis));
    }

    let mut pairs = HashSet::new();
    for (a, (a_key, region, a_vis)) in placed.iter().enumerate() {
        for _ in 0..PARTNERS_PER_ORG {
            let b = if rng.random_bool(0.8) {
                *by_region_orgs[region]
                    .choose(&mut rng)
                    .expect("own region has this org")
            } else {
                rng.random_range(0..placed.len())
            };
            if a == b || !pairs.insert((a.min(b), a.max(b))) {
                continue;
            }
            let (b_key, _, b_vis) = &placed[b];
            data.edges.push(
                EdgeSeed::new(
                    EdgeKind::PartnerOf,
                    NodeRef::org(a_key.clone()),
                    NodeRef::org(b_key.clone()),
                    (*a_vis).max(*b_vis),
                )
                .since(rng.random_range(1990..=2024)),
            );
        }
    }

    for i in 0..organisations / 3 {
        if placed.is_empty() {
            break;
        }
        let (org_key, _, org_vis) = &placed[rng.random_range(0..placed.len())];
        let vis = visibility(&mut rng).max(*org_vis);
        let role = *PersonRole::ALL.choose(&mut rng).expect("roles exist");
        let key = person_key(i);
        data.persons.push(PersonSeed {
            key: key.clone(),
            name: names::person(&mut rng),
            roles: vec![role],
            risk_level: *RiskLevel::ALL.choose(&mut rng).expect("levels exist"),
            description: String::new(),
            visibility: vis,
            demo: true,
        });
        let me = NodeRef::person(key);
        let country = countries.choose(&mut rng).expect("countries exist");
        data.edges.push(EdgeSeed::new(
            EdgeKind::BasedIn,
            me.clone(),
            NodeRef::country(&country.alpha2),
            vis,
        ));
        data.edges.push(
            EdgeSeed::new(
                EdgeKind::MemberOf,
                me.clone(),
                NodeRef::org(org_key.clone()),
                vis,
            )
            .note(role.as_str()),
        );
        let theme = themes.choose(&mut rng).expect("themes exist");
        data.edges.push(EdgeSeed::new(
            EdgeKind::WorksOn,
            me,
            NodeRef::theme(*theme),
            vis,
        ));
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_graph_other_seed_other_graph() {
        assert_eq!(generate(200, 7), generate(200, 7));
        assert_ne!(generate(200, 7), generate(200, 8));
    }

    #[test]
    fn sizes_follow_the_request() {
        let data = generate(300, 1);
        assert_eq!(data.orgs.len(), 300);
        assert_eq!(data.persons.len(), 100);
        let per_org = data.edges.len() as f64 / data.orgs.len() as f64;
        assert!(
            (6.0..14.0).contains(&per_org),
            "{per_org} edges per organisation"
        );
        assert!(generate(0, 1).orgs.is_empty());
    }

    #[test]
    fn edges_are_unique_and_valid() {
        let data = generate(500, 3);
        let mut seen = HashSet::new();
        for e in &data.edges {
            assert!(seen.insert((e.kind, e.from.clone(), e.to.clone())), "{e:?}");
            assert_ne!(e.from, e.to);
        }
    }
}
