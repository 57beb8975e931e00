//! Building blocks shared by the pages.

pub mod advocacy_bits;
pub mod audit;
pub mod error_summary;
pub mod error_view;
pub mod layout;
pub mod org_card;
pub mod pagination;
pub mod tags;
pub mod trial_bits;
