//! `/alerts/<id>`: an alert as its sender and the secretariat see it: what
//! happened, the verification, the decisions, and the exchange. The
//! secretariat verifies, writes, records a decision or closes it; admins
//! hand a restricted alert to a staff member.

use crate::alerts::api::{
    fetch_alert, fetch_alert_access, AlertView, CloseAlert, HandOverAlert, VerifyAlert,
    WriteAlertMessage,
};
use crate::alerts::list_page::{subject_name, AlertStatusTag, RiskTag};
use crate::alerts::names::consent_name;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::alert::{AlertStatus, AlertSubject};

#[derive(Clone, Copy)]
struct Actions {
    message: ServerAction<WriteAlertMessage>,
    verify: ServerAction<VerifyAlert>,
    close: ServerAction<CloseAlert>,
}

#[component]
pub fn AlertPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = Actions {
        message: ServerAction::new(),
        verify: ServerAction::new(),
        close: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get(),
                actions.message.version().get()
                    + actions.verify.version().get()
                    + actions.close.version().get(),
            )
        },
        |(id, _)| fetch_alert(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <AlertDetail view=v actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AlertDetail(view: AlertView, actions: Actions) -> impl IntoView {
    let l = locale::current();
    let a = view.alert.clone();
    let title = format!(
        "{} · {}",
        subject_name(l, &a.subject),
        locale::country_name(l, &a.country)
    );
    // The browser's tab and history keep no name.
    let tab = format!(
        "{} · {}",
        td_string!(l, alert_kicker),
        locale::country_name(l, &a.country)
    );
    let open = a.status.is_open();
    let who = match &a.subject {
        AlertSubject::Person(p) => {
            view! { <a href=format!("/people/{}", p.id)>{p.name.clone()}</a> }.into_any()
        }
        other => view! { <span>{subject_name(l, other)}</span> }.into_any(),
    };
    let level = match a.visibility {
        shared::Visibility::Restricted => td_string!(l, alert_level_restricted),
        _ => td_string!(l, alert_level_staff),
    };
    view! {
        <Title text=tab.clone()/>
        <Breadcrumbs trail=vec![("/alerts".into(), td_string!(l, alerts_title).to_owned())] current=tab/>
        <h1>{title} " " <AlertStatusTag status=a.status/></h1>
        <SavedNotice/>
        <p><span class="tag tag-visibility">{level}</span></p>
        <dl class="facts">
            <dt>{td_string!(l, field_who)}</dt><dd>{who}</dd>
            <dt>{td_string!(l, field_risk)}</dt><dd><RiskTag risk=a.risk/></dd>
            <dt>{td_string!(l, field_country)}</dt><dd>{locale::country_name(l, &a.country)}</dd>
            <dt>{td_string!(l, alert_place_label)}</dt><dd>{a.place.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{td_string!(l, field_happened_on)}</dt><dd>{locale::date(l, a.happened_on)}</dd>
            <dt>{td_string!(l, field_consent)}</dt><dd>{consent_name(l, a.consent)}</dd>
            <dt>{td_string!(l, alerts_sent)}</dt>
            <dd>
                {locale::date(l, a.sent_at.date_naive())}
                {(!a.sent_by.is_empty()).then(|| format!(" · {}", a.sent_by))}
                {a.organisation.clone().map(|o| view! { " · " <a href=format!("/organisations/{}", o.id)>{o.name}</a> })}
            </dd>
        </dl>
        <h2>{td_string!(l, field_what)}</h2>
        <p class="prewrap">{a.what.clone()}</p>
        <h2>{td_string!(l, field_sources)}</h2>
        <p class="prewrap">{a.sources.clone()}</p>
        {a.closed_reason.clone().map(|r| view! {
            <section class="notice" aria-labelledby="closed-heading">
                <h2 id="closed-heading">{td_string!(l, alert_closed_heading)}</h2>
                <p class="prewrap">{r}</p>
            </section>
        })}
        <Decisions view=view.clone()/>
        {(view.secretariat && open).then(|| view! { <Verify view=view.clone() action=actions.verify/> })}
        <Exchange view=view.clone() action=actions.message/>
        {(view.secretariat && open && a.status != AlertStatus::Acted).then(|| view! { <Close view=view.clone() action=actions.close/> })}
        {(view.admin && a.visibility == shared::Visibility::Restricted).then(|| view! { <HandOver id=a.id.to_string()/> })}
    }
}

#[component]
fn Decisions(view: AlertView) -> impl IntoView {
    let l = locale::current();
    let a = view.alert;
    let id = a.id.to_string();
    view! {
        <section aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">{td_string!(l, alert_decisions_heading)}</h2>
            {a.decisions.is_empty().then(|| view! { <p class="muted">{td_string!(l, alert_no_decision)}</p> })}
            <ul>
                {a.decisions.iter().map(|d| view! {
                    <li>
                        <a href=format!("/interventions/{}", d.id)>{d.title.clone()}</a>
                        " · " {locale::intervention_kind_name(l, d.kind)} " · " {locale::date(l, d.sent_on)}
                    </li>
                }).collect_view()}
            </ul>
            {(view.secretariat && a.status.is_open()).then(|| view! {
                <p class="inline-list">
                    <a class="button secondary" href=format!("/interventions/new?alert={id}&kind=urgent-appeal")>{td_string!(l, alert_record_intervention)}</a>
                    " "
                    <a class="button secondary" href=format!("/interventions/new?alert={id}&kind=rapid-response")>{td_string!(l, alert_record_support)}</a>
                    " "
                    <a class="button secondary" href=format!("/appeals/new?alert={id}&country={}", a.country.code.as_str())>{td_string!(l, alert_write_appeal)}</a>
                </p>
            })}
        </section>
    }
}

#[component]
fn Verify(view: AlertView, action: ServerAction<VerifyAlert>) -> impl IntoView {
    let l = locale::current();
    let a = view.alert;
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let v = a.verification;
    view! {
        <section aria-labelledby="verify-heading">
            <h2 id="verify-heading">{td_string!(l, alert_verify_heading)}</h2>
            <p>{td_string!(l, alert_verify_lead)}</p>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form checks">
                <input type="hidden" name="id" value=a.id.to_string()/>
                <input type="hidden" name="version" value=a.version.to_string()/>
                <label><input type="checkbox" name="sources_checked" value="on" checked=v.sources_checked/> {td_string!(l, alert_sources_checked)}</label>
                <label><input type="checkbox" name="consent_confirmed" value="on" checked=v.consent_confirmed/> {td_string!(l, alert_consent_confirmed)}</label>
                <label><input type="checkbox" name="risk_assessed" value="on" checked=v.risk_assessed/> {td_string!(l, alert_risk_assessed)}</label>
                <div class="form-actions">
                    <button type="submit" class="button">{td_string!(l, alert_verify_save)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn Exchange(view: AlertView, action: ServerAction<WriteAlertMessage>) -> impl IntoView {
    let l = locale::current();
    let a = view.alert;
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section id="exchange" aria-labelledby="exchange-heading">
            <h2 id="exchange-heading">{td_string!(l, alert_exchange_heading)}</h2>
            {a.messages.is_empty().then(|| view! { <p class="muted">{td_string!(l, alert_no_message)}</p> })}
            <ul class="exchange">
                {a.messages.iter().map(|m| {
                    let class = if m.from_secretariat { "exchange-message from-secretariat" } else { "exchange-message from-sender" };
                    let from = if m.author.is_empty() {
                        td_string!(l, alert_from_secretariat).to_owned()
                    } else {
                        m.author.clone()
                    };
                    view! {
                        <li class=class>
                            <p class="muted">{from} " · " {locale::date(l, m.at.date_naive())} " " {m.at.format("%H:%M UTC").to_string()}</p>
                            <p class="prewrap">{m.text.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ErrorSummary error prefix="message-"/>
            <ActionForm action=action attr:class="stacked-form">
                <input type="hidden" name="id" value=a.id.to_string()/>
                <div class="field">
                    <label for="message-text">{td_string!(l, alert_message_label)}</label>
                    <textarea id="message-text" name="text" rows="4" maxlength=shared::alert::MESSAGE_MAX.to_string() required></textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button secondary">{td_string!(l, alert_message_send)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn Close(view: AlertView, action: ServerAction<CloseAlert>) -> impl IntoView {
    let l = locale::current();
    let a = view.alert;
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section aria-labelledby="close-heading">
            <h2 id="close-heading">{td_string!(l, alert_close_heading)}</h2>
            <ErrorSummary error prefix="close-"/>
            <ActionForm action=action attr:class="stacked-form">
                <input type="hidden" name="id" value=a.id.to_string()/>
                <input type="hidden" name="version" value=a.version.to_string()/>
                <div class="field">
                    <label for="close-reason">{td_string!(l, alert_close_reason)}</label>
                    <textarea id="close-reason" name="reason" rows="3" maxlength="2000" required></textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button secondary">{td_string!(l, alert_close)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// Admins hand a restricted alert to a staff member (a grant).
#[component]
fn HandOver(id: String) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<HandOverAlert>::new();
    let key = id.clone();
    let key_list = id.clone();
    let access = Resource::new(
        move || action.version().get(),
        move |_| fetch_alert_access(key.clone()),
    );
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section id="access" aria-labelledby="access-title" class="panel">
            <h2 id="access-title">{td_string!(l, alert_access_title)}</h2>
            <p>{td_string!(l, alert_access_lead)}</p>
            <Suspense fallback=Loading>
                {move || { let key_list = key_list.clone(); Suspend::new(async move {
                    match access.await {
                        Ok(users) => view! {
                            <ul class="access-list">
                                {users.into_iter().map(|u| {
                                    let key = key_list.clone();
                                    view! {
                                        <li>
                                            {u.name.clone()} " (" {u.email.clone()} ") "
                                            <form method="post" action="/api/alert-take-back" class="inline-form">
                                                <input type="hidden" name="id" value=key/>
                                                <input type="hidden" name="user" value=u.id.to_string()/>
                                                <button type="submit" class="link-button">{td_string!(l, alert_take_back)}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}}
            </Suspense>
            <ErrorSummary error prefix="grant-"/>
            <ActionForm action=action attr:class="filter-row">
                <input type="hidden" name="id" value=id.clone()/>
                <div class="field">
                    <label for="grant-email">{td_string!(l, alert_hand_over_label)}</label>
                    <input id="grant-email" name="email" type="email" required/>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, alert_hand_over)}</button>
            </ActionForm>
        </section>
    }
}
