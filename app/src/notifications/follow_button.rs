//! "Follow" on the page of what can be followed (an organisation, a trial,
//! a campaign, a country): a plain form, so it works without JavaScript,
//! shown to signed-in readers only. The server sends the reader back to
//! this page, made from the target, never from the request.

use crate::i18n::*;
use crate::notifications::api::fetch_follow_state;
use leptos::prelude::*;
use shared::follow::FollowTarget;

#[component]
pub fn FollowButton(target: FollowTarget, name: String) -> impl IntoView {
    let l = crate::locale::current();
    let value = target.form_value();
    let state = Resource::new(move || value.clone(), fetch_follow_state);
    let target = target.form_value();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let target = target.clone();
                let name = name.clone();
                Suspend::new(async move {
                    let Ok(Some(follows)) = state.await else {
                        return ().into_any();
                    };
                    let (action, label, hint) = if follows {
                        (
                            "/api/unfollow",
                            td_string!(l, unfollow, name = name.clone()).to_string(),
                            td_string!(l, follow_following).to_owned(),
                        )
                    } else {
                        (
                            "/api/follow",
                            td_string!(l, follow_name, name = name.clone()).to_string(),
                            td_string!(l, follow_hint).to_owned(),
                        )
                    };
                    view! {
                        <form id="follow" method="post" action=action class="inline-form follow-form">
                            <input type="hidden" name="target" value=target/>
                            <input type="hidden" name="back" value="1"/>
                            <button type="submit" class="button secondary" aria-describedby="follow-hint">{label}</button>
                            " "
                            <span id="follow-hint" class="hint">{hint}</span>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
