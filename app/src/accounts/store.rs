//! SQL for accounts, sessions and the audit log. Row structs stay in this file.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    accounts::types::{
        AccountId, AccountSummary, CurrentUser, DisplayName, Email, Role, SessionId, SessionSummary,
    },
    db::{timestamp, Db},
    suppliers::types::SupplierId,
};

pub(crate) fn parse_role(text: &str) -> Result<Role, sqlx::Error> {
    Role::parse(text)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {text:?} in the database").into()))
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("an account with this email address already exists")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub role: Role,
    /// Set exactly when the role is `SupplierRep`.
    pub supplier: Option<SupplierId>,
    pub password_hash: &'a str,
}

/// Creates an account; its email must not belong to another account.
pub async fn create_account(
    tx: &mut Transaction<'static, Any>,
    account: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<AccountId, StoreError> {
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email_normalised = $1")
            .bind(account.email.normalised())
            .fetch_optional(&mut **tx)
            .await?;
    if taken.is_some() {
        return Err(StoreError::EmailTaken);
    }
    let now = timestamp::to_db(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts \
           (email, email_normalised, display_name, role, supplier_id, password_hash, \
            created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(account.email.as_str())
    .bind(account.email.normalised())
    .bind(account.display_name.as_str())
    .bind(account.role.as_str())
    .bind(account.supplier.map(|id| id.0))
    .bind(account.password_hash)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|error| match &error {
        // Writers are serialised, so the check above sees every committed account; this is
        // the database's own guarantee behind it.
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::EmailTaken,
        _ => StoreError::Database(error),
    })?;
    Ok(AccountId(id))
}

/// What sign-in needs to know about the account an email names.
pub struct SignInAccount {
    pub id: AccountId,
    pub password_hash: String,
    pub active: bool,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct SignInRow {
    id: i64,
    password_hash: String,
    active: i64,
    last_sign_in_at: Option<String>,
}

pub async fn sign_in_account(db: &Db, email: &Email) -> Result<Option<SignInAccount>, sqlx::Error> {
    let row: Option<SignInRow> = sqlx::query_as(
        "SELECT id, password_hash, active, last_sign_in_at FROM accounts \
         WHERE email_normalised = $1",
    )
    .bind(email.normalised())
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(SignInAccount {
        id: AccountId(row.id),
        password_hash: row.password_hash,
        active: row.active == 1,
        last_sign_in_at: row
            .last_sign_in_at
            .as_deref()
            .map(timestamp::from_db)
            .transpose()?,
    }))
}

pub async fn set_password_hash(
    tx: &mut Transaction<'static, Any>,
    account: AccountId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET password_hash = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3",
    )
    .bind(password_hash)
    .bind(timestamp::to_db(now))
    .bind(account.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A new session, as the cookie will name it (by the token's hash).
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account: AccountId,
    pub remember: bool,
    pub user_agent: &'a str,
    pub client_address: &'a str,
}

pub async fn start_session(
    tx: &mut Transaction<'static, Any>,
    session: NewSession<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let now = timestamp::to_db(now);
    sqlx::query(
        "INSERT INTO sessions \
           (token_hash, account_id, remember, user_agent, client_address, last_seen_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(session.token_hash)
    .bind(session.account.0)
    .bind(i64::from(session.remember))
    .bind(session.user_agent)
    .bind(session.client_address)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE accounts SET last_sign_in_at = $1 WHERE id = $2")
        .bind(&now)
        .bind(session.account.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A session found by its token, with the person it belongs to.
pub struct FoundSession {
    pub id: i64,
    pub user: CurrentUser,
    pub account_active: bool,
    pub remember: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// How many of the account's notifications are unread, for every page's header.
    pub unread_notifications: i64,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    account_id: i64,
    display_name: String,
    role: String,
    supplier_id: Option<i64>,
    active: i64,
    remember: i64,
    created_at: String,
    last_seen_at: String,
    unread_notifications: i64,
}

pub async fn find_session(db: &Db, token_hash: &str) -> Result<Option<FoundSession>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.account_id, a.display_name, a.role, a.supplier_id, a.active, s.remember, \
                s.created_at, s.last_seen_at, a.unread_notifications \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role = parse_role(&row.role)?;
    Ok(Some(FoundSession {
        id: row.id,
        user: CurrentUser {
            id: AccountId(row.account_id),
            display_name: row.display_name,
            role,
            supplier: row.supplier_id.map(SupplierId),
        },
        account_active: row.active == 1,
        remember: row.remember == 1,
        created_at: timestamp::from_db(&row.created_at)?,
        last_seen_at: timestamp::from_db(&row.last_seen_at)?,
        unread_notifications: row.unread_notifications,
    }))
}

pub async fn touch_session(
    db: &Db,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(timestamp::to_db(now))
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Ends a session; returns the account it belonged to, if it existed.
pub async fn end_session(
    tx: &mut Transaction<'static, Any>,
    token_hash: &str,
) -> Result<Option<AccountId>, sqlx::Error> {
    let account: Option<i64> =
        sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = $1 RETURNING account_id")
            .bind(token_hash)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(account.map(AccountId))
}

/// The columns an `AccountSummary` is read from.
const ACCOUNT_SUMMARY: &str =
    "SELECT a.id, a.email, a.display_name, a.role, a.supplier_id, s.name AS supplier_name, \
            a.active, a.created_at, a.last_sign_in_at, a.version \
     FROM accounts a LEFT JOIN suppliers s ON s.id = a.supplier_id";

/// Every account, for the administrators' list: active first, then by name.
pub async fn list_accounts(db: &Db) -> Result<Vec<AccountSummary>, sqlx::Error> {
    let rows: Vec<AccountRow> = sqlx::query_as(&format!(
        "{ACCOUNT_SUMMARY} ORDER BY a.active DESC, a.display_name, a.id"
    ))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(AccountRow::into_summary).collect()
}

/// One account, as the administrators' list shows it.
pub async fn account(
    tx: &mut Transaction<'static, Any>,
    id: AccountId,
) -> Result<Option<AccountSummary>, sqlx::Error> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_SUMMARY} WHERE a.id = $1"))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(AccountRow::into_summary).transpose()
}

/// An account as a reader of its own page sees it.
pub async fn own_account(db: &Db, id: AccountId) -> Result<Option<AccountSummary>, sqlx::Error> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_SUMMARY} WHERE a.id = $1"))
        .bind(id.0)
        .fetch_optional(db.reader())
        .await?;
    row.map(AccountRow::into_summary).transpose()
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    supplier_id: Option<i64>,
    supplier_name: Option<String>,
    active: i64,
    created_at: String,
    last_sign_in_at: Option<String>,
    version: i64,
}

impl AccountRow {
    fn into_summary(self) -> Result<AccountSummary, sqlx::Error> {
        Ok(AccountSummary {
            id: AccountId(self.id),
            email: self.email,
            display_name: self.display_name,
            role: parse_role(&self.role)?,
            supplier: self.supplier_id.map(SupplierId),
            supplier_name: self.supplier_name,
            active: self.active == 1,
            created_at: timestamp::from_db(&self.created_at)?,
            last_sign_in_at: self
                .last_sign_in_at
                .as_deref()
                .map(timestamp::from_db)
                .transpose()?,
            version: self.version,
        })
    }
}

/// A change an administrator makes, applied only if the account is still at the version
/// they saw: `Ok(false)` means someone else changed it first, and nothing was written.
pub enum AccountChange {
    Role {
        role: Role,
        supplier: Option<SupplierId>,
    },
    Active(bool),
}

pub async fn change_account(
    tx: &mut Transaction<'static, Any>,
    id: AccountId,
    seen_version: i64,
    change: AccountChange,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let now = timestamp::to_db(now);
    let query = match change {
        AccountChange::Role { role, supplier } => sqlx::query(
            "UPDATE accounts SET role = $1, supplier_id = $2, updated_at = $3, \
                    version = version + 1 \
             WHERE id = $4 AND version = $5",
        )
        .bind(role.as_str())
        .bind(supplier.map(|id| id.0)),
        AccountChange::Active(active) => sqlx::query(
            "UPDATE accounts SET active = $1, updated_at = $2, version = version + 1 \
             WHERE id = $3 AND version = $4",
        )
        .bind(i64::from(active)),
    };
    let done = query
        .bind(now)
        .bind(id.0)
        .bind(seen_version)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_display_name(
    tx: &mut Transaction<'static, Any>,
    id: AccountId,
    name: &DisplayName,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET display_name = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3",
    )
    .bind(name.as_str())
    .bind(timestamp::to_db(now))
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An account's email address and stored password hash, for checking its password.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub email: String,
    pub password_hash: String,
}

pub async fn credentials(db: &Db, id: AccountId) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("SELECT email, password_hash FROM accounts WHERE id = $1")
        .bind(id.0)
        .fetch_optional(db.reader())
        .await
}

/// Ends every session of an account except `keep` (the one making the request, if any).
pub async fn end_sessions_of(
    tx: &mut Transaction<'static, Any>,
    account: AccountId,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(account.0)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// An account's sessions, most recently used first; `current` marks the caller's own.
pub async fn list_sessions(
    db: &Db,
    account: AccountId,
    current_token_hash: &str,
) -> Result<Vec<SessionSummary>, sqlx::Error> {
    let rows: Vec<SessionListRow> = sqlx::query_as(
        "SELECT id, token_hash, user_agent, client_address, created_at, remember, last_seen_at \
         FROM sessions WHERE account_id = $1 ORDER BY last_seen_at DESC, id DESC",
    )
    .bind(account.0)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(SessionSummary {
                id: SessionId(row.id),
                current: row.token_hash == current_token_hash,
                user_agent: row.user_agent,
                client_address: row.client_address,
                remember: row.remember == 1,
                created_at: timestamp::from_db(&row.created_at)?,
                last_seen_at: timestamp::from_db(&row.last_seen_at)?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct SessionListRow {
    id: i64,
    token_hash: String,
    user_agent: String,
    client_address: String,
    created_at: String,
    remember: i64,
    last_seen_at: String,
}

/// Ends one session of an account; returns its token hash, or `None` if the account has no
/// such session (any more).
pub async fn end_session_of(
    tx: &mut Transaction<'static, Any>,
    account: AccountId,
    session: SessionId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "DELETE FROM sessions WHERE id = $1 AND account_id = $2 RETURNING token_hash",
    )
    .bind(session.0)
    .bind(account.0)
    .fetch_optional(&mut **tx)
    .await
}

/// Keeps `notice` for the session's next page (replacing any not yet shown).
pub async fn set_session_notice(
    tx: &mut Transaction<'static, Any>,
    token_hash: &str,
    notice: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET notice = $1 WHERE token_hash = $2")
        .bind(notice)
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The notice kept for this session, if any, clearing it: it is shown once.
pub async fn take_session_notice(db: &Db, token_hash: &str) -> Result<Option<String>, sqlx::Error> {
    // Almost always there is none: look without taking the write lock.
    let notice: Option<Option<String>> =
        sqlx::query_scalar("SELECT notice FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(db.reader())
            .await?;
    let Some(notice) = notice.flatten() else {
        return Ok(None);
    };
    let mut tx = db.begin_write().await?;
    // Cleared only if unchanged, so a notice set meanwhile by another tab is not lost.
    let cleared =
        sqlx::query("UPDATE sessions SET notice = NULL WHERE token_hash = $1 AND notice = $2")
            .bind(token_hash)
            .bind(&notice)
            .execute(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok((cleared.rows_affected() == 1).then_some(notice))
}

/// The account with this email address (compared without case), if there is one.
pub async fn account_by_email(
    tx: &mut Transaction<'static, Any>,
    email: &Email,
) -> Result<Option<AccountId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE email_normalised = $1")
        .bind(email.normalised())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(id.map(AccountId))
}
