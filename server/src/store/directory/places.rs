//! Countries, regions and the network's headline figures.

use crate::store::directory::index::Counts;
use crate::store::directory::search::total;
use crate::store::rows::{SummaryRow, SUMMARY_FIELDS};
use crate::store::visibility::Clearance;
use crate::store::visibility::{CURRENT_EDGE, READABLE};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{CountryCode, CountryCount, CountryProfile, NetworkSummary, OrgKind, Region, Viewer};
use surrealdb::types::RecordId;

/// How many members the home page lists as the newest.
const NEWEST: usize = 6;

#[async_trait::async_trait]
impl app::directory::store::Places for SurrealStore {
    fn themes(&self) -> Vec<shared::Theme> {
        let mut themes: Vec<shared::Theme> = self.themes.values().cloned().collect();
        themes.sort_by(|a, b| a.name.cmp(&b.name));
        themes
    }

    fn all_countries(&self) -> Vec<shared::Country> {
        let mut countries: Vec<shared::Country> = self.countries.values().cloned().collect();
        countries.sort_by(|a, b| a.name.cmp(&b.name));
        countries
    }

    async fn countries(&self, viewer: &Viewer) -> Result<Vec<CountryCount>, StoreError> {
        let counts = self.place_counts(viewer).await?;
        let mut list: Vec<CountryCount> = counts
            .countries
            .into_iter()
            .filter_map(|(key, n)| {
                Some(CountryCount {
                    country: self.country_by_key(&key)?.clone(),
                    organisations: n,
                })
            })
            .collect();
        list.sort_by(|a, b| a.country.name.cmp(&b.country.name));
        Ok(list)
    }

    async fn country(
        &self,
        viewer: &Viewer,
        code: &CountryCode,
    ) -> Result<Option<CountryProfile>, StoreError> {
        let Some(country) = self.country_by_key(&code.key()).cloned() else {
            return Ok(None);
        };
        let sql = format!(
            "LET $based = (SELECT VALUE in FROM based_in
                WHERE out = $country AND {CURRENT_EDGE} AND record::tb(in) = 'organisation');
             LET $working = array::complement((SELECT VALUE in FROM works_on
                WHERE out = $country AND {CURRENT_EDGE} AND record::tb(in) = 'organisation'), $based);
             SELECT {SUMMARY_FIELDS} FROM $based WHERE {READABLE} ORDER BY name COLLATE ASC;
             SELECT {SUMMARY_FIELDS} FROM $working WHERE {READABLE} ORDER BY name COLLATE ASC;"
        );
        let mut response = self
            .query_for(viewer, sql)
            .bind(("country", RecordId::new("country", code.key())))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        let based: Vec<SummaryRow> = response.take(2).map_err(internal)?;
        let working: Vec<SummaryRow> = response.take(3).map_err(internal)?;
        Ok(Some(CountryProfile {
            country,
            based_here: self.summaries(based),
            working_here: self.summaries(working),
        }))
    }

    async fn summary(&self, viewer: &Viewer) -> Result<NetworkSummary, StoreError> {
        if let Some(index) = self.directory_index_now() {
            let clearance = Clearance::of(viewer);
            let counts = index.counts(&clearance);
            let keys = index.newest_members(&clearance, NEWEST);
            if let Some(newest) = self.summaries_of(viewer, &keys).await? {
                let kind = |k: OrgKind| {
                    counts
                        .kinds
                        .iter()
                        .find(|(label, _)| label == k.as_str())
                        .map_or(0, |(_, n)| *n)
                };
                return Ok(network_summary(
                    kind(OrgKind::Member),
                    kind(OrgKind::Partner),
                    &counts,
                    newest,
                ));
            }
        }
        self.summary_from_database(viewer).await
    }
}

impl SurrealStore {
    /// The home page's figures as the database answers them: the fallback
    /// of the index, and what the index is checked against.
    pub async fn summary_from_database(
        &self,
        viewer: &Viewer,
    ) -> Result<NetworkSummary, StoreError> {
        let members = total(self, viewer, OrgKind::Member)
            .await
            .map_err(internal)?;
        let partners = total(self, viewer, OrgKind::Partner)
            .await
            .map_err(internal)?;
        let places = self.place_counts_from_database(viewer).await?;
        let sql = format!(
            "SELECT {SUMMARY_FIELDS} FROM organisation
                WHERE {READABLE} AND kind = 'member' AND member_since != NONE
                ORDER BY member_since DESC, name COLLATE ASC, id ASC LIMIT $newest;"
        );
        let newest: Vec<SummaryRow> = self
            .query_for(viewer, sql)
            .bind(("newest", NEWEST as i64))
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?
            .take(0)
            .map_err(internal)?;
        Ok(network_summary(
            members,
            partners,
            &places,
            self.summaries(newest),
        ))
    }
}

fn network_summary(
    members: u64,
    partners: u64,
    places: &Counts,
    newest: Vec<shared::OrgSummary>,
) -> NetworkSummary {
    let by_region = Region::ALL
        .into_iter()
        .map(|r| {
            let n = places
                .regions
                .iter()
                .find(|(label, _)| label == r.slug())
                .map_or(0, |(_, n)| *n);
            (r, n)
        })
        .collect();
    NetworkSummary {
        members,
        partners,
        countries: places.countries.iter().filter(|(_, n)| *n > 0).count() as u64,
        by_region,
        newest,
    }
}
