use leptos::prelude::*;
use shared::OrgKind;

/// Membership as a tag; the word carries the meaning, the colour only helps.
#[component]
pub fn KindTag(kind: OrgKind) -> impl IntoView {
    let class = format!("tag tag-{}", kind.as_str());
    view! { <span class=class>{kind.label()}</span> }
}

#[component]
pub fn DemoTag() -> impl IntoView {
    view! {
        <span class="tag tag-demo" title="Fictional record, part of the demonstration data">
            "Demo data"
        </span>
    }
}
