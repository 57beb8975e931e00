//! Countries (ISO 3166-1) and the six regions the network's directory uses.

use crate::error::{Problem, ValidationError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// ISO 3166-1 alpha-2 code, stored upper-case (`CI`, `CD`, `MX`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    /// Accepts either case so that hand-typed URLs (`?country=ci`) work.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(ValidationError::new("country", Problem::NotACountryCode).with_value(s));
        }
        Ok(Self(s.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The record key used for the country (lower case, as in URLs).
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl TryFrom<String> for CountryCode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> String {
        c.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The network's own regions (not the UN's): the public directory of the
/// SOS-Torture network groups its members this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    Africa,
    Americas,
    Asia,
    EuropeCentralAsia,
    MaghrebMiddleEast,
    Pacific,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Africa,
        Region::Americas,
        Region::Asia,
        Region::EuropeCentralAsia,
        Region::MaghrebMiddleEast,
        Region::Pacific,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Region::Africa => "africa",
            Region::Americas => "americas",
            Region::Asia => "asia",
            Region::EuropeCentralAsia => "europe-central-asia",
            Region::MaghrebMiddleEast => "maghreb-middle-east",
            Region::Pacific => "pacific",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        Self::ALL
            .into_iter()
            .find(|r| r.slug() == s)
            .ok_or_else(|| {
                ValidationError::new(
                    "region",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|r| r.slug().to_owned()).to_vec(),
                    },
                )
                .with_value(s)
            })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A country as the directory shows it, with its name in each working
/// language (from the CLDR-derived country list, not typed by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    pub code: CountryCode,
    pub alpha3: String,
    pub name: String,
    pub name_fr: String,
    pub name_es: String,
    pub region: Region,
}

impl Country {
    /// The name in the language with this ISO 639-1 code; English otherwise.
    pub fn name_in(&self, lang: &str) -> &str {
        match lang {
            "fr" => &self.name_fr,
            "es" => &self.name_es,
            _ => &self.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_two_letters_upper_cased() {
        assert_eq!(CountryCode::parse("ci").unwrap().as_str(), "CI");
        assert_eq!(CountryCode::parse(" MX ").unwrap().as_str(), "MX");
        assert_eq!(CountryCode::parse("cd").unwrap().key(), "cd");
        for bad in ["", "C", "CIV", "1A", "é1", "c i"] {
            let err = CountryCode::parse(bad).unwrap_err();
            assert_eq!(err.field, "country");
        }
    }

    #[test]
    fn regions_parse_from_their_slug_only() {
        for r in Region::ALL {
            assert_eq!(Region::parse(r.slug()).unwrap(), r);
        }
        let err = Region::parse("Europe").unwrap_err();
        assert!(
            err.message().contains("maghreb-middle-east"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn country_names_follow_the_language() {
        let ci = Country {
            code: CountryCode::parse("CI").unwrap(),
            alpha3: "CIV".into(),
            name: "Côte d'Ivoire".into(),
            name_fr: "Côte d'Ivoire".into(),
            name_es: "Costa de Marfil".into(),
            region: Region::Africa,
        };
        assert_eq!(ci.name_in("es"), "Costa de Marfil");
        assert_eq!(ci.name_in("de"), "Côte d'Ivoire");
    }

    #[test]
    fn regions_serialise_as_slugs() {
        assert_eq!(
            serde_json::to_string(&Region::EuropeCentralAsia).unwrap(),
            "\"europe-central-asia\""
        );
    }
}

/// A country page: who is based there and who else works there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryProfile {
    pub country: Country,
    pub based_here: Vec<crate::organisation::OrgSummary>,
    pub working_here: Vec<crate::organisation::OrgSummary>,
}

/// A line of the country index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryCount {
    pub country: Country,
    pub organisations: u64,
}
