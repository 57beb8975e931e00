//! Values the admin pages receive that exist only for them.

use serde::{Deserialize, Serialize};

/// An invitation as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub email: String,
    pub name: String,
    pub role: shared::Role,
    pub expired: bool,
    pub used: bool,
}

/// Setting up a second factor: the secret for the app, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// Base32, as apps ask for it when typed by hand.
    pub secret: String,
    /// `otpauth://` address that apps open directly.
    pub uri: String,
}

/// The choices of the trial registration form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TrialFormOptions {
    pub defendants: Vec<shared::PersonRef>,
    pub lawyers: Vec<shared::PersonRef>,
    pub organisations: Vec<shared::OrgRef>,
}

/// Who or what joins a trial.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TrialLink {
    Defendant(shared::PersonId),
    Lawyer(shared::PersonId),
    Supporter(shared::OrgId),
}

impl TrialLink {
    /// Reads the form's `defendant:key`, `lawyer:key` or `supporter:key`.
    pub fn parse(raw: &str) -> Result<Self, shared::ValidationError> {
        let bad = || {
            shared::ValidationError::new("link", shared::Problem::BadCharacters)
                .with_value(raw.trim())
        };
        let (kind, key) = raw.trim().split_once(':').ok_or_else(bad)?;
        match kind {
            "defendant" => shared::PersonId::parse(key)
                .map(Self::Defendant)
                .map_err(|_| bad()),
            "lawyer" => shared::PersonId::parse(key)
                .map(Self::Lawyer)
                .map_err(|_| bad()),
            "supporter" => shared::OrgId::parse(key)
                .map(Self::Supporter)
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

/// The choices of the advocacy forms: what the reader can see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyOptions {
    pub persons: Vec<shared::PersonRef>,
    pub organisations: Vec<shared::OrgRef>,
    pub missions: Vec<shared::MissionLink>,
    /// Cases a campaign can feature.
    pub trials: Vec<shared::CaseLink>,
    pub interventions: Vec<shared::CaseLink>,
}

/// Which events and missions a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub year: Option<i32>,
    pub region: Option<shared::Region>,
}

/// Who or what joins an intervention after it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterventionLink {
    Person(shared::PersonId),
    Cosignatory(shared::OrgId),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_its_kind_and_key() {
        assert_eq!(
            TrialLink::parse("defendant:eren-keskin").unwrap(),
            TrialLink::Defendant(shared::PersonId::parse("eren-keskin").unwrap())
        );
        assert!(matches!(
            TrialLink::parse("supporter:omct"),
            Ok(TrialLink::Supporter(_))
        ));
        for bad in ["", "judge:x", "lawyer:Bad Key", "omct"] {
            assert_eq!(TrialLink::parse(bad).unwrap_err().field, "link", "{bad}");
        }
    }
}
