//! The browser entry point: hydrates the server-rendered page. Nothing else
//! lives here; the application is in the `app` crate.

// The islands are exported from `app`; naming the crate links it in.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A marker the end-to-end tests wait for before they interact. Set a
    // task later: the content of a <Suspense> hydrates in tasks queued by
    // hydrate_body (its data is already in the page), and a click before
    // them reaches a form with no handler yet.
    leptos::prelude::set_timeout(
        || {
            if let Some(window) = web_sys::window() {
                let _ = js_sys::Reflect::set(&window, &"__sosHydrated".into(), &true.into());
            }
        },
        std::time::Duration::ZERO,
    );
}
