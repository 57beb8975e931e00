//! The graph: the explorer (a neighbourhood laid out, paths between two
//! nodes), the network's statistics and the world map.

pub mod api;
pub mod drawing;
pub mod explorer_page;
pub mod map_page;
pub mod network_page;
#[cfg(feature = "ssr")]
pub mod public_answers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod work_gate;
