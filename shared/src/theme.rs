use crate::ids::ThemeId;
use serde::{Deserialize, Serialize};

/// A field of work (torture prevention, women defenders, migrants, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
}
