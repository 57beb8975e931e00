//! Data coming in: CSV files read (`decode`, `rows`; an Excel workbook's
//! first sheet as CSV: `workbook`), judged row by row
//! against what the importer reads (`plan`; `persons` for a file of
//! persons), and the import desk that
//! checks and writes in the background (`desk`).

pub mod decode;
pub mod desk;
pub mod persons;
pub mod plan;
pub mod rows;
pub mod workbook;
