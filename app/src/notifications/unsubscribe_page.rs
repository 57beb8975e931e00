//! Where an e-mail's unsubscribe link leads a person (`/unsubscribe`): one
//! button turns that kind of message off, without signing in; then
//! `/unsubscribed` says what was turned off and where to change it back.

use crate::i18n::*;
use crate::locale;
use crate::notifications::api::Unsubscribe;
use crate::notifications::settings_page::kind_name;
use crate::ui::error_summary::ErrorSummary;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use shared::NotificationKind;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let l = locale::current();
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let action = ServerAction::<Unsubscribe>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Title text=td_string!(l, unsubscribe_title)/>
        <Meta name="robots" content="noindex"/>
        <h1>{td_string!(l, unsubscribe_title)}</h1>
        <p>{td_string!(l, unsubscribe_lead)}</p>
        <ErrorSummary error/>
        <ActionForm action>
            <input type="hidden" name="token" value=token/>
            <button type="submit" class="button primary">{td_string!(l, unsubscribe_button)}</button>
        </ActionForm>
    }
}

#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    let l = locale::current();
    let kind = use_query_map()
        .with_untracked(|q| q.get("kind"))
        .and_then(|k| NotificationKind::parse(&k).ok());
    view! {
        <Title text=td_string!(l, unsubscribe_title)/>
        <h1>{td_string!(l, unsubscribe_done_title)}</h1>
        {kind.map(|k| view! {
            <p role="status">{td_string!(l, unsubscribe_done, kind = kind_name(l, k)).to_string()}</p>
        })}
        <p><a href="/account/notifications">{td_string!(l, notifications_settings_link)}</a></p>
    }
}
