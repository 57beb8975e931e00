//! Editing an organisation's profile: what a form sends, checked field by
//! field, and who may change which fields.

use crate::account::Role;
use crate::error::{Problem, ValidationError};
use crate::organisation::{Acronym, Email, OrgName, Website};
use crate::text::{single_line, Description};
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

/// The checked values to store. Fields a role may not change are `None`
/// and keep their stored value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEdit {
    pub version: u64,
    pub name: Option<String>,
    /// `Some(None)` removes the acronym.
    pub acronym: Option<Option<String>>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub description: String,
    pub description_lang: String,
    pub visibility: Option<Visibility>,
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
        let mut keep = |r: Result<Option<String>, ValidationError>| match r {
            Ok(v) => v,
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let staff = role.edits_everything_visible();
        let name = if staff {
            keep(
                self.name
                    .as_deref()
                    .map_or(Err(ValidationError::new("name", Problem::Required)), |n| {
                        OrgName::parse(n).map(|n| Some(n.as_str().to_owned()))
                    }),
            )
        } else {
            None
        };
        let acronym = if staff {
            Some(keep(optional(self.acronym.as_deref().unwrap_or(""), |a| {
                Acronym::parse(a).map(|a| a.as_str().to_owned())
            })))
        } else {
            None
        };
        let city = keep(optional(&self.city, |c| single_line("city", c, 1, 120)));
        let website = keep(optional(&self.website, |w| {
            Website::parse(w).map(|w| w.as_str().to_owned())
        }));
        let email = keep(optional(&self.email, |e| {
            Email::parse(e).map(|e| e.as_str().to_owned())
        }));
        let description =
            keep(Description::parse(&self.description).map(|d| Some(String::from(d))))
                .unwrap_or_default();
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
                Some(v) => Some(v),
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
                    None
                }
            },
            _ => None,
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
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(OrgEdit {
            version,
            name,
            acronym,
            city: Some(city.unwrap_or_default()),
            website: Some(website.unwrap_or_default()),
            email: Some(email.unwrap_or_default()),
            description,
            description_lang: lang,
            visibility,
        })
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
    fn members_change_only_the_fields_they_own() {
        let edit = form().check(Role::Member).unwrap();
        assert_eq!(edit.name, None);
        assert_eq!(edit.acronym, None);
        assert_eq!(edit.visibility, None);
        assert_eq!(edit.city.as_deref(), Some("Abidjan"));
        assert_eq!(
            edit.email.as_deref(),
            Some(""),
            "an emptied field is cleared"
        );
        assert_eq!(edit.version, 3);
    }

    #[test]
    fn staff_change_everything() {
        let edit = form().check(Role::Staff).unwrap();
        assert_eq!(
            edit.name.as_deref(),
            Some("Mouvement Ivoirien des Droits Humains")
        );
        assert_eq!(edit.acronym, Some(Some("MIDH".into())));
        assert_eq!(edit.visibility, Some(Visibility::Public));
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
