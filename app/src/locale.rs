//! The reader's language applied to domain values: region, membership, sort
//! and theme names, numbers, dates, and validation messages. Every string the
//! pages show comes from the catalogues in `app/locales/` through these
//! helpers or the `t!` macros.

use crate::i18n::*;
use shared::{Country, OrgKind, OrgSort, Problem, Region, Role, Theme, ValidationError};

/// The language of the page being rendered.
pub fn current() -> Locale {
    use_i18n().get_locale_untracked()
}

/// ISO 639-1 code, as used in `lang` attributes and stored texts.
pub fn code(l: Locale) -> &'static str {
    match l {
        Locale::en => "en",
        Locale::fr => "fr",
        Locale::es => "es",
    }
}

pub fn region_name(l: Locale, r: Region) -> &'static str {
    match r {
        Region::Africa => td_string!(l, region_africa),
        Region::Americas => td_string!(l, region_americas),
        Region::Asia => td_string!(l, region_asia),
        Region::EuropeCentralAsia => td_string!(l, region_europe_central_asia),
        Region::MaghrebMiddleEast => td_string!(l, region_maghreb_middle_east),
        Region::Pacific => td_string!(l, region_pacific),
    }
}

pub fn kind_name(l: Locale, k: OrgKind) -> &'static str {
    match k {
        OrgKind::Member => td_string!(l, kind_member),
        OrgKind::Partner => td_string!(l, kind_partner),
        OrgKind::Network => td_string!(l, kind_network),
    }
}

pub fn role_name(l: Locale, r: Role) -> &'static str {
    match r {
        Role::Member => td_string!(l, role_member),
        Role::Campaigner => td_string!(l, role_campaigner),
        Role::Staff => td_string!(l, role_staff),
        Role::Admin => td_string!(l, role_admin),
    }
}

pub fn sort_name(l: Locale, s: OrgSort) -> &'static str {
    match s {
        OrgSort::Relevance => td_string!(l, sort_relevance),
        OrgSort::Name => td_string!(l, sort_name),
        OrgSort::Country => td_string!(l, sort_country),
        OrgSort::Newest => td_string!(l, sort_newest),
    }
}

/// The network's themes have catalogue names; a theme added later without
/// one shows its stored name.
pub fn theme_name(l: Locale, t: &Theme) -> String {
    let known = match t.id.as_str() {
        "torture-prevention" => td_string!(l, theme_torture_prevention),
        "human-rights-defenders" => td_string!(l, theme_human_rights_defenders),
        "arbitrary-detention" => td_string!(l, theme_arbitrary_detention),
        "crisis-response" => td_string!(l, theme_crisis_response),
        "police-violence" => td_string!(l, theme_police_violence),
        "justice" => td_string!(l, theme_justice),
        "victim-support" => td_string!(l, theme_victim_support),
        "migrants" => td_string!(l, theme_migrants),
        "children" => td_string!(l, theme_children),
        "women" => td_string!(l, theme_women),
        _ => return t.name.clone(),
    };
    known.to_owned()
}

pub fn country_name(l: Locale, c: &Country) -> String {
    c.name_in(code(l)).to_owned()
}

/// The name of a language (given by its ISO 639-1 code) in the reader's language.
pub fn language_name(l: Locale, lang: &str) -> String {
    match lang {
        "en" => td_string!(l, language_en).to_owned(),
        "fr" => td_string!(l, language_fr).to_owned(),
        "es" => td_string!(l, language_es).to_owned(),
        other => other.to_owned(),
    }
}

pub fn number(l: Locale, n: u64) -> String {
    td_string!(l, number, n = n).to_string()
}

pub fn organisations(l: Locale, n: u64) -> String {
    td_string!(l, organisations, count = n, n = n).to_string()
}

pub fn date(l: Locale, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match leptos_i18n::reexports::icu::calendar::Date::try_new_iso(
        d.year(),
        d.month() as u8,
        d.day() as u8,
    ) {
        Ok(day) => td_string!(l, date, d = day).to_string(),
        Err(_) => d.to_string(),
    }
}

/// "a, b and c" in the reader's language.
pub fn list(l: Locale, items: Vec<String>) -> String {
    td_string!(l, themes_list, items = items).to_string()
}

pub fn field_name(l: Locale, field: &str) -> String {
    match field {
        "q" => td_string!(l, field_q).to_owned(),
        "country" => td_string!(l, field_country).to_owned(),
        "region" => td_string!(l, field_region).to_owned(),
        "theme" => td_string!(l, field_theme).to_owned(),
        "membership" => td_string!(l, field_membership).to_owned(),
        "sort" => td_string!(l, field_sort).to_owned(),
        "page" => td_string!(l, field_page).to_owned(),
        "request" => td_string!(l, field_request).to_owned(),
        "name" => td_string!(l, field_name).to_owned(),
        "acronym" => td_string!(l, field_acronym).to_owned(),
        "city" => td_string!(l, field_city).to_owned(),
        "website" => td_string!(l, field_website).to_owned(),
        "email" => td_string!(l, field_email).to_owned(),
        "description" => td_string!(l, field_description).to_owned(),
        "description_lang" => td_string!(l, field_description_lang).to_owned(),
        "visibility" => td_string!(l, field_visibility).to_owned(),
        "version" => td_string!(l, field_version).to_owned(),
        "password" => td_string!(l, field_password).to_owned(),
        "role" => td_string!(l, field_role).to_owned(),
        "organisation" => td_string!(l, field_organisation).to_owned(),
        other => other.to_owned(),
    }
}

/// What is wrong, in the reader's language.
pub fn problem_text(l: Locale, e: &ValidationError) -> String {
    let value = e.value.clone().unwrap_or_default();
    match &e.problem {
        Problem::NotAPage { max } => {
            td_string!(l, invalid_page, value = value, max = max).to_string()
        }
        Problem::NotACountryCode => td_string!(l, invalid_country, value = value).to_string(),
        Problem::TooLong { max } => td_string!(l, text_too_long, max = max).to_string(),
        Problem::ControlCharacters => td_string!(l, text_control_chars).to_owned(),
        Problem::Required => td_string!(l, text_required).to_owned(),
        Problem::TooShort { min } => td_string!(l, text_too_short, min = min).to_string(),
        Problem::NotAWebAddress => td_string!(l, invalid_website, value = value).to_string(),
        Problem::NotAnEmail => td_string!(l, invalid_email, value = value).to_string(),
        Problem::NotOneOf { .. } => td_string!(l, invalid_choice, value = value).to_string(),
        Problem::CommonPassword => td_string!(l, common_password).to_owned(),
        Problem::GuessablePassword => td_string!(l, guessable_password).to_owned(),
        Problem::Taken => td_string!(l, invalid_taken, value = value).to_string(),
        _ => td_string!(l, invalid_value, value = value).to_string(),
    }
}

/// Orders names as a reader expects: accents and case do not count.
pub fn sort_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_ignores_accents_and_case() {
        let mut names = vec!["Égypte", "Zambie", "espagne", "Éthiopie"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["Égypte", "espagne", "Éthiopie", "Zambie"]);
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(Locale::en, 1234567), "1,234,567");
        assert_eq!(number(Locale::fr, 1234), "1\u{202f}234");
        assert_eq!(number(Locale::es, 1234567), "1.234.567");
        assert_eq!(organisations(Locale::fr, 1), "1 organisation");
        assert_eq!(organisations(Locale::es, 2), "2 organizaciones");
    }

    #[test]
    fn dates_follow_the_language() {
        let day = chrono::NaiveDate::from_ymd_opt(2011, 10, 17).unwrap();
        assert_eq!(date(Locale::en, day), "Oct 17, 2011");
        assert_eq!(date(Locale::fr, day), "17 oct. 2011");
        assert_eq!(date(Locale::es, day), "17 oct 2011");
    }

    #[test]
    fn lists_follow_the_language() {
        let items = || vec!["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(list(Locale::en, items()), "A, B, and C");
        assert_eq!(list(Locale::fr, items()), "A, B et C");
        assert_eq!(list(Locale::es, items()), "A, B y C");
    }

    #[test]
    fn validation_messages_are_translated() {
        let e = ValidationError::new("page", Problem::NotAPage { max: 500 }).with_value("abc");
        for l in [Locale::en, Locale::fr, Locale::es] {
            let text = problem_text(l, &e);
            assert!(text.contains("abc") && text.contains("500"), "{text}");
        }
        assert_ne!(problem_text(Locale::en, &e), problem_text(Locale::fr, &e));
        assert_eq!(field_name(Locale::fr, "country"), "pays");
        assert_eq!(field_name(Locale::es, "country"), "país");
    }
}
