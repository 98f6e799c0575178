//! SQL for accounts, sessions and the audit log. Row structs stay in this file.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    accounts::types::{AccountId, CurrentUser, DisplayName, Email, Role},
    db::{timestamp, Db},
};

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
           (email, email_normalised, display_name, role, password_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(account.email.as_str())
    .bind(account.email.normalised())
    .bind(account.display_name.as_str())
    .bind(account.role.as_str())
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

/// When sign-in failed for this email since `since`, oldest first.
pub async fn sign_in_failures(
    db: &Db,
    email: &Email,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    let times: Vec<String> = sqlx::query_scalar(
        "SELECT created_at FROM audit_events \
         WHERE action = $1 AND detail = $2 AND created_at > $3 ORDER BY created_at",
    )
    .bind(AuditAction::SignInFailed.as_str())
    .bind(email.normalised())
    .bind(timestamp::to_db(since))
    .fetch_all(db.reader())
    .await?;
    times.iter().map(|time| timestamp::from_db(time)).collect()
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
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    account_id: i64,
    display_name: String,
    role: String,
    active: i64,
    remember: i64,
    created_at: String,
    last_seen_at: String,
}

pub async fn find_session(db: &Db, token_hash: &str) -> Result<Option<FoundSession>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.account_id, a.display_name, a.role, a.active, s.remember, \
                s.created_at, s.last_seen_at \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role = Role::parse(&row.role).ok_or_else(|| {
        sqlx::Error::Decode(format!("unknown role {:?} in accounts", row.role).into())
    })?;
    Ok(Some(FoundSession {
        id: row.id,
        user: CurrentUser {
            id: AccountId(row.account_id),
            display_name: row.display_name,
            role,
        },
        account_active: row.active == 1,
        remember: row.remember == 1,
        created_at: timestamp::from_db(&row.created_at)?,
        last_seen_at: timestamp::from_db(&row.last_seen_at)?,
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

/// Security events kept in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    AccountCreated,
    SignIn,
    SignInFailed,
    SignOut,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AccountCreated => "account_created",
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignOut => "sign_out",
        }
    }
}

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
