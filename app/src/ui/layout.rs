use crate::i18n::*;
use crate::locale;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The page frame: skip link, header with the main navigation and the
/// language switcher, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let is_admin =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role == shared::Role::Admin);
    let works = crate::accounts::auth::use_current_user().is_some_and(|u| u.role.runs_advocacy());
    let reviews =
        crate::accounts::auth::use_current_user().is_some_and(|u| u.role.plans_missions());
    let member =
        crate::accounts::auth::use_current_user().filter(|u| u.role == shared::Role::Member);
    let anonymous = crate::accounts::auth::use_current_user().is_none();
    view! {
        <crate::ui::page_script::PageScript signed_in=!anonymous/>
        <a class="skip-link" href="#main">{t!(i18n, skip_link)}</a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    <Logo/>
                    <span class="brand-name">{t!(i18n, site_name)}</span>
                </a>
                <nav class="main-nav" aria-label=move || t_string!(i18n, nav_main)>
                    <ul>
                        <li><A href="/organisations">{t!(i18n, nav_directory)}</A></li>
                        <li><A href="/countries">{t!(i18n, nav_countries)}</A></li>
                        <li><A href="/people">{t!(i18n, nav_people)}</A></li>
                        <li><A href="/trials">{t!(i18n, nav_trials)}</A></li>
                        <li><A href="/hearings">{t!(i18n, nav_hearings)}</A></li>
                        <li><A href="/advocacy">{t!(i18n, nav_advocacy)}</A></li>
                        <li><A href="/interventions">{t!(i18n, nav_interventions)}</A></li>
                        <li><A href="/campaigns">{t!(i18n, nav_campaigns)}</A></li>
                        <li><A href="/appeals">{t!(i18n, nav_appeals)}</A></li>
                        <li><A href="/figures">{t!(i18n, nav_figures)}</A></li>
                        <li><A href="/network">{t!(i18n, nav_network)}</A></li>
                        {works.then(|| view! { <li><A href="/work">{t!(i18n, nav_work)}</A></li> })}
                        {reviews.then(|| view! { <li><A href="/applications">{t!(i18n, nav_applications)}</A></li> })}
                        {(!anonymous).then(|| view! { <li><A href="/alerts">{t!(i18n, nav_alerts)}</A></li> })}
                        {member.map(|_| view! { <li><A href="/references">{t!(i18n, nav_references)}</A></li> })}
                        {anonymous.then(|| view! { <li><A href="/join">{t!(i18n, nav_join)}</A></li> })}
                        {is_admin.then(|| view! {
                            <li><A href="/admin/users">{t!(i18n, nav_users)}</A></li>
                            <li><A href="/admin/audit">{t!(i18n, nav_audit)}</A></li>
                            <li><A href="/admin/mail">{t!(i18n, nav_mail)}</A></li>
                            <li><A href="/admin/backup">{t!(i18n, nav_backup)}</A></li>
                        })}
                    </ul>
                </nav>
                <AccountMenu/>
                <LanguageSwitcher/>
            </div>
        </header>
        <main id="main" class="container site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>{t!(i18n, footer_about)}</p>
                <p class="muted">{t!(i18n, footer_demo)}</p>
            </div>
        </footer>
    }
}

/// Who is signed in, with the way out; or the way in, coming back here after.
#[component]
fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let user = crate::accounts::auth::use_current_user();
    let sign_in_href = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        // On `//evil.example/` (the not-found page) the path itself would
        // make the link leave the site.
        let pathname = location.pathname.get();
        let path = shared::same_site_path(&pathname).unwrap_or("/");
        let here = if search.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{search}")
        };
        format!(
            "/sign-in?next={}",
            crate::accounts::auth::encode_query_value(&here)
        )
    };
    let menu = match user {
        Some(u) => {
            let role = locale::role_name(locale::current(), u.role);
            view! {
                <a class="signed-in-as" href="/account">
                    {t!(i18n, signed_in_as, name = u.name.clone())}
                    " "
                    <span class="role-tag">{role}</span>
                </a>
                <UnreadLink/>
                // The page script forgets report drafts kept on this device
                // when this form is sent.
                <form method="post" action="/api/sign-out" class="inline-form">
                    <button type="submit" class="link-button">{t!(i18n, sign_out)}</button>
                </form>
            }
            .into_any()
        }
        None => {
            view! { <a class="sign-in-link" href=sign_in_href>{t!(i18n, sign_in)}</a> }.into_any()
        }
    };
    view! { <div class="account-menu">{menu}</div> }
}

/// Links to the same page in each language. They reload the page (the server
/// remembers the choice in a cookie), so they also work without JavaScript.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = locale::current();
    let link = move |target: Locale| {
        // On `//evil.example/` (the not-found page) the path itself would
        // make the link leave the site.
        let pathname = location.pathname.get();
        let path = shared::same_site_path(&pathname).unwrap_or("/");
        let kept: Vec<String> = location
            .search
            .get()
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang="))
            .map(str::to_owned)
            .collect();
        let mut query = kept.join("&");
        if !query.is_empty() {
            query.push('&');
        }
        format!("{path}?{query}lang={}", locale::code(target))
    };
    let entries = locale::LANGUAGES;
    view! {
        <nav class="lang-switch" aria-label=move || t_string!(i18n, nav_language)>
            <ul>
                {entries
                    .into_iter()
                    .map(|(target, name)| {
                        let code = locale::code(target);
                        let current = (target == current).then_some("true");
                        view! {
                            <li>
                                <a href=move || link(target) rel="external" hreflang=code lang=code aria-current=current>
                                    {name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
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
    let i18n = use_i18n();
    view! {
        <nav class="breadcrumbs" aria-label=move || t_string!(i18n, breadcrumb)>
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

/// "Notifications", with how many are unread.
#[component]
fn UnreadLink() -> impl IntoView {
    let l = locale::current();
    let unread = Resource::new(|| (), |_| crate::notifications::api::fetch_unread_count());
    view! {
        <a class="notifications-link" href="/notifications" data-testid="unread">
            {td_string!(l, notifications_title)}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let n = unread.await.unwrap_or(0);
                    (n > 0).then(|| view! {
                        " " <span class="count-badge">{n}</span>
                        <span class="visually-hidden">{td_string!(l, notifications_unread_hidden)}</span>
                    })
                })}
            </Suspense>
        </a>
    }
}
