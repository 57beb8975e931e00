//! The SOS-Torture network platform's server: configuration, the SurrealDB
//! store (all SurrealQL lives in this crate), migrations, seeding, the HTTP
//! router and the command line.
//!
//! `app` reaches the data only through its features' store traits
//! (`app::directory::store::Directory` and its peers), which
//! [`store::SurrealStore`] implements here.

pub mod cli;
pub mod config;
pub mod db;
pub mod exchange;
pub mod http;
pub mod mail;
pub mod security;
pub mod seed;
pub mod shutdown;
pub mod store;
pub mod telemetry;
