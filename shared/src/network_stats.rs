//! Statistics of the network of organisations, over what a reader may see.

use crate::country::{Country, Region};
use crate::organisation::OrgRef;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkStats {
    pub members: u32,
    pub members_by_region: Vec<(Region, u32)>,
    /// The countries with the most members, most first.
    pub members_by_country: Vec<(Country, u32)>,
    /// (number of partnerships, organisations with that many), by number.
    pub degree_histogram: Vec<(u32, u32)>,
    pub most_connected: Vec<(OrgRef, u32)>,
    /// Members without any partnership the reader can see.
    pub isolated: Vec<OrgRef>,
    /// Members of the latest year of joining, and that year.
    pub newest_year: Option<i32>,
    pub newest: Vec<OrgRef>,
    pub partnerships: u32,
    /// Partnerships between organisations of different regions.
    pub cross_region: u32,
    /// (region, region, partnerships), the pair in a fixed order.
    pub region_pairs: Vec<(Region, Region, u32)>,
}

/// A country on the world map: its outline (SVG path in a 1000 × 500
/// equirectangular frame) and what the reader may see there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapCountry {
    pub country: Country,
    /// Organisations based or working there.
    pub organisations: u64,
    /// Trials held there.
    pub trials: u64,
    /// Observation missions to trials held there.
    pub missions: u64,
    /// Urgent interventions about the country.
    pub interventions: u64,
    pub path: String,
}

/// What shades the world map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MapMeasure {
    #[default]
    Organisations,
    Trials,
    Missions,
    Interventions,
}

impl MapMeasure {
    pub const ALL: [MapMeasure; 4] = [
        MapMeasure::Organisations,
        MapMeasure::Trials,
        MapMeasure::Missions,
        MapMeasure::Interventions,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MapMeasure::Organisations => "organisations",
            MapMeasure::Trials => "trials",
            MapMeasure::Missions => "missions",
            MapMeasure::Interventions => "interventions",
        }
    }

    /// The measure named in an address; anything else is the default.
    pub fn parse(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == raw)
            .unwrap_or_default()
    }

    pub fn of(self, c: &MapCountry) -> u64 {
        match self {
            MapMeasure::Organisations => c.organisations,
            MapMeasure::Trials => c.trials,
            MapMeasure::Missions => c.missions,
            MapMeasure::Interventions => c.interventions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_round_trip_and_default_to_organisations() {
        for m in MapMeasure::ALL {
            assert_eq!(MapMeasure::parse(m.as_str()), m);
        }
        assert_eq!(MapMeasure::parse("budgets"), MapMeasure::Organisations);
    }
}
