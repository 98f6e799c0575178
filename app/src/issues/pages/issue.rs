//! An issue's page: its facts, its description, and the forms for what the viewer may do.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    issues::{
        api::{get_issue, EditIssue},
        types::{IssueEditing, IssueId, IssueView},
    },
    ui::{
        errors::{Refusal, SeeOther},
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        markdown::{MarkdownField, MarkdownView},
        time,
    },
};

use super::{
    actions::{Focus, IssueActions},
    timeline::TimelineItem,
    *,
};

/// An issue's page. One merged into another sends the reader on to the survivor, unless they
/// asked to see it as it was (`?show=merged`).
#[component]
pub fn IssuePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let actions = IssueActions::new();
    let issue = Resource::new_blocking(
        move || (params.read().get("number"), query.read().get("before")),
        |(number, before)| async move {
            let number = number.and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
            get_issue(
                IssueId(number),
                before.and_then(|before| before.parse().ok()),
            )
            .await
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
                            view! { <SeeOther path/> }.into_any()
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
        remove_log_number,
        affects,
        follow,
        merge,
        edit,
        ..
    } = actions;
    let path = issue.id.href();
    let timeline_page = match issue.before {
        Some(before) => format!("{path}?before={before}"),
        None => path.clone(),
    };
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
            {(!issue.commitments.is_empty()).then(|| view! {
                <dt>"Planned under"</dt>
                <dd>
                    {issue.commitments.iter().enumerate().map(|(index, planned)| view! {
                        {(index > 0).then_some("; ")}
                        <a href=planned.id.href()>{format!("{} {}", planned.id.label(), planned.title)}</a>
                        {format!(" ({})", planned.status.label())}
                    }).collect_view()}
                </dd>
            })}
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
                {time::date(issue.created_at)}
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
            {issue.earlier_events.map(|before| view! {
                <p class="timeline__more">
                    <a href=format!("{path}?before={before}#timeline-heading")>"Show earlier events"</a>
                </p>
            })}
            <ol class="timeline">
                {issue
                    .timeline
                    .into_iter()
                    .map(|entry| view! { <TimelineItem entry path=timeline_page.clone() focus actions/> })
                    .collect_view()}
            </ol>
            {issue.before.is_some().then(|| view! {
                <p class="timeline__more">
                    <a href=format!("{path}#timeline-heading")>"Show the latest events"</a>
                </p>
            })}
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
                            hint="The release and/or when, such as “9.21.0, Q3 2024”; naming one of the supplier's commitments, such as “C-45”, links the issue to it."
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
        {(rights.may_manage_log_numbers && !issue.log_numbers.is_empty()).then(|| {
            let errors = Signal::derive(move || form_errors(remove_log_number.value().get()));
            let id = id.clone();
            let numbers: Vec<(String, String)> = issue
                .log_numbers
                .iter()
                .map(|number| (number.to_string(), number.to_string()))
                .collect();
            view! {
                <section class="panel" aria-labelledby="log-manage-heading">
                    <h2 id="log-manage-heading">"Remove or move a log number"</h2>
                    <FormMessage error=Signal::derive(move || action_failure(remove_log_number))/>
                    <ActionForm action=remove_log_number attr:class="inline-form">
                        <input type="hidden" name="issue" value=id/>
                        <SelectField
                            name="log_number"
                            label="Log number"
                            options=Signal::stored(numbers)
                            id_suffix="manage"
                            errors
                        />
                        <Field
                            name="move_to"
                            label="Move it to issue"
                            hint="Leave empty to remove it; give an issue number, such as #12, to move it there."
                            id_suffix="manage"
                            errors
                        />
                        <button type="submit">"Remove or move"</button>
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
