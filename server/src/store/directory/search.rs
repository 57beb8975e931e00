//! Directory search and its facets.

use super::index::Counts;
use crate::store::rows::{record_key, seat_name, Count, SummaryRow, SUMMARY_FIELDS};
use crate::store::visibility::{
    current_edge, readable, Clearance, CURRENT_EDGE, READABLE, READABLE_IN, READABLE_OUT,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{
    Counted, Country, DirectoryQuery, Facets, OrgKind, OrgSort, OrgSummary, Page, Region, Theme,
    Viewer,
};
use std::collections::{HashMap, HashSet};
use surrealdb::types::{RecordId, SurrealValue};

/// Organisations based in or working in a set of countries, through edges the
/// viewer may see. `$countries` must be bound.
const IN_COUNTRIES: &str = concat!(
    "array::union(
    (SELECT VALUE in FROM based_in WHERE out IN $countries AND ",
    current_edge!(),
    "),
    (SELECT VALUE in FROM works_on WHERE out IN $countries AND ",
    current_edge!(),
    "))"
);

#[async_trait::async_trait]
impl app::directory::store::Search for SurrealStore {
    async fn directory(
        &self,
        viewer: &Viewer,
        query: &DirectoryQuery,
    ) -> Result<Page<OrgSummary>, StoreError> {
        if let Some(index) = self.directory_index_now() {
            let found = index.search(&Clearance::of(viewer), query);
            if let Some(items) = self.summaries_of(viewer, &found.keys).await? {
                return Ok(Page {
                    items,
                    total: found.total,
                    page: query.page,
                    page_size: query.per_page,
                });
            }
        }
        self.directory_from_database(viewer, query).await
    }

    async fn facets(&self, viewer: &Viewer) -> Result<Facets, StoreError> {
        if let Some(index) = self.directory_index_now() {
            return Ok(self.facets_of(index.counts(&Clearance::of(viewer))));
        }
        let key: crate::store::FacetsKey = (viewer.readable(), {
            let mut grants = viewer.grants().to_vec();
            grants.sort();
            grants
        });
        let now = self.changes.now();
        if let Some(kept) = self.facets_kept.get(&key, now) {
            return Ok(kept);
        }
        let facets = self.count_facets(viewer).await?;
        self.facets_kept.keep(key, now, facets.clone());
        Ok(facets)
    }
}

impl SurrealStore {
    /// The directory index, when it is current; when it is not, a new one
    /// is read in the background.
    pub(in crate::store) fn directory_index_now(
        &self,
    ) -> Option<std::sync::Arc<super::index::DirectoryIndex>> {
        let index = self.directory_index.current(&self.changes);
        if index.is_none() {
            self.directory_index.refresh(&self.db, &self.changes);
        }
        index
    }

    /// Reads the directory index now, for a caller that needs it at once
    /// (a benchmark, a test); `false` while the store does not listen to
    /// changes (an index could not be kept current).
    pub async fn read_directory_index(&self) -> Result<bool, StoreError> {
        self.directory_index
            .read_now(&self.db, &self.changes)
            .await
            .map_err(internal)
    }

    /// Whether searches are answered from the directory index now.
    pub fn directory_index_is_current(&self) -> bool {
        self.directory_index.current(&self.changes).is_some()
    }

    /// The directory lines of `keys`, in that order, as `viewer` reads them;
    /// `None` when one of them is no longer there or no longer readable (the
    /// index was overtaken by a write: the database answers instead).
    pub(in crate::store) async fn summaries_of(
        &self,
        viewer: &Viewer,
        keys: &[String],
    ) -> Result<Option<Vec<OrgSummary>>, StoreError> {
        let mut by_key = self
            .summaries_by_key(viewer, keys.iter().map(String::as_str))
            .await?;
        Ok(keys.iter().map(|k| by_key.remove(k)).collect())
    }

    /// The search as the database answers it: the fallback of the index,
    /// and what the index is checked against.
    pub async fn directory_from_database(
        &self,
        viewer: &Viewer,
        query: &DirectoryQuery,
    ) -> Result<Page<OrgSummary>, StoreError> {
        // The statement is assembled from fixed fragments chosen by which filters
        // are set; every value the visitor typed is bound, never spliced.
        let mut lets: Vec<String> = Vec::new();
        let mut conditions: Vec<&str> = vec![readable!()];
        if query.country.is_some() {
            lets.push("LET $countries = [$country]".into());
        } else if query.region.is_some() {
            lets.push(
                "LET $countries = (SELECT VALUE id FROM country WHERE region = $region)".into(),
            );
        }
        if query.country.is_some() && query.region.is_some() {
            // Both given: the country must also lie in the region.
            conditions.push("$country.region = $region");
        }
        if query.country.is_some() || query.region.is_some() {
            lets.push(format!("LET $in_place = {IN_COUNTRIES}"));
            conditions.push("id IN $in_place");
        }
        if query.theme.is_some() {
            lets.push(
                concat!(
                    "LET $in_theme = (SELECT VALUE in FROM works_on WHERE out = $theme AND ",
                    current_edge!(),
                    ")"
                )
                .into(),
            );
            conditions.push("id IN $in_theme");
        }
        if query.kind.is_some() {
            conditions.push("kind = $kind");
        }
        if query.q.is_some() {
            conditions.push("(name @1@ $q OR acronym @2@ $q OR description @3@ $q)");
        }
        let score = if query.q.is_some() {
            ", (search::score(1) * 3 + search::score(2) * 3 + search::score(3)) AS score"
        } else {
            ""
        };
        // Organisations without a visible seat go last when sorting by country.
        // (A projection cannot refer to another alias of the same SELECT.)
        let placeless = if query.sort == OrgSort::Country {
            concat!(", ", seat_name!(), " = NONE AS placeless")
        } else {
            ""
        };
        // Namesakes (a generated network has them) are ordered by their ids,
        // the same on every page and in the directory index.
        let order = match (query.sort, query.q.is_some()) {
            (OrgSort::Relevance, true) => "score DESC, name COLLATE ASC, id ASC",
            (OrgSort::Relevance, false) | (OrgSort::Name, _) => "name COLLATE ASC, id ASC",
            (OrgSort::Country, _) => {
                "placeless ASC, country_name COLLATE ASC, name COLLATE ASC, id ASC"
            }
            (OrgSort::Newest, _) => "member_since DESC, name COLLATE ASC, id ASC",
        };
        let filter = conditions.join(" AND ");
        let mut sql = String::new();
        for l in &lets {
            sql.push_str(l);
            sql.push_str(";\n");
        }
        sql.push_str(&format!(
            "SELECT {SUMMARY_FIELDS}{score}{placeless} FROM organisation WHERE {filter} ORDER BY {order} LIMIT $limit START $start;\n"
        ));
        sql.push_str(&format!(
            "SELECT count() AS n FROM organisation WHERE {filter} GROUP ALL;"
        ));

        let mut request = self
            .query_for(viewer, sql)
            .bind(("limit", i64::from(query.per_page)))
            .bind(("start", query.offset() as i64));
        if let Some(c) = &query.country {
            request = request.bind(("country", RecordId::new("country", c.key())));
        }
        if let Some(r) = query.region {
            request = request.bind(("region", r.slug()));
        }
        if let Some(t) = &query.theme {
            request = request.bind(("theme", RecordId::new("theme", t.as_str())));
        }
        if let Some(k) = query.kind {
            request = request.bind(("kind", k.as_str()));
        }
        if let Some(q) = &query.q {
            request = request.bind(("q", q.as_str().to_owned()));
        }
        let mut response = request.await.map_err(internal)?.check().map_err(internal)?;
        let rows: Vec<SummaryRow> = response.take(lets.len()).map_err(internal)?;
        let total = Count::of(
            &response
                .take::<Vec<Count>>(lets.len() + 1)
                .map_err(internal)?,
        );
        Ok(Page {
            items: self.summaries(rows),
            total,
            page: query.page,
            page_size: query.per_page,
        })
    }
}

impl SurrealStore {
    /// The facets as the database counts them: the fallback of the index,
    /// and what the index is checked against.
    pub async fn facets_from_database(&self, viewer: &Viewer) -> Result<Facets, StoreError> {
        self.count_facets(viewer).await
    }

    /// Organisations per country and per region (seat or work) as `viewer`
    /// sees them: from the directory index when it is current, else from
    /// the database.
    pub(in crate::store) async fn place_counts(
        &self,
        viewer: &Viewer,
    ) -> Result<Counts, StoreError> {
        if let Some(index) = self.directory_index_now() {
            return Ok(index.counts(&Clearance::of(viewer)));
        }
        self.place_counts_from_database(viewer).await
    }

    /// The same from the database: every (organisation, country) pair the
    /// viewer sees, made distinct here. (SurrealQL's arrays are bounded to
    /// a megabyte: at 100k organisations the pairs do not fit in one.)
    pub(in crate::store) async fn place_counts_from_database(
        &self,
        viewer: &Viewer,
    ) -> Result<Counts, StoreError> {
        let sql = format!(
            "SELECT record::id(in) AS org, out AS country, out.region AS region FROM based_in
                WHERE {CURRENT_EDGE} AND record::tb(in) = 'organisation' AND {READABLE_IN};
             SELECT record::id(in) AS org, out AS country, out.region AS region FROM works_on
                WHERE {CURRENT_EDGE} AND record::tb(in) = 'organisation'
                  AND record::tb(out) = 'country' AND {READABLE_IN};"
        );
        let mut response = self
            .query_for(viewer, sql)
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        let mut rows: Vec<PairRow> = response.take(0).map_err(internal)?;
        rows.extend(response.take::<Vec<PairRow>>(1).map_err(internal)?);
        let mut pairs = HashSet::new();
        let mut org_regions = HashSet::new();
        for row in &rows {
            pairs.insert((row.org.as_str(), record_key(&row.country)));
            if let Some(region) = &row.region {
                org_regions.insert((row.org.as_str(), region.as_str()));
            }
        }
        let mut countries: HashMap<String, u64> = HashMap::new();
        for (_, country) in pairs {
            *countries.entry(country).or_default() += 1;
        }
        let mut regions: HashMap<String, u64> = HashMap::new();
        for (_, region) in org_regions {
            *regions.entry(region.to_owned()).or_default() += 1;
        }
        Ok(Counts {
            countries: countries.into_iter().collect(),
            regions: regions.into_iter().collect(),
            ..Counts::default()
        })
    }

    /// The facets as the database counts them for `viewer`.
    async fn count_facets(&self, viewer: &Viewer) -> Result<Facets, StoreError> {
        let places = self.place_counts_from_database(viewer).await?;
        let sql = format!(
            "SELECT out AS key, count() AS n FROM works_on
                WHERE {CURRENT_EDGE} AND record::tb(in) = 'organisation' AND record::tb(out) = 'theme'
                  AND {READABLE_IN} AND {READABLE_OUT}
                GROUP BY key;
            SELECT kind AS label, count() AS n FROM organisation WHERE {READABLE} GROUP BY label;"
        );
        let mut response = self
            .query_for(viewer, sql)
            .await
            .map_err(internal)?
            .check()
            .map_err(internal)?;
        let keyed = |rows: Vec<KeyCount>| {
            rows.into_iter()
                .filter_map(|r| Some((record_key(r.key.as_ref()?), r.n.max(0) as u64)))
                .collect()
        };
        let labelled = |rows: Vec<LabelCount>| {
            rows.into_iter()
                .filter_map(|r| Some((r.label?, r.n.max(0) as u64)))
                .collect()
        };
        let counts = Counts {
            countries: places.countries,
            regions: places.regions,
            themes: keyed(response.take(0).map_err(internal)?),
            kinds: labelled(response.take(1).map_err(internal)?),
        };
        Ok(self.facets_of(counts))
    }

    /// The facets from their counts by stored key, whether the index or the
    /// database counted them.
    fn facets_of(&self, counts: Counts) -> Facets {
        let mut countries: Vec<Counted<Country>> = counts
            .countries
            .iter()
            .filter_map(|(key, n)| {
                Some(Counted {
                    item: self.country_by_key(key)?.clone(),
                    count: *n,
                })
            })
            .collect();
        countries.sort_by(|a, b| a.item.name.cmp(&b.item.name));

        let count_of_label = |rows: &[(String, u64)], label: &str| {
            rows.iter().find(|(l, _)| l == label).map(|(_, n)| *n)
        };
        let regions = Region::ALL
            .into_iter()
            .filter_map(|region| {
                Some(Counted {
                    item: region,
                    count: count_of_label(&counts.regions, region.slug())?,
                })
            })
            .collect();

        let mut themes: Vec<Counted<Theme>> = counts
            .themes
            .iter()
            .filter_map(|(key, n)| {
                Some(Counted {
                    item: self.theme_by_key(key)?.clone(),
                    count: *n,
                })
            })
            .collect();
        themes.sort_by(|a, b| a.item.id.cmp(&b.item.id));

        let kinds = OrgKind::ALL
            .into_iter()
            .filter_map(|kind| {
                Some(Counted {
                    item: kind,
                    count: count_of_label(&counts.kinds, kind.as_str())?,
                })
            })
            .collect();

        Facets {
            countries,
            regions,
            themes,
            kinds,
        }
    }
}

#[derive(SurrealValue)]
struct PairRow {
    org: String,
    country: RecordId,
    region: Option<String>,
}

#[derive(SurrealValue)]
struct KeyCount {
    key: Option<RecordId>,
    n: i64,
}

#[derive(SurrealValue)]
struct LabelCount {
    label: Option<String>,
    n: i64,
}

pub(in crate::store) async fn total(
    store: &SurrealStore,
    viewer: &Viewer,
    kind: OrgKind,
) -> Result<u64, surrealdb::Error> {
    let rows: Vec<Count> = store
        .query_for(
            viewer,
            concat!(
                "SELECT count() AS n FROM organisation WHERE ",
                readable!(),
                " AND kind = $kind GROUP ALL"
            ),
        )
        .bind(("kind", kind.as_str()))
        .await?
        .take(0)?;
    Ok(Count::of(&rows))
}
