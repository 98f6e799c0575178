//! SQL for the commitments' feeds: the latest promises recorded (the Atom feed of changes)
//! and the due dates of the promises still owed (the calendar).

use super::list::scoped;
use super::*;
use crate::domain::permissions::SupplierScope;

/// One entry of a ledger with the commitment it belongs to.
#[derive(sqlx::FromRow)]
pub struct ChangeRow {
    pub id: i64,
    pub commitment_id: CommitmentId,
    pub seq: i64,
    pub title: String,
    pub supplier_name: String,
    pub said_on: String,
    pub status: String,
    pub words: String,
    pub timeframe: String,
    pub reason: String,
    pub note: String,
    pub created_at: String,
}

/// The `limit` promises most recently recorded for commitments `scope` may see, newest
/// first.
pub async fn latest_changes(
    db: &Db,
    scope: SupplierScope,
    limit: i64,
) -> Result<Vec<ChangeRow>, sqlx::Error> {
    let query = scoped(scope);
    query
        .bind_all(sqlx::query_as(&format!(
            "SELECT r.id, r.commitment_id, r.seq, c.title, s.name AS supplier_name, r.said_on, \
               r.status, r.words, r.timeframe, r.reason, r.note, r.created_at \
             FROM commitment_revisions r \
             JOIN commitments c ON c.id = r.commitment_id \
             JOIN suppliers s ON s.id = c.supplier_id{} \
             ORDER BY r.id DESC LIMIT {limit}",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await
}

/// A promise still owed, with the day it is due by.
#[derive(sqlx::FromRow)]
pub struct DueRow {
    pub id: CommitmentId,
    pub title: String,
    pub supplier_name: String,
    pub words: String,
    pub timeframe: String,
    pub due_last: String,
    pub updated_at: String,
}

/// The first `limit` promises still owed that `scope` may see, due on or after `since`,
/// soonest first.
pub async fn due_dates(
    db: &Db,
    scope: SupplierScope,
    since: NaiveDate,
    limit: i64,
) -> Result<Vec<DueRow>, sqlx::Error> {
    let mut query = scoped(scope);
    let since = query.text(&since.to_string());
    query.condition(format!("c.is_open = 1 AND c.due_last >= {since}"));
    query
        .bind_all(sqlx::query_as(&format!(
            "SELECT c.id, c.title, s.name AS supplier_name, c.words, c.timeframe, c.due_last, \
               c.updated_at \
             FROM commitments c JOIN suppliers s ON s.id = c.supplier_id{} \
             ORDER BY c.due_last, c.id LIMIT {limit}",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await
}
