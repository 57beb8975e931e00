//! The error summary above a form (the GOV.UK pattern): each problem of a
//! refused submission, in the reader's language, linking to its field.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::audit::when;
use leptos::prelude::*;

/// The problems of a refused save, each linking to its field.
pub fn summary(l: Locale, error: &AppError) -> Vec<(String, String)> {
    summary_for(l, error, "field-")
}

/// The same, for a form whose fields are `#<prefix><name>` (a second form on
/// a page, whose field names would clash with the first's).
pub fn summary_for(l: Locale, error: &AppError, prefix: &str) -> Vec<(String, String)> {
    match error {
        AppError::Invalid(problems) => problems
            .iter()
            .map(|p| {
                (
                    format!("#{prefix}{}", p.field),
                    format!(
                        "{}: {}",
                        locale::field_name(l, &p.field),
                        locale::problem_text(l, p)
                    ),
                )
            })
            .collect(),
        AppError::Stale { by, at } => {
            let who = by
                .clone()
                .unwrap_or_else(|| td_string!(l, stale_someone).to_owned());
            let time = at.as_deref().map(|a| when(l, a)).unwrap_or_default();
            vec![(
                "#field-description".to_owned(),
                td_string!(l, stale_body, who = who, when = time).to_string(),
            )]
        }
        AppError::BadRequest(p) => vec![(
            format!("#{prefix}{}", p.field),
            format!(
                "{}: {}",
                locale::field_name(l, &p.field),
                locale::problem_text(l, p)
            ),
        )],
        AppError::Forbidden => vec![(
            "#main".into(),
            td_string!(l, error_forbidden_body).to_owned(),
        )],
        AppError::SignInRequired => vec![(
            "/sign-in".into(),
            td_string!(l, error_sign_in_body).to_owned(),
        )],
        _ => vec![(
            "#main".into(),
            td_string!(l, error_internal_body).to_owned(),
        )],
    }
}

/// The summary of `error`, if any; fields are `#field-<name>`, or
/// `#<prefix><name>` when the form names a prefix.
#[component]
pub fn ErrorSummary(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] prefix: Option<String>,
) -> impl IntoView {
    let l = locale::current();
    let prefix = prefix.unwrap_or_else(|| "field-".to_owned());
    move || {
        error.get().map(|e| {
            let stale = matches!(e, AppError::Stale { .. });
            let title = if stale {
                td_string!(l, stale_title)
            } else {
                td_string!(l, error_summary_title)
            };
            let items = summary_for(l, &e, &prefix);
            view! {
                // `data-stale`: the page script does not put back what was
                // typed over the version that replaced it.
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-stale=stale.then_some("")>
                    <h2 id="error-summary-title">{title}</h2>
                    <ul>
                        {items.into_iter().map(|(href, text)| view! {
                            <li><a href=href>{text}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
