//! Urgent appeals: written from an alert in up to three languages,
//! approved and published by the secretariat, co-signed by member
//! organisations, followed up; public ones also in an Atom feed.

pub mod api;
pub mod appeal_page;
pub mod edit_page;
pub mod list_page;
pub mod new_page;
#[cfg(feature = "ssr")]
pub mod store;
