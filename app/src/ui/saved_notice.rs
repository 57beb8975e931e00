//! "Your changes are saved." after a form whose server function redirects
//! to `?saved=…`. The query is read reactively: a hydrated form's redirect
//! changes the address after the page may already have drawn itself again
//! from the refreshed record, and the notice must still appear.

use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SavedNotice() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    move || {
        query.with(|q| q.get("saved").is_some()).then(|| {
            view! { <p class="notice" role="status">{td_string!(l, saved_notice)}</p> }
        })
    }
}
