//! The committee's form for a new commitment (`/commitments/new`), empty or filled from the
//! agenda item (`?item=`) or the supplier's action (`?action=`) it is made from.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::ui::timeframe_reading::ReadingFields;
use crate::{
    commitments::{
        api::{get_commitment_form, AddCommitment},
        types::{ActionId, AgendaItemId, CommitmentForm},
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        markdown::MarkdownField,
    },
};

#[component]
pub fn NewCommitmentPage() -> impl IntoView {
    let query = use_query_map();
    let source = move || {
        let query = query.read();
        let id = |key: &str| query.get(key).and_then(|id| id.parse::<i64>().ok());
        (id("item").map(AgendaItemId), id("action").map(ActionId))
    };
    let form = Resource::new_blocking(source, |(item, action)| get_commitment_form(item, action));
    let add = ServerAction::<AddCommitment>::new();
    view! {
        <Title text="Record a commitment"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(form) => view! { <NewCommitment form add/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewCommitment(form: CommitmentForm, add: ServerAction<AddCommitment>) -> impl IntoView {
    let CommitmentForm {
        draft,
        suppliers,
        modules,
        committee,
        representatives,
        today,
        quarter_scheme,
    } = form;
    let errors = Signal::derive(move || form_errors(add.value().get()));
    let name_of = |id| {
        suppliers
            .iter()
            .find(|(supplier, _)| *supplier == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    };
    let none = |label: &str| (String::new(), label.to_owned());
    let supplier_options: Vec<_> = std::iter::once(none("Pick the supplier"))
        .chain(
            suppliers
                .iter()
                .map(|(id, name)| (id.0.to_string(), name.clone())),
        )
        .collect();
    let module_options: Vec<_> = std::iter::once(none("No particular module"))
        .chain(modules.iter().map(|(supplier, id, name)| {
            (id.0.to_string(), format!("{} · {name}", name_of(*supplier)))
        }))
        .collect();
    let committee_options: Vec<_> = std::iter::once(none("No one yet"))
        .chain(
            committee
                .into_iter()
                .map(|(id, name)| (id.0.to_string(), name)),
        )
        .collect();
    let representative_options: Vec<_> = std::iter::once(none("No one yet"))
        .chain(representatives.into_iter().map(|(supplier, id, name)| {
            (id.0.to_string(), format!("{name} ({})", name_of(supplier)))
        }))
        .collect();
    let value = |text: String| Signal::stored(text);
    let said_on = draft.said_on.unwrap_or(today).to_string();
    view! {
        <p class="breadcrumbs"><a href="/commitments">"Commitments"</a></p>
        <h1>"Record a commitment"</h1>
        {draft.source.clone().map(|source| view! { <p>"Made from " {source} "."</p> })}
        <FormMessage error=Signal::derive(move || action_failure(add))/>
        <ActionForm action=add attr:class="panel">
            {draft.item.map(|item| view! { <input type="hidden" name="item" value=item.0.to_string()/> })}
            {draft.action.map(|action| view! { <input type="hidden" name="action" value=action.0.to_string()/> })}
            <Field name="title" label="What was promised" required=true value=value(draft.title.clone()) hint="A line, e.g. \"Roll-out of the new appointment book to all sites\"." errors/>
            <SelectField name="supplier" label="Supplier" options=supplier_options value=value(draft.supplier.map(|id| id.0.to_string()).unwrap_or_default()) errors/>
            <SelectField name="module" label="Module" options=module_options errors/>
            <ReadingFields today scheme=quarter_scheme>
                <Field name="words" label="When, in the supplier's words" required=true value=value(draft.words.clone()) hint="As they said it: \"mid-July\", \"Q3\", \"in 5.2.0\", \"once the pilot ends\", \"soon\"." errors/>
                <Field name="said_on" label="Said on" kind="date" value=value(said_on) hint="The meeting's date, when it was said at one: relative words (\"next month\") count from it." errors/>
            </ReadingFields>
            <MarkdownField name="description" label="Details" hint="Optional: what exactly was promised, in Markdown." rows=5 value=value(draft.description.clone()) errors/>
            <SelectField name="committee_owner" label="Owner for the committee" options=committee_options errors/>
            <SelectField name="supplier_owner" label="Owner for the supplier" options=representative_options hint="One of the supplier's representatives with an account, or name someone below." errors/>
            <Field name="supplier_owner_name" label="Or the supplier's owner by name" hint="e.g. \"Head of product, the supplier\"." errors/>
            <button type="submit">"Record the commitment"</button>
        </ActionForm>
    }
}
