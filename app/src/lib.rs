//! The web application: Leptos components, routes and server functions.
//!
//! Rendered on the server (every page is readable without JavaScript) and
//! hydrated in the browser. Data comes only from the server functions in
//! [`api`], which reach the database through the [`store::Store`] trait; this
//! crate never names SurrealDB.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod account;
pub mod admin;
pub mod advocacy;
#[cfg(feature = "ssr")]
pub mod advocacy_store;
pub mod api;
pub mod auth;
pub mod components;
pub mod editing;
pub mod error;
pub mod graph;
#[cfg(feature = "ssr")]
pub mod graph_store;
pub mod locale;
pub mod observation;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod store_types;
#[cfg(feature = "ssr")]
pub mod trial_store;

use components::layout::Layout;
use i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// The HTML document around the application.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Shell/>
        </I18nContextProvider>
    }
}

/// Everything below the language context.
#[component]
fn Shell() -> impl IntoView {
    auth::provide_current_user();
    let l = locale::current();
    view! {
        <Stylesheet id="leptos" href="/pkg/sos-torture.css"/>
        <Title formatter=move |page: String| {
            if page.is_empty() {
                td_string!(l, site_name).to_owned()
            } else {
                td_string!(l, title_with_site, page = page).to_string()
            }
        }/>
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=StaticSegment("") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route
                        path=StaticSegment("organisations")
                        view=pages::directory::DirectoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("organisations"), ParamSegment("id"))
                        view=pages::organisation::OrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("sign-in") view=pages::sign_in::SignInPage/>
                    <Route
                        path=(StaticSegment("sign-in"), StaticSegment("code"))
                        view=pages::second_factor::SignInCodePage
                    />
                    <Route path=StaticSegment("account") view=pages::second_factor::AccountPage/>
                    <Route
                        path=(StaticSegment("organisations"), ParamSegment("id"), StaticSegment("edit"))
                        view=pages::edit_organisation::EditOrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("audit"))
                        view=pages::audit::AuditPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("users"))
                        view=pages::users::UsersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("invite"), ParamSegment("token"))
                        view=pages::invite::InvitePage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("trials") view=pages::trials::TrialsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("trials"), StaticSegment("new"))
                        view=pages::new_trial::NewTrialPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("trials"), ParamSegment("id"))
                        view=pages::trial::TrialPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("hearings") view=pages::hearings::HearingsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("missions"), StaticSegment("new"))
                        view=pages::plan_mission::PlanMissionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("missions"), ParamSegment("id"))
                        view=pages::mission::MissionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("missions"), ParamSegment("id"), StaticSegment("report"))
                        view=pages::report::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("work") view=pages::work_queue::WorkQueuePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("advocacy") view=pages::advocacy::AdvocacyPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("events"), StaticSegment("new"))
                        view=pages::advocacy_event::NewEventPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("events"), ParamSegment("id"))
                        view=pages::advocacy_event::EventPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("missions"), StaticSegment("new"))
                        view=pages::advocacy_mission::NewAdvocacyMissionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("missions"), ParamSegment("id"))
                        view=pages::advocacy_mission::AdvocacyMissionPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("interventions") view=pages::interventions::InterventionsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("interventions"), StaticSegment("new"))
                        view=pages::interventions::NewInterventionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("interventions"), ParamSegment("id"))
                        view=pages::interventions::InterventionPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("campaigns") view=pages::campaigns::CampaignsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("campaigns"), ParamSegment("id"))
                        view=pages::campaigns::CampaignPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("figures") view=pages::figures::FiguresPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("graph") view=pages::graph::GraphPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("network") view=pages::network::NetworkPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("map") view=pages::map::MapPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("grants") view=pages::figures::GrantsPage ssr=SsrMode::Async/>
                    <Route
                        path=StaticSegment("countries")
                        view=pages::countries::CountriesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("countries"), ParamSegment("code"))
                        view=pages::country::CountryPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
