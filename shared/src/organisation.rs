//! Organisations of the network: members, partners and the network bodies
//! themselves (OMCT, the SOS-Torture network, the Observatory, ...).

use crate::country::Country;
use crate::error::{Problem, ValidationError};
use crate::ids::OrgId;
use crate::text::single_line;
use crate::theme::Theme;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// How an organisation belongs to the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrgKind {
    /// A member organisation of the SOS-Torture network.
    Member,
    /// An organisation the network works with without being a member.
    Partner,
    /// A network body or programme: OMCT, the Observatory, a consortium.
    Network,
}

impl OrgKind {
    pub const ALL: [OrgKind; 3] = [OrgKind::Member, OrgKind::Partner, OrgKind::Network];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Member => "member",
            OrgKind::Partner => "partner",
            OrgKind::Network => "network",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ValidationError::new(
                    "membership",
                    Problem::NotOneOf {
                        allowed: Self::ALL.map(|k| k.as_str().to_owned()).to_vec(),
                    },
                )
                .with_value(s)
            })
    }
}

macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
    };
}

text_value!(
    /// The full name of an organisation, in its own language.
    OrgName
);

impl OrgName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        single_line("name", raw, 2, 200).map(Self)
    }
}

text_value!(
    /// A short name such as `MIDH` or `FORSC`.
    Acronym
);

impl Acronym {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = single_line("acronym", raw, 1, 24)?;
        if !s
            .chars()
            .all(|c| c.is_alphanumeric() || " .-&'/+".contains(c))
        {
            return Err(ValidationError::new("acronym", Problem::BadCharacters).with_value(s));
        }
        Ok(Self(s))
    }
}

text_value!(
    /// The city an organisation is based in.
    City
);

impl City {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        single_line("city", raw, 1, 120).map(Self)
    }
}

text_value!(
    /// An `http(s)` address of a public web site.
    Website
);

impl Website {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = single_line("website", raw, 1, 300)?;
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or_else(|| {
                ValidationError::new("website", Problem::NotAWebAddress).with_value(s.as_str())
            })?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_ok = host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':');
        if !host_ok || s.contains(char::is_whitespace) {
            return Err(ValidationError::new("website", Problem::NotAWebAddress).with_value(s));
        }
        Ok(Self(s))
    }
}

text_value!(
    /// A contact e-mail address.
    Email
);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = single_line("email", raw, 3, 254)?;
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.contains(char::is_whitespace)
            }
            None => false,
        };
        if !valid {
            return Err(ValidationError::new("email", Problem::NotAnEmail).with_value(s));
        }
        Ok(Self(s))
    }
}

/// Validates a membership year: OMCT was founded in 1985.
pub fn parse_member_since(raw: i32, current_year: i32) -> Result<i32, ValidationError> {
    if !(1985..=current_year).contains(&raw) {
        return Err(ValidationError::new(
            "member since",
            Problem::YearOutOfRange {
                min: 1985,
                max: current_year,
            },
        ));
    }
    Ok(raw)
}

/// A short reference to an organisation, for links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    pub id: OrgId,
    pub name: String,
    pub acronym: Option<String>,
}

/// One line of the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgSummary {
    pub id: OrgId,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrgKind,
    /// Where the organisation has its seat, when the reader may see it.
    pub seat: Option<Country>,
    pub city: Option<String>,
    pub themes: Vec<Theme>,
    pub member_since: Option<i32>,
    pub demo: bool,
}

/// A text written in one language, with translations into others.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Translated {
    pub text: String,
    /// ISO 639-1 code of the language `text` was written in.
    pub lang: String,
    /// `(language, text)` pairs, other than the original.
    pub translations: Vec<(String, String)>,
}

impl Translated {
    /// The text in `lang` if there is one, else the original; with the
    /// language of what is returned.
    pub fn best_for(&self, lang: &str) -> (&str, &str) {
        if self.lang == lang {
            return (&self.text, &self.lang);
        }
        self.translations
            .iter()
            .find(|(l, t)| l == lang && !t.trim().is_empty())
            .map(|(l, t)| (t.as_str(), l.as_str()))
            .unwrap_or((&self.text, &self.lang))
    }
}

/// An organisation's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrgKind,
    pub description: Translated,
    pub city: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub member_since: Option<i32>,
    pub visibility: Visibility,
    pub demo: bool,
    /// Day of the last change to the record.
    pub updated: Option<chrono::NaiveDate>,
    /// Bumped by every edit; an edit names the version it started from.
    pub version: u64,
    /// Where the organisation has its seat.
    pub based_in: Option<Country>,
    /// Countries it works on, its seat included when it works there.
    pub works_in: Vec<Country>,
    pub themes: Vec<Theme>,
    /// Networks and programmes it belongs to.
    pub member_of: Vec<OrgRef>,
    pub partners: Vec<OrgRef>,
    /// For a network body: how many members it has that the viewer can see.
    pub member_count: u64,
    /// Working languages, ISO 639-1 codes.
    pub languages: Vec<String>,
    /// Its name in other languages and scripts.
    pub other_names: Vec<String>,
    /// Its memberships of networks and its partnerships, current and past,
    /// each as this reader may read it.
    pub ties: Vec<crate::ties::OrgTie>,
    /// Its seat and where and on what it works, current and past, with
    /// their years, as this reader may read them.
    pub places: Vec<crate::place_ties::PlaceTie>,
    /// Trials it supported, missions it sent, events it organised,
    /// interventions it co-signed and its relations, in date order, each
    /// line as this reader may read it.
    pub timeline: Vec<crate::person::TimelineEntry>,
}

/// Why an organisation is shown as a peer of another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PeerReason {
    Partner,
    SameCountry { country: Country },
    SharedTheme { theme: Theme },
}

impl PeerReason {
    /// Stronger reasons first when a peer has several.
    pub fn weight(&self) -> u32 {
        match self {
            PeerReason::Partner => 6,
            PeerReason::SameCountry { .. } => 3,
            PeerReason::SharedTheme { .. } => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    pub org: OrgSummary,
    pub reasons: Vec<PeerReason>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_their_own_words() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()).unwrap(), k);
        }
        let err = OrgKind::parse("friend").unwrap_err();
        assert_eq!(err.field, "membership");
        assert_eq!(err.value.as_deref(), Some("friend"));
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(
            OrgName::parse(" Mouvement Ivoirien des Droits Humains ")
                .unwrap()
                .as_str(),
            "Mouvement Ivoirien des Droits Humains"
        );
        assert_eq!(OrgName::parse("  ").unwrap_err().problem, Problem::Required);
        assert!(OrgName::parse("A").is_err());
        assert!(OrgName::parse(&"a".repeat(201)).is_err());
        assert!(OrgName::parse("tab\there").is_err());
    }

    #[test]
    fn acronyms_are_short_and_plain() {
        assert!(Acronym::parse("MIDH").is_ok());
        assert!(Acronym::parse("ProtectDefenders.eu").is_ok());
        assert!(Acronym::parse("<script>").is_err());
        assert!(Acronym::parse(&"A".repeat(25)).is_err());
    }

    #[test]
    fn websites_must_be_http_addresses() {
        assert!(Website::parse("https://www.omct.org/fr/").is_ok());
        assert!(Website::parse("http://example.org").is_ok());
        for bad in [
            "omct.org",
            "javascript:alert(1)",
            "https://",
            "https://localhost",
            "https://a b.org",
            "ftp://x.org",
        ] {
            assert_eq!(Website::parse(bad).unwrap_err().field, "website", "{bad}");
        }
    }

    #[test]
    fn emails_need_a_local_part_and_a_domain() {
        assert!(Email::parse("contact@midh.ci").is_ok());
        for bad in [
            "contact",
            "@midh.ci",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "a@.org",
        ] {
            assert_eq!(Email::parse(bad).unwrap_err().field, "email", "{bad}");
        }
    }

    #[test]
    fn membership_years_start_with_omct() {
        assert_eq!(parse_member_since(2024, 2026).unwrap(), 2024);
        assert!(parse_member_since(1984, 2026).is_err());
        assert!(parse_member_since(2027, 2026).is_err());
    }

    #[test]
    fn a_translation_is_used_when_there_is_one() {
        let text = Translated {
            text: "Organisation membre.".into(),
            lang: "fr".into(),
            translations: vec![
                ("en".into(), "Member organisation.".into()),
                ("es".into(), " ".into()),
            ],
        };
        assert_eq!(text.best_for("fr"), ("Organisation membre.", "fr"));
        assert_eq!(text.best_for("en"), ("Member organisation.", "en"));
        assert_eq!(
            text.best_for("es"),
            ("Organisation membre.", "fr"),
            "a blank translation is no translation"
        );
    }
}
