//! An action's own page (`/actions/:id`): what was agreed, by whom it is to be done and when,
//! where it was agreed, its timeline, and for those who may, marking it done or reopening it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    domain::{
        action_due::overdue_phrase,
        timeframe::{long_date, Window},
    },
    meetings::{
        api::{get_action, CloseAction, ReopenAction},
        types::{ActionEvent, ActionEventKind, ActionId, ActionOwner, ActionPage, ActionStatus},
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, FormMessage, SuccessNotice, TextAreaField},
        time,
        url::{changed, id_in_url},
    },
};

#[component]
pub fn ActionPageView() -> impl IntoView {
    let id = id_in_url();
    let page = Resource::new_blocking(move || ActionId(id.get()), get_action);
    let close = ServerAction::<CloseAction>::new();
    let reopen = ServerAction::<ReopenAction>::new();

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! {
                        <SuccessNotice show=changed("done") message="The action is marked done."/>
                        <SuccessNotice show=changed("reopened") message="The action is open again."/>
                        <Action page close reopen/>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Action(
    page: ActionPage,
    close: ServerAction<CloseAction>,
    reopen: ServerAction<ReopenAction>,
) -> impl IntoView {
    let ActionPage {
        action,
        meeting,
        meeting_title,
        meeting_start,
        item,
        item_heading,
        events,
        may_close,
        may_manage,
    } = page;
    let open = action.status == ActionStatus::Open;
    let errors = Signal::derive(move || form_errors(close.value().get()));
    let (id, version) = (action.id.0.to_string(), action.version.to_string());
    let (reopen_id, reopen_version) = (id.clone(), version.clone());
    let done = action.done_at.map(|at| {
        let by = action
            .done_by
            .clone()
            .map(|by| format!(" by {by}"))
            .unwrap_or_default();
        format!("{}{by}", time::date(at))
    });
    view! {
        <Title text=format!("Action: {}", action.description)/>
        <p class="breadcrumbs">
            <a href="/meetings">"Meetings"</a>
            " › "
            <a href=meeting.href()>{meeting_title.clone()}</a>
        </p>
        <h1>
            {action.description.clone()}
            " "
            <span class=if open { "badge" } else { "badge badge--done" }>{action.status.label()}</span>
        </h1>
        <dl class="facts">
            <dt>"Who is to do it"</dt>
            <dd>{action.owner_label.clone()}</dd>
            <dt>"When it is due"</dt>
            <dd>
                {due_fact(&action.due_words, action.due)}
                {action.overdue_days.map(|days| view! { " " <span class="badge badge--overdue">{overdue_phrase(days)}</span> })}
            </dd>
            <dt>"Agreed at"</dt>
            <dd>
                <a href=format!("{}#item-{}", meeting.href(), item.0)>{item_heading}</a>
                ", " {meeting_title} ", " {time::date(meeting_start)}
            </dd>
            {done.map(|done| view! { <dt>"Done"</dt><dd>{done}</dd> })}
            {(!action.done_note.is_empty()).then(|| view! { <dt>"What was done"</dt><dd>{action.done_note.clone()}</dd> })}
        </dl>
        {(may_manage && matches!(action.owner, ActionOwner::Supplier(_))).then(|| view! {
            <p><a class="button" href=format!("/commitments/new?action={}", action.id.0)>"Make this a commitment"</a></p>
        })}
        {(open && may_close).then(|| view! {
            <section class="panel" aria-labelledby="close-heading">
                <h2 id="close-heading">"Mark this action done"</h2>
                <FormMessage error=Signal::derive(move || action_failure(close))/>
                <ActionForm action=close>
                    <input type="hidden" name="action" value=id.clone()/>
                    <input type="hidden" name="version" value=version.clone()/>
                    <TextAreaField name="note" label="What was done" hint="Optional: a line for the record, e.g. where the fix or the answer can be found." rows=3 errors/>
                    <button type="submit">"Mark done"</button>
                </ActionForm>
            </section>
        })}
        {(!open && may_manage).then(|| view! {
            <FormMessage error=Signal::derive(move || action_failure(reopen))/>
            <ActionForm action=reopen attr:class="inline-form">
                <input type="hidden" name="action" value=reopen_id.clone()/>
                <input type="hidden" name="version" value=reopen_version.clone()/>
                <button type="submit" class="button--secondary">"Reopen this action"</button>
            </ActionForm>
        })}
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="timeline">{events.into_iter().map(event_line).collect_view()}</ol>
        </section>
    }
}

/// When it is due: the day its words give and the words as said, or why there is no day.
fn due_fact(words: &str, due: Option<Window>) -> String {
    match due {
        _ if words.is_empty() => "Not said".to_owned(),
        Some(due) => format!(
            "By {} (\u{201c}{words}\u{201d}, as said at the meeting)",
            long_date(due.last)
        ),
        None => {
            format!("\u{201c}{words}\u{201d}, as said at the meeting (these words give no date)")
        }
    }
}

fn event_line(event: ActionEvent) -> impl IntoView {
    let what = match event.kind {
        ActionEventKind::Created => "recorded this action".to_owned(),
        ActionEventKind::Edited => format!("changed {}", event.detail),
        ActionEventKind::Done if event.detail.is_empty() => "marked it done".to_owned(),
        ActionEventKind::Done => format!("marked it done: \u{201c}{}\u{201d}", event.detail),
        ActionEventKind::Reopened => "reopened it".to_owned(),
    };
    view! {
        <li class="timeline__item">
            <p class="timeline__meta">
                <strong>{event.by.unwrap_or_else(|| "Someone".to_owned())}</strong>
                " " {what} " · "
                <time datetime=event.at.to_rfc3339()>{time::date_time(event.at)}</time>
            </p>
        </li>
    }
}
