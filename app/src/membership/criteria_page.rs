//! The network's criteria for membership, kept by admins: reworded,
//! retired (kept with the assessments made on them) or restored, and new
//! ones added at the end. Staff assess every open application against the
//! active ones.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::membership::api::{fetch_criteria, AddCriterion, ChangeCriterion};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::membership::Criterion;

#[component]
pub fn CriteriaPage() -> impl IntoView {
    let add = ServerAction::<AddCriterion>::new();
    let change = ServerAction::<ChangeCriterion>::new();
    let list = Resource::new(
        move || add.version().get() + change.version().get(),
        |_| fetch_criteria(),
    );
    let l = locale::current();
    let title = td_string!(l, criteria_title).to_owned();
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| change.value().get().and_then(|r| r.err()))
    });
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![("/applications".into(), td_string!(l, applications_title).to_owned())]
            current=title.clone()
        />
        <h1>{title}</h1>
        <p>{td_string!(l, criteria_intro)}</p>
        <ErrorSummary error/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(criteria) => view! { <CriteriaList criteria change/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <h2 id="add-heading">{td_string!(l, criteria_add)}</h2>
        <ActionForm action=add attr:class="stacked-form" attr:aria-labelledby="add-heading">
            <div class="field">
                <label for="field-text">{td_string!(l, field_text)}</label>
                <input id="field-text" name="text" type="text" maxlength="300" required
                    aria-invalid=move || error.with(|e| matches!(e, Some(AppError::Invalid(_))).then_some("true"))/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary">{td_string!(l, criteria_add_button)}</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn CriteriaList(criteria: Vec<Criterion>, change: ServerAction<ChangeCriterion>) -> impl IntoView {
    let l = locale::current();
    view! {
        <ol class="criteria-edit">
            {criteria.into_iter().map(|c| {
                let text_id = format!("criterion-{}", c.key);
                let active_id = format!("criterion-{}-active", c.key);
                let text_for = text_id.clone();
                let active_for = active_id.clone();
                view! {
                    <li>
                        <ActionForm action=change attr:class="inline-form">
                            <input type="hidden" name="key" value=c.key.clone()/>
                            <label for=text_for class="visually-hidden">{td_string!(l, field_text)}</label>
                            <input id=text_id type="text" name="text" value=c.text.clone() maxlength="300" size="60" required/>
                            <label for=active_for class="choice">
                                <input id=active_id type="checkbox" name="active" value="on" checked=c.active/>
                                {td_string!(l, criteria_active)}
                            </label>
                            <button type="submit" class="button">{td_string!(l, criteria_save)}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
