//! SQL for the audit log: security events written in the same transaction as what they
//! record, and read back newest first a page at a time.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    accounts::types::{AccountId, AuditAction, AuditEntry, AuditPage},
    db::{page::Page, timestamp, Db},
};

pub struct AuditEvent<'a> {
    pub action: AuditAction,
    /// Who did it, when signed in.
    pub actor: Option<AccountId>,
    /// The account it was done to or tried on.
    pub account: Option<AccountId>,
    /// For failed sign-ins the normalised email tried, which throttling counts by.
    pub detail: &'a str,
    pub client_address: &'a str,
}

pub async fn record(
    tx: &mut Transaction<'static, Any>,
    event: AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (action, actor_id, account_id, detail, client_address, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.action.as_str())
    .bind(event.actor.map(|id| id.0))
    .bind(event.account.map(|id| id.0))
    .bind(event.detail)
    .bind(event.client_address)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records an event of the request being served: the client address is the request's.
pub async fn record_for_request(
    tx: &mut Transaction<'static, Any>,
    action: AuditAction,
    actor: Option<AccountId>,
    account: Option<AccountId>,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let client = crate::accounts::request::client();
    let event = AuditEvent {
        action,
        actor,
        account,
        detail,
        client_address: &client.address,
    };
    record(tx, event, now).await
}

/// Entries on one page of the audit log.
pub const PAGE_SIZE: i64 = 50;

/// A page of the log, newest first: the entries older than `before` (an entry id), or the
/// newest if `None`.
pub async fn page(db: &Db, before: Option<i64>) -> Result<AuditPage, sqlx::Error> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT e.id, e.action, e.actor_id, actor.display_name AS actor_name, \
                e.account_id, subject.display_name AS account_name, \
                e.detail, e.client_address, e.created_at \
         FROM audit_events e \
         LEFT JOIN accounts actor ON actor.id = e.actor_id \
         LEFT JOIN accounts subject ON subject.id = e.account_id \
         WHERE e.id < $1 ORDER BY e.id DESC LIMIT $2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(PAGE_SIZE + 1)
    .fetch_all(db.reader())
    .await?;
    let page = Page::of_one_more(rows, PAGE_SIZE, |row| row.id).try_map(AuditRow::into_entry)?;
    Ok(AuditPage {
        entries: page.rows,
        older: page.next,
    })
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    action: String,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    account_id: Option<i64>,
    account_name: Option<String>,
    detail: String,
    client_address: String,
    created_at: String,
}

impl AuditRow {
    fn into_entry(self) -> Result<AuditEntry, sqlx::Error> {
        Ok(AuditEntry {
            id: self.id,
            action: AuditAction::parse(&self.action).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown audit action {:?}", self.action).into())
            })?,
            actor: self.actor_id.map(AccountId),
            actor_name: self.actor_name,
            account: self.account_id.map(AccountId),
            account_name: self.account_name,
            detail: self.detail,
            client_address: self.client_address,
            at: timestamp::from_db(&self.created_at)?,
        })
    }
}
