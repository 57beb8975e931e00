//! The directory: the network's organisations (search, profiles, peers,
//! editing and history), the countries, and the home page's summary.

pub mod api;
pub mod countries_page;
pub mod country_page;
pub mod edit_page;
pub mod editing;
pub mod home_page;
pub mod new_org_page;
pub mod org_card;
pub mod org_facts;
pub mod organisation_page;
pub mod place_ties;
pub mod places_section;
pub mod search_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ties;
pub mod ties_section;
