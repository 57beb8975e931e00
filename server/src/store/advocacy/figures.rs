//! The annual figures, computed live from the records the reader may see:
//! the same rule as every list, so a figure never counts what its list
//! would not show.

use super::interventions::month_of;
use super::{day, year_bounds};
use crate::store::rows::visibility;
use crate::store::rows::{org_ref, record_key};
use crate::store::visibility::{
    edge_filter, node_filter, READABLE, READABLE_ORGANISATION, READABLE_UNDER_TRIAL,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{
    Figures, Grant, GrantFigures, InterventionKind, InterventionOutcome, Named, PersonId,
    RapidFigures, Region, RegionFigures, Support, Viewer, Visibility,
};
use std::collections::{BTreeMap, BTreeSet};
use surrealdb::types::{RecordId, SurrealValue};

const PERSONS: &str = concat!("->concerns", edge_filter!(), "->person", node_filter!());

#[derive(SurrealValue)]
struct SentRow {
    kind: String,
    support: Option<String>,
    sent_on: String,
    country: RecordId,
    region: String,
    persons: Vec<String>,
}

#[derive(SurrealValue)]
struct FreedPerson {
    key: String,
    name: String,
    visibility: String,
}

#[derive(SurrealValue)]
struct FreedRow {
    country: RecordId,
    outcome: String,
    persons: Vec<FreedPerson>,
}

#[derive(SurrealValue)]
struct GrantRow {
    country: RecordId,
    defenders: i64,
    women: i64,
}

#[derive(SurrealValue)]
struct RegionRow {
    region: Option<String>,
}

#[derive(SurrealValue)]
struct MissionRegions {
    regions: Vec<String>,
}

fn region(regions: &mut BTreeMap<Region, RegionFigures>, r: Region) -> &mut RegionFigures {
    regions.entry(r).or_insert(RegionFigures {
        region: r,
        interventions: 0,
        trial_missions: 0,
        advocacy_missions: 0,
        events: 0,
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[async_trait::async_trait]
impl app::advocacy::store::AnnualFigures for SurrealStore {
    async fn grants(&self, viewer: &Viewer, year: Option<i32>) -> Result<Vec<Grant>, StoreError> {
        #[derive(SurrealValue)]
        struct GrantRow {
            key: String,
            org_key: String,
            org_name: String,
            org_acronym: Option<String>,
            country: RecordId,
            awarded_on: String,
            defenders: i64,
            women: i64,
            purpose: String,
            visibility: String,
        }
        let (from, to) = year_bounds(year);
        let rows: Vec<GrantRow> = self
            .query_for(
                viewer,
                format!(
                    "SELECT record::id(id) AS key, record::id(organisation) AS org_key,
                        organisation.name AS org_name, organisation.acronym AS org_acronym, country,
                        awarded_on, defenders, women, purpose, visibility
                     FROM support_grant
                     WHERE {READABLE} AND {READABLE_ORGANISATION}
                        AND awarded_on >= $from AND awarded_on <= $to
                     ORDER BY awarded_on DESC"
                ),
            )
            .bind(("from", from))
            .bind(("to", to))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .filter_map(|g| {
                Some(Grant {
                    id: g.key,
                    organisation: org_ref(&g.org_key, g.org_name, g.org_acronym)?,
                    country: self.country_by_key(&record_key(&g.country))?.clone(),
                    awarded_on: day(&g.awarded_on)?,
                    defenders: g.defenders.max(0) as u32,
                    women: g.women.max(0) as u32,
                    purpose: g.purpose,
                    visibility: visibility(&g.visibility),
                })
            })
            .collect())
    }

    async fn figures(&self, viewer: &Viewer, year: Option<i32>) -> Result<Figures, StoreError> {
        let years: Vec<String> = self
            .query_for(
                viewer,
                format!(
                    "SELECT VALUE y FROM (SELECT string::slice(sent_on, 0, 4) AS y FROM intervention WHERE {READABLE} GROUP BY y) ORDER BY y DESC"
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let years: Vec<i32> = years.iter().filter_map(|y| y.parse().ok()).collect();
        let this_year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
        let year = year
            .or_else(|| years.iter().copied().find(|y| *y <= this_year))
            .unwrap_or(this_year);
        let (from, to) = year_bounds(Some(year));
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT kind, support, sent_on, country, country.region AS region,
                        (SELECT VALUE record::id(id) FROM {PERSONS}) AS persons
                     FROM intervention WHERE {READABLE} AND sent_on >= $from AND sent_on <= $to
                        AND (kind != 'rapid-response' OR decision = 'granted');
                     SELECT country, outcome,
                        (SELECT record::id(id) AS key, name, visibility FROM {PERSONS}) AS persons
                     FROM intervention WHERE {READABLE}
                        AND outcome IN ['released', 'acquitted', 'charges-dropped']
                        AND outcome_on >= $from AND outcome_on <= $to;
                     SELECT country, defenders, women FROM support_grant
                     WHERE {READABLE} AND {READABLE_ORGANISATION}
                        AND awarded_on >= $from AND awarded_on <= $to;
                     SELECT country.region AS region FROM advocacy_event
                     WHERE {READABLE} AND country != NONE AND starts_on >= $from AND starts_on <= $to;
                     SELECT array::distinct((SELECT VALUE country.region FROM advocacy_event
                            WHERE mission = $parent.id AND {READABLE} AND country != NONE)) AS regions
                     FROM advocacy_mission WHERE {READABLE} AND starts_on >= $from AND starts_on <= $to;
                     SELECT trial.country.region AS region FROM mission
                     WHERE {READABLE_UNDER_TRIAL} AND trial != NONE AND status != 'cancelled'
                        AND starts_on >= $from AND starts_on <= $to;"
                ),
            )
            .bind(("from", from))
            .bind(("to", to))
            .await
            .map_err(internal)?;
        let sent: Vec<SentRow> = response.take(0).map_err(internal)?;
        let freed: Vec<FreedRow> = response.take(1).map_err(internal)?;
        let grants: Vec<GrantRow> = response.take(2).map_err(internal)?;
        let events: Vec<RegionRow> = response.take(3).map_err(internal)?;
        let advocacy: Vec<MissionRegions> = response.take(4).map_err(internal)?;
        let trial_missions: Vec<RegionRow> = response.take(5).map_err(internal)?;

        let mut by_month = vec![0u32; 12];
        let mut defenders = BTreeSet::new();
        let mut countries = BTreeSet::new();
        let mut interventions = 0usize;
        let mut rapid_people = BTreeSet::new();
        let mut rapid_countries = BTreeSet::new();
        let mut by_support: BTreeMap<Support, BTreeSet<String>> = BTreeMap::new();
        let mut regions: BTreeMap<Region, RegionFigures> = BTreeMap::new();
        for row in sent {
            let Ok(kind) = InterventionKind::parse(&row.kind) else {
                continue;
            };
            if kind.is_urgent() {
                interventions += 1;
                if let Some(m) = month_of(&row.sent_on) {
                    by_month[(m - 1) as usize] += 1;
                }
                countries.insert(record_key(&row.country));
                defenders.extend(row.persons.iter().cloned());
                if let Ok(r) = Region::parse(&row.region) {
                    region(&mut regions, r).interventions += 1;
                }
            } else {
                rapid_countries.insert(record_key(&row.country));
                rapid_people.extend(row.persons.iter().cloned());
                if let Some(s) = row.support.as_deref().and_then(|s| Support::parse(s).ok()) {
                    by_support
                        .entry(s)
                        .or_default()
                        .extend(row.persons.iter().cloned());
                }
            }
        }
        for row in events {
            if let Some(r) = row.region.as_deref().and_then(|r| Region::parse(r).ok()) {
                region(&mut regions, r).events += 1;
            }
        }
        for row in advocacy {
            for r in row.regions.iter().filter_map(|r| Region::parse(r).ok()) {
                region(&mut regions, r).advocacy_missions += 1;
            }
        }
        for row in trial_missions {
            if let Some(r) = row.region.as_deref().and_then(|r| Region::parse(r).ok()) {
                region(&mut regions, r).trial_missions += 1;
            }
        }

        let mut named: BTreeMap<String, Named> = BTreeMap::new();
        let mut unnamed = BTreeSet::new();
        for row in freed {
            let (Ok(outcome), Some(country)) = (
                InterventionOutcome::parse(&row.outcome),
                self.country_by_key(&record_key(&row.country)),
            ) else {
                continue;
            };
            for p in row.persons {
                if p.visibility == Visibility::Public.as_str() {
                    if let Ok(id) = PersonId::parse(&p.key) {
                        named.entry(p.key.clone()).or_insert(Named {
                            person: id,
                            name: p.name,
                            country: country.clone(),
                            outcome,
                        });
                    }
                } else {
                    unnamed.insert(p.key);
                }
            }
        }
        let mut freed: Vec<Named> = named.into_values().collect();
        freed.sort_by(|a, b| {
            (a.country.name.as_str(), a.name.as_str())
                .cmp(&(b.country.name.as_str(), b.name.as_str()))
        });

        let grant_countries: BTreeSet<String> =
            grants.iter().map(|g| record_key(&g.country)).collect();
        Ok(Figures {
            year,
            years,
            clearance: viewer.clearance(),
            interventions: count(interventions),
            defenders: count(defenders.len()),
            countries: count(countries.len()),
            by_month,
            rapid: RapidFigures {
                defenders: count(rapid_people.len()),
                countries: count(rapid_countries.len()),
                by_support: Support::ALL
                    .iter()
                    .map(|s| (*s, count(by_support.get(s).map_or(0, BTreeSet::len))))
                    .collect(),
            },
            grants: GrantFigures {
                grants: count(grants.len()),
                defenders: grants.iter().map(|g| g.defenders.max(0) as u32).sum(),
                women: grants.iter().map(|g| g.women.max(0) as u32).sum(),
                countries: count(grant_countries.len()),
            },
            freed_unnamed: count(unnamed.len()),
            freed,
            regions: regions.into_values().collect(),
        })
    }
}
