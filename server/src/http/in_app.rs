//! Running the app's own code (a server function, an export) from a plain
//! axum handler, inside the context a server function would have: the
//! request's parts and the stores. What the app decides for a page it then
//! decides, the same way, for a file or an API call.

use axum::http::request::Parts;
use leptos::prelude::{provide_context, Owner};
use leptos::reactive::computed::ScopedFuture;
use std::future::Future;
use std::sync::Arc;

/// What a server function finds in its context (the stores, the mail
/// relay), provided again for each call.
#[derive(Clone)]
pub struct AppContext(pub Arc<dyn Fn() + Send + Sync>);

impl AppContext {
    /// Runs `work` with the request's `parts` and the stores in context.
    pub async fn run<T, F>(&self, parts: Parts, work: impl FnOnce() -> F) -> T
    where
        F: Future<Output = T>,
    {
        let provide = self.0.clone();
        let owner = Owner::new();
        owner
            .with(|| {
                ScopedFuture::new(async move {
                    provide_context(parts);
                    provide();
                    work().await
                })
            })
            .await
    }
}
