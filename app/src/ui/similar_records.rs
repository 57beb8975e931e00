//! The duplicate finder's question above a new record's buttons: the
//! records with a similar name the one filling the form may read, each a
//! link, and the box to tick when the new record is none of them.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::{Problem, SimilarRecord};

fn similar_in(error: &Option<AppError>) -> Option<Vec<SimilarRecord>> {
    match error {
        Some(AppError::Invalid(problems)) => problems.iter().find_map(|p| match &p.problem {
            Problem::SimilarExists { records } => Some(records.clone()),
            _ => None,
        }),
        _ => None,
    }
}

/// Shown only when the server answered with similar records; the box is a
/// form field, so it goes inside the form.
#[component]
pub fn SimilarRecords(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let l = locale::current();
    move || {
        error.with(similar_in).map(|records| {
            view! {
                <section class="similar-records" aria-labelledby="similar-title">
                    <h2 id="similar-title">{td_string!(l, similar_title)}</h2>
                    <p>{td_string!(l, similar_intro)}</p>
                    <ul>
                        {records.into_iter().map(|r| view! {
                            <li>
                                <a href=r.href.clone()>{r.name.clone()}</a>
                                " " <span class="muted">"(" {locale::likeness_name(l, r.likeness)} ")"</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <label class="choice" for="field-not_duplicate">
                        <input type="checkbox" id="field-not_duplicate" name="form[not_duplicate]" value="on"/>
                        {td_string!(l, similar_none)}
                    </label>
                </section>
            }
        })
    }
}
