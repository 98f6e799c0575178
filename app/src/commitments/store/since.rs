//! SQL for "since the last meeting": the commitments that something happened to from a day
//! on (a promise said, or a due end passing), with their ledgers for
//! `domain::commitments::since` to read.

use std::collections::HashMap;

use super::list::{scoped, summaries, SummaryRow};
use super::*;
use crate::{commitments::types::CommitmentSummary, domain::permissions::SupplierScope};

#[derive(sqlx::FromRow)]
struct LedgerRow {
    commitment_id: CommitmentId,
    said_on: String,
    status: String,
    window_first: Option<String>,
    window_last: Option<String>,
}

/// At most `limit` commitments `scope` may see (of `supplier` alone, if given) with a promise
/// said from `from` on, or still owed with a due end from `from` to before `today`; newest
/// first, each with its ledger; and whether there were more.
pub async fn changed_since(
    db: &Db,
    scope: SupplierScope,
    supplier: Option<SupplierId>,
    from: NaiveDate,
    today: NaiveDate,
    limit: i64,
) -> Result<(Vec<(CommitmentSummary, Vec<LedgerEntry>)>, bool), sqlx::Error> {
    let mut query = scoped(scope);
    if let Some(supplier) = supplier {
        let placeholder = query.int(supplier.0);
        query.condition(format!("c.supplier_id = {placeholder}"));
    }
    let (from, today) = (
        query.text(&from.to_string()),
        query.text(&today.to_string()),
    );
    query.condition(format!(
        "(c.id IN (SELECT r.commitment_id FROM commitment_revisions r WHERE r.said_on >= {from}) \
          OR (c.is_open = 1 AND c.due_last >= {from} AND c.due_last < {today}))"
    ));
    let rows = summaries(db, &query, "c.id DESC", limit + 1).await?;
    let more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit;
    let rows: Vec<CommitmentSummary> = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .map(SummaryRow::summary)
        .collect::<Result<_, _>>()?;
    let mut ledgers = ledgers_of(db, rows.iter().map(|row| row.id)).await?;
    let found = rows
        .into_iter()
        .map(|row| {
            let ledger = ledgers.remove(&row.id).unwrap_or_default();
            (row, ledger)
        })
        .collect();
    Ok((found, more))
}

/// The ledgers of these commitments, each oldest first.
async fn ledgers_of(
    db: &Db,
    ids: impl Iterator<Item = CommitmentId>,
) -> Result<HashMap<CommitmentId, Vec<LedgerEntry>>, sqlx::Error> {
    let mut query = crate::db::query::ListQuery::default();
    let placeholders: Vec<String> = ids.map(|id| query.int(id.0)).collect();
    let mut ledgers: HashMap<CommitmentId, Vec<LedgerEntry>> = HashMap::new();
    if placeholders.is_empty() {
        return Ok(ledgers);
    }
    query.condition(format!("commitment_id IN ({})", placeholders.join(", ")));
    let rows: Vec<LedgerRow> = query
        .bind_all(sqlx::query_as(&format!(
            "SELECT commitment_id, said_on, status, window_first, window_last \
             FROM commitment_revisions{} ORDER BY commitment_id, seq",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await?;
    for row in rows {
        ledgers
            .entry(row.commitment_id)
            .or_default()
            .push(LedgerEntry {
                on: date(&row.said_on)?,
                status: status(&row.status)?,
                window: window(row.window_first.as_deref(), row.window_last.as_deref())?,
            });
    }
    Ok(ledgers)
}
