//! Data in and out of the network: every list as a CSV or JSON file, with
//! the filters on screen and only what its reader may see; API tokens;
//! imports of organisations and relations from CSV files.

pub mod download_links;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod imports;
pub mod imports_page;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tables;
pub mod tokens;
pub mod tokens_section;
