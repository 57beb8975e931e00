use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use shared::OrgKind;

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
