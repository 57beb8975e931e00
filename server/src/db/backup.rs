//! Backups: the whole database as SurrealQL, its schema and the record of
//! the migrations applied with it. SurrealDB's export reads everything in
//! one transaction, so a backup taken while the platform writes is one
//! consistent moment. A restore loads such a file into an empty database
//! only, then brings it to this version's migrations; one that fails is
//! undone, leaving the database empty again rather than half restored.

use super::{migrations, reference, Db, DbError};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("cannot write the backup in {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the database could not be exported: {0}")]
    Export(#[source] Box<surrealdb::Error>),
    #[error("{path} is not a backup of this platform: {why}")]
    NotABackup { path: PathBuf, why: &'static str },
    #[error(
        "the database is not empty ({tables} tables): a backup is restored only into an empty \
         database, so that nothing in it is mixed with or lost under the backup"
    )]
    NotEmpty { tables: usize },
    #[error("the restore failed and was undone (the database is empty again): {0}")]
    Import(String),
    #[error(transparent)]
    Db(Box<DbError>),
}

impl From<DbError> for BackupError {
    fn from(e: DbError) -> Self {
        BackupError::Db(Box::new(e))
    }
}

/// The first statement of every SurrealDB export: records are written
/// as they were, without running the tables' events again.
const FIRST_STATEMENT: &str = "OPTION IMPORT;";

/// What every backup of this platform defines: the record of migrations.
const MIGRATION_TABLE: &str = "DEFINE TABLE migration ";

/// The last line of every whole backup, written once the export has ended
/// without an error: a file cut short (a full disk, a download broken off)
/// lacks it and is refused.
pub const TRAILER: &str = "-- sos-torture backup: complete\n";

/// Tables a restore empties: sessions and reset links of the past must not
/// open the restored platform to whoever held them.
const FORGOTTEN_ON_RESTORE: &str = "DELETE session; DELETE password_reset;";

/// Writes a backup of `db` to `out`. It is written beside `out` under
/// another name, readable by its owner only (it holds every restricted
/// record and every password hash), and renamed to `out` once complete:
/// a backup cut short by a full disk or a stop never stands as a whole one.
/// Answers its size in bytes.
pub async fn write(db: &Db, out: &Path) -> Result<u64, BackupError> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let write_error = |source| BackupError::Write {
        path: dir.to_owned(),
        source,
    };
    let partial = tempfile::Builder::new()
        .prefix(".sos-backup-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(write_error)?;
    db.export(partial.path())
        .with_config()
        .users(false)
        .accesses(false)
        .await
        .map_err(|e| BackupError::Export(Box::new(e)))?;
    {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(partial.path())
            .map_err(write_error)?;
        file.write_all(TRAILER.as_bytes()).map_err(write_error)?;
        // On disk before it takes its name: after a power cut the name
        // never stands for a file that is not whole.
        file.sync_all().map_err(write_error)?;
    }
    check(partial.path())?;
    let bytes = std::fs::metadata(partial.path())
        .map_err(write_error)?
        .len();
    partial.persist(out).map_err(|e| BackupError::Write {
        path: out.to_owned(),
        source: e.error,
    })?;
    if let Ok(dir) = std::fs::File::open(dir) {
        dir.sync_all().map_err(write_error)?;
    }
    Ok(bytes)
}

/// Whether the file ends with the trailer of a whole backup.
fn ends_whole(file: &Path) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(file)?;
    let len = f.metadata()?.len();
    let tail = TRAILER.len() as u64;
    if len < tail {
        return Ok(false);
    }
    f.seek(SeekFrom::Start(len - tail))?;
    let mut end = Vec::with_capacity(TRAILER.len());
    f.read_to_end(&mut end)?;
    Ok(end == TRAILER.as_bytes())
}

/// Whether `file` looks like a backup of this platform: SurrealDB's export
/// format, and the migrations table among its definitions.
pub fn check(file: &Path) -> Result<(), BackupError> {
    let read_error = |source| BackupError::Read {
        path: file.to_owned(),
        source,
    };
    let not = |why| BackupError::NotABackup {
        path: file.to_owned(),
        why,
    };
    let reader = std::io::BufReader::new(std::fs::File::open(file).map_err(read_error)?);
    let mut first = None;
    let mut migrations = false;
    for line in reader.lines() {
        let line = line.map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                not("it is not text")
            } else {
                read_error(e)
            }
        })?;
        let line = line.trim();
        if first.is_none() && !line.is_empty() && !line.starts_with("--") {
            if line != FIRST_STATEMENT {
                return Err(not("it does not begin as a SurrealDB export does"));
            }
            first = Some(());
        }
        if line.starts_with(MIGRATION_TABLE) {
            migrations = true;
            break;
        }
    }
    match (first, migrations) {
        (None, _) => Err(not("it is empty")),
        (Some(()), false) => Err(not("it holds no record of migrations")),
        (Some(()), true) => {
            if ends_whole(file).map_err(read_error)? {
                Ok(())
            } else {
                Err(not(
                    "it is cut short: its last line is not that of a whole backup",
                ))
            }
        }
    }
}

/// What the database defines, by kind (`tables`, `functions`, ...), each
/// with its names.
async fn defined(db: &Db) -> Result<BTreeMap<String, Vec<String>>, DbError> {
    let info: Option<serde_json::Value> = db.query("INFO FOR DB").await?.take(0)?;
    let mut kinds = BTreeMap::new();
    if let Some(serde_json::Value::Object(info)) = info {
        for (kind, names) in info {
            if let serde_json::Value::Object(names) = names {
                kinds.insert(kind, names.keys().cloned().collect());
            }
        }
    }
    Ok(kinds)
}

/// The tables the database defines, by name.
async fn tables(db: &Db) -> Result<Vec<String>, DbError> {
    Ok(defined(db).await?.remove("tables").unwrap_or_default())
}

/// How many records each table holds.
pub async fn counts(db: &Db) -> Result<BTreeMap<String, u64>, DbError> {
    let mut counts = BTreeMap::new();
    for table in tables(db).await? {
        let ids: Vec<surrealdb::types::RecordId> = db
            .query("SELECT VALUE id FROM type::table($table)")
            .bind(("table", table.clone()))
            .await?
            .take(0)?;
        counts.insert(table, ids.len() as u64);
    }
    Ok(counts)
}

/// Restores `file` into `db`, which must hold no table; `database` is the
/// name it was opened with (to undo a failed restore). Sessions and reset
/// links are not restored. Answers the records restored, per table.
pub async fn restore(
    db: &Db,
    database: &str,
    file: &Path,
) -> Result<BTreeMap<String, u64>, BackupError> {
    check(file)?;
    if !valid_name(database) {
        return Err(BackupError::Import(format!(
            "the database name {database:?} is not one a restore can undo"
        )));
    }
    let present = defined(db).await?;
    if present.values().any(|names| !names.is_empty()) {
        return Err(BackupError::NotEmpty {
            tables: present.get("tables").map_or(0, Vec::len),
        });
    }
    if let Err(e) = db.import(file).await {
        empty(db, database).await?;
        return Err(BackupError::Import(e.to_string()));
    }
    if let Err(e) = migrations::apply(db).await {
        empty(db, database).await?;
        return Err(BackupError::Import(e.to_string()));
    }
    db.query(FORGOTTEN_ON_RESTORE)
        .await
        .and_then(|r| r.check())
        .map_err(DbError::from)?;
    reference::ensure(db).await?;
    Ok(counts(db).await?)
}

/// A database name written as it is into the statement that removes it.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Removes everything a failed restore left, with the database itself,
/// and defines it again, empty. It held nothing before the restore.
async fn empty(db: &Db, database: &str) -> Result<(), DbError> {
    db.query(format!(
        "REMOVE DATABASE IF EXISTS `{database}`;
         DEFINE DATABASE IF NOT EXISTS `{database}`;"
    ))
    .await?
    .check()?;
    db.use_db(database).await?;
    Ok(())
}
