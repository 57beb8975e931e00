use crate::country::Region;
use crate::organisation::OrgSummary;
use serde::{Deserialize, Serialize};

/// The headline figures of the network shown on the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkSummary {
    pub members: u64,
    pub partners: u64,
    pub countries: u64,
    pub by_region: Vec<(Region, u64)>,
    pub newest: Vec<OrgSummary>,
}
