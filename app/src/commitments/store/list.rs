//! The commitments list: the commitments a reader may see that a filter matches, a page at
//! a time, sorted by what the facts kept on each commitment say (`restate`).

use super::*;
use crate::{
    commitments::types::{CommitmentFilter, CommitmentSummary, Rating, Sort, Standing},
    db::{page::Page, query::ListQuery},
    domain::permissions::SupplierScope,
};

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: CommitmentId,
    title: String,
    supplier_name: String,
    module_name: Option<String>,
    status: String,
    words: String,
    timeframe: String,
    timeframe_kind: String,
    due_first: Option<String>,
    due_last: Option<String>,
    original_first: Option<String>,
    original_last: Option<String>,
    slips: i64,
    delivered_on: Option<String>,
}

impl SummaryRow {
    fn summary(self) -> Result<CommitmentSummary, sqlx::Error> {
        let status = status(&self.status)?;
        let current = window(self.due_first.as_deref(), self.due_last.as_deref())?;
        let original = window(
            self.original_first.as_deref(),
            self.original_last.as_deref(),
        )?;
        Ok(CommitmentSummary {
            id: self.id,
            title: self.title,
            supplier_name: self.supplier_name,
            module_name: self.module_name,
            status,
            standing: Standing {
                status,
                current_end: current.map(|window| window.last),
                original_end: original.map(|window| window.last),
                slips: u32::try_from(self.slips).unwrap_or(0),
                delivered_on: self.delivered_on.as_deref().map(date).transpose()?,
            },
            promise: Promise {
                words: self.words,
                timeframe: self.timeframe,
                kind: self.timeframe_kind,
                window: current,
            },
            original,
        })
    }
}

/// The SQL condition on `commitments c` that holds exactly for commitments of `rating` on
/// the day bound as `today` (`Standing::rating`, read in SQL).
fn rating_condition(rating: Rating, today: &str) -> String {
    const OPEN: &str = "c.status NOT IN ('delivered', 'withdrawn')";
    match rating {
        Rating::Withdrawn => "c.status = 'withdrawn'".to_owned(),
        Rating::Kept => "c.status = 'delivered' AND (c.original_last IS NULL \
             OR c.delivered_on <= c.original_last)"
            .to_owned(),
        Rating::KeptLate => {
            "c.status = 'delivered' AND c.delivered_on > c.original_last".to_owned()
        }
        Rating::NotYetConcrete => format!("{OPEN} AND c.due_last IS NULL"),
        Rating::Overdue => format!("{OPEN} AND c.due_last < {today}"),
        Rating::Slipped => format!("{OPEN} AND c.due_last >= {today} AND c.slips > 0"),
        Rating::OnTrack => format!("{OPEN} AND c.due_last >= {today} AND c.slips = 0"),
    }
}

/// The list's order for a sort, as a key every row has: (a group, a text, the id), read in
/// that order with the id descending. Both sides of the keyset comparison read it, for the
/// row in hand (alias `c`) and for the row to continue after (alias `a`); `today` is a date
/// this code formatted (digits and hyphens only).
fn sort_key(sort: Sort, c: &str, today: &str) -> (String, String) {
    match sort {
        Sort::Overdue => (
            format!(
                "CASE WHEN {c}.status IN ('delivered', 'withdrawn') THEN 3 \
                   WHEN {c}.due_last IS NULL THEN 2 WHEN {c}.due_last < '{today}' THEN 0 \
                   ELSE 1 END"
            ),
            format!(
                "CASE WHEN {c}.status IN ('delivered', 'withdrawn') THEN '' \
                   WHEN {c}.due_last < '{today}' THEN COALESCE({c}.original_last, {c}.due_last) \
                   ELSE COALESCE({c}.due_last, '') END"
            ),
        ),
        Sort::Due => (
            format!("CASE WHEN {c}.due_last IS NULL THEN 1 ELSE 0 END"),
            format!("COALESCE({c}.due_last, '')"),
        ),
        Sort::Slips => (format!("-{c}.slips"), "''".to_owned()),
        Sort::Newest => ("0".to_owned(), "''".to_owned()),
    }
}

/// A page of `page_size` commitments `scope` may see that `filter` matches (after
/// `filter.after`), the last one if more follow, and how many match in all.
///
/// Overdue first, the most overdue against the original promise on top; then the other
/// open promises by due date, then those with no date; the closed ones last, newest first.
pub async fn list(
    db: &Db,
    scope: SupplierScope,
    filter: &CommitmentFilter,
    today: NaiveDate,
    page_size: i64,
) -> Result<(Page<CommitmentSummary>, i64), sqlx::Error> {
    let mut query = scoped(scope);
    let today = today.to_string();
    if let Some(supplier) = filter.supplier {
        let placeholder = query.int(supplier.0);
        query.condition(format!("c.supplier_id = {placeholder}"));
    }
    if let Some(status) = filter.status {
        let placeholder = query.text(status.as_str());
        query.condition(format!("c.status = {placeholder}"));
    }
    if let Some(rating) = filter.rating {
        let today = query.text(&today);
        query.condition(rating_condition(rating, &today));
    }
    let total = count(db, &query).await?;
    let (group, key) = sort_key(filter.sort, "c", &today);
    if let Some(after) = filter.after {
        // Read under the same scope as the list, so a commitment the reader may not see
        // places the page as a missing one does: not at all.
        let after = query.int(after.0);
        let visible = scope
            .condition(|supplier| format!("a.supplier_id = {}", query.int(supplier.0)))
            .map(|condition| format!(" AND {condition}"))
            .unwrap_or_default();
        let (after_group, after_key) = sort_key(filter.sort, "a", &today);
        query.condition(format!(
            "({group}, {key}, -c.id) > (SELECT {after_group}, {after_key}, -a.id \
             FROM commitments a WHERE a.id = {after}{visible})"
        ));
    }
    // A constant part of the key orders nothing (and ORDER BY takes a number for a column).
    let order: String = [group.as_str(), key.as_str()]
        .into_iter()
        .filter(|part| !matches!(*part, "0" | "''"))
        .map(|part| format!("{part}, "))
        .collect();
    let rows = summaries(db, &query, &format!("{order}c.id DESC"), page_size + 1).await?;
    let page = Page::of_one_more(rows, page_size, |row| row.id.0).try_map(SummaryRow::summary)?;
    Ok((page, total))
}

/// The first `limit` of the open commitments `scope` may see whose due end falls in
/// `window` (from the day the caller gives as its first: those due before it are overdue,
/// not due), soonest first, and how many there are.
pub async fn due_within(
    db: &Db,
    scope: SupplierScope,
    window: Window,
    limit: i64,
) -> Result<(Vec<CommitmentSummary>, i64), sqlx::Error> {
    let mut query = scoped(scope);
    query.condition("c.status NOT IN ('delivered', 'withdrawn')".to_owned());
    let first = query.text(&window.first.to_string());
    let last = query.text(&window.last.to_string());
    query.condition(format!("c.due_last BETWEEN {first} AND {last}"));
    let total = count(db, &query).await?;
    let rows = summaries(db, &query, "c.due_last, c.id", limit).await?;
    let rows = rows
        .into_iter()
        .map(SummaryRow::summary)
        .collect::<Result<_, _>>()?;
    Ok((rows, total))
}

/// A query of the commitments `scope` may see.
fn scoped(scope: SupplierScope) -> ListQuery {
    let mut query = ListQuery::default();
    if let Some(visible) =
        scope.condition(|supplier| format!("c.supplier_id = {}", query.int(supplier.0)))
    {
        query.condition(visible);
    }
    query
}

async fn count(db: &Db, query: &ListQuery) -> Result<i64, sqlx::Error> {
    query
        .bind_all(sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM commitments c{}",
            query.where_clause()
        )))
        .fetch_one(db.reader())
        .await
}

/// The rows `query` matches, in `order`, at most `limit`.
async fn summaries(
    db: &Db,
    query: &ListQuery,
    order: &str,
    limit: i64,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    query
        .bind_all(sqlx::query_as(&format!(
            "SELECT c.id, c.title, s.name AS supplier_name, m.name AS module_name, c.status, \
               c.words, c.timeframe, c.timeframe_kind, c.due_first, c.due_last, \
               c.original_first, c.original_last, c.slips, c.delivered_on \
             FROM commitments c JOIN suppliers s ON s.id = c.supplier_id \
             LEFT JOIN modules m ON m.id = c.module_id{} \
             ORDER BY {order} LIMIT {limit}",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await
}
