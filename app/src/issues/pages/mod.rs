//! The issue tracker's pages: the list (filters in the URL), reporting an issue, and an
//! issue with its timeline and the actions the viewer may take. Small pieces several of them
//! show live here.

mod actions;
mod issue;
mod list;
mod report;
mod timeline;

pub use issue::IssuePage;
pub use list::IssuesPage;
pub use report::ReportIssuePage;

use leptos::prelude::*;

use crate::{
    domain::issue_workflow::is_awaiting_supplier,
    error::FormErrors,
    issues::types::IssueStatus,
    suppliers::types::{ModuleName, SupplierName},
};

/// A status as a coloured label.
#[component]
fn StatusBadge(status: IssueStatus) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", status.as_str())>{status.label()}</span> }
}

#[component]
fn SafetyBadge() -> impl IntoView {
    view! { <span class="badge badge--safety">"Patient safety"</span> }
}

/// 12345 as "12,345".
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if n < 0 {
        grouped.insert(0, '-');
    }
    grouped
}

/// "Awaiting the supplier for 23 days", once the wait passes the chase policy's threshold;
/// nothing before (every open issue waits a little).
#[component]
fn Awaiting(days: Option<i64>) -> impl IntoView {
    days.filter(|days| is_awaiting_supplier(Some(*days)))
        .map(|days| {
            view! {
                <br/>
                <span class="awaiting">{format!("Awaiting the supplier for {days} days")}</span>
            }
        })
}

/// Suppliers as choices, after a first choice of none (labelled `none`).
fn supplier_choices(suppliers: &[SupplierName], none: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_owned()))
        .chain(
            suppliers
                .iter()
                .map(|s| (s.id.0.to_string(), s.name.clone())),
        )
        .collect()
}

/// Modules as choices, each with its supplier's name, after a first choice of none.
fn module_choices(
    modules: &[ModuleName],
    suppliers: &[SupplierName],
    none: &str,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_owned()))
        .chain(modules.iter().map(|m| {
            let supplier = suppliers
                .iter()
                .find(|s| s.id == m.supplier)
                .map(|s| s.name.as_str())
                .unwrap_or_default();
            (m.id.0.to_string(), format!("{} ({supplier})", m.name))
        }))
        .collect()
}

#[component]
fn SafetyCheckbox(errors: Signal<FormErrors>) -> impl IntoView {
    let checked = move || {
        errors
            .read()
            .kept
            .get("patient_safety")
            .is_some_and(|v| !v.is_empty())
    };
    view! {
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" name="patient_safety" value="on" checked=checked/>
                "This could harm patients (a patient-safety issue)"
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn counts_are_grouped_in_thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (12345, "12,345"),
            (1234567, "1,234,567"),
            (-4200, "-4,200"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }
}
