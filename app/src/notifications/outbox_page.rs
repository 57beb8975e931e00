//! The e-mail outbox for admins (`/admin/mail`): whether mail goes out at
//! all, how many messages wait, went, failed or were dropped, and the ones
//! that need a look, with a retry for those that failed.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::notifications::api::{fetch_outbox, RetryMail};
use crate::ui::audit::when;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{OutboxEntry, OutboxStatus, OutboxView};

fn status_name(l: Locale, s: OutboxStatus) -> &'static str {
    match s {
        OutboxStatus::Pending => td_string!(l, mail_status_pending),
        OutboxStatus::Sending => td_string!(l, mail_status_sending),
        OutboxStatus::Sent => td_string!(l, mail_status_sent),
        OutboxStatus::Failed => td_string!(l, mail_status_failed),
        OutboxStatus::Dropped => td_string!(l, mail_status_dropped),
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let retry = ServerAction::<RetryMail>::new();
    let outbox = Resource::new(move || retry.version().get(), |_| fetch_outbox());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(v) => view! { <Outbox view=v retry/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Outbox(view: OutboxView, retry: ServerAction<RetryMail>) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || {
        retry
            .value()
            .get()
            .and_then(|r: Result<(), AppError>| r.err())
    });
    let relay = match &view.relay {
        Some(r) => view! {
            <p class="notice" role="status">{td_string!(l, mail_on, relay = r.clone()).to_string()}</p>
        }
        .into_any(),
        None => view! {
            <p class="notice warning" role="status">{td_string!(l, mail_off)}</p>
        }
        .into_any(),
    };
    view! {
        <Title text=td_string!(l, mail_title)/>
        <h1>{td_string!(l, mail_title)}</h1>
        {relay}
        <ErrorSummary error/>
        <dl class="facts" data-testid="outbox-counts">
            <div><dt>{td_string!(l, mail_status_pending)}</dt><dd>{view.pending}</dd></div>
            <div><dt>{td_string!(l, mail_status_sent)}</dt><dd>{view.sent}</dd></div>
            <div><dt>{td_string!(l, mail_status_failed)}</dt><dd>{view.failed}</dd></div>
            <div><dt>{td_string!(l, mail_status_dropped)}</dt><dd>{view.dropped}</dd></div>
        </dl>
        <h2>{td_string!(l, mail_attention)}</h2>
        {if view.attention.is_empty() {
            view! { <p class="muted">{td_string!(l, mail_attention_none)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{td_string!(l, mail_to)}</th>
                                <th scope="col">{td_string!(l, mail_subject)}</th>
                                <th scope="col">{td_string!(l, mail_status)}</th>
                                <th scope="col">{td_string!(l, mail_attempts)}</th>
                                <th scope="col">{td_string!(l, mail_error)}</th>
                                <th scope="col">{td_string!(l, mail_created)}</th>
                                <th scope="col"><span class="visually-hidden">{td_string!(l, mail_actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {view.attention.into_iter().map(|e| view! { <Line entry=e retry/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

#[component]
fn Line(entry: OutboxEntry, retry: ServerAction<RetryMail>) -> impl IntoView {
    let l = locale::current();
    let failed = entry.status == OutboxStatus::Failed;
    let id = entry.id.clone();
    let subject = entry.subject.clone();
    view! {
        <tr>
            <td>{entry.to.clone()}</td>
            <td>{entry.subject.clone()}</td>
            <td>{status_name(l, entry.status)}</td>
            <td>{entry.attempts}</td>
            <td>{entry.last_error.clone().unwrap_or_default()}</td>
            <td>{when(l, &entry.created_at)}</td>
            <td>
                {failed.then(|| view! {
                    <ActionForm action=retry attr:class="inline-form">
                        <input type="hidden" name="id" value=id.clone()/>
                        <button type="submit" class="button secondary">
                            {td_string!(l, mail_retry, subject = subject.clone()).to_string()}
                        </button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
