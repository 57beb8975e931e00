//! The demo dataset. The network bodies, partners, member and defenders named
//! in OMCT's reports (../shared/seeds) are real and described only with what
//! those reports say; the rest of the 311 member organisations are fictional,
//! generated deterministically and flagged `demo`.

use super::dataset::{Dataset, EdgeKind, EdgeSeed, NodeRef, OrgSeed, PersonSeed};
use super::names;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shared::{OrgKind, PersonRole, RiskLevel, Visibility};
use std::collections::{HashMap, HashSet};

/// Member organisations of the SOS-Torture network (OMCT's HRD programme page).
pub const MEMBER_COUNT: usize = 311;
/// Members that joined in 2024 (the president's message of the 2024 report).
pub const JOINED_2024: usize = 6;
/// Partners of the SOS-Defenders platform (annual report 2024).
pub const SOS_DEFENDERS_PARTNERS: usize = 15;

const SEED: u64 = 2024;

struct Real {
    key: &'static str,
    name: &'static str,
    acronym: Option<&'static str>,
    kind: OrgKind,
    country: Option<&'static str>,
    city: Option<&'static str>,
    website: Option<&'static str>,
    themes: &'static [&'static str],
    /// The description: the original first, then its translations.
    texts: &'static [(&'static str, &'static str)],
}

const REAL: &[Real] = &[
    Real {
        key: "omct",
        name: "World Organisation Against Torture",
        acronym: Some("OMCT"),
        kind: OrgKind::Network,
        country: Some("CH"),
        city: Some("Geneva"),
        website: Some("https://www.omct.org"),
        themes: &["torture-prevention", "human-rights-defenders", "victim-support", "justice"],
        texts: &[
            ("en", "The OMCT coordinates the SOS-Torture network of member organisations fighting torture worldwide. It protects human-rights defenders through urgent interventions, rapid-response support, trial observation and advocacy before the United Nations and regional mechanisms.\n\nIn 2024 it sent 251 urgent interventions for 206 defenders in 46 countries, gave rapid-response protection (legal, medical and psychosocial support) to 75 defenders in 20 countries, and supported more than 390 defenders, 226 of them women, in eight countries through 11 institutional grants."),
            ("fr", "L’OMCT coordonne le réseau SOS-Torture, composé d’organisations membres qui luttent contre la torture dans le monde entier. Elle protège les défenseur·es des droits humains par des interventions urgentes, un soutien de réponse rapide, l’observation de procès et le plaidoyer auprès des Nations unies et des mécanismes régionaux.\n\nEn 2024, elle a mené 251 interventions urgentes en faveur de 206 défenseur·es dans 46 pays, apporté une protection de réponse rapide (soutien juridique, médical et psychosocial) à 75 défenseur·es dans 20 pays et soutenu plus de 390 défenseur·es, dont 226 femmes, dans huit pays grâce à 11 subventions institutionnelles."),
            ("es", "La OMCT coordina la red SOS-Tortura, formada por organizaciones miembro que luchan contra la tortura en todo el mundo. Protege a las personas defensoras de derechos humanos mediante intervenciones urgentes, apoyo de respuesta rápida, observación de juicios e incidencia ante las Naciones Unidas y los mecanismos regionales.\n\nEn 2024 realizó 251 intervenciones urgentes a favor de 206 personas defensoras en 46 países, brindó protección de respuesta rápida (apoyo jurídico, médico y psicosocial) a 75 personas defensoras en 20 países y apoyó a más de 390 personas defensoras, 226 de ellas mujeres, en ocho países mediante 11 subvenciones institucionales."),
        ],
    },
    Real {
        key: "sos-torture",
        name: "SOS-Torture Network",
        acronym: None,
        kind: OrgKind::Network,
        country: Some("CH"),
        city: Some("Geneva"),
        website: None,
        themes: &["torture-prevention"],
        texts: &[
            ("en", "The global network of civil-society organisations fighting torture, coordinated by the OMCT. Its members document cases, assist victims and bring their cases before national, regional and international bodies. Six new members joined in 2024."),
            ("fr", "Le réseau mondial d’organisations de la société civile qui luttent contre la torture, coordonné par l’OMCT. Ses membres documentent les cas, assistent les victimes et portent leurs dossiers devant les instances nationales, régionales et internationales. Six nouveaux membres l’ont rejoint en 2024."),
            ("es", "La red mundial de organizaciones de la sociedad civil que luchan contra la tortura, coordinada por la OMCT. Sus miembros documentan casos, asisten a las víctimas y llevan sus casos ante instancias nacionales, regionales e internacionales. Seis nuevos miembros se unieron en 2024."),
        ],
    },
    Real {
        key: "observatory",
        name: "Observatory for the Protection of Human Rights Defenders",
        acronym: None,
        kind: OrgKind::Network,
        country: Some("CH"),
        city: Some("Geneva"),
        website: None,
        themes: &["human-rights-defenders"],
        texts: &[
            ("fr", "Créé en 1997 par l’OMCT et la FIDH, un partenariat fondé sur la complémentarité des approches des deux organisations et de leurs réseaux. Il a contribué à la création du mandat des Nations unies sur les défenseur·es des droits humains en 2000."),
            ("en", "Created in 1997 by the OMCT and FIDH, a partnership built on the complementary approaches of the two organisations and their networks. It contributed to the creation of the UN mandate on human-rights defenders in 2000."),
        ],
    },
    Real {
        key: "uatc",
        name: "United Against Torture Consortium",
        acronym: Some("UATC"),
        kind: OrgKind::Network,
        country: None,
        city: None,
        website: None,
        themes: &["torture-prevention"],
        texts: &[
            ("en", "A consortium of organisations against torture. With the OMCT it marked the 40th anniversary of the UN Convention against Torture in 2024, and it supports local partners such as MIDH and CIDDH in Côte d'Ivoire to document cases and work with the UN Committee against Torture."),
            ("fr", "Un consortium d’organisations contre la torture. Avec l’OMCT, il a marqué en 2024 le 40e anniversaire de la Convention des Nations unies contre la torture ; il soutient des partenaires locaux comme le MIDH et la CIDDH en Côte d’Ivoire pour documenter des cas et travailler avec le Comité contre la torture."),
        ],
    },
    Real {
        key: "protectdefenders-eu",
        name: "ProtectDefenders.eu",
        acronym: None,
        kind: OrgKind::Network,
        country: Some("BE"),
        city: Some("Brussels"),
        website: Some("https://protectdefenders.eu"),
        themes: &["human-rights-defenders"],
        texts: &[
            ("en", "The European Union's mechanism for human-rights defenders, implemented by international civil society. The OMCT has been a member since October 2015."),
            ("fr", "Le mécanisme de l’Union européenne pour les défenseur·es des droits humains, mis en œuvre par la société civile internationale. L’OMCT en est membre depuis octobre 2015."),
            ("es", "El mecanismo de la Unión Europea para las personas defensoras de derechos humanos, implementado por la sociedad civil internacional. La OMCT es miembro desde octubre de 2015."),
        ],
    },
    Real {
        key: "sos-defenders",
        name: "SOS-Defenders",
        acronym: None,
        kind: OrgKind::Network,
        country: Some("CH"),
        city: Some("Geneva"),
        website: None,
        themes: &["arbitrary-detention", "human-rights-defenders"],
        texts: &[
            ("en", "A platform launched by the OMCT in 2024 with 15 partner organisations to document the arbitrary detention of human-rights defenders worldwide. In 2024 it documented 444 cases of arbitrarily detained defenders in 17 countries and helped obtain the release of 41 of them."),
            ("fr", "Une plateforme lancée par l’OMCT en 2024 avec 15 organisations partenaires pour documenter la détention arbitraire de défenseur·es des droits humains dans le monde. En 2024, elle a documenté 444 cas de défenseur·es détenu·es arbitrairement dans 17 pays et contribué à obtenir la libération de 41 d’entre eux·elles."),
            ("es", "Una plataforma lanzada por la OMCT en 2024 con 15 organizaciones socias para documentar la detención arbitraria de personas defensoras de derechos humanos en todo el mundo. En 2024 documentó 444 casos de personas defensoras detenidas arbitrariamente en 17 países y contribuyó a la liberación de 41 de ellas."),
        ],
    },
    Real {
        key: "sanad",
        name: "SANAD",
        acronym: None,
        kind: OrgKind::Network,
        country: Some("TN"),
        city: Some("Tunis"),
        website: None,
        themes: &["victim-support", "torture-prevention"],
        texts: &[
            ("fr", "Le programme d’assistance directe de l’OMCT en Tunisie. En 2024, 158 victimes de torture ont reçu une assistance psychologique, médicale et juridique par le biais de SANAD."),
            ("en", "The OMCT's direct assistance programme in Tunisia. In 2024, 158 victims of torture received psychological, medical and legal assistance through SANAD."),
        ],
    },
    Real {
        key: "fidh",
        name: "International Federation for Human Rights",
        acronym: Some("FIDH"),
        kind: OrgKind::Partner,
        country: Some("FR"),
        city: Some("Paris"),
        website: Some("https://www.fidh.org"),
        themes: &["human-rights-defenders", "justice"],
        texts: &[
            ("fr", "Cofondatrice avec l’OMCT de l’Observatoire pour la protection des défenseurs des droits de l’homme (1997)."),
            ("en", "Co-founder with the OMCT of the Observatory for the Protection of Human Rights Defenders (1997)."),
            ("es", "Cofundadora con la OMCT del Observatorio para la Protección de los Defensores de Derechos Humanos (1997)."),
        ],
    },
    Real {
        key: "midh",
        name: "Mouvement Ivoirien des Droits Humains",
        acronym: Some("MIDH"),
        kind: OrgKind::Member,
        country: Some("CI"),
        city: Some("Abidjan"),
        website: None,
        themes: &["torture-prevention", "human-rights-defenders"],
        texts: &[
            ("fr", "Organisation membre du réseau SOS-Torture en Côte d’Ivoire. Dans le cadre du Consortium Unis contre la torture, elle dispose des compétences nécessaires pour documenter des cas, mener des actions de plaidoyer plus ciblées et collaborer efficacement avec le Comité contre la torture, en assurant le suivi de ses recommandations et en soumettant des rapports alternatifs."),
            ("en", "Member organisation of the SOS-Torture network in Côte d'Ivoire. Under the United Against Torture Consortium it gained the skills to document cases, lead more targeted advocacy and work effectively with the UN Committee against Torture, following up its recommendations and submitting alternative reports."),
            ("es", "Organización miembro de la red SOS-Tortura en Costa de Marfil. En el marco del Consorcio Unidos contra la Tortura adquirió las competencias para documentar casos, realizar una incidencia más focalizada y colaborar eficazmente con el Comité contra la Tortura, dando seguimiento a sus recomendaciones y presentando informes alternativos."),
        ],
    },
    Real {
        key: "ciddh",
        name: "Coalition Ivoirienne des Défenseurs des Droits Humains",
        acronym: Some("CIDDH"),
        kind: OrgKind::Partner,
        country: Some("CI"),
        city: Some("Abidjan"),
        website: None,
        themes: &["human-rights-defenders", "torture-prevention"],
        texts: &[
            ("fr", "Organisation partenaire en Côte d’Ivoire. Dans le cadre du Consortium Unis contre la torture, elle documente des cas, mène des actions de plaidoyer ciblées et collabore avec le Comité contre la torture, en assurant le suivi de ses recommandations et en soumettant des rapports alternatifs."),
            ("en", "Partner organisation in Côte d'Ivoire. Under the United Against Torture Consortium it documents cases, leads targeted advocacy and works with the UN Committee against Torture, following up its recommendations and submitting alternative reports."),
        ],
    },
    Real {
        key: "justicia-pro-persona",
        name: "Justicia Pro Persona",
        acronym: None,
        kind: OrgKind::Partner,
        country: Some("MX"),
        city: None,
        website: None,
        themes: &["justice", "victim-support"],
        texts: &[
            ("es", "Socia local en México, acompañada por la OMCT en 2024 con el apoyo de la Unión Europea. En sus palabras, el proyecto marcó un antes y un después: fortaleció su estructura institucional y la hizo más sólida y resiliente."),
            ("en", "Local partner in Mexico, accompanied by the OMCT in 2024 with the support of the European Union. In its words, the project marked a turning point: it strengthened its institutional structure and made it more robust and resilient."),
            ("fr", "Partenaire local au Mexique, accompagné par l’OMCT en 2024 avec le soutien de l’Union européenne. Selon l’organisation, ce projet a marqué un tournant : il a renforcé sa structure institutionnelle, la rendant plus robuste et résiliente."),
        ],
    },
    Real {
        key: "forsc",
        name: "Forum pour le Renforcement de la Société Civile",
        acronym: Some("FORSC"),
        kind: OrgKind::Partner,
        country: Some("BI"),
        city: Some("Bujumbura"),
        website: None,
        themes: &["human-rights-defenders"],
        texts: &[
            ("fr", "A co-organisé avec l’OMCT l’atelier de formation en français sur les mécanismes régionaux et internationaux des droits de l’homme tenu à Bujumbura du 17 au 20 octobre 2011, avec 16 participant·es du Tchad, de la RDC, du Togo, de la Côte d’Ivoire, du Burundi et du Rwanda."),
            ("en", "Co-organised with the OMCT the French-language training on regional and international human-rights mechanisms held in Bujumbura from 17 to 20 October 2011, with 16 participants from Chad, DR Congo, Togo, Côte d'Ivoire, Burundi and Rwanda."),
        ],
    },
];

struct RealPerson {
    key: &'static str,
    name: &'static str,
    country: &'static str,
    description: &'static str,
}

const DEFENDERS: &[RealPerson] = &[
    RealPerson { key: "daouda-diallo", name: "Daouda Diallo", country: "BF", description: "Human-rights defender released in 2024." },
    RealPerson { key: "jack-sinzahera", name: "Jack Sinzahera", country: "CD", description: "Human-rights defender released in 2024." },
    RealPerson { key: "gloire-saasita", name: "Gloire Saasita", country: "CD", description: "Human-rights defender released in 2024." },
    RealPerson { key: "gloria-singha", name: "Gloria Singha", country: "CD", description: "Human-rights defender released in 2024." },
    RealPerson { key: "fatia-maulidiyanti", name: "Fatia Maulidiyanti", country: "ID", description: "Human-rights defender acquitted in 2024 after years of judicial harassment." },
    RealPerson { key: "eren-keskin", name: "Eren Keskin", country: "TR", description: "Human-rights defender acquitted in 2024; OMCT trial-observation missions followed her trial." },
    RealPerson { key: "gullistan-yarkin", name: "Güllistan Yarkın", country: "TR", description: "Human-rights defender acquitted in 2024; OMCT trial-observation missions followed the trial." },
    RealPerson { key: "jamila-loukil", name: "Jamila Loukil", country: "DZ", description: "Human-rights defender acquitted in 2023 of \"terrorism\" charges that carried up to 20 years in prison." },
    RealPerson { key: "kaddour-chouicha", name: "Kaddour Chouicha", country: "DZ", description: "Human-rights defender acquitted in 2023 of \"terrorism\" charges that carried up to 20 years in prison." },
    RealPerson { key: "said-boudour", name: "Said Boudour", country: "DZ", description: "Human-rights defender acquitted in 2023 of \"terrorism\" charges that carried up to 20 years in prison." },
];

/// Countries of the fictional members: ISO code, relative weight, cities.
const POOL: &[(&str, u32, &[&str])] = &[
    ("CD", 12, &["Kinshasa", "Goma", "Bukavu", "Lubumbashi"]),
    ("CI", 6, &["Abidjan", "Bouaké"]),
    ("BI", 5, &["Bujumbura", "Gitega"]),
    ("BF", 5, &["Ouagadougou", "Bobo-Dioulasso"]),
    ("CM", 6, &["Yaoundé", "Douala"]),
    ("SN", 5, &["Dakar", "Saint-Louis"]),
    ("TD", 4, &["N'Djamena"]),
    ("TG", 4, &["Lomé"]),
    ("BJ", 3, &["Cotonou"]),
    ("ML", 4, &["Bamako"]),
    ("NE", 3, &["Niamey"]),
    ("GN", 4, &["Conakry"]),
    ("RW", 2, &["Kigali"]),
    ("KE", 7, &["Nairobi", "Mombasa", "Kisumu"]),
    ("UG", 6, &["Kampala", "Gulu"]),
    ("TZ", 4, &["Dar es Salaam", "Arusha"]),
    ("NG", 8, &["Lagos", "Abuja", "Port Harcourt"]),
    ("GH", 3, &["Accra"]),
    ("ZW", 4, &["Harare", "Bulawayo"]),
    ("ZA", 5, &["Johannesburg", "Cape Town"]),
    ("SL", 3, &["Freetown"]),
    ("LR", 3, &["Monrovia"]),
    ("MG", 3, &["Antananarivo"]),
    ("ET", 3, &["Addis Ababa"]),
    ("SD", 3, &["Khartoum"]),
    ("SS", 2, &["Juba"]),
    ("CF", 2, &["Bangui"]),
    ("CG", 3, &["Brazzaville"]),
    ("GA", 2, &["Libreville"]),
    ("MZ", 3, &["Maputo"]),
    ("AO", 2, &["Luanda"]),
    ("ZM", 2, &["Lusaka"]),
    ("MW", 2, &["Lilongwe"]),
    ("MR", 2, &["Nouakchott"]),
    (
        "MX",
        14,
        &[
            "Mexico City",
            "Guadalajara",
            "Oaxaca",
            "Monterrey",
            "Chihuahua",
        ],
    ),
    ("CO", 10, &["Bogotá", "Medellín", "Cali"]),
    ("HN", 5, &["Tegucigalpa", "San Pedro Sula"]),
    ("GT", 5, &["Guatemala City", "Quetzaltenango"]),
    ("SV", 3, &["San Salvador"]),
    ("NI", 2, &["Managua"]),
    ("BR", 9, &["São Paulo", "Rio de Janeiro", "Recife", "Belém"]),
    ("PE", 5, &["Lima", "Cusco"]),
    ("BO", 3, &["La Paz", "Cochabamba"]),
    ("EC", 4, &["Quito", "Guayaquil"]),
    ("VE", 5, &["Caracas", "Maracaibo"]),
    ("AR", 5, &["Buenos Aires", "Córdoba"]),
    ("CL", 4, &["Santiago", "Valparaíso"]),
    ("PY", 3, &["Asunción"]),
    ("UY", 2, &["Montevideo"]),
    ("HT", 3, &["Port-au-Prince"]),
    ("US", 3, &["Washington", "New York"]),
    ("CA", 2, &["Montreal", "Toronto"]),
    ("DO", 2, &["Santo Domingo"]),
    ("PA", 1, &["Panama City"]),
    ("IN", 6, &["New Delhi", "Mumbai", "Chennai"]),
    ("PK", 4, &["Lahore", "Karachi"]),
    ("BD", 4, &["Dhaka"]),
    ("NP", 3, &["Kathmandu"]),
    ("LK", 3, &["Colombo"]),
    ("PH", 5, &["Manila", "Davao"]),
    ("ID", 4, &["Jakarta", "Yogyakarta"]),
    ("MY", 2, &["Kuala Lumpur"]),
    ("TH", 3, &["Bangkok", "Chiang Mai"]),
    ("KH", 2, &["Phnom Penh"]),
    ("KR", 2, &["Seoul"]),
    ("MN", 1, &["Ulaanbaatar"]),
    ("AF", 2, &["Kabul"]),
    ("TL", 1, &["Dili"]),
    ("TR", 5, &["Istanbul", "Ankara", "Diyarbakır"]),
    ("RU", 4, &["Moscow", "Saint Petersburg", "Kazan"]),
    ("UA", 4, &["Kyiv", "Kharkiv"]),
    ("KZ", 3, &["Almaty", "Astana"]),
    ("KG", 2, &["Bishkek"]),
    ("TJ", 2, &["Dushanbe"]),
    ("UZ", 2, &["Tashkent"]),
    ("GE", 3, &["Tbilisi"]),
    ("AM", 2, &["Yerevan"]),
    ("AZ", 2, &["Baku"]),
    ("MD", 2, &["Chișinău"]),
    ("FR", 3, &["Paris", "Lyon"]),
    ("ES", 2, &["Madrid", "Barcelona"]),
    ("IT", 2, &["Rome", "Milan"]),
    ("DE", 2, &["Berlin"]),
    ("GB", 3, &["London"]),
    ("BE", 2, &["Brussels"]),
    ("CH", 2, &["Geneva", "Bern"]),
    ("NL", 1, &["The Hague"]),
    ("GR", 2, &["Athens"]),
    ("RS", 2, &["Belgrade"]),
    ("BA", 1, &["Sarajevo"]),
    ("PL", 1, &["Warsaw"]),
    ("TN", 5, &["Tunis", "Sfax", "Gafsa"]),
    ("MA", 3, &["Rabat", "Casablanca"]),
    ("DZ", 3, &["Algiers", "Oran"]),
    ("EG", 4, &["Cairo", "Alexandria"]),
    ("LB", 3, &["Beirut"]),
    ("JO", 2, &["Amman"]),
    ("PS", 3, &["Ramallah", "Gaza"]),
    ("IL", 2, &["Tel Aviv", "Jerusalem"]),
    ("IQ", 2, &["Baghdad", "Erbil"]),
    ("YE", 2, &["Sana'a", "Aden"]),
    ("LY", 2, &["Tripoli", "Benghazi"]),
    ("AU", 2, &["Sydney", "Melbourne"]),
    ("NZ", 1, &["Wellington"]),
    ("FJ", 1, &["Suva"]),
    ("PG", 1, &["Port Moresby"]),
];

/// Theme, probability that a fictional member works on it, and what it does
/// in English, French and Spanish.
pub const THEME_ACTIVITIES: &[(&str, f64, &str, &str, &str)] = &[
    (
        "torture-prevention",
        0.6,
        "documents torture and ill-treatment and reports to the UN Committee against Torture",
        "documente la torture et les mauvais traitements et fait rapport au Comité contre la torture",
        "documenta la tortura y los malos tratos e informa al Comité contra la Tortura",
    ),
    (
        "human-rights-defenders",
        0.45,
        "supports human-rights defenders at risk with urgent appeals and protection",
        "soutient les défenseur·es des droits humains en danger par des appels urgents et des mesures de protection",
        "apoya a personas defensoras de derechos humanos en riesgo con llamamientos urgentes y medidas de protección",
    ),
    (
        "victim-support",
        0.35,
        "provides legal, medical and psychosocial support to victims of torture",
        "apporte un soutien juridique, médical et psychosocial aux victimes de torture",
        "brinda apoyo jurídico, médico y psicosocial a víctimas de tortura",
    ),
    (
        "justice",
        0.3,
        "brings cases of torture before national and regional courts to end impunity",
        "porte des cas de torture devant les tribunaux nationaux et régionaux pour mettre fin à l’impunité",
        "lleva casos de tortura ante tribunales nacionales y regionales para acabar con la impunidad",
    ),
    (
        "arbitrary-detention",
        0.25,
        "monitors places of detention and cases of arbitrary detention",
        "surveille les lieux de détention et les cas de détention arbitraire",
        "monitorea los lugares de detención y los casos de detención arbitraria",
    ),
    (
        "police-violence",
        0.2,
        "documents police violence and litigates against abuses",
        "documente les violences policières et engage des recours contre les abus",
        "documenta la violencia policial y litiga contra los abusos",
    ),
    (
        "women",
        0.2,
        "supports women survivors of torture and women defenders",
        "soutient les femmes survivantes de la torture et les défenseures",
        "apoya a mujeres sobrevivientes de tortura y a defensoras",
    ),
    ("children", 0.15, "protects children deprived of liberty", "protège les enfants privés de liberté", "protege a niñas y niños privados de libertad"),
    (
        "migrants",
        0.12,
        "defends the rights of migrants in detention and at borders",
        "défend les droits des personnes migrantes en détention et aux frontières",
        "defiende los derechos de las personas migrantes detenidas y en las fronteras",
    ),
    (
        "crisis-response",
        0.1,
        "responds to crises with emergency assistance to people at risk",
        "répond aux crises par une assistance d’urgence aux personnes en danger",
        "responde a las crisis con asistencia de emergencia a personas en riesgo",
    ),
];

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
