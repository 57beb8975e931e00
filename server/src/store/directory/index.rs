//! The directory held in memory: what a search matches, ranks, counts and
//! filters on, for every organisation, with the level of each record and
//! relation, so that any reader's answer is worked out here under the
//! confidentiality rule (`visibility::Clearance`) in microseconds per
//! organisation, where the database spends several (docs/benchmark.md).
//! The page's twenty lines are still read from the database, as the reader.
//!
//! The index is read whole from the database under a number of
//! [`changes::Changes`](crate::store::changes::Changes) and answers only
//! while the number has not moved: any write makes it old, the search falls
//! back to the database and a new one is built in the background.

use super::analysis::{Analyzer, FieldIndex, FieldQuery};
use crate::store::rows::{record_key, visibility};
use crate::store::visibility::Clearance;
use shared::{DirectoryQuery, OrgKind, OrgSort, Region, Visibility};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use surrealdb::types::SurrealValue;

/// A relation from an organisation to a country or a theme that has not
/// ended, with its level.
#[derive(Clone, Copy)]
struct Tie {
    to: u32,
    level: Visibility,
}

struct Org {
    key: String,
    kind: Option<OrgKind>,
    level: Visibility,
    member_since: Option<i64>,
    /// Position in the order of names (`name COLLATE ASC`, then key).
    name_rank: u32,
    /// `based_in`, in the order of the relations' ids (the first readable
    /// one is the seat).
    seats: Vec<Tie>,
    /// `works_on` a country.
    works_in: Vec<Tie>,
    /// `works_on` a theme.
    themes: Vec<Tie>,
}

struct Place {
    key: String,
    region: String,
    level: Visibility,
    /// Position in the order of names (`COLLATE`).
    name_rank: u32,
}

struct Topic {
    key: String,
    level: Visibility,
}

pub(crate) struct DirectoryIndex {
    /// The number of `Changes` it was read under.
    pub(crate) at: u64,
    /// When it was read.
    pub(crate) read_at: std::time::Instant,
    orgs: Vec<Org>,
    org_by_key: HashMap<String, u32>,
    /// Organisations in the order of their names.
    by_name: Vec<u32>,
    countries: Vec<Place>,
    country_by_key: HashMap<String, u32>,
    themes: Vec<Topic>,
    theme_by_key: HashMap<String, u32>,
    name: FieldIndex,
    acronym: FieldIndex,
    description: FieldIndex,
}

/// A page of a search: the organisations' keys in order, and how many
/// matched in all.
pub(crate) struct Found {
    pub(crate) keys: Vec<String>,
    pub(crate) total: u64,
}

/// The facets as counts by stored key, as the database's query gives them.
#[derive(Default)]
pub(crate) struct Counts {
    pub(crate) countries: Vec<(String, u64)>,
    pub(crate) regions: Vec<(String, u64)>,
    pub(crate) themes: Vec<(String, u64)>,
    pub(crate) kinds: Vec<(String, u64)>,
}

#[derive(SurrealValue)]
struct OrgRow {
    key: String,
    name: String,
    acronym: Option<String>,
    description: Option<String>,
    kind: String,
    visibility: String,
    member_since: Option<i64>,
}

#[derive(SurrealValue)]
struct TieRow {
    org: String,
    tb: String,
    to: String,
    visibility: String,
}

#[derive(SurrealValue)]
struct PlaceRow {
    key: String,
    name: String,
    region: String,
    visibility: String,
}

#[derive(SurrealValue)]
struct TopicRow {
    key: String,
    visibility: String,
}

/// What the index is read from: every organisation, every relation to a
/// place or a theme that has not ended, every country and theme. Read as
/// the server, not as a reader: the rule is applied per reader in Rust.
const READ_ALL: &str = "
    SELECT record::id(id) AS key, name, acronym, description, kind, visibility, member_since
        FROM organisation;
    SELECT record::id(in) AS org, record::tb(out) AS tb, record::id(out) AS to, visibility
        FROM based_in WHERE until = NONE AND record::tb(in) = 'organisation';
    SELECT record::id(in) AS org, record::tb(out) AS tb, record::id(out) AS to, visibility
        FROM works_on WHERE until = NONE AND record::tb(in) = 'organisation';
    SELECT record::id(id) AS key, name, region, visibility FROM country;
    SELECT record::id(id) AS key, visibility FROM theme;";

fn collate(a: &str, b: &str) -> Ordering {
    lexicmp::lexical_cmp(a, b)
}

/// `items` in the order of `cmp` (their positions), and each item's rank in
/// it; items `cmp` finds equal share a rank.
fn ranks<T>(items: &[T], cmp: impl Fn(&T, &T) -> Ordering) -> (Vec<u32>, Vec<u32>) {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    order.sort_by(|&a, &b| cmp(&items[a as usize], &items[b as usize]));
    let mut rank = vec![0u32; items.len()];
    for n in 1..order.len() {
        let (before, this) = (order[n - 1] as usize, order[n] as usize);
        rank[this] = if cmp(&items[before], &items[this]).is_eq() {
            rank[before]
        } else {
            n as u32
        };
    }
    (order, rank)
}

/// Each item's position, by its key.
fn positions<T>(items: &[T], key: impl Fn(&T) -> &String) -> HashMap<String, u32> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item).clone(), i as u32))
        .collect()
}

impl DirectoryIndex {
    /// Reads the whole directory from `db`; `at` is the number of changes
    /// read before.
    pub(crate) async fn read(db: &crate::db::Db, at: u64) -> Result<Self, surrealdb::Error> {
        let mut response = db.query(READ_ALL).await?.check()?;
        let org_rows: Vec<OrgRow> = response.take(0)?;
        let seat_rows: Vec<TieRow> = response.take(1)?;
        let work_rows: Vec<TieRow> = response.take(2)?;
        let place_rows: Vec<PlaceRow> = response.take(3)?;
        let topic_rows: Vec<TopicRow> = response.take(4)?;
        Ok(Self::from_rows(
            at, org_rows, seat_rows, work_rows, place_rows, topic_rows,
        ))
    }

    fn from_rows(
        at: u64,
        mut org_rows: Vec<OrgRow>,
        seat_rows: Vec<TieRow>,
        work_rows: Vec<TieRow>,
        place_rows: Vec<PlaceRow>,
        topic_rows: Vec<TopicRow>,
    ) -> Self {
        org_rows.sort_by(|a, b| a.key.cmp(&b.key));
        // Namesakes are told apart by their keys, as the database orders them.
        let (order, name_rank) = ranks(&org_rows, |a, b| {
            collate(&a.name, &b.name).then_with(|| a.key.cmp(&b.key))
        });
        // Countries of the same name rank alike, as they sort alike.
        let (_, place_rank) = ranks(&place_rows, |a, b| collate(&a.name, &b.name));
        let places: Vec<Place> = place_rows
            .into_iter()
            .zip(place_rank)
            .map(|(p, name_rank)| Place {
                key: p.key,
                region: p.region,
                level: visibility(&p.visibility),
                name_rank,
            })
            .collect();
        let country_by_key = positions(&places, |p| &p.key);
        let themes: Vec<Topic> = topic_rows
            .into_iter()
            .map(|t| Topic {
                key: t.key,
                level: visibility(&t.visibility),
            })
            .collect();
        let theme_by_key = positions(&themes, |t| &t.key);

        let mut name = FieldIndex::new(Analyzer::Name);
        let mut acronym = FieldIndex::new(Analyzer::Name);
        let mut description = FieldIndex::new(Analyzer::Text);
        let mut orgs = Vec::with_capacity(org_rows.len());
        for (i, row) in org_rows.into_iter().enumerate() {
            name.push(Some(&row.name));
            acronym.push(row.acronym.as_deref());
            description.push(row.description.as_deref());
            orgs.push(Org {
                key: row.key,
                kind: OrgKind::parse(&row.kind).ok(),
                level: visibility(&row.visibility),
                member_since: row.member_since,
                name_rank: name_rank[i],
                seats: Vec::new(),
                works_in: Vec::new(),
                themes: Vec::new(),
            });
        }
        let org_by_key = positions(&orgs, |o| &o.key);

        for (rows, is_seat) in [(seat_rows, true), (work_rows, false)] {
            for row in rows {
                let Some(&org) = org_by_key.get(&row.org) else {
                    continue;
                };
                let level = visibility(&row.visibility);
                let org = &mut orgs[org as usize];
                match row.tb.as_str() {
                    "country" => {
                        if let Some(&to) = country_by_key.get(&row.to) {
                            let tie = Tie { to, level };
                            if is_seat {
                                org.seats.push(tie);
                            } else {
                                org.works_in.push(tie);
                            }
                        }
                    }
                    "theme" if !is_seat => {
                        if let Some(&to) = theme_by_key.get(&row.to) {
                            org.themes.push(Tie { to, level });
                        }
                    }
                    _ => {}
                }
            }
        }
        Self {
            at,
            read_at: std::time::Instant::now(),
            orgs,
            org_by_key,
            by_name: order,
            countries: places,
            country_by_key,
            themes,
            theme_by_key,
            name,
            acronym,
            description,
        }
    }
}

/// One reader's grants among the index's records.
struct Reader<'a> {
    clearance: &'a Clearance,
    orgs: HashSet<u32>,
    countries: HashSet<u32>,
    themes: HashSet<u32>,
}

impl Reader<'_> {
    fn reads_org(&self, org: &Org, i: u32) -> bool {
        self.clearance.may_read(org.level, self.orgs.contains(&i))
    }

    fn crosses_to_country(&self, org: u32, tie: Tie) -> bool {
        self.clearance.may_cross(
            tie.level,
            self.orgs.contains(&org),
            self.countries.contains(&tie.to),
        )
    }

    fn crosses_to_theme(&self, org: u32, tie: Tie) -> bool {
        self.clearance.may_cross(
            tie.level,
            self.orgs.contains(&org),
            self.themes.contains(&tie.to),
        )
    }
}

impl DirectoryIndex {
    fn reader<'a>(&self, clearance: &'a Clearance) -> Reader<'a> {
        let mut reader = Reader {
            clearance,
            orgs: HashSet::new(),
            countries: HashSet::new(),
            themes: HashSet::new(),
        };
        for record in clearance.granted() {
            let key = record_key(record);
            let (set, by_key) = match record.table.to_string().as_str() {
                "organisation" => (&mut reader.orgs, &self.org_by_key),
                "country" => (&mut reader.countries, &self.country_by_key),
                "theme" => (&mut reader.themes, &self.theme_by_key),
                _ => continue,
            };
            if let Some(&i) = by_key.get(&key) {
                set.insert(i);
            }
        }
        reader
    }

    /// The seat the reader sees: the first relation to a country they may
    /// cross, to a country they may read.
    fn seat(&self, reader: &Reader<'_>, i: u32) -> Option<&Place> {
        self.orgs[i as usize]
            .seats
            .iter()
            .find(|&&tie| {
                let place = &self.countries[tie.to as usize];
                reader.crosses_to_country(i, tie)
                    && reader
                        .clearance
                        .may_read(place.level, reader.countries.contains(&tie.to))
            })
            .map(|tie| &self.countries[tie.to as usize])
    }

    /// The search `query` as `clearance` may see it, as the database's
    /// query (`Search::directory`) answers it.
    pub(crate) fn search(&self, clearance: &Clearance, query: &DirectoryQuery) -> Found {
        let reader = self.reader(clearance);
        let wanted_places: Option<HashSet<u32>> = match (&query.country, query.region) {
            (Some(country), region) => Some(
                self.country_by_key
                    .get(&country.key())
                    .copied()
                    .filter(|&c| {
                        region.is_none_or(|r| self.countries[c as usize].region == r.slug())
                    })
                    .into_iter()
                    .collect(),
            ),
            (None, Some(region)) => Some(self.in_region(region)),
            (None, None) => None,
        };
        let wanted_theme: Option<Option<u32>> = query
            .theme
            .as_ref()
            .map(|t| self.theme_by_key.get(t.as_str()).copied());

        let text = query.q.as_ref().map(|q| {
            let q = q.as_str();
            [
                self.name.query(q),
                self.acronym.query(q),
                self.description.query(q),
            ]
        });
        let candidates: Vec<u32> = match &text {
            Some(fields) => {
                let mut all: Vec<u32> = fields.iter().flat_map(FieldQuery::matching).collect();
                all.sort_unstable();
                all.dedup();
                all
            }
            None => self.by_name.clone(),
        };
        let mut hits: Vec<u32> = candidates
            .into_iter()
            .filter(|&i| {
                let org = &self.orgs[i as usize];
                reader.reads_org(org, i)
                    && query.kind.is_none_or(|k| org.kind == Some(k))
                    && wanted_places.as_ref().is_none_or(|places| {
                        org.seats
                            .iter()
                            .chain(&org.works_in)
                            .any(|&t| places.contains(&t.to) && reader.crosses_to_country(i, t))
                    })
                    && wanted_theme.is_none_or(|theme| {
                        org.themes
                            .iter()
                            .any(|&t| Some(t.to) == theme && reader.crosses_to_theme(i, t))
                    })
            })
            .collect();

        let name_rank = |i: u32| self.orgs[i as usize].name_rank;
        match (query.sort, &text) {
            (OrgSort::Relevance, Some(fields)) => {
                let score = |i: u32| {
                    f64::from(fields[0].score(i)) * 3.0
                        + f64::from(fields[1].score(i)) * 3.0
                        + f64::from(fields[2].score(i))
                };
                let mut scored: Vec<(f64, u32)> = hits.iter().map(|&i| (score(i), i)).collect();
                scored.sort_unstable_by(|a, b| {
                    b.0.total_cmp(&a.0)
                        .then_with(|| name_rank(a.1).cmp(&name_rank(b.1)))
                });
                hits = scored.into_iter().map(|(_, i)| i).collect();
            }
            (OrgSort::Relevance, None) | (OrgSort::Name, _) => {
                hits.sort_unstable_by_key(|&i| name_rank(i));
            }
            (OrgSort::Country, _) => {
                hits.sort_by_cached_key(|&i| {
                    let seat = self.seat(&reader, i).map(|p| p.name_rank);
                    (seat.is_none(), seat, name_rank(i))
                });
            }
            (OrgSort::Newest, _) => {
                hits.sort_unstable_by_key(|&i| {
                    (
                        std::cmp::Reverse(self.orgs[i as usize].member_since),
                        name_rank(i),
                    )
                });
            }
        }
        Found {
            total: hits.len() as u64,
            keys: hits
                .into_iter()
                .skip(usize::try_from(query.offset()).unwrap_or(usize::MAX))
                .take(query.per_page as usize)
                .map(|i| self.orgs[i as usize].key.clone())
                .collect(),
        }
    }

    /// The `n` members who joined last (a year known) that `clearance` may
    /// see, newest first, then by name: the home page's list.
    pub(crate) fn newest_members(&self, clearance: &Clearance, n: usize) -> Vec<String> {
        let reader = self.reader(clearance);
        let mut members: Vec<u32> = (0..self.orgs.len() as u32)
            .filter(|&i| {
                let org = &self.orgs[i as usize];
                org.kind == Some(OrgKind::Member)
                    && org.member_since.is_some()
                    && reader.reads_org(org, i)
            })
            .collect();
        members.sort_unstable_by_key(|&i| {
            let org = &self.orgs[i as usize];
            (std::cmp::Reverse(org.member_since), org.name_rank)
        });
        members
            .into_iter()
            .take(n)
            .map(|i| self.orgs[i as usize].key.clone())
            .collect()
    }

    fn in_region(&self, region: Region) -> HashSet<u32> {
        (0..self.countries.len() as u32)
            .filter(|&c| self.countries[c as usize].region == region.slug())
            .collect()
    }

    /// The facets' counts as `clearance` may see them: organisations per
    /// country (seat or work) and per region, relations per theme,
    /// organisations per kind.
    pub(crate) fn counts(&self, clearance: &Clearance) -> Counts {
        let reader = self.reader(clearance);
        let mut by_country = vec![0u64; self.countries.len()];
        let mut by_region: HashMap<&str, u64> = HashMap::new();
        let mut by_theme = vec![0u64; self.themes.len()];
        let mut by_kind: HashMap<&'static str, u64> = HashMap::new();
        let mut places: Vec<u32> = Vec::new();
        let mut regions: Vec<&str> = Vec::new();
        for (i, org) in self.orgs.iter().enumerate() {
            let i = i as u32;
            if !reader.reads_org(org, i) {
                continue;
            }
            if let Some(kind) = org.kind {
                *by_kind.entry(kind.as_str()).or_default() += 1;
            }
            places.clear();
            regions.clear();
            for &tie in org.seats.iter().chain(&org.works_in) {
                if reader.crosses_to_country(i, tie) && !places.contains(&tie.to) {
                    places.push(tie.to);
                    let region = self.countries[tie.to as usize].region.as_str();
                    if !regions.contains(&region) {
                        regions.push(region);
                    }
                }
            }
            for &c in &places {
                by_country[c as usize] += 1;
            }
            for &r in &regions {
                *by_region.entry(r).or_default() += 1;
            }
            for &tie in &org.themes {
                let theme = &self.themes[tie.to as usize];
                if reader.crosses_to_theme(i, tie)
                    && clearance.may_read(theme.level, reader.themes.contains(&tie.to))
                {
                    by_theme[tie.to as usize] += 1;
                }
            }
        }
        let counted = |keys: &dyn Fn(usize) -> String, counts: Vec<u64>| {
            counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (keys(i), n))
                .collect::<Vec<_>>()
        };
        Counts {
            countries: counted(&|i| self.countries[i].key.clone(), by_country),
            regions: by_region
                .into_iter()
                .map(|(r, n)| (r.to_owned(), n))
                .collect(),
            themes: counted(&|i| self.themes[i].key.clone(), by_theme),
            kinds: by_kind
                .into_iter()
                .map(|(k, n)| (k.to_owned(), n))
                .collect(),
        }
    }
}
