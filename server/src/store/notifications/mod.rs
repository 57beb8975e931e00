//! What the platform tells people: the e-mail outbox (and, with it, the
//! account mail: invitations and password-reset links).

pub mod inbox;
pub mod notify;
pub mod outbox;

pub use outbox::{Mail, Outgoing, Verdict};
