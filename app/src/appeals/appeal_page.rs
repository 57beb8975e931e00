//! `/appeals/<id>`: an urgent appeal in each of its languages (the reader's
//! first), its co-signers and follow-ups; the secretariat approves and
//! publishes it, members co-sign it for their organisation.

use crate::appeals::api::{
    fetch_appeal, AddAppealUpdate, AppealView, ApproveAppeal, CosignAppeal, PublishAppeal,
};
use crate::appeals::list_page::status_name;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::appeal::AppealStatus;
use shared::InterventionOutcome;

#[derive(Clone, Copy)]
struct Actions {
    approve: ServerAction<ApproveAppeal>,
    publish: ServerAction<PublishAppeal>,
    cosign: ServerAction<CosignAppeal>,
    update: ServerAction<AddAppealUpdate>,
}

#[component]
pub fn AppealPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = Actions {
        approve: ServerAction::new(),
        publish: ServerAction::new(),
        cosign: ServerAction::new(),
        update: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get(),
                actions.approve.version().get()
                    + actions.publish.version().get()
                    + actions.cosign.version().get()
                    + actions.update.version().get(),
            )
        },
        |(id, _)| fetch_appeal(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <AppealDetail view=v actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AppealDetail(view: AppealView, actions: Actions) -> impl IntoView {
    let l = locale::current();
    let a = view.appeal.clone();
    let code = locale::code(l);
    let main = a.text_in(code).cloned();
    let title = main.as_ref().map(|t| t.title.clone()).unwrap_or_default();
    let mut texts = a.texts.clone();
    texts.sort_by_key(|t| t.language != code);
    let id = a.id.to_string();
    let version = a.version.to_string();
    let error = Signal::derive(move || {
        actions
            .approve
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| actions.publish.value().get().and_then(|r| r.err()))
            .or_else(|| actions.cosign.value().get().and_then(|r| r.err()))
    });
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs trail=vec![("/appeals".into(), td_string!(l, appeals_title).to_owned())] current=title.clone()/>
        <p class="muted">
            {td_string!(l, appeal_kicker)} " · " {locale::country_name(l, &a.country)} " · "
            <span class=format!("tag tag-appeal-{}", a.status.as_str())>{status_name(l, a.status)}</span>
            {a.published_at.map(|t| view! { " · " {locale::date(l, t.date_naive())} })}
        </p>
        <SavedNotice/>
        <ErrorSummary error/>
        {texts.into_iter().enumerate().map(|(n, t)| {
            let lang = t.language.clone();
            view! {
                <article lang=lang.clone() class="appeal-text">
                    {if n == 0 {
                        view! { <h1>{t.title.clone()}</h1> }.into_any()
                    } else {
                        view! { <h2>{t.title.clone()} " (" {locale::language_name(l, &lang)} ")"</h2> }.into_any()
                    }}
                    <p class="prewrap">{t.body.clone()}</p>
                </article>
            }
        }).collect_view()}
        {a.alert.clone().map(|alert| view! { <p><a href=format!("/alerts/{alert}")>{td_string!(l, appeal_from_alert)}</a></p> })}
        {(view.runs_advocacy && a.status != AppealStatus::Published).then(|| view! {
            <p><a class="button secondary" href=format!("/appeals/{}/edit", a.id)>{td_string!(l, appeal_edit)}</a></p>
        })}
        {(view.secretariat && a.status == AppealStatus::Draft).then(|| {
            let id = id.clone();
            let version = version.clone();
            view! {
                <ActionForm action=actions.approve attr:class="form-actions">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="version" value=version/>
                    <button type="submit" class="button">{td_string!(l, appeal_approve)}</button>
                </ActionForm>
            }
        })}
        {(view.secretariat && a.status == AppealStatus::Approved).then(|| {
            let id = id.clone();
            let version = version.clone();
            view! {
                <ActionForm action=actions.publish attr:class="form-actions">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="version" value=version/>
                    <button type="submit" class="button">{td_string!(l, appeal_publish)}</button>
                </ActionForm>
            }
        })}
        <section id="cosigners" aria-labelledby="cosigners-heading">
            <h2 id="cosigners-heading">{td_string!(l, appeal_cosigners)}</h2>
            {a.cosigners.is_empty().then(|| view! { <p class="muted">{td_string!(l, appeal_no_cosigner)}</p> })}
            <ul>
                {a.cosigners.iter().map(|o| view! { <li><a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a></li> }).collect_view()}
            </ul>
            {(view.may_cosign && !view.cosigned).then(|| {
                let id = id.clone();
                view! {
                    <ActionForm action=actions.cosign>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button">{td_string!(l, appeal_cosign)}</button>
                    </ActionForm>
                }
            })}
            {view.cosigned.then(|| view! { <p class="notice">{td_string!(l, appeal_cosigned)}</p> })}
        </section>
        <section id="follow-ups" aria-labelledby="follow-ups-heading">
            <h2 id="follow-ups-heading">{td_string!(l, appeal_follow_ups)}</h2>
            {a.updates.is_empty().then(|| view! { <p class="muted">{td_string!(l, appeal_no_follow_up)}</p> })}
            <ul>
                {a.updates.iter().map(|u| view! {
                    <li>
                        <strong>{locale::date(l, u.on)}</strong>
                        {u.outcome.map(|o| view! { " · " {locale::intervention_outcome_name(l, o)} })}
                        <p class="prewrap">{u.text.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
            {(view.runs_advocacy && a.status == AppealStatus::Published).then(|| view! { <UpdateForm id=id.clone() action=actions.update/> })}
        </section>
    }
}

#[component]
fn UpdateForm(id: String, action: ServerAction<AddAppealUpdate>) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ErrorSummary error prefix="update-"/>
        <ActionForm action=action attr:class="stacked-form">
            <input type="hidden" name="id" value=id/>
            <div class="field-row">
                <div class="field">
                    <label for="update-on">{td_string!(l, field_date)}</label>
                    <input id="update-on" name="form[on]" type="date" required/>
                </div>
                <div class="field">
                    <label for="update-outcome">{td_string!(l, field_outcome)}</label>
                    <select id="update-outcome" name="form[outcome]">
                        <option value="">"—"</option>
                        {InterventionOutcome::ALL.iter().map(|o| view! { <option value=o.as_str()>{locale::intervention_outcome_name(l, *o)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="update-text">{td_string!(l, appeal_update_text)}</label>
                <textarea id="update-text" name="form[text]" rows="3" maxlength="2000" required></textarea>
            </div>
            <div class="form-actions">
                <button type="submit" class="button secondary">{td_string!(l, appeal_add_update)}</button>
            </div>
        </ActionForm>
    }
}
