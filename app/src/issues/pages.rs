//! The issue tracker's pages: the list (filters in the URL), reporting an issue, and an
//! issue with its timeline and the actions the viewer may take.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::{Form, Redirect},
    hooks::{use_params_map, use_query_map},
};

use crate::{
    domain::{issue_workflow::is_awaiting_supplier, uk_time},
    error::FormErrors,
    issues::{
        api::{
            get_issue, get_issues, get_report_options, AddIssueLogNumber, ChangeIssueStatus,
            EditIssue, EditIssuePost, MergeIssue, PostToIssue, RemoveIssuePost, ReportIssue,
            SetIssueAffects, SetIssueFollowing,
        },
        types::{
            EventKind, IssueEditing, IssueFilter, IssueId, IssueListPage, IssueRow, IssueSort,
            IssueStatus, IssueView, TimelineEntry,
        },
    },
    suppliers::types::{ModuleName, SupplierName},
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        markdown::{MarkdownField, MarkdownView},
    },
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

#[component]
pub fn IssuesPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        IssueFilter::from_pairs(
            [
                "status",
                "supplier",
                "module",
                "safety",
                "awaiting",
                "following",
                "mine",
                "q",
                "sort",
                "after",
            ]
            .into_iter()
            .filter_map(|key| query.get_str(key).map(|value| (key, value))),
        )
    });
    let page = Resource::new_blocking(
        move || filter.get(),
        |filter| {
            let flag = |on: bool| on.then(|| "1".to_owned());
            get_issues(
                Some(filter.status.as_str().to_owned()),
                filter.supplier.map(|id| id.to_string()),
                filter.module.map(|id| id.to_string()),
                flag(filter.safety),
                flag(filter.awaiting),
                flag(filter.following),
                flag(filter.mine),
                (!filter.text.is_empty()).then_some(filter.text),
                Some(filter.sort.as_str().to_owned()),
                filter.after.map(|id| id.to_string()),
            )
        },
    );

    view! {
        <Title text="Issues"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
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
    } = page;
    let next_href = next_after.map(|after| {
        let query = filter.to_query(false);
        let join = if query.is_empty() { "" } else { "&" };
        format!("/issues?{query}{join}after={after}")
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
                name="q"
                label="Text or log number"
                kind="search"
                value=Signal::stored(filter.text.clone())
                errors=no_errors
            />
            <SelectField
                name="status"
                label="Status"
                options=Signal::stored(status_options)
                value=Signal::stored(filter.status.as_str().to_owned())
                errors=no_errors
            />
            <SelectField
                name="supplier"
                label="Supplier"
                options=Signal::stored(supplier_options)
                value=Signal::stored(filter.supplier.map(|id| id.to_string()).unwrap_or_default())
                errors=no_errors
            />
            <SelectField
                name="module"
                label="Module"
                options=Signal::stored(module_options)
                value=Signal::stored(filter.module.map(|id| id.to_string()).unwrap_or_default())
                errors=no_errors
            />
            <SelectField
                name="sort"
                label="Order"
                options=Signal::stored(sort_options)
                value=Signal::stored(filter.sort.as_str().to_owned())
                errors=no_errors
            />
            <fieldset class="filters__flags">
                <legend>"Only"</legend>
                {checkbox("safety", "Patient safety", filter.safety)}
                {checkbox("awaiting", "Awaiting the supplier", filter.awaiting)}
                {checkbox("following", "Followed by me", filter.following)}
                {checkbox("mine", "Reported by me", filter.mine)}
            </fieldset>
            <div class="filters__actions">
                <button type="submit">"Show issues"</button>
                <a href="/issues">"Clear filters"</a>
            </div>
        </Form>
    }
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
fn IssueTable(rows: Vec<IssueRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="issues">
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
                                    <td>{supplier}</td>
                                    <td>
                                        <StatusBadge status=row.status/>
                                        <Awaiting days=row.days_awaiting/>
                                    </td>
                                    <td class="numeric">{row.affects}</td>
                                    <td>{uk_time::date(row.updated_at)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

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

/// Everything a person can do on an issue's page. Each form posts to its server function,
/// which sends the browser back to the page; a refused one comes back as its action's value.
#[derive(Clone, Copy)]
struct IssueActions {
    post: ServerAction<PostToIssue>,
    status: ServerAction<ChangeIssueStatus>,
    log_number: ServerAction<AddIssueLogNumber>,
    affects: ServerAction<SetIssueAffects>,
    follow: ServerAction<SetIssueFollowing>,
    merge: ServerAction<MergeIssue>,
    edit: ServerAction<EditIssue>,
    edit_post: ServerAction<EditIssuePost>,
    remove_post: ServerAction<RemoveIssuePost>,
}

impl IssueActions {
    fn new() -> Self {
        IssueActions {
            post: ServerAction::new(),
            status: ServerAction::new(),
            log_number: ServerAction::new(),
            affects: ServerAction::new(),
            follow: ServerAction::new(),
            merge: ServerAction::new(),
            edit: ServerAction::new(),
            edit_post: ServerAction::new(),
            remove_post: ServerAction::new(),
        }
    }
}

/// What part of an issue's page the reader is working on, from its URL: `?edit=details`,
/// `?edit=<post>` or `?remove=<post>`. Links lead there, so it works without JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Reading,
    EditingDetails,
    EditingPost(i64),
    RemovingPost(i64),
}

impl Focus {
    fn from_query(edit: Option<String>, remove: Option<String>) -> Self {
        match (edit.as_deref(), remove) {
            (Some("details"), _) => Focus::EditingDetails,
            (Some(post), _) => post.parse().map_or(Focus::Reading, Focus::EditingPost),
            (None, Some(post)) => post.parse().map_or(Focus::Reading, Focus::RemovingPost),
            (None, None) => Focus::Reading,
        }
    }
}

/// An issue's page. One merged into another sends the reader on to the survivor, unless they
/// asked to see it as it was (`?show=merged`).
#[component]
pub fn IssuePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let actions = IssueActions::new();
    let issue = Resource::new_blocking(
        move || params.read().get("number"),
        |number| async move {
            let number = number.and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
            get_issue(number).await
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let staying = query.read().get("show").as_deref() == Some("merged");
                let arrived_from = query.read().get("from").and_then(|from| IssueId::parse(&from));
                let focus = Focus::from_query(query.read().get("edit"), query.read().get("remove"));
                match issue.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(issue) => match issue.duplicate_of {
                        Some(survivor) if !staying => {
                            let path = format!("{}?from={}", survivor.href(), issue.id.0);
                            view! { <Redirect path/> }.into_any()
                        }
                        _ => view! { <IssueDetail issue actions arrived_from focus/> }.into_any(),
                    },
                }
            })}
        </Suspense>
    }
}

#[component]
fn IssueDetail(
    issue: IssueView,
    actions: IssueActions,
    /// The merged issue whose link brought the reader here.
    arrived_from: Option<IssueId>,
    focus: Focus,
) -> impl IntoView {
    let IssueActions {
        post,
        status,
        log_number,
        affects,
        follow,
        merge,
        edit,
        ..
    } = actions;
    let path = issue.id.href();
    let id = issue.id.0.to_string();
    let title = format!("{} {}", issue.id, issue.title);
    let rights = issue.viewer.clone();
    let facts = view! {
        <dl class="facts">
            <dt>"Supplier"</dt>
            <dd>
                {issue.supplier.name.clone()}
                {issue.module.clone().map(|module| format!(" · {module}"))}
            </dd>
            <dt>"Status"</dt>
            <dd>
                <StatusBadge status=issue.status/>
                {issue.target.clone().map(|target| format!(" — target: {target}"))}
                <Awaiting days=issue.days_awaiting/>
            </dd>
            <dt>"Log numbers"</dt>
            <dd>
                {if issue.log_numbers.is_empty() {
                    "None yet".to_owned()
                } else {
                    issue.log_numbers.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
                }}
            </dd>
            <dt>"Reported"</dt>
            <dd>
                {uk_time::date(issue.created_at)}
                {issue.reporter.clone().map(|name| format!(" by {name}"))}
            </dd>
            <dt>"Affects"</dt>
            <dd>{affects_text(issue.affects)}</dd>
        </dl>
    };
    let affects_form = rights.may_mark_affects.then(|| {
        let id = id.clone();
        let (value, label) = if rights.affects_me {
            ("false", "Withdraw “affects us too”")
        } else {
            ("true", "This affects us too")
        };
        view! {
            <ActionForm action=affects attr:class="inline-form">
                <input type="hidden" name="issue" value=id/>
                <input type="hidden" name="affects" value=value/>
                <button type="submit">{label}</button>
            </ActionForm>
        }
    });
    let follow_form = {
        let id = id.clone();
        let (value, label, state) = if rights.following {
            ("false", "Stop following", "You follow this issue.")
        } else {
            ("true", "Follow", "You do not follow this issue.")
        };
        view! {
            <ActionForm action=follow attr:class="inline-form">
                <input type="hidden" name="issue" value=id/>
                <input type="hidden" name="follow" value=value/>
                <span class="muted">{state}</span>
                " "
                <button type="submit" class="button--secondary">
                    {label}
                </button>
            </ActionForm>
        }
    };
    let interest = view! {
        <div class="issue-interest">
            <FormMessage error=Signal::derive(move || action_failure(affects).or_else(|| action_failure(follow)))/>
            {affects_form}
            {follow_form}
        </div>
    };
    view! {
        <Title text=title.clone()/>
        <p class="breadcrumbs">
            <a href="/issues">"Issues"</a>
        </p>
        <h1>
            <span class="issue-number">{issue.id.to_string()}</span>
            " "
            {issue.title.clone()}
        </h1>
        {issue.patient_safety.then(|| view! { <p><SafetyBadge/></p> })}
        {issue
            .duplicate_of
            .map(|target| {
                view! {
                    <div class="notice" role="status">
                        <p>"This issue was merged into " <a href=target.href()>{target.to_string()}</a> "; continue there."</p>
                    </div>
                }
            })}
        {arrived_from
            .map(|from| {
                view! {
                    <div class="notice" role="status">
                        <p>
                            {format!("{from} was merged into this issue. ")}
                            <a href=format!("{}?show=merged", from.href())>{format!("See {from} as it was")}</a>
                        </p>
                    </div>
                }
            })}
        {facts}
        {interest}
        {match (focus, issue.editing.clone()) {
            (Focus::EditingDetails, Some(editing)) => {
                view! {
                    <EditDetails
                        edit
                        id=issue.id
                        version=issue.version
                        title=issue.title.clone()
                        patient_safety=issue.patient_safety
                        editing
                    />
                }
                    .into_any()
            }
            _ => {
                let editable = rights.may_edit_details;
                let edit_href = format!("{path}?edit=details");
                view! {
                    <section aria-labelledby="description-heading">
                        <h2 id="description-heading" class="visually-hidden">"Description"</h2>
                        <MarkdownView html=issue.description.clone()/>
                        {editable.then(|| view! { <p><a href=edit_href>"Edit details"</a></p> })}
                    </section>
                }
                    .into_any()
            }
        }}
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <ol class="timeline">
                {issue
                    .timeline
                    .into_iter()
                    .map(|entry| view! { <TimelineItem entry path=path.clone() focus actions/> })
                    .collect_view()}
            </ol>
        </section>
        {rights.may_post.then(|| {
            let errors = Signal::derive(move || form_errors(post.value().get()));
            let (heading, label, button) = if rights.posts_officially {
                ("Official response", "Response", "Post official response")
            } else {
                ("Comment", "Comment", "Post comment")
            };
            let id = id.clone();
            view! {
                <section class="panel" aria-labelledby="post-heading">
                    <h2 id="post-heading">{heading}</h2>
                    <FormMessage error=Signal::derive(move || action_failure(post))/>
                    <ActionForm action=post>
                        <input type="hidden" name="issue" value=id/>
                        <MarkdownField name="body" label=label rows=5 errors/>
                        <button type="submit">{button}</button>
                    </ActionForm>
                </section>
            }
        })}
        {(!rights.next_statuses.is_empty()).then(|| {
            let errors = Signal::derive(move || form_errors(status.value().get()));
            let options: Vec<_> = rights
                .next_statuses
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
                .collect();
            let (id, version) = (id.clone(), issue.version.to_string());
            view! {
                <section class="panel" aria-labelledby="status-heading">
                    <h2 id="status-heading">"Change status"</h2>
                    <FormMessage error=Signal::derive(move || action_failure(status))/>
                    <ActionForm action=status>
                        <input type="hidden" name="issue" value=id/>
                        <input type="hidden" name="version" value=version/>
                        <SelectField name="status" label="New status" options=Signal::stored(options) errors/>
                        <Field
                            name="target"
                            label="Target (for “Fix planned”)"
                            hint="The release and/or when, such as “9.21.0, Q3 2024”."
                            errors
                        />
                        <MarkdownField name="note" label="Note" hint="Optional: why, or what happens next." rows=3 errors/>
                        <button type="submit">"Change status"</button>
                    </ActionForm>
                </section>
            }
        })}
        {rights.may_add_log_number.then(|| {
            let errors = Signal::derive(move || form_errors(log_number.value().get()));
            let id = id.clone();
            view! {
                <section class="panel" aria-labelledby="log-heading">
                    <h2 id="log-heading">"Add a log number"</h2>
                    <FormMessage error=Signal::derive(move || action_failure(log_number))/>
                    <ActionForm action=log_number attr:class="inline-form">
                        <input type="hidden" name="issue" value=id/>
                        <Field name="log_number" label="Supplier's log number" errors/>
                        <button type="submit">"Add log number"</button>
                    </ActionForm>
                </section>
            }
        })}
        {rights.may_merge.then(|| {
            let errors = Signal::derive(move || form_errors(merge.value().get()));
            let (id, version) = (id.clone(), issue.version.to_string());
            view! {
                <section class="panel" aria-labelledby="merge-heading">
                    <h2 id="merge-heading">"Merge as a duplicate"</h2>
                    <p class="muted">
                        "This issue closes as a duplicate; its log numbers, followers and “affects us too” marks move to the other issue."
                    </p>
                    <FormMessage error=Signal::derive(move || action_failure(merge))/>
                    <ActionForm action=merge attr:class="inline-form">
                        <input type="hidden" name="issue" value=id/>
                        <input type="hidden" name="version" value=version/>
                        <Field name="into" label="Duplicate of issue" hint="Its number, such as #12." errors/>
                        <button type="submit">"Merge"</button>
                    </ActionForm>
                </section>
            }
        })}
    }
}

fn affects_text(count: i64) -> String {
    match count {
        0 => "No practice has said so yet".to_owned(),
        1 => "1 practice".to_owned(),
        n => format!("{n} practices"),
    }
}

/// The form that edits an issue's title, description, module and safety flag.
#[component]
fn EditDetails(
    edit: ServerAction<EditIssue>,
    id: IssueId,
    version: i64,
    title: String,
    patient_safety: bool,
    editing: IssueEditing,
) -> impl IntoView {
    let errors = Signal::derive(move || {
        let refused = form_errors(edit.value().get());
        if refused.kept.is_empty() {
            // Nothing typed yet: the form starts from the issue as it is.
            refused.keep("patient_safety", if patient_safety { "on" } else { "" })
        } else {
            refused
        }
    });
    let mut module_options = vec![(String::new(), "None".to_owned())];
    module_options.extend(
        editing
            .modules
            .iter()
            .map(|module| (module.id.0.to_string(), module.name.clone())),
    );
    let module = editing
        .module
        .map(|module| module.0.to_string())
        .unwrap_or_default();
    let cancel = id.href();
    view! {
        <section class="panel" aria-labelledby="edit-heading">
            <h2 id="edit-heading">"Edit details"</h2>
            <FormMessage error=Signal::derive(move || action_failure(edit))/>
            <ActionForm action=edit attr:class="report-form">
                <input type="hidden" name="issue" value=id.0.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <Field name="title" label="Title" required=true value=Signal::stored(title) errors/>
                <SelectField
                    name="module"
                    label="Module"
                    options=Signal::stored(module_options)
                    value=Signal::stored(module)
                    errors
                />
                <MarkdownField
                    name="description"
                    label="Description"
                    required=true
                    value=Signal::stored(editing.description)
                    errors
                />
                <SafetyCheckbox errors/>
                <div class="form-actions">
                    <button type="submit">"Save details"</button>
                    <a href=cancel>"Cancel"</a>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn TimelineItem(
    entry: TimelineEntry,
    /// The issue's page.
    path: String,
    focus: Focus,
    actions: IssueActions,
) -> impl IntoView {
    let IssueActions {
        edit_post,
        remove_post,
        ..
    } = actions;
    let editing = focus == Focus::EditingPost(entry.id) && entry.may_edit;
    let removing = focus == Focus::RemovingPost(entry.id) && entry.may_remove;
    let anchor = format!("event-{}", entry.id);
    let controls = (!editing && !removing && (entry.may_edit || entry.may_remove)).then(|| {
        let edit_href = format!("{path}?edit={}#{anchor}", entry.id);
        let remove_href = format!("{path}?remove={}#{anchor}", entry.id);
        view! {
            <span class="timeline__controls">
                {entry.may_edit.then(|| view! { " · " <a href=edit_href>"Edit"</a> })}
                {entry.may_remove.then(|| view! { " · " <a href=remove_href>"Remove"</a> })}
            </span>
        }
    });
    let what_post = if entry.kind == EventKind::OfficialResponse {
        "response"
    } else {
        "comment"
    };
    let who = entry.actor.clone().unwrap_or_else(|| "Someone".to_owned());
    let role = entry
        .actor_role
        .clone()
        .map(|role| view! { <span class="timeline__role">{role}</span> });
    let what = match entry.kind {
        EventKind::Reported => "reported this issue".to_owned(),
        EventKind::Comment => "commented".to_owned(),
        EventKind::OfficialResponse => "posted an official response".to_owned(),
        EventKind::StatusChanged => {
            let from = entry
                .from_status
                .map(IssueStatus::label)
                .unwrap_or_default();
            let to = entry.to_status.map(IssueStatus::label).unwrap_or_default();
            if entry.detail.is_empty() {
                format!("changed the status from {from} to {to}")
            } else {
                format!(
                    "changed the status from {from} to {to} (target: {})",
                    entry.detail
                )
            }
        }
        EventKind::LogNumberAdded => format!("added log number {}", entry.detail),
        EventKind::LogNumberRemoved => format!("removed log number {}", entry.detail),
        EventKind::MergedInto => "merged this issue into".to_owned(),
        EventKind::MergedFrom => "merged".to_owned(),
        EventKind::DetailsChanged => format!("changed {}", entry.detail),
    };
    // A merge names the other issue, linked, and the log numbers that moved.
    let other = entry
        .other_issue
        .map(|other| view! { " " <a href=other.href()>{other.to_string()}</a> });
    let merged_after = match entry.kind {
        EventKind::MergedFrom if entry.detail.is_empty() => " into this issue".to_owned(),
        EventKind::MergedFrom => format!(" into this issue, with log numbers {}", entry.detail),
        _ => String::new(),
    };
    let class = match entry.kind {
        EventKind::OfficialResponse => "timeline__item timeline__item--official",
        EventKind::Comment => "timeline__item timeline__item--comment",
        _ => "timeline__item",
    };
    view! {
        <li class=class id=anchor.clone()>
            <p class="timeline__meta">
                <strong>{who}</strong>
                " "
                {role}
                " "
                {what}
                {other}
                {merged_after}
                " · "
                <time datetime=entry.at.to_rfc3339()>{uk_time::date_time(entry.at)}</time>
                {entry.edited.then_some(" · edited")}
                {controls}
            </p>
            {if editing {
                let errors = Signal::derive(move || form_errors(edit_post.value().get()));
                let source = entry.source.clone().unwrap_or_default();
                let cancel = format!("{path}#{anchor}");
                view! {
                    <FormMessage error=Signal::derive(move || action_failure(edit_post))/>
                    <ActionForm action=edit_post>
                        <input type="hidden" name="post" value=entry.id.to_string()/>
                        <input type="hidden" name="version" value=entry.version.to_string()/>
                        <MarkdownField
                            name="body"
                            label="Your text"
                            rows=5
                            value=Signal::stored(source)
                            id_suffix=entry.id.to_string()
                            errors
                        />
                        <div class="form-actions">
                            <button type="submit">"Save"</button>
                            <a href=cancel>"Cancel"</a>
                        </div>
                    </ActionForm>
                }
                    .into_any()
            } else {
                entry.body.clone().map(|html| view! { <MarkdownView html/> }).into_any()
            }}
            {removing.then(|| {
                let keep = format!("{path}#{anchor}");
                view! {
                    <div class="notice notice--warning" role="group" aria-label="Confirm removal">
                        <p>
                            {format!("Remove this {what_post}? Its text will no longer show here; the committee can still read it.")}
                        </p>
                        <FormMessage error=Signal::derive(move || action_failure(remove_post))/>
                        <ActionForm action=remove_post attr:class="inline-form">
                            <input type="hidden" name="post" value=entry.id.to_string()/>
                            <input type="hidden" name="version" value=entry.version.to_string()/>
                            <button type="submit">{format!("Remove {what_post}")}</button>
                            <a href=keep>"Keep it"</a>
                        </ActionForm>
                    </div>
                }
            })}
            {entry.removed.then(|| view! { <p class="muted">{format!("This {what_post} was removed.")}</p> })}
            {(!entry.earlier.is_empty()).then(|| {
                let count = entry.earlier.len();
                view! {
                    <details class="timeline__earlier">
                        <summary>{format!("Earlier text ({count}), seen by the committee only")}</summary>
                        {entry
                            .earlier
                            .into_iter()
                            .map(|earlier| {
                                let by = earlier.replaced_by.clone().unwrap_or_else(|| "someone".to_owned());
                                view! {
                                    <p class="muted">
                                        {format!("Replaced {} by {by}:", uk_time::date_time(earlier.replaced_at))}
                                    </p>
                                    <MarkdownView html=earlier.body/>
                                }
                            })
                            .collect_view()}
                    </details>
                }
            })}
        </li>
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
