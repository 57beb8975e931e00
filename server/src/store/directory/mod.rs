//! The directory's store: search with facets, profiles and peers, editing
//! with its history, countries and the home page's summary.

mod analysis;
pub(crate) mod creating;
pub mod editing;
pub(in crate::store) mod index;
mod kept_index;
mod merging;
pub mod place_ties;
pub mod places;
pub mod profile;
pub mod search;
mod similar;
mod ties;
mod timeline;

pub(in crate::store) use similar::MAX_SIMILAR;

pub(crate) use kept_index::KeptIndex;
