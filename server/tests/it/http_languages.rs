//! The reader's language, end to end through the router: how it is chosen
//! (explicit choice, then Accept-Language, then English), that it sticks, and
//! that a French or Spanish page holds no English left over.

use crate::support;
use crate::support::http::{app, get_with, main_text, visible_text};
use axum::http::{header, StatusCode};
use axum::Router;
use serde_json::Value;

type Headers<'a> = &'a [(&'a str, &'a str)];

const PAGES: [&str; 20] = [
    "/",
    "/organisations",
    "/organisations?q=zzyzx",
    "/organisations?country=TD",
    "/organisations?region=americas&sort=name&page=2",
    "/organisations/omct",
    "/organisations/midh",
    "/countries",
    "/countries/ci",
    "/people",
    "/people?role=lawyer",
    "/no-such-page",
    "/organisations?page=0",
    "/trials",
    "/trials/eren-keskin-istanbul",
    "/trials/tunis-migrant-defenders",
    "/hearings?view=list",
    "/figures?year=2024",
    "/advocacy?year=2030",
    "/interventions?year=2030",
];

fn catalogue(lang: &str) -> serde_json::Map<String, Value> {
    let path = format!("{}/../app/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    match serde_json::from_str(&std::fs::read_to_string(&path).unwrap()) {
        Ok(Value::Object(map)) => map,
        other => panic!("{path}: {other:?}"),
    }
}

/// Where `needle` occurs in `haystack` as whole words.
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The English phrases a translated page must not show: each English
/// message cut at its placeholders, keeping the pieces that say something
/// and that the other language does not happen to share.
fn english_phrases(lang: &str) -> Vec<(String, String)> {
    let other = catalogue(lang);
    let mut phrases = Vec::new();
    for (key, value) in catalogue("en") {
        let english = value.as_str().unwrap();
        let translated = other.get(&key).and_then(Value::as_str).unwrap_or("");
        let mut literal = String::new();
        let mut rest = english;
        while let Some(open) = rest.find("{{") {
            literal.push_str(&rest[..open]);
            literal.push('\u{1}');
            rest = rest[open..]
                .find("}}")
                .map_or("", |c| &rest[open + c + 2..]);
        }
        literal.push_str(rest);
        for piece in literal.split('\u{1}') {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            let letters = piece.chars().filter(char::is_ascii_alphabetic).count();
            if letters >= 4 && !contains_words(translated, piece) {
                phrases.push((key.clone(), piece.to_owned()));
            }
        }
    }
    phrases
}

/// Proper names (organisations, people, cities) and stored texts are not
/// part of the interface; they are removed before looking for English.
fn without_proper_names(mut text: String, titles: &[String]) -> String {
    let data = support::demo_data();
    let mut names: Vec<&str> = titles.iter().map(String::as_str).collect();
    for org in &data.orgs {
        names.push(&org.name);
        names.extend(org.acronym.as_deref());
        names.extend(org.city.as_deref());
        names.push(&org.description);
        names.extend(org.translations.iter().map(|(_, t)| t.as_str()));
    }
    names.extend(data.persons.iter().map(|p| p.name.as_str()));
    // A relation's role or context is typed by people, in their language.
    names.extend(data.edges.iter().filter_map(|e| e.note.as_deref()));
    names.extend(server::seed::trials::stored_texts());
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in names {
        text = text.replace(name, " ");
    }
    text
}

async fn page_text(app: &Router, uri: &str, headers: &[(&str, &str)]) -> (String, String) {
    let (_, _, body) = get_with(app, uri, headers).await;
    let start = body.find("<body").expect("a body");
    // The switcher names each language in itself, on purpose.
    let mut shown = body[start..].to_owned();
    if let Some(class) = shown.find("class=\"lang-switch\"") {
        let nav = shown[..class].rfind("<nav").expect("the switcher is a nav");
        let end = shown[nav..].find("</nav>").expect("a closed switcher") + nav;
        shown.replace_range(nav..end, "");
    }
    (body, visible_text(&shown))
}

#[tokio::test]
async fn pages_in_french_and_spanish_have_no_english_left_over() {
    let app = app().await;
    let choices: [(&str, Headers); 2] = [
        ("fr", &[("accept-language", "fr-CH, fr;q=0.9, en;q=0.8")]),
        ("es", &[("cookie", "i18n_pref_locale=es")]),
    ];
    // Titles typed by people (events, interventions, missions, campaigns)
    // are shown as written, on an organisation's timeline among others.
    let mut titles: Vec<String> = support::demo_store()
        .await
        .db()
        .query("SELECT VALUE title FROM advocacy_event, intervention, mission, advocacy_mission")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    // So are the names organisations go by in other languages.
    let other_names: Vec<Vec<String>> = support::demo_store()
        .await
        .db()
        .query("SELECT VALUE other_names FROM organisation WHERE array::len(other_names) > 0")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    titles.extend(other_names.into_iter().flatten());
    for (lang, headers) in choices {
        let phrases = english_phrases(lang);
        assert!(phrases.len() > 100, "too few phrases to look for");
        for uri in PAGES {
            let (html, text) = page_text(&app, uri, headers).await;
            assert!(
                html.contains(&format!("<html lang=\"{lang}\"")),
                "{lang} {uri}"
            );
            let text = without_proper_names(text, &titles);
            let leftovers: Vec<_> = phrases
                .iter()
                .filter(|(_, phrase)| contains_words(&text, phrase))
                .collect();
            assert!(
                leftovers.is_empty(),
                "{lang} {uri} shows English {leftovers:?} in: {text}"
            );
        }
    }
}

#[tokio::test]
async fn the_language_is_chosen_by_choice_then_browser_then_english() {
    let app = app().await;
    let cases: [(Headers, &str, &str); 6] = [
        (&[], "en", "Member directory"),
        (
            &[("accept-language", "de-DE, de;q=0.9")],
            "en",
            "Member directory",
        ),
        (
            &[("accept-language", "es-MX, es;q=0.9, en;q=0.5")],
            "es",
            "Directorio de miembros",
        ),
        (
            &[("accept-language", "de, fr;q=0.8")],
            "fr",
            "Annuaire des membres",
        ),
        (
            &[("accept-language", "en;q=0.2, es")],
            "es",
            "Directorio de miembros",
        ),
        (
            &[("accept-language", "fr"), ("cookie", "i18n_pref_locale=es")],
            "es",
            "Directorio de miembros",
        ),
    ];
    for (headers, lang, heading) in cases {
        let (status, _, body) = get_with(&app, "/organisations", headers).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains(&format!("<html lang=\"{lang}\"")),
            "{headers:?}"
        );
        assert!(main_text(&body).contains(heading), "{headers:?}: {heading}");
    }
}

#[tokio::test]
async fn choosing_a_language_remembers_it_and_keeps_the_address() {
    let app = app().await;
    let (status, headers, _) = get_with(&app, "/organisations?q=droits&lang=fr&page=1", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/organisations?q=droits&page=1");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=fr;"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && cookie.contains("Max-Age="),
        "{cookie}"
    );

    let (status, headers, _) = get_with(&app, "/?lang=xx", &[]).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "an unknown language is dropped"
    );
    assert_eq!(headers[header::LOCATION], "/");
    assert!(headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn descriptions_show_the_readers_language_or_mark_the_original() {
    let app = app().await;
    let omct = support::demo_data()
        .orgs
        .iter()
        .find(|o| o.key == "omct")
        .unwrap();
    for (lang, text) in &omct.translations {
        let cookie = format!("i18n_pref_locale={lang}");
        let (_, _, body) = get_with(&app, "/organisations/omct", &[("cookie", &cookie)]).await;
        let first_words: String = text.chars().take(60).collect();
        assert!(main_text(&body).contains(first_words.trim()), "{lang}");
    }
    // A record written in one language only shows it, marked, to the others.
    let only_french = support::demo_data()
        .orgs
        .iter()
        .find(|o| o.description_lang == "fr" && o.translations.is_empty() && !o.demo)
        .or_else(|| {
            support::demo_data().orgs.iter().find(|o| {
                o.description_lang == "fr"
                    && o.translations.is_empty()
                    && o.visibility == shared::Visibility::Public
            })
        })
        .expect("a public record described in French only");
    let (_, _, body) = get_with(
        &app,
        &format!("/organisations/{}", only_french.key),
        &[("cookie", "i18n_pref_locale=es")],
    )
    .await;
    assert!(
        body.contains("lang=\"fr\""),
        "the original is marked as French"
    );
    assert!(main_text(&body).contains("Texto original en francés"));
}
