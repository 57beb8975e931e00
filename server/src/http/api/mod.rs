//! `/api/v1`: the network's records as JSON for programs, with a token made
//! on the account page (`caller.rs`). Every answer is what the app's own
//! server functions give the token's user, run in the same context as a
//! page's (`super::in_app`): the confidentiality rule, the roles and the
//! audit are theirs. Lists have the filters of their pages and cursor
//! pagination; errors are problem details (`problem.rs`).

mod caller;
pub mod openapi;
pub mod problem;
mod reads;
mod writes;

use super::in_app::AppContext;
use super::session::Policy;
use crate::store::SurrealStore;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::Arc;

/// Calls one user may make a minute through their tokens, by default; a
/// burst of a fifth of it may come at once.
pub const CALLS_PER_MINUTE: u32 = 300;

/// Calls handled at once; more wait for a turn (and the time limit).
pub const API_CALLS_AT_ONCE: usize = 32;

#[derive(Clone)]
pub struct ApiState {
    store: Arc<SurrealStore>,
    context: AppContext,
    policy: Policy,
    /// Per user.
    limiter: Arc<DefaultKeyedRateLimiter<String>>,
    /// Per client address, before any token is looked up.
    address_limiter: Arc<DefaultKeyedRateLimiter<String>>,
    calls: Arc<std::sync::atomic::AtomicU64>,
}

impl ApiState {
    /// Forgets the rates of users and addresses quiet for a while, now and
    /// then, so that the limiters' memory stays bounded.
    fn prune_now_and_then(&self) {
        let n = self
            .calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n.is_multiple_of(1024) {
            self.limiter.retain_recent();
            self.address_limiter.retain_recent();
        }
    }
}

/// An address answering some methods: the others get a problem saying so.
fn only(methods: MethodRouter<ApiState>) -> MethodRouter<ApiState> {
    methods.fallback(|| async {
        problem::problem(
            StatusCode::METHOD_NOT_ALLOWED,
            "This address does not take that method.",
        )
    })
}

pub fn router<S: Clone + Send + Sync + 'static>(
    store: Arc<SurrealStore>,
    context: AppContext,
    policy: Policy,
) -> Router<S> {
    let per_minute = NonZeroU32::new(policy.api_calls_per_minute.unwrap_or(CALLS_PER_MINUTE))
        .unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(per_minute.get() / 5).unwrap_or(NonZeroU32::MIN);
    let quota = |n: NonZeroU32, burst: NonZeroU32| {
        Arc::new(RateLimiter::keyed(Quota::per_minute(n).allow_burst(burst)))
    };
    // An address may call twice a user's rate (a few users behind one
    // office's address), tokens or not.
    let per_address = per_minute.saturating_mul(NonZeroU32::MIN.saturating_add(1));
    let state = ApiState {
        store,
        context,
        policy,
        limiter: quota(per_minute, burst),
        address_limiter: quota(
            per_address,
            burst.saturating_mul(NonZeroU32::MIN.saturating_add(1)),
        ),
        calls: Arc::new(std::sync::atomic::AtomicU64::new(0)),
    };
    let routes = Router::new()
        .route("/countries", get(reads::countries))
        .route("/countries/{code}", get(reads::country))
        .route(
            "/organisations",
            only(get(reads::organisations).post(writes::create_organisation)),
        )
        .route(
            "/organisations/{id}",
            only(get(reads::organisation).patch(writes::update_organisation)),
        )
        .route(
            "/persons",
            only(get(reads::persons).post(writes::create_person)),
        )
        .route(
            "/persons/{id}",
            only(get(reads::person).patch(writes::update_person)),
        )
        .route("/relations", only(post(writes::set_relation)))
        .route(
            "/hearings",
            only(get(reads::hearings).post(writes::add_hearing)),
        )
        .route(
            "/hearings/{id}",
            only(get(reads::hearing).patch(writes::record_hearing)),
        )
        .route("/trials/{id}", get(reads::trial))
        .route("/graph/ego", get(reads::ego))
        .route("/graph/path", get(reads::path))
        .route("/{list}", get(reads::list))
        .route_layer(from_fn_with_state(state.clone(), caller::authenticate))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            API_CALLS_AT_ONCE,
        ))
        .fallback(|| async {
            problem::problem(StatusCode::NOT_FOUND, "No such address in /api/v1.")
        })
        .with_state(state);
    // The document and its docs page are public: they hold no record.
    let docs = utoipa_swagger_ui::SwaggerUi::new("/api/v1/docs")
        .url("/api/v1/openapi.json", openapi::document());
    Router::new().merge(docs).nest("/api/v1", routes)
}
