//! Imports from CSV files: the author's list, one import's preview page by
//! page, confirming and checking again. The upload itself is a plain form
//! posted to `/imports` (a file does not go through a server function).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::import::{ImportSummary, ImportView};

#[cfg(feature = "ssr")]
mod context {
    use crate::accounts::Actor;
    use crate::error::AppError;
    use crate::exchange::store::SharedImports;
    use leptos::prelude::use_context;

    pub fn imports() -> Result<SharedImports, AppError> {
        use_context::<SharedImports>().ok_or_else(|| {
            tracing::error!("no import desk in the request context");
            AppError::Internal
        })
    }

    /// Staff and admins import, as they create organisations.
    pub fn importer() -> Result<Actor, AppError> {
        crate::observation::api::context::planner()
    }
}

#[server(input = Json, endpoint = "imports")]
pub async fn fetch_imports() -> Result<Vec<ImportSummary>, AppError> {
    let actor = context::importer()?;
    Ok(context::imports()?.imports(&actor).await?)
}

#[server(input = Json, endpoint = "import")]
pub async fn fetch_import(id: String, show: String, page: usize) -> Result<ImportView, AppError> {
    let actor = context::importer()?;
    let shown =
        shared::import::OutcomeKind::parse(&show).unwrap_or(shared::import::OutcomeKind::Error);
    let view = context::imports()?
        .import(&actor, &id, shown, page.max(1))
        .await?
        .ok_or(AppError::NotFound)?;
    // The stored records a page of the preview names are read through it.
    let named = view.rows.iter().filter_map(|r| match &r.outcome {
        shared::import::RowOutcome::Update { record, .. }
        | shared::import::RowOutcome::Unchanged { record } => Some(record.clone()),
        _ => None,
    });
    crate::accounts::access_log::embedded_reads(named).await?;
    Ok(view)
}

#[server(endpoint = "import-confirm")]
pub async fn confirm_import(id: String) -> Result<(), AppError> {
    let actor = context::importer()?;
    Ok(context::imports()?.confirm_import(&actor, &id).await?)
}

#[server(endpoint = "import-check-again")]
pub async fn check_import_again(id: String) -> Result<(), AppError> {
    let actor = context::importer()?;
    Ok(context::imports()?.check_import_again(&actor, &id).await?)
}
