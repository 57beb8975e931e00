//! What the platform tells people: notifications in the app and by e-mail,
//! each kind delivered as its reader chose (at once, in a daily digest, or
//! never), and the account mail (invitations, password-reset links) that is
//! always sent at once.

use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

crate::word_enum!(
    /// What a message is about.
    NotificationKind, "kind", {
        AlertStatus => "alert-status",
        NewAlert => "new-alert",
        AlertMessage => "alert-message",
        AppealPublished => "appeal-published",
        HearingChanged => "hearing-changed",
        MissionAssigned => "mission-assigned",
        ReportReturned => "report-returned",
        InterventionOutcome => "intervention-outcome",
        NewMember => "new-member",
        CampaignNews => "campaign-news",
        Invitation => "invitation",
        PasswordReset => "password-reset",
        Digest => "digest",
    }
);

impl NotificationKind {
    /// Account mail: sent at once to the address it names, never put off
    /// or turned off (it is how one gets into the platform).
    pub fn is_account_mail(self) -> bool {
        matches!(
            self,
            NotificationKind::Invitation | NotificationKind::PasswordReset
        )
    }

    /// Whether its e-mail may carry the notice's words, about records of
    /// `level`. News of a case alert never does, whatever the alert's
    /// level, nor news of a restricted record: the e-mail says only where to
    /// read it.
    pub fn mails_its_words(self, level: crate::Visibility) -> bool {
        match self {
            NotificationKind::NewAlert
            | NotificationKind::AlertMessage
            | NotificationKind::AlertStatus => false,
            // An appeal names someone: only a public one goes out by e-mail
            // with its title.
            NotificationKind::AppealPublished | NotificationKind::InterventionOutcome => {
                level == crate::Visibility::Public
            }
            _ => level < crate::Visibility::Restricted,
        }
    }

    /// The kinds a reader chooses a delivery for (the digest gathers the
    /// others: it is not a choice of its own).
    pub fn chosen() -> impl Iterator<Item = NotificationKind> {
        Self::ALL
            .iter()
            .copied()
            .filter(|k| !k.is_account_mail() && *k != NotificationKind::Digest)
    }

    /// Until the reader chooses: an e-mail at once.
    pub fn default_delivery(self) -> Delivery {
        Delivery::Immediately
    }
}

crate::word_enum!(
    /// How a kind of notification reaches its reader by e-mail (the app's
    /// list always has it): at once, gathered in one e-mail a day, or not.
    Delivery, "delivery", {
        Immediately => "immediately",
        Daily => "daily",
        Never => "never",
    }
);

impl Delivery {
    /// What a reader may choose.
    pub const OFFERED: &'static [Delivery] =
        &[Delivery::Immediately, Delivery::Daily, Delivery::Never];
}

/// A notification in the reader's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    pub kind: NotificationKind,
    pub title: String,
    /// A path of this site.
    pub href: String,
    /// RFC 3339.
    pub created_at: String,
    pub read: bool,
}

/// The reader's list: the newest first, and how many are unread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<Notification>,
    pub unread: u64,
}

/// What a reader chose: the language of their messages and, per kind, how
/// e-mail reaches them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSettings {
    /// `en`, `fr` or `es`; `None` until chosen (English).
    pub language: Option<String>,
    /// Every kind a reader chooses for, with the choice (or its default).
    pub deliveries: Vec<(NotificationKind, Delivery)>,
}

/// A message written for one recipient, before it is stored: what it says
/// in the recipient's language, where it leads, and what it names (checked
/// against the recipient's clearance when written and again when sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub kind: NotificationKind,
    pub subject: String,
    pub text: String,
    /// A path of this site.
    pub href: String,
    /// The records it names, `table:key`.
    pub records: Vec<String>,
    /// The strictest level among them.
    pub level: Visibility,
}

/// Account mail as the app writes it in its recipient's language; the
/// store adds the secret link where the text says `{link}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountMail {
    /// `en`, `fr` or `es`.
    pub lang: String,
    pub subject: String,
    pub text: String,
}

/// An e-mail as the admin's outbox page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub kind: NotificationKind,
    pub to: String,
    pub subject: String,
    pub status: OutboxStatus,
    pub attempts: u32,
    pub last_error: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    pub next_at: Option<String>,
}

crate::word_enum!(
    /// Where an e-mail is in the outbox.
    OutboxStatus, "status", {
        Pending => "pending",
        Sending => "sending",
        Sent => "sent",
        Failed => "failed",
        Dropped => "dropped",
    }
);

/// The outbox as admins see it: whether mail goes out at all, the counts,
/// and the messages that need a look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    /// `None`: no SMTP server is configured and messages wait.
    pub relay: Option<String>,
    pub pending: u64,
    pub sent: u64,
    pub failed: u64,
    pub dropped: u64,
    /// Failed first, then the newest pending.
    pub attention: Vec<OutboxEntry>,
}

/// How long the sender waits before the next try of a message that failed
/// `attempts` times; `None` once it gives up.
pub fn retry_after_seconds(attempts: u32) -> Option<u64> {
    match attempts {
        0 | 1 => Some(60),
        2 => Some(5 * 60),
        3 => Some(30 * 60),
        4 => Some(2 * 3600),
        5 => Some(12 * 3600),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_mail_and_the_digest_are_not_choices_and_every_delivery_is_offered() {
        assert!(!NotificationKind::chosen().any(|k| k.is_account_mail()));
        assert!(!NotificationKind::chosen().any(|k| k == NotificationKind::Digest));
        assert_eq!(
            NotificationKind::AlertStatus.default_delivery(),
            Delivery::Immediately
        );
        assert_eq!(Delivery::OFFERED, Delivery::ALL);
        assert!(Delivery::parse("weekly").is_err());
    }

    #[test]
    fn retries_back_off_then_stop() {
        let waits: Vec<_> = (1..=7).map(retry_after_seconds).collect();
        assert!(waits.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => a < b,
            (Some(_), None) | (None, None) => true,
            (None, Some(_)) => false,
        }));
        assert_eq!(retry_after_seconds(6), None);
    }
}
