//! Editing an organisation's profile: what a form sends, checked field by
//! field, and who may change which fields.

use crate::account::Role;
use crate::country::CountryCode;
use crate::error::{Problem, ValidationError};
use crate::ids::ThemeId;
use crate::organisation::{Acronym, City, Email, OrgKind, OrgName, Website};
use crate::person::{parse_languages, parse_year};
use crate::text::Description;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most other names (in other languages, transliterations) one
/// organisation keeps.
pub const MAX_OTHER_NAMES: usize = 10;

/// The languages a description may be written in.
pub const DESCRIPTION_LANGUAGES: [&str; 3] = ["en", "fr", "es"];

/// A profile edit as typed into the form (all text, nothing checked yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEditForm {
    /// The version of the record the form was opened on (none for a new one).
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub acronym: Option<String>,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_lang: String,
    #[serde(default)]
    pub visibility: Option<String>,
    /// The staff's fields: sent only by the staff's form, kept otherwise.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub member_since: Option<String>,
    /// The country of its seat, by ISO code.
    #[serde(default)]
    pub country: Option<String>,
    /// Ticked themes: a plain form sends `form[themes][<key>]=on` for each.
    #[serde(default)]
    pub themes: BTreeMap<String, String>,
    /// Working languages, ISO 639-1 codes: "fr, ar".
    #[serde(default)]
    pub languages: Option<String>,
    /// Its name in other languages or scripts, one per line.
    #[serde(default)]
    pub other_names: Option<String>,
    /// A new record's "it is none of these" after the duplicate check.
    #[serde(default)]
    pub not_duplicate: Option<String>,
}

/// The facts of an organisation that the staff keep: its kind, since when
/// it is a member, its seat, themes, working languages and other names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgFacts {
    pub kind: OrgKind,
    pub member_since: Option<i32>,
    pub country: Option<CountryCode>,
    pub themes: Vec<ThemeId>,
    pub languages: Vec<String>,
    pub other_names: Vec<OrgName>,
}

/// What an edit does to one field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change<T> {
    /// The stored value stays (the editor's role may not change the field).
    Keep,
    /// The field is emptied.
    Clear,
    /// The field takes this checked value.
    Set(T),
}

impl<T> Change<T> {
    /// An optional field as the form sent it: empty clears it.
    fn of(value: Option<T>) -> Self {
        value.map_or(Change::Clear, Change::Set)
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Change<U> {
        match self {
            Change::Keep => Change::Keep,
            Change::Clear => Change::Clear,
            Change::Set(v) => Change::Set(f(v)),
        }
    }

    pub fn as_ref(&self) -> Change<&T> {
        match self {
            Change::Keep => Change::Keep,
            Change::Clear => Change::Clear,
            Change::Set(v) => Change::Set(v),
        }
    }
}

/// Whether someone of `role` may move a record from the level `from` to
/// `to`: nobody above their own clearance (a campaigner cannot hide a record
/// from the staff who read it), and only an admin may open a restricted
/// record to more readers, since a grant lets a staff member edit one
/// restricted record without owning its secrecy. Keeping the level is
/// always allowed.
pub fn may_reclassify(role: Role, from: Visibility, to: Visibility) -> bool {
    if to == from {
        return true;
    }
    let beyond_clearance = to > role.clearance();
    let opens_a_restricted_record = from == Visibility::Restricted && role != Role::Admin;
    !beyond_clearance && !opens_a_restricted_record
}

/// The checked values to store, as the validated types themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEdit {
    pub version: u64,
    /// Never cleared: staff rename, others keep.
    pub name: Change<OrgName>,
    pub acronym: Change<Acronym>,
    pub city: Change<City>,
    pub website: Change<Website>,
    pub email: Change<Email>,
    pub description: Description,
    pub description_lang: String,
    /// Never cleared: staff set it, others keep.
    pub visibility: Change<Visibility>,
    /// `None` keeps them (a member's form, or an older form without them).
    pub facts: Option<OrgFacts>,
}

fn optional<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

impl OrgEditForm {
    /// Checks every field and keeps all the problems, so the form can show
    /// them together. Staff-side roles may also rename the organisation and
    /// change who may see it; members edit the fields they own.
    pub fn check(&self, role: Role) -> Result<OrgEdit, Vec<ValidationError>> {
        let mut problems = Vec::new();
        fn keep<T>(
            problems: &mut Vec<ValidationError>,
            r: Result<T, ValidationError>,
        ) -> Option<T> {
            r.map_err(|e| problems.push(e)).ok()
        }
        let staff = role.edits_everything_visible();
        let name = if staff {
            keep(
                &mut problems,
                self.name.as_deref().map_or(
                    Err(ValidationError::new("name", Problem::Required)),
                    OrgName::parse,
                ),
            )
            .map_or(Change::Keep, Change::Set)
        } else {
            Change::Keep
        };
        let acronym = if staff {
            keep(
                &mut problems,
                optional(self.acronym.as_deref().unwrap_or(""), Acronym::parse),
            )
            .map_or(Change::Keep, Change::of)
        } else {
            Change::Keep
        };
        let city =
            keep(&mut problems, optional(&self.city, City::parse)).map_or(Change::Keep, Change::of);
        let website = keep(&mut problems, optional(&self.website, Website::parse))
            .map_or(Change::Keep, Change::of);
        let email = keep(&mut problems, optional(&self.email, Email::parse))
            .map_or(Change::Keep, Change::of);
        let description = keep(&mut problems, Description::parse(&self.description));
        let lang = self.description_lang.trim().to_owned();
        if !DESCRIPTION_LANGUAGES.contains(&lang.as_str()) {
            problems.push(
                ValidationError::new(
                    "description_lang",
                    Problem::NotOneOf {
                        allowed: DESCRIPTION_LANGUAGES
                            .iter()
                            .map(|l| l.to_string())
                            .collect(),
                    },
                )
                .with_value(lang.as_str()),
            );
        }
        let visibility = match (staff, self.visibility.as_deref()) {
            (true, Some(raw)) => match Visibility::parse(raw.trim()) {
                Some(v) => Change::Set(v),
                None => {
                    problems.push(
                        ValidationError::new(
                            "visibility",
                            Problem::NotOneOf {
                                allowed: Visibility::ALL.iter().map(|v| v.to_string()).collect(),
                            },
                        )
                        .with_value(raw),
                    );
                    Change::Keep
                }
            },
            _ => Change::Keep,
        };
        let facts = if staff && self.kind.is_some() {
            self.facts(&mut problems)
        } else {
            None
        };
        let version = match self.version.trim().parse::<u64>() {
            Ok(v) => v,
            Err(_) => {
                problems.push(
                    ValidationError::new(
                        "version",
                        Problem::Malformed {
                            detail: "the form lost track of the record's version".into(),
                        },
                    )
                    .with_value(self.version.as_str()),
                );
                0
            }
        };
        match description {
            Some(description) if problems.is_empty() => Ok(OrgEdit {
                version,
                name,
                acronym,
                city,
                website,
                email,
                description,
                description_lang: lang,
                visibility,
                facts,
            }),
            _ => Err(problems),
        }
    }

    /// A new organisation: the staff's form with every field, the name, the
    /// kind and the level required.
    pub fn check_new(&self, role: Role) -> Result<OrgEdit, Vec<ValidationError>> {
        let mut missing = Vec::new();
        if self.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            missing.push(ValidationError::new("name", Problem::Required));
        }
        if self.kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
            missing.push(ValidationError::new("kind", Problem::Required));
        }
        if self
            .visibility
            .as_deref()
            .is_none_or(|v| v.trim().is_empty())
        {
            missing.push(ValidationError::new("visibility", Problem::Required));
        }
        let form = OrgEditForm {
            version: "0".into(),
            kind: Some(self.kind.clone().unwrap_or_default()),
            ..self.clone()
        };
        match form.check(role) {
            Ok(edit) if missing.is_empty() => Ok(edit),
            Ok(_) => Err(missing),
            Err(problems) => {
                let again = |p: &ValidationError| {
                    p.problem == Problem::Required && missing.iter().any(|m| m.field == p.field)
                };
                let rest: Vec<ValidationError> =
                    problems.into_iter().filter(|p| !again(p)).collect();
                missing.extend(rest);
                Err(missing)
            }
        }
    }

    /// Whether the one who fills a new record said it is none of the
    /// similar ones shown.
    pub fn confirmed_new(&self) -> bool {
        self.not_duplicate.as_deref().is_some_and(|v| !v.is_empty())
    }

    /// The form filled in from an organisation as its editor reads it, to
    /// change a few fields and keep the rest; the staff's fields only for
    /// `staff`, as their form has them (others keep them).
    pub fn of(org: &crate::Organisation, staff: bool) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        OrgEditForm {
            version: org.version.to_string(),
            name: Some(org.name.clone()),
            acronym: Some(text(&org.acronym)),
            city: text(&org.city),
            website: text(&org.website),
            email: text(&org.email),
            description: org.description.text.clone(),
            description_lang: org.description.lang.clone(),
            visibility: Some(org.visibility.as_str().to_owned()),
            kind: staff.then(|| org.kind.as_str().to_owned()),
            member_since: staff
                .then(|| org.member_since.map(|y| y.to_string()).unwrap_or_default()),
            country: staff.then(|| {
                org.based_in
                    .as_ref()
                    .map(|c| c.code.as_str().to_owned())
                    .unwrap_or_default()
            }),
            themes: if staff {
                org.themes
                    .iter()
                    .map(|t| (t.id.as_str().to_owned(), "on".to_owned()))
                    .collect()
            } else {
                BTreeMap::new()
            },
            languages: staff.then(|| org.languages.join(", ")),
            other_names: staff.then(|| org.other_names.join("\n")),
            not_duplicate: None,
        }
    }

    fn facts(&self, problems: &mut Vec<ValidationError>) -> Option<OrgFacts> {
        let before = problems.len();
        let kind = OrgKind::parse(self.kind.as_deref().unwrap_or("").trim())
            .map_err(|e| problems.push(e.at("kind")))
            .ok();
        let member_since = parse_year("member_since", self.member_since.as_deref().unwrap_or(""))
            .map_err(|e| problems.push(e))
            .ok()
            .flatten();
        let country = match self.country.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => CountryCode::parse(raw)
                .map_err(|e| problems.push(e.at("country")))
                .ok(),
        };
        let mut themes = Vec::new();
        for key in self.themes.keys().take(MAX_THEMES + 1) {
            match ThemeId::parse(key) {
                Ok(t) => themes.push(t),
                Err(e) => problems.push(e.at("themes")),
            }
        }
        if themes.len() > MAX_THEMES {
            problems.push(ValidationError::new(
                "themes",
                Problem::TooLong { max: MAX_THEMES },
            ));
        }
        let languages = parse_languages(self.languages.as_deref().unwrap_or(""))
            .map_err(|e| problems.push(e))
            .ok()
            .unwrap_or_default();
        let mut other_names: Vec<OrgName> = Vec::new();
        let lines: Vec<&str> = self
            .other_names
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() > MAX_OTHER_NAMES {
            problems.push(ValidationError::new(
                "other_names",
                Problem::TooLong {
                    max: MAX_OTHER_NAMES,
                },
            ));
        }
        for line in lines.into_iter().take(MAX_OTHER_NAMES) {
            match OrgName::parse(line) {
                Ok(n) if !other_names.contains(&n) => other_names.push(n),
                Ok(_) => {}
                Err(e) => problems.push(e.at("other_names")),
            }
        }
        (problems.len() == before).then(|| OrgFacts {
            kind: kind.expect("checked"),
            member_since,
            country,
            themes,
            languages,
            other_names,
        })
    }
}

/// The most themes one organisation works on.
pub const MAX_THEMES: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrgEditForm {
        OrgEditForm {
            version: "3".into(),
            name: Some("Mouvement Ivoirien des Droits Humains".into()),
            acronym: Some("MIDH".into()),
            city: "Abidjan".into(),
            website: "https://midh.ci".into(),
            email: "".into(),
            description: "Défend les droits humains.".into(),
            description_lang: "fr".into(),
            visibility: Some("public".into()),
            ..OrgEditForm::default()
        }
    }

    fn staff_form() -> OrgEditForm {
        OrgEditForm {
            kind: Some("member".into()),
            member_since: Some("2004".into()),
            country: Some("ci".into()),
            themes: [("torture-prevention".to_string(), "on".to_string())].into(),
            languages: Some("fr, en".into()),
            other_names: Some(
                "Ivorian Human Rights Movement\n\nIvorian Human Rights Movement\n".into(),
            ),
            ..form()
        }
    }

    #[test]
    fn the_staff_form_keeps_the_facts_of_an_organisation() {
        let edit = staff_form().check(Role::Staff).unwrap();
        let facts = edit.facts.unwrap();
        assert_eq!(facts.kind, OrgKind::Member);
        assert_eq!(facts.member_since, Some(2004));
        assert_eq!(facts.country.unwrap().key(), "ci");
        assert_eq!(facts.themes.len(), 1);
        assert_eq!(facts.languages, vec!["fr", "en"]);
        assert_eq!(facts.other_names.len(), 1, "the same name once");
        // A member's form never changes them, even when it sends them.
        assert_eq!(staff_form().check(Role::Member).unwrap().facts, None);
        // An older staff form without them keeps them.
        assert_eq!(form().check(Role::Staff).unwrap().facts, None);
    }

    #[test]
    fn wrong_facts_name_their_fields() {
        let bad = OrgEditForm {
            kind: Some("friend".into()),
            member_since: Some("1492".into()),
            country: Some("xyz".into()),
            themes: [("Not a theme!".to_string(), "on".to_string())].into(),
            languages: Some("french".into()),
            other_names: Some("x".into()),
            ..form()
        };
        let problems = bad.check(Role::Staff).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        for f in [
            "kind",
            "member_since",
            "country",
            "themes",
            "languages",
            "other_names",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn a_new_organisation_needs_a_name_a_kind_and_a_level() {
        let empty = OrgEditForm::default();
        let problems = empty.check_new(Role::Staff).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(
            fields.contains(&"name") && fields.contains(&"kind") && fields.contains(&"visibility")
        );
        assert_eq!(
            fields.iter().filter(|f| **f == "name").count(),
            1,
            "{fields:?}"
        );
        let new = OrgEditForm {
            version: String::new(),
            ..staff_form()
        }
        .check_new(Role::Staff)
        .unwrap();
        assert!(new.facts.is_some());
        assert!(!staff_form().confirmed_new());
        assert!(OrgEditForm {
            not_duplicate: Some("on".into()),
            ..form()
        }
        .confirmed_new());
    }

    #[test]
    fn levels_move_within_clearance_and_only_admins_open_restricted_records() {
        use Visibility::*;
        assert!(may_reclassify(Role::Staff, Public, Staff));
        assert!(!may_reclassify(Role::Staff, Public, Restricted));
        assert!(!may_reclassify(Role::Campaigner, Network, Restricted));
        assert!(
            !may_reclassify(Role::Staff, Restricted, Public),
            "a granted staff member"
        );
        assert!(may_reclassify(Role::Staff, Restricted, Restricted));
        assert!(may_reclassify(Role::Admin, Restricted, Public));
        assert!(may_reclassify(Role::Admin, Public, Restricted));
    }

    #[test]
    fn members_change_only_the_fields_they_own() {
        let edit = form().check(Role::Member).unwrap();
        assert_eq!(edit.name, Change::Keep);
        assert_eq!(edit.acronym, Change::Keep);
        assert_eq!(edit.visibility, Change::Keep);
        assert_eq!(edit.city, Change::Set(City::parse("Abidjan").unwrap()));
        assert_eq!(edit.email, Change::Clear, "an emptied field is cleared");
        assert_eq!(edit.version, 3);
    }

    #[test]
    fn staff_change_everything() {
        let edit = form().check(Role::Staff).unwrap();
        assert_eq!(
            edit.name,
            Change::Set(OrgName::parse("Mouvement Ivoirien des Droits Humains").unwrap())
        );
        assert_eq!(edit.acronym, Change::Set(Acronym::parse("MIDH").unwrap()));
        assert_eq!(edit.visibility, Change::Set(Visibility::Public));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = OrgEditForm {
            name: Some("X".into()),
            website: "midh.ci".into(),
            email: "nobody".into(),
            description_lang: "de".into(),
            visibility: Some("secret".into()),
            ..form()
        };
        let fields: Vec<String> = bad
            .check(Role::Staff)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["name", "website", "email", "description_lang", "visibility"]
        );
    }
}
