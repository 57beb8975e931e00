//! The graph's store: neighbourhoods, paths and finding a node (traversal),
//! the network's statistics, and the world map.

pub mod network_stats;
pub mod traversal;
pub mod world_map;
