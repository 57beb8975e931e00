//! What every page does once its script runs. The pages are rendered on the
//! server and their forms are plain forms (islands: only the interactive
//! parts ship code), so a refused form comes back as a new page showing
//! the error; this island keeps what was typed in it, puts the cursor in
//! the field an error links to, gives filter forms their short address,
//! unfolds filters on a wide screen and forgets report drafts once signed
//! out. Without JavaScript the pages work the same, less comfortably.

use leptos::prelude::*;

/// One per page, in the layout.
#[island]
pub fn PageScript(signed_in: bool) -> impl IntoView {
    // Effects run in the browser only, once the island is hydrated.
    Effect::new(move |_| browser::start(signed_in));
}

mod browser {
    use leptos::prelude::*;
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::JsCast;
    use web_sys::{
        Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
    };

    /// Where the fields of the last posted form wait for its answer. Per
    /// tab, and read (then removed) by the very next page.
    const TYPED: &str = "sos-typed";

    /// Types of input never kept: secrets, files, and what the page itself
    /// sets (hidden fields carry the record and its version as read).
    const NOT_KEPT: [&str; 7] = [
        "password", "file", "hidden", "submit", "button", "image", "reset",
    ];

    #[derive(Serialize, Deserialize)]
    struct Typed {
        /// The path the form posted to (a server function's).
        path: String,
        /// The form's hidden fields: which of several forms to the same
        /// address it was (a row's), and of which version.
        hidden: Vec<(String, String)>,
        fields: Vec<Field>,
    }

    #[derive(Serialize, Deserialize)]
    struct Field {
        name: String,
        value: String,
        /// For a checkbox or radio button: whether it was ticked.
        checked: Option<bool>,
    }

    pub fn start(signed_in: bool) {
        if !signed_in {
            // A session that ended without signing out (it expired, or was
            // ended from another device) leaves report drafts behind.
            crate::observation::report_page::forget_all_locally();
        }
        unfold_on_wide_screens();
        give_back_typed_values();
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
        } else if form.method().eq_ignore_ascii_case("post") {
            let path = path_of(&form.action());
            if path == "/api/sign-out" {
                crate::observation::report_page::forget_all_locally();
            } else if !form.has_attribute("data-forget-typed") {
                keep(&form, path);
            }
        }
    }

    /// GOV.UK pattern: a link of the error summary puts the cursor in its
    /// field, not only the field on the screen.
    fn on_click(ev: web_sys::MouseEvent) {
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest(".error-summary a[href^='#']").ok().flatten())
        else {
            return;
        };
        let Some(id) = link
            .get_attribute("href")
            .and_then(|h| h.strip_prefix('#').map(str::to_owned))
        else {
            return;
        };
        if let Some(field) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = field.focus();
            field.scroll_into_view();
        }
    }

    fn path_of(url: &str) -> String {
        web_sys::Url::new(url)
            .map(|u| u.pathname())
            .unwrap_or_default()
    }

    /// The form's controls with a name.
    fn controls(form: &HtmlFormElement) -> Vec<Element> {
        let elements = form.elements();
        (0..elements.length())
            .filter_map(|i| elements.item(i))
            .filter(|e| e.get_attribute("name").is_some_and(|n| !n.is_empty()))
            .collect()
    }

    /// A filter form goes to its short address: empty fields and fields at
    /// their default (`data-default`) are left out of it.
    fn leave_out_defaults(form: &HtmlFormElement) {
        let mut left_out = Vec::new();
        for control in controls(form) {
            let value = value_of(&control).unwrap_or_default();
            let default = control.get_attribute("data-default");
            if value.trim().is_empty() || default.as_deref() == Some(value.as_str()) {
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

    fn value_of(control: &Element) -> Option<String> {
        if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
            Some(input.value())
        } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
            Some(select.value())
        } else {
            control
                .dyn_ref::<HtmlTextAreaElement>()
                .map(HtmlTextAreaElement::value)
        }
    }

    fn keep(form: &HtmlFormElement, path: String) {
        let mut typed = Typed {
            path,
            hidden: Vec::new(),
            fields: Vec::new(),
        };
        for control in controls(form) {
            let name = control.get_attribute("name").unwrap_or_default();
            if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                let kind = input.type_().to_ascii_lowercase();
                if kind == "hidden" {
                    typed.hidden.push((name, input.value()));
                } else if input.autocomplete() == "one-time-code"
                    || NOT_KEPT.contains(&kind.as_str())
                {
                    continue;
                } else if kind == "checkbox" || kind == "radio" {
                    typed.fields.push(Field {
                        name,
                        value: input.value(),
                        checked: Some(input.checked()),
                    });
                } else {
                    typed.fields.push(Field {
                        name,
                        value: input.value(),
                        checked: None,
                    });
                }
            } else if let Some(value) = value_of(&control) {
                typed.fields.push(Field {
                    name,
                    value,
                    checked: None,
                });
            }
        }
        if let (Ok(Some(storage)), Ok(json)) =
            (window().session_storage(), serde_json::to_string(&typed))
        {
            let _ = storage.set_item(TYPED, &json);
        }
    }

    /// Puts back what was typed in a refused form: only on the page that
    /// shows that form's refusal (its address names the server function),
    /// and not when the refusal says the record changed meanwhile (the
    /// page shows the new version to start again from).
    fn give_back_typed_values() {
        let Ok(Some(storage)) = window().session_storage() else {
            return;
        };
        let saved = storage.get_item(TYPED).ok().flatten();
        let _ = storage.remove_item(TYPED);
        let Some(typed) = saved.and_then(|s| serde_json::from_str::<Typed>(&s).ok()) else {
            return;
        };
        let refused = window()
            .location()
            .search()
            .ok()
            .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
            .and_then(|p| p.get("__path"));
        if refused.as_deref() != Some(typed.path.as_str()) {
            return;
        }
        if document()
            .query_selector(".error-summary[data-stale]")
            .ok()
            .flatten()
            .is_some()
        {
            return;
        }
        let forms = document().forms();
        let form = (0..forms.length())
            .filter_map(|i| forms.item(i))
            .filter_map(|f| f.dyn_into::<HtmlFormElement>().ok())
            .find(|f| path_of(&f.action()) == typed.path && hidden_of(f) == typed.hidden);
        if let Some(form) = form {
            give_back(&form, &typed.fields);
        }
    }

    fn hidden_of(form: &HtmlFormElement) -> Vec<(String, String)> {
        controls(form)
            .into_iter()
            .filter_map(|c| c.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.type_().eq_ignore_ascii_case("hidden"))
            .map(|i| (i.name(), i.value()))
            .collect()
    }

    fn give_back(form: &HtmlFormElement, fields: &[Field]) {
        // Several controls may share a name (rows of a list): the n-th
        // kept value goes to the n-th control of that name.
        let mut used = vec![false; fields.len()];
        for control in controls(form) {
            // On a slow connection the reader may have started correcting
            // before this runs: what they changed since is theirs.
            if !untouched(&control) {
                continue;
            }
            let name = control.get_attribute("name").unwrap_or_default();
            if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                let kind = input.type_().to_ascii_lowercase();
                if kind == "checkbox" || kind == "radio" {
                    if let Some(f) = fields
                        .iter()
                        .find(|f| f.name == name && f.value == input.value())
                    {
                        input.set_checked(f.checked.unwrap_or(false));
                    }
                    continue;
                }
                if NOT_KEPT.contains(&kind.as_str()) {
                    continue;
                }
            }
            let Some(i) = (0..fields.len())
                .find(|&i| !used[i] && fields[i].name == name && fields[i].checked.is_none())
            else {
                continue;
            };
            used[i] = true;
            let value = &fields[i].value;
            if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                input.set_value(value);
            } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
                select.set_value(value);
            } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(value);
            }
        }
    }

    /// Whether a control still holds what the page came with.
    fn untouched(control: &Element) -> bool {
        if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
            input.value() == input.default_value() && input.checked() == input.default_checked()
        } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
            let options = select.options();
            let first = (0..options.length())
                .filter_map(|i| options.item(i))
                .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                .collect::<Vec<_>>();
            let default = first
                .iter()
                .find(|o| o.default_selected())
                .or(first.first())
                .map(|o| o.value());
            default.is_none_or(|d| d == select.value())
        } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
            area.default_value().map_or(true, |d| d == area.value())
        } else {
            true
        }
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
