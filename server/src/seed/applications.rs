//! Demo membership applications, one or more at each stage: just sent,
//! under review with referees asked and one answer, waiting for the
//! applicant's answer, declined, and the admissions of two of the members
//! who joined in 2024. The organisations applying are fictional.

use crate::db::{Db, DbError};
use chrono::{Days, NaiveDate};
use surrealdb::types::{RecordId, SurrealValue};

struct DemoApplication {
    key: &'static str,
    name: &'static str,
    acronym: Option<&'static str>,
    country: &'static str,
    city: &'static str,
    founded: i64,
    contact_name: &'static str,
    contact_email: &'static str,
    mandate: &'static str,
    independence: &'static str,
    legal_status: &'static str,
    language: &'static str,
    days_ago: u64,
    status: &'static str,
    reason: Option<&'static str>,
    /// Whether staff asked the referees; MIDH answered when it is `Some`.
    asked: Option<Option<&'static str>>,
    /// Staff's verdicts so far: criterion, verdict, note.
    verdicts: &'static [(&'static str, &'static str, Option<&'static str>)],
}

const APPLICATIONS: &[DemoApplication] = &[
    DemoApplication {
        key: "d0000000000000a1",
        name: "Centre d'accompagnement des victimes de torture du Sahel",
        acronym: Some("CAVTS"),
        country: "bf",
        city: "Ouagadougou",
        founded: 2016,
        contact_name: "Aminata Ouédraogo",
        contact_email: "contact@cavts.example.org",
        mandate: "Soutien médical, psychologique et juridique aux victimes de torture dans les zones de conflit du Sahel; documentation des cas de détention au secret.",
        independence: "Financée par des fondations privées et les cotisations de ses membres; aucun financement public.",
        legal_status: "Association déclarée (récépissé n° 2016-114)",
        language: "fr",
        days_ago: 4,
        status: "submitted",
        reason: None,
        asked: None,
        verdicts: &[],
    },
    DemoApplication {
        key: "d0000000000000a2",
        name: "Red de Defensoras contra la Tortura de Guatemala",
        acronym: Some("REDCTG"),
        country: "gt",
        city: "Ciudad de Guatemala",
        founded: 2012,
        contact_name: "Lucía Xom",
        contact_email: "coordinacion@redctg.example.org",
        mandate: "Acompañamiento a mujeres indígenas sobrevivientes de tortura y violencia sexual en detención; litigio estratégico ante la Corte Interamericana.",
        independence: "Asamblea de socias; fondos de la cooperación internacional no gubernamental.",
        legal_status: "Asociación civil sin fines de lucro",
        language: "es",
        days_ago: 21,
        status: "submitted",
        reason: None,
        asked: Some(Some("We have worked with them on two trial observations; strongly recommended.")),
        verdicts: &[
            ("against-torture", "met", None),
            ("non-profit", "met", None),
            ("independent", "unclear", Some("Ask which foundations fund the litigation programme.")),
        ],
    },
    DemoApplication {
        key: "d0000000000000a3",
        name: "Kathmandu Centre for Survivors of Torture",
        acronym: Some("KCST"),
        country: "np",
        city: "Kathmandu",
        founded: 2019,
        contact_name: "Sunita Rai",
        contact_email: "director@kcst.example.org",
        mandate: "Rehabilitation of torture survivors from the conflict years and documentation of custodial torture in police stations.",
        independence: "Board elected by members; funded by a European foundation and private donors.",
        legal_status: "Non-profit registered with the District Administration Office",
        language: "en",
        days_ago: 35,
        status: "more-information",
        reason: Some("Please send your statutes and your last annual report, and tell us how the board is elected."),
        asked: Some(None),
        verdicts: &[("against-torture", "met", None), ("two-years", "met", None)],
    },
    DemoApplication {
        key: "d0000000000000a4",
        name: "Initiative citoyenne pour la dignité en détention",
        acronym: None,
        country: "cm",
        city: "Douala",
        founded: 2025,
        contact_name: "Paul Ngono",
        contact_email: "initiative.dignite@example.org",
        mandate: "Visites de lieux de détention et plaidoyer pour l'amélioration des conditions carcérales.",
        independence: "Fondée par des avocats bénévoles.",
        legal_status: "Association en cours de déclaration",
        language: "fr",
        days_ago: 60,
        status: "declined",
        reason: Some("Le réseau admet des organisations actives depuis au moins deux ans. Nous vous invitons à présenter une nouvelle demande en 2027 et restons à votre disposition d'ici là."),
        asked: Some(None),
        verdicts: &[("against-torture", "met", None), ("two-years", "not-met", Some("Founded in 2025."))],
    },
];

/// Writes the demo applications; `today` anchors their dates. Needs the
/// demo organisations (MIDH and the members of 2024).
pub async fn write(db: &Db, today: NaiveDate) -> Result<usize, DbError> {
    let other: Option<RecordId> = db
        .query(
            "SELECT VALUE id FROM organisation WHERE kind = 'member' AND visibility = 'public'
                 AND id != organisation:midh ORDER BY name LIMIT 1",
        )
        .await?
        .take::<Vec<RecordId>>(0)?
        .into_iter()
        .next();
    let Some(other) = other else {
        return Ok(0);
    };
    let midh = RecordId::new("organisation", "midh");
    let at = |days: u64| -> surrealdb::types::Datetime {
        let day = today.checked_sub_days(Days::new(days)).unwrap_or(today);
        day.and_hms_opt(9, 30, 0)
            .expect("a time of day")
            .and_utc()
            .into()
    };
    let mut sql = String::from("BEGIN TRANSACTION;\n");
    let mut binds: Vec<(String, surrealdb::types::Value)> = Vec::new();
    let mut bind = |name: String, value: surrealdb::types::Value| binds.push((name, value));
    bind("midh".into(), midh.clone().into_value());
    bind("other".into(), other.clone().into_value());
    for (i, a) in APPLICATIONS.iter().enumerate() {
        let submitted = at(a.days_ago);
        let decided = (a.status == "declined").then(|| at(a.days_ago.saturating_sub(20)));
        sql.push_str(&format!(
            "CREATE $a{i} CONTENT {{
                 name: $n{i}, acronym: $ac{i}, country: $c{i}, city: $city{i}, founded: $f{i},
                 contact_name: $cn{i}, contact_email: $ce{i}, mandate: $m{i}, independence: $ind{i},
                 legal_status: $ls{i}, status: $s{i}, reason: $r{i}, language: $l{i},
                 token_hash: <string> rand::uuid(), submitted_at: $at{i}, decided_at: $dec{i}, demo: true
             }};
             CREATE referee_request CONTENT {{ application: $a{i}, organisation: $midh, position: 1,
                 asked_at: $asked{i}, answer: $ans{i}, comment: $com{i},
                 answered_at: (IF $ans{i} = NONE THEN NONE ELSE $asked{i} END) }};
             CREATE referee_request CONTENT {{ application: $a{i}, organisation: $other, position: 2,
                 asked_at: $asked{i} }};\n"
        ));
        let record = RecordId::new("application", a.key);
        bind(format!("a{i}"), record.clone().into_value());
        bind(format!("n{i}"), a.name.to_owned().into_value());
        bind(format!("ac{i}"), a.acronym.map(str::to_owned).into_value());
        bind(
            format!("c{i}"),
            RecordId::new("country", a.country).into_value(),
        );
        bind(format!("city{i}"), a.city.to_owned().into_value());
        bind(format!("f{i}"), a.founded.into_value());
        bind(format!("cn{i}"), a.contact_name.to_owned().into_value());
        bind(format!("ce{i}"), a.contact_email.to_owned().into_value());
        bind(format!("m{i}"), a.mandate.to_owned().into_value());
        bind(format!("ind{i}"), a.independence.to_owned().into_value());
        bind(format!("ls{i}"), a.legal_status.to_owned().into_value());
        bind(format!("s{i}"), a.status.to_owned().into_value());
        bind(format!("r{i}"), a.reason.map(str::to_owned).into_value());
        bind(format!("l{i}"), a.language.to_owned().into_value());
        bind(format!("at{i}"), submitted.into_value());
        bind(format!("dec{i}"), decided.into_value());
        let asked = a.asked.map(|_| at(a.days_ago.saturating_sub(3)));
        bind(format!("asked{i}"), asked.into_value());
        let answer = a.asked.flatten();
        bind(
            format!("ans{i}"),
            answer.map(|_| "supports".to_owned()).into_value(),
        );
        bind(format!("com{i}"), answer.map(str::to_owned).into_value());
        if let Some(reason) = a.reason.filter(|_| a.status == "more-information") {
            sql.push_str(&format!(
                "CREATE application_message CONTENT {{ application: $a{i}, from_applicant: false,
                     text: $msg{i}, at: $msgat{i} }};\n"
            ));
            bind(format!("msg{i}"), reason.to_owned().into_value());
            bind(
                format!("msgat{i}"),
                at(a.days_ago.saturating_sub(10)).into_value(),
            );
        }
        for (j, (criterion, verdict, note)) in a.verdicts.iter().enumerate() {
            sql.push_str(&format!(
                "CREATE $v{i}_{j} CONTENT {{ application: $a{i}, criterion: $vc{i}_{j},
                     verdict: $vv{i}_{j}, note: $vn{i}_{j} }};\n"
            ));
            bind(
                format!("v{i}_{j}"),
                RecordId::new("assessment", format!("{}-{criterion}", a.key)).into_value(),
            );
            bind(
                format!("vc{i}_{j}"),
                RecordId::new("criterion", *criterion).into_value(),
            );
            bind(format!("vv{i}_{j}"), verdict.to_string().into_value());
            bind(format!("vn{i}_{j}"), note.map(str::to_owned).into_value());
        }
    }
    // Two of the members who joined in 2024, admitted through the platform.
    sql.push_str(
        "FOR $joined IN (SELECT id, name, acronym, city, description, description_lang,
                 (->based_in->country)[0] AS seat
             FROM organisation WHERE kind = 'member' AND member_since = 2024
                 AND visibility = 'public' ORDER BY name LIMIT 2) {
             LET $app = type::record('application', string::concat('d00000000000', string::slice(crypto::md5(<string> $joined.id), 0, 4)));
             CREATE $app CONTENT {
                 name: $joined.name, acronym: $joined.acronym, country: $joined.seat, city: $joined.city,
                 contact_name: 'Contact (demo)', contact_email: string::concat('contact@', record::id($joined.id), '.example.org'),
                 mandate: $joined.description, independence: 'Independent of governments and parties (demo).',
                 legal_status: 'Registered non-profit (demo)', status: 'admitted',
                 reason: 'Admitted by the network in 2024.', language: $joined.description_lang,
                 token_hash: <string> rand::uuid(), submitted_at: d'2024-02-12T09:00:00Z',
                 decided_at: d'2024-05-20T09:00:00Z', organisation: $joined.id, demo: true
             };
             CREATE referee_request CONTENT { application: $app, organisation: $midh, position: 1,
                 asked_at: d'2024-03-01T09:00:00Z', answer: 'supports', answered_at: d'2024-03-08T09:00:00Z' };
         };\nCOMMIT TRANSACTION;",
    );
    let mut query = db.query(sql);
    for (name, value) in binds {
        query = query.bind((name, value));
    }
    query.await?.check()?;
    Ok(APPLICATIONS.len() + 2)
}
