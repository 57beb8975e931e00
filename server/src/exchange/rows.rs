//! A CSV file read into rows of named cells, its header checked first: every
//! column known, none twice, the required ones there. Nothing is judged
//! about the values here (see `plan`).

use shared::import::{CellProblem, ImportFile};
use shared::Problem;
use std::collections::BTreeMap;

/// One data row: its line in the file and its cells by column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: BTreeMap<&'static str, String>,
    /// How many cells the line has (the header's number when well formed).
    pub cells_found: usize,
}

impl Row {
    /// The cell of `column`, trimmed; `None` when the file has no such column.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.cells.get(column).map(|v| v.trim())
    }

    /// The cell, or empty when the column is not in the file.
    pub fn text(&self, column: &str) -> &str {
        self.get(column).unwrap_or("")
    }
}

/// A file's rows and the columns it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Row>,
    /// The header's number of cells.
    pub width: usize,
}

impl Table {
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains(&column)
    }
}

/// A problem of the whole file (line 1: its header, or the file itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    pub problem: CellProblem,
}

/// Reads `text` as a file of `kind`, with at most `max_rows` data rows.
pub fn read(text: &str, kind: ImportFile, max_rows: usize) -> Result<Table, Vec<FileProblem>> {
    // The reader counts a CRLF's line on the next record: with plain line
    // feeds each row's line is the one a spreadsheet shows.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    let separator = crate::exchange::decode::separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header_problem = |column: &str, problem: Problem| FileProblem {
        line: 1,
        problem: CellProblem::new(column, column, problem),
    };
    let headers = reader
        .headers()
        .map_err(|e| {
            vec![header_problem(
                "",
                Problem::Malformed {
                    detail: format!("the header line cannot be read: {e}"),
                },
            )]
        })?
        .clone();
    let most = kind.columns().len() + kind.ignored().len();
    if headers.len() > most {
        return Err(vec![header_problem(
            "",
            Problem::Malformed {
                detail: format!(
                    "the header has {} columns; a file of {} has at most {most}",
                    headers.len(),
                    kind.as_str()
                ),
            },
        )]);
    }
    let mut problems = Vec::new();
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for raw in headers.iter() {
        let name = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        match kind.columns().iter().find(|c| **c == name) {
            Some(known) if columns.contains(&Some(*known)) => problems.push(header_problem(
                raw,
                Problem::Malformed {
                    detail: "this column appears twice".into(),
                },
            )),
            Some(known) => columns.push(Some(*known)),
            None if kind.ignored().contains(&name.as_str()) => columns.push(None),
            None => {
                problems.push(header_problem(
                    raw,
                    Problem::NotOneOf {
                        allowed: kind.columns().iter().map(|c| c.to_string()).collect(),
                    },
                ));
                columns.push(None);
            }
        }
    }
    // A file of records by id may leave their names as they are.
    let by_id = columns.contains(&Some("id"));
    for required in kind.required() {
        if *required == "name" && by_id {
            continue;
        }
        if !columns.contains(&Some(*required)) {
            problems.push(header_problem(required, Problem::Required));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The reader passes blank lines without counting them: a row's line is
    // counted here from where it starts.
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    let mut line_of = |byte: usize| {
        let mut start = byte.min(text.len());
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        line_at += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        line_at
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            vec![FileProblem {
                line,
                problem: CellProblem::new(
                    "",
                    "",
                    Problem::Malformed {
                        detail: format!("this line cannot be read as CSV: {e}"),
                    },
                ),
            }]
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() == max_rows {
            return Err(vec![FileProblem {
                line: record.position().map_or(0, |p| line_of(p.byte() as usize)),
                problem: CellProblem::new("", "", Problem::TooLong { max: max_rows }),
            }]);
        }
        let line = record.position().map_or(0, |p| line_of(p.byte() as usize));
        let cells = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(column, cell)| Some(((*column)?, cell.to_owned())))
            .collect();
        rows.push(Row {
            line,
            cells,
            cells_found: record.len(),
        });
    }
    Ok(Table {
        width: columns.len(),
        columns: columns.into_iter().flatten().collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cells_by_column_with_their_lines() {
        let table = read(
            "name;kind;country_name\n\"Caça; Lda\";member;x\n\n\"two\nlines\";partner;y\n",
            ImportFile::Organisations,
            10,
        )
        .unwrap();
        assert_eq!(table.columns, vec!["name", "kind"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[0].text("name"), "Caça; Lda");
        assert_eq!(table.rows[1].line, 4);
        assert_eq!(table.rows[1].get("kind"), Some("partner"));
        assert_eq!(table.rows[1].get("city"), None);
        let crlf = read("name\r\na\r\nb\r\n", ImportFile::Organisations, 10).unwrap();
        assert_eq!(crlf.rows[1].line, 3);
    }

    #[test]
    fn refuses_unknown_twice_and_missing_columns_on_line_one() {
        let problems = read(
            "nom,kind,kind\nx,member,member",
            ImportFile::Organisations,
            10,
        )
        .unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|p| p.problem.column.as_str()).collect();
        assert_eq!(columns, vec!["nom", "kind", "name"]);
        assert!(problems.iter().all(|p| p.line == 1));
    }

    #[test]
    fn refuses_more_rows_than_allowed() {
        let problems = read("name\na\nb\nc\n", ImportFile::Organisations, 2).unwrap_err();
        assert_eq!(problems[0].line, 4);
        assert_eq!(problems[0].problem.problem, Problem::TooLong { max: 2 });
    }
}
