//! Countries, regions and the network's headline figures.

use crate::store::directory::search::{total, PLACE_PAIRS};
use crate::store::rows::{record_key, Count, SummaryRow, SUMMARY_FIELDS};
use crate::store::{granted, vis, SurrealStore};
use shared::{CountryCode, CountryCount, CountryProfile, NetworkSummary, OrgKind, Region, Viewer};
use surrealdb::types::{RecordId, SurrealValue};

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

/// How many members the home page lists as the newest.
const NEWEST: i64 = 6;

pub async fn countries(
    store: &SurrealStore,
    viewer: &Viewer,
) -> Result<Vec<CountryCount>, surrealdb::Error> {
    let rows: Vec<KeyCount> = store
        .db
        .query(format!(
            "{PLACE_PAIRS}; SELECT country AS key, count() AS n FROM $pairs GROUP BY key;"
        ))
        .bind(("vis", vis(viewer)))
        .bind(("granted", granted(viewer)))
        .await?
        .check()?
        .take(1)?;
    let mut list: Vec<CountryCount> = rows
        .into_iter()
        .filter_map(|r| {
            let country = store.country_by_key(&record_key(r.key.as_ref()?))?.clone();
            Some(CountryCount {
                country,
                organisations: r.n.max(0) as u64,
            })
        })
        .collect();
    list.sort_by(|a, b| a.country.name.cmp(&b.country.name));
    Ok(list)
}

pub async fn country(
    store: &SurrealStore,
    viewer: &Viewer,
    code: &CountryCode,
) -> Result<Option<CountryProfile>, surrealdb::Error> {
    let Some(country) = store.country_by_key(&code.key()).cloned() else {
        return Ok(None);
    };
    let sql = format!(
        "LET $based = (SELECT VALUE in FROM based_in
            WHERE out = $country AND (visibility IN $vis OR in IN $granted OR out IN $granted) AND record::tb(in) = 'organisation');
         LET $working = array::complement((SELECT VALUE in FROM works_on
            WHERE out = $country AND (visibility IN $vis OR in IN $granted OR out IN $granted) AND record::tb(in) = 'organisation'), $based);
         SELECT {SUMMARY_FIELDS} FROM $based WHERE (visibility IN $vis OR id IN $granted) ORDER BY name COLLATE ASC;
         SELECT {SUMMARY_FIELDS} FROM $working WHERE (visibility IN $vis OR id IN $granted) ORDER BY name COLLATE ASC;"
    );
    let mut response = store
        .db
        .query(sql)
        .bind(("vis", vis(viewer)))
        .bind(("granted", granted(viewer)))
        .bind(("country", RecordId::new("country", code.key())))
        .await?
        .check()?;
    let based: Vec<SummaryRow> = response.take(2)?;
    let working: Vec<SummaryRow> = response.take(3)?;
    Ok(Some(CountryProfile {
        country,
        based_here: store.summaries(based),
        working_here: store.summaries(working),
    }))
}

pub async fn summary(
    store: &SurrealStore,
    viewer: &Viewer,
) -> Result<NetworkSummary, surrealdb::Error> {
    let members = total(store, viewer, OrgKind::Member).await?;
    let partners = total(store, viewer, OrgKind::Partner).await?;
    let sql = format!(
        "{PLACE_PAIRS};
         SELECT count() AS n FROM array::distinct($pairs.country) GROUP ALL;
         SELECT region AS label, count() AS n FROM array::distinct((SELECT org, country.region AS region FROM $pairs)) GROUP BY label;
         SELECT {SUMMARY_FIELDS} FROM organisation
            WHERE (visibility IN $vis OR id IN $granted) AND kind = 'member' AND member_since != NONE
            ORDER BY member_since DESC, name COLLATE ASC LIMIT $newest;"
    );
    let mut response = store
        .db
        .query(sql)
        .bind(("vis", vis(viewer)))
        .bind(("granted", granted(viewer)))
        .bind(("newest", NEWEST))
        .await?
        .check()?;
    let countries: Vec<Count> = response.take(1)?;
    let regions: Vec<LabelCount> = response.take(2)?;
    let newest: Vec<SummaryRow> = response.take(3)?;
    let by_region = Region::ALL
        .into_iter()
        .map(|r| {
            let n = regions
                .iter()
                .find(|row| row.label.as_deref() == Some(r.slug()))
                .map(|row| row.n.max(0) as u64)
                .unwrap_or(0);
            (r, n)
        })
        .collect();
    Ok(NetworkSummary {
        members,
        partners,
        countries: Count::of(&countries),
        by_region,
        newest: store.summaries(newest),
    })
}
