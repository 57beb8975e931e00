//! Statistics of the network: members by region and country, partnerships
//! (degree distribution, most connected, isolated members, across regions)
//! and the newest members; computed over what the reader may see.

use crate::store::rows::{org_ref, record_key};
use crate::store::visibility::{
    CURRENT_FILTER, EDGE_READABLE, READABLE, READABLE_IN, READABLE_OUT,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::network_stats::NetworkStats;
use shared::{OrgRef, Region, Viewer};
use std::collections::BTreeMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(SurrealValue)]
struct OrgRow {
    id: RecordId,
    name: String,
    acronym: Option<String>,
    kind: String,
    member_since: Option<i64>,
    seat: Option<RecordId>,
}

#[derive(SurrealValue)]
struct PairRow {
    r#in: RecordId,
    out: RecordId,
}

#[async_trait::async_trait]
impl app::graph::store::NetworkStatistics for SurrealStore {
    async fn network_stats(&self, viewer: &Viewer) -> Result<NetworkStats, StoreError> {
        let mut response = self
            .query_for(
                viewer,
                format!(
                    "SELECT id, name, acronym, kind, member_since,
                        (->based_in{CURRENT_FILTER}->country[WHERE {READABLE}])[0] AS seat
                     FROM organisation WHERE {READABLE};
                     SELECT in, out FROM partner_of
                     WHERE {EDGE_READABLE}
                        AND {READABLE_IN}
                        AND {READABLE_OUT};"
                ),
            )
            .await
            .map_err(internal)?;
        let orgs: Vec<OrgRow> = response.take(0).map_err(internal)?;
        let pairs: Vec<PairRow> = response.take(1).map_err(internal)?;
        Ok(self.stats_of(orgs, pairs))
    }
}

impl SurrealStore {
    fn stats_of(&self, orgs: Vec<OrgRow>, pairs: Vec<PairRow>) -> NetworkStats {
        let reference = |o: &OrgRow| -> Option<OrgRef> {
            org_ref(&record_key(&o.id), o.name.clone(), o.acronym.clone())
        };
        let by_key: BTreeMap<String, &OrgRow> =
            orgs.iter().map(|o| (record_key(&o.id), o)).collect();
        let region_of = |o: &OrgRow| {
            o.seat
                .as_ref()
                .and_then(|s| self.country_by_key(&record_key(s)))
                .map(|c| c.region)
        };
        let members: Vec<&OrgRow> = orgs.iter().filter(|o| o.kind == "member").collect();
        let mut by_region: BTreeMap<Region, u32> = BTreeMap::new();
        let mut by_country: BTreeMap<String, u32> = BTreeMap::new();
        for m in &members {
            if let Some(r) = region_of(m) {
                *by_region.entry(r).or_default() += 1;
            }
            if let Some(s) = &m.seat {
                *by_country.entry(record_key(s)).or_default() += 1;
            }
        }
        let mut degree: BTreeMap<String, u32> = by_key.keys().map(|k| (k.clone(), 0)).collect();
        let mut region_pairs: BTreeMap<(Region, Region), u32> = BTreeMap::new();
        let mut cross = 0;
        for p in &pairs {
            let (a, b) = (record_key(&p.r#in), record_key(&p.out));
            for k in [&a, &b] {
                if let Some(d) = degree.get_mut(k) {
                    *d += 1;
                }
            }
            let regions = (
                by_key.get(&a).and_then(|o| region_of(o)),
                by_key.get(&b).and_then(|o| region_of(o)),
            );
            if let (Some(x), Some(y)) = regions {
                if x != y {
                    cross += 1;
                }
                *region_pairs.entry((x.min(y), x.max(y))).or_default() += 1;
            }
        }
        let mut histogram: BTreeMap<u32, u32> = BTreeMap::new();
        for d in degree.values() {
            *histogram.entry(*d).or_default() += 1;
        }
        let mut ranked: Vec<(&String, &u32)> = degree.iter().filter(|(_, d)| **d > 0).collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let newest_year = members.iter().filter_map(|m| m.member_since).max();
        let mut newest: Vec<OrgRef> = members
            .iter()
            .filter(|m| m.member_since.is_some() && m.member_since == newest_year)
            .filter_map(|m| reference(m))
            .collect();
        newest.sort_by(|a, b| a.name.cmp(&b.name));
        let mut isolated: Vec<OrgRef> = members
            .iter()
            .filter(|m| degree.get(&record_key(&m.id)).copied().unwrap_or(0) == 0)
            .filter_map(|m| reference(m))
            .collect();
        isolated.sort_by(|a, b| a.name.cmp(&b.name));
        let mut countries: Vec<(shared::Country, u32)> = by_country
            .into_iter()
            .filter_map(|(k, n)| Some((self.country_by_key(&k)?.clone(), n)))
            .collect();
        countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name.cmp(&b.0.name)));
        countries.truncate(15);
        let mut region_pairs: Vec<(Region, Region, u32)> = region_pairs
            .into_iter()
            .map(|((a, b), n)| (a, b, n))
            .collect();
        region_pairs.sort_by_key(|p| std::cmp::Reverse(p.2));
        NetworkStats {
            members: members.len() as u32,
            members_by_region: by_region.into_iter().collect(),
            members_by_country: countries,
            degree_histogram: histogram.into_iter().collect(),
            most_connected: ranked
                .into_iter()
                .take(10)
                .filter_map(|(k, d)| Some((reference(by_key.get(k)?)?, *d)))
                .collect(),
            isolated,
            newest_year: newest_year.map(|y| y as i32),
            newest,
            partnerships: pairs.len() as u32,
            cross_region: cross,
            region_pairs,
        }
    }
}
