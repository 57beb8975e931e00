//! What the store's writes share: a refusal that names the field, and the
//! random part of a new record's key.

use crate::store::internal;
use app::error::WorkError;

/// A refusal naming the field and the value that was refused.
pub(in crate::store) fn refused(field: &str, problem: shared::Problem, value: &str) -> WorkError {
    WorkError::Invalid(vec![
        shared::ValidationError::new(field, problem).with_value(value)
    ])
}

/// Random lowercase hex that makes a new record's readable key unique.
pub(in crate::store) fn random_suffix(len: usize) -> Result<String, WorkError> {
    crate::security::token::new_token()
        .map(|t| t.chars().take(len).collect())
        .map_err(|e| WorkError::Store(internal(e)))
}
