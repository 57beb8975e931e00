use crate::error::AppError;
use crate::ui::error_view::ErrorView;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound/> }
}
