//! The issues list: which issues match a filter, how many, and one page of them in the
//! list's order, read so that a page costs about the same at 100,000 issues as at 100.
//!
//! - A page reads the sort's index in order and stops after it (`page`).
//! - The usual views are counted from `issue_counts` (migration 0008), kept by triggers.
//! - A text filter's matches, in the list's order and up to `TEXT_COUNT_CAP` + 1, are worked
//!   out once (through the text index when the text is rare) and held in memory until an
//!   issue changes (`cache_versions` row `issues`, moved by trigger): its count and every
//!   page of it then come from that list (`held_matches`).

use chrono::{DateTime, Duration, Utc};

mod held;

use held::{held_matches, page_of_held};

use super::{optional_time, parse_status};
use crate::{
    db::{
        page::Page,
        query::{Bindable, ListQuery},
        timestamp, Backend, Db,
    },
    domain::people::CurrentUser,
    domain::{
        issue_workflow::{days_awaiting, AWAITING_SUPPLIER_DAYS},
        permissions::SupplierScope,
    },
    issues::types::{IssueFilter, IssueId, IssueRow, IssueSort, IssueStatus, StatusFilter},
    suppliers::{
        store::Names,
        types::{ModuleId, SupplierId},
    },
};

/// A text filter's count stops here ("more than 1,000 match"): counting every match of a
/// common word would cost a scan of all issues.
pub const TEXT_COUNT_CAP: i64 = 1000;

/// How many issues match: exact, or at least this many (a text filter's count is capped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Exactly(i64),
    MoreThan(i64),
}

/// The list: a page of the issues matching `filter` that `viewer` may see, and how many
/// match in all. `names` are the supplier and module names the rows show.
pub async fn list(
    db: &Db,
    filter: &IssueFilter,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
    page_size: i64,
    names: &Names,
) -> Result<(Page<IssueRow>, Total), sqlx::Error> {
    if !filter.text.is_empty() && is_shared_view(filter) {
        let matches = held_matches(db, filter, viewer, now).await?;
        let total = if matches.len() as i64 > TEXT_COUNT_CAP {
            Total::MoreThan(TEXT_COUNT_CAP)
        } else {
            Total::Exactly(matches.len() as i64)
        };
        if let Some(held) = page_of_held(db, &matches, filter.after, now, page_size, names).await? {
            return Ok((held, total));
        }
        // A page the matches held do not cover (past the first thousand, or after an issue
        // that no longer matches): read as any page is.
        return Ok((
            page(db, filter, viewer, now, page_size, names).await?,
            total,
        ));
    }
    let total = match kept_count(filter, viewer) {
        Some(kept) => {
            let sql = format!(
                "SELECT CAST(COALESCE(SUM(issues), 0) AS BIGINT) FROM issue_counts{}",
                kept.where_clause()
            );
            Total::Exactly(
                kept.bind_all(sqlx::query_scalar(&sql))
                    .fetch_one(db.reader())
                    .await?,
            )
        }
        None => count(db, filter, viewer, now).await?,
    };
    Ok((
        page(db, filter, viewer, now, page_size, names).await?,
        total,
    ))
}

/// Counts what `filter` matches with SQL: exactly, or up to the cap for a text filter.
async fn count(
    db: &Db,
    filter: &IssueFilter,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Total, sqlx::Error> {
    let search = text_search(db, filter).await?;
    let query = matching(filter, viewer, now, search, Purpose::Count);
    if filter.text.is_empty() {
        let sql = format!("SELECT COUNT(*) FROM issues i{}", query.where_clause());
        return Ok(Total::Exactly(
            query
                .bind_all(sqlx::query_scalar(&sql))
                .fetch_one(db.reader())
                .await?,
        ));
    }
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM issues i{} LIMIT {}) AS matches",
        query.where_clause(),
        TEXT_COUNT_CAP + 1
    );
    let counted: i64 = query
        .bind_all(sqlx::query_scalar(&sql))
        .fetch_one(db.reader())
        .await?;
    Ok(if counted > TEXT_COUNT_CAP {
        Total::MoreThan(TEXT_COUNT_CAP)
    } else {
        Total::Exactly(counted)
    })
}

/// Views whose matches are the same for everyone of the same supplier scope, at any moment
/// between two changes of an issue: not those that depend on the viewer (followed, mine) or
/// on the time (awaiting the supplier past the policy's days).
fn is_shared_view(filter: &IssueFilter) -> bool {
    !filter.following && !filter.mine && !filter.awaiting
}

/// How a text filter is answered. SQLite's trigram index (migration 0005) finds the few
/// issues holding a rare text at once, but matching a common one through it costs tens of
/// milliseconds, where reading issues in the sort's order and testing each stops after a
/// page. A capped probe of the index tells which case this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextSearch {
    Indexed,
    Scanned,
}

async fn text_search(db: &Db, filter: &IssueFilter) -> Result<TextSearch, sqlx::Error> {
    if db.backend() != Backend::Sqlite || filter.text.chars().count() < 3 {
        // PostgreSQL's planner weighs its trigram index itself; two letters have no trigram.
        return Ok(TextSearch::Scanned);
    }
    let holders: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT rowid FROM issues_search WHERE issues_search MATCH $1 \
         LIMIT $2)",
    )
    .bind(trigram_phrase(&filter.text))
    .bind(TEXT_COUNT_CAP + 1)
    .fetch_one(db.reader())
    .await?;
    Ok(if holders > TEXT_COUNT_CAP {
        TextSearch::Scanned
    } else {
        TextSearch::Indexed
    })
}

/// The text as one quoted FTS5 phrase: with the trigram tokenizer it matches exactly the
/// rows whose column contains the text.
fn trigram_phrase(text: &str) -> String {
    format!("\"{}\"", text.to_lowercase().replace('"', "\"\""))
}

/// The list's order for a sort (`page` continues it after an issue with the matching
/// comparison).
fn order_of(sort: IssueSort) -> &'static str {
    match sort {
        IssueSort::Updated => "i.updated_at DESC, i.id DESC",
        IssueSort::Created => "i.id DESC",
        IssueSort::Affects => "i.affects_count DESC, i.id DESC",
        IssueSort::Awaiting => "i.awaiting_since ASC, i.id ASC",
    }
}

/// The columns a list row is read from.
const ROW_COLUMNS: &str = "i.id, i.title, i.supplier_id, i.module_id, i.status, i.target, \
    i.patient_safety, i.affects_count, i.awaiting_since, i.created_at, i.updated_at";

/// One page of the list (after `filter.after`), continued after its last issue if there
/// are more; without the count, for walking the whole list.
pub async fn page(
    db: &Db,
    filter: &IssueFilter,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
    page_size: i64,
    names: &Names,
) -> Result<Page<IssueRow>, sqlx::Error> {
    let search = text_search(db, filter).await?;
    let mut query = matching(filter, viewer, now, search, Purpose::Page);
    if let Some(after) = filter.after {
        // The issue to continue after is read under the same visibility as the list, so an
        // issue the viewer may not see places the page exactly as a missing one does: not
        // at all (the comparison with no row holds for none).
        let after = query.int(after);
        let visible = SupplierScope::of(viewer)
            .condition(|supplier| {
                let placeholder = query.int(supplier.0);
                format!("supplier_id = {placeholder}")
            })
            .map(|condition| format!(" AND {condition}"))
            .unwrap_or_default();
        let position =
            |columns: &str| format!("(SELECT {columns} FROM issues WHERE id = {after}{visible})");
        query.condition(match filter.sort {
            IssueSort::Updated => format!("(i.updated_at, i.id) < {}", position("updated_at, id")),
            IssueSort::Created => format!("i.id < {}", position("id")),
            IssueSort::Affects => {
                format!(
                    "(i.affects_count, i.id) < {}",
                    position("affects_count, id")
                )
            }
            IssueSort::Awaiting => {
                format!(
                    "(i.awaiting_since, i.id) > {}",
                    position("awaiting_since, id")
                )
            }
        });
    }
    let limit = query.int(page_size + 1);
    // One table only: the sort's index can then be read in order, stopping after a page,
    // whatever the planner's statistics say about joins. Names are held in memory.
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM issues i{} ORDER BY {} LIMIT {limit}",
        query.where_clause(),
        order_of(filter.sort)
    );
    let read: Vec<ListRow> = query
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(db.reader())
        .await?;
    let mut page =
        Page::of_one_more(read, page_size, |row| row.id).try_map(|row| row.into_row(names, now))?;
    attach_log_numbers(db, &mut page.rows).await?;
    Ok(page)
}

/// The list rows of `ids`, in that order, with their log numbers. The ids come from a query
/// with the viewer's conditions (`held_matches`); an issue never changes supplier, so they
/// still hold.
async fn rows_by_id(
    db: &Db,
    ids: &[i64],
    now: DateTime<Utc>,
    names: &Names,
) -> Result<Vec<IssueRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM issues i WHERE i.id IN ({})",
        placeholders()
    );
    let mut issues = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_AT_ONCE) {
        let rows: Vec<ListRow> = bind_ids(sqlx::query_as(&sql), chunk)
            .fetch_all(db.reader())
            .await?;
        for row in rows {
            issues.push(row.into_row(names, now)?);
        }
    }
    issues.sort_by_key(|row| ids.iter().position(|id| *id == row.id.0));
    attach_log_numbers(db, &mut issues).await?;
    Ok(issues)
}

/// What a list query is for: counting every match, or fetching one page in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Count,
    Page,
}

/// The conditions every issue in the list meets (the page position aside).
fn matching(
    filter: &IssueFilter,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
    search: TextSearch,
    purpose: Purpose,
) -> ListQuery {
    let mut query = ListQuery::default();
    // A group of statuses holds a large share of all issues: a page reads the sort's index
    // in order and stops after 26 rows, so the status index must not tempt the planner into
    // fetching the whole group and sorting it (measured: 100 ms against 1 ms a page at
    // 100,000 issues). `status || ''` is the portable way to keep an index out of it.
    let status = match purpose {
        Purpose::Count => "i.status",
        Purpose::Page => "(i.status || '')",
    };
    match filter.status {
        StatusFilter::Open => query.condition(format!(
            "{status} IN ({})",
            status_list(IssueStatus::open())
        )),
        StatusFilter::Closed => query.condition(format!(
            "{status} IN ({})",
            status_list(IssueStatus::closed())
        )),
        StatusFilter::All => {}
        StatusFilter::Only(status) => {
            let placeholder = query.text(status.as_str());
            query.condition(format!("i.status = {placeholder}"));
        }
    }
    if let Some(visible) = SupplierScope::of(viewer).condition(|supplier| {
        let placeholder = query.int(supplier.0);
        format!("i.supplier_id = {placeholder}")
    }) {
        query.condition(visible);
    }
    if let Some(supplier) = filter.supplier {
        let placeholder = query.int(supplier);
        query.condition(format!("i.supplier_id = {placeholder}"));
    }
    if let Some(module) = filter.module {
        let placeholder = query.int(module);
        query.condition(format!("i.module_id = {placeholder}"));
    }
    if filter.safety {
        query.condition("i.patient_safety = 1".to_owned());
    }
    if filter.awaiting {
        let cutoff = timestamp::to_db(now - Duration::days(AWAITING_SUPPLIER_DAYS));
        let placeholder = query.text(&cutoff);
        query.condition(format!("i.awaiting_since <= {placeholder}"));
    }
    if filter.following {
        let placeholder = query.int(viewer.id.0);
        query.condition(format!(
            "EXISTS (SELECT 1 FROM issue_followers f WHERE f.issue_id = i.id AND f.account_id = {placeholder})"
        ));
    }
    if filter.mine {
        let placeholder = query.int(viewer.id.0);
        query.condition(format!("i.reporter_id = {placeholder}"));
    }
    if !filter.text.is_empty() {
        let text = filter.text.to_lowercase();
        if search == TextSearch::Indexed {
            let placeholder = query.text(&trigram_phrase(&text));
            query.condition(format!(
                "i.id IN (SELECT rowid FROM issues_search WHERE issues_search MATCH {placeholder})"
            ));
        } else {
            let placeholder = query.text(&format!("%{}%", crate::db::query::escape_like(&text)));
            query.condition(format!("i.search_text LIKE {placeholder} ESCAPE '\\'"));
        }
    }
    if filter.sort == IssueSort::Awaiting {
        query.condition("i.awaiting_since IS NOT NULL".to_owned());
    }

    query
}

/// The conditions on `issue_counts` (migration 0008) that count what `filter` matches, if
/// it filters only by what that table keeps counts by: status, supplier, module and the
/// patient-safety flag. The usual views, the default among them, are counted from it.
fn kept_count(filter: &IssueFilter, viewer: &CurrentUser) -> Option<ListQuery> {
    let plain = filter.text.is_empty()
        && !filter.awaiting
        && !filter.following
        && !filter.mine
        && filter.sort != IssueSort::Awaiting;
    if !plain {
        return None;
    }
    let mut query = ListQuery::default();
    match filter.status {
        StatusFilter::Open => {
            query.condition(format!("status IN ({})", status_list(IssueStatus::open())))
        }
        StatusFilter::Closed => query.condition(format!(
            "status IN ({})",
            status_list(IssueStatus::closed())
        )),
        StatusFilter::All => {}
        StatusFilter::Only(status) => {
            let placeholder = query.text(status.as_str());
            query.condition(format!("status = {placeholder}"));
        }
    }
    if let Some(visible) = SupplierScope::of(viewer).condition(|supplier| {
        let placeholder = query.int(supplier.0);
        format!("supplier_id = {placeholder}")
    }) {
        query.condition(visible);
    }
    if let Some(supplier) = filter.supplier {
        let placeholder = query.int(supplier);
        query.condition(format!("supplier_id = {placeholder}"));
    }
    if let Some(module) = filter.module {
        let placeholder = query.int(module);
        query.condition(format!("module_id = {placeholder}"));
    }
    if filter.safety {
        query.condition("patient_safety = 1".to_owned());
    }
    Some(query)
}

/// A list row as read.
#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    title: String,
    supplier_id: i64,
    module_id: Option<i64>,
    status: String,
    target: String,
    patient_safety: i64,
    affects_count: i64,
    awaiting_since: Option<String>,
    created_at: String,
    updated_at: String,
}

impl ListRow {
    fn into_row(self, names: &Names, now: DateTime<Utc>) -> Result<IssueRow, sqlx::Error> {
        let status = parse_status(&self.status)?;
        let awaiting_since = optional_time(self.awaiting_since)?;
        Ok(IssueRow {
            id: IssueId(self.id),
            title: self.title,
            supplier: names
                .supplier(SupplierId(self.supplier_id))
                .unwrap_or_default()
                .to_owned(),
            module: self
                .module_id
                .and_then(|module| names.module(ModuleId(module)).map(str::to_owned)),
            status,
            target: self.target,
            patient_safety: self.patient_safety != 0,
            log_numbers: Vec::new(),
            affects: self.affects_count,
            days_awaiting: awaiting_since.and_then(|since| days_awaiting(status, since, now)),
            created_at: timestamp::from_db(&self.created_at)?,
            updated_at: timestamp::from_db(&self.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct LogNumberRow {
    issue_id: i64,
    log_number: String,
}

async fn attach_log_numbers(db: &Db, rows: &mut [IssueRow]) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id.0).collect();
    let sql = format!(
        "SELECT issue_id, log_number FROM issue_log_numbers WHERE issue_id IN ({}) ORDER BY id",
        placeholders()
    );
    for chunk in ids.chunks(IDS_AT_ONCE) {
        let numbers: Vec<LogNumberRow> = bind_ids(sqlx::query_as(&sql), chunk)
            .fetch_all(db.reader())
            .await?;
        for number in numbers {
            if let Some(row) = rows.iter_mut().find(|row| row.id.0 == number.issue_id) {
                row.log_numbers.push(number.log_number);
            }
        }
    }
    Ok(())
}

/// Ids a statement takes at once: a page and the one after it. Every list of ids is sent in
/// statements of exactly this length (padded), so one prepared statement serves them all;
/// longer lists (an export's batches) go in several. Binding costs grow with the square of
/// the length (SQLite finds each `$n` by name), so one long statement would cost more.
const IDS_AT_ONCE: usize = 26;

/// `$1, $2, …, $26`.
fn placeholders() -> String {
    (1..=IDS_AT_ONCE)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Binds up to `IDS_AT_ONCE` ids, padded with 0, which no issue has.
fn bind_ids<'q, Q: Bindable<'q>>(mut query: Q, ids: &[i64]) -> Q {
    for n in 0..IDS_AT_ONCE {
        query = query.bind_int(ids.get(n).copied().unwrap_or(0));
    }
    query
}

fn status_list(statuses: impl Iterator<Item = IssueStatus>) -> String {
    statuses
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_have_one_length() {
        assert_eq!(placeholders().matches('$').count(), IDS_AT_ONCE);
        assert!(placeholders().ends_with("$26"));
    }
}
