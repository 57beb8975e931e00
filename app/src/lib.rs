//! The web application: Leptos components, routes and server functions.
//!
//! Rendered on the server (every page is readable without JavaScript) and
//! hydrated in the browser. One folder per feature ([`directory`], [`people`], [`membership`],
//! [`accounts`], [`observation`], [`advocacy`], [`graph`]), each holding its
//! server functions, its store trait (implemented by `server` on SurrealDB)
//! and its pages; [`ui`] holds what the pages share. Data comes only from
//! the server functions, which reach the database through the traits; this
//! crate never names SurrealDB.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod advocacy;
pub mod alerts;
pub mod appeals;
pub mod directory;
pub mod error;
pub mod exchange;
pub mod graph;
pub mod locale;
pub mod membership;
pub mod notifications;
pub mod observation;
pub mod people;
pub mod ui;

use i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};
use ui::layout::Layout;

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
                <HydrationScripts options islands=true/>
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
    accounts::auth::provide_current_user();
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
                <Routes fallback=ui::not_found::NotFound>
                    <Route path=StaticSegment("") view=directory::home_page::HomePage ssr=SsrMode::Async/>
                    <Route
                        path=StaticSegment("organisations")
                        view=directory::search_page::DirectoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("imports")
                        view=exchange::imports_page::ImportsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("imports"), ParamSegment("id"))
                        view=exchange::imports_page::ImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("organisations"), StaticSegment("new"))
                        view=directory::new_org_page::NewOrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("organisations"), ParamSegment("id"))
                        view=directory::organisation_page::OrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("sign-in") view=accounts::sign_in_page::SignInPage/>
                    <Route
                        path=(StaticSegment("sign-in"), StaticSegment("code"))
                        view=accounts::sign_in_page::SignInCodePage
                    />
                    <Route path=StaticSegment("account") view=accounts::account_page::AccountPage/>
                    <Route
                        path=(StaticSegment("organisations"), ParamSegment("id"), StaticSegment("edit"))
                        view=directory::edit_page::EditOrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("audit"))
                        view=accounts::audit_page::AuditPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("notifications") view=notifications::list_page::NotificationsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("account"), StaticSegment("notifications"))
                        view=notifications::settings_page::NotificationSettingsPage ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("unsubscribe") view=notifications::unsubscribe_page::UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("unsubscribed") view=notifications::unsubscribe_page::UnsubscribedPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("mail"))
                        view=notifications::outbox_page::OutboxPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("backup"))
                        view=accounts::backups::BackupPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("users"))
                        view=accounts::users_page::UsersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("invite"), ParamSegment("token"))
                        view=accounts::invite_page::InvitePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("reset"), ParamSegment("token"))
                        view=accounts::reset_page::ResetPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("appeals") view=appeals::list_page::AppealsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("appeals"), StaticSegment("new"))
                        view=appeals::new_page::NewAppealPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("appeals"), ParamSegment("id"))
                        view=appeals::appeal_page::AppealPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("appeals"), ParamSegment("id"), StaticSegment("edit"))
                        view=appeals::edit_page::EditAppealPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("alerts") view=alerts::list_page::AlertsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("alerts"), StaticSegment("new"))
                        view=alerts::new_page::NewAlertPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("alerts"), ParamSegment("id"))
                        view=alerts::alert_page::AlertPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("join") view=membership::join_page::JoinPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("join"), StaticSegment("status"), ParamSegment("token"))
                        view=membership::join_page::StatusPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("applications")
                        view=membership::applications_page::ApplicationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("applications"), StaticSegment("criteria"))
                        view=membership::criteria_page::CriteriaPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("applications"), ParamSegment("id"))
                        view=membership::application_page::ApplicationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("references")
                        view=membership::references_page::ReferencesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("people") view=people::list_page::PeopleListPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("people"), StaticSegment("new"))
                        view=people::edit_page::NewPersonPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("people"), ParamSegment("id"))
                        view=people::person_page::PersonPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("people"), ParamSegment("id"), StaticSegment("edit"))
                        view=people::edit_page::EditPersonPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("trials") view=observation::trials_page::TrialsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("trials"), StaticSegment("new"))
                        view=observation::new_trial_page::NewTrialPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("trials"), ParamSegment("id"))
                        view=observation::trial_page::TrialPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("hearings") view=observation::hearings_page::HearingsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("missions"), StaticSegment("new"))
                        view=observation::plan_mission_page::PlanMissionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("missions"), ParamSegment("id"))
                        view=observation::mission_page::MissionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("missions"), ParamSegment("id"), StaticSegment("report"))
                        view=observation::report_page::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("work") view=observation::work_queue_page::WorkQueuePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("advocacy") view=advocacy::overview_page::AdvocacyPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("events"), StaticSegment("new"))
                        view=advocacy::event_pages::NewEventPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("events"), ParamSegment("id"))
                        view=advocacy::event_pages::EventPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("missions"), StaticSegment("new"))
                        view=advocacy::mission_pages::NewAdvocacyMissionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("advocacy"), StaticSegment("missions"), ParamSegment("id"))
                        view=advocacy::mission_pages::AdvocacyMissionPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("interventions") view=advocacy::intervention_pages::InterventionsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("interventions"), StaticSegment("new"))
                        view=advocacy::intervention_pages::NewInterventionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("interventions"), ParamSegment("id"))
                        view=advocacy::intervention_pages::InterventionPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("campaigns") view=advocacy::campaign_pages::CampaignsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("campaigns"), ParamSegment("id"))
                        view=advocacy::campaign_pages::CampaignPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("figures") view=advocacy::figures_page::FiguresPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("graph") view=graph::explorer_page::GraphPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("network") view=graph::network_page::NetworkPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("map") view=graph::map_page::MapPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("grants") view=advocacy::grants_page::GrantsPage ssr=SsrMode::Async/>
                    <Route
                        path=StaticSegment("countries")
                        view=directory::countries_page::CountriesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("countries"), ParamSegment("code"))
                        view=directory::country_page::CountryPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
