use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::{OrgKind, Visibility};

/// Membership as a tag; the word carries the meaning, the colour only helps.
#[component]
pub fn KindTag(kind: OrgKind) -> impl IntoView {
    let class = format!("tag tag-{}", kind.as_str());
    view! { <span class=class>{locale::kind_name(locale::current(), kind)}</span> }
}

#[component]
pub fn DemoTag() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="tag tag-demo" title=move || t_string!(i18n, demo_tag_title)>
            {t!(i18n, demo_tag)}
        </span>
    }
}

/// Who may see this record, shown to those who see more than the public, so
/// nobody copies a confidential record into a public place by mistake.
#[component]
pub fn VisibilityTag(visibility: Visibility) -> impl IntoView {
    let l = locale::current();
    let text = match visibility {
        Visibility::Public => return None,
        Visibility::Network => td_string!(l, visibility_network),
        Visibility::Staff => td_string!(l, visibility_staff),
        Visibility::Restricted => td_string!(l, visibility_restricted),
    };
    let class = format!("tag tag-visibility tag-{}", visibility.as_str());
    Some(view! { <span class=class>{text}</span> })
}
