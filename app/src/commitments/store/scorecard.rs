//! The scorecards' figures: what became of the promises each supplier made, counted by the
//! month each was made, in two passes over the commitments the reader may see (the counts,
//! then how late the late ones were). `domain::scorecard` merges the months into periods.

use super::list::scoped;
use super::*;
use crate::domain::{permissions::SupplierScope, scorecard::Tally};

#[derive(sqlx::FromRow)]
struct MonthRow {
    supplier_id: SupplierId,
    month: String,
    made: i64,
    on_time: i64,
    late: i64,
    overdue: i64,
    slipped: i64,
    vague_when_made: i64,
    withdrawn: i64,
}

#[derive(sqlx::FromRow)]
struct LateRow {
    supplier_id: SupplierId,
    month: String,
    late_days: i64,
    count: i64,
}

/// "2026-07" as the first day of that month.
fn first_of_month(month: &str) -> Result<NaiveDate, sqlx::Error> {
    date(&format!("{month}-01"))
}

/// What became of the promises `scope` may see (of `supplier` alone, if given), as a tally
/// per supplier and month made; overdue as of `today`.
pub async fn tallies(
    db: &Db,
    scope: SupplierScope,
    supplier: Option<SupplierId>,
    today: NaiveDate,
) -> Result<Vec<(SupplierId, NaiveDate, Tally)>, sqlx::Error> {
    let mut query = scoped(scope);
    if let Some(supplier) = supplier {
        let placeholder = query.int(supplier.0);
        query.condition(format!("c.supplier_id = {placeholder}"));
    }
    let mut late_query = query.clone();
    let today = query.text(&today.to_string());
    let rows: Vec<MonthRow> = query
        .bind_all(sqlx::query_as(&format!(
            "SELECT c.supplier_id, substr(c.promised_on, 1, 7) AS month, COUNT(*) AS made, \
               SUM(CASE WHEN c.late_days = 0 THEN 1 ELSE 0 END) AS on_time, \
               SUM(CASE WHEN c.late_days > 0 THEN 1 ELSE 0 END) AS late, \
               SUM(CASE WHEN c.is_open = 1 AND c.due_last < {today} THEN 1 ELSE 0 END) AS overdue, \
               SUM(CASE WHEN c.slips > 0 THEN 1 ELSE 0 END) AS slipped, \
               SUM(CASE WHEN c.vague_when_made = 1 THEN 1 ELSE 0 END) AS vague_when_made, \
               SUM(CASE WHEN c.status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn \
             FROM commitments c{} \
             GROUP BY c.supplier_id, substr(c.promised_on, 1, 7)",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await?;
    late_query.condition("c.late_days > 0".to_owned());
    let late: Vec<LateRow> = late_query
        .bind_all(sqlx::query_as(&format!(
            "SELECT c.supplier_id, substr(c.promised_on, 1, 7) AS month, c.late_days, \
               COUNT(*) AS count \
             FROM commitments c{} \
             GROUP BY c.supplier_id, substr(c.promised_on, 1, 7), c.late_days",
            late_query.where_clause()
        )))
        .fetch_all(db.reader())
        .await?;
    let mut tallies = Vec::with_capacity(rows.len());
    for row in rows {
        let late_days = late
            .iter()
            .filter(|late| late.supplier_id == row.supplier_id && late.month == row.month)
            .map(|late| (late.late_days, late.count))
            .collect();
        tallies.push((
            row.supplier_id,
            first_of_month(&row.month)?,
            Tally {
                made: row.made,
                on_time: row.on_time,
                late: row.late,
                overdue: row.overdue,
                slipped: row.slipped,
                vague_when_made: row.vague_when_made,
                withdrawn: row.withdrawn,
                late_days,
            },
        ));
    }
    Ok(tallies)
}
