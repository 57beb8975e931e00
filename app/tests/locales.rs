//! The three catalogues must say the same things: every key in every
//! language, the same placeholders, no empty text. leptos_i18n falls back to
//! English for a missing key at run time, which would silently show English
//! to a French reader, so this test is what makes a missing key fail CI.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
/// CLDR plural categories; a language uses the ones its grammar needs.
const PLURAL_SUFFIXES: [&str; 6] = ["_zero", "_one", "_two", "_few", "_many", "_other"];

fn catalogue(lang: &str) -> Map<String, Value> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        other => panic!("{path} is not a JSON object: {other:?}"),
    }
}

/// A key without its plural category, so `organisations_one` and
/// `organisations_many` are the same message.
fn message_key(key: &str) -> &str {
    PLURAL_SUFFIXES
        .iter()
        .find_map(|s| key.strip_suffix(s))
        .unwrap_or(key)
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        found.insert(rest[start + 2..start + end].trim().to_owned());
        rest = &rest[start + end + 2..];
    }
    found
}

/// Message key → placeholders used by any of its forms.
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, value) in catalogue(lang) {
        let text = value
            .as_str()
            .unwrap_or_else(|| panic!("{lang}.json: {key} is not a string"));
        assert!(!text.trim().is_empty(), "{lang}.json: {key} is empty");
        out.entry(message_key(&key).to_owned())
            .or_default()
            .extend(placeholders(text));
    }
    out
}

#[test]
fn every_language_has_every_message() {
    let english = messages("en");
    assert!(english.len() > 100, "the English catalogue looks truncated");
    for lang in &LANGUAGES[1..] {
        let other = messages(lang);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.json lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang}.json has keys English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_translation_uses_the_same_placeholders() {
    let english = messages("en");
    for lang in &LANGUAGES[1..] {
        for (key, names) in messages(lang) {
            assert_eq!(
                Some(&names),
                english.get(&key),
                "{lang}.json: {key} does not use the placeholders of English"
            );
        }
    }
}

#[test]
fn plural_messages_have_an_other_form() {
    for lang in LANGUAGES {
        let keys: BTreeSet<String> = catalogue(lang).keys().cloned().collect();
        for key in &keys {
            let base = message_key(key);
            if base != key {
                assert!(
                    keys.contains(&format!("{base}_other")),
                    "{lang}.json: {base} has plural forms but no {base}_other"
                );
            }
        }
    }
}

/// A message copied from English instead of translated would pass every other
/// check; the words the languages really share are listed here.
#[test]
fn translations_are_not_english_copies() {
    let same_in_french = [
        "pagination",
        "page_n",
        "organisations_one",
        "organisations_other",
        "field_page",
        "audit_filter_action",
        "field_email",
        "field_version",
        "field_description",
        "label_description",
        "field_organisation",
        "label_organisation",
        "node_organisation",
        "map_measure_interventions",
    ];
    let same_in_spanish = ["region_asia"];
    let formats_only = [
        "number",
        "date",
        "facet_option",
        "themes_list",
        "month_year",
        "history_move",
    ];
    let english = catalogue("en");
    for (lang, shared) in [("fr", &same_in_french[..]), ("es", &same_in_spanish[..])] {
        let copies: Vec<_> = catalogue(lang)
            .into_iter()
            .filter(|(key, value)| {
                english.get(key) == Some(value)
                    && !shared.contains(&key.as_str())
                    && !formats_only.contains(&key.as_str())
            })
            .map(|(key, _)| key)
            .collect();
        assert!(
            copies.is_empty(),
            "{lang}.json copies English for {copies:?}"
        );
    }
}
