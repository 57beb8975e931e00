//! The import desk: takes an upload, checks it in the background (the
//! import's progress is kept, so its author may leave and come back), and
//! on confirmation checks it again against the network as it is now and
//! writes it in one transaction. One import is checked or written at a
//! time per server, so a large one cannot starve the pages.

use crate::exchange::plan::{self, Importer, Plan};
use crate::exchange::rows::{self, FileProblem, Table};
use crate::exchange::workbook;
use crate::store::exchange::imports::{file_kind, ImportFileRow, ImportRow};
use crate::store::SurrealStore;
use app::accounts::Actor;
use app::error::{StoreError, WorkError};
use shared::import::{
    ImportFile, ImportSummary, ImportView, OutcomeCounts, OutcomeKind, PreviewRow, RowOutcome,
    MAX_UPLOAD_BYTES, PREVIEW_PAGE,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Clone)]
pub struct ImportDesk {
    store: Arc<SurrealStore>,
    /// One import checked or written at a time.
    turn: Arc<tokio::sync::Semaphore>,
    /// One workbook read at a time: each may take a core and a few hundred
    /// megabytes for some seconds.
    reading: Arc<tokio::sync::Semaphore>,
}

/// An uploaded file, before it is known to be text.
pub struct Upload {
    pub kind: ImportFile,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What reading a workbook came to.
enum WorkbookRead {
    Text(String),
    /// Why, for the person who saved it.
    Unreadable(String),
    /// Another workbook is being read.
    Busy,
}

/// Why an upload is refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProblem {
    NoFile,
    NotText,
    /// Its text is larger than an upload may make.
    TooLarge,
    /// Another workbook is being read: try again shortly.
    Busy,
    /// [`UPLOADS_A_DAY`] already: each keeps its files until written.
    TooMany,
}

/// Uploads one author may make in 24 hours: each keeps up to 32 MB of text
/// until it is written, so an account cannot fill the database.
pub const UPLOADS_A_DAY: i64 = 20;

impl UploadProblem {
    pub fn code(self) -> &'static str {
        match self {
            UploadProblem::NoFile => "no-file",
            UploadProblem::NotText => "not-text",
            UploadProblem::TooLarge => "too-large",
            UploadProblem::Busy => "busy",
            UploadProblem::TooMany => "too-many",
        }
    }
}

/// A file name as shown back: its last part, printable, at most 120 chars.
fn clean_name(raw: &str, kind: ImportFile) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    // No control nor invisible formatting characters (bidirectional
    // overrides, zero-width joiners) that would disguise the name shown.
    let name: String = last
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        })
        .take(120)
        .collect();
    if name.trim().is_empty() {
        format!("{}.csv", kind.as_str())
    } else {
        name
    }
}

impl ImportDesk {
    pub fn new(store: Arc<SurrealStore>) -> Self {
        Self {
            store,
            turn: Arc::new(tokio::sync::Semaphore::new(1)),
            reading: Arc::new(tokio::sync::Semaphore::new(1)),
        }
    }

    /// Keeps the files as a new import and starts checking it; answers its id.
    pub async fn upload(
        &self,
        actor: &Actor,
        uploads: Vec<Upload>,
    ) -> Result<Result<String, UploadProblem>, WorkError> {
        let uploads: Vec<Upload> = uploads
            .into_iter()
            .filter(|u| !u.bytes.is_empty())
            .collect();
        if uploads.is_empty() {
            return Ok(Err(UploadProblem::NoFile));
        }
        // The daily limit is asked before a workbook is read, so that an
        // account past it cannot keep the server reading (the upload's
        // transaction counts again).
        if uploads.iter().any(|u| workbook::is_workbook(&u.bytes))
            && self.store.uploads_in_a_day(actor).await? >= UPLOADS_A_DAY
        {
            return Ok(Err(UploadProblem::TooMany));
        }
        // Text files first: a refused one stops the upload before any
        // workbook is read.
        let mut texts: Vec<Option<String>> = Vec::new();
        for u in &uploads {
            texts.push(if workbook::is_workbook(&u.bytes) {
                None
            } else {
                match crate::exchange::decode::text(&u.bytes) {
                    Ok(text) => Some(text),
                    Err(_) => return Ok(Err(UploadProblem::NotText)),
                }
            });
        }
        let mut files = Vec::new();
        // A workbook that cannot be read makes a failed import that says
        // where, rather than a bare refusal; the ones after it are not read.
        let mut unreadable: Option<String> = None;
        for (u, text) in uploads.into_iter().zip(texts) {
            let name = clean_name(&u.name, u.kind);
            let text = match text {
                Some(text) => text,
                None if unreadable.is_some() => String::new(),
                None => match self.read_workbook(u.bytes, u.kind.max_rows()).await {
                    WorkbookRead::Text(text) => text,
                    WorkbookRead::Unreadable(why) => {
                        unreadable = Some(format!("{name}: {why}."));
                        String::new()
                    }
                    WorkbookRead::Busy => return Ok(Err(UploadProblem::Busy)),
                },
            };
            files.push(ImportFileRow {
                kind: u.kind.as_str().to_owned(),
                name,
                text,
            });
        }
        // Decoded text can outgrow its bytes (Windows-1252 into UTF-8).
        if files.iter().map(|f| f.text.len()).sum::<usize>() > 2 * MAX_UPLOAD_BYTES {
            return Ok(Err(UploadProblem::TooLarge));
        }
        let id = match self.store.create_import(actor, files, UPLOADS_A_DAY).await {
            Ok(id) => id,
            Err(WorkError::Stale) => return Ok(Err(UploadProblem::TooMany)),
            Err(e) => return Err(e),
        };
        match unreadable {
            Some(why) => self.fail(&id, &why).await,
            None => self.spawn_check(actor.clone(), id.clone()),
        }
        Ok(Ok(id))
    }

    /// Reads a workbook's first sheet as CSV text, one workbook at a time:
    /// another upload meanwhile is told to come back rather than queued.
    async fn read_workbook(&self, bytes: Vec<u8>, max_rows: usize) -> WorkbookRead {
        let Ok(permit) = self.reading.clone().try_acquire_owned() else {
            return WorkbookRead::Busy;
        };
        // The permit is held by the reading itself, which goes on to its
        // end even when the request is dropped.
        let read = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            workbook::csv_of(&bytes, max_rows)
        })
        .await;
        match read {
            Ok(Ok(text)) => WorkbookRead::Text(text),
            Ok(Err(why)) => WorkbookRead::Unreadable(why),
            Err(_) => WorkbookRead::Unreadable("the workbook cannot be read".into()),
        }
    }

    fn spawn_check(&self, actor: Actor, id: String) {
        let desk = self.clone();
        tokio::spawn(async move {
            let _turn = desk.turn.acquire().await;
            match desk.check(&actor, &id).await {
                Ok(plan) => {
                    if let Err(e) = desk
                        .store
                        .import_checked(&id, &plan.rows, plan.level, &plan.restricted, None)
                        .await
                    {
                        tracing::error!(error = %e, import = id, "an import's preview could not be kept");
                        desk.fail(&id, "The check's result could not be kept; check again.")
                            .await;
                    }
                }
                Err(e) => desk.fail(&id, &e).await,
            }
        });
    }

    /// Back to checked, with `plan`'s preview and why nothing was written.
    async fn show_again(&self, id: &str, plan: &Plan, why: &str) {
        if let Err(e) = self
            .store
            .import_checked(
                id,
                &plan.rows,
                plan.level,
                &plan.restricted,
                Some(why.into()),
            )
            .await
        {
            tracing::error!(error = %e, import = id, "an import's new preview could not be kept");
            self.fail(id, why).await;
        }
    }

    async fn fail(&self, id: &str, why: &str) {
        tracing::warn!(import = id, why, "an import failed");
        if let Err(e) = self.store.import_failed(id, why).await {
            tracing::error!(error = %e, import = id, "an import's failure could not be kept");
        }
    }

    /// Reads the import's files and judges every row; the import's
    /// progress follows.
    async fn check(&self, actor: &Actor, id: &str) -> Result<Plan, String> {
        if self
            .store
            .import_of(actor, id)
            .await
            .map_err(|e| e.to_string())?
            .is_none()
        {
            return Err("the import is gone".into());
        }
        let files = self
            .store
            .import_files(actor, id)
            .await
            .map_err(|e| e.to_string())?;
        let tables = tokio::task::spawn_blocking(move || {
            files
                .iter()
                .map(|f| {
                    let kind = file_kind(&f.kind);
                    (kind, rows::read(&f.text, kind, kind.max_rows()))
                })
                .collect::<Vec<(ImportFile, Result<Table, Vec<FileProblem>>)>>()
        })
        .await
        .map_err(|e| e.to_string())?;
        let total: usize = tables
            .iter()
            .map(|(_, t)| t.as_ref().map_or(0, |t| t.rows.len()))
            .sum();
        self.store
            .import_progress(id, 0, total)
            .await
            .map_err(|e| e.to_string())?;
        let snapshot = self
            .store
            .import_snapshot(actor)
            .await
            .map_err(|e| e.to_string())?;
        let done = Arc::new(AtomicUsize::new(0));
        let reporter = {
            let (store, done, id) = (self.store.clone(), done.clone(), id.to_owned());
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                    let n = done.load(Ordering::Relaxed);
                    let _ = store.import_progress(&id, n, total).await;
                }
            })
        };
        let role = actor.user.role;
        let viewer = actor.viewer.clone();
        let counter = done.clone();
        let planned = tokio::task::spawn_blocking(move || {
            let table_of = |kind: ImportFile| {
                tables
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .and_then(|(_, t)| t.as_ref().ok())
            };
            let importer = Importer {
                role,
                viewer: &viewer,
            };
            let mut plan = plan::plan(
                plan::Files {
                    organisations: table_of(ImportFile::Organisations),
                    persons: table_of(ImportFile::Persons),
                    relations: table_of(ImportFile::Relations),
                },
                &snapshot,
                &importer,
                plan::NewKeys {
                    organisation: &|name, acronym| {
                        crate::store::directory::creating::org_key_for(name, acronym)
                            .map(|k| k.as_str().to_owned())
                            .map_err(|e| e.to_string())
                    },
                    person: &|name| {
                        crate::store::people::editing::person_key_for(name)
                            .map(|k| k.as_str().to_owned())
                            .map_err(|e| format!("{e:?}"))
                    },
                },
                |n| counter.store(n, Ordering::Relaxed),
            )?;
            // A file refused as a whole shows its problems as rows in error.
            for (kind, table) in &tables {
                if let Err(problems) = table {
                    let mut counts = OutcomeCounts::default();
                    for p in problems {
                        counts.add(OutcomeKind::Error);
                        plan.rows.push(PreviewRow {
                            file: *kind,
                            line: p.line,
                            label: String::new(),
                            outcome: RowOutcome::Error {
                                problems: vec![p.problem.clone()],
                            },
                        });
                    }
                    plan.counts.push((*kind, counts));
                }
            }
            plan.counts.sort_by_key(|(k, _)| *k);
            Ok::<Plan, String>(plan)
        })
        .await
        .map_err(|e| e.to_string());
        reporter.abort();
        planned?
    }

    fn spawn_write(&self, asked_by: Actor, id: String) {
        let desk = self.clone();
        tokio::spawn(async move {
            let _turn = desk.turn.acquire().await;
            // The write may wait for another import: it is made with the
            // author's role and grants as they are when it starts.
            let actor = match desk.store.actor_now(&asked_by).await {
                Ok(Some(actor)) if actor.user.role.plans_missions() => actor,
                Ok(_) => {
                    return desk
                        .fail(
                            &id,
                            "Your account may no longer write imports; nothing was written.",
                        )
                        .await
                }
                Err(_) => return desk.fail(&id, "The import could not be read again.").await,
            };
            let previewed = match desk.store.import_of(&actor, &id).await {
                Ok(Some(row)) => row.preview_rows(),
                _ => return desk.fail(&id, "The import could not be read again.").await,
            };
            let plan = match desk.check(&actor, &id).await {
                Ok(plan) => plan,
                Err(e) => return desk.fail(&id, &e).await,
            };
            // What is written is what was shown: a network that changed
            // since the preview gets a new preview, not a different write.
            if plan.errors() > 0 || plan.rows != previewed {
                return desk
                    .show_again(
                        &id,
                        &plan,
                        "The network changed since the preview: here is the preview as it is now. Nothing was written.",
                    )
                    .await;
            }
            let counts = plan.totals();
            let started = std::time::Instant::now();
            match desk
                .store
                .write_import(&actor, &id, &plan.writes, &counts)
                .await
            {
                Ok(()) => tracing::info!(
                    import = id,
                    rows = counts.rows(),
                    millis = started.elapsed().as_millis() as u64,
                    "an import was written"
                ),
                Err(WorkError::Stale) => {
                    desk.show_again(
                        &id,
                        &plan,
                        "A record changed while the import was written; nothing was written. Check again.",
                    )
                    .await
                }
                Err(e) => {
                    tracing::error!(error = ?e, import = id, "an import could not be written");
                    desk.fail(
                        &id,
                        "The write failed; nothing was written. Check again, or ask an admin to look at the server's log.",
                    )
                    .await
                }
            }
        });
    }

    /// Checks then writes an import, waiting for it: for the command line
    /// and the benchmark. Answers the counts written.
    pub async fn import_now(&self, actor: &Actor, id: &str) -> Result<OutcomeCounts, String> {
        let plan = self.check(actor, id).await?;
        self.store
            .import_checked(id, &plan.rows, plan.level, &plan.restricted, None)
            .await
            .map_err(|e| e.to_string())?;
        if plan.errors() > 0 {
            return Err(format!("{} rows in error", plan.errors()));
        }
        let moved = self
            .store
            .import_moves(
                actor,
                id,
                &[shared::import::ImportStatus::Checked],
                shared::import::ImportStatus::Writing,
            )
            .await
            .map_err(|e| e.to_string())?;
        if !moved {
            return Err("the import is not waiting for a confirmation".into());
        }
        let counts = plan.totals();
        self.store
            .write_import(actor, id, &plan.writes, &counts)
            .await
            .map_err(|e| format!("{e:?}"))?;
        Ok(counts)
    }

    /// Starts the check of an upload and waits for its preview: for tests.
    pub async fn upload_and_check(
        &self,
        actor: &Actor,
        uploads: Vec<Upload>,
    ) -> Result<String, String> {
        let id = match self
            .upload(actor, uploads)
            .await
            .map_err(|e| format!("{e:?}"))?
        {
            Ok(id) => id,
            Err(p) => return Err(p.code().to_owned()),
        };
        self.wait(actor, &id).await?;
        Ok(id)
    }

    /// Waits until the import is neither checking nor writing.
    pub async fn wait(&self, actor: &Actor, id: &str) -> Result<ImportRow, String> {
        loop {
            let row = self
                .store
                .import_of(actor, id)
                .await
                .map_err(|e| e.to_string())?
                .ok_or("the import is gone")?;
            if !row.status().is_running() {
                return Ok(row);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

fn view_of(row: &ImportRow, shown: OutcomeKind, page: usize) -> ImportView {
    let rows = row.preview_rows();
    let mut counts: Vec<(ImportFile, OutcomeCounts)> = Vec::new();
    for kind in ImportFile::ALL {
        if row.files.iter().any(|f| file_kind(&f.kind) == kind) {
            let mut c = OutcomeCounts::default();
            for r in rows.iter().filter(|r| r.file == kind) {
                c.add(r.outcome.kind());
            }
            counts.push((kind, c));
        }
    }
    let matching: Vec<&PreviewRow> = rows.iter().filter(|r| r.outcome.kind() == shown).collect();
    let pages = matching.len().div_ceil(PREVIEW_PAGE).max(1);
    let page = page.clamp(1, pages);
    ImportView {
        id: row.key.clone(),
        status: row.status(),
        created_at: row.created_at.clone(),
        files: row
            .files
            .iter()
            .map(|f| (file_kind(&f.kind), f.name.clone()))
            .collect(),
        done: row.done.max(0) as usize,
        total: row.total.max(0) as usize,
        counts: if rows.is_empty() { Vec::new() } else { counts },
        rows: matching
            .into_iter()
            .skip((page - 1) * PREVIEW_PAGE)
            .take(PREVIEW_PAGE)
            .cloned()
            .collect(),
        shown,
        page,
        pages,
        failure: row.failure.clone(),
        written: row.written(),
    }
}

#[async_trait::async_trait]
impl app::exchange::store::Imports for ImportDesk {
    async fn imports(&self, actor: &Actor) -> Result<Vec<ImportSummary>, StoreError> {
        Ok(self
            .store
            .imports_of(actor)
            .await?
            .into_iter()
            .map(|r| ImportSummary {
                status: r.status(),
                created_at: r.created_at.clone(),
                files: r.files.iter().map(|f| f.name.clone()).collect(),
                id: r.key,
            })
            .collect())
    }

    async fn import(
        &self,
        actor: &Actor,
        id: &str,
        shown: OutcomeKind,
        page: usize,
    ) -> Result<Option<ImportView>, StoreError> {
        Ok(self
            .store
            .import_of(actor, id)
            .await?
            .map(|row| view_of(&row, shown, page)))
    }

    async fn confirm_import(&self, actor: &Actor, id: &str) -> Result<(), WorkError> {
        let row = self
            .store
            .import_of(actor, id)
            .await?
            .ok_or(WorkError::NotFound)?;
        let rows = row.preview_rows();
        if rows.iter().any(|r| r.outcome.kind() == OutcomeKind::Error) {
            return Err(WorkError::Stale);
        }
        use shared::import::ImportStatus;
        if !self
            .store
            .import_moves(actor, id, &[ImportStatus::Checked], ImportStatus::Writing)
            .await?
        {
            return Err(WorkError::Stale);
        }
        self.spawn_write(actor.clone(), id.to_owned());
        Ok(())
    }

    async fn check_import_again(&self, actor: &Actor, id: &str) -> Result<(), WorkError> {
        use shared::import::ImportStatus;
        if self.store.import_of(actor, id).await?.is_none() {
            return Err(WorkError::NotFound);
        }
        if !self
            .store
            .import_moves(
                actor,
                id,
                &[
                    ImportStatus::Checked,
                    ImportStatus::Interrupted,
                    ImportStatus::Failed,
                ],
                ImportStatus::Checking,
            )
            .await?
        {
            return Err(WorkError::NotFound);
        }
        self.spawn_check(actor.clone(), id.to_owned());
        Ok(())
    }
}
