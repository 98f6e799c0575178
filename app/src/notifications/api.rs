//! Server functions of the inbox: read one's own notifications, mark one or all read. A
//! notification is its addressee's only: another's id answers as a missing one.

use leptos::prelude::*;

use super::types::{Inbox, OutboxPage, Preferences};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    domain::permissions::Permission,
    error::FormErrors,
    guard,
    notifications::{
        store::{self, outbox},
        types::{EmailChoice, MailSetup, NotificationKind},
    },
};

/// Anyone signed in: a page of their inbox, newest first (`before` continues from an id;
/// `show` = `unread` leaves out what they have read).
#[server(prefix = "/api", endpoint = "inbox")]
pub async fn get_inbox(before: Option<i64>, show: Option<String>) -> Result<Inbox, AppError> {
    let user = guard::require(Permission::ReadOwnInbox)?;
    let db = crate::db::use_db()?;
    let unread_only = show.as_deref() == Some("unread");
    Ok(store::inbox(&db, user.id, before, unread_only).await?)
}

/// Anyone signed in: how many of their notifications are unread, as read with their session
/// (no query of its own: every page's header shows it).
#[server(prefix = "/api", endpoint = "inbox/unread")]
pub async fn get_unread_count() -> Result<i64, AppError> {
    guard::require(Permission::ReadOwnInbox)?;
    let unread = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<super::types::Unread>().copied());
    Ok(unread.map_or(0, |unread| unread.0))
}

/// Anyone signed in: marks one of their notifications read, then goes `back` to the inbox
/// page it was marked on.
#[server(prefix = "/api", endpoint = "inbox/read")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "mark_notification_read", skip_all, fields(notification))
)]
pub async fn mark_notification_read(
    notification: i64,
    back: Option<String>,
) -> Result<(), AppError> {
    let user = guard::require(Permission::ReadOwnInbox)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    if !store::mark_read(&mut tx, user.id, notification, crate::clock::now()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    leptos_axum::redirect(&inbox_path(back.as_deref(), None));
    Ok(())
}

/// Anyone signed in: marks read every notification of theirs up to `up_to` (the newest the
/// page showed, so one that came after stays unread).
#[server(prefix = "/api", endpoint = "inbox/read_all")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "mark_all_notifications_read", skip_all)
)]
pub async fn mark_all_notifications_read(up_to: i64) -> Result<(), AppError> {
    let user = guard::require(Permission::ReadOwnInbox)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    store::mark_all_read(&mut tx, user.id, up_to, crate::clock::now()).await?;
    tx.commit().await?;
    leptos_axum::redirect(&inbox_path(None, Some("all_read")));
    Ok(())
}

/// Anyone signed in: how they hear of each kind of notification.
#[server(prefix = "/api", endpoint = "account/notifications")]
pub async fn get_notification_preferences() -> Result<Preferences, AppError> {
    let user = guard::require(Permission::ReadOwnInbox)?;
    let db = crate::db::use_db()?;
    Ok(store::preferences(&db, user.id).await?)
}

/// Anyone signed in: chooses how they hear of chases (`immediately` or `off`).
#[server(prefix = "/api", endpoint = "account/notifications/save")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "set_notification_preferences", skip_all)
)]
pub async fn set_notification_preferences(chase: String) -> Result<(), AppError> {
    let user = guard::require(Permission::ReadOwnInbox)?;
    let db = crate::db::use_db()?;
    let Some(choice) = EmailChoice::parse(&chase) else {
        return Err(AppError::refused(
            FormErrors::new().field("chase", "Choose how you hear of chases."),
        ));
    };
    let mut tx = db.begin_write().await?;
    store::set_preference(
        &mut tx,
        user.id,
        NotificationKind::Chase,
        choice,
        crate::clock::now(),
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/account/notifications?changed=saved");
    Ok(())
}

/// Administrators: a page of the email outbox, newest first (`before` continues from an
/// email's id), with where email goes.
#[server(prefix = "/api", endpoint = "admin/outbox")]
pub async fn get_outbox(before: Option<i64>) -> Result<OutboxPage, AppError> {
    guard::require(Permission::ManageInstance)?;
    let db = crate::db::use_db()?;
    let mut page = outbox::page(&db, before).await?;
    page.smtp = use_context::<MailSetup>().and_then(|setup| setup.smtp);
    Ok(page)
}

/// Where a form of the inbox returns to: `back` if it is an inbox page, else the inbox,
/// with `changed` for the page's notice.
#[cfg(feature = "ssr")]
fn inbox_path(back: Option<&str>, changed: Option<&str>) -> String {
    let path = crate::security::local_path(back);
    let path = if path == "/inbox" || path.starts_with("/inbox?") {
        path
    } else {
        "/inbox".to_owned()
    };
    match changed {
        Some(changed) => format!("{path}?{}={changed}", super::types::keys::CHANGED),
        None => path,
    }
}
