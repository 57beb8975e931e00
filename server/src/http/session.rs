//! Attaches the reader's session to each request: the cookie's token is looked
//! up (by its hash) and, when valid, the session goes into the request
//! extensions where the application's server functions and pages find it.
//! The client's address goes there too, for throttling and the audit log.

use app::accounts::auth::context::ClientAddress;
use app::accounts::auth::{cookie_value, SESSION_COOKIE};
use app::accounts::store::SharedAccounts;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::{IpAddr, SocketAddr};

/// What the session layer enforces beyond reading the cookie.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Campaigners, staff and admins must have a second factor before they
    /// can use the platform (production); until then only their account page
    /// opens.
    pub require_second_factor: bool,
    /// The reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// The address the site is reached at (`--public-url`): the links it
    /// hands out (invitations, reset links, calendar feeds) start with it;
    /// when it is https, cookies are `Secure` and browsers are told to keep
    /// to https.
    pub public_url: Option<String>,
    /// The SMTP relay mail goes through, as the admin page names it; `None`
    /// when mail is off.
    pub mail_relay: Option<String>,
    /// The daily backups, as the admin pages describe them.
    pub backup_plan: app::accounts::backups::BackupPlan,
    /// Calls one API token may make a minute (`None`: the default,
    /// `api::CALLS_PER_MINUTE`).
    pub api_calls_per_minute: Option<u32>,
}

impl Policy {
    pub fn public_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The client's address: the socket's peer, or, when the peer is a
    /// trusted proxy, the nearest address in `X-Forwarded-For` that is not
    /// itself a trusted proxy (the ones before it are the client's to write).
    pub fn client_address(&self, peer: Option<IpAddr>, forwarded: &[&str]) -> String {
        let Some(peer) = peer.map(|p| p.to_canonical()) else {
            return "local".to_owned();
        };
        let trusted = |ip: &IpAddr| self.trusted_proxies.iter().any(|t| t.to_canonical() == *ip);
        if !trusted(&peer) {
            return peer.to_string();
        }
        // Every header line, in order: a proxy may add its own line instead
        // of appending to the one the client sent.
        forwarded
            .iter()
            .flat_map(|line| line.split(','))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map_while(hop_address)
            .find(|ip| !trusted(ip))
            .unwrap_or(peer)
            .to_string()
    }
}

/// One hop of `X-Forwarded-For`: an address, possibly with a port
/// (`198.51.100.7:4711`, `[2001:db8::1]:4711`).
fn hop_address(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// Where a staff member without a second factor may still go: to set it up.
fn open_while_enrolling(path: &str) -> bool {
    [
        "/account",
        "/api/totp-",
        "/api/sign-out",
        "/pkg/",
        "/favicon",
        "/healthz",
        "/sign-in",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

pub async fn attach(
    State((accounts, policy)): State<(SharedAccounts, Policy)>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let address = policy.client_address(peer, &forwarded);
    request.extensions_mut().insert(ClientAddress(address));
    // Assets carry the cookie too; looking it up for each of them would cost a
    // database query per file for nothing.
    let is_asset = super::site_files::is_asset(request.uri().path());
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| cookie_value(c, SESSION_COOKIE))
        .filter(|_| !is_asset);
    if let Some(token) = token {
        match accounts.session(&token).await {
            Ok(Some(session)) => {
                let must_enrol = policy.require_second_factor
                    && session.user.role.needs_second_factor()
                    && !session.user.totp_enabled;
                if must_enrol && !open_while_enrolling(request.uri().path()) {
                    return if request.method() == axum::http::Method::GET {
                        Redirect::to("/account?required=1").into_response()
                    } else {
                        (StatusCode::FORBIDDEN, "Set up your second factor first.").into_response()
                    };
                }
                request.extensions_mut().insert(session);
            }
            Ok(None) => {}
            // The page is still served, as to an anonymous visitor: showing
            // less is the safe way to fail.
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::Policy;

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxy = "10.0.0.2".parse().unwrap();
        let policy = Policy {
            trusted_proxies: vec![proxy, "10.0.0.3".parse().unwrap()],
            ..Policy::default()
        };
        let stranger = "203.0.113.9".parse().unwrap();
        assert_eq!(
            policy.client_address(Some(stranger), &["198.51.100.1"]),
            "203.0.113.9",
            "a header from anyone else is ignored"
        );
        assert_eq!(
            policy.client_address(Some(proxy), &["198.51.100.1"]),
            "198.51.100.1"
        );
        assert_eq!(
            policy.client_address(Some(proxy), &["6.6.6.6", "198.51.100.1, 10.0.0.3"]),
            "198.51.100.1",
            "the nearest untrusted hop; what the client wrote before it is ignored"
        );
        assert_eq!(
            policy.client_address(Some(proxy), &["garbage"]),
            "10.0.0.2",
            "an unreadable header leaves the proxy's own address"
        );
        assert_eq!(policy.client_address(Some(proxy), &[]), "10.0.0.2");
        assert_eq!(
            Policy::default().client_address(Some(proxy), &["1.2.3.4"]),
            "10.0.0.2"
        );
        // A hop with a port, and the proxy seen as an IPv4-mapped IPv6 peer.
        let mapped = "::ffff:10.0.0.2".parse().unwrap();
        assert_eq!(
            policy.client_address(Some(mapped), &["198.51.100.1:4711"]),
            "198.51.100.1"
        );
        assert_eq!(
            policy.client_address(Some(proxy), &["[2001:db8::1]:4711"]),
            "2001:db8::1"
        );
    }
}
