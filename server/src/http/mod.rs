//! The HTTP surface: Leptos pages and server functions, `/healthz`, static
//! files, request tracing.

pub mod api;
pub mod appeals_feed;
mod backup_download;
mod body_limit;
pub mod calendar;
mod csrf;
pub mod graph_export;
mod health;
mod imports;
pub mod in_app;
pub mod language;
pub mod list_export;
mod page_cache;
mod refused_forms;
pub mod security_headers;
pub mod session;
pub mod site_files;
pub mod unsubscribe;

use app::accounts::auth::context::CspNonce;
use app::accounts::store::{SharedAccounts, SharedAdministration};
use app::directory::store::SharedDirectory;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Duration;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::db::Db;
use crate::store::SurrealStore;
use std::sync::Arc;

/// Longest a request may take before it is answered 503.
pub const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(30);
/// Requests handled at once; more wait for a turn (and the time limit).
pub const MAX_REQUESTS_AT_ONCE: usize = 256;

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

/// The application's pages, generated once per process: generating the
/// list renders the app with resource loading suppressed through a
/// process-wide flag, and a resource first polled by another router
/// meanwhile would wait forever (leptos-rs/leptos#4773). One generation per
/// process closes that window for tests that build routers in parallel.
fn routes() -> &'static Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App))
}

/// The address pattern of every page (`/organisations/{id}`), for tests
/// that visit them all.
pub fn page_paths() -> Vec<String> {
    routes().iter().map(|r| r.path().to_owned()).collect()
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
    let routes = routes().clone();
    let state = AppState {
        leptos_options: options.clone(),
        db: store.db().clone(),
    };
    let accounts: SharedAccounts = store.clone();
    let administration: SharedAdministration = store.clone();
    let observation: app::observation::store::SharedObservation = store.clone();
    let advocacy: app::advocacy::store::SharedAdvocacy = store.clone();
    let people: app::people::store::SharedPeople = store.clone();
    let membership: app::membership::store::SharedMembership = store.clone();
    let alerts: app::alerts::store::SharedAlerts = store.clone();
    let appeals: app::appeals::store::SharedAppeals = store.clone();
    let graph: app::graph::store::SharedGraph = store.clone();
    let notifications: app::notifications::store::SharedNotifications = store.clone();
    let api_tokens: app::exchange::store::SharedApiTokens = store.clone();
    let mail_relay = app::notifications::MailRelay(policy.mail_relay.clone());
    let backup_plan = policy.backup_plan.clone();
    let feed = Router::new()
        .route("/calendar/{file}", get(calendar::feed))
        .route("/appeals.atom", get(appeals_feed::feed))
        .route("/graph/{file}", get(graph_export::export))
        .route("/admin/backup/download", post(backup_download::download))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe::open).post(unsubscribe::one_click),
        )
        .with_state(store.clone());
    let import_desk = crate::exchange::desk::ImportDesk::new(store.clone());
    let imports_context: app::exchange::store::SharedImports = Arc::new(import_desk.clone());
    let import_routes = Router::new()
        .route(
            body_limit::UPLOAD_PATH,
            post(imports::upload).layer(axum::extract::DefaultBodyLimit::max(
                shared::import::MAX_UPLOAD_BYTES + 64 * 1024,
            )),
        )
        .route("/imports/template/{file}", get(imports::template))
        .with_state(import_desk);
    let store_for_api = store.clone();
    let changes = store.changes().clone();
    let directory: SharedDirectory = store;
    let transport = security_headers::Transport {
        https: policy.public_https(),
        public_url: policy.public_url.clone(),
    };
    let public_answers = Arc::new(app::graph::public_answers::PublicAnswers::new());
    let context = {
        let accounts = accounts.clone();
        move || {
            // The nonce in this response's Content-Security-Policy header,
            // for the scripts Leptos writes into the page.
            if let Some(nonce) = leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
            {
                provide_context(leptos::nonce::Nonce::from_value(nonce.0));
            }
            provide_context(directory.clone());
            provide_context(accounts.clone());
            provide_context(administration.clone());
            provide_context(observation.clone());
            provide_context(advocacy.clone());
            provide_context(people.clone());
            provide_context(membership.clone());
            provide_context(alerts.clone());
            provide_context(appeals.clone());
            provide_context(graph.clone());
            provide_context(notifications.clone());
            provide_context(api_tokens.clone());
            provide_context(imports_context.clone());
            provide_context(mail_relay.clone());
            provide_context(backup_plan.clone());
            provide_context(public_answers.clone());
        }
    };
    let in_app = in_app::AppContext(Arc::new(context.clone()));
    let exports = Router::new()
        .route("/export/{file}", get(list_export::export))
        .with_state(in_app.clone());
    let api = api::router(store_for_api, in_app, policy.clone());
    let app = Router::new()
        .merge(feed)
        .merge(exports)
        .merge(import_routes)
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
        // Inside the session layer: a page is kept only for a session
        // that resolved.
        .layer(axum::middleware::from_fn_with_state(
            page_cache::PageCache::new(changes.clone()),
            page_cache::serve,
        ))
        // Inside the Referer check, which it relies on.
        .layer(axum::middleware::from_fn_with_state(
            refused_forms::RefusedForms::default(),
            refused_forms::keep_and_give_back,
        ))
        .layer(axum::middleware::from_fn_with_state(
            (accounts, policy),
            session::attach,
        ))
        .layer(axum::middleware::from_fn(csrf::same_origin_writes))
        .layer(axum::middleware::from_fn(csrf::own_referer_only))
        .layer(axum::middleware::from_fn(language::remember_choice))
        // At most this many requests are handled at once; `/healthz`, added
        // below, is outside, so a monitor still sees a busy server.
        .layer(GlobalConcurrencyLimitLayer::new(MAX_REQUESTS_AT_ONCE));
    Router::new()
        .route("/healthz", get(health::healthz))
        .merge(api)
        .merge(app)
        .layer(axum::middleware::from_fn_with_state(
            changes,
            writes_move_changes,
        ))
        .layer(axum::middleware::from_fn(body_limit::limit))
        // The time limit covers everything a request can hold the server
        // for: a body sent drop by drop, the wait for a turn, the handler.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIME_LIMIT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            transport,
            security_headers::add,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A request that may have written moves the store's changes on before its
/// answer leaves: the writer's next page is never an answer kept from
/// before the write (the live query on the audit log hears it too, a moment
/// later, and hears the writes of other servers and of background work).
/// Only a signed-in request (a session cookie or an API token) that was
/// not refused counts: anyone can send a POST, and junk ones must not keep
/// everything kept in memory old.
async fn writes_move_changes(
    axum::extract::State(changes): axum::extract::State<Arc<crate::store::changes::Changes>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{header, Method};
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let signed_in = request.headers().contains_key(header::AUTHORIZATION)
        || security_headers::carries_session(&request);
    let response = next.run(request).await;
    let answered = response.status().is_success() || response.status().is_redirection();
    if !safe && signed_in && answered {
        changes.moved();
    }
    response
}
