//! The email outbox's SQL (`0033_outbox.sql`): emails queued in the transaction of what they
//! tell of, claimed by one sender at a time (the claim is a write transaction, and writes run
//! one at a time across every process sharing the database), and marked sent or failed by the
//! sender that holds the claim. A claim left by a process that died is taken again after
//! `STALE_CLAIM`; an email to an account disabled or turned off since is cancelled.

use chrono::{DateTime, Duration, Utc};

use super::super::types::{NotificationKind, OutboxEmail, OutboxPage, OutboxState};
use crate::{
    db::{page::Page, timestamp, Db, Tx},
    domain::{ids::AccountId, mail::MAX_ATTEMPTS},
};

/// A claim older than this is taken to belong to a sender that died mid-send.
pub const STALE_CLAIM: Duration = Duration::minutes(10);

/// Emails on one page of the administrators' view of the outbox.
pub const PAGE_SIZE: i64 = 50;

/// Queues an email to `account` telling of `notification` (of `kind`), not to go before
/// `not_before`: unless the account is disabled, or its owner chose not to hear of `kind` by
/// email. `false` when nothing was queued.
#[allow(clippy::too_many_arguments)]
pub async fn enqueue(
    tx: &mut Tx,
    account: AccountId,
    kind: NotificationKind,
    notification: Option<i64>,
    subject: &str,
    body: &str,
    link_path: &str,
    not_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let written = sqlx::query(
        "INSERT INTO outbox (account_id, kind, notification_id, to_address, to_name, subject, \
           body, link_path, state, not_before, created_at) \
         SELECT a.id, $8, $1, a.email, a.display_name, $2, $3, $4, 'queued', $5, $6 \
         FROM accounts a WHERE a.id = $7 AND a.active = 1 \
           AND NOT EXISTS (SELECT 1 FROM notification_preferences p \
             WHERE p.account_id = a.id AND p.kind = $8 AND p.email = 'off') \
         ON CONFLICT (notification_id) DO NOTHING",
    )
    .bind(notification)
    .bind(subject)
    .bind(body)
    .bind(link_path)
    .bind(timestamp::to_db(not_before))
    .bind(timestamp::to_db(now))
    .bind(account)
    .bind(kind.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(written == 1)
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    to_address: String,
    to_name: String,
    subject: String,
    body: String,
    link_path: String,
    state: String,
    attempts: i64,
    not_before: String,
    last_error: String,
    created_at: String,
    sent_at: Option<String>,
}

impl OutboxRow {
    fn email(self) -> Result<OutboxEmail, sqlx::Error> {
        Ok(OutboxEmail {
            id: self.id,
            to_address: self.to_address,
            to_name: self.to_name,
            subject: self.subject,
            body: self.body,
            link_path: self.link_path,
            state: OutboxState::parse(&self.state).ok_or_else(|| {
                sqlx::Error::Decode(format!("an outbox state: {}", self.state).into())
            })?,
            attempts: self.attempts,
            not_before: timestamp::from_db(&self.not_before)?,
            last_error: self.last_error,
            created_at: timestamp::from_db(&self.created_at)?,
            sent_at: self
                .sent_at
                .as_deref()
                .map(timestamp::from_db)
                .transpose()?,
        })
    }
}

const COLUMNS: &str = "id, to_address, to_name, subject, body, link_path, state, attempts, \
                       not_before, last_error, created_at, sent_at";

/// Settles what should no longer be sent, then claims up to `limit` emails due at `now`,
/// oldest first: queued ones, failed ones with tries left, and those whose sender died
/// mid-send. Each claimed is 'sending', one try more, addressed to its account as it is now.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<OutboxEmail>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let at = timestamp::to_db(now);
    let stale = timestamp::to_db(now - STALE_CLAIM);
    sqlx::query(
        "UPDATE outbox SET state = 'cancelled', \
           last_error = 'Not sent: the account was disabled, or chose not to get these emails.' \
         WHERE state IN ('queued', 'failed') AND attempts < $1 \
           AND (account_id IN (SELECT id FROM accounts WHERE active = 0) \
             OR EXISTS (SELECT 1 FROM notification_preferences p \
               WHERE p.account_id = outbox.account_id AND p.kind = outbox.kind \
                 AND p.email = 'off'))",
    )
    .bind(MAX_ATTEMPTS)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE outbox SET state = 'failed', \
           last_error = 'The sender stopped while sending it, on its last try.' \
         WHERE state = 'sending' AND claimed_at < $1 AND attempts >= $2",
    )
    .bind(&stale)
    .bind(MAX_ATTEMPTS)
    .execute(&mut *tx)
    .await?;
    let rows: Vec<OutboxRow> = sqlx::query_as(
        "SELECT o.id, a.email AS to_address, a.display_name AS to_name, o.subject, o.body, \
           o.link_path, o.state, o.attempts, o.not_before, o.last_error, o.created_at, o.sent_at \
         FROM outbox o JOIN accounts a ON a.id = o.account_id \
         WHERE ((o.state IN ('queued', 'failed') AND o.not_before <= $1) \
             OR (o.state = 'sending' AND o.claimed_at < $2)) \
           AND o.attempts < $3 \
         ORDER BY o.id LIMIT $4",
    )
    .bind(&at)
    .bind(&stale)
    .bind(MAX_ATTEMPTS)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    for row in &rows {
        sqlx::query(
            "UPDATE outbox SET state = 'sending', claimed_at = $1, attempts = attempts + 1, \
               to_address = $2, to_name = $3 \
             WHERE id = $4",
        )
        .bind(&at)
        .bind(&row.to_address)
        .bind(&row.to_name)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    rows.into_iter()
        .map(|row| {
            let mut email = row.email()?;
            email.state = OutboxState::Sending;
            email.attempts += 1;
            Ok(email)
        })
        .collect()
}

/// Records that email `id`, claimed at `claimed_at`, was sent; nothing if another sender has
/// taken it since (its claim went stale).
pub async fn mark_sent(
    db: &Db,
    id: i64,
    claimed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE outbox SET state = 'sent', sent_at = $1, last_error = '' \
         WHERE id = $2 AND state = 'sending' AND claimed_at = $3",
    )
    .bind(timestamp::to_db(now))
    .bind(id)
    .bind(timestamp::to_db(claimed_at))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Records that sending email `id`, claimed at `claimed_at`, failed, why, and when to try
/// again; nothing if another sender has taken it since.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    claimed_at: DateTime<Utc>,
    reason: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE outbox SET state = 'failed', last_error = $1, not_before = $2 \
         WHERE id = $3 AND state = 'sending' AND claimed_at = $4",
    )
    .bind(reason)
    .bind(timestamp::to_db(retry_at))
    .bind(id)
    .bind(timestamp::to_db(claimed_at))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

#[derive(sqlx::FromRow)]
struct CountRow {
    state: String,
    count: i64,
}

/// A page of the outbox for administrators, newest first: those older than `before`.
pub async fn page(db: &Db, before: Option<i64>) -> Result<OutboxPage, sqlx::Error> {
    let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE id < $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(before.unwrap_or(i64::MAX))
    .bind(PAGE_SIZE + 1)
    .fetch_all(db.reader())
    .await?;
    let page = Page::of_one_more(rows, PAGE_SIZE, |row| row.id).try_map(OutboxRow::email)?;
    let counts: Vec<CountRow> =
        sqlx::query_as("SELECT state, COUNT(*) AS count FROM outbox GROUP BY state")
            .fetch_all(db.reader())
            .await?;
    let count = |state: OutboxState| {
        counts
            .iter()
            .find(|row| row.state == state.as_str())
            .map_or(0, |row| row.count)
    };
    Ok(OutboxPage {
        queued: count(OutboxState::Queued) + count(OutboxState::Sending),
        failed: count(OutboxState::Failed) + count(OutboxState::Cancelled),
        sent: count(OutboxState::Sent),
        emails: page.rows,
        older: page.next,
        smtp: None,
    })
}
