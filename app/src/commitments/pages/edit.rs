//! The committee's form that changes a commitment's details (`/commitments/:id/edit`): what
//! was promised, the module, the details and an owner on each side. The promise itself is
//! changed on the commitment's page, where the ledger keeps each one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    commitments::{
        api::{get_commitment_details, EditCommitment},
        types::{CommitmentDetailsForm, CommitmentId},
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        markdown::MarkdownField,
        url::id_in_url,
    },
};

#[component]
pub fn EditCommitmentPage() -> impl IntoView {
    let id = id_in_url();
    let form = Resource::new_blocking(move || CommitmentId(id.get()), get_commitment_details);
    let edit = ServerAction::<EditCommitment>::new();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(form) => view! { <EditDetails form edit/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditDetails(form: CommitmentDetailsForm, edit: ServerAction<EditCommitment>) -> impl IntoView {
    let errors = Signal::derive(move || form_errors(edit.value().get()));
    let label = form.id.label();
    let none = |text: &str| (String::new(), text.to_owned());
    let options = |first: &str, choices: Vec<(String, String)>| {
        std::iter::once(none(first))
            .chain(choices)
            .collect::<Vec<_>>()
    };
    let module_options = options(
        "No particular module",
        form.modules
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name))
            .collect(),
    );
    let committee_options = options(
        "No one",
        form.committee
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name))
            .collect(),
    );
    let representative_options = options(
        "No one",
        form.representatives
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name))
            .collect(),
    );
    let chosen = |id: Option<i64>| Signal::stored(id.map(|id| id.to_string()).unwrap_or_default());
    view! {
        <Title text=format!("Change the details of {label}")/>
        <p class="breadcrumbs">
            <a href="/commitments">"Commitments"</a>
            " › "
            <a href=form.id.href()>{format!("{label}: {}", form.title)}</a>
        </p>
        <h1>{format!("Change the details of {label}")}</h1>
        <p class="muted">
            {format!("A promise of {}. ", form.supplier_name)}
            "When it is due and where it stands are changed on its page, where the ledger keeps every promise."
        </p>
        <FormMessage error=Signal::derive(move || action_failure(edit))/>
        <ActionForm action=edit attr:class="panel">
            <input type="hidden" name="commitment" value=form.id.0.to_string()/>
            <input type="hidden" name="version" value=form.version.to_string()/>
            <Field name="title" label="What was promised" required=true value=Signal::stored(form.title.clone()) errors/>
            <SelectField name="module" label="Module" options=module_options value=chosen(form.module.map(|id| id.0)) errors/>
            <MarkdownField name="description" label="Details" hint="Optional: what exactly was promised, in Markdown." rows=5 value=Signal::stored(form.description.clone()) errors/>
            <SelectField name="committee_owner" label="Owner for the committee" options=committee_options value=chosen(form.committee_owner.map(|id| id.0)) errors/>
            <SelectField name="supplier_owner" label="Owner for the supplier" options=representative_options value=chosen(form.supplier_owner.map(|id| id.0)) hint="One of the supplier's representatives with an account, or name someone below." errors/>
            <Field name="supplier_owner_name" label="Or the supplier's owner by name" value=Signal::stored(form.supplier_owner_name.clone()) hint="e.g. \"Head of product, the supplier\"." errors/>
            <button type="submit">"Save the details"</button>
        </ActionForm>
    }
}
