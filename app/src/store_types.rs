//! Values the admin pages receive that exist only for them.

use serde::{Deserialize, Serialize};

/// An invitation as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub email: String,
    pub name: String,
    pub role: shared::Role,
    pub expired: bool,
    pub used: bool,
}

/// Setting up a second factor: the secret for the app, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// Base32, as apps ask for it when typed by hand.
    pub secret: String,
    /// `otpauth://` address that apps open directly.
    pub uri: String,
}

/// The choices of the trial registration form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TrialFormOptions {
    pub defendants: Vec<shared::PersonRef>,
    pub organisations: Vec<shared::OrgRef>,
}
