//! The reader's notifications (`/notifications`): the newest first, the
//! unread marked, each opening what it is about and marking it read; and
//! "mark all as read".

use crate::i18n::*;
use crate::locale;
use crate::notifications::api::{fetch_notifications, MarkRead};
use crate::ui::audit::when;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::NotificationList;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let read = ServerAction::<MarkRead>::new();
    let list = Resource::new(move || read.version().get(), |_| fetch_notifications());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => view! { <List list=l read/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(list: NotificationList, read: ServerAction<MarkRead>) -> impl IntoView {
    let l = locale::current();
    view! {
        <Title text=td_string!(l, notifications_title)/>
        <h1>{td_string!(l, notifications_title)}</h1>
        <p>
            {td_string!(l, notifications_unread, count = list.unread).to_string()} " · "
            <a href="/account/notifications">{td_string!(l, notifications_settings_link)}</a>
        </p>
        {(list.unread > 0).then(|| view! {
            <ActionForm action=read attr:class="inline-form">
                <button type="submit" class="button secondary">{td_string!(l, notifications_mark_all)}</button>
            </ActionForm>
        })}
        {if list.items.is_empty() {
            view! { <p class="muted">{td_string!(l, notifications_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list notifications" data-testid="notifications">
                    {list.items.into_iter().map(|n| {
                        let unread = !n.read;
                        view! {
                            <li class:unread=unread>
                                <ActionForm action=read attr:class="inline-form">
                                    <input type="hidden" name="id" value=n.id.clone()/>
                                    <button type="submit" class="link-button">
                                        {unread.then(|| view! { <span class="visually-hidden">{td_string!(l, notifications_new)} " "</span> })}
                                        {n.title.clone()}
                                    </button>
                                </ActionForm>
                                " " <span class="muted">{when(l, &n.created_at)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
