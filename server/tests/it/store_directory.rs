//! Directory search, filters, sort, pagination and facets against a real
//! SurrealDB holding the demo dataset, as each kind of reader.

use crate::support::{admin, anonymous, demo_data, demo_store, member, staff};
use app::directory::store::Search;
use shared::{
    CountryCode, DirectoryQuery, OrgKind, OrgSort, OrgSummary, Region, SearchText, Viewer,
    Visibility, PAGE_SIZE,
};
use std::collections::HashSet;

fn query() -> DirectoryQuery {
    DirectoryQuery {
        page: 1,
        ..Default::default()
    }
}

fn search(text: &str) -> DirectoryQuery {
    DirectoryQuery {
        q: SearchText::parse(text).unwrap(),
        ..query()
    }
}

/// Every result of a query, across all its pages.
async fn all_pages(
    store: &impl app::directory::store::Search,
    viewer: &Viewer,
    q: &DirectoryQuery,
) -> Vec<OrgSummary> {
    let mut out = Vec::new();
    let first = store.directory(viewer, q).await.unwrap();
    let pages = first.pages();
    out.extend(first.items);
    for page in 2..=pages {
        out.extend(
            store
                .directory(viewer, &q.with_page(page))
                .await
                .unwrap()
                .items,
        );
    }
    out
}

fn readable_orgs(viewer: &Viewer) -> HashSet<String> {
    demo_data()
        .orgs
        .iter()
        .filter(|o| viewer.can_read(o.visibility))
        .map(|o| o.key.clone())
        .collect()
}

#[tokio::test]
async fn each_reader_sees_exactly_the_organisations_of_their_level() {
    let store = demo_store().await;
    for viewer in [anonymous(), member(), staff(), admin()] {
        let results = all_pages(&store, &viewer, &query()).await;
        let keys: HashSet<String> = results.iter().map(|o| o.id.to_string()).collect();
        assert_eq!(
            keys.len(),
            results.len(),
            "duplicates across pages for {viewer:?}"
        );
        assert_eq!(keys, readable_orgs(&viewer), "{viewer:?}");
        let page = store.directory(&viewer, &query()).await.unwrap();
        assert_eq!(page.total as usize, keys.len(), "count for {viewer:?}");
    }
}

#[tokio::test]
async fn the_network_counts_its_311_members() {
    let store = demo_store().await;
    let members = DirectoryQuery {
        kind: Some(OrgKind::Member),
        ..query()
    };
    let everyone = store.directory(&admin(), &members).await.unwrap();
    assert_eq!(everyone.total, 311);
    let public = store.directory(&anonymous(), &members).await.unwrap();
    assert_eq!(public.total, 303, "eight members are not public");
}

#[tokio::test]
async fn search_finds_names_acronyms_prefixes_and_accents() {
    let store = demo_store().await;
    let anon = anonymous();
    let first = |q: &'static str| {
        let store = &store;
        let anon = &anon;
        async move {
            store
                .directory(anon, &search(q))
                .await
                .unwrap()
                .items
                .first()
                .map(|o| o.id.to_string())
        }
    };
    assert_eq!(first("MIDH").await.as_deref(), Some("midh"));
    assert_eq!(first("midh").await.as_deref(), Some("midh"));
    assert_eq!(
        first("Justicia Pro Persona").await.as_deref(),
        Some("justicia-pro-persona")
    );
    assert_eq!(first("FORSC").await.as_deref(), Some("forsc"));
    assert_eq!(
        first("protectdefenders").await.as_deref(),
        Some("protectdefenders-eu")
    );

    let ivoir: HashSet<String> = all_pages(&store, &anon, &search("ivoir"))
        .await
        .into_iter()
        .map(|o| o.id.to_string())
        .collect();
    assert!(
        ivoir.contains("midh") && ivoir.contains("ciddh"),
        "{ivoir:?}"
    );

    let societe = all_pages(&store, &anon, &search("societe civile")).await;
    assert!(
        societe.iter().any(|o| o.id.as_str() == "forsc"),
        "accents are folded"
    );

    let none = store.directory(&anon, &search("zzyzx")).await.unwrap();
    assert_eq!(none.total, 0);
    assert!(none.items.is_empty());
}

#[tokio::test]
async fn a_hidden_organisation_is_not_found_even_by_its_exact_name() {
    let store = demo_store().await;
    for hidden in demo_data()
        .orgs
        .iter()
        .filter(|o| o.visibility != Visibility::Public)
    {
        let q = search(&hidden.name);
        for viewer in [anonymous(), member(), staff(), admin()] {
            let found = all_pages(&store, &viewer, &q)
                .await
                .iter()
                .any(|o| o.id.as_str() == hidden.key);
            assert_eq!(
                found,
                viewer.can_read(hidden.visibility),
                "{} for {viewer:?}",
                hidden.key
            );
        }
    }
}

#[tokio::test]
async fn filters_combine_and_agree_with_the_facet_counts() {
    let store = demo_store().await;
    let anon = anonymous();
    let ci = CountryCode::parse("CI").unwrap();
    let partners_in_ci = DirectoryQuery {
        country: Some(ci.clone()),
        kind: Some(OrgKind::Partner),
        ..query()
    };
    let keys: HashSet<String> = all_pages(&store, &anon, &partners_in_ci)
        .await
        .into_iter()
        .map(|o| o.id.to_string())
        .collect();
    assert_eq!(
        keys,
        HashSet::from(["ciddh".to_owned(), "forsc".to_owned()])
    );

    let facets = store.facets(&anon).await.unwrap();
    assert!(
        facets.countries.len() > 90,
        "{} countries",
        facets.countries.len()
    );
    for facet in &facets.countries {
        let q = DirectoryQuery {
            country: Some(facet.item.code.clone()),
            ..query()
        };
        assert_eq!(
            store.directory(&anon, &q).await.unwrap().total,
            facet.count,
            "country {}",
            facet.item.code
        );
    }
    for facet in &facets.regions {
        let q = DirectoryQuery {
            region: Some(facet.item),
            ..query()
        };
        assert_eq!(
            store.directory(&anon, &q).await.unwrap().total,
            facet.count,
            "region {}",
            facet.item
        );
    }
    for facet in &facets.themes {
        let q = DirectoryQuery {
            theme: Some(facet.item.id.clone()),
            ..query()
        };
        assert_eq!(
            store.directory(&anon, &q).await.unwrap().total,
            facet.count,
            "theme {}",
            facet.item.id
        );
    }
    let kinds_total: u64 = facets.kinds.iter().map(|k| k.count).sum();
    assert_eq!(kinds_total, readable_orgs(&anon).len() as u64);
}

#[tokio::test]
async fn a_country_outside_the_region_gives_nothing() {
    let store = demo_store().await;
    let q = DirectoryQuery {
        country: Some(CountryCode::parse("CI").unwrap()),
        region: Some(Region::Americas),
        ..query()
    };
    assert_eq!(store.directory(&anonymous(), &q).await.unwrap().total, 0);
}

#[tokio::test]
async fn facets_never_count_what_the_reader_cannot_see() {
    let store = demo_store().await;
    let public = store.facets(&anonymous()).await.unwrap();
    let all = store.facets(&admin()).await.unwrap();
    fn sum<T>(f: &[shared::Counted<T>]) -> u64 {
        f.iter().map(|c| c.count).sum()
    }
    assert!(sum(&all.kinds) > sum(&public.kinds));
    assert!(sum(&all.countries) > sum(&public.countries));
}

#[tokio::test]
async fn sorting_orders_the_whole_result() {
    let store = demo_store().await;
    let anon = anonymous();
    let by_name = all_pages(
        &store,
        &anon,
        &DirectoryQuery {
            sort: OrgSort::Name,
            ..query()
        },
    )
    .await;
    // Collation folds case and accents: compare the folded first letters.
    let initials: Vec<String> = by_name
        .iter()
        .map(|o| server::seed::names::slug(&o.name.chars().take(1).collect::<String>()))
        .collect();
    assert!(
        initials.windows(2).all(|w| w[0] <= w[1]),
        "names out of order: {initials:?}"
    );

    let newest = store
        .directory(
            &anon,
            &DirectoryQuery {
                sort: OrgSort::Newest,
                ..query()
            },
        )
        .await
        .unwrap();
    let years: Vec<Option<i32>> = newest.items.iter().map(|o| o.member_since).collect();
    assert!(years.iter().take(6).all(|y| *y == Some(2024)), "{years:?}");
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");

    let by_country = all_pages(
        &store,
        &anon,
        &DirectoryQuery {
            sort: OrgSort::Country,
            ..query()
        },
    )
    .await;
    let countries: Vec<String> = by_country
        .iter()
        .filter_map(|o| o.seat.as_ref().map(|c| c.name.as_str()))
        .map(|c| server::seed::names::slug(&c.chars().take(1).collect::<String>()))
        .collect();
    assert!(
        countries.windows(2).all(|w| w[0] <= w[1]),
        "countries out of order: {countries:?}"
    );
    assert!(
        by_country.last().unwrap().seat.is_none(),
        "organisations without a seat come last"
    );
}

#[tokio::test]
async fn pages_split_the_result_without_gaps() {
    let store = demo_store().await;
    let anon = anonymous();
    let q = DirectoryQuery {
        region: Some(Region::Africa),
        sort: OrgSort::Name,
        ..query()
    };
    let first = store.directory(&anon, &q).await.unwrap();
    assert_eq!(first.items.len(), PAGE_SIZE as usize);
    let all = all_pages(&store, &anon, &q).await;
    assert_eq!(all.len() as u64, first.total);
    let beyond = store
        .directory(&anon, &q.with_page(first.pages() + 1))
        .await
        .unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, first.total);
}

#[tokio::test]
async fn surrealql_in_a_search_is_just_text() {
    let store = demo_store().await;
    let before = store.directory(&admin(), &query()).await.unwrap().total;
    for text in [
        "'; DELETE organisation; --",
        "\") OR true OR (\"",
        "$vis",
        "*",
        "organisation:omct",
        "} ; REMOVE TABLE organisation; {",
    ] {
        let page = store.directory(&anonymous(), &search(text)).await;
        assert!(page.is_ok(), "{text}: {page:?}");
    }
    assert_eq!(
        store.directory(&admin(), &query()).await.unwrap().total,
        before
    );
}
