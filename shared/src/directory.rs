//! The directory's query: what a visitor searched and filtered, parsed from and
//! written back to the URL so a search can be shared and reloaded.

use crate::country::{CountryCode, Region};
use crate::error::{Problem, ValidationError};
use crate::ids::ThemeId;
use crate::organisation::OrgKind;
use crate::text::SearchText;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u32 = 20;
/// Deep pages are never useful to a person and are expensive to compute.
pub const MAX_PAGE: u32 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrgSort {
    /// Best match first; falls back to name order when there is no search.
    #[default]
    Relevance,
    Name,
    Country,
    /// Most recent members first.
    Newest,
}

impl OrgSort {
    pub const ALL: [OrgSort; 4] = [
        OrgSort::Relevance,
        OrgSort::Name,
        OrgSort::Country,
        OrgSort::Newest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgSort::Relevance => "relevance",
            OrgSort::Name => "name",
            OrgSort::Country => "country",
            OrgSort::Newest => "newest",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| {
                ValidationError::new(
                    "sort",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|o| o.as_str().to_owned()).to_vec(),
                    },
                )
                .with_value(s)
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: Option<SearchText>,
    pub country: Option<CountryCode>,
    pub region: Option<Region>,
    pub theme: Option<ThemeId>,
    pub kind: Option<OrgKind>,
    pub sort: OrgSort,
    /// 1-based.
    pub page: u32,
    /// Rows on a page: [`PAGE_SIZE`] on the pages; an export or the API sets
    /// its own. Never read from an address or a request body.
    #[serde(skip, default = "page_size")]
    pub per_page: u32,
}

fn page_size() -> u32 {
    PAGE_SIZE
}

impl Default for DirectoryQuery {
    fn default() -> Self {
        Self {
            q: None,
            country: None,
            region: None,
            theme: None,
            kind: None,
            sort: OrgSort::default(),
            page: 1,
            per_page: PAGE_SIZE,
        }
    }
}

impl DirectoryQuery {
    /// Checks what the type alone cannot: the page is within bounds. Needed for
    /// queries that arrive already structured (JSON), not parsed from a URL.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if !(1..=MAX_PAGE).contains(&self.page) {
            return Err(
                ValidationError::new("page", Problem::NotAPage { max: MAX_PAGE })
                    .with_value(self.page.to_string()),
            );
        }
        Ok(())
    }

    /// Parses URL query pairs. Empty values count as absent (a form submits
    /// every field); unknown parameters are ignored so that tracking tags in a
    /// shared link do not break it.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ValidationError> {
        let mut query = DirectoryQuery::default();
        for (key, value) in pairs {
            if value.trim().is_empty() {
                continue;
            }
            match key {
                "q" => query.q = SearchText::parse(value)?,
                "country" => query.country = Some(CountryCode::parse(value)?),
                "region" => query.region = Some(Region::parse(value)?),
                "theme" => query.theme = Some(ThemeId::parse(value).map_err(|e| e.at("theme"))?),
                "membership" => query.kind = Some(OrgKind::parse(value)?),
                "sort" => query.sort = OrgSort::parse(value)?,
                "page" => query.page = parse_page(value)?,
                _ => {}
            }
        }
        Ok(query)
    }

    /// The canonical query string (without `?`), holding only what is set.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(q) = &self.q {
            out.append_pair("q", q.as_str());
        }
        if let Some(c) = &self.country {
            out.append_pair("country", c.as_str());
        }
        if let Some(r) = self.region {
            out.append_pair("region", r.slug());
        }
        if let Some(t) = &self.theme {
            out.append_pair("theme", t.as_str());
        }
        if let Some(k) = self.kind {
            out.append_pair("membership", k.as_str());
        }
        if self.sort != OrgSort::default() {
            out.append_pair("sort", self.sort.as_str());
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page.max(1) - 1) * u64::from(self.per_page)
    }

    pub fn has_filters(&self) -> bool {
        self.country.is_some()
            || self.region.is_some()
            || self.theme.is_some()
            || self.kind.is_some()
    }
}

pub(crate) fn parse_page(raw: &str) -> Result<u32, ValidationError> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        _ => Err(
            ValidationError::new("page", Problem::NotAPage { max: MAX_PAGE })
                .with_value(raw.trim()),
        ),
    }
}

/// One page of results and the total behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

impl<T> Page<T> {
    pub fn pages(&self) -> u32 {
        let pages = self.total.div_ceil(u64::from(self.page_size.max(1)));
        u32::try_from(pages).unwrap_or(u32::MAX).max(1)
    }

    /// 1-based position of the first item shown, for "21–40 of 311".
    pub fn first_index(&self) -> u64 {
        if self.items.is_empty() {
            0
        } else {
            u64::from(self.page - 1) * u64::from(self.page_size) + 1
        }
    }

    pub fn last_index(&self) -> u64 {
        if self.items.is_empty() {
            0
        } else {
            self.first_index() + self.items.len() as u64 - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(qs: &str) -> Result<DirectoryQuery, ValidationError> {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(qs.as_bytes()).into_owned().collect();
        DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn empty_query_is_first_page_of_everything() {
        let q = parse("").unwrap();
        assert_eq!(q.page, 1);
        assert_eq!(q.sort, OrgSort::Relevance);
        assert!(q.q.is_none() && !q.has_filters());
        assert_eq!(q.to_query_string(), "");
    }

    #[test]
    fn round_trips_through_the_url() {
        let qs = "q=droits+humains&country=CI&region=africa&theme=womens-rights&membership=member&sort=name&page=3";
        let q = parse(qs).unwrap();
        assert_eq!(q.q.as_ref().unwrap().as_str(), "droits humains");
        assert_eq!(q.country.as_ref().unwrap().as_str(), "CI");
        assert_eq!(q.region, Some(Region::Africa));
        assert_eq!(q.kind, Some(OrgKind::Member));
        assert_eq!(q.page, 3);
        assert_eq!(q.offset(), 40);
        assert_eq!(parse(&q.to_query_string()).unwrap(), q);
        assert_eq!(q.to_query_string(), qs);
    }

    #[test]
    fn blank_and_unknown_parameters_are_ignored() {
        let q = parse("q=&country=&utm_source=mail&page=").unwrap();
        assert_eq!(q, parse("").unwrap());
    }

    #[test]
    fn bad_parameters_name_the_parameter() {
        let cases = [
            ("page=0", "page"),
            ("page=abc", "page"),
            ("page=-1", "page"),
            ("page=99999999999", "page"),
            ("country=France", "country"),
            ("region=europe", "region"),
            ("theme=Bad%20Theme", "theme"),
            ("membership=friend", "membership"),
            ("sort=random", "sort"),
        ];
        for (qs, field) in cases {
            let err = parse(qs).unwrap_err();
            assert_eq!(err.field, field, "{qs}: {err}");
        }
    }

    #[test]
    fn structured_queries_are_validated_too() {
        assert!(DirectoryQuery::default().validate().is_ok());
        let zero = DirectoryQuery {
            page: 0,
            ..Default::default()
        };
        assert_eq!(zero.validate().unwrap_err().field, "page");
        let q: DirectoryQuery = serde_json::from_str(r#"{"sort":"name"}"#).unwrap();
        assert_eq!(q.page, 1);
        assert!(serde_json::from_str::<DirectoryQuery>(r#"{"country":"France"}"#).is_err());
    }

    #[test]
    fn search_text_survives_encoding() {
        let q = parse("q=C%C3%B4te+d%27Ivoire+%26+%3Cb%3E").unwrap();
        assert_eq!(q.q.as_ref().unwrap().as_str(), "Côte d'Ivoire & <b>");
        assert_eq!(parse(&q.to_query_string()).unwrap(), q);
    }

    #[test]
    fn pages_count_and_bounds() {
        let page = Page {
            items: vec![1; 20],
            total: 311,
            page: 2,
            page_size: 20,
        };
        assert_eq!(page.pages(), 16);
        assert_eq!(page.first_index(), 21);
        assert_eq!(page.last_index(), 40);
        let empty: Page<u8> = Page {
            items: vec![],
            total: 0,
            page: 1,
            page_size: 20,
        };
        assert_eq!(empty.pages(), 1);
        assert_eq!(empty.first_index(), 0);
    }
}

/// A value a list can be filtered by, with how many records carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted<T> {
    pub item: T,
    pub count: u64,
}

/// The filter values offered beside the directory, counted over everything the
/// viewer may see.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    pub countries: Vec<Counted<crate::country::Country>>,
    pub regions: Vec<Counted<Region>>,
    pub themes: Vec<Counted<crate::theme::Theme>>,
    pub kinds: Vec<Counted<OrgKind>>,
}
