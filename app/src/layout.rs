//! The frame around every page: skip link, header with the navigation and the account
//! area's sign-in corner, main area, footer. It sits beside `App`, above the areas whose parts
//! it shows, so that `ui/` knows none of them.

use leptos::prelude::*;
use leptos_router::components::A;

use std::sync::Arc;

use crate::{accounts::pages::AccountArea, instance::types::InstanceInfo, ui::errors::ErrorView};

/// The areas of the app, in navigation order. Each area adds itself here when it exists.
const AREAS: &[(&str, &str)] = &[
    ("/", "Home"),
    ("/issues", "Issues"),
    ("/meetings", "Meetings"),
    ("/commitments", "Commitments"),
];

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // The server puts the instance's settings into every page's context
    // (`instance::provide_for_page`).
    let info = use_context::<Arc<InstanceInfo>>();
    let demo = info.as_ref().is_some_and(|info| info.demo);
    // The instance's own name beside the product's, unless it is still the product's.
    let name = info
        .map(|info| info.name.clone())
        .filter(|name| name != "Watchdog");

    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header">
            {demo.then(|| view! {
                <p class="demo-banner" role="note">
                    <strong>"Demonstration instance. "</strong>
                    "Its accounts share a published password and anyone may sign in as them: "
                    "do not enter real information here."
                </p>
            })}
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__product">"Watchdog"</span>
                    {name.map(|name| view! { <span class="brand__instance">{name}</span> })}
                </a>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        {AREAS
                            .iter()
                            .map(|(href, label)| {
                                view! {
                                    <li>
                                        <A href=*href exact=*href == "/">
                                            {*label}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <div class="site-header__account">
                    <AccountArea/>
                </div>
            </div>
        </header>
        <main id="main" class="site-main" tabindex="-1">
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>
                "Watchdog " {env!("CARGO_PKG_VERSION")}
                " — a user group's record of reported problems, meeting minutes and supplier promises."
            </p>
        </footer>
    }
}
