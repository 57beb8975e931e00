//! Imports from Excel workbooks: the first sheet is read as a CSV file
//! would be, each problem on the spreadsheet's own row; a hostile workbook
//! (one that unpacks into gigabytes, declares more strings than it holds,
//! or puts a value far to the right) makes a failed import that says why,
//! and never takes the server down.

use crate::store_imports::{count, problems, rows};
use crate::support;
use app::exchange::store::Imports as _;
use server::exchange::desk::{ImportDesk, Upload};
use shared::import::{ImportFile, ImportStatus, OutcomeKind, RowOutcome};
use shared::Role;
use std::io::Write;
use std::sync::Arc;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

type Parts = zip::ZipWriter<std::io::Cursor<Vec<u8>>>;

/// A workbook of one sheet named "Feuil1" whose `<sheetData>` holds
/// `rows`; with shared strings when given.
fn workbook(rows: &str, shared_strings: Option<&str>) -> Vec<u8> {
    workbook_parts(rows, shared_strings, 0)
        .finish()
        .unwrap()
        .into_inner()
}

/// The workbook's parts, its sheet opening with `padding_mb` megabytes of
/// an XML comment.
fn workbook_parts(rows: &str, shared_strings: Option<&str>, padding_mb: usize) -> Parts {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, body: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    part(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
        ),
    );
    if let Some(strings) = shared_strings {
        part("xl/sharedStrings.xml", strings);
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">"#
    )
    .unwrap();
    if padding_mb > 0 {
        zip.write_all(b"<!--").unwrap();
        let block = vec![b'a'; 1024 * 1024];
        for _ in 0..padding_mb {
            zip.write_all(&block).unwrap();
        }
        zip.write_all(b"-->").unwrap();
    }
    write!(zip, "<sheetData>{rows}</sheetData></worksheet>").unwrap();
    zip
}

/// A text cell written in the sheet itself.
fn text(at: &str, value: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

fn number(at: &str, value: f64) -> String {
    format!(r#"<c r="{at}"><v>{value}</v></c>"#)
}

fn upload(bytes: Vec<u8>) -> Upload {
    Upload {
        kind: ImportFile::Organisations,
        name: "organisations.xlsx".into(),
        bytes,
    }
}

#[tokio::test]
async fn a_workbooks_first_sheet_imports_with_problems_on_the_spreadsheets_rows() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let header = [
        text("A1", "name"),
        text("B1", "kind"),
        text("C1", "country"),
        text("D1", "member_since"),
        text("E1", "visibility"),
        text("F1", "themes"),
    ]
    .concat();
    // The kind and visibility come from the shared strings (0: member,
    // 1: public), as Excel writes them; row 3 is left empty.
    let good = [
        text("A2", "Ligue cap-verdienne des droits humains"),
        r#"<c r="B2" t="s"><v>0</v></c>"#.to_owned(),
        text("C2", "CV"),
        number("D2", 2019.0),
        r#"<c r="E2" t="s"><v>1</v></c>"#.to_owned(),
        text("F2", "torture-prevention; justice"),
    ]
    .concat();
    let bad = [
        text("A4", "Ligue des nuages"),
        r#"<c r="B4" t="s"><v>0</v></c>"#.to_owned(),
        text("C4", "XX"),
        r#"<c r="E4" t="s"><v>1</v></c>"#.to_owned(),
    ]
    .concat();
    let strings = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="2"><si><t>member</t></si><si><t>public</t></si></sst>"#;
    let sheet = |with_bad: bool| {
        format!(
            r#"<row r="1">{header}</row><row r="2">{good}</row>{}"#,
            if with_bad {
                format!(r#"<row r="4">{bad}</row>"#)
            } else {
                String::new()
            }
        )
    };
    let before = count(&store, "organisation").await;
    let id = desk
        .upload_and_check(&staff, vec![upload(workbook(&sheet(true), Some(strings)))])
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].line, 2);
    assert_eq!(all[0].outcome, RowOutcome::New);
    assert_eq!(all[1].line, 4, "the spreadsheet's row, past the empty one");
    assert_eq!(problems(&all[1]), vec![("country".into(), "XX".into())]);
    assert!(desk.confirm_import(&staff, &id).await.is_err());
    assert_eq!(count(&store, "organisation").await, before);

    // Fixed: written, with the year read from a number cell.
    let id = desk
        .upload_and_check(&staff, vec![upload(workbook(&sheet(false), Some(strings)))])
        .await
        .unwrap();
    desk.confirm_import(&staff, &id).await.unwrap();
    let done = desk.wait(&staff, &id).await.unwrap();
    assert_eq!(done.status(), ImportStatus::Done, "{:?}", done.failure);
    let since: Vec<Option<i64>> = store
        .db()
        .query("SELECT VALUE member_since FROM organisation WHERE name = 'Ligue cap-verdienne des droits humains'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(since, vec![Some(2019)]);
    // The same workbook again changes nothing.
    let again = desk
        .upload_and_check(&staff, vec![upload(workbook(&sheet(false), Some(strings)))])
        .await
        .unwrap();
    let view = desk
        .import(&staff, &again, OutcomeKind::Unchanged, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((view.errors(), view.writes()), (0, 0));
}

/// The failure an upload of `bytes` ends in.
async fn failure_of(desk: &ImportDesk, staff: &app::accounts::Actor, bytes: Vec<u8>) -> String {
    let id = desk
        .upload_and_check(staff, vec![upload(bytes)])
        .await
        .unwrap();
    let row = desk.wait(staff, &id).await.unwrap();
    assert_eq!(row.status(), ImportStatus::Failed);
    row.failure.unwrap_or_default()
}

#[tokio::test]
async fn a_hostile_workbook_fails_its_import_and_says_why() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let header = format!(r#"<row r="1">{}</row>"#, text("A1", "name"));

    // A sheet that unpacks to more than its bound (100 MB of one character
    // packs into about 100 KB).
    let bomb = workbook_parts(&header, None, 100)
        .finish()
        .unwrap()
        .into_inner();
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    let why = failure_of(&desk, &staff, bomb).await;
    assert!(why.contains("unpacks to more than 96 MB"), "{why}");

    // More texts than a workbook may hold, and one longer than a cell takes.
    let many = format!(r#"<sst xmlns="{MAIN}">{}</sst>"#, "<si/>".repeat(1_000_001));
    let why = failure_of(&desk, &staff, workbook(&header, Some(&many))).await;
    assert!(why.contains("more than 1000000 different texts"), "{why}");
    let long = format!(
        r#"<sst xmlns="{MAIN}"><si><t>{}</t></si></sst>"#,
        "a".repeat(40_000)
    );
    let why = failure_of(&desk, &staff, workbook(&header, Some(&long))).await;
    assert!(why.contains("32767 characters"), "{why}");

    // The same long blank text named by many cells: refused by the amount
    // of text, not read for minutes.
    let blank = format!(
        r#"<sst xmlns="{MAIN}"><si><t xml:space="preserve">{}</t></si></sst>"#,
        " ".repeat(30_000)
    );
    let cells: String = (2..=2_000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let why = failure_of(
        &desk,
        &staff,
        workbook(&format!("{header}{cells}"), Some(&blank)),
    )
    .await;
    assert!(why.contains("MB of text"), "{why}");

    // A value far right of the columns an import reads.
    let far = format!(
        r#"<row r="1">{}</row><row r="2">{}{}</row>"#,
        text("A1", "name"),
        text("A2", "Ligue"),
        text("CW2", "x")
    );
    let why = failure_of(&desk, &staff, workbook(&far, None)).await;
    assert!(why.contains("cell CW2"), "{why}");

    // A zip that is no workbook, and one that is cut short.
    let mut plain = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    plain
        .start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    plain.write_all(b"hello").unwrap();
    let why = failure_of(&desk, &staff, plain.finish().unwrap().into_inner()).await;
    assert!(why.contains("organisations.xlsx"), "{why}");
    let mut cut = workbook(&header, None);
    cut.truncate(cut.len() / 2);
    let why = failure_of(&desk, &staff, cut).await;
    assert!(why.contains("not an Excel workbook"), "{why}");
    // Nothing was written, and the server still answers.
    assert!(desk.imports(&staff).await.unwrap().len() >= 5);
}
