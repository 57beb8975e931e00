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
/// equirectangular frame) and the organisations based there that the reader
/// may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapCountry {
    pub country: Country,
    pub organisations: u64,
    pub path: String,
}
