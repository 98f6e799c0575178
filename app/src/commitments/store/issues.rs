//! The issues a commitment answers (`commitment_issues`): read from either side, linked and
//! unlinked inside the caller's transaction.

use super::*;
use crate::{
    commitments::types::{AnsweredIssue, PlannedUnder},
    domain::{ids::IssueId, issue_workflow::IssueStatus},
};

#[derive(sqlx::FromRow)]
struct AnsweredRow {
    id: IssueId,
    title: String,
    status: String,
    linked_at: String,
}

/// The issues `commitment` answers, by number.
pub async fn issues_of(
    db: &Db,
    commitment: CommitmentId,
) -> Result<Vec<AnsweredIssue>, sqlx::Error> {
    let rows: Vec<AnsweredRow> = sqlx::query_as(
        "SELECT i.id, i.title, i.status, l.linked_at FROM commitment_issues l \
         JOIN issues i ON i.id = l.issue_id WHERE l.commitment_id = $1 ORDER BY i.id",
    )
    .bind(commitment)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(AnsweredIssue {
                id: row.id,
                title: row.title,
                status: IssueStatus::parse(&row.status)
                    .ok_or_else(|| decode_error(format!("issue status {}", row.status)))?,
                linked_at: timestamp::from_db(&row.linked_at)?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct PlannedRow {
    id: CommitmentId,
    title: String,
    status: String,
}

/// The commitments `issue` is planned under, by number.
pub async fn commitments_of_issue(
    db: &Db,
    issue: IssueId,
) -> Result<Vec<PlannedUnder>, sqlx::Error> {
    let rows: Vec<PlannedRow> = sqlx::query_as(
        "SELECT c.id, c.title, c.status FROM commitment_issues l \
         JOIN commitments c ON c.id = l.commitment_id WHERE l.issue_id = $1 ORDER BY c.id",
    )
    .bind(issue)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(PlannedUnder {
                id: row.id,
                title: row.title,
                status: status(&row.status)?,
            })
        })
        .collect()
}

/// The supplier of `issue`, if it exists.
pub async fn issue_supplier_in(
    tx: &mut Tx,
    issue: IssueId,
) -> Result<Option<SupplierId>, sqlx::Error> {
    sqlx::query_scalar("SELECT supplier_id FROM issues WHERE id = $1")
        .bind(issue)
        .fetch_optional(&mut **tx)
        .await
}

/// Links `issue` to `commitment` (nothing if it already is).
pub async fn link_issue(
    tx: &mut Tx,
    commitment: CommitmentId,
    issue: IssueId,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO commitment_issues (commitment_id, issue_id, linked_by, linked_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(commitment)
    .bind(issue)
    .bind(by)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Unlinks `issue` from `commitment`; whether it was linked.
pub async fn unlink_issue(
    tx: &mut Tx,
    commitment: CommitmentId,
    issue: IssueId,
) -> Result<bool, sqlx::Error> {
    let gone =
        sqlx::query("DELETE FROM commitment_issues WHERE commitment_id = $1 AND issue_id = $2")
            .bind(commitment)
            .bind(issue)
            .execute(&mut **tx)
            .await?;
    Ok(gone.rows_affected() > 0)
}
