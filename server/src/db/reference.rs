//! Reference data every database holds whatever else is loaded: the ISO
//! countries with the network's regions, and the themes the network works on.
//! Applied at start-up; re-applying is harmless.

use super::{Db, DbError};
use serde::Deserialize;
use shared::{Country, CountryCode, Region, Theme, ThemeId};
use surrealdb::types::SurrealValue;

const COUNTRIES_JSON: &str = include_str!("../../data/countries.json");

/// The network's fields of work, after the chapters of OMCT's annual report.
pub const THEMES: &[(&str, &str)] = &[
    ("torture-prevention", "Torture prevention"),
    ("human-rights-defenders", "Human-rights defenders"),
    ("arbitrary-detention", "Arbitrary detention"),
    ("crisis-response", "Crisis response"),
    ("police-violence", "Police violence"),
    ("justice", "Justice and accountability"),
    ("victim-support", "Victim support"),
    ("migrants", "Migrants"),
    ("children", "Children"),
    ("women", "Women"),
];

#[derive(Debug, Clone, Deserialize)]
pub struct CountryRecord {
    pub alpha2: String,
    pub alpha3: String,
    pub numeric: Option<String>,
    pub name: String,
    pub name_fr: String,
    pub name_es: String,
    pub region: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
}

impl CountryRecord {
    pub fn to_country(&self) -> Country {
        Country {
            code: CountryCode::parse(&self.alpha2).expect("countries.json holds valid codes"),
            alpha3: self.alpha3.clone(),
            name: self.name.clone(),
            name_fr: self.name_fr.clone(),
            name_es: self.name_es.clone(),
            region: Region::parse(&self.region).expect("countries.json holds valid regions"),
        }
    }
}

/// The embedded country list, parsed.
pub fn countries() -> Vec<CountryRecord> {
    serde_json::from_str(COUNTRIES_JSON).expect("countries.json is valid JSON")
}

pub fn themes() -> Vec<Theme> {
    THEMES
        .iter()
        .map(|(id, name)| Theme {
            id: ThemeId::parse(id).expect("theme ids are slugs"),
            name: (*name).to_owned(),
        })
        .collect()
}

#[derive(SurrealValue)]
struct CountryRow {
    key: String,
    alpha2: String,
    alpha3: String,
    numeric: Option<String>,
    name: String,
    name_fr: String,
    name_es: String,
    region: String,
    lat: Option<f64>,
    lng: Option<f64>,
}

#[derive(SurrealValue)]
struct ThemeRow {
    key: String,
    name: String,
}

pub async fn ensure(db: &Db) -> Result<(), DbError> {
    let countries: Vec<CountryRow> = countries()
        .into_iter()
        .map(|c| CountryRow {
            key: c.alpha2.to_ascii_lowercase(),
            alpha2: c.alpha2,
            alpha3: c.alpha3,
            numeric: c.numeric,
            name: c.name,
            name_fr: c.name_fr,
            name_es: c.name_es,
            region: c.region,
            lat: c.lat,
            lng: c.lng,
        })
        .collect();
    let themes: Vec<ThemeRow> = THEMES
        .iter()
        .map(|(key, name)| ThemeRow {
            key: (*key).to_owned(),
            name: (*name).to_owned(),
        })
        .collect();
    db.query(
        "BEGIN TRANSACTION;
         FOR $c IN $countries {
             UPSERT type::record('country', $c.key) CONTENT {
                 alpha2: $c.alpha2, alpha3: $c.alpha3, numeric: $c.numeric, name: $c.name,
                 name_fr: $c.name_fr, name_es: $c.name_es, region: $c.region,
                 lat: $c.lat, lng: $c.lng, visibility: 'public'
             };
         };
         FOR $t IN $themes {
             UPSERT type::record('theme', $t.key) CONTENT { name: $t.name, visibility: 'public' };
         };
         COMMIT TRANSACTION;",
    )
    .bind(("countries", countries))
    .bind(("themes", themes))
    .await?
    .check()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_iso_country_has_a_network_region() {
        let list = countries();
        assert!(list.len() >= 249, "{} countries", list.len());
        let codes: HashSet<_> = list.iter().map(|c| c.alpha2.clone()).collect();
        assert_eq!(codes.len(), list.len(), "duplicate codes");
        for c in &list {
            let country = c.to_country();
            assert_eq!(country.code.as_str(), c.alpha2);
        }
        let region_of = |code: &str| {
            list.iter()
                .find(|c| c.alpha2 == code)
                .unwrap()
                .to_country()
                .region
        };
        assert_eq!(region_of("CI"), Region::Africa);
        assert_eq!(region_of("TN"), Region::MaghrebMiddleEast);
        assert_eq!(region_of("TR"), Region::EuropeCentralAsia);
        assert_eq!(region_of("KZ"), Region::EuropeCentralAsia);
        assert_eq!(region_of("MX"), Region::Americas);
        assert_eq!(region_of("ID"), Region::Asia);
        assert_eq!(region_of("FJ"), Region::Pacific);
        for region in Region::ALL {
            assert!(
                list.iter().any(|c| c.to_country().region == region),
                "{region:?}"
            );
        }
    }

    #[test]
    fn themes_have_valid_ids() {
        assert_eq!(themes().len(), THEMES.len());
    }
}
