//! The inbox page (`/inbox`): a person's notifications newest first, each linking to its item,
//! marked read one at a time or all at once, everything or only the unread. Plain forms: the
//! same with JavaScript off. A person's notification settings (`/account/notifications`), and
//! the administrators' email outbox (`/admin/outbox`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{
        get_inbox, get_notification_preferences, get_outbox, MarkAllNotificationsRead,
        MarkNotificationRead, SetNotificationPreferences,
    },
    types::{keys, EmailChoice, Inbox, Notification, OutboxEmail, OutboxPage, OutboxState},
};
use crate::{
    domain::mail::MAX_ATTEMPTS,
    ui::{
        admin_nav::AdminNav,
        errors::Refusal,
        forms::{action_failure, form_errors, FormMessage, SelectField, SuccessNotice},
        time,
        url::changed,
    },
};

#[component]
pub fn InboxPage() -> impl IntoView {
    let query = use_query_map();
    let reading = move || {
        let query = query.read();
        let before = query
            .get(keys::BEFORE)
            .and_then(|text| text.parse::<i64>().ok());
        let unread_only = query.get(keys::SHOW).as_deref() == Some("unread");
        (before, unread_only)
    };
    let inbox = Resource::new_blocking(reading, |(before, unread_only)| {
        get_inbox(before, unread_only.then(|| "unread".to_owned()))
    });
    let mark_read = ServerAction::<MarkNotificationRead>::new();
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();

    view! {
        <Title text="Inbox"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (before, unread_only) = reading();
                match inbox.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(inbox) => {
                        view! { <InboxView inbox before unread_only mark_read mark_all/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn InboxView(
    inbox: Inbox,
    before: Option<i64>,
    unread_only: bool,
    mark_read: ServerAction<MarkNotificationRead>,
    mark_all: ServerAction<MarkAllNotificationsRead>,
) -> impl IntoView {
    let Inbox {
        notifications,
        older,
        unread,
        newest,
    } = inbox;
    let show = if unread_only { "&show=unread" } else { "" };
    // Where a "Mark read" form comes back to: this very page.
    let here = match before {
        Some(before) => format!("/inbox?{}={before}{show}", keys::BEFORE),
        None if unread_only => "/inbox?show=unread".to_owned(),
        None => "/inbox".to_owned(),
    };
    let empty = match (notifications.is_empty(), unread_only) {
        (false, _) => None,
        (true, true) => Some("Nothing unread."),
        (true, false) => Some("Nothing here yet. When the supplier is chased about something that concerns you, you will hear of it here."),
    };
    view! {
        <h1>"Inbox"</h1>
        <SuccessNotice show=changed("all_read") message="Everything in your inbox is marked read."/>
        <FormMessage error=Signal::derive(move || action_failure(mark_read))/>
        <FormMessage error=Signal::derive(move || action_failure(mark_all))/>
        <div class="inbox-bar">
            <p class="inbox-bar__count">
                {match unread {
                    0 => "You have read everything.".to_owned(),
                    1 => "1 unread.".to_owned(),
                    n => format!("{n} unread."),
                }}
            </p>
            <nav class="inbox-bar__show" aria-label="Show">
                <a href="/inbox" aria-current=(!unread_only).then_some("page")>"All"</a>
                <a href="/inbox?show=unread" aria-current=unread_only.then_some("page")>"Unread only"</a>
            </nav>
            {newest
                .filter(|_| unread > 0)
                .map(|newest| {
                    view! {
                        <ActionForm action=mark_all attr:class="inline-form">
                            <input type="hidden" name="up_to" value=newest.to_string()/>
                            <button type="submit" class="button--secondary">"Mark all read"</button>
                        </ActionForm>
                    }
                })}
        </div>
        {empty.map(|text| view! { <p>{text}</p> })}
        <ol class="inbox">
            {notifications
                .into_iter()
                .map(|notification| {
                    view! { <InboxEntry notification back=here.clone() mark_read/> }
                })
                .collect_view()}
        </ol>
        <nav class="pager" aria-label="Inbox pages">
            {before.is_some().then(|| {
                let newest = if unread_only { "/inbox?show=unread" } else { "/inbox" };
                view! { <a href=newest>"Newest"</a> }
            })}
            {older.map(|older| {
                view! { <a href=format!("/inbox?{}={older}{show}", keys::BEFORE)>"Older"</a> }
            })}
        </nav>
    }
}

#[component]
fn InboxEntry(
    notification: Notification,
    back: String,
    mark_read: ServerAction<MarkNotificationRead>,
) -> impl IntoView {
    let Notification {
        id,
        item,
        subject,
        body,
        created_at,
        read,
        ..
    } = notification;
    let what = subject.clone();
    let heading = match item.href() {
        Some(href) => view! { <a href=href>{subject}</a> }.into_any(),
        None => subject.into_any(),
    };
    view! {
        <li class="inbox__entry" class:inbox__entry--unread=!read>
            <h2 class="inbox__subject">
                {(!read).then(|| view! { <span class="badge">"Unread"</span> " " })}
                {heading}
            </h2>
            <p>{body}</p>
            <p class="inbox__meta">
                <span class="muted">{time::date_time(created_at)}</span>
                {(!read).then(|| {
                    view! {
                        <ActionForm action=mark_read attr:class="inline-form">
                            <input type="hidden" name="notification" value=id.to_string()/>
                            <input type="hidden" name="back" value=back/>
                            <button type="submit" class="button--quiet">
                                "Mark read"
                                <span class="visually-hidden">": " {what}</span>
                            </button>
                        </ActionForm>
                    }
                })}
            </p>
        </li>
    }
}

/// The administrators' view of the email outbox (`/admin/outbox`): every email, newest first,
/// where it stands, and why the last try failed.
#[component]
pub fn OutboxPageView() -> impl IntoView {
    let query = use_query_map();
    let before = move || {
        query
            .read()
            .get(keys::BEFORE)
            .and_then(|text| text.parse::<i64>().ok())
    };
    let page = Resource::new_blocking(before, get_outbox);
    view! {
        <Title text="Email outbox"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! { <OutboxTable page first=before().is_none()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutboxTable(page: OutboxPage, first: bool) -> impl IntoView {
    let OutboxPage {
        emails,
        older,
        queued,
        failed,
        sent,
        smtp,
    } = page;
    let empty = emails.is_empty();
    view! {
        <AdminNav current="/admin/outbox"/>
        <h1>"Email outbox"</h1>
        {match smtp {
            Some(smtp) => view! {
                <p>
                    "Emails go through " {smtp} ". One that fails is tried again later, up to "
                    {MAX_ATTEMPTS} " times, waiting longer each time."
                </p>
            }
                .into_any(),
            None => view! {
                <div class="notice" role="note">
                    <p>
                        "No SMTP server is configured, so emails wait here. Set "
                        <code>"WATCHDOG_SMTP_HOST"</code> " and " <code>"WATCHDOG_SMTP_FROM"</code>
                        " (see the README) and restart Watchdog to send them."
                    </p>
                </div>
            }
                .into_any(),
        }}
        <p class="muted">
            {format!("{queued} waiting, {sent} sent, {failed} failed or not sent. Times are in ")}
            {time::zone().name()} "."
        </p>
        {empty.then(|| view! { <p>"No email has been queued yet."</p> })}
        <div class="table-wrap">
            <table class="list">
                <thead>
                    <tr>
                        <th scope="col">"Queued"</th>
                        <th scope="col">"To"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Where it stands"</th>
                    </tr>
                </thead>
                <tbody>
                    {emails.into_iter().map(|email| view! { <OutboxRow email/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Outbox pages">
            {(!first).then(|| view! { <a href="/admin/outbox">"Newest"</a> })}
            {older.map(|older| {
                view! { <a href=format!("/admin/outbox?{}={older}", keys::BEFORE)>"Older"</a> }
            })}
        </nav>
    }
}

#[component]
fn OutboxRow(email: OutboxEmail) -> impl IntoView {
    let standing = match email.state {
        OutboxState::Sent => format!(
            "Sent {}",
            email.sent_at.map(time::date_time).unwrap_or_default()
        ),
        OutboxState::Queued => format!("Waiting until {}", time::date_time(email.not_before)),
        OutboxState::Sending => "Being sent".to_owned(),
        OutboxState::Cancelled => String::new(),
        OutboxState::Failed if email.attempts >= MAX_ATTEMPTS => {
            format!("Failed {} times; no more tries", email.attempts)
        }
        OutboxState::Failed => format!(
            "Failed ({} {}); tried again after {}",
            email.attempts,
            if email.attempts == 1 { "try" } else { "tries" },
            time::date_time(email.not_before)
        ),
    };
    let error = (!email.last_error.is_empty()).then_some(email.last_error);
    view! {
        <tr>
            <td>{time::date_time(email.created_at)}</td>
            <td data-label="To">{email.to_name} " <" {email.to_address} ">"</td>
            <td data-label="Subject">
                <a href=email.link_path>{email.subject}</a>
            </td>
            <td data-label="Where it stands">
                <span class=format!("badge badge--outbox-{}", email.state.as_str())>
                    {email.state.label()}
                </span>
                " " {standing}
                {error.map(|error| view! { <br/> <span class="field__error">{error}</span> })}
            </td>
        </tr>
    }
}

/// A person's notification settings (`/account/notifications`): for each kind, by email as
/// each happens or only in the inbox. Emails' footers and `List-Unsubscribe` link here.
#[component]
pub fn NotificationSettingsPage() -> impl IntoView {
    let save = ServerAction::<SetNotificationPreferences>::new();
    let preferences = OnceResource::new_blocking(get_notification_preferences());
    view! {
        <Title text="Notifications"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match preferences.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(preferences) => {
                        let errors = Signal::derive(move || form_errors(save.value().get()));
                        let options: Vec<(String, String)> = EmailChoice::ALL
                            .into_iter()
                            .map(|choice| (choice.as_str().to_owned(), choice.label().to_owned()))
                            .collect();
                        view! {
                            <p><a href="/account">"Your account"</a></p>
                            <h1>"Notifications"</h1>
                            <SuccessNotice show=changed("saved") message="Your choices are saved."/>
                            <p>
                                "Everything that concerns you is in your "
                                <a href="/inbox">"inbox"</a>
                                ". Choose what also comes to you by email. Emails about chases wait for the working day: they are not sent in the chase policy's quiet hours, at weekends or on bank holidays."
                            </p>
                            <FormMessage error=Signal::derive(move || action_failure(save))/>
                            <ActionForm action=save>
                                <SelectField
                                    name="chase"
                                    label="Chases"
                                    hint="When the supplier is chased about something you represent or own, and when the committee is told of one that went unanswered."
                                    options=options
                                    value=Signal::stored(preferences.chase.as_str().to_owned())
                                    errors
                                />
                                <button type="submit">"Save"</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
