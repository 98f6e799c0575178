//! The administrators' supplier pages: the list with "add a supplier", and one supplier's
//! page with its details and its modules.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    error::FormErrors,
    suppliers::{
        api::{get_supplier, get_suppliers, AddModule, AddSupplier, EditModule, EditSupplier},
        types::{ModuleDetail, SupplierDetail, SupplierId, SupplierSummary},
    },
    ui::{
        admin_nav::AdminNav,
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SuccessNotice, TextAreaField},
    },
};

#[component]
pub fn SuppliersPage() -> impl IntoView {
    let add = ServerAction::<AddSupplier>::new();
    let suppliers = OnceResource::new_blocking(get_suppliers());
    let errors = Signal::derive(move || form_errors(add.value().get()));

    view! {
        <Title text="Suppliers"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match suppliers.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(suppliers) => {
                        view! {
                            <AdminNav current="/admin/suppliers"/>
                            <h1>"Suppliers"</h1>
                            <SupplierTable suppliers/>
                            <section class="panel" aria-labelledby="add-supplier-heading">
                                <h2 id="add-supplier-heading">"Add a supplier"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(add))/>
                                <ActionForm action=add>
                                    <SupplierFields errors/>
                                    <button type="submit">"Add supplier"</button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SupplierTable(suppliers: Vec<SupplierSummary>) -> impl IntoView {
    if suppliers.is_empty() {
        return view! {
            <p>"No suppliers yet. Add the supplier your user group holds to account below."</p>
        }
        .into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="list">
                <thead>
                    <tr>
                        <th scope="col">"Supplier"</th>
                        <th scope="col">"Short name"</th>
                        <th scope="col" class="numeric">"Modules"</th>
                        <th scope="col" class="numeric">"Representatives"</th>
                        <th scope="col" class="numeric">"Issues"</th>
                    </tr>
                </thead>
                <tbody>
                    {suppliers
                        .into_iter()
                        .map(|supplier| {
                            let href = format!("/admin/suppliers/{}", supplier.id.0);
                            view! {
                                <tr>
                                    <td>
                                        <a href=href>{supplier.name}</a>
                                    </td>
                                    <td data-label="Short name">{supplier.slug}</td>
                                    <td class="numeric" data-label="Modules">{supplier.modules}</td>
                                    <td class="numeric" data-label="Representatives">{supplier.representatives}</td>
                                    <td class="numeric" data-label="Issues">{supplier.issues}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The fields of the supplier forms, holding `current` to begin with.
#[component]
fn SupplierFields(
    errors: Signal<FormErrors>,
    #[prop(optional)] current: Option<SupplierDetail>,
) -> impl IntoView {
    let value = |pick: fn(&SupplierDetail) -> &str| {
        Signal::stored(current.as_ref().map(pick).unwrap_or_default().to_owned())
    };
    view! {
        <Field name="name" label="Name" required=true value=value(|s| &s.name) errors/>
        <Field
            name="slug"
            label="Short name"
            hint="Lower-case letters, digits and hyphens; made from the name if left empty."
            value=value(|s| &s.slug)
            errors
        />
        <Field
            name="website"
            label="Website"
            kind="url"
            hint="Optional: the supplier's site or support portal."
            value=value(|s| &s.website)
            errors
        />
        <TextAreaField
            name="description"
            label="Description"
            hint="Optional, plain text."
            rows=3
            value=value(|s| &s.description)
            errors
        />
    }
}

#[component]
pub fn SupplierPage() -> impl IntoView {
    let params = use_params_map();
    let edit = ServerAction::<EditSupplier>::new();
    let add_module = ServerAction::<AddModule>::new();
    let edit_module = ServerAction::<EditModule>::new();
    let supplier = Resource::new_blocking(
        move || params.read().get("id"),
        |id| async move {
            let id = id.and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
            get_supplier(SupplierId(id)).await
        },
    );
    let edit_errors = Signal::derive(move || form_errors(edit.value().get()));
    let module_errors = Signal::derive(move || form_errors(add_module.value().get()));
    let row_errors = Signal::derive(move || form_errors(edit_module.value().get()));
    // What the last form saved, from the address a saved form sends the browser to.
    let query = use_query_map();
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match supplier.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(supplier) => {
                        let id = supplier.id.0.to_string();
                        let (id_for_edit, id_for_modules) = (id.clone(), id.clone());
                        let version = supplier.version.to_string();
                        let modules = supplier.modules.clone();
                        let title = supplier.name.clone();
                        view! {
                            <Title text=title.clone()/>
                            <AdminNav current="/admin/suppliers"/>
                            <p class="breadcrumbs">
                                <a href="/admin/suppliers">"Suppliers"</a>
                            </p>
                            <h1>{title}</h1>
                            <p>
                                <a href=format!("/commitments/scorecard?supplier={id}")>"Scorecard"</a>
                                " · "
                                <a href=format!("/commitments/roadmap?supplier={id}")>"Roadmap by quarter"</a>
                            </p>
                            <SuccessNotice show=saved("added") message="Supplier added. Add its modules below."/>
                            <SuccessNotice show=saved("details") message="The supplier's details have been saved."/>
                            <section class="panel" aria-labelledby="details-heading">
                                <h2 id="details-heading">"Details"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(edit))/>
                                <ActionForm action=edit>
                                    <input type="hidden" name="supplier" value=id_for_edit/>
                                    <input type="hidden" name="version" value=version/>
                                    <SupplierFields errors=edit_errors current=supplier/>
                                    <button type="submit">
                                        "Save changes"
                                    </button>
                                </ActionForm>
                            </section>
                            <section aria-labelledby="modules-heading">
                                <h2 id="modules-heading">"Modules"</h2>
                                <p class="muted">
                                    "The supplier's products and parts (a clinical system, its template manager, its support portal). Issues can name one."
                                </p>
                                <SuccessNotice show=saved("module") message="The module has been saved."/>
                                <FormMessage error=Signal::derive(move || action_failure(edit_module))/>
                                <ModuleTable supplier=id_for_modules modules edit_module row_errors/>
                            </section>
                            <section class="panel" aria-labelledby="add-module-heading">
                                <h2 id="add-module-heading">"Add a module"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(add_module))/>
                                <ActionForm action=add_module>
                                    <input type="hidden" name="supplier" value=id/>
                                    <Field name="name" label="Name" required=true errors=module_errors/>
                                    <Field
                                        name="slug"
                                        label="Short name"
                                        hint="Made from the name if left empty."
                                        errors=module_errors
                                    />
                                    <TextAreaField name="description" label="Description" rows=2 errors=module_errors/>
                                    <button type="submit">
                                        "Add module"
                                    </button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModuleTable(
    supplier: String,
    modules: Vec<ModuleDetail>,
    edit_module: ServerAction<EditModule>,
    row_errors: Signal<FormErrors>,
) -> impl IntoView {
    if modules.is_empty() {
        return view! { <p>"No modules yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="modules list">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Short name"</th>
                        <th scope="col">"Description"</th>
                        <th scope="col">"Save"</th>
                    </tr>
                </thead>
                <tbody>
                    {modules
                        .into_iter()
                        .map(|module| {
                            let supplier = supplier.clone();
                            let id = module.id.0.to_string();
                            let form_id = format!("module-{id}");
                            // Messages of a refused edit show in the row of the module edited.
                            let errors = {
                                let id = id.clone();
                                Signal::derive(move || {
                                    let errors = row_errors.get();
                                    if errors.kept.get("module") == Some(&id) {
                                        errors
                                    } else {
                                        FormErrors::default()
                                    }
                                })
                            };
                            let cell = |name: &'static str, label: &'static str, value: String| {
                                view! {
                                    <td data-label=label>
                                        <Field
                                            name
                                            label
                                            label_hidden=true
                                            id_suffix=id.clone()
                                            value=Signal::stored(value)
                                            form=form_id.clone()
                                            errors
                                        />
                                    </td>
                                }
                            };
                            view! {
                                <tr>
                                    {cell("name", "Name", module.name.clone())}
                                    {cell("slug", "Short name", module.slug)}
                                    {cell("description", "Description", module.description)}
                                    <td>
                                        <ActionForm action=edit_module attr:id=form_id.clone() attr:class="inline-form">
                                            <input type="hidden" name="supplier" value=supplier/>
                                            <input type="hidden" name="module" value=id.clone()/>
                                            <input type="hidden" name="version" value=module.version.to_string()/>
                                            <button type="submit" class="button--secondary">
                                                "Save"
                                                <span class="visually-hidden">" " {module.name}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
