//! The HTTP surface: Leptos pages and server functions, `/healthz`, static
//! files, request tracing.

mod body_limit;
pub mod calendar;
mod csrf;
pub mod graph_export;
mod health;
pub mod language;
pub mod session;
pub mod site_files;

use app::accounts::store::{SharedAccounts, SharedAdministration};
use app::directory::store::SharedDirectory;
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::db::Db;
use crate::store::SurrealStore;
use std::sync::Arc;

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

/// The whole application as an axum router, ready to serve or to test.
pub fn router(options: LeptosOptions, store: Arc<SurrealStore>) -> Router {
    router_with_policy(options, store, session::Policy::default())
}

pub fn router_with_policy(
    options: LeptosOptions,
    store: Arc<SurrealStore>,
    policy: session::Policy,
) -> Router {
    // Generating the route list renders the app once with resource loading
    // suppressed through a process-wide flag; a resource first polled by
    // another router meanwhile would wait forever (leptos-rs/leptos#4773).
    // One generation per process closes that window for tests that build
    // several routers in parallel.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(app::App)).clone();
    let state = AppState {
        leptos_options: options.clone(),
        db: store.db().clone(),
    };
    let accounts: SharedAccounts = store.clone();
    let administration: SharedAdministration = store.clone();
    let observation: app::observation::store::SharedObservation = store.clone();
    let advocacy: app::advocacy::store::SharedAdvocacy = store.clone();
    let graph: app::graph::store::SharedGraph = store.clone();
    let feed = Router::new()
        .route("/calendar/{file}", get(calendar::feed))
        .route("/graph/{file}", get(graph_export::export))
        .with_state(store.clone());
    let directory: SharedDirectory = store;
    let context = {
        let accounts = accounts.clone();
        move || {
            provide_context(directory.clone());
            provide_context(accounts.clone());
            provide_context(administration.clone());
            provide_context(observation.clone());
            provide_context(advocacy.clone());
            provide_context(graph.clone());
        }
    };
    Router::new()
        .route("/healthz", get(health::healthz))
        .merge(feed)
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            site_files::service(
                &std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir),
            ),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, app::shell))
        .layer(axum::middleware::from_fn_with_state(
            (accounts, policy),
            session::attach,
        ))
        .layer(axum::middleware::from_fn(csrf::same_origin_writes))
        .layer(axum::middleware::from_fn(language::remember_choice))
        .layer(axum::middleware::from_fn(body_limit::limit))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
