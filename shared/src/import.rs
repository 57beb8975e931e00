//! Importing organisations, persons and their relations from CSV files: what the
//! preview says of each row before anything is written, and the state of an
//! import that can be left and come back to.

use crate::error::Problem;
use serde::{Deserialize, Serialize};

/// The most bytes one upload may carry (all its files together).
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;
/// The most organisation rows one import takes.
pub const MAX_ORGANISATION_ROWS: usize = 50_000;
/// The most person rows one import takes.
pub const MAX_PERSON_ROWS: usize = 50_000;
/// The most relation rows one import takes.
pub const MAX_RELATION_ROWS: usize = 200_000;
/// Rows of one outcome shown on one page of the preview.
pub const PREVIEW_PAGE: usize = 100;
/// Separates the values of a multi-value cell (themes, languages, other
/// names), as the exports write them.
pub const LIST_SEPARATOR: char = ';';

/// Which file of an import a row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFile {
    Organisations,
    Persons,
    Relations,
}

impl ImportFile {
    pub const ALL: [ImportFile; 3] = [
        ImportFile::Organisations,
        ImportFile::Persons,
        ImportFile::Relations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportFile::Organisations => "organisations",
            ImportFile::Persons => "persons",
            ImportFile::Relations => "relations",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    /// The columns a file of this kind may have, in the template's order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportFile::Organisations => ORGANISATION_COLUMNS,
            ImportFile::Persons => PERSON_COLUMNS,
            ImportFile::Relations => RELATION_COLUMNS,
        }
    }

    /// Columns of this list's export that an import reads past: the same
    /// file goes out and comes back in.
    pub fn ignored(self) -> &'static [&'static str] {
        match self {
            ImportFile::Organisations => &["country_name"],
            // Where a person lives and their memberships are relations:
            // memberships come in through the relations file.
            ImportFile::Persons => &["based_in", "organisations"],
            ImportFile::Relations => &[],
        }
    }

    /// The most rows a file of this kind takes.
    pub fn max_rows(self) -> usize {
        match self {
            ImportFile::Organisations => MAX_ORGANISATION_ROWS,
            ImportFile::Persons => MAX_PERSON_ROWS,
            ImportFile::Relations => MAX_RELATION_ROWS,
        }
    }

    /// Columns that must be there (a file of organisations with ids may leave
    /// out their names).
    pub fn required(self) -> &'static [&'static str] {
        match self {
            ImportFile::Organisations | ImportFile::Persons => &["name"],
            ImportFile::Relations => &["from", "to", "kind"],
        }
    }
}

/// An organisations file's columns. `id` picks the record to update (else
/// the name does); `description` is the text in `description_lang`, and
/// `description_<lang>` the text in that language.
pub const ORGANISATION_COLUMNS: &[&str] = &[
    "id",
    "name",
    "acronym",
    "kind",
    "country",
    "city",
    "website",
    "email",
    "member_since",
    "themes",
    "languages",
    "other_names",
    "description_lang",
    "description",
    "description_en",
    "description_fr",
    "description_es",
    "visibility",
];

/// A persons file's columns. `id` picks the person to update (else a name
/// that only one person the importer reads has does); `roles` and
/// `languages` are multi-value cells.
pub const PERSON_COLUMNS: &[&str] = &[
    "id",
    "name",
    "roles",
    "risk_level",
    "gender",
    "nationality",
    "languages",
    "description",
    "visibility",
];

/// A relations file's columns: `from` and `to` name an organisation by id,
/// or by its exact name or acronym (one in the organisations file counts).
/// A `member_of` row's `from` may name a person instead (`person:<id>`, or
/// a name of the persons file or of a person the importer reads): their
/// membership of the organisation `to`.
pub const RELATION_COLUMNS: &[&str] = &[
    "from",
    "to",
    "kind",
    "role",
    "since",
    "until",
    "source",
    "visibility",
];

/// What the import will do with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    New,
    /// An existing record the importer reads: its fields that change.
    Update {
        record: String,
        changes: Vec<String>,
    },
    Unchanged {
        record: String,
    },
    Error {
        problems: Vec<CellProblem>,
    },
}

impl RowOutcome {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            RowOutcome::New => OutcomeKind::New,
            RowOutcome::Update { .. } => OutcomeKind::Update,
            RowOutcome::Unchanged { .. } => OutcomeKind::Unchanged,
            RowOutcome::Error { .. } => OutcomeKind::Error,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Error,
    New,
    Update,
    Unchanged,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 4] = [
        OutcomeKind::Error,
        OutcomeKind::New,
        OutcomeKind::Update,
        OutcomeKind::Unchanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Error => "error",
            OutcomeKind::New => "new",
            OutcomeKind::Update => "update",
            OutcomeKind::Unchanged => "unchanged",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// What is wrong with one cell (or a header, on line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    /// The column's header, as the file spells it.
    pub column: String,
    /// The value refused, cut to a readable length.
    pub value: String,
    pub problem: Problem,
}

/// The most characters of a refused value the preview repeats.
pub const SHOWN_VALUE_CHARS: usize = 120;

impl CellProblem {
    pub fn new(column: &str, value: &str, problem: Problem) -> Self {
        Self {
            column: column.to_owned(),
            value: value.chars().take(SHOWN_VALUE_CHARS).collect(),
            problem,
        }
    }
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub file: ImportFile,
    /// The line in the file, the header being line 1.
    pub line: usize,
    /// The row's name (an organisation, a person) or `from → to` (a relation).
    pub label: String,
    pub outcome: RowOutcome,
}

/// How many rows of each outcome a file has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub error: usize,
}

impl OutcomeCounts {
    pub fn add(&mut self, kind: OutcomeKind) {
        match kind {
            OutcomeKind::New => self.new += 1,
            OutcomeKind::Update => self.update += 1,
            OutcomeKind::Unchanged => self.unchanged += 1,
            OutcomeKind::Error => self.error += 1,
        }
    }

    pub fn of(&self, kind: OutcomeKind) -> usize {
        match kind {
            OutcomeKind::New => self.new,
            OutcomeKind::Update => self.update,
            OutcomeKind::Unchanged => self.unchanged,
            OutcomeKind::Error => self.error,
        }
    }

    pub fn rows(&self) -> usize {
        self.new + self.update + self.unchanged + self.error
    }

    pub fn writes(&self) -> usize {
        self.new + self.update
    }
}

/// The state of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// The files are being read and every row checked.
    Checking,
    /// The preview is ready; nothing is written until confirmed.
    Checked,
    /// Confirmed: being written, in one transaction.
    Writing,
    Done,
    /// Refused as a whole (a file that is not CSV, too many rows) or failed.
    Failed,
    /// The server stopped while checking or writing; nothing was written.
    Interrupted,
}

impl ImportStatus {
    pub const ALL: [ImportStatus; 6] = [
        ImportStatus::Checking,
        ImportStatus::Checked,
        ImportStatus::Writing,
        ImportStatus::Done,
        ImportStatus::Failed,
        ImportStatus::Interrupted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Checking => "checking",
            ImportStatus::Checked => "checked",
            ImportStatus::Writing => "writing",
            ImportStatus::Done => "done",
            ImportStatus::Failed => "failed",
            ImportStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Whether the page should look again shortly.
    pub fn is_running(self) -> bool {
        matches!(self, ImportStatus::Checking | ImportStatus::Writing)
    }
}

/// An import as its author sees it, with one page of its preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: String,
    pub status: ImportStatus,
    pub created_at: String,
    /// `(kind, file name)` of each file uploaded.
    pub files: Vec<(ImportFile, String)>,
    pub done: usize,
    pub total: usize,
    /// Per file, once checked.
    pub counts: Vec<(ImportFile, OutcomeCounts)>,
    /// The rows of the outcome asked for, one page of them.
    pub rows: Vec<PreviewRow>,
    pub shown: OutcomeKind,
    pub page: usize,
    pub pages: usize,
    /// What stopped it, when it failed.
    pub failure: Option<String>,
    /// What was written, once done.
    pub written: Option<OutcomeCounts>,
}

impl ImportView {
    pub fn errors(&self) -> usize {
        self.counts.iter().map(|(_, c)| c.error).sum()
    }

    pub fn writes(&self) -> usize {
        self.counts.iter().map(|(_, c)| c.writes()).sum()
    }
}

/// An import in the author's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: String,
    pub status: ImportStatus,
    pub created_at: String,
    pub files: Vec<String>,
}
