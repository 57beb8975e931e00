//! People: defenders, lawyers, observers and contacts, each with a page and
//! a timeline of what they did and what happened to them; staff create and
//! edit them.

pub mod api;
pub mod edit_page;
pub mod list_page;
pub mod person_page;
#[cfg(feature = "ssr")]
pub mod store;
