//! The roadmap's lanes: for each, the first few commitments a reader may see that it holds
//! and how many it holds in all, each read from an index; and the due ends of a few
//! commitments' ledgers, for their trails.

use std::collections::HashMap;

use super::list::{count, scoped, summaries_of, SummaryRow};
use super::*;
use crate::{
    commitments::types::{roadmap::Card, roadmap::Lane},
    domain::permissions::SupplierScope,
};

/// Which commitments a lane of the roadmap holds.
#[derive(Debug, Clone, Copy)]
pub enum Holds {
    /// Still owed, due in these days.
    DueIn(Window),
    /// Delivered in these days.
    DeliveredIn(Window),
    /// Still owed, first promised for these days and now due after them.
    MovedOn(Window),
    /// Still owed, due before this day.
    DueBefore(NaiveDate),
    /// Still owed, due after this day.
    DueAfter(NaiveDate),
    /// Still owed, with no date.
    Undated,
}

/// The first `limit` commitments `scope` may see (of `supplier` alone, if given) that a lane
/// holds, in its order, and how many it holds; cards without their trails.
pub async fn lane(
    db: &Db,
    scope: SupplierScope,
    supplier: Option<SupplierId>,
    holds: Holds,
    limit: i64,
) -> Result<Lane, sqlx::Error> {
    let mut query = scoped(scope);
    if let Some(supplier) = supplier {
        let placeholder = query.int(supplier.0);
        query.condition(format!("c.supplier_id = {placeholder}"));
    }
    let day =
        |query: &mut crate::db::query::ListQuery, date: NaiveDate| query.text(&date.to_string());
    let order = match holds {
        Holds::DueIn(window) => {
            let (first, last) = (day(&mut query, window.first), day(&mut query, window.last));
            query.condition(format!(
                "c.is_open = 1 AND c.due_last BETWEEN {first} AND {last}"
            ));
            "c.due_last, c.id"
        }
        Holds::DeliveredIn(window) => {
            let (first, last) = (day(&mut query, window.first), day(&mut query, window.last));
            query.condition(format!(
                "c.status = 'delivered' AND c.delivered_on BETWEEN {first} AND {last}"
            ));
            "c.delivered_on, c.id"
        }
        Holds::MovedOn(window) => {
            let (first, last) = (day(&mut query, window.first), day(&mut query, window.last));
            // `sort_key` is the original due end wherever there is one.
            query.condition(format!(
                "c.is_open = 1 AND c.sort_key BETWEEN {first} AND {last} AND c.due_last > {last}"
            ));
            "c.sort_key, c.id"
        }
        Holds::DueBefore(date) => {
            let date = day(&mut query, date);
            query.condition(format!("c.is_open = 1 AND c.due_last < {date}"));
            "c.due_last, c.id"
        }
        Holds::DueAfter(date) => {
            let date = day(&mut query, date);
            query.condition(format!("c.is_open = 1 AND c.due_last > {date}"));
            "c.due_last, c.id"
        }
        Holds::Undated => {
            query.condition("c.is_open = 1 AND c.due_last IS NULL".to_owned());
            "c.id DESC"
        }
    };
    let total = count(db, &query).await?;
    // The ids first, from the commitments alone (an index in the lane's order), then their
    // rows with the names they are shown with.
    let ids: Vec<i64> = query
        .bind_all(sqlx::query_scalar(&format!(
            "SELECT c.id FROM commitments c{} ORDER BY {order} LIMIT {limit}",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await?;
    let mut rows = summaries_of(db, &ids)
        .await?
        .into_iter()
        .map(SummaryRow::summary)
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id.0));
    let cards = rows
        .into_iter()
        .map(|summary| Card {
            summary,
            trail: Vec::new(),
        })
        .collect();
    Ok(Lane { cards, total })
}

#[derive(sqlx::FromRow)]
struct DueEnd {
    commitment_id: CommitmentId,
    window_last: String,
}

/// The due end of each promise in these commitments' ledgers that named days, in the order
/// they were made.
pub async fn due_ends(
    db: &Db,
    ids: &[CommitmentId],
) -> Result<HashMap<CommitmentId, Vec<NaiveDate>>, sqlx::Error> {
    let mut ends: HashMap<CommitmentId, Vec<NaiveDate>> = HashMap::new();
    if ids.is_empty() {
        return Ok(ends);
    }
    let mut query = crate::db::query::ListQuery::default();
    let placeholders: Vec<String> = ids.iter().map(|id| query.int(id.0)).collect();
    query.condition(format!("r.commitment_id IN ({})", placeholders.join(", ")));
    query.condition("r.window_last IS NOT NULL".to_owned());
    let rows: Vec<DueEnd> = query
        .bind_all(sqlx::query_as(&format!(
            "SELECT r.commitment_id, r.window_last FROM commitment_revisions r{} \
             ORDER BY r.commitment_id, r.seq",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await?;
    for row in rows {
        ends.entry(row.commitment_id)
            .or_default()
            .push(date(&row.window_last)?);
    }
    Ok(ends)
}
