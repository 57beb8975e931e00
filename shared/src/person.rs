//! People in the graph: defenders, observers, staff, lawyers.

use crate::error::{Problem, ValidationError};
use crate::text::single_line;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        single_line("name", raw, 2, 200).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PersonName> for String {
    fn from(n: PersonName) -> String {
        n.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    Defender,
    Observer,
    Staff,
    Lawyer,
}

impl PersonRole {
    pub const ALL: [PersonRole; 4] = [
        PersonRole::Defender,
        PersonRole::Observer,
        PersonRole::Staff,
        PersonRole::Lawyer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PersonRole::Defender => "defender",
            PersonRole::Observer => "observer",
            PersonRole::Staff => "staff",
            PersonRole::Lawyer => "lawyer",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "role",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|r| r.as_str().to_owned()).to_vec(),
                    },
                )
                .with_value(raw.trim())
            })
    }
}

/// How exposed a person is; drives how carefully their record is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Critical,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "risk level",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|r| r.as_str().to_owned()).to_vec(),
                    },
                )
                .with_value(raw.trim())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_single_lines() {
        assert_eq!(
            PersonName::parse(" Eren Keskin ").unwrap().as_str(),
            "Eren Keskin"
        );
        assert_eq!(
            PersonName::parse("Güllistan Yarkın").unwrap().as_str(),
            "Güllistan Yarkın"
        );
        assert_eq!(
            PersonName::parse("").unwrap_err().problem,
            Problem::Required
        );
        assert!(PersonName::parse("X").is_err());
        assert!(PersonName::parse("two\nlines").is_err());
        assert!(PersonName::parse(&"n".repeat(201)).is_err());
    }

    #[test]
    fn roles_and_risk_levels_parse_their_own_words() {
        for r in PersonRole::ALL {
            assert_eq!(PersonRole::parse(r.as_str()).unwrap(), r);
        }
        assert!(PersonRole::parse("judge").is_err());
        for r in RiskLevel::ALL {
            assert_eq!(RiskLevel::parse(r.as_str()).unwrap(), r);
        }
        assert_eq!(RiskLevel::parse("extreme").unwrap_err().field, "risk level");
        assert!(RiskLevel::Critical > RiskLevel::High);
    }
}
