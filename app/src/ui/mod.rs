//! Building blocks every feature's pages share: the layout, error views,
//! pagination, tags, the change history, the page for a missing address,
//! and whether the page runs its script yet.

pub mod audit;
pub mod bar;
pub mod error_summary;
pub mod error_view;
pub mod hydrated;
pub mod last_write;
pub mod layout;
pub mod not_found;
pub mod page_script;
pub mod pagination;
pub mod saved_notice;
pub mod similar_records;
pub mod tags;
pub mod timeline;
