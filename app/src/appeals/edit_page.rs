//! `/appeals/<id>/edit`: its writer or the secretariat changes an appeal
//! not yet published (its texts and audience). An approved appeal changed
//! goes back to draft, to be approved again.

use crate::appeals::api::{fetch_appeal, EditAppeal};
use crate::appeals::new_page::AppealFields;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::appeal::AppealStatus;

#[component]
pub fn EditAppealPage() -> impl IntoView {
    let l = locale::current();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = Resource::new(move || id.get(), fetch_appeal);
    let action = ServerAction::<EditAppeal>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let view = match data.await {
                    Ok(v) => v,
                    Err(e) => return view! { <ErrorView error=e/> }.into_any(),
                };
                let a = view.appeal;
                if a.status == AppealStatus::Published || !view.runs_advocacy {
                    return view! { <ErrorView error=crate::error::AppError::Forbidden/> }.into_any();
                }
                let back = format!("/appeals/{}", a.id);
                let title = td_string!(l, appeal_edit_title).to_owned();
                let name = a.text_in(locale::code(l)).map(|t| t.title.clone()).unwrap_or_default();
                view! {
                    <Title text=title.clone()/>
                    <Breadcrumbs
                        trail=vec![
                            ("/appeals".into(), td_string!(l, appeals_title).to_owned()),
                            (back.clone(), name),
                        ]
                        current=title.clone()
                    />
                    <h1>{title}</h1>
                    {(a.status == AppealStatus::Approved).then(|| view! {
                        <p class="notice warning" role="note">{td_string!(l, appeal_edit_approved)}</p>
                    })}
                    <ErrorSummary error/>
                    <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                        <input type="hidden" name="id" value=a.id.to_string()/>
                        <input type="hidden" name="version" value=a.version.to_string()/>
                        <input type="hidden" name="form[country]" value=a.country.code.as_str().to_owned()/>
                        <AppealFields texts=a.texts.clone() audience=a.audience/>
                        <div class="form-actions">
                            <button type="submit" class="button">{td_string!(l, appeal_edit_save)}</button>
                            <a class="button secondary" href=back>{td_string!(l, cancel)}</a>
                        </div>
                    </ActionForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}
