//! Watchdog's Leptos application: the shell, the router and every page, plus the domain rules
//! and server functions both sides share. Pages render on the server only (Leptos islands):
//! the browser build (`hydrate`) carries just the `#[island]` components, the few parts of a
//! page that gain from running in the browser. Server-only code (SQL, sessions) sits behind
//! `ssr`. ARCHITECTURE.md at the repository's root says how a page and an island are written.

#![recursion_limit = "256"]

pub mod accounts;
pub mod chases;
pub mod commitments;
pub mod domain;
pub mod error;
pub mod home;
pub mod instance;
pub mod issues;
pub mod layout;
pub mod markdown;
pub mod meetings;
pub mod notifications;
pub mod suppliers;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod mentions;
#[cfg(feature = "ssr")]
pub mod security;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{layout::Layout, ui::errors::NotFound};

/// The HTML document around every server-rendered page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone() islands=true/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: meta context, router and the routes of every area.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Watchdog".to_owned() } else { format!("{page} · Watchdog") }
        }/>
        <Meta name="description" content="Holding a software supplier to account: issues, minutes, promises and chases."/>
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=home::pages::HomePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/sign-in")
                        view=accounts::pages::SignInPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/issues") view=issues::pages::IssuesPage ssr=SsrMode::Async/>
                    <Route path=path!("/issues/new") view=issues::pages::ReportIssuePage ssr=SsrMode::Async/>
                    <Route path=path!("/issues/:number") view=issues::pages::IssuePage ssr=SsrMode::Async/>
                    <Route path=path!("/commitments") view=commitments::pages::CommitmentsPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/commitments/new")
                        view=commitments::pages::NewCommitmentPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/commitments/since")
                        view=commitments::pages::SincePageView
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/commitments/scorecard")
                        view=commitments::pages::ScorecardPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/commitments/roadmap")
                        view=commitments::pages::RoadmapPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/commitments/:id") view=commitments::pages::CommitmentPageView ssr=SsrMode::Async/>
                    <Route
                        path=path!("/commitments/:id/edit")
                        view=commitments::pages::EditCommitmentPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/releases") view=commitments::pages::ReleasesPage ssr=SsrMode::Async/>
                    <Route path=path!("/releases/:id") view=commitments::pages::ReleasePageView ssr=SsrMode::Async/>
                    <Route path=path!("/meetings") view=meetings::pages::MeetingsPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/meetings/new")
                        view=meetings::pages::ScheduleMeetingPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/meetings/:id") view=meetings::pages::MeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/actions/:id") view=meetings::pages::ActionPageView ssr=SsrMode::Async/>
                    <Route
                        path=path!("/meetings/:id/print")
                        view=meetings::pages::MeetingPrintPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/meetings/:id/import")
                        view=meetings::pages::MinutesImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/meetings/:id/items/:item/revisions")
                        view=meetings::pages::RevisionsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/meetings/:id/edit")
                        view=meetings::pages::MeetingEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/account") view=accounts::own::pages::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view=notifications::pages::InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view=notifications::pages::OutboxPageView ssr=SsrMode::Async/>
                    <Route
                        path=path!("/account/notifications")
                        view=notifications::pages::NotificationSettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/join/:token") view=accounts::links::pages::LinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset/:token") view=accounts::links::pages::LinkPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/users")
                        view=accounts::admin::pages::UsersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/suppliers")
                        view=suppliers::pages::SuppliersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/suppliers/:id")
                        view=suppliers::pages::SupplierPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/audit")
                        view=accounts::admin::pages::AuditLogPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/settings")
                        view=instance::pages::SettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/chases/policy")
                        view=instance::pages::ChasePolicyPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}

/// Browser entry point: brings the page's islands to life; the rest of the page stays the
/// server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
