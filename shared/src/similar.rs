//! The duplicate finder's judgement: before a new organisation or person is
//! saved, staff are shown the existing records whose names look like the new
//! one, so that the network keeps one record per organisation however its name
//! was spelt, translated, transliterated or abbreviated.
//!
//! Pure functions only, so the same judgement can run in the browser (wasm32)
//! and on the server.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Articles, prepositions and conjunctions of English, French and Spanish:
/// whether a name has them depends on who typed it ("Centre for Victims of
/// Torture", "Centre for the Victims of Torture"), not on which body it is.
const FILLER: &[&str] = &[
    "the", "of", "for", "and", "a", "an", "in", "on", "de", "des", "du", "la", "le", "les", "l",
    "d", "et", "en", "pour", "el", "los", "las", "del", "y", "para", "por",
];

/// A single letter abbreviates too many names to be worth asking about.
const MIN_ACRONYM_LEN: usize = 2;

/// Longer than this, a one-word name is a word rather than an acronym typed
/// into the name field.
const MAX_TYPED_ACRONYM_LEN: usize = 12;

/// Below this many folded characters a similarity score means little ("ACT"
/// and "ACTS" are different bodies), so short names only match when equal.
const MIN_SIMILAR_LEN: usize = 4;

/// From this score two names are alike enough to interrupt the person saving.
const SIMILAR_AT: f64 = 0.8;

/// In shorter words one changed letter makes another word ("Iran", "Iraq"),
/// so only words this long can carry a typo.
const MIN_TYPO_WORD_LEN: usize = 5;

/// Words this long are allowed two slips instead of one.
const LONG_TYPO_WORD_LEN: usize = 8;

/// A name as the finder compares it: transliterated to ASCII (Cyrillic,
/// Arabic, Greek, accents), lower case, punctuation as spaces, words joined by
/// single spaces, and the filler words of English, French and Spanish dropped,
/// so that spellings of one name typed by different people agree.
///
/// An apostrophe after a single letter is an elision and separates ("l'homme"
/// is "homme"); inside a word it is dropped, so "Women's" and "Womens" agree,
/// as do transliterations with and without a Russian soft sign. A name made
/// only of filler words keeps them, so that it still has something to compare.
pub fn fold(name: &str) -> String {
    fold_words(&words(name))
}

/// Why a record was offered as a possible duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Likeness {
    /// One of its names is one of the new record's names, once folded.
    SameName,
    /// It has the new record's acronym. A name typed as a single token
    /// ("OMCT", "O.M.C.T.") counts as an acronym, since people type the short
    /// name into the name field.
    SameAcronym,
    /// One side's acronym is the initials of one of the other side's names.
    AcronymOfName,
    /// Its names are close to the new record's: shared words, shared letter
    /// sequences, or the same words but for a typo in one.
    SimilarName,
}

impl Likeness {
    /// The stronger reasons come first in the list staff see.
    fn rank(self) -> u8 {
        match self {
            Likeness::SameName => 0,
            Likeness::SameAcronym => 1,
            Likeness::AcronymOfName => 2,
            Likeness::SimilarName => 3,
        }
    }
}

/// One record's names: its name, acronym and other names (names in other
/// languages, transliterations).
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub name: &'a str,
    pub acronym: Option<&'a str>,
    pub other: &'a [String],
}

/// How alike a new record's names are to a stored one's; `None` when not alike
/// enough to ask. Every name of one side (name and other names) is compared
/// with every name of the other, and the strongest reason wins.
pub fn likeness(new: &Names<'_>, stored: &Names<'_>) -> Option<Likeness> {
    compare(&Record::of(new), &Record::of(stored)).map(|(likeness, _)| likeness)
}

/// The candidates worth asking about, best first, at most `limit`: `stored` is
/// (key, names); returns (key, likeness). Ties keep the order of `stored`.
pub fn similar<'a, K: Clone>(
    new: &Names<'_>,
    stored: impl IntoIterator<Item = (K, Names<'a>)>,
    limit: usize,
) -> Vec<(K, Likeness)> {
    let new = Record::of(new);
    if limit == 0 || new.is_blank() {
        return Vec::new();
    }
    let mut found: Vec<(K, Likeness, f64)> = stored
        .into_iter()
        .filter_map(|(key, names)| {
            compare(&new, &Record::of(&names)).map(|(likeness, score)| (key, likeness, score))
        })
        .collect();
    found.sort_by(|a, b| {
        a.1.rank()
            .cmp(&b.1.rank())
            .then_with(|| b.2.total_cmp(&a.2))
    });
    found.truncate(limit);
    found
        .into_iter()
        .map(|(key, likeness, _)| (key, likeness))
        .collect()
}

/// The reason two records look alike, and how close their closest names are
/// (to order candidates that share a reason).
fn compare(new: &Record, stored: &Record) -> Option<(Likeness, f64)> {
    let likeness = if same_name(new, stored) {
        Likeness::SameName
    } else if same_acronym(new, stored) {
        Likeness::SameAcronym
    } else if abbreviates(new, stored) || abbreviates(stored, new) {
        Likeness::AcronymOfName
    } else if similar_names(new, stored) {
        Likeness::SimilarName
    } else {
        return None;
    };
    Some((likeness, closeness(new, stored)))
}

/// A record's names, folded once per call so that thousands of stored records
/// can be compared with one new one.
struct Record {
    names: Vec<Folded>,
    /// Its acronym and the names it was given as a single token, squashed.
    acronyms: Vec<String>,
}

impl Record {
    fn of(names: &Names<'_>) -> Self {
        let mut folded = Vec::new();
        let mut acronyms: Vec<String> = names
            .acronym
            .map(squash)
            .filter(|a| a.len() >= MIN_ACRONYM_LEN)
            .into_iter()
            .collect();
        let all = std::iter::once(names.name).chain(names.other.iter().map(String::as_str));
        for raw in all {
            let words = words(raw);
            if words.is_empty() {
                continue;
            }
            if let Some(typed) = typed_acronym(raw, &words) {
                acronyms.push(typed);
            }
            folded.push(Folded::new(fold_words(&words)));
        }
        Self {
            names: folded,
            acronyms,
        }
    }

    /// Nothing to compare: a blank record must never match, not even another
    /// blank one.
    fn is_blank(&self) -> bool {
        self.names.is_empty() && self.acronyms.is_empty()
    }
}

/// One folded name with what the comparisons need, worked out once.
struct Folded {
    text: String,
    /// Its distinct words, sorted.
    words: Vec<String>,
    /// Its distinct character trigrams, sorted.
    trigrams: Vec<[u8; 3]>,
    /// The acronyms it could be abbreviated to.
    initials: Vec<String>,
}

impl Folded {
    fn new(text: String) -> Self {
        let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
        words.sort_unstable();
        words.dedup();
        Self {
            trigrams: trigrams(&text),
            initials: initials(&text),
            words,
            text,
        }
    }
}

/// Lower-case ASCII words of a name, transliterated. Characters deunicode
/// does not know separate words rather than becoming "[?]"; an ASCII name is
/// read in place, without a copy.
fn words(name: &str) -> Vec<String> {
    let ascii = deunicode::deunicode_with_tofu_cow(name, " ");
    let mut words = Vec::new();
    let mut word = String::new();
    for c in ascii.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => word.push(c.to_ascii_lowercase()),
            // Deunicode spells curly apostrophes, the Arabic hamza and ayin
            // and the Russian hard and soft signs as one of these two.
            '\'' | '`' if word.len() != 1 => {}
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn fold_words(words: &[String]) -> String {
    let meaningful: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FILLER.contains(w))
        .collect();
    if meaningful.is_empty() {
        words.join(" ")
    } else {
        meaningful.join(" ")
    }
}

/// An acronym as compared: its letters and digits only, so that "O.M.C.T."
/// and "OMCT" agree. Filler words are kept: the "A" of "ACAT" is a word.
fn squash(acronym: &str) -> String {
    words(acronym).concat()
}

/// A name written as one token of acronym length may be the acronym itself,
/// typed into the name field.
fn typed_acronym(raw: &str, words: &[String]) -> Option<String> {
    if raw.trim().contains(char::is_whitespace) {
        return None;
    }
    let squashed = words.concat();
    (MIN_ACRONYM_LEN..=MAX_TYPED_ACRONYM_LEN)
        .contains(&squashed.len())
        .then_some(squashed)
}

/// The acronyms a folded name could have: the initials of all its words, and
/// of its words of three letters or more ("FIDH", but also "CVDT" for the
/// "Comité de Vigilance pour la Démocratie au Togo").
fn initials(folded: &str) -> Vec<String> {
    let words: Vec<&str> = folded.split(' ').collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let first_letters = |min_len: usize| -> String {
        words
            .iter()
            .filter(|w| w.len() >= min_len)
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let mut found = vec![first_letters(1), first_letters(3)];
    found.dedup();
    found.retain(|a| a.len() >= MIN_ACRONYM_LEN);
    found
}

/// Trigrams of the name padded with a space, so that the first and last
/// letters weigh as much as the middle ones.
fn trigrams(folded: &str) -> Vec<[u8; 3]> {
    let padded = format!(" {folded} ");
    let mut grams: Vec<[u8; 3]> = padded
        .as_bytes()
        .windows(3)
        .map(|w| [w[0], w[1], w[2]])
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Every pairing of one record's names with the other's.
fn pairs<'r>(a: &'r Record, b: &'r Record) -> impl Iterator<Item = (&'r Folded, &'r Folded)> {
    a.names
        .iter()
        .flat_map(move |x| b.names.iter().map(move |y| (x, y)))
}

fn same_name(a: &Record, b: &Record) -> bool {
    pairs(a, b).any(|(x, y)| x.text == y.text)
}

fn same_acronym(a: &Record, b: &Record) -> bool {
    a.acronyms
        .iter()
        .any(|acronym| b.acronyms.contains(acronym))
}

/// Whether one of `a`'s acronyms is the initials of one of `b`'s names.
fn abbreviates(a: &Record, b: &Record) -> bool {
    a.acronyms
        .iter()
        .any(|acronym| b.names.iter().any(|n| n.initials.contains(acronym)))
}

fn similar_names(a: &Record, b: &Record) -> bool {
    pairs(a, b).any(|(x, y)| {
        x.text.len() >= MIN_SIMILAR_LEN
            && y.text.len() >= MIN_SIMILAR_LEN
            && (similarity(x, y) >= SIMILAR_AT || one_word_typo(&x.text, &y.text))
    })
}

/// How close the two records' closest names are, from 0 to 1.
fn closeness(a: &Record, b: &Record) -> f64 {
    pairs(a, b)
        .map(|(x, y)| similarity(x, y))
        .fold(0.0, f64::max)
}

/// The better of two views of likeness: shared words catch reordered names
/// ("Dupont Jean"), shared trigrams catch changed spellings and words run
/// together ("Front Line", "Frontline").
fn similarity(a: &Folded, b: &Folded) -> f64 {
    jaccard(&a.words, &b.words).max(dice(&a.trigrams, &b.trigrams))
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    let shared = common(a, b);
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

fn dice(a: &[[u8; 3]], b: &[[u8; 3]]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        0.0
    } else {
        2.0 * common(a, b) as f64 / total as f64
    }
}

/// How many items two sorted, deduplicated lists share, in one pass.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The same words in the same order but one, and that one a slip of the
/// keyboard ("Torure" for "Torture"): trigrams miss these in short names,
/// where one letter touches a large share of them.
fn one_word_typo(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split(' ').collect();
    let b: Vec<&str> = b.split(' ').collect();
    if a.len() != b.len() {
        return false;
    }
    let mut differing = a.iter().zip(&b).filter(|(x, y)| x != y);
    match (differing.next(), differing.next()) {
        (Some((x, y)), None) => slip(x, y),
        _ => false,
    }
}

fn slip(a: &str, b: &str) -> bool {
    let shorter = a.len().min(b.len());
    if shorter < MIN_TYPO_WORD_LEN {
        return false;
    }
    let allowed = if shorter >= LONG_TYPO_WORD_LEN { 2 } else { 1 };
    a.len().abs_diff(b.len()) <= allowed && typing_distance(a.as_bytes(), b.as_bytes()) <= allowed
}

/// Letters inserted, left out, replaced, or two neighbours swapped: the slips
/// of a hurried typist (optimal string alignment distance).
fn typing_distance(a: &[u8], b: &[u8]) -> usize {
    let mut two_back: Vec<usize> = Vec::new();
    let mut one_back: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for (j, &y) in b.iter().enumerate() {
            let mut d = (one_back[j + 1] + 1)
                .min(row[j] + 1)
                .min(one_back[j] + usize::from(x != y));
            if i > 0 && j > 0 && x == b[j - 1] && a[i - 1] == y {
                d = d.min(two_back[j - 1] + 1);
            }
            row.push(d);
        }
        two_back = std::mem::replace(&mut one_back, row);
    }
    one_back[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Names<'_> {
        Names {
            name,
            acronym: None,
            other: &[],
        }
    }

    fn with_acronym<'a>(name: &'a str, acronym: &'a str) -> Names<'a> {
        Names {
            name,
            acronym: Some(acronym),
            other: &[],
        }
    }

    fn alike(a: &str, b: &str) -> Option<Likeness> {
        likeness(&named(a), &named(b))
    }

    #[test]
    fn folding_ignores_accents_and_case() {
        assert_eq!(
            fold("Fédération Internationale des Ligues des Droits de l'Homme"),
            "federation internationale ligues droits homme"
        );
        assert_eq!(
            fold("ASOCIACIÓN PRO DERECHOS HUMANOS"),
            fold("Asociacion pro Derechos Humanos")
        );
        assert_eq!(
            alike(
                "Asociación Pro Derechos Humanos",
                "ASOCIACION PRO DERECHOS HUMANOS"
            ),
            Some(Likeness::SameName)
        );
    }

    #[test]
    fn folding_treats_apostrophes_alike() {
        assert_eq!(fold("Droits de l’Homme"), "droits homme");
        assert_eq!(fold("Droits de l'Homme"), "droits homme");
        assert_eq!(
            fold("Ligue Ivoirienne des Droits de l'Homme de Côte d’Ivoire"),
            "ligue ivoirienne droits homme cote ivoire"
        );
        assert_eq!(fold("Women’s Rights Centre"), "womens rights centre");
        assert_eq!(fold("Womens Rights Centre"), "womens rights centre");
        assert_eq!(
            alike(
                "Ligue tunisienne des droits de l'homme",
                "Ligue Tunisienne des Droits de l’Homme"
            ),
            Some(Likeness::SameName)
        );
    }

    #[test]
    fn folding_drops_punctuation_and_filler_words() {
        assert_eq!(fold("  Front-Line   Defenders! "), "front line defenders");
        assert_eq!(fold("Lawyers & Doctors"), fold("Lawyers and Doctors"));
        assert_eq!(
            fold("Organisation Mondiale Contre la Torture"),
            "organisation mondiale contre torture"
        );
        assert_eq!(
            alike(
                "Organisation Mondiale Contre la Torture",
                "organisation mondiale contre torture"
            ),
            Some(Likeness::SameName)
        );
        assert_eq!(
            alike(
                "The Centre for the Victims of Torture",
                "Centre for Victims of Torture"
            ),
            Some(Likeness::SameName)
        );
        assert_eq!(fold("De La"), "de la");
    }

    #[test]
    fn folding_transliterates_other_scripts() {
        assert_eq!(
            fold("Правозащитный центр Мемориал"),
            "pravozashchitnyi tsentr memorial"
        );
        assert_eq!(fold("Ελληνική Ένωση"), "ellenike enose");
        assert_eq!(
            alike(
                "Правозащитный центр Мемориал",
                "Pravozashchitnyi Tsentr Memorial"
            ),
            Some(Likeness::SameName)
        );
        assert_eq!(
            alike(
                "Правозащитный центр Мемориал",
                "Pravozashchitny Tsentr Memorial"
            ),
            Some(Likeness::SimilarName)
        );
        let arabic = "الرابطة التونسية للدفاع عن حقوق الإنسان";
        let folded = fold(arabic);
        assert!(!folded.is_empty());
        assert!(folded.is_ascii());
        let latin = deunicode::deunicode(arabic);
        assert_eq!(alike(arabic, &latin), Some(Likeness::SameName));
    }

    #[test]
    fn other_names_are_compared_too() {
        let english = ["World Organisation Against Torture".to_owned()];
        let stored = Names {
            name: "Organización Mundial Contra la Tortura",
            acronym: None,
            other: &english,
        };
        assert_eq!(
            likeness(&named("World Organisation against Torture"), &stored),
            Some(Likeness::SameName)
        );
    }

    #[test]
    fn dotted_acronyms_are_the_same_acronym() {
        assert_eq!(
            likeness(
                &with_acronym("World Organisation Against Torture", "O.M.C.T."),
                &with_acronym("Organisation mondiale contre la torture", "OMCT"),
            ),
            Some(Likeness::SameAcronym)
        );
        assert_eq!(
            likeness(
                &with_acronym("Alpha Group", "A"),
                &with_acronym("Another Body", "A.")
            ),
            None
        );
    }

    #[test]
    fn a_name_typed_as_an_acronym_is_the_same_acronym() {
        let omct = with_acronym("Organisation Mondiale Contre la Torture", "OMCT");
        assert_eq!(likeness(&named("omct"), &omct), Some(Likeness::SameAcronym));
        assert_eq!(
            likeness(&omct, &named("O.M.C.T.")),
            Some(Likeness::SameAcronym)
        );
        assert_eq!(alike("A.C.A.T.", "ACAT"), Some(Likeness::SameAcronym));
    }

    #[test]
    fn acronyms_match_the_initials_of_names() {
        let full = named("Organisation mondiale contre la torture");
        let short = with_acronym("World Organisation Against Torture", "OMCT");
        assert_eq!(likeness(&short, &full), Some(Likeness::AcronymOfName));
        assert_eq!(likeness(&full, &short), Some(Likeness::AcronymOfName));
        assert_eq!(
            likeness(&named("OMCT"), &full),
            Some(Likeness::AcronymOfName)
        );
        // Only the words of three letters or more give "CVDT" (not "CVDAT").
        assert_eq!(
            likeness(
                &named("Comité de Vigilance pour la Démocratie au Togo"),
                &with_acronym("CVDT", "C.V.D.T."),
            ),
            Some(Likeness::AcronymOfName)
        );
    }

    #[test]
    fn typos_are_similar_names() {
        assert_eq!(
            alike(
                "Centre for Victims of Torure",
                "Centre for Victims of Torture"
            ),
            Some(Likeness::SimilarName)
        );
        assert_eq!(
            alike(
                "Centre for Victims of Torture",
                "Center for Victims of Torture"
            ),
            Some(Likeness::SimilarName)
        );
        // Too short for trigrams to notice; only the typo rule does.
        assert_eq!(alike("Amnesty", "Amensty"), Some(Likeness::SimilarName));
        assert_eq!(
            alike("Jean Dupont", "Dupont Jean"),
            Some(Likeness::SimilarName)
        );
        // One letter in a short word makes another word.
        assert_eq!(alike("ACAT Iran", "ACAT Iraq"), None);
    }

    #[test]
    fn typing_distance_counts_slips() {
        assert_eq!(typing_distance(b"torure", b"torture"), 1);
        assert_eq!(typing_distance(b"centre", b"center"), 1);
        assert_eq!(typing_distance(b"amnesty", b"amensty"), 1);
        assert_eq!(typing_distance(b"", b"abc"), 3);
        assert_eq!(typing_distance(b"france", b"togo"), 6);
    }

    #[test]
    fn different_bodies_do_not_match() {
        assert_eq!(
            likeness(
                &with_acronym("Amnesty International", "AI"),
                &with_acronym("International Federation for Human Rights", "FIDH"),
            ),
            None
        );
        assert_eq!(
            likeness(
                &with_acronym("Front Line Defenders", "FLD"),
                &named("Frontline AIDS")
            ),
            None
        );
        assert_eq!(alike("Human Rights Watch", "Human Rights First"), None);
    }

    /// Sibling organisations of one family are told apart by their names;
    /// they are offered only when they share an acronym.
    #[test]
    fn acat_siblings_match_only_by_acronym() {
        assert_eq!(alike("ACAT France", "ACAT Togo"), None);
        assert_eq!(
            likeness(
                &with_acronym("ACAT France", "ACAT-France"),
                &with_acronym("ACAT Togo", "ACAT-Togo"),
            ),
            None
        );
        assert_eq!(
            likeness(
                &with_acronym("ACAT France", "ACAT"),
                &with_acronym("ACAT Togo", "ACAT")
            ),
            Some(Likeness::SameAcronym)
        );
    }

    #[test]
    fn short_names_only_match_when_equal() {
        assert_eq!(alike("ACT", "ACTS"), None);
        assert_eq!(alike("ACT", "act"), Some(Likeness::SameName));
    }

    #[test]
    fn empty_names_never_match() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("  -- "), "");
        let nothing = [String::new(), " ".to_owned()];
        let blank = Names {
            name: "",
            acronym: Some(""),
            other: &nothing,
        };
        assert_eq!(likeness(&blank, &blank), None);
        assert_eq!(alike(" .. ", " .. "), None);
        assert_eq!(likeness(&blank, &named("Amnesty International")), None);
        assert_eq!(likeness(&named("Amnesty International"), &blank), None);
        assert!(similar(&blank, vec![(1, blank)], 5).is_empty());
    }

    #[test]
    fn similar_orders_by_reason_then_closeness() {
        let new = with_acronym("Organisation Mondiale Contre la Torture", "OMCT");
        let stored = vec![
            (7, named("Organisation Mondial Contre la Torture en Suisse")),
            (
                6,
                named("Organisation Mondiale Contre Torture et Mauvais Traitements"),
            ),
            (5, named("Observatoire Marocain des Citoyens Torturés")),
            (4, named("Organisation Mondiale Contre la Torture Genève")),
            (
                3,
                with_acronym("World Organisation Against Torture", "OMCT"),
            ),
            (2, named("Organisation mondiale contre la torture")),
            (1, with_acronym("Amnesty International", "AI")),
        ];
        assert_eq!(
            similar(&new, stored.clone(), 10),
            vec![
                (2, Likeness::SameName),
                (3, Likeness::SameAcronym),
                (5, Likeness::AcronymOfName),
                (4, Likeness::SimilarName),
                (7, Likeness::SimilarName),
            ]
        );
        let keys: Vec<i32> = similar(&new, stored.clone(), 3)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec![2, 3, 5]);
        assert!(similar(&new, stored, 0).is_empty());
    }

    #[test]
    fn likeness_travels_in_kebab_case() {
        assert_eq!(
            serde_json::to_string(&Likeness::AcronymOfName).unwrap(),
            "\"acronym-of-name\""
        );
        assert_eq!(
            serde_json::from_str::<Likeness>("\"same-acronym\"").unwrap(),
            Likeness::SameAcronym
        );
    }
}
