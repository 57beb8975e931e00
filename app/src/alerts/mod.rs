//! Case alerts: a member sends one to the secretariat, follows it and
//! exchanges messages on it; staff work through the queue, verify and
//! decide (an urgent intervention, rapid-response support, or no action).

pub mod alert_page;
pub mod api;
pub mod list_page;
pub mod names;
pub mod new_page;
#[cfg(feature = "ssr")]
pub mod store;
