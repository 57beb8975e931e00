//! Urgent appeals: written from a verified alert in English, French and/or
//! Spanish, approved by the secretariat, published to the public or to the
//! network, co-signed by member organisations, and followed up (released,
//! acquitted, still detained) as news comes.

use crate::country::{Country, CountryCode};
use crate::error::{Problem, ValidationError};
use crate::ids::{AlertId, AppealId};
use crate::organisation::OrgRef;
use crate::text::{paragraphs, single_line};
use crate::visibility::Visibility;
use crate::InterventionOutcome;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The languages an appeal is written in.
pub const APPEAL_LANGUAGES: [&str; 3] = ["en", "fr", "es"];
/// The longest text of one language.
pub const APPEAL_BODY_MAX: usize = 20_000;

crate::word_enum!(
    /// Who reads a published appeal: everyone (and its Atom feed), or the
    /// network's members.
    Audience, "audience", {
        Public => "public",
        Network => "network",
    }
);

impl Audience {
    pub fn level(self) -> Visibility {
        match self {
            Audience::Public => Visibility::Public,
            Audience::Network => Visibility::Network,
        }
    }
}

crate::word_enum!(
    /// Where an appeal stands.
    AppealStatus, "status", {
        Draft => "draft",
        Approved => "approved",
        Published => "published",
    }
);

/// One language of an appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealText {
    /// `en`, `fr` or `es`.
    pub language: String,
    pub title: String,
    pub body: String,
}

/// Words of a name that say nothing of whom (particles of names in other
/// languages than those the folding already drops).
const NAME_PARTICLES: &[&str] = &["bint", "della", "dela", "dello"];

/// What in `texts` names one of `names`, as the name is typed: the whole
/// name, however short its words, or one of its words of four letters or
/// more (a possessive "Diallo's" too). Both are folded as the duplicate
/// finder folds them (accents, case, script, hyphens), so "AL-KHAWAJA" is
/// found for "Al-Khawaja". What an appeal without the person's name must
/// not say. Short words alone ("Can", "Ali") are not searched: too many
/// texts would be refused for an ordinary word.
pub fn naming_word(texts: &[AppealText], names: &[String]) -> Option<String> {
    let written: Vec<(Vec<String>, String)> = texts
        .iter()
        .map(|t| {
            let raw = format!("{} {}", t.title, t.body)
                .replace("'s ", " ")
                .replace("\u{2019}s ", " ");
            let folded = crate::similar::fold(&raw);
            let words = folded.split(' ').map(str::to_owned).collect();
            (words, format!(" {folded} "))
        })
        .collect();
    let found = |token: &str| {
        written.iter().any(|(words, _)| {
            words
                .iter()
                .any(|w| w == token || w.strip_suffix('s') == Some(token))
        })
    };
    names.iter().find_map(|name| {
        let folded = crate::similar::fold(name);
        if folded.is_empty() {
            return None;
        }
        if written
            .iter()
            .any(|(_, text)| text.contains(&format!(" {folded} ")))
        {
            return Some(name.trim().to_owned());
        }
        let token = folded
            .split(' ')
            .filter(|t| t.chars().count() >= 4 && !NAME_PARTICLES.contains(t))
            .find(|t| found(t))?;
        let typed = name
            .split_whitespace()
            .find(|w| crate::similar::fold(w).split(' ').any(|t| t == token))
            .unwrap_or(token);
        Some(typed.to_owned())
    })
}

/// An appeal as typed: a title and a text per language, blank languages
/// left out (at least one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealForm {
    #[serde(default)]
    pub alert: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub title_fr: String,
    #[serde(default)]
    pub body_fr: String,
    #[serde(default)]
    pub title_es: String,
    #[serde(default)]
    pub body_es: String,
}

/// An appeal, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAppeal {
    pub alert: Option<AlertId>,
    pub country: CountryCode,
    pub audience: Audience,
    pub texts: Vec<AppealText>,
}

fn keep<T>(problems: &mut Vec<ValidationError>, r: Result<T, ValidationError>) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

impl AppealForm {
    pub fn check(&self) -> Result<NewAppeal, Vec<ValidationError>> {
        let mut p = Vec::new();
        let alert = if self.alert.trim().is_empty() {
            None
        } else {
            keep(
                &mut p,
                AlertId::parse(&self.alert).map_err(|e| e.at("alert")),
            )
        };
        let country = keep(
            &mut p,
            CountryCode::parse(&self.country).map_err(|e| e.at("country")),
        );
        let audience = keep(&mut p, Audience::parse(&self.audience));
        let mut texts = Vec::new();
        for (language, title, body) in [
            ("en", &self.title_en, &self.body_en),
            ("fr", &self.title_fr, &self.body_fr),
            ("es", &self.title_es, &self.body_es),
        ] {
            if title.trim().is_empty() && body.trim().is_empty() {
                continue;
            }
            let title = keep(
                &mut p,
                single_line(&format!("title_{language}"), title, 3, 200),
            );
            let body = keep(
                &mut p,
                paragraphs(&format!("body_{language}"), body, APPEAL_BODY_MAX),
            );
            if let Some(b) = &body {
                if b.chars().count() < 10 {
                    p.push(ValidationError::new(
                        format!("body_{language}"),
                        Problem::TooShort { min: 10 },
                    ));
                }
            }
            if let (Some(title), Some(body)) = (title, body) {
                texts.push(AppealText {
                    language: language.to_owned(),
                    title,
                    body,
                });
            }
        }
        if texts.is_empty()
            && !p
                .iter()
                .any(|e| e.field.starts_with("title_") || e.field.starts_with("body_"))
        {
            p.push(ValidationError::new("title_en", Problem::Required));
        }
        match (country, audience) {
            (Some(country), Some(audience)) if p.is_empty() => Ok(NewAppeal {
                alert,
                country,
                audience,
                texts,
            }),
            _ => Err(p),
        }
    }
}

/// A follow-up of an appeal, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealUpdateForm {
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub text: String,
}

/// A follow-up, checked: its date (not to come), the outcome when there is
/// one, and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAppealUpdate {
    pub on: NaiveDate,
    pub outcome: Option<InterventionOutcome>,
    pub text: String,
}

impl AppealUpdateForm {
    pub fn check(&self, today: NaiveDate) -> Result<NewAppealUpdate, Vec<ValidationError>> {
        let mut p = Vec::new();
        let on = keep(&mut p, crate::mission::parse_day("on", &self.on));
        if on.is_some_and(|d| d > today) {
            p.push(ValidationError::new("on", Problem::InTheFuture).with_value(self.on.trim()));
        }
        let outcome = if self.outcome.trim().is_empty() {
            None
        } else {
            keep(
                &mut p,
                InterventionOutcome::parse(&self.outcome).map_err(|e| e.at("outcome")),
            )
        };
        let text = keep(&mut p, paragraphs("text", &self.text, 2000));
        match (on, text) {
            (Some(on), Some(text)) if p.is_empty() => Ok(NewAppealUpdate { on, outcome, text }),
            _ => Err(p),
        }
    }
}

/// A follow-up as the appeal's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealUpdate {
    pub on: NaiveDate,
    pub outcome: Option<InterventionOutcome>,
    pub text: String,
}

/// One line of the list of appeals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealSummary {
    pub id: AppealId,
    /// In the reader's language when the appeal has it, else its first.
    pub title: String,
    pub language: String,
    pub country: Country,
    pub status: AppealStatus,
    pub audience: Audience,
    pub published_at: Option<DateTime<Utc>>,
    pub cosigners: u32,
}

/// An appeal as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub id: AppealId,
    /// The alert it was written from, when the reader may read it.
    pub alert: Option<AlertId>,
    pub country: Country,
    pub audience: Audience,
    pub status: AppealStatus,
    pub texts: Vec<AppealText>,
    pub written_by: Option<String>,
    pub approved_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub cosigners: Vec<OrgRef>,
    pub updates: Vec<AppealUpdate>,
    pub visibility: Visibility,
    pub version: u32,
}

impl Appeal {
    /// The text in `language`, or the first one.
    pub fn text_in(&self, language: &str) -> Option<&AppealText> {
        self.texts
            .iter()
            .find(|t| t.language == language)
            .or_else(|| self.texts.first())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_anonymised_appeal_may_not_name_the_person_in_any_spelling() {
        let text = |title: &str, body: &str| AppealText {
            language: "fr".into(),
            title: title.into(),
            body: body.into(),
        };
        let names = vec!["Daouda Diallo".to_owned()];
        assert_eq!(
            naming_word(&[text("Burkina Faso : libérez M. DIALLO", "…")], &names).as_deref(),
            Some("Diallo")
        );
        assert_eq!(
            naming_word(
                &[text("Burkina Faso", "Un défenseur, Daouda, est détenu.")],
                &names
            )
            .as_deref(),
            Some("Daouda")
        );
        // A word that only contains the name, and short words, do not count.
        assert_eq!(
            naming_word(
                &[text(
                    "Burkina Faso",
                    "Les Dialloistes, un défenseur détenu."
                )],
                &names
            ),
            None
        );
        assert_eq!(
            naming_word(
                &[text("Li", "Un défenseur détenu.")],
                &["Li Wei".to_owned()]
            ),
            None
        );
        // Hyphens, possessives, and a short name written whole.
        assert_eq!(
            naming_word(
                &[text("Bahrain", "Abdulhadi AL-KHAWAJA remains in prison.")],
                &["Abdulhadi Al-Khawaja".to_owned()]
            )
            .as_deref(),
            Some("Abdulhadi Al-Khawaja")
        );
        assert_eq!(
            naming_word(
                &[text("Bahrain", "The Khawaja family asks.")],
                &["Al-Khawaja".to_owned()]
            )
            .as_deref(),
            Some("Al-Khawaja")
        );
        assert_eq!(
            naming_word(&[text("Free him", "Diallo's family asks.")], &names).as_deref(),
            Some("Diallo")
        );
        assert_eq!(
            naming_word(&[text("Free Li Wu", "He is held.")], &["Li Wu".to_owned()]).as_deref(),
            Some("Li Wu")
        );
        assert_eq!(
            naming_word(
                &[text("Free him", "Li Wu's family asks.")],
                &["Li Wu".to_owned()]
            )
            .as_deref(),
            Some("Li Wu")
        );
        // An ordinary short word that is also a name is no refusal.
        assert_eq!(
            naming_word(
                &[text("Türkiye", "We can act now.")],
                &["Can Dündar".to_owned()]
            ),
            None
        );
    }

    use super::*;

    #[test]
    fn an_appeal_needs_one_language_at_least_and_each_one_whole() {
        let mut f = AppealForm {
            country: "BI".into(),
            audience: "public".into(),
            ..AppealForm::default()
        };
        assert_eq!(f.check().unwrap_err()[0].field, "title_en");
        f.title_fr = "Libérez Amina K.".into();
        let e = f.check().unwrap_err();
        assert_eq!(e[0].field, "body_fr");
        f.body_fr = "Amina K. est détenue au secret depuis le 27 novembre.".into();
        let a = f.check().unwrap();
        assert_eq!(a.texts.len(), 1);
        assert_eq!(a.texts[0].language, "fr");
        assert_eq!(a.audience.level(), Visibility::Public);
    }

    #[test]
    fn a_follow_up_is_not_dated_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let f = AppealUpdateForm {
            on: "2026-12-01".into(),
            outcome: "released".into(),
            text: "Released on bail.".into(),
        };
        assert_eq!(f.check(today).unwrap_err()[0].field, "on");
    }
}
