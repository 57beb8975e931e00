//! What every page does once its script runs. The pages are rendered on the
//! server and their forms are plain forms (islands: only the interactive
//! parts ship code), so a refused form comes back as a new page showing the
//! error, with what was typed put back by the server
//! (`server/src/http/refused_forms.rs`). This island moves the focus to that
//! error, puts the cursor in the field an error links to, gives filter forms
//! their short address, unfolds filters on a wide screen, shows the print
//! buttons and forgets report drafts once signed out. Without JavaScript the
//! pages work the same, less comfortably.

use leptos::prelude::*;

/// One per page, in the layout.
#[island]
pub fn PageScript(signed_in: bool) -> impl IntoView {
    // Effects run in the browser only, once the island is hydrated.
    Effect::new(move |_| browser::start(signed_in));
}

mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement};

    pub fn start(signed_in: bool) {
        if !signed_in {
            // A session that ended without signing out (it expired, or was
            // ended from another device) leaves report drafts behind.
            crate::observation::report_page::forget_all_locally();
        }
        unfold_on_wide_screens();
        show_print_buttons();
        announce_a_refusal();
        let submit = window_event_listener(leptos::ev::submit, on_submit);
        let click = window_event_listener(leptos::ev::click, on_click);
        // Both live as long as the page.
        std::mem::forget((submit, click));
    }

    fn on_submit(ev: web_sys::SubmitEvent) {
        // An island that sends its form itself has taken it.
        if ev.default_prevented() {
            return;
        }
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if form.has_attribute("data-canonical") {
            leave_out_defaults(&form);
        } else if form.method().eq_ignore_ascii_case("post")
            && web_sys::Url::new(&form.action()).is_ok_and(|u| u.pathname() == "/api/sign-out")
        {
            crate::observation::report_page::forget_all_locally();
        }
    }

    fn on_click(ev: web_sys::MouseEvent) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if target.closest("[data-print]").ok().flatten().is_some() {
            let _ = window().print();
            return;
        }
        if let Some(link) = target.closest(".error-summary a[href^='#']").ok().flatten() {
            if to_the_field(&link) {
                ev.prevent_default();
            }
        }
    }

    /// GOV.UK pattern: a link of the error summary puts the cursor in its
    /// field (the first control of a group), with the field's label in
    /// view, not only the field on the screen.
    fn to_the_field(link: &Element) -> bool {
        let Some(id) = link
            .get_attribute("href")
            .and_then(|h| h.strip_prefix('#').map(str::to_owned))
        else {
            return false;
        };
        let Some(target) = document().get_element_by_id(&id) else {
            return false;
        };
        let control = if target
            .matches("input, select, textarea, button")
            .unwrap_or(false)
        {
            Some(target.clone())
        } else {
            target
                .query_selector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])")
                .ok()
                .flatten()
        };
        let Some(control) = control.and_then(|c| c.dyn_into::<HtmlElement>().ok()) else {
            return false;
        };
        let label = document()
            .query_selector(&format!("label[for='{}']", control.id().replace('\'', "")))
            .ok()
            .flatten()
            .or_else(|| target.query_selector("legend").ok().flatten())
            .unwrap_or_else(|| target.clone());
        label.scroll_into_view();
        let _ = control.focus();
        true
    }

    /// After a refused form, the page opens on its error summary: focused,
    /// so that a screen reader reads it and the keyboard starts there.
    fn announce_a_refusal() {
        let refused = window()
            .location()
            .search()
            .is_ok_and(|s| s.contains("__err="));
        if !refused {
            return;
        }
        if let Some(summary) = document()
            .query_selector(".error-summary")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }

    /// Print buttons are hidden until the script can answer them.
    fn show_print_buttons() {
        if let Ok(all) = document().query_selector_all("[data-print][hidden]") {
            for i in 0..all.length() {
                if let Some(button) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    button.remove_attribute("hidden").ok();
                }
            }
        }
    }

    /// A filter form goes to its short address: empty fields and fields at
    /// their default (`data-default`) are left out of it.
    fn leave_out_defaults(form: &HtmlFormElement) {
        let elements = form.elements();
        let mut left_out = Vec::new();
        for control in (0..elements.length()).filter_map(|i| elements.item(i)) {
            let value = if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                input.value()
            } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
                select.value()
            } else {
                continue;
            };
            let named = control.get_attribute("name").is_some_and(|n| !n.is_empty());
            let default = control.get_attribute("data-default");
            if named && (value.trim().is_empty() || default.as_deref() == Some(value.as_str())) {
                control.set_attribute("disabled", "").ok();
                left_out.push(control);
            }
        }
        // The browser has read the form by now; coming back to this page
        // (the back button) finds the fields usable again.
        set_timeout(
            move || {
                for control in left_out {
                    control.remove_attribute("disabled").ok();
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Filters fold on a phone so that results come first; a wide screen,
    /// known only here, unfolds them (`data-open-wide`).
    fn unfold_on_wide_screens() {
        let wide = window()
            .match_media("(min-width: 48rem)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if !wide {
            return;
        }
        if let Ok(all) = document().query_selector_all("details[data-open-wide]") {
            for i in 0..all.length() {
                if let Some(details) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    details.set_attribute("open", "").ok();
                }
            }
        }
    }
}
