//! The compiled site's files under `/pkg`: the WASM, its JavaScript glue and
//! the style sheet.
//!
//! A release build made with `--precompress` leaves a Brotli (`.br`) and a
//! gzip (`.gz`) copy beside each file, and these are sent to browsers that
//! accept them. Compressing the 5.7 MB WASM for each page load took about
//! 350 ms of a core, during which the page could not hydrate. Without copies
//! the files are compressed per response, as every other answer is.

use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tower_http::services::ServeDir;
use walkdir::WalkDir;

const COPIES: [&str; 2] = ["br", "gz"];

/// Serves `dir`, through its precompressed copies where they are current.
pub fn service(dir: &Path) -> ServeDir {
    let stale = stale_copies(dir);
    let kept: Vec<&PathBuf> = stale
        .iter()
        .filter(|copy| match std::fs::remove_file(copy) {
            Ok(()) => {
                tracing::info!(copy = %copy.display(), "removed a compressed copy older than its file");
                false
            }
            // Another router of this process removed it first.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => {
                tracing::warn!(copy = %copy.display(), error = %e, "cannot remove a stale compressed copy");
                true
            }
        })
        .collect();
    let files = ServeDir::new(dir);
    if kept.is_empty() {
        files.precompressed_br().precompressed_gzip()
    } else {
        // An old copy would pair an old WASM with new glue; compressing
        // each response is slower but always matches.
        files
    }
}

/// The `.br` and `.gz` files of `dir` (and below) written before the file
/// they copy, or whose file is gone. A build without `--precompress` (a
/// debug build) rewrites the files and leaves the release build's copies.
pub fn stale_copies(dir: &Path) -> Vec<PathBuf> {
    let mut stale: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COPIES.contains(&e))
        })
        .filter(|copy| {
            let copied = modified(copy);
            modified(&copy.with_extension(""))
                .is_none_or(|original| copied.is_none_or(|copied| copied < original))
        })
        .collect();
    stale.sort();
    stale
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

/// Whether a request is for a compiled asset or the icon: files that need
/// no session lookup and may be cached.
pub fn is_asset(path: &str) -> bool {
    ["/pkg/", "/favicon"].iter().any(|p| path.starts_with(p))
}
