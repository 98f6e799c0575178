//! The inbox's SQL: notifications written in the transaction of what they tell of, read a
//! page at a time newest first, and marked read (the unread count on `accounts` follows by
//! trigger); each person's choices of what comes by email; and the email outbox (`outbox`).

pub mod outbox;

use chrono::{DateTime, Utc};

use super::types::{EmailChoice, Inbox, Notification, NotificationKind, Preferences};
use crate::{
    db::{page::Page, timestamp, Db, Tx},
    domain::ids::{AccountId, ItemRef},
};

/// Notifications on one page of an inbox.
pub const PAGE_SIZE: i64 = 30;

/// What to tell one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    pub account: AccountId,
    pub kind: NotificationKind,
    pub item: ItemRef,
    pub subject: &'a str,
    pub body: &'a str,
    /// The chase it tells of: each person hears of a chase once.
    pub chase: Option<i64>,
}

/// Puts `notice` into its person's inbox: the notification's id, or `None` when they were
/// already told of its chase.
pub async fn notify(
    tx: &mut Tx,
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let (item_kind, item_id) = notice.item.stored();
    sqlx::query_scalar(
        "INSERT INTO notifications (account_id, kind, item_kind, item_id, subject, body, \
           chase_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (chase_id, account_id) \
         DO NOTHING RETURNING id",
    )
    .bind(notice.account)
    .bind(notice.kind.as_str())
    .bind(item_kind)
    .bind(item_id)
    .bind(notice.subject)
    .bind(notice.body)
    .bind(notice.chase)
    .bind(timestamp::to_db(now))
    .fetch_optional(&mut **tx)
    .await
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    kind: String,
    item_kind: String,
    item_id: i64,
    subject: String,
    body: String,
    created_at: String,
    read_at: Option<String>,
}

impl NotificationRow {
    fn notification(self) -> Result<Notification, sqlx::Error> {
        let decode = |what: String| sqlx::Error::Decode(what.into());
        Ok(Notification {
            id: self.id,
            kind: NotificationKind::parse(&self.kind)
                .ok_or_else(|| decode(format!("a notification kind: {}", self.kind)))?,
            item: ItemRef::from_stored(&self.item_kind, self.item_id)
                .ok_or_else(|| decode(format!("an item kind: {}", self.item_kind)))?,
            subject: self.subject,
            body: self.body,
            created_at: timestamp::from_db(&self.created_at)?,
            read: self.read_at.is_some(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct CountsRow {
    unread: i64,
    newest: Option<i64>,
}

/// A page of `account`'s inbox, newest first: those older than `before`, only the unread
/// ones if `unread_only`.
pub async fn inbox(
    db: &Db,
    account: AccountId,
    before: Option<i64>,
    unread_only: bool,
) -> Result<Inbox, sqlx::Error> {
    let filter = if unread_only {
        "AND read_at IS NULL "
    } else {
        ""
    };
    let rows: Vec<NotificationRow> = sqlx::query_as(&format!(
        "SELECT id, kind, item_kind, item_id, subject, body, created_at, read_at \
         FROM notifications WHERE account_id = $1 {filter}AND id < $2 \
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(account)
    .bind(before.unwrap_or(i64::MAX))
    .bind(PAGE_SIZE + 1)
    .fetch_all(db.reader())
    .await?;
    let page =
        Page::of_one_more(rows, PAGE_SIZE, |row| row.id).try_map(NotificationRow::notification)?;
    let counts: CountsRow = sqlx::query_as(
        "SELECT a.unread_notifications AS unread, \
           (SELECT MAX(n.id) FROM notifications n WHERE n.account_id = a.id) AS newest \
         FROM accounts a WHERE a.id = $1",
    )
    .bind(account)
    .fetch_one(db.reader())
    .await?;
    Ok(Inbox {
        notifications: page.rows,
        older: page.next,
        unread: counts.unread,
        newest: counts.newest,
    })
}

/// Marks `account`'s notification `id` read; `false` when they have none of that id.
pub async fn mark_read(
    tx: &mut Tx,
    account: AccountId,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM notifications WHERE id = $1 AND account_id = $2")
            .bind(id)
            .bind(account)
            .fetch_optional(&mut **tx)
            .await?;
    if found.is_none() {
        return Ok(false);
    }
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
        .bind(timestamp::to_db(now))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// Marks every unread notification of `account` up to `up_to` read; how many it marked.
pub async fn mark_all_read(
    tx: &mut Tx,
    account: AccountId,
    up_to: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE notifications SET read_at = $1 \
         WHERE account_id = $2 AND read_at IS NULL AND id <= $3",
    )
    .bind(timestamp::to_db(now))
    .bind(account)
    .bind(up_to)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

#[derive(sqlx::FromRow)]
struct PreferenceRow {
    kind: String,
    email: String,
}

/// `account`'s choices; a kind never chosen is emailed as each happens.
pub async fn preferences(db: &Db, account: AccountId) -> Result<Preferences, sqlx::Error> {
    let rows: Vec<PreferenceRow> =
        sqlx::query_as("SELECT kind, email FROM notification_preferences WHERE account_id = $1")
            .bind(account)
            .fetch_all(db.reader())
            .await?;
    let choice = |kind: NotificationKind| {
        rows.iter()
            .find(|row| row.kind == kind.as_str())
            .and_then(|row| EmailChoice::parse(&row.email))
            .unwrap_or(EmailChoice::Immediately)
    };
    Ok(Preferences {
        chase: choice(NotificationKind::Chase),
    })
}

/// Records `account`'s choice for `kind`.
pub async fn set_preference(
    tx: &mut Tx,
    account: AccountId,
    kind: NotificationKind,
    email: EmailChoice,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notification_preferences (account_id, kind, email, updated_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account_id, kind) DO UPDATE SET email = $3, updated_at = $4",
    )
    .bind(account)
    .bind(kind.as_str())
    .bind(email.as_str())
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
