//! Who is asking: the session the server found for this request, and the
//! server functions that open and close one.

use crate::error::AppError;
use leptos::prelude::*;
use shared::CurrentUser;

/// The name of the session cookie; its value is a random token whose hash is
/// the session's key in the database.
pub const SESSION_COOKIE: &str = "sos_session";

/// Holds the short wait between the password and the second-factor code.
pub const PENDING_COOKIE: &str = "sos_pending";

/// How long that wait may last.
pub const PENDING_SECONDS: u64 = 300;

/// Where a sign-in sends the reader back to: only a path on this site, so the
/// form cannot be used to send someone elsewhere.
pub fn safe_return_path(next: Option<&str>) -> String {
    next.and_then(shared::same_site_path)
        .unwrap_or("/")
        .to_owned()
}

#[cfg(feature = "ssr")]
pub mod context {
    use crate::accounts::store::{SessionInfo, SharedAccounts};
    use crate::error::AppError;
    use leptos::prelude::*;
    use shared::Viewer;

    /// The session the server attached to this request, if any.
    pub fn session() -> Option<SessionInfo> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<SessionInfo>().cloned())
    }

    pub fn viewer() -> Viewer {
        session().map_or_else(Viewer::anonymous, |s| s.viewer())
    }

    pub fn accounts() -> Result<SharedAccounts, AppError> {
        use_context::<SharedAccounts>().ok_or_else(|| {
            tracing::error!("no account store in the request context");
            AppError::Internal
        })
    }

    /// The client's address as the server saw it (set by the server's
    /// connection layer), for throttling and the audit log.
    pub fn client_address() -> String {
        ClientAddress::or_unknown(
            use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<ClientAddress>().cloned()),
        )
    }

    /// Whether the request reached us over TLS: the configured public
    /// address is https, or the request says it came that way.
    pub fn over_tls() -> bool {
        use_context::<http::request::Parts>().is_some_and(|parts| {
            parts.extensions.get::<PublicHttps>().is_some()
                || parts.uri.scheme_str() == Some("https")
                || parts
                    .headers
                    .get("x-forwarded-proto")
                    .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
        })
    }

    /// Inserted by the server for every request.
    #[derive(Debug, Clone)]
    pub struct ClientAddress(pub String);

    impl ClientAddress {
        /// The address as text, `unknown` when the server set none.
        pub fn or_unknown(found: Option<ClientAddress>) -> String {
            found.map_or_else(|| "unknown".to_owned(), |a| a.0)
        }
    }

    /// Inserted by the server when its public address is https: cookies
    /// are then `Secure` whatever the proxy in front says.
    #[derive(Debug, Clone, Copy)]
    pub struct PublicHttps;

    /// Inserted by the server when its public address is configured
    /// (`--public-url`, without a trailing slash).
    #[derive(Debug, Clone)]
    pub struct SiteAddress(pub String);

    /// Where the links the site hands out (invitations, reset links) point:
    /// the configured public address; without one, the address the request
    /// was sent to, as a development server is reached.
    pub fn site_address() -> String {
        let Some(parts) = use_context::<http::request::Parts>() else {
            return String::new();
        };
        if let Some(SiteAddress(url)) = parts.extensions.get::<SiteAddress>() {
            return url.clone();
        }
        parts
            .headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|host| shared::is_host_name(host))
            .map(|host| {
                let scheme = if over_tls() { "https" } else { "http" };
                format!("{scheme}://{host}")
            })
            .unwrap_or_default()
    }

    /// The Content-Security-Policy nonce the server chose for this
    /// response; the page's inline scripts carry it.
    #[derive(Debug, Clone)]
    pub struct CspNonce(pub String);
}

/// The signed-in user of this page, for the header and the pages that adapt
/// to them. Read once on the server and carried to the browser inside the
/// page, so the header needs no request of its own and no loading state.
#[derive(Debug, Clone)]
struct SignedIn(Option<CurrentUser>);

/// Called once, near the root, before any page reads [`use_current_user`].
pub fn provide_current_user() {
    let user = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            context::session().map(|s| s.user)
        }
        #[cfg(not(feature = "ssr"))]
        {
            None::<CurrentUser>
        }
    });
    provide_context(SignedIn(user.into_inner()));
}

pub fn use_current_user() -> Option<CurrentUser> {
    use_context::<SignedIn>().and_then(|s| s.0)
}

/// Signs in from the sign-in form (a plain HTML form, so it works without
/// JavaScript) and sends the browser back where it came from, or to the form
/// with the reason it failed.
#[server(endpoint = "sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::accounts::store::SignInOutcome;
    let accounts = context::accounts()?;
    let email = email.trim().to_lowercase();
    let outcome = accounts
        .sign_in(&email, &password, &context::client_address())
        .await?;
    let back = safe_return_path(next.as_deref());
    let form = |reason: &str| {
        format!(
            "/sign-in?failed={reason}&next={}",
            encode_query_value(&back)
        )
    };
    match outcome {
        SignInOutcome::SignedIn { token, .. } => {
            start_session(&token).await;
            leptos_axum::redirect(&back);
        }
        SignInOutcome::NeedsSecondFactor { token } => {
            set_cookie(
                PENDING_COOKIE,
                &token,
                crate::accounts::auth::PENDING_SECONDS,
            );
            leptos_axum::redirect(&format!("/sign-in/code?next={}", encode_query_value(&back)));
        }
        SignInOutcome::Refused => leptos_axum::redirect(&form("refused")),
        SignInOutcome::Expired => leptos_axum::redirect(&form("expired")),
        SignInOutcome::Throttled {
            retry_after_minutes,
        } => leptos_axum::redirect(&format!(
            "{}&minutes={retry_after_minutes}",
            form("throttled")
        )),
    }
    Ok(())
}

/// The second step of signing in: the six-digit code from the app.
#[server(endpoint = "sign-in-code")]
pub async fn sign_in_code(code: String, next: Option<String>) -> Result<(), AppError> {
    use crate::accounts::store::SignInOutcome;
    let back = safe_return_path(next.as_deref());
    let again = |reason: &str| {
        format!(
            "/sign-in/code?failed={reason}&next={}",
            encode_query_value(&back)
        )
    };
    let Some(pending) = cookie(PENDING_COOKIE) else {
        leptos_axum::redirect(&format!(
            "/sign-in?failed=expired&next={}",
            encode_query_value(&back)
        ));
        return Ok(());
    };
    let Ok(code) = shared::parse_second_factor_code(&code) else {
        leptos_axum::redirect(&again("format"));
        return Ok(());
    };
    let outcome = context::accounts()?
        .complete_sign_in(&pending, &code, &context::client_address())
        .await?;
    match outcome {
        SignInOutcome::SignedIn { token, .. } => {
            set_cookie(PENDING_COOKIE, "", 0);
            start_session(&token).await;
            leptos_axum::redirect(&back);
        }
        SignInOutcome::Throttled {
            retry_after_minutes,
        } => leptos_axum::redirect(&format!(
            "{}&minutes={retry_after_minutes}",
            again("throttled")
        )),
        SignInOutcome::Expired | SignInOutcome::NeedsSecondFactor { .. } => {
            set_cookie(PENDING_COOKIE, "", 0);
            leptos_axum::redirect(&format!(
                "/sign-in?failed=expired&next={}",
                encode_query_value(&back)
            ));
        }
        SignInOutcome::Refused => leptos_axum::redirect(&again("refused")),
    }
    Ok(())
}

/// Ends this session (or every session of the user) and clears the cookie.
#[server(endpoint = "sign-out")]
pub async fn sign_out(everywhere: Option<String>) -> Result<(), AppError> {
    let accounts = context::accounts()?;
    if let Some(session) = context::session() {
        if everywhere.is_some() {
            accounts
                .sign_out_everywhere(&session.user, &session.user.id)
                .await?;
        }
    }
    if let Some(token) = session_token() {
        accounts.sign_out(&token).await?;
    }
    end_browser_session();
    leptos_axum::redirect("/");
    Ok(())
}

/// This browser's session is over: its cookie is cleared and so are its
/// cache and storage. Report drafts wait in the browser's storage between
/// saves; on a shared computer they must not outlive the session. The
/// layout's sign-out button also clears them when the page runs its script.
#[cfg(feature = "ssr")]
pub fn end_browser_session() {
    set_session_cookie("", 0);
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static("\"cache\", \"storage\""),
        );
    }
}

/// How long a session lasts: a working day, then sign in again.
#[cfg(feature = "ssr")]
pub const SESSION_SECONDS: u64 = 12 * 3600;

/// Hands the browser a new session: the previous one of this browser, if
/// any, ends (a new token at every sign-in, so a planted cookie is useless).
#[cfg(feature = "ssr")]
pub async fn start_session(token: &str) {
    if let (Some(old), Ok(accounts)) = (session_token(), context::accounts()) {
        if let Err(e) = accounts.sign_out(&old).await {
            tracing::warn!(error = %e, "could not end the previous session");
        }
    }
    set_session_cookie(token, SESSION_SECONDS);
}

#[cfg(feature = "ssr")]
fn session_token() -> Option<String> {
    cookie(SESSION_COOKIE)
}

#[cfg(feature = "ssr")]
fn cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    cookie_value(
        parts.headers.get(http::header::COOKIE)?.to_str().ok()?,
        name,
    )
}

/// The value of one cookie in a `Cookie` header.
pub fn cookie_value(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty()).then(|| v.to_owned())
    })
}

#[cfg(feature = "ssr")]
fn set_session_cookie(token: &str, max_age: u64) {
    set_cookie(SESSION_COOKIE, token, max_age);
}

#[cfg(feature = "ssr")]
fn set_cookie(name: &str, token: &str, max_age: u64) {
    let secure = if context::over_tls() { "; Secure" } else { "" };
    let cookie =
        format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Percent-encodes text for use as a query value, keeping `/` readable.
pub fn encode_query_value(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_return_path(Some("/organisations?q=a")),
            "/organisations?q=a"
        );
        assert_eq!(safe_return_path(Some("//evil.example/")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example/")), "/");
        assert_eq!(safe_return_path(None), "/");
    }

    #[test]
    fn cookies_are_read_by_name() {
        assert_eq!(
            cookie_value("a=1; sos_session=abc; b=2", SESSION_COOKIE).as_deref(),
            Some("abc")
        );
        assert_eq!(cookie_value("sos_session=", SESSION_COOKIE), None);
        assert_eq!(cookie_value("x_sos_session=1", SESSION_COOKIE), None);
    }
}
