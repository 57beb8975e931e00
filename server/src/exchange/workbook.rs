//! An Excel workbook (`.xlsx`) read as the CSV text an import reads: its
//! first worksheet, one line per spreadsheet row (so that a problem's line
//! is the row the spreadsheet shows), each cell as the program displays its
//! value (whole numbers without a decimal point, dates as `YYYY-MM-DD`).
//!
//! A workbook is a zip of XML files, and a small one can unpack into
//! gigabytes, or declare a count that makes the reader reserve them: every
//! part is unpacked once with a bound before calamine reads it, the shared
//! strings' declared count is checked against their size, and cells are
//! streamed (calamine's ranges allocate the rectangle between the first and
//! the last cell, which a hostile file sets at opposite corners).

use calamine::{DataRef, Reader, Xlsx};
use std::io::{Cursor, Read};

/// The most bytes one part of a workbook may unpack to.
pub const MAX_PART_BYTES: u64 = 96 * 1024 * 1024;
/// The most bytes a whole workbook may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 192 * 1024 * 1024;
/// The most parts (files inside the zip) a workbook may hold.
const MAX_PARTS: usize = 2_000;
/// The columns an import reads: a value further right is refused.
const MAX_COLUMNS: u32 = 64;

/// Whether `bytes` are a zip archive, as an `.xlsx` file is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first worksheet of the workbook as CSV text, with at most `max_rows`
/// rows of data; or what is wrong, said for the person who saved the file.
pub fn csv_of(bytes: &[u8], max_rows: usize) -> Result<String, String> {
    check_parts(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => {
            "the workbook is protected by a password: save it without one".to_owned()
        }
        e => format!("the file is not an Excel workbook (.xlsx) that can be read: {e}"),
    })?;
    let names = workbook.sheet_names();
    let mut rows: Vec<Vec<(u32, String)>> = Vec::new();
    let mut read_one = false;
    for name in names {
        let Ok(mut cells) = workbook.worksheet_cells_reader(&name) else {
            // A chart sheet, or another part that holds no cells.
            continue;
        };
        read_one = true;
        let mut count = 0usize;
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| format!("the sheet {name} cannot be read: {e}"))?
        {
            let (row, column) = cell.get_position();
            let value = shown(cell.get_value());
            if value.is_empty() {
                continue;
            }
            let at = || format!("cell {}{} of the sheet {name}", letters(column), row + 1);
            if column >= MAX_COLUMNS {
                return Err(format!(
                    "{} holds a value, right of the {MAX_COLUMNS} columns an import reads",
                    at()
                ));
            }
            if row as usize > max_rows {
                return Err(format!(
                    "{} is past the {max_rows} rows an import of this file takes",
                    at()
                ));
            }
            if value
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            {
                return Err(format!("{} holds a control character", at()));
            }
            count += 1;
            if count > (max_rows + 1) * MAX_COLUMNS as usize {
                return Err(format!("the sheet {name} holds too many cells"));
            }
            let row = row as usize;
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            rows[row].push((column, value));
        }
        break;
    }
    if !read_one {
        return Err("the workbook has no worksheet".into());
    }
    Ok(csv_text(rows))
}

/// Unpacks every part once, within the bounds; checks the shared strings'
/// declared count.
fn check_parts(bytes: &[u8]) -> Result<(), String> {
    let not_a_workbook =
        |e: zip::result::ZipError| format!("the file is not a readable .xlsx workbook: {e}");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_a_workbook)?;
    if archive.len() > MAX_PARTS {
        return Err(format!(
            "the workbook holds {} parts; at most {MAX_PARTS} are read",
            archive.len()
        ));
    }
    let too_large = || {
        format!(
            "the workbook unpacks to more than {} MB; save the sheet as CSV, or split it",
            MAX_UNPACKED_BYTES / (1024 * 1024)
        )
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(not_a_workbook)?;
        let name = String::from_utf8_lossy(part.name_raw()).to_ascii_lowercase();
        let shared_strings = name.ends_with("sharedstrings.xml");
        let mut unpacked = Vec::new();
        let size = if shared_strings {
            (&mut part)
                .take(MAX_PART_BYTES + 1)
                .read_to_end(&mut unpacked)
                .map_err(|e| format!("the workbook's part {name} cannot be unpacked: {e}"))?
                as u64
        } else {
            std::io::copy(
                &mut (&mut part).take(MAX_PART_BYTES + 1),
                &mut std::io::sink(),
            )
            .map_err(|e| format!("the workbook's part {name} cannot be unpacked: {e}"))?
        };
        total += size;
        if size > MAX_PART_BYTES || total > MAX_UNPACKED_BYTES {
            return Err(too_large());
        }
        if shared_strings {
            check_string_count(&unpacked)?;
        }
    }
    Ok(())
}

/// The reader reserves room for the count the shared strings declare: a
/// count larger than the part could hold would ask for terabytes.
fn check_string_count(xml: &[u8]) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                if e.local_name().as_ref() == "sst" =>
            {
                for attribute in e.attributes().flatten() {
                    if attribute.key.local_name().as_ref() != "uniqueCount" {
                        continue;
                    }
                    let value = attribute.value;
                    // Each string takes at least `<si><t/></si>`.
                    let plausible = value.bytes().all(|b| b.is_ascii_digit())
                        && value
                            .parse::<u64>()
                            .is_ok_and(|n| n <= xml.len() as u64 / 10);
                    if !plausible {
                        return Err(
                            "the workbook's shared strings declare a count they cannot hold".into(),
                        );
                    }
                }
                return Ok(());
            }
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Err(e) => return Err(format!("the workbook's shared strings cannot be read: {e}")),
            _ => {}
        }
    }
}

/// A cell's value as the spreadsheet shows it.
fn shown(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        // A year typed in a cell is stored as 2024.0.
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().to_string(),
            Some(at) => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// A column's letters, as the spreadsheet names it: A, …, Z, AA, …
fn letters(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The rows as CSV text, comma-separated and quoted where needed, each as
/// wide as the widest (a spreadsheet leaves empty cells out); an empty row
/// is an empty line, so that lines keep the spreadsheet's numbers.
fn csv_text(rows: Vec<Vec<(u32, String)>>) -> String {
    let width = rows
        .iter()
        .flatten()
        .map(|(column, _)| *column as usize + 1)
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for cells in rows {
        if cells.is_empty() {
            out.push(b'\n');
            continue;
        }
        let mut record = vec![String::new(); width];
        for (column, value) in cells {
            record[column as usize] = value;
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing into memory cannot fail.
        let _ = writer.write_record(&record);
        out.extend(writer.into_inner().unwrap_or_default());
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_the_spreadsheet_names_them() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(63), "BL");
    }

    #[test]
    fn rows_keep_their_lines_and_values_are_quoted_where_needed() {
        let text = csv_text(vec![
            vec![(0, "name".into()), (1, "themes".into())],
            vec![],
            vec![(1, "a; b".into()), (0, "Ligue, \"A\"".into())],
        ]);
        assert_eq!(text, "name,themes\n\n\"Ligue, \"\"A\"\"\",a; b\n");
        let ragged = csv_text(vec![
            vec![(0, "name".into()), (1, "kind".into()), (2, "city".into())],
            vec![(0, "Ligue".into())],
        ]);
        assert_eq!(ragged, "name,kind,city\nLigue,,\n");
    }

    #[test]
    fn a_declared_count_the_strings_cannot_hold_is_refused() {
        let honest = br#"<?xml version="1.0"?><sst xmlns="x" count="2" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(check_string_count(honest).is_ok());
        let lying = br#"<?xml version="1.0"?><sst xmlns="x" uniqueCount="99999999999"><si><t>a</t></si></sst>"#;
        assert!(check_string_count(lying).is_err());
        let odd = br#"<x:sst xmlns:x="x" uniqueCount="+2"><x:si><x:t>a</x:t></x:si></x:sst>"#;
        assert!(check_string_count(odd).is_err());
    }
}
