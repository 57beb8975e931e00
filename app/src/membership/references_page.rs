//! A member organisation's referee requests: organisations that applied to
//! join named it, and staff ask what it knows of them. Any member of the
//! organisation answers, and may change the answer until staff decide.

use crate::i18n::*;
use crate::locale;
use crate::membership::api::{fetch_reference_requests, AnswerReference};
use crate::membership::application_page::answer_name;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::saved_notice::SavedNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::membership::{ReferenceAnswer, ReferenceRequest, MAX_NOTE};

#[component]
pub fn ReferencesPage() -> impl IntoView {
    let answer = ServerAction::<AnswerReference>::new();
    let list = Resource::new(
        move || answer.version().get(),
        |_| fetch_reference_requests(),
    );
    let l = locale::current();
    let title = td_string!(l, references_title).to_owned();
    let error = Signal::derive(move || answer.value().get().and_then(|r| r.err()));
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>{td_string!(l, references_intro)}</p>
        <SavedNotice/>
        <ErrorSummary error/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(requests) if requests.is_empty() => view! { <p>{td_string!(l, references_none)}</p> }.into_any(),
                    Ok(requests) => requests.into_iter().map(|r| view! { <Request request=r answer/> }).collect_view().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Request(request: ReferenceRequest, answer: ServerAction<AnswerReference>) -> impl IntoView {
    let l = locale::current();
    let heading = format!("request-{}", request.id);
    let labelled_by = heading.clone();
    view! {
        <article class="card" aria-labelledby=labelled_by>
            <h2 id=heading>{request.applicant.clone()}</h2>
            <p class="muted">
                {request.country.name_in(locale::code(l)).to_owned()} " · "
                {td_string!(l, references_asked_on, date = locale::day(l, &request.asked)).to_string()} " · "
                {td_string!(l, references_for, organisation = request.referee.name.clone()).to_string()}
            </p>
            <h3>{td_string!(l, field_mandate)}</h3>
            <p class="prewrap">{request.mandate.clone()}</p>
            {request.answer.map(|a| view! {
                <p><strong>{td_string!(l, references_your_answer)}</strong> " " {answer_name(l, a)}</p>
            })}
            <ActionForm action=answer attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=request.id.clone()/>
                <fieldset id="field-answer">
                    <legend>{td_string!(l, field_answer)}</legend>
                    {ReferenceAnswer::ALL.iter().map(|a| {
                        let id = format!("answer-{}-{}", request.id, a.as_str());
                        let label_for = id.clone();
                        view! {
                            <label for=label_for class="radio">
                                <input type="radio" id=id name="form[answer]" value=a.as_str() checked=request.answer == Some(*a)/>
                                {answer_name(l, *a)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for=format!("comment-{}", request.id)>{td_string!(l, field_comment)}</label>
                    <textarea id=format!("comment-{}", request.id) name="form[comment]" rows="3"
                        maxlength=MAX_NOTE.to_string()>{request.comment.clone().unwrap_or_default()}</textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, references_send)}</button>
                </div>
            </ActionForm>
        </article>
    }
}
