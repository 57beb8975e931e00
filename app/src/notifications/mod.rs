//! What the platform tells people: for now the e-mail outbox that admins
//! watch (mail on or off, failures, a retry), and the account mail it
//! carries (invitations, password-reset links).

#[cfg(feature = "ssr")]
pub mod account_mail;
pub mod api;
pub mod follow_button;
pub mod list_page;
pub mod outbox_page;
pub mod settings_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod unsubscribe_page;
#[cfg(feature = "ssr")]
pub mod words;

/// The SMTP relay the server sends through, as the admin page names it;
/// `None`: mail is off and messages wait in the outbox.
#[derive(Debug, Clone, Default)]
pub struct MailRelay(pub Option<String>);
