//! An Excel workbook (`.xlsx`) read as the CSV text an import reads: its
//! first worksheet, one line per spreadsheet row (so that a problem's line
//! is the row the spreadsheet shows), each cell as stored (the value a
//! formula last gave, whole numbers without a decimal point; a date is the
//! spreadsheet's day number, so years are typed as numbers or text).
//!
//! Read with zip and quick-xml rather than a spreadsheet crate: calamine
//! reads every style, name and string of a workbook into memory before the
//! first cell, and a small hostile file (a zip of a few kilobytes) makes it
//! reserve or copy gigabytes. Here only the five parts an import needs are
//! unpacked, each within its own bound, and every count and length the file
//! declares or holds is bounded before anything is kept.

use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The most bytes the workbook's small parts (relationships, the list of
/// sheets) may unpack to.
const SMALL_PART_BYTES: u64 = 4 * 1024 * 1024;
/// The most bytes the shared strings may unpack to.
const STRINGS_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes the sheet may unpack to.
const SHEET_PART_BYTES: u64 = 96 * 1024 * 1024;
/// The most parts (files inside the zip) a workbook may hold.
const MAX_PARTS: usize = 2_000;
/// The most shared strings a workbook may hold.
const MAX_STRINGS: usize = 1_000_000;
/// Excel's own limit on a cell's characters.
const MAX_CELL_CHARS: usize = 32_767;
/// The most cells with a value a sheet may hold (each costs some 64 bytes
/// of memory, however short).
const MAX_CELLS: usize = 2_000_000;
/// The columns an import reads: a value further right is refused.
const MAX_COLUMNS: u32 = 64;
/// The most bytes of text a sheet may hold, as a CSV upload may.
const MAX_TEXT_BYTES: usize = shared::import::MAX_UPLOAD_BYTES;

/// Whether `bytes` are a zip archive, as an `.xlsx` file is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first worksheet of the workbook as CSV text, with at most `max_rows`
/// rows of data; or what is wrong, said for the person who saved the file.
pub fn csv_of(bytes: &[u8], max_rows: usize) -> Result<String, String> {
    // Counted before the zip reader reads them all: each entry of the
    // central directory starts so.
    let entries = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    if entries > MAX_PARTS {
        return Err(format!("the workbook holds more than {MAX_PARTS} parts"));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| NOT_A_WORKBOOK.to_owned())?;
    let workbook = office_document(&mut archive)?;
    let sheet = first_sheet(&mut archive, &workbook)?;
    let strings = shared_strings(&mut archive, &workbook)?;
    let text = part(&mut archive, &sheet, SHEET_PART_BYTES, SHEET)?
        .ok_or_else(|| "the workbook's first sheet is missing".to_owned())?;
    let rows = sheet_rows(&text, &strings, max_rows)?;
    drop((text, strings));
    csv_text(rows)
}

const NOT_A_WORKBOOK: &str =
    "the file is not an Excel workbook (.xlsx) that can be read: save it again as .xlsx or as CSV";

/// Unpacks the part at `path` (found as Excel finds it: without regard to
/// case), at most `bound` bytes; `None` when the workbook has none. Its
/// problems name it by `label`: a path comes from the file and could say
/// anything.
fn part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    path: &str,
    bound: u64,
    label: &str,
) -> Result<Option<String>, String> {
    let wanted = path.trim_start_matches('/').to_ascii_lowercase();
    let index = (0..archive.len()).find(|i| {
        archive.name_for_index(*i).is_some_and(|name| {
            name.is_ok_and(|name| {
                name.replace('\\', "/")
                    .trim_start_matches('/')
                    .to_ascii_lowercase()
                    == wanted
            })
        })
    });
    let Some(index) = index else {
        return Ok(None);
    };
    let entry = archive
        .by_index(index)
        .map_err(|_| NOT_A_WORKBOOK.to_owned())?;
    let mut bytes = Vec::with_capacity(entry.size().min(bound + 1) as usize);
    entry
        .take(bound + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| NOT_A_WORKBOOK.to_owned())?;
    if bytes.len() as u64 > bound {
        return Err(format!(
            "{label} of the workbook unpacks to more than {} MB: save the sheet as CSV, or split it",
            bound / (1024 * 1024)
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{label} of the workbook is not UTF-8 text"))
}

/// What went wrong reading a part's XML, without the file's own text.
fn malformed(label: &str) -> String {
    format!("{label} of the workbook is not well-formed XML")
}

const RELATIONSHIPS: &str = "the list of parts";
const SHEETS: &str = "the list of sheets";
const STRINGS: &str = "the shared texts";
const SHEET: &str = "the first sheet";

/// An element's attribute by local name (`r:id` as `id`); any malformed
/// attribute refuses the part.
fn attribute(
    e: &quick_xml::events::BytesStart<'_>,
    name: &str,
    part: &str,
) -> Result<Option<String>, String> {
    let mut found = None;
    for a in e.attributes() {
        let a = a.map_err(|_| malformed(part))?;
        if a.key.local_name().as_ref() == name {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|_| malformed(part))?;
            if found.replace(value.into_owned()).is_some() {
                return Err(malformed(part));
            }
        }
    }
    Ok(found)
}

/// The relationships of a part: id → target, resolved against `dir`.
fn relationships(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    rels_path: &str,
    dir: &str,
) -> Result<Vec<(String, String, String)>, String> {
    let Some(xml) = part(archive, rels_path, SMALL_PART_BYTES, RELATIONSHIPS)? else {
        return Ok(Vec::new());
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().map_err(|_| malformed(RELATIONSHIPS))? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "Relationship" =>
            {
                let id = attribute(&e, "Id", RELATIONSHIPS)?.unwrap_or_default();
                let kind = attribute(&e, "Type", RELATIONSHIPS)?.unwrap_or_default();
                let target = attribute(&e, "Target", RELATIONSHIPS)?.unwrap_or_default();
                if found.len() >= 10_000 {
                    return Err(format!("{RELATIONSHIPS} of the workbook is too long"));
                }
                found.push((id, kind, resolve(dir, &target)));
            }
            quick_xml::events::Event::Eof => return Ok(found),
            _ => {}
        }
    }
}

/// A relationship's target as a path inside the zip.
fn resolve(dir: &str, target: &str) -> String {
    let joined = if let Some(absolute) = target.strip_prefix('/') {
        absolute.to_owned()
    } else {
        format!("{dir}{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The directory of a part, with its trailing slash.
fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..=at])
}

/// The relationships file of a part (`xl/_rels/workbook.xml.rels`).
fn rels_of(path: &str) -> String {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    }
}

/// The workbook part the package names (almost always `xl/workbook.xml`).
fn office_document(archive: &mut ZipArchive<Cursor<&[u8]>>) -> Result<String, String> {
    Ok(relationships(archive, "_rels/.rels", "")?
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, _, target)| target)
        .unwrap_or_else(|| "xl/workbook.xml".to_owned()))
}

/// The path of the workbook's first sheet, refused when it is hidden.
fn first_sheet(archive: &mut ZipArchive<Cursor<&[u8]>>, workbook: &str) -> Result<String, String> {
    let xml = part(archive, workbook, SMALL_PART_BYTES, SHEETS)?
        .ok_or_else(|| NOT_A_WORKBOOK.to_owned())?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (id, state) = loop {
        match reader.read_event().map_err(|_| malformed(SHEETS))? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "sheet" =>
            {
                break (
                    attribute(&e, "id", SHEETS)?.unwrap_or_default(),
                    attribute(&e, "state", SHEETS)?,
                );
            }
            quick_xml::events::Event::Eof => return Err("the workbook has no sheet".into()),
            _ => {}
        }
    };
    if state.is_some_and(|s| s != "visible") {
        return Err(
            "the workbook's first sheet is hidden: show it, or put the sheet to import first"
                .into(),
        );
    }
    let parts = relationships(archive, &rels_of(workbook), dir_of(workbook))?;
    if parts.is_empty() {
        return Err(format!("{RELATIONSHIPS} of the workbook is missing"));
    }
    parts
        .into_iter()
        .find(|(rid, kind, _)| *rid == id && kind.ends_with("/worksheet"))
        .map(|(_, _, target)| target)
        .ok_or_else(|| "the workbook's first sheet is not a worksheet (a chart?)".to_owned())
}

/// Text gathered from text, character and entity events.
fn push_text(
    out: &mut String,
    event: &quick_xml::events::Event<'_>,
    part: &str,
) -> Result<(), String> {
    let too_long = || {
        format!(
            "{part} of the workbook holds a text longer than the {MAX_CELL_CHARS} characters a cell takes"
        )
    };
    // Bytes, not characters, while gathering: counting characters at each
    // piece would grow with the square of a text made of many pieces; and
    // before the piece is copied, which could be the whole part.
    let room = (MAX_CELL_CHARS * 4).saturating_sub(out.len());
    match event {
        quick_xml::events::Event::Text(t) if t.len() > room => return Err(too_long()),
        quick_xml::events::Event::CData(t) if t.len() > room => return Err(too_long()),
        quick_xml::events::Event::Text(t) => out.push_str(&t.xml10_content()),
        quick_xml::events::Event::CData(t) => out.push_str(&t.xml10_content()),
        quick_xml::events::Event::GeneralRef(r) => {
            match r.resolve_char_ref().map_err(|_| malformed(part))? {
                Some(c) => out.push(c),
                None => out.push(match r.xml10_content().as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => return Err(malformed(part)),
                }),
            }
        }
        _ => {}
    }
    if out.len() > MAX_CELL_CHARS * 4 {
        return Err(too_long());
    }
    Ok(())
}

/// The shared strings, in order (a string's runs joined, its phonetic
/// guides left out).
fn shared_strings(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    workbook: &str,
) -> Result<Vec<String>, String> {
    let path = relationships(archive, &rels_of(workbook), dir_of(workbook))?
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/sharedStrings"))
        .map(|(_, _, target)| target)
        .unwrap_or_else(|| format!("{}sharedStrings.xml", dir_of(workbook)));
    let Some(xml) = part(archive, &path, STRINGS_PART_BYTES, STRINGS)? else {
        return Ok(Vec::new());
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut strings = Vec::new();
    let (mut current, mut in_si, mut in_t, mut phonetic) = (String::new(), false, false, 0usize);
    loop {
        let event = reader.read_event().map_err(|_| malformed(STRINGS))?;
        match &event {
            quick_xml::events::Event::Start(e) => match e.local_name().as_ref() {
                "si" => {
                    in_si = true;
                    current.clear();
                }
                "t" => in_t = true,
                "rPh" => phonetic += 1,
                _ => {}
            },
            quick_xml::events::Event::Empty(e) if e.local_name().as_ref() == "si" => {
                strings.push(String::new());
            }
            quick_xml::events::Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    in_si = false;
                    if current.chars().count() > MAX_CELL_CHARS {
                        return Err(format!(
                            "the workbook holds a text longer than the {MAX_CELL_CHARS} characters a cell takes"
                        ));
                    }
                    strings.push(unescaped(&std::mem::take(&mut current)));
                }
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            quick_xml::events::Event::Eof => return Ok(strings),
            _ if in_si && in_t && phonetic == 0 => push_text(&mut current, &event, STRINGS)?,
            _ => {}
        }
        if strings.len() > MAX_STRINGS {
            return Err(format!(
                "the workbook holds more than {MAX_STRINGS} different texts"
            ));
        }
    }
}

/// A cell reference such as `B4`: its row and column, from 0.
fn position(reference: &str) -> Option<(u32, u32)> {
    let letters = reference.bytes().take_while(u8::is_ascii_uppercase).count();
    let (col, row) = reference.split_at(letters);
    if !(1..=3).contains(&letters) || row.is_empty() || row.len() > 7 {
        return None;
    }
    let column = col
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    let row: u32 = row.parse().ok()?;
    (row >= 1 && column >= 1).then(|| (row - 1, column - 1))
}

/// A column's letters, as the spreadsheet names it: A, …, Z, AA, …
fn letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// What a sheet's kept cells have used.
#[derive(Default)]
struct Budget {
    text_bytes: usize,
    cells: usize,
}

/// Text with Excel's `_xHHHH_` escapes read (a carriage return is stored
/// as `_x000D_`, an underscore that starts one as `_x005F_`).
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let code = tail
            .get(2..6)
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    at: (u32, u32),
    kind: String,
    value: String,
    inline: String,
    formula: bool,
}

/// The sheet's cells by row (index: the row from 0), each row's cells with
/// their columns.
fn sheet_rows(
    xml: &str,
    strings: &[String],
    max_rows: usize,
) -> Result<Vec<Vec<(u32, String)>>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut rows: Vec<Vec<(u32, String)>> = Vec::new();
    let (mut row, mut next_column) = (0u32, 0u32);
    let mut started_row = false;
    let mut cell: Option<Cell> = None;
    let (mut in_v, mut in_is, mut in_t, mut phonetic) = (false, false, false, 0usize);
    let mut budget = Budget::default();
    let mut ended = false;
    loop {
        let event = reader.read_event().map_err(|_| malformed(SHEET))?;
        match &event {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let empty = matches!(event, quick_xml::events::Event::Empty(_));
                match e.local_name().as_ref() {
                    "row" => {
                        row = match attribute(e, "r", SHEET)? {
                            Some(r) => r
                                .parse::<u32>()
                                .ok()
                                .filter(|r| *r >= 1)
                                .map(|r| r - 1)
                                .ok_or_else(|| malformed(SHEET))?,
                            None if started_row => {
                                row.checked_add(1).ok_or_else(|| malformed(SHEET))?
                            }
                            None => 0,
                        };
                        started_row = true;
                        next_column = 0;
                    }
                    "c" => {
                        if cell.is_some() {
                            return Err(malformed(SHEET));
                        }
                        (in_v, in_is, in_t, phonetic) = (false, false, false, 0);
                        let at = match attribute(e, "r", SHEET)? {
                            Some(r) => position(&r).ok_or_else(|| malformed(SHEET))?,
                            None => (row, next_column),
                        };
                        next_column = at.1.saturating_add(1);
                        let kind = attribute(e, "t", SHEET)?.unwrap_or_default();
                        cell = (!empty).then(|| Cell {
                            at,
                            kind,
                            ..Cell::default()
                        });
                    }
                    "f" => {
                        if let Some(c) = cell.as_mut() {
                            c.formula = true;
                        }
                    }
                    "v" if !empty => in_v = true,
                    "is" if !empty => in_is = true,
                    "t" if !empty => in_t = true,
                    "rPh" if !empty => phonetic += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::End(e) => match e.local_name().as_ref() {
                "v" => in_v = false,
                "is" => in_is = false,
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "c" => {
                    if let Some(done) = cell.take() {
                        keep(done, strings, max_rows, &mut rows, &mut budget)?;
                    }
                }
                "sheetData" => ended = true,
                _ => {}
            },
            // A sheet cut short would import part of its rows.
            quick_xml::events::Event::Eof if !ended => return Err(malformed(SHEET)),
            quick_xml::events::Event::Eof => return Ok(rows),
            _ => {
                if let Some(c) = cell.as_mut() {
                    if in_v {
                        push_text(&mut c.value, &event, SHEET)?;
                    } else if in_is && in_t && phonetic == 0 {
                        push_text(&mut c.inline, &event, SHEET)?;
                    }
                }
            }
        }
    }
}

/// Keeps a read cell's value in its row, within the bounds.
fn keep(
    cell: Cell,
    strings: &[String],
    max_rows: usize,
    rows: &mut Vec<Vec<(u32, String)>>,
    budget: &mut Budget,
) -> Result<(), String> {
    let (row, column) = cell.at;
    let at = || {
        format!(
            "cell {}{} of the first sheet",
            letters(column),
            u64::from(row) + 1
        )
    };
    let value = match cell.kind.as_str() {
        "s" => {
            let index: usize = cell
                .value
                .trim()
                .parse()
                .map_err(|_| format!("{} is not well formed", at()))?;
            strings
                .get(index)
                .cloned()
                .ok_or_else(|| format!("{} names a text the workbook does not hold", at()))?
        }
        "inlineStr" => unescaped(&cell.inline),
        "b" => match cell.value.trim() {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            _ => return Err(format!("{} is not well formed", at())),
        },
        "e" => return Err(format!("{} holds an error (such as #N/A) rather than a value", at())),
        _ if cell.formula && cell.value.is_empty() => {
            return Err(format!(
                "{} holds a formula whose value the file does not keep: open the workbook in a spreadsheet program and save it again",
                at()
            ))
        }
        // A number: a whole one without its decimal point (a year typed
        // in a cell is kept as 2024 or 2024.0).
        "" | "n" => match cell.value.trim().parse::<f64>() {
            Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => cell.value.trim().to_owned(),
        },
        // Text a formula gave, an ISO date.
        _ => unescaped(&cell.value),
    };
    // Counted before anything else, blank values too: a sheet of many
    // cells naming one long blank text is work as much as a full one.
    budget.text_bytes += value.len();
    if budget.text_bytes > MAX_TEXT_BYTES {
        return Err(format!(
            "the first sheet holds more than {} MB of text: split it",
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    // A line break inside a cell would shift every later row's line.
    let value: String = value
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if value.trim().is_empty() {
        return Ok(());
    }
    if value.chars().count() > MAX_CELL_CHARS {
        return Err(format!(
            "{} holds more than the {MAX_CELL_CHARS} characters a cell takes",
            at()
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(format!("{} holds a control character", at()));
    }
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
    budget.cells += 1;
    if budget.cells > MAX_CELLS {
        return Err(format!(
            "the first sheet holds more than {MAX_CELLS} cells with a value"
        ));
    }
    let row = row as usize;
    if rows.len() <= row {
        rows.resize_with(row + 1, Vec::new);
    }
    if rows[row].iter().any(|(c, _)| *c == column) {
        return Err(format!("{} appears twice in the sheet", at()));
    }
    rows[row].push((column, value));
    Ok(())
}

/// The rows as CSV text, every value quoted (so that a `;` in the header
/// cannot pass for the separator), each row as wide as the widest (a
/// spreadsheet leaves empty cells out); an empty row is an empty line, so
/// that lines keep the spreadsheet's numbers. At most [`MAX_TEXT_BYTES`]:
/// quotes and padding add to what the cells hold.
fn csv_text(rows: Vec<Vec<(u32, String)>>) -> Result<String, String> {
    let width = rows
        .iter()
        .flatten()
        .map(|(column, _)| *column as usize + 1)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let mut record = vec![String::new(); width];
    for cells in rows {
        if !cells.is_empty() {
            record.iter_mut().for_each(String::clear);
            for (column, value) in cells {
                record[column as usize] = value;
            }
            for (i, value) in record.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(&value.replace('"', "\"\""));
                out.push('"');
            }
        }
        out.push('\n');
        if out.len() > MAX_TEXT_BYTES {
            return Err(format!(
                "the first sheet makes more than {} MB of text: split it",
                MAX_TEXT_BYTES / (1024 * 1024)
            ));
        }
    }
    Ok(out)
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
        assert_eq!(letters(u32::MAX).len(), 7, "no overflow");
        assert_eq!(position("B4"), Some((3, 1)));
        assert_eq!(position("AA1"), Some((0, 26)));
        assert_eq!(position("A0"), None);
        assert_eq!(position("4"), None);
        assert_eq!(position("ABCD1"), None);
        assert_eq!(position("A99999999"), None);
    }

    #[test]
    fn rows_keep_their_lines_and_every_value_is_quoted() {
        let text = csv_text(vec![
            vec![(0, "name".into()), (1, "themes".into())],
            vec![],
            vec![(1, "a; b".into()), (0, "Ligue, \"A\"".into())],
        ])
        .unwrap();
        assert_eq!(
            text,
            "\"name\",\"themes\"\n\n\"Ligue, \"\"A\"\"\",\"a; b\"\n"
        );
        let ragged = csv_text(vec![
            vec![(0, "name".into()), (1, "kind".into()), (2, "city".into())],
            vec![(0, "Ligue".into())],
        ])
        .unwrap();
        assert_eq!(ragged, "\"name\",\"kind\",\"city\"\n\"Ligue\",\"\",\"\"\n");
    }

    #[test]
    fn excel_escapes_are_read() {
        assert_eq!(unescaped("a_x000D_b"), "a\rb");
        assert_eq!(unescaped("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescaped("_x00"), "_x00");
        assert_eq!(unescaped("snake_xcase_"), "snake_xcase_");
    }

    #[test]
    fn relationship_targets_resolve_inside_the_zip() {
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(rels_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }

    #[test]
    fn cells_keep_their_text_numbers_and_shared_strings() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><r><t>a &amp; </t></r><r><t>b</t></r><rPh><t>x</t></rPh></is></c></row>
            <row r="3"><c r="A3"><v>2019</v></c><c r="B3"><v>3.5</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="str"><f>A1</f><v>line
two</v></c></row>
        </sheetData></worksheet>"#;
        let strings = vec!["zero".to_owned(), "one".to_owned()];
        let rows = sheet_rows(xml, &strings, 10).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], vec![(0, "one".into()), (1, "a & b".into())]);
        assert!(rows[1].is_empty());
        assert_eq!(
            rows[2],
            vec![
                (0, "2019".into()),
                (1, "3.5".into()),
                (2, "TRUE".into()),
                (3, "line two".into())
            ]
        );
    }

    #[test]
    fn a_sheet_out_of_bounds_is_refused_with_its_cell() {
        let far = r#"<sheetData><row r="2"><c r="CW2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#;
        assert!(sheet_rows(far, &[], 10).unwrap_err().contains("cell CW2"));
        let deep = r#"<sheetData><row r="12"><c r="A12"><v>1</v></c></row></sheetData>"#;
        assert!(sheet_rows(deep, &[], 10).unwrap_err().contains("cell A12"));
        let twice = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData>"#;
        assert!(sheet_rows(twice, &[], 10).unwrap_err().contains("twice"));
        let missing = r#"<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>"#;
        assert!(sheet_rows(missing, &[], 10).is_err());
        let control = r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&#1;b</t></is></c></row></sheetData>"#;
        assert!(sheet_rows(control, &[], 10)
            .unwrap_err()
            .contains("control character"));
        let duplicated = r#"<sheetData><row r="1" r="2"><c r="A1"><v>1</v></c></row></sheetData>"#;
        assert!(sheet_rows(duplicated, &[], 10).is_err());
        let unkept = r#"<sheetData><row r="1"><c r="B1"><f>A1*2</f></c></row></sheetData>"#;
        assert!(sheet_rows(unkept, &[], 10).unwrap_err().contains("cell B1"));
        let error = r#"<sheetData><row r="1"><c r="C1" t="e"><v>#N/A</v></c></row></sheetData>"#;
        assert!(sheet_rows(error, &[], 10).unwrap_err().contains("cell C1"));
        let cut = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#;
        assert!(sheet_rows(cut, &[], 10).is_err());
        let nested =
            r#"<sheetData><row r="1"><c r="A1"><c r="B1"><v>1</v></c></c></row></sheetData>"#;
        assert!(sheet_rows(nested, &[], 10).is_err());
    }
}
