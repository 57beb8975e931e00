use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;

/// Page numbers to show around `current`: first, last, two on each side, and
/// `None` where a gap is elided.
pub fn window(current: u32, total: u32) -> Vec<Option<u32>> {
    let mut pages: Vec<u32> = (1..=total)
        .filter(|&p| p == 1 || p == total || p.abs_diff(current) <= 2)
        .collect();
    pages.dedup();
    let mut out = Vec::with_capacity(pages.len() + 2);
    let mut previous = 0;
    for p in pages {
        if p > previous + 1 {
            out.push(None);
        }
        out.push(Some(p));
        previous = p;
    }
    out
}

/// Previous / numbered / next links. `href` builds the address of a page.
#[component]
pub fn Pagination(
    current: u32,
    total: u32,
    href: impl Fn(u32) -> String + Send + Sync + 'static,
) -> impl IntoView {
    if total <= 1 {
        return ().into_any();
    }
    let l = locale::current();
    let prev = (current > 1).then(|| href(current - 1));
    let next = (current < total).then(|| href(current + 1));
    let items = window(current, total)
        .into_iter()
        .map(|p| match p {
            Some(p) if p == current => view! {
                <li><a href=href(p) aria-current="page" aria-label=td_string!(l, page_n_current, n = p).to_string()>{locale::number(l, p.into())}</a></li>
            }
            .into_any(),
            Some(p) => view! {
                <li><a href=href(p) aria-label=td_string!(l, page_n, n = p).to_string()>{locale::number(l, p.into())}</a></li>
            }
            .into_any(),
            None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="pagination" aria-label=td_string!(l, pagination)>
            <ul>
                {prev.map(|h| view! { <li><a href=h rel="prev">{td_string!(l, previous)}</a></li> })}
                {items}
                {next.map(|h| view! { <li><a href=h rel="next">{td_string!(l, next)}</a></li> })}
            </ul>
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn short_lists_show_every_page() {
        assert_eq!(window(1, 3), vec![Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn long_lists_elide_the_middle() {
        assert_eq!(
            window(8, 16),
            vec![
                Some(1),
                None,
                Some(6),
                Some(7),
                Some(8),
                Some(9),
                Some(10),
                None,
                Some(16)
            ]
        );
        assert_eq!(
            window(1, 16),
            vec![Some(1), Some(2), Some(3), None, Some(16)]
        );
        assert_eq!(
            window(16, 16),
            vec![Some(1), None, Some(14), Some(15), Some(16)]
        );
    }
}
