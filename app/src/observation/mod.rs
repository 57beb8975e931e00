//! Trial observation: trials of defenders, the hearings calendar, missions
//! with their observers and planning aids, the staff work queue and the
//! fair-trial reports.

pub mod api;
pub mod hearings_page;
pub mod mission_page;
pub mod new_trial_page;
pub mod plan_mission_page;
pub mod report_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod trial_bits;
pub mod trial_page;
pub mod trials_page;
pub mod work_queue_page;
