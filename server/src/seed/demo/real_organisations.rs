//! The network bodies, partners and members named in OMCT's reports
//! (../shared/seeds), described only with what those reports say: the
//! original text first, then its translations.

use shared::OrgKind;

pub(super) struct Real {
    pub(super) key: &'static str,
    pub(super) name: &'static str,
    pub(super) acronym: Option<&'static str>,
    pub(super) kind: OrgKind,
    pub(super) country: Option<&'static str>,
    pub(super) city: Option<&'static str>,
    pub(super) website: Option<&'static str>,
    pub(super) themes: &'static [&'static str],
    /// The description: the original first, then its translations.
    pub(super) texts: &'static [(&'static str, &'static str)],
}

pub(super) const REAL: &[Real] = &[
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

/// The names the real organisations go by in the network's other languages,
/// and their working languages, which the duplicate finder and the profile
/// use (`organisation.other_names`, `organisation.languages`).
pub const OTHER_NAMES: &[(&str, &[&str], &[&str])] = &[
    (
        "omct",
        &[
            "Organisation mondiale contre la torture",
            "Organización Mundial Contra la Tortura",
        ],
        &["en", "fr", "es"],
    ),
    (
        "sos-torture",
        &["Réseau SOS-Torture", "Red SOS-Tortura"],
        &["en", "fr", "es"],
    ),
    (
        "observatory",
        &[
            "Observatoire pour la protection des défenseurs des droits humains",
            "Observatorio para la Protección de los Defensores de Derechos Humanos",
        ],
        &["en", "fr", "es"],
    ),
    (
        "fidh",
        &[
            "Fédération internationale pour les droits humains",
            "Federación Internacional por los Derechos Humanos",
        ],
        &["en", "fr", "es", "ar"],
    ),
    ("midh", &["Ivorian Human Rights Movement"], &["fr"]),
    (
        "ciddh",
        &["Ivorian Coalition of Human Rights Defenders"],
        &["fr"],
    ),
    (
        "forsc",
        &["Forum for the Strengthening of Civil Society"],
        &["fr", "rn"],
    ),
    ("justicia-pro-persona", &["Justice for the Person"], &["es"]),
];

/// Writes [`OTHER_NAMES`] onto the seeded organisations.
pub async fn write_other_names(db: &crate::db::Db) -> Result<(), crate::db::DbError> {
    for (key, names, languages) in OTHER_NAMES {
        db.query("UPDATE $org SET other_names = $names, languages = $languages")
            .bind(("org", surrealdb::types::RecordId::new("organisation", *key)))
            .bind((
                "names",
                names.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
            ))
            .bind((
                "languages",
                languages.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
            ))
            .await?
            .check()?;
    }
    Ok(())
}
