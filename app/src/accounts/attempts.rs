//! Sign-in attempts and trusted browsers: the guessing limit (`domain::sign_in_throttle`)
//! applied so that a stranger cannot use it to lock an account's owner out (OWASP's "device
//! cookie" scheme). A browser that signed in to an account before carries a device token
//! (cookie `watchdog_device`; only its hash is stored) and its failures are counted on their
//! own; everyone else's failures are counted together, per email address tried.
//!
//! An attempt is written, as failed, *before* the password is checked, in the write lock:
//! parallel guesses each see the ones before them, so none slips past the limit. It is marked
//! as succeeded once the password proves right.

use chrono::{DateTime, Duration, Utc};
use sqlx::{Any, Transaction};

use crate::{
    accounts::{
        sessions::DEVICE_LIFETIME,
        types::{AccountId, Email},
    },
    db::{timestamp, Db},
    domain::sign_in_throttle as throttle,
};

/// An attempt written and not yet known to have succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptId(i64);

/// Whether the browser holding the device token `device_hash` signed in to `account` within
/// the device lifetime (and since its password last changed: a change forgets every device).
pub async fn is_trusted(
    db: &Db,
    device_hash: &str,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT account_id FROM trusted_devices \
         WHERE token_hash = $1 AND account_id = $2 AND last_used_at > $3",
    )
    .bind(device_hash)
    .bind(account.0)
    .bind(timestamp::to_db(now - DEVICE_LIFETIME))
    .fetch_optional(db.reader())
    .await?;
    Ok(found.is_some())
}

/// Whether any account trusts the browser holding `device_hash`: only then is its token
/// kept for a further account (a browser several people sign in on). Any other value a
/// cookie holds is replaced by a token of our own making.
pub async fn is_known(db: &Db, device_hash: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT account_id FROM trusted_devices WHERE token_hash = $1 AND last_used_at > $2 \
         LIMIT 1",
    )
    .bind(device_hash)
    .bind(timestamp::to_db(now - DEVICE_LIFETIME))
    .fetch_optional(db.reader())
    .await?;
    Ok(found.is_some())
}

/// Forgets every browser trusted for `account` but the one holding `keep`: after its
/// password changes or it is disabled, no browser keeps a guessing allowance of its own.
pub async fn forget_devices(
    tx: &mut Transaction<'static, Any>,
    account: AccountId,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM trusted_devices WHERE account_id = $1 AND token_hash <> $2")
        .bind(account.0)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes an attempt to use `email`'s password, from the trusted browser `device_hash` (or
/// from any untrusted one), unless that browser's failures since `since` call for a wait:
/// then the wait, and nothing is written.
pub async fn begin(
    db: &Db,
    email: &Email,
    device_hash: Option<&str>,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Result<AttemptId, Duration>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let since = timestamp::to_db(since.max(now - throttle::window()));
    let times: Vec<String> = match device_hash {
        Some(device) => {
            sqlx::query_scalar(
                "SELECT created_at FROM sign_in_attempts WHERE email = $1 AND failed = 1 \
                 AND created_at > $2 AND device_hash = $3 ORDER BY created_at",
            )
            .bind(email.normalised())
            .bind(&since)
            .bind(device)
            .fetch_all(&mut *tx)
            .await?
        }
        None => {
            sqlx::query_scalar(
                "SELECT created_at FROM sign_in_attempts WHERE email = $1 AND failed = 1 \
                 AND created_at > $2 AND device_hash IS NULL ORDER BY created_at",
            )
            .bind(email.normalised())
            .bind(&since)
            .fetch_all(&mut *tx)
            .await?
        }
    };
    let failures = times
        .iter()
        .map(|time| timestamp::from_db(time))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(wait) = throttle::wait(&failures, now) {
        return Ok(Err(wait));
    }
    // Attempts older than the window count for nothing: they go as new ones come.
    sqlx::query("DELETE FROM sign_in_attempts WHERE created_at < $1")
        .bind(timestamp::to_db(
            now - throttle::window() - Duration::days(1),
        ))
        .execute(&mut *tx)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_attempts (email, device_hash, created_at) VALUES ($1, $2, $3) \
         RETURNING id",
    )
    .bind(email.normalised())
    .bind(device_hash)
    .bind(timestamp::to_db(now))
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(AttemptId(id)))
}

/// The attempt's password was right: it no longer counts as a failure.
pub async fn succeeded(
    tx: &mut Transaction<'static, Any>,
    attempt: AttemptId,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sign_in_attempts SET failed = 0 WHERE id = $1")
        .bind(attempt.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Trusts the browser holding the device token `device_hash` for `account` from now on.
pub async fn trust(
    tx: &mut Transaction<'static, Any>,
    device_hash: &str,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let at = timestamp::to_db(now);
    sqlx::query(
        "INSERT INTO trusted_devices (token_hash, account_id, created_at, last_used_at) \
         VALUES ($1, $2, $3, $3) \
         ON CONFLICT (token_hash, account_id) DO UPDATE SET last_used_at = excluded.last_used_at",
    )
    .bind(device_hash)
    .bind(account.0)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
