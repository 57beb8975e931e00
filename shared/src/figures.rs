//! The annual figures, computed from the records a reader may see.

use crate::advocacy::{InterventionOutcome, Support};
use crate::country::{Country, Region};
use crate::ids::PersonId;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// A defender freed (released, acquitted, charges dropped) in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub person: PersonId,
    pub name: String,
    pub country: Country,
    pub outcome: InterventionOutcome,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RapidFigures {
    pub defenders: u32,
    pub countries: u32,
    /// Defenders per kind of support (one defender may have several).
    pub by_support: Vec<(Support, u32)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantFigures {
    pub grants: u32,
    pub defenders: u32,
    pub women: u32,
    pub countries: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionFigures {
    pub region: Region,
    pub interventions: u32,
    pub trial_missions: u32,
    pub advocacy_missions: u32,
    pub events: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub year: i32,
    /// Years with interventions the reader may see, latest first.
    pub years: Vec<i32>,
    /// The most closed records counted: an anonymous reader's figures count
    /// public records only.
    pub clearance: Visibility,
    /// Urgent interventions (every kind but rapid response).
    pub interventions: u32,
    pub defenders: u32,
    pub countries: u32,
    /// Urgent interventions sent in each month, January first.
    pub by_month: Vec<u32>,
    pub rapid: RapidFigures,
    pub grants: GrantFigures,
    /// Freed defenders whose record is public, by name.
    pub freed: Vec<Named>,
    /// Freed defenders the reader may count but the report must not name.
    pub freed_unnamed: u32,
    pub regions: Vec<RegionFigures>,
}

impl Figures {
    /// The busiest month's count, for scaling a chart (at least 1).
    pub fn month_peak(&self) -> u32 {
        self.by_month.iter().copied().max().unwrap_or(0).max(1)
    }

    pub fn region_peak(&self) -> u32 {
        self.regions
            .iter()
            .map(|r| r.interventions.max(r.events))
            .max()
            .unwrap_or(0)
            .max(1)
    }
}
