//! Data exchange: API tokens (`api_tokens.rs`).

pub mod api_tokens;
