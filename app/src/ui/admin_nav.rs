//! The links between the administrators' pages.

use leptos::prelude::*;

/// The links between the administrators' pages.
#[component]
pub fn AdminNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str| {
        let here = href == current;
        view! {
            <li>
                <a href=href aria-current=here.then_some("page")>{label}</a>
            </li>
        }
    };
    view! {
        <nav class="sub-nav" aria-label="Administration">
            <ul>
                {link("/admin/users", "People")} {link("/admin/suppliers", "Suppliers")}
                {link("/admin/audit", "Audit log")} {link("/admin/outbox", "Outbox")}
                {link("/admin/settings", "Settings")}
            </ul>
        </nav>
    }
}
