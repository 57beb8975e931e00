//! Where an organisation or a person is: its seat (`based_in`, a country)
//! and where and on what it works (`works_on`, a country or a theme). Each
//! relation has since and until years, a source and its own level; ending
//! one keeps it, with its end year, as the past.

use crate::error::{Problem, ValidationError};
use crate::ids::{OrgId, PersonId, ThemeId};
use crate::person::{keep, RelationFacts};
use crate::visibility::Visibility;
use crate::{Country, CountryCode, Theme};
use serde::{Deserialize, Serialize};

crate::word_enum!(
    /// The kind of place relation.
    PlaceKind, "kind", {
        BasedIn => "based-in",
        WorksOn => "works-on",
    }
);

/// The record a place relation starts from, written `organisation/<key>` or
/// `person/<key>` in forms and addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceHolder {
    Organisation(OrgId),
    Person(PersonId),
}

impl PlaceHolder {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let bad = || ValidationError::new("holder", Problem::Required).with_value(raw.trim());
        let (table, key) = raw.trim().split_once('/').ok_or_else(bad)?;
        match table {
            "organisation" => OrgId::parse(key)
                .map(PlaceHolder::Organisation)
                .map_err(|_| bad()),
            "person" => PersonId::parse(key)
                .map(PlaceHolder::Person)
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// The table of the record.
    pub fn table(&self) -> &'static str {
        match self {
            PlaceHolder::Organisation(_) => "organisation",
            PlaceHolder::Person(_) => "person",
        }
    }

    pub fn key(&self) -> &str {
        match self {
            PlaceHolder::Organisation(id) => id.as_str(),
            PlaceHolder::Person(id) => id.as_str(),
        }
    }

    /// The record's page, with the section of its places.
    pub fn page(&self) -> String {
        match self {
            PlaceHolder::Organisation(id) => format!("/organisations/{id}#places"),
            PlaceHolder::Person(id) => format!("/people/{id}#places"),
        }
    }
}

impl std::fmt::Display for PlaceHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.table(), self.key())
    }
}

/// The far end of a place relation, as typed: `country:BI` or `theme:<key>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceKey {
    Country(CountryCode),
    Theme(ThemeId),
}

impl PlaceKey {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        let bad = |problem| ValidationError::new("place", problem).with_value(raw);
        match raw.split_once(':') {
            Some(("country", code)) => CountryCode::parse(code)
                .map(PlaceKey::Country)
                .map_err(|_| bad(Problem::NotACountryCode)),
            Some(("theme", key)) => ThemeId::parse(key)
                .map(PlaceKey::Theme)
                .map_err(|_| bad(Problem::Required)),
            _ if raw.is_empty() => Err(bad(Problem::Required)),
            _ => Err(bad(Problem::Required)),
        }
    }

    /// The table and key of the record in the store.
    pub fn record(&self) -> (&'static str, String) {
        match self {
            PlaceKey::Country(code) => ("country", code.key()),
            PlaceKey::Theme(id) => ("theme", id.to_string()),
        }
    }

    /// As written in forms.
    pub fn form_value(&self) -> String {
        match self {
            PlaceKey::Country(code) => format!("country:{}", code.as_str()),
            PlaceKey::Theme(id) => format!("theme:{id}"),
        }
    }
}

/// The far end of a place relation as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    Country(Country),
    Theme(Theme),
}

impl Place {
    pub fn key(&self) -> PlaceKey {
        match self {
            Place::Country(c) => PlaceKey::Country(c.code.clone()),
            Place::Theme(t) => PlaceKey::Theme(t.id.clone()),
        }
    }
}

/// A place relation as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceTie {
    pub kind: PlaceKind,
    pub place: Place,
    pub since: Option<i32>,
    /// The year it ended; `None` while it lasts.
    pub until: Option<i32>,
    pub source: Option<String>,
    pub visibility: Visibility,
}

impl PlaceTie {
    pub fn is_current(&self) -> bool {
        self.until.is_none()
    }
}

/// A place relation as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceTieForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub since: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub visibility: String,
}

/// A place relation, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlaceTie {
    pub kind: PlaceKind,
    pub place: PlaceKey,
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub source: Option<String>,
    /// At least as closed as both ends: the store takes the strictest.
    pub visibility: Visibility,
}

impl PlaceTieForm {
    pub fn check(&self) -> Result<NewPlaceTie, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let kind = keep(&mut problems, PlaceKind::parse(&self.kind));
        let place = keep(&mut problems, PlaceKey::parse(&self.place));
        // A seat is a country; work can be on a country or a theme.
        if let (Some(PlaceKind::BasedIn), Some(PlaceKey::Theme(_))) = (kind, &place) {
            problems.push(
                ValidationError::new("place", Problem::NotACountryCode)
                    .with_value(self.place.trim()),
            );
        }
        let facts = RelationFacts::check(
            &mut problems,
            [&self.since, &self.until, &self.source, &self.visibility],
            Visibility::Network,
        );
        match (kind, place, facts) {
            (Some(kind), Some(place), Some(f)) if problems.is_empty() => Ok(NewPlaceTie {
                kind,
                place,
                since: f.since,
                until: f.until,
                source: f.source,
                visibility: f.visibility,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(form: &PlaceTieForm) -> Vec<String> {
        form.check()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    #[test]
    fn a_seat_is_a_country_and_work_a_country_or_a_theme() {
        let seat = PlaceTieForm {
            kind: "based-in".into(),
            place: "country:bi".into(),
            since: "2014".into(),
            source: "Annual report 2024".into(),
            ..PlaceTieForm::default()
        }
        .check()
        .unwrap();
        assert_eq!(
            seat.place,
            PlaceKey::Country(CountryCode::parse("BI").unwrap())
        );
        assert_eq!(seat.visibility, Visibility::Network);
        let theme_seat = PlaceTieForm {
            kind: "based-in".into(),
            place: "theme:torture-prevention".into(),
            ..PlaceTieForm::default()
        };
        assert_eq!(fields(&theme_seat), ["place"]);
        let work = PlaceTieForm {
            kind: "works-on".into(),
            ..theme_seat
        };
        assert!(work.check().is_ok());
    }

    #[test]
    fn bad_years_kinds_and_places_are_named() {
        let form = PlaceTieForm {
            kind: "lives-in".into(),
            place: "planet:mars".into(),
            since: "2020".into(),
            until: "2010".into(),
            source: "a\u{7}b".into(),
            visibility: "secret".into(),
        };
        let mut got = fields(&form);
        got.sort();
        assert_eq!(got, ["kind", "place", "source", "until", "visibility"]);
    }

    #[test]
    fn a_holder_is_an_organisation_or_a_person() {
        let org = PlaceHolder::parse("organisation/omct").unwrap();
        assert_eq!(org.page(), "/organisations/omct#places");
        assert_eq!(org.to_string(), "organisation/omct");
        assert!(PlaceHolder::parse("person/eren-keskin").is_ok());
        assert!(PlaceHolder::parse("trial/x").is_err());
        assert!(PlaceHolder::parse("organisation/../x").is_err());
    }
}
