//! A refused form comes back as it was typed. A form posted without script
//! (every form outside an island, and any form before the page's script
//! runs) is answered by server_fn with a redirect to the page it came from,
//! its error in the address (`__path`, `__err`); that page is drawn from
//! the stored record, so what was typed would be lost, and a choice the
//! reader made (a restricted level for a person at risk) would silently
//! come back at its stored value, to be saved again unnoticed.
//!
//! So the fields of a refused post are kept here, in the server's memory,
//! for two minutes, under a random name given to that browser alone (an
//! HTTP-only cookie), and put back into the same form when the same browser
//! opens the page the form was on, showing that form's refusal. Nothing is
//! kept in the browser, secrets (passwords, codes, tokens) are never kept,
//! and an entry is used once.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COOKIE: &str = "sos_refused";
/// Long enough to read the error and look at the page, not for a session.
const KEPT_FOR: Duration = Duration::from_secs(120);
/// Entries at once; past this the oldest half is dropped.
const MAX_ENTRIES: usize = 10_000;
/// A form body larger than this is refused, as the body limit does.
const MAX_FORM_BYTES: usize = super::body_limit::MAX_BODY;
/// A page larger than this is sent as it is.
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Refused forms waiting for their page.
#[derive(Clone, Default)]
pub struct RefusedForms(Arc<Mutex<HashMap<String, Refused>>>);

struct Refused {
    /// The server function it was posted to (`/api/organisation-save`).
    action: String,
    /// The path of the page it was posted from.
    page: String,
    fields: Vec<(String, String)>,
    at: Instant,
}

/// Field names whose values are never kept: secrets the reader types again.
fn secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["password", "code", "token", "secret"]
        .iter()
        .any(|s| name.contains(s))
}

impl RefusedForms {
    fn keep(&self, refused: Refused) -> Option<String> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).ok()?;
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut kept = self.0.lock().ok()?;
        kept.retain(|_, r| r.at.elapsed() < KEPT_FOR);
        if kept.len() >= MAX_ENTRIES {
            let mut ages: Vec<Instant> = kept.values().map(|r| r.at).collect();
            ages.sort();
            let cut = ages[ages.len() / 2];
            kept.retain(|_, r| r.at > cut);
        }
        kept.insert(id.clone(), refused);
        Some(id)
    }

    fn take(&self, id: &str) -> Option<Refused> {
        let refused = self.0.lock().ok()?.remove(id)?;
        (refused.at.elapsed() < KEPT_FOR).then_some(refused)
    }
}

/// Around the application: keeps the fields of a refused plain post, and
/// puts them back into the page that shows its refusal.
pub async fn keep_and_give_back(
    State(forms): State<RefusedForms>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::POST && is_plain_form_post(&request) {
        return keep_if_refused(forms, request, next).await;
    }
    if request.method() == Method::GET {
        if let Some(id) = cookie(&request) {
            return give_back(forms, id, request, next).await;
        }
    }
    next.run(request).await
}

fn is_plain_form_post(request: &Request) -> bool {
    let headers = request.headers();
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    form && html && request.uri().path().starts_with("/api/")
}

fn cookie(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn page_of(referer: &str) -> Option<String> {
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path).to_owned())
}

fn set_cookie(response: &mut Response, value: &str, max_age: u64) {
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

async fn keep_if_refused(forms: RefusedForms, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return too_large();
    };
    let action = parts.uri.path().to_owned();
    let page = parts
        .headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(page_of);
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .filter(|(name, _)| !secret(name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let refused = response.status().is_redirection()
        && response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.contains("__err="));
    if let (true, Some(page)) = (refused, page) {
        if let Some(id) = forms.keep(Refused {
            action,
            page,
            fields,
            at: Instant::now(),
        }) {
            set_cookie(&mut response, &id, KEPT_FOR.as_secs());
        }
    }
    response
}

fn too_large() -> Response {
    Response::builder()
        .status(StatusCode::PAYLOAD_TOO_LARGE)
        .body(Body::from("This form is too large."))
        .unwrap_or_default()
}

async fn give_back(forms: RefusedForms, id: String, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let shows = request.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "__path")
            .map(|(_, v)| v.into_owned())
    });
    let mut response = next.run(request).await;
    // Whatever happens next, the entry and its cookie are used up.
    let refused = forms.take(&id);
    set_cookie(&mut response, "", 0);
    let Some(refused) = refused else {
        return response;
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if refused.page != path
        || shows.as_deref() != Some(refused.action.as_str())
        || response.status() != StatusCode::OK
        || !is_html
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let html = String::from_utf8_lossy(&bytes);
    let filled = fill(&html, &refused.action, &refused.fields).unwrap_or_else(|| html.into_owned());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(filled))
}

/// An end-tag handler that sets `cell` back to its default.
fn back_to_default_at_end<T: Default + 'static>(
    cell: &Rc<RefCell<T>>,
) -> lol_html::EndTagHandler<'static> {
    let cell = cell.clone();
    Box::new(move |_| {
        *cell.borrow_mut() = T::default();
        Ok(())
    })
}

/// Types of input whose value the page sets, never the reader.
const NOT_TYPED: [&str; 8] = [
    "hidden", "password", "file", "submit", "button", "image", "reset", "",
];

/// The page with `fields` put back into the first form posting to
/// `action` whose hidden fields (the record and its version) are among
/// them; `None` when no form is found, or when the page says the record
/// changed meanwhile (the reader starts again from the new version).
pub fn fill(html: &str, action: &str, fields: &[(String, String)]) -> Option<String> {
    use lol_html::{element, rewrite_str, RewriteStrSettings};

    // First pass: which form, and whether the refusal is a stale edit.
    // End-tag handlers outlive the call: what they change is shared.
    let forms: RefCell<Vec<Vec<(String, String)>>> = RefCell::new(Vec::new());
    let inside = Rc::new(RefCell::new(false));
    let stale = RefCell::new(false);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("form", |el| {
                    let ours = el.get_attribute("action").as_deref() == Some(action);
                    if ours {
                        forms.borrow_mut().push(Vec::new());
                    }
                    *inside.borrow_mut() = ours;
                    if ours {
                        if let Some(handlers) = el.end_tag_handlers() {
                            handlers.push(back_to_default_at_end(&inside));
                        }
                    }
                    Ok(())
                }),
                element!("input[type=hidden][name]", |el| {
                    if *inside.borrow() {
                        if let (Some(name), Some(form)) =
                            (el.get_attribute("name"), forms.borrow_mut().last_mut())
                        {
                            form.push((name, el.get_attribute("value").unwrap_or_default()));
                        }
                    }
                    Ok(())
                }),
                element!(".error-summary[data-stale]", |_| {
                    *stale.borrow_mut() = true;
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .ok()?;
    if *stale.borrow() {
        return None;
    }
    let chosen = forms
        .borrow()
        .iter()
        .position(|hidden| hidden.iter().all(|h| fields.contains(h)))?;

    // Second pass: the chosen form's controls take the typed values.
    let seen = RefCell::new(0usize);
    let inside = Rc::new(RefCell::new(false));
    let used = RefCell::new(vec![false; fields.len()]);
    let select = Rc::new(RefCell::new(None::<String>));
    let value_for = |name: &str| -> Option<String> {
        let mut used = used.borrow_mut();
        let i = (0..fields.len()).find(|&i| !used[i] && fields[i].0 == name)?;
        used[i] = true;
        Some(fields[i].1.clone())
    };
    let filled = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("form", |el| {
                    if el.get_attribute("action").as_deref() == Some(action) {
                        let n = *seen.borrow();
                        *seen.borrow_mut() += 1;
                        if n == chosen {
                            *inside.borrow_mut() = true;
                            if let Some(handlers) = el.end_tag_handlers() {
                                handlers.push(back_to_default_at_end(&inside));
                            }
                        }
                    }
                    Ok(())
                }),
                element!("input[name]", |el| {
                    if !*inside.borrow() {
                        return Ok(());
                    }
                    let name = el.get_attribute("name").unwrap_or_default();
                    let kind = el
                        .get_attribute("type")
                        .unwrap_or_else(|| "text".into())
                        .to_ascii_lowercase();
                    if kind == "checkbox" || kind == "radio" {
                        let value = el.get_attribute("value").unwrap_or_else(|| "on".into());
                        if fields.iter().any(|(n, v)| *n == name && *v == value) {
                            el.set_attribute("checked", "")?;
                        } else {
                            el.remove_attribute("checked");
                        }
                    } else if !NOT_TYPED.contains(&kind.as_str()) && !secret(&name) {
                        if let Some(value) = value_for(&name) {
                            el.set_attribute("value", &value)?;
                        }
                    }
                    Ok(())
                }),
                element!("textarea[name]", |el| {
                    if *inside.borrow() {
                        let name = el.get_attribute("name").unwrap_or_default();
                        if let Some(value) = value_for(&name) {
                            el.set_inner_content(&value, lol_html::html_content::ContentType::Text);
                        }
                    }
                    Ok(())
                }),
                element!("select[name]", |el| {
                    if *inside.borrow() {
                        *select.borrow_mut() = el.get_attribute("name");
                        if let Some(handlers) = el.end_tag_handlers() {
                            handlers.push(back_to_default_at_end(&select));
                        }
                    }
                    Ok(())
                }),
                element!("option", |el| {
                    let Some(name) = select.borrow().clone() else {
                        return Ok(());
                    };
                    let value = el.get_attribute("value").unwrap_or_default();
                    if fields.iter().any(|(n, v)| *n == name && *v == value) {
                        el.set_attribute("selected", "")?;
                    } else {
                        el.remove_attribute("selected");
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .ok()?;
    Some(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    const PAGE: &str = r#"<main>
<form action="/api/other"><input name="form[name]" value="other"></form>
<form action="/api/person-save" method="post">
<input type="hidden" name="id" value="a"><input name="form[name]" value="Stored">
<select name="form[visibility]"><option value="staff" selected>staff</option><option value="restricted">restricted</option></select>
<input type="checkbox" name="form[roles]" value="lawyer" checked><input type="checkbox" name="form[roles]" value="journalist">
<textarea name="form[description]">old</textarea><input type="password" name="password" value="">
</form>
<form action="/api/person-save" method="post"><input type="hidden" name="id" value="b"><input name="form[name]" value="B"></form>
</main>"#;

    #[test]
    fn the_typed_values_go_back_into_the_form_they_were_typed_in() {
        let typed = fields(&[
            ("id", "a"),
            ("form[name]", "Nour \"B\" <Benali>"),
            ("form[visibility]", "restricted"),
            ("form[roles]", "journalist"),
            ("form[description]", "</textarea><script>x</script>"),
        ]);
        let page = fill(PAGE, "/api/person-save", &typed).unwrap();
        assert!(
            page.contains(r#"value="Nour &quot;B&quot; <Benali>""#),
            "{page}"
        );
        assert!(
            page.contains(r#"<option value="restricted" selected="">"#),
            "{page}"
        );
        assert!(page.contains(r#"<option value="staff">"#), "{page}");
        assert!(page.contains(r#"value="journalist" checked="">"#), "{page}");
        assert!(page.contains(r#"value="lawyer">"#), "{page}");
        assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;"), "{page}");
        assert!(!page.contains("<script>x"), "{page}");
        assert!(
            page.contains(r#"<input name="form[name]" value="other">"#),
            "another form is left alone"
        );
        assert!(
            page.contains(r#"value="b"><input name="form[name]" value="B">"#),
            "another record's form too"
        );
    }

    #[test]
    fn nothing_goes_into_another_records_form_nor_over_a_newer_version() {
        let typed = fields(&[("id", "c"), ("form[name]", "X")]);
        assert_eq!(fill(PAGE, "/api/person-save", &typed), None);
        let stale = PAGE.replace(
            "<main>",
            r#"<main><div class="error-summary" data-stale="">"#,
        );
        let typed = fields(&[("id", "a"), ("form[name]", "X")]);
        assert_eq!(fill(&stale, "/api/person-save", &typed), None);
    }

    #[test]
    fn secrets_are_never_kept() {
        assert!(secret("password"));
        assert!(secret("new_password"));
        assert!(secret("code"));
        assert!(secret("token"));
        assert!(!secret("form[name]"));
    }
}
