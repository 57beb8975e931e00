//! `/export/<list>.csv` and `.json`: a list with the filters of its page's
//! address (`/export/trials.csv?country=TR`). What goes in the file is
//! decided in `app::exchange::exports`, inside the same request context as
//! a server function; this module only writes the table out.

use app::exchange::exports::{self, Filters, List};
use app::exchange::tables::{Cell, Column, Table};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::ser::{SerializeMap, SerializeSeq};

use super::in_app::AppContext;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

fn parse(file: &str) -> Option<(List, Format)> {
    let (name, ext) = file.rsplit_once('.')?;
    let format = match ext {
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => return None,
    };
    Some((List::parse(name)?, format))
}

pub async fn export(
    State(context): State<AppContext>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    let Some((list, format)) = parse(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Another site may not make a signed-in browser save a file (and leave
    // an export in the audit log under its reader's name).
    let from_elsewhere = request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| !matches!(v.as_bytes(), b"same-origin" | b"none"));
    if from_elsewhere {
        return (
            StatusCode::FORBIDDEN,
            "Exports are downloaded from the platform's own pages.",
        )
            .into_response();
    }
    let (parts, _) = request.into_parts();
    let filters = match serde_urlencoded::from_str::<Vec<(String, String)>>(
        parts.uri.query().unwrap_or(""),
    ) {
        Ok(pairs) => Filters(pairs),
        Err(e) => {
            return (StatusCode::BAD_REQUEST, format!("the address's query: {e}")).into_response()
        }
    };
    let found = context
        .run(
            parts,
            || async move { exports::export(list, &filters).await },
        )
        .await;
    let table = match found {
        Ok(table) => table,
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            return (status, e.to_string()).into_response();
        }
    };
    let (body, mime, ext) = match format {
        Format::Csv => (csv(&table), "text/csv; charset=utf-8", "csv"),
        Format::Json => (json(&table), "application/json", "json"),
    };
    let body = match body {
        Ok(body) => body,
        // Writing into memory fails only on a bug: no half file.
        Err(e) => {
            tracing::error!(error = %e, list = list.name(), "an export could not be written");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let day = chrono::Utc::now().date_naive();
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-{day}.{ext}\"", list.name()),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        Body::from(body),
    )
        .into_response()
}

/// Between the values of a multi-value cell.
pub const LIST_SEPARATOR: &str = "; ";

/// A text a spreadsheet would run as a formula (`=HYPERLINK(...)` typed as
/// an organisation's name) starts with a quote, which the spreadsheet shows
/// as text and the importer takes off again.
fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])
    {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn csv_value(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => spreadsheet_safe(t).into_owned(),
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::List(items) => items
            .iter()
            .map(|i| spreadsheet_safe(i).into_owned())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
    }
}

/// UTF-8 with a byte-order mark, so that spreadsheet programs read accents
/// right. Every value is quoted: a spreadsheet set to split on `;` (as in
/// French or Spanish) would otherwise cut `x;=FORMULA()` into a live cell.
fn csv(table: &Table) -> Result<Vec<u8>, String> {
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(table.columns.iter().map(|c| c.name))
        .and_then(|()| {
            table
                .rows
                .iter()
                .try_for_each(|row| out.write_record(row.iter().map(csv_value)))
        })
        .map_err(|e| e.to_string())?;
    out.into_inner().map_err(|e| e.to_string())
}

struct JsonCell<'a>(&'a Cell);

impl serde::Serialize for JsonCell<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Empty => s.serialize_none(),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Int(n) => s.serialize_i64(*n),
            Cell::Bool(b) => s.serialize_bool(*b),
            Cell::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
        }
    }
}

pub(super) struct JsonRow<'a>(pub &'a [Column], pub &'a [Cell]);

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (column, cell) in self.0.iter().zip(self.1) {
            map.serialize_entry(column.name, &JsonCell(cell))?;
        }
        map.end()
    }
}

/// An array of objects, one a row, keyed by the CSV's column names in the
/// same order; numbers, flags and lists keep their JSON types.
fn json(table: &Table) -> Result<Vec<u8>, String> {
    let rows: Vec<JsonRow<'_>> = table
        .rows
        .iter()
        .map(|r| JsonRow(table.columns, r))
        .collect();
    serde_json::to_vec(&rows).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::exchange::tables::Kind;

    #[test]
    fn a_spreadsheet_never_runs_a_cell_as_a_formula() {
        let table = Table {
            columns: &[
                Column {
                    name: "name",
                    kind: Kind::Text,
                    optional: false,
                },
                Column {
                    name: "themes",
                    kind: Kind::List,
                    optional: false,
                },
                Column {
                    name: "n",
                    kind: Kind::Int,
                    optional: false,
                },
            ],
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"http://evil\")".into()),
                Cell::List(vec!["+1".into(), "torture".into()]),
                Cell::Int(-3),
            ]],
            records: vec![],
        };
        let file = String::from_utf8(csv(&table).unwrap()).unwrap();
        assert_eq!(
            file,
            "\u{feff}\"name\",\"themes\",\"n\"\n\"'=HYPERLINK(\"\"http://evil\"\")\",\"'+1; torture\",\"-3\"\n"
        );
        for text in [" =1+1", "\u{a0}@SUM(A1)", "\n=1"] {
            assert!(spreadsheet_safe(text).starts_with('\''), "{text:?}");
        }
        assert_eq!(spreadsheet_safe("Centre -x"), "Centre -x");
        let json: serde_json::Value = serde_json::from_slice(&json(&table).unwrap()).unwrap();
        assert_eq!(json[0]["name"], "=HYPERLINK(\"http://evil\")");
        assert_eq!(json[0]["themes"][0], "+1");
        assert_eq!(json[0]["n"], -3);
    }
}
