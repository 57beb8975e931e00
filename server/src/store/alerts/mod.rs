//! Case alerts: sending and reading them (`cases.rs`), the secretariat's
//! work and the exchange with the sender (`handling.rs`).

pub mod cases;
pub mod handling;

use surrealdb::types::RecordId;

pub(in crate::store) fn alert_record(id: &shared::AlertId) -> RecordId {
    RecordId::new("alert", id.as_str())
}

use crate::store::accounts::sessions::user_record;
use crate::store::{internal, SurrealStore};
use app::error::WorkError;

impl SurrealStore {
    /// The secretariat's accounts, told of new alerts and senders' messages
    /// (each still checked against what they may read).
    pub(in crate::store) async fn secretariat(&self) -> Result<Vec<RecordId>, WorkError> {
        self.db
            .query(
                "SELECT VALUE id FROM user WHERE role IN ['staff', 'admin'] AND disabled = false",
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(|e| WorkError::Store(internal(e)))
    }

    /// How many `table` rows `user` wrote (`by` names them, `at` when)
    /// within `window` (a SurrealQL duration such as `1d`): the count a
    /// sending limit compares with. The three names are constants of the
    /// callers, never input.
    pub(in crate::store) async fn written_lately(
        &self,
        user: &shared::UserId,
        table: &'static str,
        by: &'static str,
        at: &'static str,
        window: &'static str,
    ) -> Result<i64, WorkError> {
        self.db
            .query(format!(
                "SELECT VALUE count() FROM {table} WHERE {by} = $me AND {at} > time::now() - {window} GROUP ALL"
            ))
            .bind(("me", user_record(user)))
            .await
            .and_then(|mut r| r.take::<Vec<i64>>(0))
            .map(|v| v.into_iter().next().unwrap_or(0))
            .map_err(|e| WorkError::Store(internal(e)))
    }
}
