//! "Download this list: CSV · JSON", under a list. The links carry the
//! page's own address query, so the file holds what the filters on screen
//! select; the server decides, as for the page, which rows the reader gets.

use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Links to `/export/<list>.csv` and `.json` with the current filters.
#[component]
pub fn DownloadLinks(list: &'static str) -> impl IntoView {
    let l = locale::current();
    let location = use_location();
    let href = move |format: &str| {
        let query = location.search.get();
        let query = query.trim_start_matches('?');
        if query.is_empty() {
            format!("/export/{list}.{format}")
        } else {
            format!("/export/{list}.{format}?{query}")
        }
    };
    view! {
        <p class="downloads">
            {td_string!(l, export_label)}" "
            <a href=move || href("csv") download="" rel="nofollow">
                {td_string!(l, export_csv)}
            </a>
            " · "
            <a href=move || href("json") download="" rel="nofollow">
                {td_string!(l, export_json)}
            </a>
        </p>
    }
}
