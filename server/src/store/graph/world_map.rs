//! The world map: every country with an outline, with the organisations,
//! trials, missions and interventions the reader may see there.

use crate::store::rows::record_key;
use crate::store::visibility::readable;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::Viewer;
use std::collections::BTreeMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct CountryCount {
    key: Option<RecordId>,
    n: i64,
}

impl SurrealStore {
    /// Readable trials, observation missions (by their trial's country, the
    /// trial readable too) and interventions per country key.
    async fn cases_by_country(
        &self,
        viewer: &Viewer,
    ) -> Result<[BTreeMap<String, u64>; 3], StoreError> {
        let mut response = self
            .query_for(
                viewer,
                concat!(
                    "SELECT country AS key, count() AS n FROM trial
                    WHERE ",
                    readable!(),
                    " GROUP BY key;
                 SELECT trial.country AS key, count() AS n FROM mission
                    WHERE ",
                    readable!(),
                    " AND trial != NONE
                      AND ",
                    readable!("trial"),
                    " GROUP BY key;
                 SELECT country AS key, count() AS n FROM intervention
                    WHERE ",
                    readable!(),
                    " GROUP BY key;",
                ),
            )
            .await
            .map_err(internal)?;
        let mut out: [BTreeMap<String, u64>; 3] = Default::default();
        for (i, counts) in out.iter_mut().enumerate() {
            let rows: Vec<CountryCount> = response.take(i).map_err(internal)?;
            *counts = rows
                .into_iter()
                .filter_map(|r| Some((record_key(r.key.as_ref()?), r.n.max(0) as u64)))
                .collect();
        }
        Ok(out)
    }
}

#[async_trait::async_trait]
impl app::graph::store::WorldMap for SurrealStore {
    async fn world_map(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<shared::network_stats::MapCountry>, StoreError> {
        // Natural Earth outlines from the world-atlas package (ISC licence,
        // see assets/world-110m.LICENSE), keyed by ISO 3166 numeric code.
        static OUTLINES: &str = include_str!("../../../assets/world-110m.json");
        let outlines: BTreeMap<String, String> = serde_json::from_str(OUTLINES)
            .map_err(|e| StoreError::Internal(format!("world outlines: {e}")))?;
        let counts: BTreeMap<String, u64> = app::directory::store::Places::countries(self, viewer)
            .await?
            .into_iter()
            .map(|c| (c.country.code.key(), c.organisations))
            .collect();
        let [trials, missions, interventions] = self.cases_by_country(viewer).await?;
        Ok(crate::db::reference::countries()
            .into_iter()
            .filter_map(|c| {
                let numeric: u32 = c.numeric.as_deref()?.trim().parse().ok()?;
                let path = outlines.get(&format!("{numeric:03}"))?.clone();
                let key = c.alpha2.to_ascii_lowercase();
                let country = self.country_by_key(&key)?.clone();
                Some(shared::network_stats::MapCountry {
                    organisations: counts.get(&key).copied().unwrap_or(0),
                    trials: trials.get(&key).copied().unwrap_or(0),
                    missions: missions.get(&key).copied().unwrap_or(0),
                    interventions: interventions.get(&key).copied().unwrap_or(0),
                    country,
                    path,
                })
            })
            .collect())
    }
}
