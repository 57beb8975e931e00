//! Editing an organisation's profile: what a form sends, checked field by
//! field, and who may change which fields.

use crate::account::Role;
use crate::error::{Problem, ValidationError};
use crate::organisation::{Acronym, City, Email, OrgName, Website};
use crate::text::Description;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// The languages a description may be written in.
pub const DESCRIPTION_LANGUAGES: [&str; 3] = ["en", "fr", "es"];

/// A profile edit as typed into the form (all text, nothing checked yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEditForm {
    /// The version of the record the form was opened on.
    pub version: String,
    pub name: Option<String>,
    pub acronym: Option<String>,
    pub city: String,
    pub website: String,
    pub email: String,
    pub description: String,
    pub description_lang: String,
    pub visibility: Option<String>,
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
            }),
            _ => Err(problems),
        }
    }
}

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
        }
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
