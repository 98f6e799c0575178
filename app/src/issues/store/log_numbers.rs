//! The supplier's log numbers on issues: who holds one, adding, removing and moving them.

use chrono::{DateTime, Utc};

use crate::{
    db::{timestamp, Db},
    domain::permissions::SupplierScope,
    domain::{ids::AccountId, people::CurrentUser},
    issues::types::{EventKind, IssueId, LogNumber},
    suppliers::types::SupplierId,
};

use super::*;

/// The issue of `supplier` that holds this log number, if any.
pub async fn issue_holding(
    tx: &mut Tx,
    supplier: SupplierId,
    number: &LogNumber,
) -> Result<Option<IssueId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT issue_id FROM issue_log_numbers WHERE supplier_id = $1 AND log_number = $2",
    )
    .bind(supplier.0)
    .bind(number.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id.map(IssueId))
}

/// The issues (of any supplier a viewer may see) that hold this log number.
pub async fn issues_with_log_number(
    db: &Db,
    number: &LogNumber,
    viewer: &CurrentUser,
) -> Result<Vec<IssueId>, sqlx::Error> {
    let ids: Vec<i64> =
        match SupplierScope::of(viewer) {
            SupplierScope::Every => sqlx::query_scalar(
                "SELECT issue_id FROM issue_log_numbers WHERE log_number = $1 ORDER BY issue_id",
            )
            .bind(number.as_str())
            .fetch_all(db.reader())
            .await?,
            SupplierScope::One(supplier) => {
                sqlx::query_scalar(
                    "SELECT issue_id FROM issue_log_numbers \
                 WHERE log_number = $1 AND supplier_id = $2 ORDER BY issue_id",
                )
                .bind(number.as_str())
                .bind(supplier.0)
                .fetch_all(db.reader())
                .await?
            }
            SupplierScope::Nothing => Vec::new(),
        };
    Ok(ids.into_iter().map(IssueId).collect())
}

pub(super) async fn insert_log_number(
    tx: &mut Tx,
    issue: IssueId,
    supplier: SupplierId,
    number: &LogNumber,
    actor: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO issue_log_numbers (issue_id, supplier_id, log_number, added_by, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(issue.0)
    .bind(supplier.0)
    .bind(number.as_str())
    .bind(actor.0)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a log number to an issue (the caller has checked it is free) with its event.
pub async fn add_log_number(
    tx: &mut Tx,
    issue: &IssueCore,
    number: &LogNumber,
    actor: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    insert_log_number(tx, issue.id, issue.supplier, number, actor, now).await?;
    sqlx::query("UPDATE issues SET search_text = search_text || $1 WHERE id = $2")
        .bind(format!("\n{}", number.as_str().to_lowercase()))
        .bind(issue.id.0)
        .execute(&mut **tx)
        .await?;
    let event = NewEvent {
        detail: number.as_str(),
        ..NewEvent::new(EventKind::LogNumberAdded, actor)
    };
    record(tx, issue.id, event, now).await
}

/// How many of the issue's log numbers `account` added.
pub async fn log_numbers_added_by(
    tx: &mut Tx,
    issue: IssueId,
    account: AccountId,
) -> Result<usize, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM issue_log_numbers WHERE issue_id = $1 AND added_by = $2",
    )
    .bind(issue.0)
    .bind(account.0)
    .fetch_one(&mut **tx)
    .await?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// Takes `number` off `issue`, or moves it to `to` (an issue of the same supplier, as the
/// caller has checked); both timelines say so. `false` if the issue does not hold it.
pub async fn remove_log_number(
    tx: &mut Tx,
    issue: &IssueCore,
    number: &LogNumber,
    to: Option<IssueId>,
    actor: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = match to {
        Some(to) => {
            sqlx::query(
                "UPDATE issue_log_numbers SET issue_id = $1, added_by = $2, created_at = $3 \
                 WHERE issue_id = $4 AND log_number = $5",
            )
            .bind(to.0)
            .bind(actor.0)
            .bind(timestamp::to_db(now))
            .bind(issue.id.0)
            .bind(number.as_str())
            .execute(&mut **tx)
            .await?
        }
        None => {
            sqlx::query("DELETE FROM issue_log_numbers WHERE issue_id = $1 AND log_number = $2")
                .bind(issue.id.0)
                .bind(number.as_str())
                .execute(&mut **tx)
                .await?
        }
    };
    if changed.rows_affected() == 0 {
        return Ok(false);
    }
    refresh_search_text(tx, issue.id).await?;
    let removed = NewEvent {
        detail: number.as_str(),
        other_issue: to,
        ..NewEvent::new(EventKind::LogNumberRemoved, actor)
    };
    record(tx, issue.id, removed, now).await?;
    if let Some(to) = to {
        refresh_search_text(tx, to).await?;
        let added = NewEvent {
            detail: number.as_str(),
            other_issue: Some(issue.id),
            ..NewEvent::new(EventKind::LogNumberAdded, actor)
        };
        record(tx, to, added, now).await?;
    }
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct SearchedTexts {
    title: String,
    description: String,
}

/// Writes the issue's search text again from its title, description and log numbers.
async fn refresh_search_text(tx: &mut Tx, id: IssueId) -> Result<(), sqlx::Error> {
    let texts: SearchedTexts =
        sqlx::query_as("SELECT title, description FROM issues WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut **tx)
            .await?;
    let numbers: Vec<String> = sqlx::query_scalar(
        "SELECT log_number FROM issue_log_numbers WHERE issue_id = $1 ORDER BY id",
    )
    .bind(id.0)
    .fetch_all(&mut **tx)
    .await?;
    let numbers = numbers
        .iter()
        .map(|number| parse_log_number(number))
        .collect::<Result<Vec<_>, _>>()?;
    sqlx::query("UPDATE issues SET search_text = $1 WHERE id = $2")
        .bind(search_text(
            &texts.title,
            &texts.description,
            numbers.iter(),
        ))
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn log_numbers_of(db: &Db, id: IssueId) -> Result<Vec<LogNumber>, sqlx::Error> {
    let numbers: Vec<String> = sqlx::query_scalar(
        "SELECT log_number FROM issue_log_numbers WHERE issue_id = $1 ORDER BY id",
    )
    .bind(id.0)
    .fetch_all(db.reader())
    .await?;
    numbers
        .iter()
        .map(|number| parse_log_number(number))
        .collect()
}
