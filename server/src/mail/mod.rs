//! Sending the outbox: SMTP through lettre (STARTTLS, TLS, or plain to a
//! relay on this machine), plain-text messages in their reader's language,
//! each with a stable `Message-ID` (its outbox key), so that a message sent
//! again after a crash is the same message to the reader's mail program.
//! Without a relay the outbox keeps everything and the admin page says mail
//! is off.

pub mod digests;

use crate::store::notifications::{Outgoing, Verdict};
use crate::store::SurrealStore;
use clap::{Args, ValueEnum};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TlsMode {
    /// STARTTLS on the submission port (587), required.
    Starttls,
    /// TLS from the first byte (465).
    Tls,
    /// No encryption: only for a relay on this machine.
    None,
}

/// The SMTP relay and the sender's address (flags of `serve`).
#[derive(Clone, Args)]
pub struct MailArgs {
    /// SMTP server that sends the platform's e-mail. Without it, messages
    /// wait in the outbox and the admin's mail page says mail is off.
    #[arg(long, env = "SOS_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,

    /// Its port; by default 587 (starttls), 465 (tls) or 25 (none).
    #[arg(long, env = "SOS_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<u16>,

    /// How the connection is encrypted.
    #[arg(long, env = "SOS_SMTP_TLS", value_enum, default_value = "starttls")]
    pub smtp_tls: TlsMode,

    /// User name for the SMTP server, if it asks for one.
    #[arg(long, env = "SOS_SMTP_USER", value_name = "NAME")]
    pub smtp_user: Option<String>,

    /// Its password.
    #[arg(
        long,
        env = "SOS_SMTP_PASSWORD",
        hide_env_values = true,
        value_name = "PASSWORD"
    )]
    pub smtp_password: Option<String>,

    /// The sender of every message, e.g. `SOS-Torture <no-reply@omct.org>`.
    #[arg(
        long,
        env = "SOS_MAIL_FROM",
        default_value = "SOS-Torture network <no-reply@localhost>"
    )]
    pub mail_from: String,

    /// The hour (UTC, 0–23) after which each day's digest is written, for
    /// those who chose to receive some notices once a day.
    #[arg(long, env = "SOS_DIGEST_HOUR", default_value_t = 6, value_parser = clap::value_parser!(u8).range(0..24))]
    pub digest_hour: u8,

    /// After how many seconds a message claimed by a sender that never
    /// said how it went (killed) is sent by another.
    #[arg(long, env = "SOS_MAIL_CLAIM_TIMEOUT_S", default_value_t = crate::store::notifications::outbox::CLAIM_TIMEOUT_SECONDS, hide = true)]
    pub mail_claim_timeout_s: u64,

    /// How often the sender looks at the outbox, in milliseconds.
    #[arg(long, env = "SOS_MAIL_POLL_MS", default_value_t = 2000, hide = true)]
    pub mail_poll_ms: u64,
}

impl std::fmt::Debug for MailArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailArgs")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_user", &self.smtp_user)
            .field(
                "smtp_password",
                &self.smtp_password.as_ref().map(|_| "(hidden)"),
            )
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

impl MailArgs {
    /// No relay: everything waits in the outbox.
    pub fn off() -> Self {
        Self {
            smtp_host: None,
            smtp_port: None,
            smtp_tls: TlsMode::Starttls,
            smtp_user: None,
            smtp_password: None,
            mail_from: "SOS-Torture network <no-reply@localhost>".into(),
            mail_poll_ms: 2000,
            mail_claim_timeout_s: crate::store::notifications::outbox::CLAIM_TIMEOUT_SECONDS,
            digest_hour: 6,
        }
    }

    /// A relay on this machine without encryption (tests).
    pub fn plain(host: &str, port: u16) -> Self {
        Self {
            smtp_host: Some(host.into()),
            smtp_port: Some(port),
            smtp_tls: TlsMode::None,
            mail_poll_ms: 100,
            ..Self::off()
        }
    }

    fn port(&self) -> u16 {
        self.smtp_port.unwrap_or(match self.smtp_tls {
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
            TlsMode::None => 25,
        })
    }

    /// What the admin page says of the relay; `None` when mail is off.
    pub fn relay_label(&self) -> Option<String> {
        self.smtp_host.as_ref().map(|h| {
            let mode = match self.smtp_tls {
                TlsMode::Starttls => "STARTTLS",
                TlsMode::Tls => "TLS",
                TlsMode::None => "no encryption",
            };
            format!("{h}:{} ({mode})", self.port())
        })
    }

    /// The transport, or why the settings cannot make one.
    fn transport(&self) -> Result<Option<AsyncSmtpTransport<Tokio1Executor>>, String> {
        let Some(host) = &self.smtp_host else {
            return Ok(None);
        };
        if self.smtp_tls == TlsMode::None {
            // In clear, messages (their links) and a password would cross
            // the network: only to a relay on this machine, without one.
            let local = host == "localhost"
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|a| a.is_loopback());
            if !local {
                return Err(format!(
                    "--smtp-tls none is only for a relay on this machine, not {host}"
                ));
            }
            if self.smtp_user.is_some() || self.smtp_password.is_some() {
                return Err("--smtp-tls none sends no password: use starttls or tls".into());
            }
        }
        let tls = match self.smtp_tls {
            TlsMode::None => Tls::None,
            mode => {
                let parameters = TlsParameters::new(host.clone())
                    .map_err(|e| format!("SMTP TLS settings for {host}: {e}"))?;
                if mode == TlsMode::Tls {
                    Tls::Wrapper(parameters)
                } else {
                    Tls::Required(parameters)
                }
            }
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone())
            .port(self.port())
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        match (&self.smtp_user, &self.smtp_password) {
            (Some(user), Some(password)) => {
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            (None, None) => {}
            _ => return Err("--smtp-user and --smtp-password go together".into()),
        }
        Ok(Some(builder.build()))
    }
}

/// The outbox's sender, running beside the web server.
pub struct Sender {
    store: Arc<SurrealStore>,
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    /// Where links in messages lead (`--public-url`, or this server).
    site: String,
    /// The domain of the `Message-ID`s.
    domain: String,
    poll: Duration,
    claim_timeout_s: u64,
}

impl Sender {
    pub fn new(store: Arc<SurrealStore>, args: &MailArgs, site: String) -> Result<Self, String> {
        let from: Mailbox = args
            .mail_from
            .parse()
            .map_err(|e| format!("--mail-from {:?}: {e}", args.mail_from))?;
        let domain = from.email.domain().to_owned();
        Ok(Self {
            store,
            transport: args.transport()?,
            from,
            site,
            domain,
            poll: Duration::from_millis(args.mail_poll_ms.max(50)),
            claim_timeout_s: args.mail_claim_timeout_s,
        })
    }

    /// Works through the outbox until `stop` resolves; a send under way
    /// finishes first.
    pub async fn run(self, stop: impl std::future::Future<Output = ()>) {
        let Some(transport) = self.transport.clone() else {
            tracing::warn!("no --smtp-host (SOS_SMTP_HOST): e-mail waits in the outbox");
            stop.await;
            return;
        };
        tokio::pin!(stop);
        loop {
            match self.store.claim_due_mail(20, self.claim_timeout_s).await {
                Ok(batch) => {
                    for verdict in batch {
                        self.deliver(&transport, verdict).await;
                    }
                }
                Err(e) => tracing::error!(error = %e, "the outbox could not be read"),
            }
            tokio::select! {
                _ = &mut stop => return,
                _ = tokio::time::sleep(self.poll) => {}
            }
        }
    }

    async fn deliver(&self, transport: &AsyncSmtpTransport<Tokio1Executor>, verdict: Verdict) {
        let outgoing = match verdict {
            Verdict::Drop(key) => {
                tracing::info!(outbox = %key, "dropped: its recipient may no longer read it");
                if let Err(e) = self.store.mail_dropped(&key).await {
                    tracing::error!(error = %e, "the outbox could not be written");
                }
                return;
            }
            Verdict::Send(o) => o,
        };
        let outcome = match self.compose(&outgoing) {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let recorded = match &outcome {
            Ok(()) => self.store.mail_sent(&outgoing.key).await,
            Err(e) => {
                tracing::warn!(outbox = %outgoing.key, error = %e, "not sent");
                self.store
                    .mail_not_sent(&outgoing.key, outgoing.attempts, e)
                    .await
            }
        };
        if let Err(e) = recorded {
            tracing::error!(outbox = %outgoing.key, error = %e, "the outbox could not be written");
        }
    }

    /// The message: plain text in its reader's language, links made whole
    /// with the site's address.
    pub fn compose(&self, o: &Outgoing) -> Result<Message, String> {
        let to: Mailbox =
            o.to.parse()
                .map_err(|e| format!("recipient {:?}: {e}", o.to))?;
        let text = absolute_links(&o.text, &self.site);
        let mut builder = Message::builder();
        if let Some(path) = &o.unsubscribe {
            // RFC 2369 and RFC 8058: one click in the mail program turns this
            // kind of message off, without signing in.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}{path}>", self.site),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .from(self.from.clone())
            .to(to)
            .subject(o.subject.clone())
            .message_id(Some(format!("<{}@{}>", o.key, self.domain)))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                o.lang.clone(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".into(),
            ))
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| e.to_string())
    }
}

/// Paths of this site in a message's text (`/invite/…` at the start of a
/// line or after a space) become whole addresses.
fn absolute_links(text: &str, site: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(' ')
                .map(|word| {
                    if word.starts_with('/') && !word.starts_with("//") {
                        format!("{site}{word}")
                    } else {
                        word.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn mail_in_clear_only_to_this_machine_and_never_with_a_password() {
        assert!(MailArgs::plain("127.0.0.1", 2525).transport().is_ok());
        assert!(MailArgs::plain("localhost", 25).transport().is_ok());
        let far = MailArgs::plain("smtp.example.org", 25).transport();
        assert!(far.is_err_and(|e| e.contains("only for a relay on this machine")));
        let with_password = MailArgs {
            smtp_user: Some("sos".into()),
            smtp_password: Some("secret".into()),
            ..MailArgs::plain("127.0.0.1", 25)
        };
        assert!(with_password.transport().is_err());
        assert!(!format!("{with_password:?}").contains("secret"));
    }

    #[test]
    fn paths_become_addresses_of_the_site_and_nothing_else_does() {
        assert_eq!(
            absolute_links(
                "Open /invite/abc to start.\n/reset/x",
                "https://sos.example.org"
            ),
            "Open https://sos.example.org/invite/abc to start.\nhttps://sos.example.org/reset/x"
        );
        assert_eq!(
            absolute_links("see //evil.example and a/b", "https://s"),
            "see //evil.example and a/b"
        );
    }
}
