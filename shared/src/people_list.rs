//! The list of people: who the reader may see, filtered by name, role and
//! nationality, a page at a time. Its filters live in the page's address,
//! which its file and the API take too.

use crate::country::{Country, CountryCode};
use crate::directory::{parse_page, MAX_PAGE, PAGE_SIZE};
use crate::error::{Problem, ValidationError};
use crate::ids::PersonId;
use crate::organisation::OrgRef;
use crate::person::{PersonRole, RiskLevel};
use crate::text::SearchText;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub roles: Vec<PersonRole>,
    pub nationality: Option<Country>,
    /// Where they live and work now, as the reader may read it.
    pub based_in: Vec<Country>,
    /// For readers who plan around it (staff side) only.
    pub risk_level: Option<RiskLevel>,
    /// The organisations they belong to now, as the reader may read them.
    pub organisations: Vec<OrgRef>,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeopleQuery {
    pub q: Option<SearchText>,
    pub role: Option<PersonRole>,
    /// Their nationality, or a country they are based in now.
    pub country: Option<CountryCode>,
    /// 1-based.
    pub page: u32,
    /// [`PAGE_SIZE`] on the page; an export or the API sets its own.
    #[serde(skip, default = "page_size")]
    pub per_page: u32,
}

fn page_size() -> u32 {
    PAGE_SIZE
}

impl Default for PeopleQuery {
    fn default() -> Self {
        PeopleQuery {
            q: None,
            role: None,
            country: None,
            page: 1,
            per_page: PAGE_SIZE,
        }
    }
}

impl PeopleQuery {
    /// Parses the address's pairs: empty values count as absent, unknown
    /// ones are ignored (a tracking tag does not break a shared link).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ValidationError> {
        let mut query = PeopleQuery::default();
        for (key, value) in pairs {
            if value.trim().is_empty() {
                continue;
            }
            match key {
                "q" => query.q = SearchText::parse(value)?,
                "role" => query.role = Some(PersonRole::parse(value).map_err(|e| e.at("role"))?),
                "country" => query.country = Some(CountryCode::parse(value)?),
                "page" => query.page = parse_page(value)?,
                _ => {}
            }
        }
        Ok(query)
    }

    /// What arrives already structured (JSON) is checked here.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if !(1..=MAX_PAGE).contains(&self.page) {
            return Err(
                ValidationError::new("page", Problem::NotAPage { max: MAX_PAGE })
                    .with_value(self.page.to_string()),
            );
        }
        Ok(())
    }

    /// The address's query (without `?`), holding only what is set.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(q) = &self.q {
            out.append_pair("q", q.as_str());
        }
        if let Some(r) = self.role {
            out.append_pair("role", r.as_str());
        }
        if let Some(c) = &self.country {
            out.append_pair("country", c.as_str());
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    pub fn with_page(&self, page: u32) -> Self {
        PeopleQuery {
            page,
            ..self.clone()
        }
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page.max(1) - 1) * u64::from(self.per_page)
    }
}

/// A page of the list and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub items: Vec<PersonSummary>,
    pub total: u64,
    pub query: PeopleQuery,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_says_the_filters_and_bad_ones_name_their_field() {
        let q = PeopleQuery::from_pairs([
            ("q", "Keskin"),
            ("role", "lawyer"),
            ("country", "tr"),
            ("page", "2"),
            ("utm_source", "mail"),
        ])
        .unwrap();
        assert_eq!(q.role, Some(PersonRole::Lawyer));
        assert_eq!(q.country.as_ref().unwrap().key(), "tr");
        assert_eq!(q.offset(), u64::from(PAGE_SIZE));
        let again = PeopleQuery::from_pairs(
            form_urlencoded::parse(q.to_query_string().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect::<Vec<_>>()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .unwrap();
        assert_eq!(again, q);
        assert_eq!(
            PeopleQuery::from_pairs([("role", "judge")])
                .unwrap_err()
                .field,
            "role"
        );
        assert_eq!(
            PeopleQuery::from_pairs([("country", "France")])
                .unwrap_err()
                .field,
            "country"
        );
        assert_eq!(
            PeopleQuery::from_pairs([("q", "  ")]).unwrap(),
            PeopleQuery::default()
        );
    }
}
