//! An issue's timeline, one event at a time, with the edit and removal of posts.

use leptos::prelude::*;

use crate::{
    issues::types::{EventKind, IssueStatus, TimelineEntry},
    meetings::types::Discussion,
    ui::{
        forms::{action_failure, form_errors, FormMessage},
        markdown::{MarkdownField, MarkdownView},
        time,
    },
};

use super::actions::{Focus, IssueActions};

#[component]
pub(super) fn TimelineItem(
    entry: TimelineEntry,
    /// The issue's page, with the page of its timeline being shown (`?before=N`) if not the
    /// newest: links to edit or remove a post, and back, stay on that page.
    path: String,
    focus: Focus,
    actions: IssueActions,
) -> impl IntoView {
    if let Some(discussion) = entry.discussed {
        return view! { <Discussed discussion/> }.into_any();
    }
    let IssueActions {
        edit_post,
        remove_post,
        ..
    } = actions;
    let editing = focus == Focus::EditingPost(entry.id) && entry.may_edit;
    let removing = focus == Focus::RemovingPost(entry.id) && entry.may_remove;
    let anchor = format!("event-{}", entry.id);
    let controls = (!editing && !removing && (entry.may_edit || entry.may_remove)).then(|| {
        let join = if path.contains('?') { '&' } else { '?' };
        let edit_href = format!("{path}{join}edit={}#{anchor}", entry.id);
        let remove_href = format!("{path}{join}remove={}#{anchor}", entry.id);
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
        EventKind::LogNumberAdded if entry.other_issue.is_some() => {
            format!("moved log number {} here from", entry.detail)
        }
        EventKind::LogNumberAdded => format!("added log number {}", entry.detail),
        EventKind::LogNumberRemoved if entry.other_issue.is_some() => {
            format!("moved log number {} to", entry.detail)
        }
        EventKind::LogNumberRemoved => format!("removed log number {}", entry.detail),
        EventKind::MergedInto => "merged this issue into".to_owned(),
        EventKind::MergedFrom => "merged".to_owned(),
        EventKind::DetailsChanged => format!("changed {}", entry.detail),
        EventKind::Discussed => String::new(),
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
                <time datetime=entry.at.to_rfc3339()>{time::date_time(entry.at)}</time>
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
                                        {format!("Replaced {} by {by}:", time::date_time(earlier.replaced_at))}
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
    .into_any()
}

/// "Discussed at the watchdog meeting of 15 June 2023", leading to the item in its minutes.
#[component]
fn Discussed(discussion: Discussion) -> impl IntoView {
    let href = discussion.href();
    let date = time::date(discussion.starts_at);
    view! {
        <li class="timeline__item timeline__item--discussed">
            <p class="timeline__meta">
                "Discussed at "
                <a href=href>{discussion.meeting_of(&date)}</a>
                <span class="muted">" — " {discussion.title}</span>
            </p>
        </li>
    }
}
