//! The graph's store: ego networks, paths and the explorer's data
//! (traversal), and the network's statistics and map.

pub mod network_stats;
pub mod traversal;
