//! A real SMTP server for the tests (`mailin-embedded`) on a free port of
//! this machine, keeping every message it accepts, parsed back with
//! `mail-parser`.

use mailin_embedded::response::{self, Response};
use mailin_embedded::{Handler, Server, SslConfig};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone)]
struct Keep {
    received: Arc<Mutex<Vec<Received>>>,
    envelope_to: Vec<String>,
    data: Vec<u8>,
    /// How long each message takes to be accepted (a slow relay).
    delay: Duration,
    /// The message accepted after this many is held this long first.
    hold: Option<(usize, Duration)>,
}

/// A message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// RCPT TO.
    pub to: Vec<String>,
    /// The message as sent (headers and body).
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a message MIME parses")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.parsed().header_raw(name).map(|v| v.trim().to_owned())
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }
}

impl Handler for Keep {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.envelope_to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        std::thread::sleep(self.delay);
        if let Some((after, hold)) = self.hold {
            if self.received.lock().unwrap().len() == after {
                std::thread::sleep(hold);
            }
        }
        self.received.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.envelope_to),
            raw: std::mem::take(&mut self.data),
        });
        response::OK
    }
}

pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpServer {
    /// Listens on 127.0.0.1; the server lives as long as the test process.
    pub fn start() -> Self {
        Self::start_slow(Duration::ZERO)
    }

    /// The same, taking `delay` to accept each message.
    pub fn start_slow(delay: Duration) -> Self {
        Self::start_with(delay, None)
    }

    /// The same, holding the message that comes after `after` others for
    /// `hold` before accepting it (a sender can be killed while it waits).
    pub fn start_holding(after: usize, hold: Duration) -> Self {
        Self::start_with(Duration::ZERO, Some((after, hold)))
    }

    fn start_with(delay: Duration, hold: Option<(usize, Duration)>) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler = Keep {
            received: received.clone(),
            envelope_to: Vec::new(),
            data: Vec::new(),
            delay,
            hold,
        };
        let mut server = Server::new(handler);
        server
            .with_name("smtp.test")
            .with_ssl(SslConfig::None)
            .expect("no TLS")
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self { port, received }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until `n` messages arrived (at most `limit`).
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n || start.elapsed() > limit {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
