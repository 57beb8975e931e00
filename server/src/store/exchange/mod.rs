//! Data exchange: API tokens (`api_tokens.rs`), bulk writes (`bulk.rs`) and
//! imports (`imports.rs`).

pub mod api_tokens;
pub mod bulk;
pub mod imports;
