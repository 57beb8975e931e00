//! The directory's store: search with facets, profiles and peers, editing
//! with its history, countries and the home page's summary.

pub mod editing;
pub mod places;
pub mod profile;
pub mod search;
