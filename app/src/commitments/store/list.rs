//! The commitments list: the commitments a reader may see that a filter matches, a page at
//! a time, sorted by what the facts kept on each commitment say (`restate`).

use super::*;
use crate::{
    commitments::types::{CommitmentFilter, CommitmentSummary, Rating, Sort, Standing},
    db::{page::Page, query::ListQuery},
    domain::{meetings::Audience, permissions::SupplierScope},
};

#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
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
    slipped_days: i64,
    delivered_on: Option<String>,
}

impl SummaryRow {
    pub(super) fn summary(self) -> Result<CommitmentSummary, sqlx::Error> {
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
            slipped_days: self.slipped_days,
        })
    }
}

/// The due end, or a day that never comes. "Overdue" compares this rather than `due_last`
/// itself, so the planner reads the overdue in the order of their first promise (an index
/// on `sort_key`) instead of reading them all by due end to sort them.
const DUE_OR_NEVER: &str = "COALESCE(c.due_last, '9999-12-31')";

/// The SQL condition on `commitments c` that holds exactly for commitments of `rating` on
/// the day bound as `today` (`Standing::rating`, read in SQL).
fn rating_condition(rating: Rating, today: &str) -> String {
    const OPEN: &str = "c.is_open = 1";
    match rating {
        Rating::Withdrawn => "c.status = 'withdrawn'".to_owned(),
        Rating::Kept => "c.status = 'delivered' AND (c.original_last IS NULL \
             OR c.delivered_on <= c.original_last)"
            .to_owned(),
        Rating::KeptLate => {
            "c.status = 'delivered' AND c.delivered_on > c.original_last".to_owned()
        }
        Rating::NotYetConcrete => format!("{OPEN} AND c.due_last IS NULL"),
        Rating::Overdue => format!("{OPEN} AND {} < {today}", DUE_OR_NEVER),
        Rating::Slipped => format!("{OPEN} AND c.due_last >= {today} AND c.slips > 0"),
        Rating::OnTrack => format!("{OPEN} AND c.due_last >= {today} AND c.slips = 0"),
    }
}

/// How rows of one part of the list follow each other after a given row.
#[derive(Clone, Copy)]
enum Key {
    /// `sort_key` ascending, then newest first.
    FirstDue,
    /// `due_last` ascending, then newest first.
    Due,
    /// Most slips first, then newest first.
    Slips,
    /// Newest first.
    Id,
}

/// One part of a sort's order: the rows it holds, in its own order. A sort is its parts one
/// after another, so each part is read with an index and stops after a page; `today` is a
/// date this code formatted (digits and hyphens only).
struct Part {
    holds: String,
    order: &'static str,
    key: Key,
}

fn parts(sort: Sort, today: &str) -> Vec<Part> {
    let part = |holds: &str, order, key| Part {
        holds: holds.to_owned(),
        order,
        key,
    };
    match sort {
        // Overdue first, the most overdue against the first promise on top; then the other
        // open promises by due date, then those with no date; the closed ones last.
        Sort::Overdue => vec![
            part(
                &format!("c.is_open = 1 AND {DUE_OR_NEVER} < '{today}'"),
                "c.sort_key, c.id DESC",
                Key::FirstDue,
            ),
            part(
                &format!("c.is_open = 1 AND c.due_last >= '{today}'"),
                "c.due_last, c.id DESC",
                Key::Due,
            ),
            part("c.is_open = 1 AND c.due_last IS NULL", "c.id DESC", Key::Id),
            part("c.is_open = 0", "c.id DESC", Key::Id),
        ],
        Sort::Due => vec![
            part("c.due_last IS NOT NULL", "c.due_last, c.id DESC", Key::Due),
            part("c.due_last IS NULL", "c.id DESC", Key::Id),
        ],
        Sort::Slips => vec![part("1 = 1", "c.slips DESC, c.id DESC", Key::Slips)],
        Sort::Newest => vec![part("1 = 1", "c.id DESC", Key::Id)],
    }
}

/// Where a row stands in the order: what the parts read of it.
#[derive(sqlx::FromRow)]
struct Position {
    id: CommitmentId,
    is_open: i64,
    due_last: Option<String>,
    sort_key: Option<String>,
    slips: i64,
}

impl Position {
    /// Which of `parts` holds it (their conditions, read here as the SQL reads them).
    fn part(&self, sort: Sort, today: &str) -> usize {
        let open = self.is_open == 1;
        let due = self.due_last.as_deref();
        match sort {
            Sort::Overdue => match (open, due) {
                (true, Some(due)) if due < today => 0,
                (true, Some(_)) => 1,
                (true, None) => 2,
                (false, _) => 3,
            },
            Sort::Due => usize::from(due.is_none()),
            Sort::Slips | Sort::Newest => 0,
        }
    }

    /// The condition for the rows after this one in a part ordered by `key`.
    fn after(&self, key: Key, query: &mut ListQuery) -> String {
        let id = query.int(self.id.0);
        let text = |value: &Option<String>, query: &mut ListQuery| {
            query.text(value.as_deref().unwrap_or_default())
        };
        match key {
            Key::FirstDue => {
                let value = text(&self.sort_key, query);
                format!("(c.sort_key > {value} OR (c.sort_key = {value} AND c.id < {id}))")
            }
            Key::Due => {
                let value = text(&self.due_last, query);
                format!("(c.due_last > {value} OR (c.due_last = {value} AND c.id < {id}))")
            }
            Key::Slips => {
                let slips = query.int(self.slips);
                format!("(c.slips < {slips} OR (c.slips = {slips} AND c.id < {id}))")
            }
            Key::Id => format!("c.id < {id}"),
        }
    }
}

/// Who is reading the list: whose commitments they may see (`scope`), and which meetings'
/// minutes they may read (`audience`), for the "promised at" filter.
#[derive(Debug, Clone, Copy)]
pub struct ListReader {
    pub scope: SupplierScope,
    pub audience: Audience,
}

/// The query of the commitments `reader` may see that `filter` matches (its position aside).
fn filtered(reader: ListReader, filter: &CommitmentFilter, today: &str) -> ListQuery {
    let mut query = scoped(reader.scope);
    if let Some(supplier) = filter.supplier {
        let placeholder = query.int(supplier.0);
        query.condition(format!("c.supplier_id = {placeholder}"));
    }
    if let Some(module) = filter.module {
        let placeholder = query.int(module.0);
        query.condition(format!("c.module_id = {placeholder}"));
    }
    if let Some(status) = filter.status {
        let placeholder = query.text(status.as_str());
        query.condition(format!("c.status = {placeholder}"));
    }
    if let Some(rating) = filter.rating {
        let today = query.text(today);
        query.condition(rating_condition(rating, &today));
    }
    if let Some(due) = filter.due {
        let first = query.text(&due.first.to_string());
        let last = query.text(&due.last.to_string());
        query.condition(format!("c.due_last BETWEEN {first} AND {last}"));
    }
    if filter.slipped {
        query.condition("c.slips > 0".to_owned());
    }
    if filter.vague {
        query.condition("c.vague_when_made = 1".to_owned());
    }
    if let Some(meeting) = filter.meeting {
        // Only promises made at an agenda item the reader may read (in minutes they may
        // read): any other matches nothing, as a meeting that does not exist does.
        let placeholder = query.int(meeting.0);
        query.condition(format!("c.meeting_id = {placeholder}"));
        let mut readable = vec![
            "i.id = c.agenda_item_id".to_owned(),
            format!("m.id = {placeholder}"),
        ];
        readable.extend(item_readable(reader.audience, &mut query));
        query.condition(format!(
            "EXISTS (SELECT 1 FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id \
             WHERE {})",
            readable.join(" AND ")
        ));
    }
    query
}

/// The conditions that `audience` reads agenda item `i` of meeting `m` (`Audience::sees_item`:
/// it sees the meeting, reaches the item's level and may read the minutes).
fn item_readable(audience: Audience, query: &mut ListQuery) -> Vec<String> {
    let mut conditions = Vec::new();
    conditions.extend(audience.condition("m", |supplier| query.int(supplier.0)));
    conditions.extend(
        audience.level_condition("i.visibility", "m.supplier_id", |supplier| {
            query.int(supplier.0)
        }),
    );
    if !audience.reads_minutes(crate::domain::meetings::MinutesStatus::Draft) {
        conditions.push("m.status = 'published'".to_owned());
    }
    conditions
}

/// A page of `page_size` commitments `reader` may see that `filter` matches (after
/// `filter.after`), the last one if more follow, and how many match in all.
pub async fn list(
    db: &Db,
    reader: ListReader,
    filter: &CommitmentFilter,
    today: NaiveDate,
    page_size: i64,
) -> Result<(Page<CommitmentSummary>, i64), sqlx::Error> {
    let scope = reader.scope;
    let today = today.to_string();
    let query = filtered(reader, filter, &today);
    let total = count(db, &query).await?;
    // The row to continue after is read under the same scope as the list, so one the reader
    // may not see places the page as a missing one does: nowhere.
    let after = match filter.after {
        Some(after) => {
            let mut find = scoped(scope);
            let id = find.int(after.0);
            find.condition(format!("c.id = {id}"));
            let position: Option<Position> = find
                .bind_all(sqlx::query_as(&format!(
                    "SELECT c.id, c.is_open, c.due_last, c.sort_key, c.slips FROM commitments c{}",
                    find.where_clause()
                )))
                .fetch_optional(db.reader())
                .await?;
            match position {
                Some(position) => Some(position),
                None => {
                    return Ok((
                        Page {
                            rows: Vec::new(),
                            next: None,
                        },
                        total,
                    ))
                }
            }
        }
        None => None,
    };
    let wanted = page_size + 1;
    let mut ids: Vec<i64> = Vec::new();
    for (index, part) in parts(filter.sort, &today).into_iter().enumerate() {
        let mut read = query.clone();
        read.condition(part.holds.clone());
        if let Some(position) = &after {
            match position.part(filter.sort, &today).cmp(&index) {
                std::cmp::Ordering::Greater => continue,
                std::cmp::Ordering::Equal => {
                    let condition = position.after(part.key, &mut read);
                    read.condition(condition);
                }
                std::cmp::Ordering::Less => {}
            }
        }
        let limit = wanted - i64::try_from(ids.len()).unwrap_or(0);
        let found: Vec<i64> = read
            .bind_all(sqlx::query_scalar(&format!(
                "SELECT c.id FROM commitments c{} ORDER BY {} LIMIT {limit}",
                read.where_clause(),
                part.order
            )))
            .fetch_all(db.reader())
            .await?;
        ids.extend(found);
        if i64::try_from(ids.len()).unwrap_or(0) >= wanted {
            break;
        }
    }
    let mut rows = summaries_of(db, &ids).await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id.0));
    let page = Page::of_one_more(rows, page_size, |row| row.id.0).try_map(SummaryRow::summary)?;
    Ok((page, total))
}

/// The rows with these ids (in no particular order).
pub(super) async fn summaries_of(db: &Db, ids: &[i64]) -> Result<Vec<SummaryRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = ListQuery::default();
    let placeholders: Vec<String> = ids.iter().map(|id| query.int(*id)).collect();
    query.condition(format!("c.id IN ({})", placeholders.join(", ")));
    summaries(
        db,
        &query,
        "c.id",
        i64::try_from(ids.len()).unwrap_or(i64::MAX),
    )
    .await
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
    query.condition("c.is_open = 1".to_owned());
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
pub(super) fn scoped(scope: SupplierScope) -> ListQuery {
    let mut query = ListQuery::default();
    if let Some(visible) =
        scope.condition(|supplier| format!("c.supplier_id = {}", query.int(supplier.0)))
    {
        query.condition(visible);
    }
    query
}

pub(super) async fn count(db: &Db, query: &ListQuery) -> Result<i64, sqlx::Error> {
    query
        .bind_all(sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM commitments c{}",
            query.where_clause()
        )))
        .fetch_one(db.reader())
        .await
}

/// The rows `query` matches, in `order`, at most `limit`.
pub(super) async fn summaries(
    db: &Db,
    query: &ListQuery,
    order: &str,
    limit: i64,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    query
        .bind_all(sqlx::query_as(&format!(
            "SELECT c.id, c.title, s.name AS supplier_name, m.name AS module_name, c.status, \
               c.words, c.timeframe, c.timeframe_kind, c.due_first, c.due_last, \
               c.original_first, c.original_last, c.slips, c.slipped_days, c.delivered_on \
             FROM commitments c JOIN suppliers s ON s.id = c.supplier_id \
             LEFT JOIN modules m ON m.id = c.module_id{} \
             ORDER BY {order} LIMIT {limit}",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await
}

/// A meeting the list's "promised at" filter offers.
#[derive(sqlx::FromRow)]
pub struct MeetingChoice {
    pub id: MeetingId,
    pub title: String,
    pub starts_at: String,
}

/// The latest `limit` meetings since `from` whose minutes `reader` may read and at which
/// commitments they may see were made, newest first; then `chosen` (of any day), if it is
/// such a meeting and not among them.
pub async fn meetings_promised_at(
    db: &Db,
    reader: ListReader,
    from: DateTime<Utc>,
    chosen: Option<MeetingId>,
    limit: i64,
) -> Result<Vec<MeetingChoice>, sqlx::Error> {
    let read = |only: Option<MeetingId>, limit: i64| {
        let mut query = ListQuery::default();
        if only.is_none() {
            let from = query.text(&crate::db::timestamp::to_db(from));
            query.condition(format!("m.starts_at >= {from}"));
        }
        let mut made = vec!["c.meeting_id = m.id".to_owned()];
        made.extend(item_readable(reader.audience, &mut query));
        made.extend(
            reader
                .scope
                .condition(|supplier| format!("c.supplier_id = {}", query.int(supplier.0))),
        );
        query.condition(format!(
            "EXISTS (SELECT 1 FROM commitments c JOIN agenda_items i ON i.id = c.agenda_item_id \
             WHERE {})",
            made.join(" AND ")
        ));
        if let Some(meeting) = only {
            let placeholder = query.int(meeting.0);
            query.condition(format!("m.id = {placeholder}"));
        }
        async move {
            query
                .bind_all(sqlx::query_as(&format!(
                    "SELECT m.id, m.title, m.starts_at FROM meetings m{} \
                     ORDER BY m.starts_at DESC, m.id DESC LIMIT {limit}",
                    query.where_clause()
                )))
                .fetch_all(db.reader())
                .await
        }
    };
    let mut meetings: Vec<MeetingChoice> = read(None, limit).await?;
    if let Some(chosen) = chosen.filter(|id| !meetings.iter().any(|meeting| meeting.id == *id)) {
        meetings.extend(read(Some(chosen), 1).await?);
    }
    Ok(meetings)
}
