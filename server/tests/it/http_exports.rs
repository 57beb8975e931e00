//! Every list as CSV and JSON: the rows its page shows its reader (all of
//! them), with the page's filters, never a hidden record, audited.

use crate::support::http::{app_with_readers, function, get_with, Reader};
use axum::http::StatusCode;
use axum::Router;
use serde_json::Value;
use shared::Role;
use std::collections::BTreeSet;

async fn export(app: &Router, reader: &Reader, uri: &str) -> (StatusCode, String, String) {
    let (status, headers, body) = get_with(app, uri, &[("cookie", reader.cookie.as_str())]).await;
    let disposition = headers
        .get("content-disposition")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, disposition, body)
}

fn ids(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn rows_of(app: &Router, reader: &Reader, uri: &str) -> Vec<Value> {
    let (status, disposition, body) = export(app, reader, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri} as {:?}: {body}", reader.role);
    assert!(
        disposition.starts_with("attachment; filename="),
        "{disposition}"
    );
    serde_json::from_str(&body).unwrap()
}

/// What a list's server function answers the reader, as JSON.
async fn listed(app: &Router, reader: &Reader, name: &str, args: &str) -> Value {
    let (status, json) = function(app, reader, name, args).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{name} as {:?}: {json}",
        reader.role
    );
    serde_json::from_str(&json).unwrap()
}

fn array_ids(v: &Value) -> BTreeSet<String> {
    ids(v.as_array().unwrap())
}

/// A month with hearings in the demo data.
async fn busy_month(store: &server::store::SurrealStore) -> (i32, u32) {
    let first: Option<String> = store
        .db()
        .query("SELECT VALUE <string> starts_at FROM hearing ORDER BY starts_at LIMIT 1")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let first = first.expect("the demo has hearings");
    (first[..4].parse().unwrap(), first[5..7].parse().unwrap())
}

#[tokio::test]
async fn every_list_holds_what_its_page_shows_its_reader() {
    let (store, app, readers) = app_with_readers().await;
    let (year, month) = busy_month(&store).await;
    for reader in &readers {
        let who = format!("{:?}", reader.role);

        // The directory: every organisation the reader finds, not a page.
        let rows = rows_of(&app, reader, "/export/organisations.json").await;
        let page = listed(&app, reader, "directory", r#"{"query":{}}"#).await;
        assert_eq!(
            rows.len() as u64,
            page["results"]["total"].as_u64().unwrap(),
            "{who}"
        );
        assert!(rows.len() > 20, "{who}: more than one page");

        // People: every one the list counts, its first page first.
        let rows = rows_of(&app, reader, "/export/persons.json").await;
        let page = listed(&app, reader, "people", r#"{"query":{}}"#).await;
        assert_eq!(rows.len() as u64, page["total"].as_u64().unwrap(), "{who}");
        let first: Vec<&Value> = page["items"].as_array().unwrap().iter().collect();
        assert!(!first.is_empty(), "{who}: the demo has public defenders");
        for (row, shown) in rows.iter().zip(&first) {
            assert_eq!(row["id"], shown["id"], "{who}");
        }

        let rows = rows_of(&app, reader, "/export/trials.json").await;
        assert_eq!(
            ids(&rows),
            array_ids(&listed(&app, reader, "trials", "{}").await),
            "{who}"
        );

        let uri = format!("/export/hearings.json?month={year}-{month:02}");
        let rows = rows_of(&app, reader, &uri).await;
        let args = format!(r#"{{"month":{{"year":{year},"month":{month}}}}}"#);
        let shown = array_ids(&listed(&app, reader, "hearings", &args).await);
        assert_eq!(ids(&rows), shown, "{who}");
        assert!(!shown.is_empty() || reader.role.is_none());

        let overview = listed(&app, reader, "advocacy", "{}").await;
        let rows = rows_of(&app, reader, "/export/events.json").await;
        assert_eq!(
            ids(&rows),
            array_ids(&overview["overview"]["events"]),
            "{who}"
        );
        let rows = rows_of(&app, reader, "/export/advocacy-missions.json").await;
        assert_eq!(
            ids(&rows),
            array_ids(&overview["overview"]["missions"]),
            "{who}"
        );

        let rows = rows_of(&app, reader, "/export/interventions.json?year=2024").await;
        let shown = listed(
            &app,
            reader,
            "interventions",
            r#"{"query":{"year":"2024"}}"#,
        )
        .await;
        assert_eq!(ids(&rows), array_ids(&shown), "{who}");

        let rows = rows_of(&app, reader, "/export/campaigns.json").await;
        assert_eq!(
            ids(&rows),
            array_ids(&listed(&app, reader, "campaigns", "{}").await[0]),
            "{who}"
        );

        let (status, _, _) = export(&app, reader, "/export/grants.json").await;
        let (fn_status, _) = function(&app, reader, "grants", "{}").await;
        assert_eq!(status, fn_status, "{who}: grants open as their page does");

        let rows = rows_of(&app, reader, "/export/figures.json?year=2024").await;
        let figures = listed(&app, reader, "figures", r#"{"year":"2024"}"#).await;
        let urgent = rows
            .iter()
            .find(|r| r["measure"] == "urgent_interventions")
            .unwrap();
        assert_eq!(urgent["value"], figures["interventions"], "{who}");

        // Observation missions are the staff's work queue.
        let (status, _, body) = export(&app, reader, "/export/missions.csv").await;
        let expected = match reader.role {
            None => StatusCode::UNAUTHORIZED,
            Some(r) if r.plans_missions() => StatusCode::OK,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{who}: {body}");
    }
}

/// Every record's name with its level.
async fn named_levels(store: &server::store::SurrealStore) -> Vec<(String, String)> {
    let mut response = store
        .db()
        .query(
            "SELECT name, visibility FROM organisation ;
             SELECT name, visibility FROM person ;
             SELECT case_name AS name, visibility FROM trial ;
             SELECT title AS name, visibility FROM intervention ;
             SELECT name, visibility FROM campaign ;
             SELECT title AS name, visibility FROM advocacy_event ;",
        )
        .await
        .unwrap();
    let mut rows: Vec<Value> = Vec::new();
    for statement in 0..6 {
        rows.extend(response.take::<Vec<Value>>(statement).unwrap());
    }
    assert!(rows.len() > 100);
    rows.into_iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["visibility"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(name, _)| name.len() >= 8)
        .collect()
}

/// Names no record open to `levels` bears (the generated demo network has
/// a few names used twice, at different levels).
fn hidden_from(all: &[(String, String)], levels: &[&str]) -> BTreeSet<String> {
    let open: BTreeSet<&str> = all
        .iter()
        .filter(|(_, level)| levels.contains(&level.as_str()))
        .map(|(name, _)| name.as_str())
        .collect();
    all.iter()
        .filter(|(name, _)| !open.contains(name.as_str()))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every value of a file, a multi-value cell's each.
fn values_of(format: &str, body: &str) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::String(s) => {
                out.insert(s.clone());
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(map) => map.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    if format == "json" {
        walk(&serde_json::from_str(body).unwrap(), &mut out);
    } else {
        let mut file = csv::Reader::from_reader(body.as_bytes());
        for record in file.records() {
            for cell in record.unwrap().iter() {
                out.insert(cell.to_owned());
                out.extend(cell.split("; ").map(str::to_owned));
            }
        }
    }
    out
}

#[tokio::test]
async fn no_file_names_a_record_hidden_from_its_reader() {
    let (store, app, readers) = app_with_readers().await;
    let all = named_levels(&store).await;
    let lists = [
        "organisations",
        "persons",
        "trials",
        "hearings",
        "events",
        "advocacy-missions",
        "interventions?year=2024",
        "interventions?year=2025",
        "campaigns",
        "grants",
        "figures?year=2024",
    ];
    // The check can fail: an admin's file names records members never see.
    let admin = readers
        .iter()
        .find(|r| r.role == Some(Role::Admin))
        .unwrap();
    let (_, _, body) = export(&app, admin, "/export/organisations.json").await;
    let values = values_of("json", &body);
    assert!(hidden_from(&all, &["public", "network"])
        .iter()
        .any(|n| values.contains(n)));
    for reader in readers
        .iter()
        .filter(|r| r.role.is_none_or(|r| r == Role::Member))
    {
        let names = if reader.role.is_some() {
            hidden_from(&all, &["public", "network"])
        } else {
            hidden_from(&all, &["public"])
        };
        assert!(!names.is_empty());
        for list in lists {
            for format in ["csv", "json"] {
                let uri = match list.split_once('?') {
                    Some((l, q)) => format!("/export/{l}.{format}?{q}"),
                    None => format!("/export/{list}.{format}"),
                };
                let (status, _, body) = export(&app, reader, &uri).await;
                if status != StatusCode::OK {
                    continue;
                }
                let values = values_of(format, &body);
                for name in &names {
                    assert!(
                        !values.contains(name),
                        "{uri} as {:?} names {name:?}",
                        reader.role
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_file_has_the_filters_on_screen_and_opens_in_a_spreadsheet() {
    let (_, app, readers) = app_with_readers().await;
    let staff = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let (status, disposition, body) = export(
        &app,
        staff,
        "/export/organisations.csv?country=TR&sort=name",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(disposition.contains("organisations-"), "{disposition}");
    assert!(disposition.ends_with(".csv\""), "{disposition}");
    assert!(
        body.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..3], ["id", "name", "acronym"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let page = listed(
        &app,
        staff,
        "directory",
        r#"{"query":{"country":"TR","sort":"name"}}"#,
    )
    .await;
    assert_eq!(
        rows.len() as u64,
        page["results"]["total"].as_u64().unwrap()
    );
    assert!(!rows.is_empty());
    let country = header.iter().position(|h| h == "country").unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names.len(), sorted.len());
    // Organisations working in Turkey are found too, wherever their seat.
    assert!(rows.iter().any(|r| r.get(country) == Some("TR")));

    // The same rows as JSON, typed.
    let json = rows_of(
        &app,
        staff,
        "/export/organisations.json?country=TR&sort=name",
    )
    .await;
    assert_eq!(json.len(), rows.len());
    assert!(json.iter().all(|r| r["themes"].is_array()));

    // A filter that is not one: the field and the value, no file.
    let (status, _, body) = export(&app, staff, "/export/trials.csv?status=sentenced").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("sentenced"), "{body}");
    for missing in ["/export/people.csv", "/export/trials.xml", "/export/trials"] {
        let (status, _, _) = export(&app, staff, missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn an_export_is_in_the_audit_log_with_its_filters() {
    let (store, app, readers) = app_with_readers().await;
    let anonymous = readers.iter().find(|r| r.role.is_none()).unwrap();
    let staff = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let rows = rows_of(&app, staff, "/export/trials.json?country=TR").await;
    rows_of(&app, anonymous, "/export/trials.json").await;
    let lines: Vec<Value> = store
        .db()
        .query("SELECT target, actor_email, after FROM audit WHERE action = 'export.trials'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(lines.len(), 1, "only the signed-in export: {lines:?}");
    assert_eq!(lines[0]["actor_email"], "staff@example.org");
    assert_eq!(lines[0]["target"], "trials?country=TR");
    assert_eq!(
        lines[0]["after"].as_str().unwrap(),
        format!("{{\"records\":{}}}", rows.len())
    );
}
