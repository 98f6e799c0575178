//! SQL for feed keys: one per account, kept as it is (see the migration for why).

use chrono::{DateTime, Utc};

use crate::{
    accounts::types::{CurrentUser, Role},
    db::{timestamp, Db, Tx},
    domain::ids::{AccountId, SupplierId},
};

/// The account's feed key, if it has one.
pub async fn key_of(db: &Db, account: AccountId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT token FROM feed_tokens WHERE account_id = $1")
        .bind(account)
        .fetch_optional(db.reader())
        .await
}

/// Gives the account `key` in place of any earlier one.
pub async fn replace_key(
    tx: &mut Tx,
    account: AccountId,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO feed_tokens (account_id, token, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id) DO UPDATE SET token = $2, created_at = $3",
    )
    .bind(account)
    .bind(key)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct KeyHolder {
    id: AccountId,
    display_name: String,
    role: String,
    supplier_id: Option<SupplierId>,
}

/// The active account `key` belongs to, as whom its feeds are read.
pub async fn holder_of(db: &Db, key: &str) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<KeyHolder> = sqlx::query_as(
        "SELECT a.id, a.display_name, a.role, a.supplier_id \
         FROM feed_tokens t JOIN accounts a ON a.id = t.account_id \
         WHERE t.token = $1 AND a.active = 1",
    )
    .bind(key)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.and_then(|row| {
        Role::parse(&row.role).map(|role| CurrentUser {
            id: row.id,
            display_name: row.display_name,
            role,
            supplier: row.supplier_id,
        })
    }))
}
