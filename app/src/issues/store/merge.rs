//! Merging a duplicate into the issue it repeats.

use chrono::{DateTime, Utc};

use crate::{
    db::timestamp,
    domain::ids::AccountId,
    issues::types::{EventKind, IssueId},
};

use super::*;

/// Merges `duplicate` into `survivor`, if `duplicate` is still at `version` (else `None`):
/// the duplicate closes pointing at the survivor, and its log numbers, followers and
/// "affects us too" marks move there (a person who marked both counts once). Issues merged
/// into the duplicate earlier now point at the survivor too. Both timelines say so.
/// Returns the log numbers that moved.
pub async fn merge(
    tx: &mut Tx,
    duplicate: &IssueCore,
    version: i64,
    survivor: IssueId,
    actor: AccountId,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    let at = timestamp::to_db(now);
    let closed = sqlx::query(
        "UPDATE issues SET status = 'duplicate', duplicate_of = $1, awaiting_since = NULL, \
           affects_count = 0, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4",
    )
    .bind(survivor.0)
    .bind(&at)
    .bind(duplicate.id.0)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if closed.rows_affected() != 1 {
        return Ok(None);
    }
    let (from, to) = (duplicate.id.0, survivor.0);
    let moved: Vec<String> = sqlx::query_scalar(
        "SELECT log_number FROM issue_log_numbers WHERE issue_id = $1 ORDER BY id",
    )
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    let statements = [
        "UPDATE issue_log_numbers SET issue_id = $2 WHERE issue_id = $1",
        "INSERT INTO issue_followers (issue_id, account_id, created_at) \
           SELECT $2, account_id, created_at FROM issue_followers WHERE issue_id = $1 \
           ON CONFLICT DO NOTHING",
        "DELETE FROM issue_followers WHERE issue_id = $1",
        "INSERT INTO issue_affects (issue_id, account_id, created_at) \
           SELECT $2, account_id, created_at FROM issue_affects WHERE issue_id = $1 \
           ON CONFLICT DO NOTHING",
        "DELETE FROM issue_affects WHERE issue_id = $1",
        "UPDATE issues SET duplicate_of = $2 WHERE duplicate_of = $1",
    ];
    for statement in statements {
        sqlx::query(statement)
            .bind(from)
            .bind(to)
            .execute(&mut **tx)
            .await?;
    }
    recount_affects(tx, survivor).await?;
    if !moved.is_empty() {
        let added: String = moved
            .iter()
            .map(|number| format!("\n{}", number.to_lowercase()))
            .collect();
        sqlx::query("UPDATE issues SET search_text = search_text || $1 WHERE id = $2")
            .bind(added)
            .bind(to)
            .execute(&mut **tx)
            .await?;
    }
    let detail = moved.join(", ");
    for (issue, kind, other) in [
        (duplicate.id, EventKind::MergedInto, survivor),
        (survivor, EventKind::MergedFrom, duplicate.id),
    ] {
        let event = NewEvent {
            detail: &detail,
            other_issue: Some(other),
            ..NewEvent::new(kind, actor)
        };
        record(tx, issue, event, now).await?;
    }
    Ok(Some(moved))
}
