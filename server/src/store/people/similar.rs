//! The duplicate finder for people: the names of everyone the one asking
//! may read, compared by `shared::similar`. Someone hidden from the asker
//! is never offered, so the question itself leaks nothing.

use crate::store::directory::MAX_SIMILAR;
use crate::store::visibility::READABLE;
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::similar::{similar, Names};
use shared::{SimilarRecord, Viewer};
use surrealdb::types::SurrealValue;

impl SurrealStore {
    pub(in crate::store) async fn similar_people(
        &self,
        viewer: &Viewer,
        new: &Names<'_>,
    ) -> Result<Vec<SimilarRecord>, StoreError> {
        #[derive(Debug, SurrealValue)]
        struct Row {
            key: String,
            name: String,
        }
        let rows: Vec<Row> = self
            .query_for(
                viewer,
                format!("SELECT record::id(id) AS key, name FROM person WHERE {READABLE}"),
            )
            .await
            .and_then(|mut r| r.take(0))
            .map_err(internal)?;
        let found = similar(
            new,
            rows.iter().map(|r| {
                (
                    r,
                    Names {
                        name: &r.name,
                        acronym: None,
                        other: &[],
                    },
                )
            }),
            MAX_SIMILAR,
        );
        Ok(found
            .into_iter()
            .map(|(r, likeness)| SimilarRecord {
                href: format!("/people/{}", r.key),
                name: r.name.clone(),
                likeness,
            })
            .collect())
    }
}
