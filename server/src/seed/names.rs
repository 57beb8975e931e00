//! Realistic but fictional names for generated organisations and persons, in
//! the language of the organisation's country. Every generated record is
//! flagged as demo data; the names avoid national adjectives so that they do
//! not collide with real organisations ("Ligue ivoirienne ...").

use rand::seq::IndexedRandom;
use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Es,
    Pt,
}

const FRENCH: &[&str] = &[
    "BF", "BI", "BJ", "CD", "CF", "CG", "CI", "CM", "DJ", "DZ", "FR", "GA", "GN", "HT", "KM", "LB",
    "MA", "MG", "ML", "MR", "NE", "RW", "SN", "TD", "TG", "TN", "BE", "CH", "LU",
];
const SPANISH: &[&str] = &[
    "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN", "MX", "NI", "PA", "PE", "PY",
    "SV", "UY", "VE",
];
const PORTUGUESE: &[&str] = &["AO", "BR", "CV", "GW", "MZ", "PT", "ST", "TL"];

pub fn language_of(alpha2: &str) -> Lang {
    if FRENCH.contains(&alpha2) {
        Lang::Fr
    } else if SPANISH.contains(&alpha2) {
        Lang::Es
    } else if PORTUGUESE.contains(&alpha2) {
        Lang::Pt
    } else {
        Lang::En
    }
}

const FR_KINDS: &[&str] = &[
    "Collectif",
    "Association",
    "Centre",
    "Réseau",
    "Observatoire",
    "Maison",
    "Action",
    "Forum",
    "Comité",
    "Initiative",
];
const FR_CORES: &[&str] = &[
    "Aube Nouvelle",
    "Dignité d'abord",
    "Horizon Justice",
    "Main Tendue",
    "Lumière et Droit",
    "Terre de Dignité",
    "Pont des Libertés",
    "Regard Citoyen",
    "Flambeau",
    "Sentinelle",
    "Boussole des Droits",
    "Espoir Partagé",
    "Clé des Libertés",
    "Cercle Vigilance",
    "Parole Libre",
    "Racines de Paix",
];
const FR_MISSIONS: &[&str] = &[
    "contre la torture",
    "contre l'impunité",
    "pour la défense des défenseur·es",
    "d'assistance aux victimes",
    "pour les droits humains",
    "pour la dignité des détenus",
];

const ES_KINDS: &[&str] = &[
    "Colectivo",
    "Centro",
    "Fundación",
    "Red",
    "Observatorio",
    "Comité",
    "Asociación",
    "Casa",
    "Iniciativa",
    "Corporación",
];
const ES_CORES: &[&str] = &[
    "Horizonte Sur",
    "Raíces de Justicia",
    "Puente de Dignidad",
    "Voces Libres",
    "Semilla de Paz",
    "Memoria Viva",
    "Brújula de Derechos",
    "Tierra Digna",
    "Lazos Solidarios",
    "Faro Ciudadano",
    "Manos Abiertas",
    "Camino de Verdad",
    "Alba Nueva",
    "Palabra Libre",
];
const ES_MISSIONS: &[&str] = &[
    "contra la tortura",
    "contra la impunidad",
    "por la defensa de defensoras y defensores",
    "de apoyo a víctimas",
    "por los derechos humanos",
];

const PT_KINDS: &[&str] = &[
    "Coletivo",
    "Centro",
    "Instituto",
    "Rede",
    "Associação",
    "Casa",
];
const PT_CORES: &[&str] = &[
    "Horizonte Justo",
    "Raízes da Dignidade",
    "Vozes Livres",
    "Ponte Cidadã",
    "Semente de Paz",
    "Memória Viva",
    "Terra Digna",
    "Farol dos Direitos",
];
const PT_MISSIONS: &[&str] = &[
    "contra a tortura",
    "contra a impunidade",
    "pelos direitos humanos",
];

const EN_CORES: &[&str] = &[
    "Dignity First",
    "Open Door",
    "Justice Bridge",
    "Beacon",
    "Safe Haven",
    "Clear Voice",
    "Common Ground",
    "Lifeline",
    "Northstar",
    "Just Future",
    "Compass",
    "Kindred",
    "Lantern",
    "Firm Ground",
    "New Dawn",
    "Shelter",
];
const EN_KINDS: &[&str] = &[
    "Rights Centre",
    "Initiative",
    "Legal Network",
    "Foundation",
    "Alliance",
    "Forum",
    "Coalition",
    "Human Rights Project",
    "Rights Watch",
    "Institute for Justice",
];
const EN_MISSIONS: &[&str] = &[
    "Against Torture",
    "for Victims of Torture",
    "for Human Rights Defenders",
    "for Detainees' Rights",
];

/// A fictional organisation name in the country's language.
pub fn organisation(rng: &mut impl Rng, alpha2: &str) -> String {
    let pick = |rng: &mut dyn rand::RngCore, list: &[&'static str]| -> &'static str {
        list.choose(rng).copied().unwrap_or_default()
    };
    let with_mission = rng.random_bool(0.4);
    match language_of(alpha2) {
        Lang::Fr => {
            let (k, c) = (pick(rng, FR_KINDS), pick(rng, FR_CORES));
            if with_mission {
                format!("{k} {c} {}", pick(rng, FR_MISSIONS))
            } else {
                format!("{k} {c}")
            }
        }
        Lang::Es => {
            let (k, c) = (pick(rng, ES_KINDS), pick(rng, ES_CORES));
            if with_mission {
                format!("{k} {c} {}", pick(rng, ES_MISSIONS))
            } else {
                format!("{k} {c}")
            }
        }
        Lang::Pt => {
            let (k, c) = (pick(rng, PT_KINDS), pick(rng, PT_CORES));
            if with_mission {
                format!("{k} {c} {}", pick(rng, PT_MISSIONS))
            } else {
                format!("{k} {c}")
            }
        }
        Lang::En => {
            let (c, k) = (pick(rng, EN_CORES), pick(rng, EN_KINDS));
            if with_mission {
                format!("{c} {k} {}", pick(rng, EN_MISSIONS))
            } else {
                format!("{c} {k}")
            }
        }
    }
}

/// Initials of the significant words: "Collectif Aube Nouvelle" → "CAN".
pub fn acronym(name: &str) -> String {
    const SMALL: &[&str] = &[
        "de", "des", "du", "la", "le", "les", "et", "pour", "contre", "d'abord", "del", "los",
        "las", "y", "por", "da", "do", "dos", "das", "e", "pelos", "a", "for", "of", "the", "and",
        "against", "aux", "à",
    ];
    name.split_whitespace()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| {
            w.trim_start_matches("d'")
                .trim_start_matches("l'")
                .chars()
                .next()
        })
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

const GIVEN: &[&str] = &[
    "Amina", "Karim", "Lucía", "Mateo", "Grace", "Joseph", "Leila", "Omar", "Aïcha", "Didier",
    "Nadia", "Samuel", "Ana", "Rafael", "Mariam", "Yusuf", "Esther", "Tomás", "Farida", "Ibrahim",
    "Sofia", "Daniel", "Hana", "Pierre", "Rosa", "Kwame", "Elena", "Malik", "Chiara", "Thabo",
];
const FAMILY: &[&str] = &[
    "Abena",
    "Bamba",
    "Castillo",
    "Diallo-Ruiz",
    "Eyenga",
    "Farouk",
    "Gómez Vidal",
    "Haddad",
    "Ilunga",
    "Jabari",
    "Kessy",
    "Laurent",
    "Mbeki-Sow",
    "Ndiaye",
    "Okafor",
    "Pereira",
    "Quispe",
    "Rahimi",
    "Santos",
    "Traoré",
    "Umarov",
    "Valdés",
    "Wanjiru",
    "Yilmaz",
    "Zamora",
    "Benali",
    "Mwangi",
    "Ortega",
    "Sissoko",
    "Nakamura",
];

/// A fictional person's name.
pub fn person(rng: &mut impl Rng) -> String {
    let given = GIVEN.choose(rng).copied().unwrap_or("Ana");
    let family = FAMILY.choose(rng).copied().unwrap_or("Santos");
    format!("{given} {family}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn names_follow_the_country_language() {
        assert_eq!(language_of("CI"), Lang::Fr);
        assert_eq!(language_of("HN"), Lang::Es);
        assert_eq!(language_of("BR"), Lang::Pt);
        assert_eq!(language_of("KE"), Lang::En);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let fr = organisation(&mut rng, "CD");
        assert!(FR_KINDS.iter().any(|k| fr.starts_with(k)), "{fr}");
    }

    #[test]
    fn acronyms_take_significant_initials() {
        assert_eq!(acronym("Collectif Aube Nouvelle contre l'impunité"), "CANI");
        assert_eq!(
            acronym("Red Voces Libres por los derechos humanos"),
            "RVLDH"
        );
        assert_eq!(
            acronym("Open Door Initiative for Human Rights Defenders"),
            "ODIHRD"
        );
    }

    #[test]
    fn same_seed_same_names() {
        let a: Vec<_> = {
            let mut rng = ChaCha8Rng::seed_from_u64(9);
            (0..20).map(|_| organisation(&mut rng, "MX")).collect()
        };
        let b: Vec<_> = {
            let mut rng = ChaCha8Rng::seed_from_u64(9);
            (0..20).map(|_| organisation(&mut rng, "MX")).collect()
        };
        assert_eq!(a, b);
    }
}

/// Folds accented Latin letters to ASCII and keeps `[a-z0-9]`, for record keys.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ş' => 's',
            'ğ' => 'g',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if folded == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(folded);
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod slug_tests {
    use super::slug;

    #[test]
    fn slugs_are_ascii_keys() {
        assert_eq!(slug("Güllistan Yarkın"), "gullistan-yarkin");
        assert_eq!(slug("Réseau Espoir Partagé"), "reseau-espoir-partage");
        assert_eq!(slug("  --Sa'id  "), "sa-id");
        assert!(shared::OrgId::parse(&slug("Maison Clé des Libertés")).is_ok());
    }
}
