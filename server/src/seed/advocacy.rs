//! Advocacy in the demo, built to reproduce the 2024 headline of the OMCT
//! annual report (seed 000): 251 urgent interventions for 206 defenders in
//! 46 countries; rapid-response support for 75 defenders in 20 countries;
//! 11 grants supporting 393 defenders (226 women) in 8 countries; the
//! releases and acquittals the report names. The named defenders, missions
//! and events come from the seeds; the other defenders are fictional and
//! tagged as demo data. Dates inside 2024 are illustrative.

use crate::db::{Db, DbError};
use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The 46 countries of 2024's urgent interventions; the first 20 are those
/// of the rapid responses.
const COUNTRIES: [&str; 46] = [
    "bf", "cd", "bi", "cm", "td", "sd", "dz", "tn", "ly", "eg", "sy", "id", "ph", "bd", "tr", "kz",
    "by", "co", "hn", "mx", // rapid-response countries end here
    "ci", "tg", "rw", "sn", "ml", "ne", "gn", "ke", "ug", "et", "zw", "ng", "ma", "iq", "lb", "ps",
    "bh", "sa", "ye", "pk", "kh", "mm", "ru", "tj", "az", "ni",
];
const RAPID_COUNTRIES: usize = 20;

/// Named in the report: (person, country, outcome, date).
const FREED: &[(&str, &str, &str, &str)] = &[
    ("daouda-diallo", "bf", "released", "2024-04-05"),
    ("jack-sinzahera", "cd", "released", "2024-07-19"),
    ("gloire-saasita", "cd", "released", "2024-07-19"),
    ("gloria-singha", "cd", "released", "2024-07-19"),
    ("fatia-maulidiyanti", "id", "acquitted", "2024-01-08"),
    ("eren-keskin", "tr", "acquitted", "2024-06-27"),
    ("gullistan-yarkin", "tr", "acquitted", "2024-10-15"),
];

const WOMEN: &[&str] = &[
    "gloria-singha",
    "fatia-maulidiyanti",
    "eren-keskin",
    "gullistan-yarkin",
    "jamila-loukil",
];
const MEN: &[&str] = &[
    "daouda-diallo",
    "jack-sinzahera",
    "gloire-saasita",
    "kaddour-chouicha",
    "said-boudour",
];

pub const DEFENDERS_2024: usize = 206;
pub const INTERVENTIONS_2024: usize = 251;
pub const RAPID_2024: usize = 75;

struct Defender {
    key: String,
    country: &'static str,
    visibility: &'static str,
}

fn fictional_visibility(rng: &mut impl Rng) -> &'static str {
    match rng.random_range(0..100) {
        0..50 => "public",
        50..85 => "network",
        _ => "staff",
    }
}

fn day_in_2024(rng: &mut impl Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + Days::new(rng.random_range(0..366))
}

/// The defenders of 2024: the named ones, one fictional defender in every
/// other country, and the rest spread with more weight on the countries of
/// rapid responses.
fn defenders(rng: &mut ChaCha8Rng) -> (Vec<Defender>, Vec<Value>) {
    let mut list: Vec<Defender> = FREED
        .iter()
        .map(|(key, country, _, _)| Defender {
            key: (*key).to_owned(),
            country,
            visibility: "public",
        })
        .collect();
    let mut people = Vec::new();
    let mut fictional = |rng: &mut ChaCha8Rng, country: &'static str, list: &mut Vec<Defender>| {
        let key = format!("demo-defender-{:03}", list.len());
        let visibility = fictional_visibility(rng);
        let gender = if rng.random_bool(0.55) {
            "woman"
        } else {
            "man"
        };
        people.push(json!({
            "key": key, "name": crate::seed::names::person(rng), "country": country,
            "visibility": visibility, "gender": gender,
        }));
        list.push(Defender {
            key,
            country,
            visibility,
        });
    };
    for country in COUNTRIES {
        if !list.iter().any(|d| d.country == country) {
            fictional(rng, country, &mut list);
        }
    }
    let weighted: Vec<(&'static str, u32)> = COUNTRIES
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, if i < RAPID_COUNTRIES { 3 } else { 1 }))
        .collect();
    while list.len() < DEFENDERS_2024 {
        let country = weighted
            .choose_weighted(rng, |(_, w)| *w)
            .map(|(c, _)| *c)
            .unwrap_or("cd");
        fictional(rng, country, &mut list);
    }
    (list, people)
}

fn addressees(country: &str) -> Vec<&'static str> {
    match country {
        "tr" => vec![
            "Minister of Justice of Türkiye",
            "UN Special Rapporteur on human rights defenders",
        ],
        "cd" => vec![
            "President of the Democratic Republic of the Congo",
            "Minister of Human Rights",
        ],
        _ => vec![
            "Head of State",
            "Minister of Justice",
            "UN Special Rapporteur on human rights defenders",
        ],
    }
}

/// Interventions as rows for the seeding query.
fn interventions(rng: &mut ChaCha8Rng, defenders: &[Defender]) -> Vec<Value> {
    let mut rows = Vec::new();
    let push = |rows: &mut Vec<Value>,
                d: &[&Defender],
                kind: &str,
                support: Option<&str>,
                sent: NaiveDate,
                outcome: Option<(&str, &str)>,
                level: &str| {
        let n = rows.len();
        let country = d[0].country;
        rows.push(json!({
            "key": format!("{country}-{}-{n:03}", sent.format("%Y%m%d")),
            "reference": format!("{}-{:03}/{}", country.to_uppercase(), n + 1, sent.format("%m%y")),
            "title": match kind {
                "urgent-appeal" => "Urgent appeal: arbitrary detention of a human-rights defender",
                "statement" => "Public statement on the judicial harassment of a defender",
                "letter" => "Letter to the authorities on a defender's detention",
                _ => "Rapid-response support for a defender at risk",
            },
            "kind": kind, "support": support, "sent_on": sent.to_string(), "country": country,
            "addressees": addressees(country),
            "status": if outcome.is_some() { "closed" } else { "following-up" },
            "outcome": outcome.map(|o| o.0), "outcome_on": outcome.map(|o| o.1),
            "visibility": level,
            "persons": d.iter().map(|p| p.key.clone()).collect::<Vec<_>>(),
            // Every intervention of the demo answers the alert about its
            // first defender; a rapid response was requested a few days
            // before it was granted.
            "alert": format!("demo-{}", d[0].key),
            "decision": support.map(|_| "granted"),
            "requested_on": support.map(|_| (sent - Days::new(3)).to_string()),
            "amount": support.map(|s| match s {
                "legal" => 1500, "medical" => 900, "psychosocial" => 600, _ => 2500,
            }),
        }));
    };
    let urgent_kind = |rng: &mut ChaCha8Rng| match rng.random_range(0..10) {
        0..7 => "urgent-appeal",
        7..9 => "statement",
        _ => "letter",
    };
    // The Goma defenders share one appeal; the other named ones have theirs.
    let goma: Vec<&Defender> = defenders
        .iter()
        .filter(|d| ["jack-sinzahera", "gloire-saasita", "gloria-singha"].contains(&d.key.as_str()))
        .collect();
    let goma_freed = FREED[1];
    push(
        &mut rows,
        &goma,
        "urgent-appeal",
        None,
        NaiveDate::from_ymd_opt(2024, 2, 12).unwrap_or_default(),
        Some((goma_freed.2, goma_freed.3)),
        "public",
    );
    for (key, _, outcome, on) in FREED.iter().filter(|f| !goma.iter().any(|g| g.key == f.0)) {
        let d = defenders.iter().find(|d| d.key == *key);
        if let Some(d) = d {
            let sent = NaiveDate::from_ymd_opt(2024, 1, 3).unwrap_or_default()
                + Days::new(rng.random_range(0..20));
            push(
                &mut rows,
                &[d],
                "urgent-appeal",
                None,
                sent,
                Some((outcome, on)),
                "public",
            );
        }
    }
    for d in defenders.iter().filter(|d| d.key.starts_with("demo-")) {
        let sent = day_in_2024(rng);
        let outcome = match rng.random_range(0..100) {
            0..12 => Some("released"),
            12..16 => Some("charges-dropped"),
            16..30 => Some("still-detained"),
            30..34 => Some("sentenced"),
            _ => None,
        };
        let decided = sent + Days::new(rng.random_range(10..60));
        let decided = decided
            .min(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default())
            .to_string();
        let kind = urgent_kind(rng);
        push(
            &mut rows,
            &[d],
            kind,
            None,
            sent,
            outcome.map(|o| (o, decided.as_str())),
            d.visibility,
        );
    }
    // Follow-up appeals for defenders still held: up to 251 in all.
    let fictional: Vec<&Defender> = defenders
        .iter()
        .filter(|d| d.key.starts_with("demo-"))
        .collect();
    let mut i = 0;
    while rows.len() < INTERVENTIONS_2024 {
        let d = fictional[(i * 7) % fictional.len()];
        let kind = urgent_kind(rng);
        push(
            &mut rows,
            &[d],
            kind,
            None,
            day_in_2024(rng),
            None,
            d.visibility,
        );
        i += 1;
    }
    // Rapid responses: 75 defenders of the first 20 countries, one in each
    // country first; a few receive two kinds of support.
    let rapid_countries = &COUNTRIES[..RAPID_COUNTRIES];
    let mut chosen: Vec<&Defender> = Vec::new();
    for c in rapid_countries {
        if let Some(d) = defenders.iter().find(|d| d.country == *c) {
            chosen.push(d);
        }
    }
    for d in defenders
        .iter()
        .filter(|d| rapid_countries.contains(&d.country))
    {
        if chosen.len() >= RAPID_2024 {
            break;
        }
        if !chosen.iter().any(|c| c.key == d.key) {
            chosen.push(d);
        }
    }
    let supports = ["legal", "medical", "psychosocial", "relocation"];
    for (n, d) in chosen.iter().enumerate() {
        let support = supports[[0, 0, 1, 2, 0, 3, 1, 2][n % 8]];
        let level = if support == "relocation" {
            "staff"
        } else {
            d.visibility
        };
        push(
            &mut rows,
            &[d],
            "rapid-response",
            Some(support),
            day_in_2024(rng),
            None,
            level,
        );
        if n % 7 == 0 {
            push(
                &mut rows,
                &[d],
                "rapid-response",
                Some("psychosocial"),
                day_in_2024(rng),
                None,
                level,
            );
        }
    }
    rows
}

/// Eleven grants in eight countries: 393 defenders supported, 226 women.
const GRANTS: &[(&str, &str, &str, u32, u32, &str)] = &[
    ("midh", "ci", "2024-02-15", 48, 27, "Documentation of torture cases and alternative report to the UN Committee against Torture."),
    ("ciddh", "ci", "2024-03-01", 30, 19, "Legal aid to defenders detained after the elections."),
    ("justicia-pro-persona", "mx", "2024-02-20", 42, 25, "Protection of women defenders of land and territory."),
    ("forsc", "bi", "2024-04-10", 36, 20, "Emergency fund and trainings for defenders in Bujumbura and Gitega."),
    ("sanad", "tn", "2024-01-25", 52, 31, "Assistance to victims of torture and their defenders (SANAD programme)."),
    ("demo:cd", "cd", "2024-05-06", 40, 24, "Protection network of defenders in North Kivu."),
    ("demo:cd", "cd", "2024-09-18", 28, 16, "Psychosocial support to released defenders."),
    ("demo:cm", "cm", "2024-06-03", 33, 18, "Monitoring of detention conditions of defenders."),
    ("demo:co", "co", "2024-03-22", 31, 17, "Security of social leaders in Cauca."),
    ("demo:bf", "bf", "2024-07-01", 27, 15, "Support to defenders facing forced conscription."),
    ("demo:co", "co", "2024-10-14", 26, 14, "Collective protection plans for rural women defenders."),
];

struct Seeded {
    events: Vec<Value>,
    missions: Vec<Value>,
}

/// Advocacy of 2024 from the seeds, and a delegation being prepared now.
fn missions_and_events(today: NaiveDate, by_country: &BTreeMap<&str, Vec<String>>) -> Seeded {
    let first = |c: &str, n: usize| -> Vec<String> {
        by_country
            .get(c)
            .map(|v| {
                v.iter()
                    .filter(|k| k.starts_with("demo-"))
                    .take(n)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let later = |d: u64| (today + Days::new(d)).to_string();
    let earlier = |d: u64| (today - Days::new(d)).to_string();
    let missions = vec![
        json!({
            "key": "geneva-brussels-2024", "title": "Defenders from Kazakhstan, Libya and Turkey in Geneva and Brussels",
            "purpose": "Take defenders before the Human Rights Council and the EU institutions to raise judicial harassment and reprisals.",
            "starts_on": "2024-03-11", "ends_on": "2024-03-15", "visibility": "public", "demo": false,
            "budget": [{ "label": "Flights and visas", "amount": 6400 }, { "label": "Accommodation, 5 nights × 4", "amount": 4200 }],
            "travel": [], "checklist": [
                { "kind": "visa", "label": "Schengen visas for the three defenders", "done": true },
                { "kind": "security", "label": "Security assessment for each defender before and after the trip", "done": true },
                { "kind": "briefing", "label": "Briefing notes for each meeting", "done": true },
                { "kind": "follow-up", "label": "Follow-up letters to the offices met", "done": true }],
        }),
        json!({
            "key": "colombia-geneva-2024", "title": "Colombian defenders in Geneva",
            "purpose": "Accompany Colombian defenders to meet UN Special Rapporteurs and permanent missions.",
            "starts_on": "2024-06-17", "ends_on": "2024-06-21", "visibility": "public", "demo": false,
            "budget": [], "travel": [], "checklist": [],
        }),
        json!({
            "key": "honduras-washington-2024", "title": "Honduran defenders in Washington, D.C. for the Guapinol hearings",
            "purpose": "Support the Guapinol water defenders at their hearing before the Inter-American Commission on Human Rights.",
            "starts_on": "2024-11-11", "ends_on": "2024-11-14", "visibility": "public", "demo": false,
            "budget": [], "travel": [], "checklist": [],
        }),
        json!({
            "key": "geneva-cat-delegation", "title": "Delegation to the UN Committee against Torture (demo)",
            "purpose": "Three defenders brief the Committee against Torture on the review of their country (fictional demo mission).",
            "starts_on": later(40), "ends_on": later(44), "visibility": "staff", "demo": true,
            "budget": [{ "label": "Flights", "amount": 3900 }, { "label": "Accommodation", "amount": 2600 }, { "label": "Interpretation", "amount": 1800 }],
            "travel": [{ "traveller": "Defender 1", "route": "Tunis → Geneva", "on": later(39) }],
            "checklist": [
                { "kind": "visa", "label": "Visas for the three defenders", "done": true },
                { "kind": "security", "label": "Security assessment for each defender", "done": false },
                { "kind": "briefing", "label": "Briefing note for the country rapporteurs", "done": false },
                { "kind": "follow-up", "label": "Follow-up plan after the concluding observations", "done": false }],
        }),
    ];
    let events = vec![
        json!({
            "key": "hrc55-bilaterals", "title": "Bilateral meetings with permanent missions at the 55th session of the Human Rights Council",
            "kind": "bilateral-meeting", "mechanism": "hrc", "starts_on": "2024-03-12", "ends_on": "2024-03-13",
            "city": "Geneva", "country": "ch", "online": false, "mission": "geneva-brussels-2024", "visibility": "public", "demo": false,
            "agenda": ["Judicial harassment of defenders in Kazakhstan", "Detention of defenders in Libya", "Trials of defenders in Turkey"],
            "asks": ["Raise the cases in the interactive dialogue with the Special Rapporteur on defenders", "Ask for trial observation by embassies"],
            "participants": [["kz", "delegate"], ["ly", "delegate"], ["tr", "speaker"]], "organisers": ["omct", "observatory"],
            "follow_ups": [
                { "kind": "commitment", "text": "Two missions agreed to raise the Kazakh case in their statement.", "done_on": "2024-03-20" },
                { "kind": "statement", "text": "Joint oral statement delivered in the interactive dialogue." }],
        }),
        json!({
            "key": "brussels-eu-meetings", "title": "Meetings with the European Parliament and the EEAS",
            "kind": "bilateral-meeting", "mechanism": "eu-institutions", "starts_on": "2024-03-14", "ends_on": "2024-03-15",
            "city": "Brussels", "country": "be", "online": false, "mission": "geneva-brussels-2024", "visibility": "public", "demo": false,
            "agenda": ["EU guidelines on human rights defenders", "Reprisals after UN engagement"],
            "asks": ["Urgency resolution on defenders in Libya", "Trial observation by EU delegations in Turkey"],
            "participants": [["kz", "delegate"], ["ly", "delegate"], ["tr", "delegate"]], "organisers": ["omct", "protectdefenders-eu"],
            "follow_ups": [{ "kind": "commitment", "text": "EU delegation in Ankara to observe the next hearing." }],
        }),
        json!({
            "key": "colombia-special-rapporteurs", "title": "Colombian defenders meet UN Special Rapporteurs",
            "kind": "delegation-visit", "mechanism": "special-rapporteurs", "starts_on": "2024-06-18", "ends_on": "2024-06-19",
            "city": "Geneva", "country": "ch", "online": false, "mission": "colombia-geneva-2024", "visibility": "public", "demo": false,
            "agenda": ["Killings of social leaders", "Stigmatisation of defenders"], "asks": ["Joint communication to the Government of Colombia"],
            "participants": [["co", "speaker"], ["co", "delegate"]], "organisers": ["omct"], "follow_ups": [],
        }),
        json!({
            "key": "guapinol-iachr-hearing", "title": "Hearing of the Guapinol defenders before the Inter-American Commission",
            "kind": "regional-hearing", "mechanism": "iachr", "starts_on": "2024-11-12", "ends_on": "2024-11-12",
            "city": "Washington, D.C.", "country": "us", "online": false, "mission": "honduras-washington-2024", "visibility": "public", "demo": false,
            "agenda": ["Criminalisation of water defenders in Guapinol"], "asks": ["Precautionary measures for the defenders and their families"],
            "participants": [["hn", "speaker"], ["hn", "delegate"]], "organisers": ["omct", "observatory"],
            "follow_ups": [{ "kind": "statement", "text": "The Commission asked the State for information within 30 days." }],
        }),
        json!({
            "key": "drc-transitional-justice-side-event", "title": "Side event: transitional justice in the Democratic Republic of the Congo",
            "kind": "side-event", "mechanism": "hrc", "starts_on": "2024-09-24", "ends_on": "2024-09-24",
            "city": "Geneva", "country": "ch", "online": true, "mission": null, "visibility": "public", "demo": false,
            "agenda": ["Testimonies of victims", "The national transitional justice policy", "Role of defenders"],
            "asks": ["Include defenders in the transitional justice process", "Support the reparation fund for victims"],
            "participants": [["cd", "speaker"], ["cd", "speaker"]], "organisers": ["omct", "sos-torture"],
            "follow_ups": [{ "kind": "statement", "text": "Recording and summary published on the network's site." }],
        }),
        json!({
            "key": "cat-briefing-demo", "title": "Private briefing of the Committee against Torture (demo)",
            "kind": "un-session", "mechanism": "un-cat", "starts_on": later(41), "ends_on": later(41),
            "city": "Geneva", "country": "ch", "online": false, "mission": "geneva-cat-delegation", "visibility": "staff", "demo": true,
            "agenda": ["Torture in police custody", "Reprisals against defenders who cooperate with the UN"],
            "asks": ["Question on reprisals in the list of issues", "Recommendation on independent investigations"],
            "participants": [["tn", "speaker"], ["tn", "delegate"]], "organisers": ["omct"],
            "follow_ups": [
                { "kind": "next-step", "text": "Send the shadow report to the country rapporteurs.", "due_on": earlier(5), "owner": true },
                { "kind": "next-step", "text": "Confirm interpreters for the briefing.", "due_on": later(10), "owner": true }],
        }),
    ];
    let events = events
        .into_iter()
        .map(|mut e| {
            let people: Vec<Value> = {
                let mut used: BTreeMap<String, usize> = BTreeMap::new();
                e["participants"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|p| {
                        let c = p[0].as_str()?;
                        let n = used.entry(c.to_owned()).or_insert(0);
                        *n += 1;
                        let key = first(c, *n).get(*n - 1).cloned()?;
                        Some(json!({ "person": key, "role": p[1] }))
                    })
                    .collect()
            };
            e["participants"] = Value::Array(people);
            e
        })
        .collect();
    Seeded { events, missions }
}

/// The campaign of the seeds and the cases it shows.
fn campaign(defenders: &[Defender], interventions: &[Value]) -> Value {
    let pick = |level: &str, n: usize| -> Vec<String> {
        defenders
            .iter()
            .filter(|d| d.visibility == level && d.key.starts_with("demo-"))
            .take(n)
            .map(|d| d.key.clone())
            .collect()
    };
    let mut persons = pick("public", 4);
    persons.extend(pick("network", 1));
    persons.extend(pick("staff", 1));
    let diallo = interventions
        .iter()
        .find(|i| {
            i["persons"]
                .as_array()
                .is_some_and(|p| p.iter().any(|k| k == "daouda-diallo"))
        })
        .and_then(|i| i["key"].as_str().map(str::to_owned));
    json!({
        "key": "faces-of-hope", "name": "#FacesOfHope",
        "summary": "Gives a face and a name to defenders whose detention went unreported, so that it cannot stay silent.",
        "starts_on": "2023-12-10", "visibility": "public",
        "persons": persons, "trials": ["fatia-maulidiyanti-jakarta"], "interventions": diallo.into_iter().collect::<Vec<_>>(),
        "actions": [
            { "kind": "social-post", "on": "2024-01-15", "title": "Portraits of detained defenders, week 1" },
            { "kind": "statement", "on": "2024-04-06", "title": "Welcoming the release of Daouda Diallo" },
            { "kind": "letter", "on": "2024-06-10", "title": "Letter to the Human Rights Council presidency on unreported detentions" }],
    })
}

const SQL: &str = "
BEGIN TRANSACTION;
FOR $g IN $genders { UPDATE type::record('person', $g.key) SET gender = $g.gender; };
FOR $p IN $people {
    CREATE type::record('person', $p.key) CONTENT { name: $p.name, roles: ['defender'], risk_level: 'high',
        description: 'Defender concerned by an urgent intervention (fictional demo person).',
        visibility: $p.visibility, demo: true, gender: $p.gender };
    RELATE (type::record('person', $p.key))->based_in->(type::record('country', $p.country)) SET visibility = $p.visibility;
};
IF $desk != NONE {
    FOR $a IN $alerts {
        CREATE type::record('alert', $a.key) CONTENT { sent_by: $desk, person: type::record('person', $a.person),
            what: $a.what, country: type::record('country', $a.country), happened_on: $a.happened_on,
            risk: $a.risk, sources: $a.sources, consent: $a.consent, status: 'acted',
            sources_checked: true, consent_confirmed: true, risk_assessed: true, visibility: 'staff',
            demo: true, sent_at: <datetime> $a.sent_at, changed_at: <datetime> $a.sent_at };
    };
};
FOR $i IN $interventions {
    CREATE type::record('intervention', $i.key) CONTENT { reference: $i.reference, title: $i.title, kind: $i.kind,
        support: $i.support ?? NONE, sent_on: $i.sent_on, country: type::record('country', $i.country),
        addressees: $i.addressees, status: $i.status, outcome: $i.outcome ?? NONE, outcome_on: $i.outcome_on ?? NONE,
        visibility: $i.visibility, demo: true,
        alert: IF $desk != NONE { type::record('alert', $i.alert) },
        decision: $i.decision ?? NONE, requested_on: $i.requested_on ?? NONE, amount: $i.amount ?? NONE };
    FOR $p IN $i.persons {
        RELATE (type::record('intervention', $i.key))->concerns->(type::record('person', $p)) SET visibility = $i.visibility;
    };
};
FOR $m IN $missions {
    CREATE type::record('advocacy_mission', $m.key) CONTENT { title: $m.title, purpose: $m.purpose,
        starts_on: $m.starts_on, ends_on: $m.ends_on, budget: $m.budget, travel: $m.travel,
        checklist: $m.checklist, visibility: $m.visibility, demo: $m.demo };
};
FOR $e IN $events {
    CREATE type::record('advocacy_event', $e.key) CONTENT { title: $e.title, kind: $e.kind, mechanism: $e.mechanism,
        starts_on: $e.starts_on, ends_on: $e.ends_on, city: $e.city, country: type::record('country', $e.country),
        online: $e.online, agenda: $e.agenda, asks: $e.asks,
        mission: IF $e.mission THEN type::record('advocacy_mission', $e.mission) ELSE NONE END,
        visibility: $e.visibility, demo: $e.demo };
    FOR $p IN $e.participants {
        RELATE (type::record('person', $p.person))->participates->(type::record('advocacy_event', $e.key))
            SET role = $p.role, visibility = $e.visibility;
    };
    FOR $o IN $e.organisers {
        RELATE (type::record('organisation', $o))->organises->(type::record('advocacy_event', $e.key)) SET visibility = $e.visibility;
    };
    FOR $f IN $e.follow_ups {
        CREATE follow_up CONTENT { event: type::record('advocacy_event', $e.key), kind: $f.kind, text: $f.text,
            due_on: $f.due_on ?? NONE, done_on: $f.done_on ?? NONE,
            owner: IF $f.owner THEN $campaigner ELSE NONE END, visibility: $e.visibility };
    };
};
FOR $g IN $grants {
    CREATE support_grant CONTENT { organisation: type::record('organisation', $g.organisation),
        country: type::record('country', $g.country), awarded_on: $g.awarded_on, defenders: $g.defenders,
        women: $g.women, purpose: $g.purpose, visibility: $g.visibility, demo: true };
};
CREATE type::record('campaign', $c.key) CONTENT { name: $c.name, summary: $c.summary, starts_on: $c.starts_on,
    actions: $c.actions, visibility: $c.visibility };
FOR $p IN $c.persons { RELATE (type::record('campaign', $c.key))->features->(type::record('person', $p)) SET visibility = $c.visibility; };
FOR $t IN $c.trials { RELATE (type::record('campaign', $c.key))->features->(type::record('trial', $t)) SET visibility = $c.visibility; };
FOR $i IN $c.interventions { RELATE (type::record('campaign', $c.key))->features->(type::record('intervention', $i)) SET visibility = $c.visibility; };
-- Three of 2024's public urgent appeals, from the alerts about defenders the
-- annual report names, co-signed by member organisations, with their outcome.
IF $desk != NONE {
    FOR $a IN $appeals {
        CREATE type::record('appeal', $a.key) CONTENT { alert: type::record('alert', $a.alert),
            country: type::record('country', $a.country), texts: $a.texts, audience: 'public',
            status: 'published', written_by: $desk, approved_by: $desk,
            published_at: <datetime> $a.published_at, visibility: 'public' };
        CREATE appeal_update CONTENT { appeal: type::record('appeal', $a.key), on: $a.outcome_on,
            outcome: $a.outcome, text: $a.outcome_text, by: $desk, visibility: 'public' };
        FOR $o IN $a.cosigners {
            IF record::exists(type::record('organisation', $o)) {
                RELATE (type::record('organisation', $o))->cosigns->(type::record('appeal', $a.key))
                    SET visibility = (SELECT VALUE visibility FROM ONLY type::record('organisation', $o)) ?? 'network',
                        by = $desk;
            };
        };
    };
};
COMMIT TRANSACTION;
";

/// The alert behind each defender's interventions: what a member told the
/// secretariat a few days before the first one, verified, acted on.
fn alerts(defenders: &[Defender], interventions: &[Value]) -> Vec<Value> {
    defenders
        .iter()
        .filter_map(|d| {
            let first = interventions
                .iter()
                .filter(|i| i["persons"][0].as_str() == Some(d.key.as_str()))
                .filter_map(|i| i["sent_on"].as_str())
                .filter_map(|on| NaiveDate::parse_from_str(on, "%Y-%m-%d").ok())
                .min()?;
            let public = d.visibility == "public";
            Some(json!({
                "key": format!("demo-{}", d.key),
                "person": d.key,
                "country": d.country,
                "happened_on": (first - Days::new(2)).to_string(),
                // Sent the day after, in 2024: not today, so the queue and
                // the sending limits see them as the past they are.
                "sent_at": format!("{}T09:00:00Z", first - Days::new(1)),
                "risk": if public { "high" } else { "imminent" },
                "consent": if public { "named" } else { "anonymised" },
                "what": "Arrested by the security forces after documenting abuses; held without access to a lawyer (demo alert).",
                "sources": "The defender's organisation and family, confirmed by the lawyer (demo).",
            }))
        })
        .collect()
}

/// Public appeals of 2024 about defenders the report names.
fn appeals() -> Vec<Value> {
    let appeal = |key: &str,
                  person: &str,
                  country: &str,
                  published: &str,
                  en: (&str, &str),
                  fr: (&str, &str),
                  outcome: (&str, &str, &str)| {
        json!({
            "key": key, "alert": format!("demo-{person}"), "country": country,
            "published_at": format!("{published}T09:00:00Z"),
            "texts": [
                { "language": "en", "title": en.0, "body": en.1 },
                { "language": "fr", "title": fr.0, "body": fr.1 },
            ],
            "outcome": outcome.0, "outcome_on": outcome.1, "outcome_text": outcome.2,
            "cosigners": ["midh", "ciddh", "forsc"],
        })
    };
    vec![
        appeal(
            "demo-appeal-diallo", "daouda-diallo", "bf", "2023-12-05",
            ("Burkina Faso: release Daouda Diallo", "Daouda Diallo, a defender of the rights of victims of enforced disappearance, was abducted in Ouagadougou and forcibly conscripted. The SOS-Torture network calls for his immediate release."),
            ("Burkina Faso : libérez Daouda Diallo", "Daouda Diallo, défenseur des droits des victimes de disparitions forcées, a été enlevé à Ouagadougou et réquisitionné de force. Le réseau SOS-Torture demande sa libération immédiate."),
            ("released", "2024-04-05", "Daouda Diallo was released."),
        ),
        appeal(
            "demo-appeal-goma", "jack-sinzahera", "cd", "2024-03-12",
            ("DR Congo: free the detained defenders of Goma", "Defenders of the LUCHA movement are held in Goma after a peaceful protest. The network calls for their release and for an end to their prosecution."),
            ("RD Congo : libérez les défenseurs détenus à Goma", "Des défenseurs du mouvement LUCHA sont détenus à Goma après une manifestation pacifique. Le réseau demande leur libération et la fin des poursuites."),
            ("released", "2024-07-19", "The defenders of Goma were released."),
        ),
        appeal(
            "demo-appeal-keskin", "eren-keskin", "tr", "2024-01-15",
            ("Türkiye: end the judicial harassment of Eren Keskin", "Lawyer and defender Eren Keskin faces prosecution for her human-rights work. The network observes her trial and calls for her acquittal."),
            ("Turquie : mettez fin au harcèlement judiciaire d'Eren Keskin", "L'avocate et défenseure Eren Keskin est poursuivie pour son travail en faveur des droits humains. Le réseau observe son procès et demande son acquittement."),
            ("acquitted", "2024-06-27", "Eren Keskin was acquitted."),
        ),
    ]
}

/// Writes the demo's advocacy; `campaigner` owns the open next steps.
pub async fn write(db: &Db, today: NaiveDate, campaigner: &str) -> Result<(), DbError> {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let (defenders, people) = defenders(&mut rng);
    let interventions = interventions(&mut rng, &defenders);
    let mut by_country: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in &defenders {
        by_country.entry(d.country).or_default().push(d.key.clone());
    }
    let seeded = missions_and_events(today, &by_country);
    let mut grants: Vec<Value> = Vec::new();
    for (n, (org, country, on, defenders, women, purpose)) in GRANTS.iter().enumerate() {
        let org = match org.strip_prefix("demo:") {
            Some(c) => member_in(db, c).await?.unwrap_or_else(|| "omct".to_owned()),
            None => (*org).to_owned(),
        };
        grants.push(json!({
            "organisation": org, "country": country, "awarded_on": on, "defenders": defenders,
            "women": women, "purpose": purpose, "visibility": if n % 5 == 4 { "network" } else { "public" },
        }));
    }
    let genders: Vec<Value> = WOMEN
        .iter()
        .map(|k| json!({ "key": k, "gender": "woman" }))
        .chain(MEN.iter().map(|k| json!({ "key": k, "gender": "man" })))
        .collect();
    let campaign = campaign(&defenders, &interventions);
    let alerts = alerts(&defenders, &interventions);
    // The demo's alerts were logged by the secretariat's desk (staff).
    let desk: Option<surrealdb::types::RecordId> = db
        .query("SELECT VALUE id FROM ONLY user WHERE role = 'staff' LIMIT 1")
        .await?
        .take(0)?;
    let campaigner_record: Option<surrealdb::types::RecordId> = db
        .query("SELECT VALUE id FROM ONLY user WHERE email = $email LIMIT 1")
        .bind(("email", campaigner.to_owned()))
        .await?
        .take(0)?;
    let response = db
        .query(SQL)
        .bind(("genders", genders))
        .bind(("people", people))
        .bind(("interventions", interventions))
        .bind(("alerts", alerts))
        .bind(("appeals", appeals()))
        .bind(("desk", desk))
        .bind(("missions", seeded.missions))
        .bind(("events", seeded.events))
        .bind(("grants", grants))
        .bind(("c", campaign))
        .bind(("campaigner", campaigner_record))
        .await?;
    // A failed transaction marks every statement; name the one that failed.
    let mut response = response;
    let errors: Vec<String> = response
        .take_errors()
        .into_values()
        .map(|e| e.to_string())
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let message = errors
        .iter()
        .find(|m| !m.contains("not executed") && !m.contains("Cannot COMMIT"))
        .unwrap_or(&errors[0])
        .clone();
    Err(DbError::Migration {
        name: "advocacy demo data".into(),
        message,
    })
}

/// A public fictional member organisation based in `country`, to receive a
/// demo grant.
async fn member_in(db: &Db, country: &str) -> Result<Option<String>, DbError> {
    let key: Option<String> = db
        .query(
            "SELECT VALUE record::id(id) FROM organisation
             WHERE kind = 'member' AND demo = true AND visibility = 'public'
                AND type::record('country', $country) IN ->based_in->country
             ORDER BY id LIMIT 1",
        )
        .bind(("country", country.to_owned()))
        .await?
        .take::<Vec<String>>(0)?
        .into_iter()
        .next();
    Ok(key)
}
