//! Cross-site request forgery: a request that changes something must come
//! from a page of this site. Browsers say where a request comes from in
//! `Origin` (and `Sec-Fetch-Site`); a cross-site one is refused before it
//! reaches a handler. Together with the SameSite=Lax session cookie this is
//! the defence OWASP recommends for applications without per-form tokens.
//! Requests with neither header come from scripts and tools, not from a
//! browser tricked by another site, and carry no ambient cookie worth forging.

use app::accounts::auth::context::SiteAddress;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    // A mail program's one-click unsubscribe (RFC 8058) is posted from
    // wherever the reader's mail lives; its secret token is its authority.
    let one_click = request.method() == Method::POST
        && request
            .uri()
            .path()
            .strip_prefix("/unsubscribe/")
            .is_some_and(|token| !token.is_empty() && !token.contains('/'));
    if is_safe(request.method()) || one_click || comes_from_this_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        "This request came from another site and was refused. Go back to the page and try again.",
    )
        .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A form posted without JavaScript is sent back to the page it came from,
/// which server_fn and leptos_axum read from `Referer` and answer with as
/// the redirect's Location. A browser sends the page's own address; anything
/// else (a tool can send any header) would be a redirect off the site, so
/// `Referer` is kept only when it names a page of this site.
pub async fn own_referer_only(mut request: Request, next: Next) -> Response {
    let referer = request
        .headers()
        .get(header::REFERER)
        .map(|r| r.to_str().map(without_earlier_answer));
    match referer {
        None => {}
        Some(Ok(clean)) if names_this_site(&clean, host(&request)) => {
            match header::HeaderValue::from_str(&clean) {
                Ok(value) => {
                    request.headers_mut().insert(header::REFERER, value);
                }
                Err(_) => {
                    request.headers_mut().remove(header::REFERER);
                }
            }
        }
        Some(_) => {
            request.headers_mut().remove(header::REFERER);
        }
    }
    next.run(request).await
}

/// The page a form was posted from, without the error of an earlier post
/// that server_fn wrote into its address (`__path`, `__err`, however their
/// names are encoded): otherwise a second failure appends its error after
/// the first, and a success returns to the page still showing the old one.
fn without_earlier_answer(referer: &str) -> String {
    let Some((page, query)) = referer.split_once('?') else {
        return referer.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let earlier = |pair: &str| {
        let name = pair.split('=').next().unwrap_or_default();
        let name: String = form_urlencoded::parse(name.as_bytes())
            .map(|(k, _)| k.into_owned())
            .next()
            .unwrap_or_default();
        name == "__path" || name == "__err"
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !earlier(pair))
        .collect();
    let mut clean = if kept.is_empty() {
        page.to_owned()
    } else {
        format!("{page}?{}", kept.join("&"))
    };
    if let Some(f) = fragment {
        clean.push('#');
        clean.push_str(f);
    }
    clean
}

/// `http(s)://<this host><a same-site path>`.
fn names_this_site(referer: &str, host: Option<&str>) -> bool {
    let Some(rest) = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))
    else {
        return false;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    host.is_some_and(|h| authority.eq_ignore_ascii_case(h))
        && (path.is_empty() || shared::same_site_path(path).is_some())
}

/// This site's host as browsers name it: the configured public address's
/// (`--public-url`, which a proxy in front does not change), or else the
/// request's `Host`. A forwarded host header is not read: anyone can send
/// one, and the public address says it better.
fn host(request: &Request) -> Option<&str> {
    if let Some(SiteAddress(url)) = request.extensions().get::<SiteAddress>() {
        return url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
    }
    request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
}

fn comes_from_this_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return false;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = host(request);
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::{names_this_site, without_earlier_answer};

    #[test]
    fn a_form_posted_again_returns_to_its_page_without_the_earlier_error() {
        assert_eq!(
            without_earlier_answer("https://s.org/join?__path=%2Fapi%2Fx&__err=e30%3D"),
            "https://s.org/join"
        );
        assert_eq!(
            without_earlier_answer("https://s.org/trials?status=x&__path=p&__err=e&page=2"),
            "https://s.org/trials?status=x&page=2"
        );
        assert_eq!(
            without_earlier_answer("https://s.org/join?%5F%5Fpath=p&%5f%5ferr=crafted"),
            "https://s.org/join",
            "encoded names are the same names"
        );
        assert_eq!(
            without_earlier_answer("https://s.org/trials?status=x"),
            "https://s.org/trials?status=x"
        );
        assert_eq!(
            without_earlier_answer("https://s.org/trials"),
            "https://s.org/trials"
        );
    }

    #[test]
    fn only_a_page_of_this_site_is_a_referer_to_return_to() {
        let here = Some("sos.example.org");
        for own in [
            "https://sos.example.org/organisations/midh/edit",
            "http://sos.example.org/trials?status=pending",
            "https://SOS.example.org",
        ] {
            assert!(names_this_site(own, here), "{own}");
        }
        for foreign in [
            "https://evil.example/",
            "https://sos.example.org.evil.example/",
            "https://sos.example.org@evil.example/",
            "https://sos.example.org//evil.example/",
            "https://sos.example.org/\\evil.example",
            "/organisations",
            "javascript:alert(1)",
            "",
        ] {
            assert!(!names_this_site(foreign, here), "{foreign}");
        }
        assert!(!names_this_site("https://sos.example.org/", None));
    }
}
