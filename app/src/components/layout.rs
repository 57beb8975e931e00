use leptos::prelude::*;
use leptos_router::components::A;

/// The page frame: skip link, header with the main navigation, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    <Logo/>
                    <span class="brand-name">"SOS-Torture Network"</span>
                </a>
                <nav class="main-nav" aria-label="Main">
                    <ul>
                        <li><A href="/organisations">"Directory"</A></li>
                        <li><A href="/countries">"Countries"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" class="container site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>
                    "A platform of the SOS-Torture network of the World Organisation Against Torture (OMCT): "
                    "member organisations working against torture and for human-rights defenders worldwide."
                </p>
                <p class="muted">
                    "Records marked “Demo data” are fictional and exist only to demonstrate the platform."
                </p>
            </div>
        </footer>
    }
}

/// The network's mark: a shield with an open circle (solidarity), drawn inline
/// so no icon font or external file is needed.
#[component]
fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
            <path d="M16 2 L28 7 V15 C28 22.5 22.8 28 16 30 C9.2 28 4 22.5 4 15 V7 Z" fill="currentColor"/>
            <circle cx="16" cy="15.5" r="6" fill="none" stroke="var(--color-header-bg)" stroke-width="2.5"/>
        </svg>
    }
}

/// Breadcrumbs of a detail page; the last crumb is the current page.
#[component]
pub fn Breadcrumbs(trail: Vec<(String, String)>, current: String) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                {trail
                    .into_iter()
                    .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                    .collect_view()}
                <li aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}
