//! The explicit language choice. The switcher links to the current address
//! with `?lang=xx`; this layer remembers the choice in the cookie that
//! leptos_i18n reads when it renders, then redirects to the same address
//! without the parameter, so every later page (and a reload) keeps the
//! language and shared links do not force it on others.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The cookie leptos_i18n reads on the server and writes in the browser.
pub const COOKIE: &str = "i18n_pref_locale";
const SUPPORTED: [&str; 3] = ["en", "fr", "es"];
const ONE_YEAR: u32 = 365 * 24 * 3600;

pub async fn remember_choice(mut request: Request, next: Next) -> Response {
    normalise_accept_language(&mut request);
    let Some(query) = request.uri().query() else {
        return next.run(request).await;
    };
    let mut chosen = None;
    let mut kept = Vec::new();
    let mut saw_lang = false;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.strip_prefix("lang=") {
            Some(code) => {
                saw_lang = true;
                let code = code.to_ascii_lowercase();
                if let Some(known) = SUPPORTED.iter().find(|s| **s == code) {
                    chosen = Some(*known);
                }
            }
            None => kept.push(pair),
        }
    }
    if !saw_lang {
        return next.run(request).await;
    }
    let mut location = request.uri().path().to_owned();
    if !kept.is_empty() {
        location.push('?');
        location.push_str(&kept.join("&"));
    }
    // `//evil.example/?lang=en` has the path `//evil.example/`: sent back
    // as it is, a browser would leave the site.
    let location = shared::same_site_path(&location).unwrap_or("/");
    let Ok(location) = HeaderValue::from_str(location) else {
        return next.run(request).await;
    };
    let secure = if request
        .extensions()
        .get::<app::accounts::auth::context::PublicHttps>()
        .is_some()
    {
        "; Secure"
    } else {
        ""
    };
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    // An unknown code is dropped from the address without changing the choice.
    if let Some(code) = chosen {
        let cookie = format!("{COOKIE}={code}; Path=/; Max-Age={ONE_YEAR}; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// leptos_i18n (through leptos-use) reads Accept-Language in written order and
/// fails on the spaces RFC 9110 allows after commas, so `de, fr;q=0.8` would
/// fall back to English. The header is rewritten as a plain list in order of
/// preference, q=0 ("not this one") dropped.
fn normalise_accept_language(request: &mut Request) {
    let Some(value) = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let ranked = rank_languages(value);
    match HeaderValue::from_str(&ranked.join(",")) {
        Ok(v) => request.headers_mut().insert(header::ACCEPT_LANGUAGE, v),
        Err(_) => request.headers_mut().remove(header::ACCEPT_LANGUAGE),
    };
}

fn rank_languages(header: &str) -> Vec<String> {
    let mut ranked: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(order, item)| {
            let mut parts = item.split(';').map(str::trim);
            let tag = parts.next().filter(|t| !t.is_empty() && *t != "*")?;
            let q = parts
                .find_map(|p| p.strip_prefix("q="))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (q > 0.0).then(|| (q, order, tag.to_owned()))
        })
        .collect();
    // Stable on equal weights: the written order breaks ties.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, tag)| tag).collect()
}

#[cfg(test)]
mod tests {
    use super::rank_languages;

    #[test]
    fn languages_are_ranked_by_weight_then_order() {
        assert_eq!(rank_languages("de, fr;q=0.8"), ["de", "fr"]);
        assert_eq!(rank_languages("en;q=0.1, es-MX"), ["es-MX", "en"]);
        assert_eq!(
            rank_languages("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5"),
            ["fr-CH", "fr", "en"]
        );
        assert_eq!(rank_languages("fr;q=0, es"), ["es"]);
        assert_eq!(rank_languages("fr;q=abc, es"), ["es"]);
        assert!(rank_languages("").is_empty());
    }
}
