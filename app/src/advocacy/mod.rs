//! Advocacy: events and advocacy missions with their follow-ups, urgent
//! interventions, campaigns, grants and the annual figures.

pub mod api;
pub mod bits;
pub mod campaign_pages;
pub mod event_pages;
pub mod figures_page;
pub mod grants_page;
pub mod intervention_pages;
pub mod mission_pages;
pub mod overview_page;
#[cfg(feature = "ssr")]
pub mod store;
