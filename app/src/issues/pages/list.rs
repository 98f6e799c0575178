//! The issues list: filters in the URL, a page of rows, the way on to the next page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_location};

use crate::{
    error::FormErrors,
    issues::{
        api::get_issues,
        types::{keys, IssueFilter, IssueListPage, IssueRow, IssueSort, IssueStatus},
    },
    suppliers::types::{ModuleName, SupplierName},
    ui::{
        errors::{Refusal, SeeOther},
        forms::{Field, SelectField},
        time,
    },
};

use super::*;

#[component]
pub fn IssuesPage() -> impl IntoView {
    let location = use_location();
    let filter = Memo::new(move |_| IssueFilter::from_query(&location.search.read()));
    let page = Resource::new_blocking(
        move || filter.get(),
        |filter| get_issues(filter.to_query(true)),
    );

    view! {
        <Title text="Issues"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(IssueListPage { go_to: Some(path), .. }) => view! { <SeeOther path/> }.into_any(),
                    Ok(page) => view! { <IssueList page filter=filter.get_untracked()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn IssueList(page: IssueListPage, filter: IssueFilter) -> impl IntoView {
    let IssueListPage {
        rows,
        total,
        total_capped,
        next_after,
        suppliers,
        modules,
        may_report,
        go_to: _,
    } = page;
    let next_href = next_after.map(|after| {
        let next = IssueFilter {
            after: Some(after),
            ..filter.clone()
        };
        format!("/issues?{}", next.to_query(true))
    });
    let first_href = filter
        .after
        .map(|_| format!("/issues?{}", filter.to_query(false)));
    let count = match (total, total_capped) {
        (total, true) => format!("More than {} issues match.", thousands(total)),
        (1, false) => "1 issue matches.".to_owned(),
        (total, false) => format!("{} issues match.", thousands(total)),
    };
    // A plain download, never a route of the app's own router.
    let csv_href = format!("/issues.csv?{}", filter.to_query(false));
    view! {
        <div class="page-heading">
            <h1>"Issues"</h1>
            {may_report.then(|| view! { <a class="button" href="/issues/new">"Report an issue"</a> })}
        </div>
        <FilterForm filter=filter.clone() suppliers modules/>
        <div class="list-summary">
            <p class="list-count" role="status">{count}</p>
            {(total > 0).then(|| view! {
                <a href=csv_href download rel="external">"Download these as CSV"</a>
            })}
        </div>
        {if rows.is_empty() {
            view! { <p>"No issues match these filters."</p> }.into_any()
        } else {
            view! { <IssueTable rows/> }.into_any()
        }}
        <nav class="pager" aria-label="Pages">
            {first_href.map(|href| view! { <a href=href>"First page"</a> })}
            {next_href.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
        </nav>
    }
}

#[component]
fn FilterForm(
    filter: IssueFilter,
    suppliers: Vec<SupplierName>,
    modules: Vec<ModuleName>,
) -> impl IntoView {
    let no_errors = Signal::stored(FormErrors::default());
    let mut status_options = vec![
        ("open".to_owned(), "Open".to_owned()),
        ("closed".to_owned(), "Closed".to_owned()),
        ("all".to_owned(), "All".to_owned()),
    ];
    status_options.extend(
        IssueStatus::ALL
            .into_iter()
            .map(|status| (status.as_str().to_owned(), status.label().to_owned())),
    );
    let supplier_options = supplier_choices(&suppliers, "Any");
    let module_options = module_choices(&modules, &suppliers, "Any");
    let sort_options: Vec<_> = IssueSort::ALL
        .into_iter()
        .map(|sort| (sort.as_str().to_owned(), sort.label().to_owned()))
        .collect();
    let checkbox = |name: &'static str, label: &'static str, checked: bool| {
        view! {
            <label class="checkbox">
                <input type="checkbox" name=name value="1" checked=checked/>
                {label}
            </label>
        }
    };
    view! {
        <Form method="GET" action="/issues" attr:class="filters" attr:role="search" attr:aria-label="Filter issues">
            <Field
                name=keys::TEXT
                label="Text or log number"
                kind="search"
                value=Signal::stored(filter.text.clone())
                errors=no_errors
            />
            <SelectField
                name=keys::STATUS
                label="Status"
                options=Signal::stored(status_options)
                value=Signal::stored(filter.status.as_str().to_owned())
                errors=no_errors
            />
            <SelectField
                name=keys::SUPPLIER
                label="Supplier"
                options=Signal::stored(supplier_options)
                value=Signal::stored(filter.supplier.map(|id| id.to_string()).unwrap_or_default())
                errors=no_errors
            />
            <SelectField
                name=keys::MODULE
                label="Module"
                options=Signal::stored(module_options)
                value=Signal::stored(filter.module.map(|id| id.to_string()).unwrap_or_default())
                errors=no_errors
            />
            <SelectField
                name=keys::SORT
                label="Order"
                options=Signal::stored(sort_options)
                value=Signal::stored(filter.sort.as_str().to_owned())
                errors=no_errors
            />
            <fieldset class="filters__flags">
                <legend>"Only"</legend>
                {checkbox(keys::SAFETY, "Patient safety", filter.safety)}
                {checkbox(keys::AWAITING, "Awaiting the supplier", filter.awaiting)}
                {checkbox(keys::FOLLOWING, "Followed by me", filter.following)}
                {checkbox(keys::MINE, "Reported by me", filter.mine)}
            </fieldset>
            <div class="filters__actions">
                <button type="submit">"Show issues"</button>
                <a href="/issues">"Clear filters"</a>
            </div>
        </Form>
    }
}

#[component]
fn IssueTable(rows: Vec<IssueRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="issues list">
                <thead>
                    <tr>
                        <th scope="col">"Issue"</th>
                        <th scope="col">"Supplier"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="numeric">"Affects"</th>
                        <th scope="col">"Updated"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let supplier = match &row.module {
                                Some(module) => format!("{} · {module}", row.supplier),
                                None => row.supplier.clone(),
                            };
                            view! {
                                <tr>
                                    <td>
                                        <a href=row.id.href()>
                                            <span class="issue-number">{row.id.to_string()}</span>
                                            " "
                                            {row.title}
                                        </a>
                                        {row.patient_safety.then(|| view! { " " <SafetyBadge/> })}
                                        {(!row.log_numbers.is_empty())
                                            .then(|| {
                                                view! {
                                                    <br/>
                                                    <span class="muted">"Log " {row.log_numbers.join(", ")}</span>
                                                }
                                            })}
                                    </td>
                                    <td data-label="Supplier">{supplier}</td>
                                    <td data-label="Status">
                                        <StatusBadge status=row.status/>
                                        <Awaiting days=row.days_awaiting/>
                                    </td>
                                    <td class="numeric" data-label="Affects">{row.affects}</td>
                                    <td data-label="Updated">{time::date(row.updated_at)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
