use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
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
    if let AppError::Moved(to) = &error {
        // Only a path of this site: the server made it from a record key.
        if to.starts_with('/') && !to.starts_with("//") {
            #[cfg(feature = "ssr")]
            if let (Some(response), Ok(location)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                http::HeaderValue::from_str(to),
            ) {
                response.set_status(http::StatusCode::FOUND);
                response.insert_header(http::header::LOCATION, location);
            }
            return view! { <leptos_router::components::Redirect path=to.clone()/> }.into_any();
        }
    }
    set_status(error.status());
    let l = locale::current();
    let (title, body) = match &error {
        AppError::NotFound => (
            td_string!(l, error_not_found_title).to_owned(),
            td_string!(l, error_not_found_body).to_owned(),
        ),
        AppError::BadRequest(e) => (
            td_string!(l, error_bad_request_title).to_owned(),
            td_string!(
                l,
                error_bad_request_body,
                field = locale::field_name(l, &e.field),
                message = locale::problem_text(l, e)
            )
            .to_string(),
        ),
        AppError::SignInRequired => (
            td_string!(l, error_sign_in_title).to_owned(),
            td_string!(l, error_sign_in_body).to_owned(),
        ),
        AppError::Forbidden => (
            td_string!(l, error_forbidden_title).to_owned(),
            td_string!(l, error_forbidden_body).to_owned(),
        ),
        AppError::Stale { .. } | AppError::Invalid(_) => (
            td_string!(l, error_bad_request_title).to_owned(),
            td_string!(l, error_form_body).to_owned(),
        ),
        AppError::Unavailable | AppError::Transport(_) => (
            td_string!(l, error_unavailable_title).to_owned(),
            td_string!(l, error_unavailable_body).to_owned(),
        ),
        AppError::Internal | AppError::Moved(_) => (
            td_string!(l, error_internal_title).to_owned(),
            td_string!(l, error_internal_body).to_owned(),
        ),
    };
    view! {
        <Title text=title.clone()/>
        <section class="error-page" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{title}</h1>
            <p class="lead">{body}</p>
            <ul class="error-next">
                {matches!(error, AppError::SignInRequired).then(|| view! {
                    <li><a href="/sign-in">{td_string!(l, sign_in)}</a></li>
                })}
                <li><a href="/organisations">{td_string!(l, error_link_directory)}</a></li>
                <li><a href="/">{td_string!(l, error_link_home)}</a></li>
            </ul>
        </section>
    }
    .into_any()
}

/// Shown while a page's data loads (only after hydration: the server always
/// sends the complete page).
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }
}
