//! The demo dataset. The network bodies, partners, member and defenders named
//! in OMCT's reports (../shared/seeds) are real and described only with what
//! those reports say; the rest of the 311 member organisations are fictional,
//! generated deterministically and flagged `demo`.

mod fictional_members;
mod real_defenders;
pub mod real_organisations;

use super::dataset::{Dataset, EdgeKind, EdgeSeed, NodeRef, OrgSeed, PersonSeed};
use super::names;
use fictional_members::{POOL, THEME_ACTIVITIES};

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use real_defenders::DEFENDERS;
use real_organisations::{Real, REAL};
use shared::{OrgKind, PersonRole, RiskLevel, Visibility};
use std::collections::{HashMap, HashSet};

/// Member organisations of the SOS-Torture network (OMCT's HRD programme page).
pub const MEMBER_COUNT: usize = 311;
/// Members that joined in 2024 (the president's message of the 2024 report).
pub const JOINED_2024: usize = 6;
/// Partners of the SOS-Defenders platform (annual report 2024).
pub const SOS_DEFENDERS_PARTNERS: usize = 15;

const SEED: u64 = 2024;

fn real_org(r: &Real) -> OrgSeed {
    let (lang, original) = r.texts[0];
    OrgSeed {
        key: r.key.into(),
        name: r.name.into(),
        acronym: r.acronym.map(Into::into),
        kind: r.kind,
        description: original.into(),
        description_lang: lang,
        translations: r.texts[1..]
            .iter()
            .map(|(l, t)| (*l, (*t).to_owned()))
            .collect(),
        city: r.city.map(Into::into),
        website: r.website.map(Into::into),
        email: None,
        member_since: None,
        visibility: Visibility::Public,
        demo: false,
    }
}

/// Joins activities the way a sentence does: "a, b and c".
fn sentence_list(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// A fictional member's description, written in its own language.
fn describe(lang: &str, city: &str, themes: &[&str]) -> String {
    let activities =
        |pick: fn(&(&str, f64, &'static str, &'static str, &'static str)) -> &'static str| {
            THEME_ACTIVITIES
                .iter()
                .filter(|a| themes.contains(&a.0))
                .map(pick)
                .collect::<Vec<_>>()
        };
    match lang {
        "fr" => format!(
            "Basée à {city}, l’organisation {}.",
            sentence_list(&activities(|a| a.3), "et")
        ),
        "es" => format!(
            "Con sede en {city}, la organización {}.",
            sentence_list(&activities(|a| a.4), "y")
        ),
        _ => format!(
            "Based in {city}, the organisation {}.",
            sentence_list(&activities(|a| a.2), "and")
        ),
    }
}

fn edge(kind: EdgeKind, from: NodeRef, to: NodeRef, visibility: Visibility) -> EdgeSeed {
    EdgeSeed::new(kind, from, to, visibility)
}

/// Builds the demo dataset; the same every time.
pub fn dataset() -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut data = Dataset::default();
    let public = Visibility::Public;

    for r in REAL {
        data.orgs.push(real_org(r));
        if let Some(c) = r.country {
            data.edges.push(edge(
                EdgeKind::BasedIn,
                NodeRef::org(r.key),
                NodeRef::country(c),
                public,
            ));
        }
        for t in r.themes {
            data.edges.push(edge(
                EdgeKind::WorksOn,
                NodeRef::org(r.key),
                NodeRef::theme(*t),
                public,
            ));
        }
    }
    // What the reports say about how the bodies and partners relate.
    let org = NodeRef::org;
    data.edges.extend([
        edge(EdgeKind::MemberOf, org("omct"), org("observatory"), public)
            .since(1997)
            .note("co-founder"),
        edge(EdgeKind::MemberOf, org("fidh"), org("observatory"), public)
            .since(1997)
            .note("co-founder"),
        edge(
            EdgeKind::MemberOf,
            org("omct"),
            org("protectdefenders-eu"),
            public,
        )
        .since(2015),
        edge(EdgeKind::MemberOf, org("omct"), org("uatc"), public),
        edge(EdgeKind::MemberOf, org("sanad"), org("omct"), public).note("programme"),
        edge(
            EdgeKind::MemberOf,
            org("sos-defenders"),
            org("omct"),
            public,
        )
        .since(2024)
        .note("platform"),
        edge(EdgeKind::MemberOf, org("midh"), org("sos-torture"), public),
        edge(EdgeKind::PartnerOf, org("omct"), org("sos-torture"), public)
            .note("coordinates the network"),
        edge(EdgeKind::PartnerOf, org("omct"), org("fidh"), public)
            .since(1997)
            .note("Observatory for the Protection of Human Rights Defenders"),
        edge(EdgeKind::PartnerOf, org("midh"), org("uatc"), public)
            .note("United Against Torture Consortium, Côte d'Ivoire"),
        edge(EdgeKind::PartnerOf, org("ciddh"), org("uatc"), public)
            .note("United Against Torture Consortium, Côte d'Ivoire"),
        edge(EdgeKind::PartnerOf, org("midh"), org("ciddh"), public)
            .note("United Against Torture Consortium, Côte d'Ivoire"),
        edge(
            EdgeKind::PartnerOf,
            org("omct"),
            org("justicia-pro-persona"),
            public,
        )
        .since(2024)
        .note("EU-funded support"),
        edge(EdgeKind::PartnerOf, org("omct"), org("forsc"), public)
            .since(2011)
            .note("Bujumbura training, October 2011"),
    ]);
    // The Bujumbura training brought participants from six countries.
    for c in ["TD", "CD", "TG", "CI", "RW"] {
        data.edges.push(edge(
            EdgeKind::WorksOn,
            org("forsc"),
            NodeRef::country(c),
            public,
        ));
    }
    for p in DEFENDERS {
        data.persons.push(PersonSeed {
            key: p.key.into(),
            name: p.name.into(),
            roles: vec![PersonRole::Defender],
            risk_level: RiskLevel::Medium,
            description: p.description.into(),
            visibility: public,
            demo: false,
        });
        data.edges.push(edge(
            EdgeKind::BasedIn,
            NodeRef::person(p.key),
            NodeRef::country(p.country),
            public,
        ));
        data.edges.push(edge(
            EdgeKind::WorksOn,
            NodeRef::person(p.key),
            NodeRef::theme("human-rights-defenders"),
            public,
        ));
    }

    let members = fictional_members(&mut rng, &mut data);
    fictional_partnerships(&mut rng, &mut data, &members);
    sos_defenders_partners(&mut rng, &mut data, &members);
    fictional_persons(&mut rng, &mut data, &members);
    data
}

struct Member {
    key: String,
    country: &'static str,
    region: String,
    visibility: Visibility,
    themes: Vec<&'static str>,
}

fn regions() -> HashMap<String, String> {
    crate::db::reference::countries()
        .into_iter()
        .map(|c| (c.alpha2, c.region))
        .collect()
}

fn fictional_members(rng: &mut ChaCha8Rng, data: &mut Dataset) -> Vec<Member> {
    let fictional = MEMBER_COUNT - 1; // MIDH is the real member the reports name.
    let mut used_names = HashSet::new();
    let mut used_keys: HashSet<String> = data.orgs.iter().map(|o| o.key.clone()).collect();
    let mut members = Vec::with_capacity(fictional);
    let regions = regions();
    let region_of = |c: &str| regions.get(c).cloned().unwrap_or_default();
    // Eight members are listed only to the network, staff, or one staff member
    // with a grant: their public exposure would put them at risk.
    let mut hidden = vec![Visibility::Network; 5];
    hidden.extend([Visibility::Staff, Visibility::Staff, Visibility::Restricted]);
    let mut visibilities = vec![Visibility::Public; fictional - hidden.len()];
    visibilities.extend(hidden);
    visibilities.shuffle(rng);

    for visibility in visibilities {
        let &(country, _, cities) = POOL
            .choose_weighted(rng, |(_, w, _)| *w)
            .expect("the pool is not empty");
        let mut name = names::organisation(rng, country);
        let city = *cities.choose(rng).expect("every country has a city");
        let acronym = names::acronym(&name);
        if !used_names.insert(name.clone()) {
            name = format!("{name} – {city}");
            used_names.insert(name.clone());
        }
        let mut key = format!("{}-{}", names::slug(&acronym), country.to_ascii_lowercase());
        let mut n = 2;
        while !used_keys.insert(key.clone()) {
            key = format!(
                "{}-{}-{n}",
                names::slug(&acronym),
                country.to_ascii_lowercase()
            );
            n += 1;
        }
        let mut themes: Vec<&'static str> = THEME_ACTIVITIES
            .iter()
            .filter(|(_, p, _, _, _)| rng.random_bool(*p))
            .map(|(t, _, _, _, _)| *t)
            .collect();
        if themes.is_empty() {
            themes.push("torture-prevention");
        }
        themes.truncate(4);
        let lang = match names::language_of(country) {
            names::Lang::Fr => "fr",
            names::Lang::Es => "es",
            names::Lang::En | names::Lang::Pt => "en",
        };
        let description = describe(lang, city, &themes);
        let since = rng.random_range(1986..=2023);
        data.orgs.push(OrgSeed {
            key: key.clone(),
            name,
            acronym: Some(acronym.clone()),
            kind: OrgKind::Member,
            description,
            description_lang: lang,
            translations: Vec::new(),
            city: Some(city.to_owned()),
            website: Some(format!("https://{}.example.org", names::slug(&acronym))),
            email: Some(format!("contact@{}.example.org", names::slug(&acronym))),
            member_since: Some(since),
            visibility,
            demo: true,
        });
        let me = NodeRef::org(key.clone());
        data.edges.push(edge(
            EdgeKind::BasedIn,
            me.clone(),
            NodeRef::country(country),
            visibility,
        ));
        for t in &themes {
            data.edges.push(edge(
                EdgeKind::WorksOn,
                me.clone(),
                NodeRef::theme(*t),
                visibility,
            ));
        }
        let region = region_of(country);
        if rng.random_bool(0.3) {
            let neighbours: Vec<&str> = POOL
                .iter()
                .map(|(c, _, _)| *c)
                .filter(|c| *c != country && region_of(c) == region)
                .collect();
            let extra = rng.random_range(1..=2);
            for c in neighbours.choose_multiple(rng, extra) {
                data.edges.push(edge(
                    EdgeKind::WorksOn,
                    me.clone(),
                    NodeRef::country(c),
                    visibility,
                ));
            }
        }
        data.edges.push(
            edge(
                EdgeKind::MemberOf,
                me,
                NodeRef::org("sos-torture"),
                visibility,
            )
            .since(since),
        );
        members.push(Member {
            key,
            country,
            region,
            visibility,
            themes,
        });
    }

    // The six members of 2024 are public: their joining was announced.
    let newest: Vec<String> = members
        .iter()
        .filter(|m| m.visibility == Visibility::Public)
        .take(JOINED_2024)
        .map(|m| m.key.clone())
        .collect();
    for key in newest {
        set_member_since(data, &key, 2024);
    }
    members
}

fn set_member_since(data: &mut Dataset, key: &str, year: i32) {
    if let Some(o) = data.orgs.iter_mut().find(|o| o.key == key) {
        o.member_since = Some(year);
    }
    if let Some(e) = data
        .edges
        .iter_mut()
        .find(|e| e.kind == EdgeKind::MemberOf && e.from.key == key)
    {
        e.since = Some(year);
    }
}

/// Partnerships, mostly between members of the same region; a few are known
/// to staff only.
fn fictional_partnerships(rng: &mut ChaCha8Rng, data: &mut Dataset, members: &[Member]) {
    let mut pairs = HashSet::new();
    let mut made = 0;
    let mut confidential = 0;
    while made < 180 {
        let a = members.choose(rng).expect("members exist");
        let b = if rng.random_bool(0.7) {
            let near: Vec<&Member> = members
                .iter()
                .filter(|m| m.region == a.region && m.key != a.key)
                .collect();
            match near.choose(rng) {
                Some(b) => *b,
                None => continue,
            }
        } else {
            members.choose(rng).expect("members exist")
        };
        if a.key == b.key {
            continue;
        }
        let pair = if a.key < b.key {
            (a.key.clone(), b.key.clone())
        } else {
            (b.key.clone(), a.key.clone())
        };
        if !pairs.insert(pair.clone()) {
            continue;
        }
        let mut visibility = a.visibility.max(b.visibility);
        if visibility == Visibility::Public && confidential < 6 && rng.random_bool(0.05) {
            visibility = Visibility::Staff;
            confidential += 1;
        }
        let since = rng.random_range(2000..=2024);
        let shared_theme = a.themes.iter().find(|t| b.themes.contains(t));
        let context = match shared_theme {
            Some(t) => format!("Joint work on {}", t.replace('-', " ")),
            None => "Exchange of experience".to_owned(),
        };
        data.edges.push(
            edge(
                EdgeKind::PartnerOf,
                NodeRef::org(pair.0),
                NodeRef::org(pair.1),
                visibility,
            )
            .since(since)
            .note(context),
        );
        made += 1;
    }
}

fn sos_defenders_partners(rng: &mut ChaCha8Rng, data: &mut Dataset, members: &[Member]) {
    let mut countries = HashSet::new();
    let mut candidates: Vec<&Member> = members
        .iter()
        .filter(|m| m.visibility == Visibility::Public)
        .collect();
    candidates.shuffle(rng);
    candidates.sort_by_key(|m| !m.themes.contains(&"arbitrary-detention"));
    for m in candidates {
        if countries.len() == SOS_DEFENDERS_PARTNERS {
            break;
        }
        if countries.insert(m.country) {
            data.edges.push(
                edge(
                    EdgeKind::PartnerOf,
                    NodeRef::org(m.key.clone()),
                    NodeRef::org("sos-defenders"),
                    Visibility::Public,
                )
                .since(2024)
                .note("SOS-Defenders documentation partner"),
            );
        }
    }
}

/// Fictional people whose records are not public: the access rules of the
/// platform exist for them.
fn fictional_persons(rng: &mut ChaCha8Rng, data: &mut Dataset, members: &[Member]) {
    let plan = [
        (
            Visibility::Restricted,
            PersonRole::Defender,
            RiskLevel::Critical,
            "Defender detained incommunicado; family under surveillance.",
        ),
        (
            Visibility::Restricted,
            PersonRole::Defender,
            RiskLevel::High,
            "Defender relocated temporarily after threats.",
        ),
        (
            Visibility::Staff,
            PersonRole::Observer,
            RiskLevel::Low,
            "Trial observer on the network's roster.",
        ),
        (
            Visibility::Staff,
            PersonRole::Lawyer,
            RiskLevel::Medium,
            "Defence lawyer in cases of human-rights defenders.",
        ),
        (
            Visibility::Network,
            PersonRole::Staff,
            RiskLevel::Low,
            "Staff member of a member organisation.",
        ),
        (
            Visibility::Network,
            PersonRole::Defender,
            RiskLevel::Medium,
            "Defender working on police violence.",
        ),
    ];
    for (i, (visibility, role, risk, description)) in plan.into_iter().enumerate() {
        let name = names::person(rng);
        let key = format!("{}-demo-{}", names::slug(&name), i + 1);
        let org = members.choose(rng).expect("members exist");
        data.persons.push(PersonSeed {
            key: key.clone(),
            name,
            roles: vec![role],
            risk_level: risk,
            description: description.into(),
            visibility,
            demo: true,
        });
        let me = NodeRef::person(key);
        data.edges.push(edge(
            EdgeKind::BasedIn,
            me.clone(),
            NodeRef::country(org.country),
            visibility,
        ));
        data.edges.push(
            edge(
                EdgeKind::MemberOf,
                me,
                NodeRef::org(org.key.clone()),
                visibility.max(org.visibility),
            )
            .note(role.as_str()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_has_its_311_members() {
        let data = dataset();
        let members = data
            .orgs
            .iter()
            .filter(|o| o.kind == OrgKind::Member)
            .count();
        assert_eq!(members, MEMBER_COUNT);
        let joined_2024 = data
            .orgs
            .iter()
            .filter(|o| o.member_since == Some(2024) && o.visibility == Visibility::Public)
            .count();
        assert_eq!(joined_2024, JOINED_2024);
    }

    #[test]
    fn seeded_bodies_and_partners_are_real_and_not_demo() {
        let data = dataset();
        for key in [
            "omct",
            "sos-torture",
            "observatory",
            "uatc",
            "protectdefenders-eu",
            "sos-defenders",
            "midh",
            "ciddh",
            "justicia-pro-persona",
            "forsc",
            "fidh",
        ] {
            let org = data
                .orgs
                .iter()
                .find(|o| o.key == key)
                .unwrap_or_else(|| panic!("{key}"));
            assert!(!org.demo, "{key}");
        }
        assert!(data
            .orgs
            .iter()
            .filter(|o| o.kind == OrgKind::Member && o.key != "midh")
            .all(|o| o.demo));
    }

    #[test]
    fn sos_defenders_has_fifteen_partners() {
        let data = dataset();
        let n = data
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::PartnerOf && e.to.key == "sos-defenders")
            .count();
        assert_eq!(n, SOS_DEFENDERS_PARTNERS);
    }

    #[test]
    fn keys_and_values_are_valid() {
        let data = dataset();
        let mut keys = HashSet::new();
        for o in &data.orgs {
            assert!(shared::OrgId::parse(&o.key).is_ok(), "{}", o.key);
            assert!(keys.insert(o.key.clone()), "duplicate {}", o.key);
            assert!(shared::OrgName::parse(&o.name).is_ok(), "{}", o.name);
            if let Some(a) = &o.acronym {
                assert!(shared::Acronym::parse(a).is_ok(), "{a}");
            }
            if let Some(w) = &o.website {
                assert!(shared::Website::parse(w).is_ok(), "{w}");
            }
            if let Some(e) = &o.email {
                assert!(shared::Email::parse(e).is_ok(), "{e}");
            }
        }
        for p in &data.persons {
            assert!(shared::PersonId::parse(&p.key).is_ok(), "{}", p.key);
        }
    }

    #[test]
    fn the_dataset_is_the_same_every_time() {
        assert_eq!(dataset(), dataset());
    }

    #[test]
    fn some_records_are_not_public() {
        let data = dataset();
        assert!(data
            .orgs
            .iter()
            .any(|o| o.visibility == Visibility::Restricted));
        assert!(data
            .orgs
            .iter()
            .any(|o| o.visibility == Visibility::Network));
        assert!(data
            .persons
            .iter()
            .any(|p| p.visibility == Visibility::Restricted));
        assert!(data
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::PartnerOf && e.visibility == Visibility::Staff));
    }
}
