//! The directory's full-text search done in memory the way SurrealDB does
//! it, so that an answer from the in-memory index and one from the database
//! (its fallback) match and rank alike. What is reproduced, from SurrealDB
//! 3.3.5 (`surrealdb-idx`, `ft::analyzer` and `ft::fulltext`):
//!
//! - the analyzers of migration 0001: tokenizers `blank, class, punct`;
//!   filters `lowercase, ascii` then `edgengram(1, 20)` for names and
//!   acronyms (not applied to a query), `snowball(english)` for descriptions;
//! - `field @N@ $q`: every term of the query is in that one field;
//! - `search::score(N)`: BM25 (k1 1.2, b 0.75) with idf clamped at 0 and
//!   the lower-bounded term frequency 1 + ln(tf), summed over the query's
//!   terms the record holds, as an f32; the index's statistics count every
//!   record of the table, whoever reads.
//!
//! `directory_index_agrees_with_the_database` (integration tests) holds the
//! two together on the demo network and a generated one.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

// SurrealDB keeps them as f32 and widens them: 1.2 is not 1.2 here.
const K1: f64 = 1.2f32 as f64;
const B: f64 = 0.75f32 as f64;
const MAX_PREFIX: usize = 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Unknown,
    Whitespace,
    Alphabetic,
    Numeric,
    Punctuation,
    Other,
}

fn class(c: char) -> Class {
    if c.is_alphabetic() {
        Class::Alphabetic
    } else if c.is_numeric() {
        Class::Numeric
    } else if c.is_whitespace() {
        Class::Whitespace
    } else if c.is_ascii_punctuation() {
        Class::Punctuation
    } else {
        Class::Other
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Isolated,
    StartsNew,
    Dropped,
    Continues,
}

/// The words of `text` as the tokenizers `blank, class, punct` cut it:
/// blanks and characters of no class split and are dropped, a change of
/// class (letters, digits, punctuation) splits, and each ASCII punctuation
/// mark is a token of its own.
pub(super) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // The class splitter's state moves only when it is asked, which a blank
    // or a character of no class never does.
    let mut state = Class::Unknown;
    let (mut last, mut current) = (0usize, 0usize);
    let mut previous = Role::Continues;
    for c in text.chars() {
        let cl = class(c);
        let role = match cl {
            Class::Other | Class::Unknown | Class::Whitespace => Role::Dropped,
            _ => {
                let by_class = if cl == state {
                    Role::Continues
                } else {
                    Role::StartsNew
                };
                state = cl;
                if cl == Class::Punctuation {
                    Role::Isolated
                } else {
                    by_class
                }
            }
        };
        if role != Role::Continues || previous == Role::Isolated {
            if last < current {
                out.push(&text[last..current]);
            }
            last = current;
            if role == Role::Dropped {
                last += c.len_utf8();
            }
        }
        previous = role;
        current += c.len_utf8();
    }
    if last < current {
        out.push(&text[last..current]);
    }
    out
}

/// `lowercase, ascii`: a term, or none when nothing is left of it.
fn folded(token: &str) -> Option<String> {
    let lower = token.to_lowercase();
    if lower.is_empty() {
        return None;
    }
    let ascii = deunicode::deunicode(&lower);
    (!ascii.is_empty()).then_some(ascii)
}

/// How a field's text becomes terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Analyzer {
    /// `name_search`: names and acronyms, matched by the start of a word.
    Name,
    /// `text_search`: descriptions, matched by the stem of a word.
    Text,
}

thread_local! {
    static ENGLISH: Stemmer = Stemmer::create(Algorithm::English);
}

fn stemmed(term: String) -> Option<String> {
    let stem = ENGLISH.with(|s| s.stem(&term.to_lowercase()).into_owned());
    (!stem.is_empty()).then_some(stem)
}

impl Analyzer {
    /// The terms a record's text is indexed under.
    pub(super) fn indexed(self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for token in tokens(text) {
            let Some(term) = folded(token) else { continue };
            match self {
                Analyzer::Name => {
                    let chars: Vec<char> = term.chars().collect();
                    let longest = chars.len().min(MAX_PREFIX);
                    out.extend((1..=longest).map(|n| chars[..n].iter().collect::<String>()));
                }
                Analyzer::Text => out.extend(stemmed(term)),
            }
        }
        out
    }

    /// The terms a query is looked up with: as indexed, without the
    /// prefixes (a query word is matched against a record's prefixes).
    pub(super) fn queried(self, text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .filter_map(folded)
            .filter_map(|term| match self {
                Analyzer::Name => Some(term),
                Analyzer::Text => stemmed(term),
            })
            .collect()
    }
}

/// One field's full-text index over the records numbered 0, 1, 2, …
pub(super) struct FieldIndex {
    analyzer: Analyzer,
    /// Each term's records and how often the term occurs in each, by record.
    postings: HashMap<Box<str>, Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    total_length: u64,
}

impl FieldIndex {
    pub(super) fn new(analyzer: Analyzer) -> Self {
        Self {
            analyzer,
            postings: HashMap::new(),
            lengths: Vec::new(),
            total_length: 0,
        }
    }

    /// Adds the next record (numbered in order, from 0); `None` for a field
    /// the record does not have, which still counts in the statistics.
    pub(super) fn push(&mut self, text: Option<&str>) {
        let record = self.lengths.len() as u32;
        let terms = text.map(|t| self.analyzer.indexed(t)).unwrap_or_default();
        let mut counts: HashMap<String, u32> = HashMap::new();
        for term in &terms {
            *counts.entry(term.clone()).or_default() += 1;
        }
        for (term, n) in counts {
            self.postings
                .entry(term.into_boxed_str())
                .or_default()
                .push((record, n));
        }
        self.lengths.push(terms.len() as u32);
        self.total_length += terms.len() as u64;
    }

    /// The query `q` asked of this field.
    pub(super) fn query<'a>(&'a self, q: &str) -> FieldQuery<'a> {
        let terms = self
            .analyzer
            .queried(q)
            .iter()
            .map(|t| self.postings.get(t.as_str()).map(Vec::as_slice))
            .collect();
        FieldQuery { index: self, terms }
    }
}

/// A query's terms looked up in one field.
pub(super) struct FieldQuery<'a> {
    index: &'a FieldIndex,
    /// Per query term (repeats kept, as SurrealDB keeps them), its postings;
    /// `None` for a term no record holds.
    terms: Vec<Option<&'a [(u32, u32)]>>,
}

fn frequency(postings: &[(u32, u32)], record: u32) -> Option<u32> {
    postings
        .binary_search_by_key(&record, |p| p.0)
        .ok()
        .map(|i| postings[i].1)
}

impl FieldQuery<'_> {
    /// The records holding every term of the query, in order; none for a
    /// query without terms.
    pub(super) fn matching(&self) -> Vec<u32> {
        let Some(lists) = self.terms.iter().copied().collect::<Option<Vec<_>>>() else {
            return Vec::new();
        };
        let Some(shortest) = lists.iter().min_by_key(|l| l.len()) else {
            return Vec::new();
        };
        shortest
            .iter()
            .map(|p| p.0)
            .filter(|&r| lists.iter().all(|l| frequency(l, r).is_some()))
            .collect()
    }

    /// `search::score` of this field for `record`: the terms it holds count,
    /// whether or not it holds them all.
    pub(super) fn score(&self, record: u32) -> f32 {
        let records = self.index.lengths.len() as f64;
        if records == 0.0 {
            return 0.0;
        }
        let average = self.index.total_length as f64 / records;
        let length = f64::from(self.index.lengths[record as usize]);
        let mut score = 0.0;
        for postings in self.terms.iter().flatten() {
            let Some(tf) = frequency(postings, record) else {
                continue;
            };
            let n = postings.len() as f64;
            let idf = ((records - n + 0.5) / (n + 0.5)).ln().max(0.0);
            if idf == 0.0 || tf == 0 {
                continue;
            }
            let tf = 1.0 + f64::from(tf).ln();
            let norm = (1.0 - B) + (B / average) * length;
            score += idf * (K1 + 1.0) * tf / (tf + K1 * norm);
        }
        score as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_as_surrealdb_splits_them() {
        assert_eq!(
            tokens("Droits-de-l'Homme 2024  Burundi"),
            ["Droits", "-", "de", "-", "l", "'", "Homme", "2024", "Burundi"]
        );
        assert_eq!(
            tokens("ACAT–Burundi"),
            ["ACAT", "Burundi"],
            "an en dash is dropped"
        );
        assert_eq!(tokens("abc123"), ["abc", "123"]);
        assert_eq!(tokens("(x)"), ["(", "x", ")"]);
        assert_eq!(tokens("  "), Vec::<&str>::new());
    }

    #[test]
    fn names_are_found_by_the_start_of_a_word_accents_folded() {
        let terms = Analyzer::Name.indexed("Ligue Iteka");
        assert!(terms.contains(&"lig".to_owned()));
        assert!(terms.contains(&"iteka".to_owned()));
        assert!(!terms.contains(&"teka".to_owned()));
        assert_eq!(Analyzer::Name.queried("Égalité"), ["egalite"]);
        assert_eq!(
            Analyzer::Text.queried("tortured defenders"),
            ["tortur", "defend"]
        );
    }

    #[test]
    fn every_term_must_be_in_the_field_and_rarer_terms_weigh_more() {
        let mut index = FieldIndex::new(Analyzer::Name);
        index.push(Some("Ligue Iteka"));
        index.push(Some("Ligue des droits"));
        index.push(None);
        index.push(Some("Iteka"));
        // A term held by half the records or more weighs nothing.
        assert_eq!(index.query("iteka").score(3), 0.0);
        index.push(Some("Amnesty"));
        index.push(Some("Trial International"));
        let q = index.query("ligue iteka");
        assert_eq!(q.matching(), [0]);
        let q = index.query("iteka");
        assert_eq!(q.matching(), [0, 3]);
        assert!(q.score(3) > q.score(0), "a shorter name ranks first");
        assert_eq!(index.query("—").matching(), Vec::<u32>::new());
    }
}
