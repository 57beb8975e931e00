//! What a reader follows: an organisation, a trial, a campaign, a country
//! or a region. Notices of appeals, hearings and new members go to those
//! who follow what they are about.

use crate::country::{CountryCode, Region};
use crate::error::{Problem, ValidationError};
use crate::ids::{CampaignId, OrgId, TrialId};
use serde::{Deserialize, Serialize};

/// Something to follow, written `kind:key` in forms (`region:africa`,
/// `country:BI`, `organisation:midh`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowTarget {
    Organisation(OrgId),
    Trial(TrialId),
    Campaign(CampaignId),
    Country(CountryCode),
    Region(Region),
}

impl FollowTarget {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        let bad = || {
            ValidationError::new(
                "target",
                Problem::NotOneOf {
                    allowed: [
                        "organisation:",
                        "trial:",
                        "campaign:",
                        "country:",
                        "region:",
                    ]
                    .map(str::to_owned)
                    .to_vec(),
                },
            )
            .with_value(raw)
        };
        let (kind, key) = raw.split_once(':').ok_or_else(bad)?;
        match kind {
            "organisation" => OrgId::parse(key).map(Self::Organisation),
            "trial" => TrialId::parse(key).map(Self::Trial),
            "campaign" => CampaignId::parse(key).map(Self::Campaign),
            "country" => CountryCode::parse(key).map(Self::Country),
            "region" => Region::parse(key).map(Self::Region),
            _ => Err(bad()),
        }
        .map_err(|e| e.at("target"))
    }

    /// Its page on this site, where a "Follow" button sends the reader
    /// back to (a region has none).
    pub fn page(&self) -> Option<String> {
        match self {
            Self::Organisation(id) => Some(format!("/organisations/{id}")),
            Self::Trial(id) => Some(format!("/trials/{id}")),
            Self::Campaign(id) => Some(format!("/campaigns/{id}")),
            Self::Country(code) => Some(format!("/countries/{}", code.key())),
            Self::Region(_) => None,
        }
    }

    /// As written in forms.
    pub fn form_value(&self) -> String {
        match self {
            Self::Organisation(id) => format!("organisation:{id}"),
            Self::Trial(id) => format!("trial:{id}"),
            Self::Campaign(id) => format!("campaign:{id}"),
            Self::Country(code) => format!("country:{}", code.as_str()),
            Self::Region(r) => format!("region:{}", r.slug()),
        }
    }
}

/// Something followed, as the reader's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followed {
    pub target: FollowTarget,
    /// Its name (a region's is written by the page).
    pub name: String,
    /// Its page.
    pub href: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_round_trip_and_refuse_anything_else() {
        for raw in [
            "region:africa",
            "country:BI",
            "organisation:midh",
            "trial:a-b",
            "campaign:x",
        ] {
            assert_eq!(FollowTarget::parse(raw).unwrap().form_value(), raw);
        }
        for bad in [
            "",
            "region",
            "region:mars",
            "user:admin",
            "organisation:A B",
            "country:XYZ",
        ] {
            assert_eq!(
                FollowTarget::parse(bad).unwrap_err().field,
                "target",
                "{bad}"
            );
        }
    }
}
