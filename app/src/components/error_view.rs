use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A whole-page error: what happened, in plain words, and where to go next.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    set_status(error.status());
    let (title, body) = match &error {
        AppError::NotFound => (
            "Page not found".to_owned(),
            "There is no page at this address. It may have been moved, or the link may be incomplete."
                .to_owned(),
        ),
        AppError::BadRequest(e) => (
            "This address has a problem".to_owned(),
            format!("The parameter “{}” {}.", e.field, e.message),
        ),
        AppError::Unavailable | AppError::Transport(_) => (
            "Service temporarily unavailable".to_owned(),
            "We could not reach the database. Please try again in a minute.".to_owned(),
        ),
        AppError::Internal => (
            "Something went wrong".to_owned(),
            "An error occurred on our side. It has been logged; please try again later.".to_owned(),
        ),
    };
    view! {
        <Title text=title.clone()/>
        <section class="error-page" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{title}</h1>
            <p class="lead">{body}</p>
            <ul class="error-next">
                <li><a href="/organisations">"Browse the member directory"</a></li>
                <li><a href="/">"Go to the home page"</a></li>
            </ul>
        </section>
    }
}

/// Shown while a page's data loads (only after hydration: the server always
/// sends the complete page).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Loading…"</p> }
}
