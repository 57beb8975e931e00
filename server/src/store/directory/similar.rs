//! The duplicate finder for organisations: the names, acronyms and other
//! names of every organisation the one asking may read, compared in Rust by
//! `shared::similar` (accents folded, scripts transliterated, acronyms
//! against initials). A record the reader may not see is never offered.

use crate::store::visibility::READABLE;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::similar::{similar, Names};
use shared::{SimilarRecord, Viewer};
use surrealdb::types::SurrealValue;

/// At most this many records are offered: enough to recognise one's own.
pub(in crate::store) const MAX_SIMILAR: usize = 6;

impl SurrealStore {
    pub(in crate::store) async fn similar_organisations(
        &self,
        viewer: &Viewer,
        new: &Names<'_>,
    ) -> Result<Vec<SimilarRecord>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Row {
            key: String,
            name: String,
            acronym: Option<String>,
            other_names: Option<Vec<String>>,
        }
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!(
                    "SELECT record::id(id) AS key, name, acronym, other_names FROM organisation
                     WHERE {READABLE}"
                ),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let empty = Vec::new();
        let found = similar(
            new,
            rows.iter().map(|r| {
                (
                    r,
                    Names {
                        name: &r.name,
                        acronym: r.acronym.as_deref(),
                        other: r.other_names.as_ref().unwrap_or(&empty),
                    },
                )
            }),
            MAX_SIMILAR,
        );
        Ok(found
            .into_iter()
            .map(|(r, likeness)| SimilarRecord {
                href: format!("/organisations/{}", r.key),
                name: match &r.acronym {
                    Some(a) => format!("{} ({a})", r.name),
                    None => r.name.clone(),
                },
                likeness,
            })
            .collect())
    }
}
