//! Reading a restricted record, and every export, leaves a line in the
//! audit log: who, what, when, how many records. One line an hour per
//! reader, action and record is enough to answer "who saw this", and keeps a
//! reloaded page or a calendar app polling its feed from flooding the log.
//! A read that cannot be logged is refused: an unlogged look at a restricted
//! record is what this exists to prevent.

use crate::accounts::auth::context;
use crate::accounts::store::Access;
use crate::error::AppError;
use shared::Visibility;

/// The reader of this request looked at `target`, of `visibility`: logged
/// when it is restricted.
pub async fn restricted_read(target: String, visibility: Visibility) -> Result<(), AppError> {
    if visibility != Visibility::Restricted {
        return Ok(());
    }
    record("read.restricted", Some(target), 1).await
}

/// The reader of this request saw these records (`table:key`) inside a page
/// of another: each that is restricted is logged as a read of its own. Only
/// admins and readers granted a restricted record can see one, so for
/// everyone else nothing is asked.
pub async fn embedded_reads(records: impl IntoIterator<Item = String>) -> Result<(), AppError> {
    let Some(session) = context::session() else {
        return Ok(());
    };
    let viewer = session.viewer();
    if viewer.clearance() < Visibility::Restricted && viewer.grants().is_empty() {
        return Ok(());
    }
    let records: Vec<String> = records.into_iter().collect();
    for target in context::accounts()?.restricted_among(&records).await? {
        record("read.restricted", Some(target), 1).await?;
    }
    Ok(())
}

/// The reader of this request did `action` with `records` records.
pub async fn record(
    action: &'static str,
    target: Option<String>,
    records: usize,
) -> Result<(), AppError> {
    let access = Access {
        user: context::session().map(|s| s.user),
        address: context::client_address(),
        action,
        target,
        records,
    };
    Ok(context::accounts()?.record_access(&access).await?)
}
