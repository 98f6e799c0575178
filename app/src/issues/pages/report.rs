//! Reporting an issue.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    issues::api::{get_report_options, ReportIssue},
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        markdown::MarkdownField,
    },
};

use super::*;

#[component]
pub fn ReportIssuePage() -> impl IntoView {
    let report = ServerAction::<ReportIssue>::new();
    let options = Resource::new_blocking(|| (), |_| get_report_options());
    let errors = Signal::derive(move || form_errors(report.value().get()));
    view! {
        <Title text="Report an issue"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => {
                        let supplier_options = supplier_choices(&page.suppliers, "Choose…");
                        let only_supplier = match page.suppliers.as_slice() {
                            [only] => only.id.0.to_string(),
                            _ => String::new(),
                        };
                        let module_options = module_choices(&page.modules, &page.suppliers, "None or not sure");
                        view! {
                            <h1>"Report an issue"</h1>
                            <p class="muted">
                                "Say what goes wrong. If you have raised it with the supplier, add the log number they gave you: others who find the same problem can then add themselves to it."
                            </p>
                            <FormMessage error=Signal::derive(move || action_failure(report))/>
                            <ActionForm action=report attr:class="report-form">
                                <Field name="title" label="Title" required=true errors/>
                                <SelectField
                                    name="supplier"
                                    label="Supplier"
                                    options=Signal::stored(supplier_options)
                                    value=Signal::stored(only_supplier)
                                    errors
                                />
                                <SelectField
                                    name="module"
                                    label="Module"
                                    options=Signal::stored(module_options)
                                    errors
                                />
                                <Field
                                    name="log_number"
                                    label="Supplier's log number"
                                    hint="Optional, such as CS0123456."
                                    errors
                                />
                                <MarkdownField name="description" label="Description" required=true errors/>
                                <SafetyCheckbox errors/>
                                <button type="submit">
                                    "Report issue"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
