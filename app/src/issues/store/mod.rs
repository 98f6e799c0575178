//! SQL for issues: reporting, the timeline, status and log-number changes; the list is in
//! `list`. Every change writes its timeline event in the same transaction.

mod list;

use list::rep_supplier;
pub use list::{list, page, Total, TEXT_COUNT_CAP};

use chrono::{DateTime, Utc};
use sqlx::{any::AnyRow, Any, Row, Transaction};

use crate::{
    accounts::types::{AccountId, CurrentUser, Role},
    db::{timestamp, Db},
    issues::types::{
        EarlierText, EventKind, IssueDetails, IssueId, IssueStatus, LogNumber, TimelineEntry,
    },
    markdown::{render, Markdown, EMPTY},
    suppliers::types::{ModuleId, SupplierId, SupplierName},
};

type Tx = Transaction<'static, Any>;

/// What the server functions check an issue against before changing it.
#[derive(Debug, Clone)]
pub struct IssueCore {
    pub id: IssueId,
    pub supplier: SupplierId,
    pub status: IssueStatus,
    pub version: i64,
    pub reporter: Option<AccountId>,
    pub duplicate_of: Option<IssueId>,
}

/// Supplier, status, version, reporter and merge target, as stored.
type CoreRow = (i64, String, i64, Option<i64>, Option<i64>);

pub async fn core(tx: &mut Tx, id: IssueId) -> Result<Option<IssueCore>, sqlx::Error> {
    let row: Option<CoreRow> = sqlx::query_as(
        "SELECT supplier_id, status, version, reporter_id, duplicate_of FROM issues WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|(supplier, status, version, reporter, duplicate_of)| {
        Ok(IssueCore {
            id,
            supplier: SupplierId(supplier),
            status: parse_status(&status)?,
            version,
            reporter: reporter.map(AccountId),
            duplicate_of: duplicate_of.map(IssueId),
        })
    })
    .transpose()
}

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
    let only_supplier = rep_supplier(viewer);
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT issue_id FROM issue_log_numbers \
         WHERE log_number = $1 AND ($2 = 0 OR supplier_id = $2) ORDER BY issue_id",
    )
    .bind(number.as_str())
    .bind(only_supplier.map_or(0, |supplier| supplier.0))
    .fetch_all(db.reader())
    .await?;
    Ok(ids.into_iter().map(IssueId).collect())
}

pub struct NewIssue<'a> {
    pub title: &'a str,
    pub description: &'a Markdown,
    pub supplier: SupplierId,
    pub module: Option<ModuleId>,
    pub patient_safety: bool,
    pub reporter: AccountId,
    pub log_number: Option<&'a LogNumber>,
}

/// Files a new issue with its "reported" event; the reporter and the supplier's
/// representatives follow it. The caller has checked the log number is free.
pub async fn create(
    tx: &mut Tx,
    issue: NewIssue<'_>,
    now: DateTime<Utc>,
) -> Result<IssueId, sqlx::Error> {
    let at = timestamp::to_db(now);
    let search_text = search_text(
        issue.title,
        issue.description.source(),
        issue.log_number.into_iter(),
    );
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO issues (title, description, description_html, html_renderer, supplier_id, \
           module_id, patient_safety, status, reporter_id, awaiting_since, search_text, \
           created_at, updated_at) \
         VALUES ($1, $2, $9, $10, $3, $4, $5, 'new', $6, $7, $8, $7, $7) RETURNING id",
    )
    .bind(issue.title)
    .bind(issue.description.source())
    .bind(issue.supplier.0)
    .bind(issue.module.map(|module| module.0))
    .bind(i64::from(issue.patient_safety))
    .bind(issue.reporter.0)
    .bind(&at)
    .bind(search_text)
    .bind(issue.description.html().as_str())
    .bind(render::VERSION)
    .fetch_one(&mut **tx)
    .await?;
    let id = IssueId(id);
    record(
        tx,
        id,
        NewEvent::new(EventKind::Reported, issue.reporter),
        now,
    )
    .await?;
    if let Some(number) = issue.log_number {
        insert_log_number(tx, id, issue.supplier, number, issue.reporter, now).await?;
    }
    follow(tx, id, issue.reporter, now).await?;
    sqlx::query(
        "INSERT INTO issue_followers (issue_id, account_id, created_at) \
         SELECT $1, id, $2 FROM accounts WHERE supplier_id = $3 AND active = 1 \
         ON CONFLICT DO NOTHING",
    )
    .bind(id.0)
    .bind(&at)
    .bind(issue.supplier.0)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

fn search_text<'a>(
    title: &str,
    description: &str,
    numbers: impl Iterator<Item = &'a LogNumber>,
) -> String {
    let mut text = format!("{title}\n{description}");
    for number in numbers {
        text.push('\n');
        text.push_str(number.as_str());
    }
    text.to_lowercase()
}

/// A timeline event to record.
pub struct NewEvent<'a> {
    pub kind: EventKind,
    pub actor: AccountId,
    /// A post's text, or a status change's note; `EMPTY` for the other kinds.
    pub body: &'a Markdown,
    pub from_status: Option<IssueStatus>,
    pub to_status: Option<IssueStatus>,
    pub detail: &'a str,
    pub other_issue: Option<IssueId>,
}

impl NewEvent<'_> {
    pub fn new(kind: EventKind, actor: AccountId) -> Self {
        NewEvent {
            kind,
            actor,
            body: &EMPTY,
            from_status: None,
            to_status: None,
            detail: "",
            other_issue: None,
        }
    }
}

/// Writes an event to the issue's timeline and marks the issue updated.
pub async fn record(
    tx: &mut Tx,
    issue: IssueId,
    event: NewEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let at = timestamp::to_db(now);
    sqlx::query(
        "INSERT INTO issue_events (issue_id, kind, actor_id, body, body_html, html_renderer, \
           from_status, to_status, detail, other_issue_id, created_at) \
         VALUES ($1, $2, $3, $4, $10, $11, $5, $6, $7, $8, $9)",
    )
    .bind(issue.0)
    .bind(event.kind.as_str())
    .bind(event.actor.0)
    .bind(event.body.source())
    .bind(event.from_status.map(IssueStatus::as_str))
    .bind(event.to_status.map(IssueStatus::as_str))
    .bind(event.detail)
    .bind(event.other_issue.map(|other| other.0))
    .bind(&at)
    .bind(event.body.html().as_str())
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    // Never backwards, whatever a clock or a back-dated import says.
    sqlx::query("UPDATE issues SET updated_at = $1 WHERE id = $2 AND updated_at < $1")
        .bind(&at)
        .bind(issue.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Posts a comment, or an official response from the supplier (which restarts the clock of
/// "awaiting the supplier"); the poster follows the issue from then on.
pub async fn post(
    tx: &mut Tx,
    issue: IssueId,
    author: AccountId,
    body: &Markdown,
    official: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let kind = if official {
        EventKind::OfficialResponse
    } else {
        EventKind::Comment
    };
    let event = NewEvent {
        body,
        ..NewEvent::new(kind, author)
    };
    record(tx, issue, event, now).await?;
    if official {
        supplier_answered(tx, issue, now).await?;
    }
    follow(tx, issue, author, now).await
}

/// How long the same text from the same person counts as the same post sent twice.
const REPEAT_WINDOW: chrono::Duration = chrono::Duration::minutes(10);

/// Whether `author`'s latest post on the issue, within the last few minutes, says exactly
/// `text`: the same post sent twice (a double click, a form sent again), not a new one.
pub async fn just_posted(
    tx: &mut Tx,
    issue: IssueId,
    author: AccountId,
    text: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let latest: Option<(String, String)> = sqlx::query_as(
        "SELECT body, created_at FROM issue_events \
         WHERE issue_id = $1 AND actor_id = $2 AND kind IN ('comment', 'official_response') \
           AND removed_at IS NULL \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(issue.0)
    .bind(author.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((body, at)) = latest else {
        return Ok(false);
    };
    Ok(body == text && now - timestamp::from_db(&at)? < REPEAT_WINDOW)
}

/// A move along the workflow, as the timeline records it.
pub struct StatusChange<'a> {
    pub to: IssueStatus,
    pub target: Option<&'a str>,
    pub note: &'a Markdown,
    pub by: AccountId,
    /// Made by the issue's supplier's representative (it answers the issue).
    pub by_supplier: bool,
}

/// Moves the issue if it is still at `version` (`false` if it changed since), with its
/// timeline event; the supplier's own change restarts the clock of "awaiting the supplier".
pub async fn change_status(
    tx: &mut Tx,
    issue: &IssueCore,
    version: i64,
    change: StatusChange<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    if !set_status(tx, issue, version, change.to, change.target, now).await? {
        return Ok(false);
    }
    let event = NewEvent {
        body: change.note,
        from_status: Some(issue.status),
        to_status: Some(change.to),
        detail: change.target.unwrap_or_default(),
        ..NewEvent::new(EventKind::StatusChanged, change.by)
    };
    record(tx, issue.id, event, now).await?;
    if change.by_supplier {
        supplier_answered(tx, issue.id, now).await?;
    }
    Ok(true)
}

/// The supplier answered (an official response or a status change by its representative):
/// the clock of "awaiting the supplier" starts again, if the issue is still open.
pub async fn supplier_answered(
    tx: &mut Tx,
    issue: IssueId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE issues SET awaiting_since = $1 WHERE id = $2 AND awaiting_since IS NOT NULL",
    )
    .bind(timestamp::to_db(now))
    .bind(issue.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves the issue to `to` if it is still at `version`; `false` if it changed since.
/// Closing stops the awaiting clock; reopening starts it again from now.
async fn set_status(
    tx: &mut Tx,
    issue: &IssueCore,
    version: i64,
    to: IssueStatus,
    target: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let awaiting = match (issue.status.is_open(), to.is_open()) {
        (_, false) => "NULL",
        (false, true) => "$4",
        (true, true) => "awaiting_since",
    };
    let sql = format!(
        "UPDATE issues SET status = $1, target = $2, awaiting_since = {awaiting}, updated_at = $4, \
         version = version + 1 WHERE id = $3 AND version = $5"
    );
    let changed = sqlx::query(&sql)
        .bind(to.as_str())
        .bind(target.unwrap_or_default())
        .bind(issue.id.0)
        .bind(&at)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    Ok(changed.rows_affected() == 1)
}

async fn insert_log_number(
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

/// The fields an edit can change, as stored.
pub async fn details(tx: &mut Tx, id: IssueId) -> Result<IssueDetails, sqlx::Error> {
    let (title, description, module, safety): (String, String, Option<i64>, i64) = sqlx::query_as(
        "SELECT title, description, module_id, patient_safety FROM issues WHERE id = $1",
    )
    .bind(id.0)
    .fetch_one(&mut **tx)
    .await?;
    Ok(IssueDetails {
        title,
        description,
        module: module.map(ModuleId),
        patient_safety: safety != 0,
    })
}

/// Saves edited fields if the issue is still at `version` (`false` if it changed since).
/// `description` is `details.description`, rendered.
pub async fn update_details(
    tx: &mut Tx,
    issue: &IssueCore,
    version: i64,
    details: &IssueDetails,
    description: &Markdown,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let numbers: Vec<String> = sqlx::query_scalar(
        "SELECT log_number FROM issue_log_numbers WHERE issue_id = $1 ORDER BY id",
    )
    .bind(issue.id.0)
    .fetch_all(&mut **tx)
    .await?;
    let numbers = numbers
        .iter()
        .map(|number| parse_log_number(number))
        .collect::<Result<Vec<_>, _>>()?;
    let search = search_text(&details.title, &details.description, numbers.iter());
    let changed = sqlx::query(
        "UPDATE issues SET title = $1, description = $2, description_html = $9, \
           html_renderer = $10, module_id = $3, patient_safety = $4, search_text = $5, \
           updated_at = $6, version = version + 1 \
         WHERE id = $7 AND version = $8",
    )
    .bind(&details.title)
    .bind(description.source())
    .bind(details.module.map(|module| module.0))
    .bind(i64::from(details.patient_safety))
    .bind(search)
    .bind(timestamp::to_db(now))
    .bind(issue.id.0)
    .bind(version)
    .bind(description.html().as_str())
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Makes `account` a follower of the issue (again, if they had stopped).
pub async fn follow(
    tx: &mut Tx,
    issue: IssueId,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO issue_followers (issue_id, account_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(issue.0)
    .bind(account.0)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stops `account` following the issue.
pub async fn unfollow(tx: &mut Tx, issue: IssueId, account: AccountId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM issue_followers WHERE issue_id = $1 AND account_id = $2")
        .bind(issue.0)
        .bind(account.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks (or withdraws) "affects us too" for `account`, once per account; the issue's count
/// is recounted from the marks, so it can never drift from them.
pub async fn set_affects(
    tx: &mut Tx,
    issue: IssueId,
    account: AccountId,
    affects: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let changed = if affects {
        sqlx::query(
            "INSERT INTO issue_affects (issue_id, account_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(issue.0)
        .bind(account.0)
        .bind(timestamp::to_db(now))
        .execute(&mut **tx)
        .await?
    } else {
        sqlx::query("DELETE FROM issue_affects WHERE issue_id = $1 AND account_id = $2")
            .bind(issue.0)
            .bind(account.0)
            .execute(&mut **tx)
            .await?
    };
    if changed.rows_affected() > 0 {
        recount_affects(tx, issue).await?;
    }
    Ok(())
}

async fn recount_affects(tx: &mut Tx, issue: IssueId) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE issues SET affects_count = \
           (SELECT COUNT(*) FROM issue_affects WHERE issue_id = $1) WHERE id = $1",
    )
    .bind(issue.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

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

/// An issue's own fields as its page shows them.
pub struct IssueRecord {
    pub id: IssueId,
    pub title: String,
    pub description: Markdown,
    pub supplier: SupplierName,
    pub module: Option<String>,
    pub module_id: Option<ModuleId>,
    pub patient_safety: bool,
    pub status: IssueStatus,
    pub target: String,
    pub duplicate_of: Option<IssueId>,
    pub reporter: Option<AccountId>,
    pub reporter_name: Option<String>,
    pub affects: i64,
    pub awaiting_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

pub async fn record_of(db: &Db, id: IssueId) -> Result<Option<IssueRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT i.title, i.description, i.description_html, i.html_renderer, i.supplier_id, s.name AS supplier_name, i.module_id, \
           m.name AS module_name, \
           i.patient_safety, i.status, i.target, i.duplicate_of, i.reporter_id, a.display_name, \
           i.affects_count, i.awaiting_since, i.created_at, i.updated_at, i.version \
         FROM issues i JOIN suppliers s ON s.id = i.supplier_id \
           LEFT JOIN modules m ON m.id = i.module_id \
           LEFT JOIN accounts a ON a.id = i.reporter_id \
         WHERE i.id = $1",
    )
    .bind(id.0)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(IssueRecord {
        id,
        title: row.try_get("title")?,
        description: Markdown::stored(
            row.try_get("description")?,
            row.try_get("description_html")?,
            row.try_get("html_renderer")?,
        ),
        supplier: SupplierName {
            id: SupplierId(row.try_get("supplier_id")?),
            name: row.try_get("supplier_name")?,
        },
        module: row.try_get("module_name")?,
        module_id: row.try_get::<Option<i64>, _>("module_id")?.map(ModuleId),
        patient_safety: row.try_get::<i64, _>("patient_safety")? != 0,
        status: parse_status(&row.try_get::<String, _>("status")?)?,
        target: row.try_get("target")?,
        duplicate_of: row.try_get::<Option<i64>, _>("duplicate_of")?.map(IssueId),
        reporter: row.try_get::<Option<i64>, _>("reporter_id")?.map(AccountId),
        reporter_name: row.try_get("display_name")?,
        affects: row.try_get("affects_count")?,
        awaiting_since: optional_time(row.try_get("awaiting_since")?)?,
        created_at: timestamp::from_db(&row.try_get::<String, _>("created_at")?)?,
        updated_at: timestamp::from_db(&row.try_get::<String, _>("updated_at")?)?,
        version: row.try_get("version")?,
    }))
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

/// A timeline entry with what deciding who may edit it needs.
pub struct TimelineRow {
    pub author: Option<AccountId>,
    /// A post's Markdown (empty once removed).
    pub text: String,
    pub entry: TimelineEntry,
}

/// The timeline, oldest first.
pub async fn timeline(db: &Db, id: IssueId) -> Result<Vec<TimelineRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.id, e.kind, e.actor_id, a.display_name, a.role, s.name AS supplier_name, \
           e.body, e.body_html, e.html_renderer, e.from_status, e.to_status, e.detail, \
           e.other_issue_id, e.created_at, e.edited_at, e.removed_at, e.version \
         FROM issue_events e LEFT JOIN accounts a ON a.id = e.actor_id \
           LEFT JOIN suppliers s ON s.id = a.supplier_id \
         WHERE e.issue_id = $1 ORDER BY e.created_at, e.id",
    )
    .bind(id.0)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|row| {
            let text = Markdown::stored(
                row.try_get("body")?,
                row.try_get("body_html")?,
                row.try_get("html_renderer")?,
            );
            Ok(TimelineRow {
                author: row.try_get::<Option<i64>, _>("actor_id")?.map(AccountId),
                entry: timeline_entry(row, &text)?,
                text: text.source().to_owned(),
            })
        })
        .collect()
}

/// The earlier texts of the issue's edited and removed posts, oldest first, by post.
pub async fn earlier_texts(db: &Db, id: IssueId) -> Result<Vec<(i64, EarlierText)>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64, Option<String>, String)> = sqlx::query_as(
        "SELECT r.event_id, r.body, r.body_html, r.html_renderer, a.display_name, r.created_at \
         FROM issue_event_revisions r JOIN issue_events e ON e.id = r.event_id \
           LEFT JOIN accounts a ON a.id = r.edited_by \
         WHERE e.issue_id = $1 ORDER BY r.id",
    )
    .bind(id.0)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(event, body, html, renderer, by, at)| {
            Ok((
                event,
                EarlierText {
                    replaced_at: timestamp::from_db(&at)?,
                    replaced_by: by,
                    body: Markdown::stored(body, html, renderer).into_html(),
                },
            ))
        })
        .collect()
}

/// A comment or official response, as an edit or removal checks it.
#[derive(Debug, Clone)]
pub struct PostCore {
    pub id: i64,
    pub issue: IssueId,
    pub kind: EventKind,
    pub author: Option<AccountId>,
    pub body: Markdown,
    pub removed: bool,
    pub version: i64,
}

/// Issue, kind, author, text, its HTML and renderer, removal time and version, as stored.
type PostRow = (
    i64,
    String,
    Option<i64>,
    String,
    String,
    i64,
    Option<String>,
    i64,
);

pub async fn post_core(tx: &mut Tx, id: i64) -> Result<Option<PostCore>, sqlx::Error> {
    let row: Option<PostRow> = sqlx::query_as(
        "SELECT issue_id, kind, actor_id, body, body_html, html_renderer, removed_at, version \
         FROM issue_events \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((issue, kind, author, body, html, renderer, removed, version)) = row else {
        return Ok(None);
    };
    let kind = EventKind::parse(&kind).ok_or_else(|| decode_error(format!("event kind {kind}")))?;
    Ok(Some(PostCore {
        id,
        issue: IssueId(issue),
        kind,
        author: author.map(AccountId),
        body: Markdown::stored(body, html, renderer),
        removed: removed.is_some(),
        version,
    }))
}

/// Replaces a post's text if it is still at `version` (`false` if not), keeping the text
/// it replaces for the committee.
pub async fn edit_post(
    tx: &mut Tx,
    post: &PostCore,
    version: i64,
    body: &Markdown,
    editor: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let changed = sqlx::query(
        "UPDATE issue_events SET body = $1, body_html = $5, html_renderer = $6, edited_at = $2, \
           version = version + 1 \
         WHERE id = $3 AND version = $4 AND removed_at IS NULL",
    )
    .bind(body.source())
    .bind(&at)
    .bind(post.id)
    .bind(version)
    .bind(body.html().as_str())
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    keep_earlier_text(tx, post, editor, &at).await?;
    Ok(true)
}

/// Removes a post's text if it is still at `version` (`false` if not): the timeline shows
/// that it was removed, and the committee can still read what it said.
pub async fn remove_post(
    tx: &mut Tx,
    post: &PostCore,
    version: i64,
    remover: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let changed = sqlx::query(
        "UPDATE issue_events SET body = '', body_html = '', html_renderer = $5, removed_at = $1, \
           removed_by = $2, \
           version = version + 1 \
         WHERE id = $3 AND version = $4 AND removed_at IS NULL",
    )
    .bind(&at)
    .bind(remover.0)
    .bind(post.id)
    .bind(version)
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    keep_earlier_text(tx, post, remover, &at).await?;
    Ok(true)
}

async fn keep_earlier_text(
    tx: &mut Tx,
    post: &PostCore,
    by: AccountId,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO issue_event_revisions (event_id, body, body_html, html_renderer, \
           edited_by, created_at) \
         VALUES ($1, $2, $5, $6, $3, $4)",
    )
    .bind(post.id)
    .bind(post.body.source())
    .bind(by.0)
    .bind(at)
    .bind(post.body.html().as_str())
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn timeline_entry(row: &AnyRow, text: &Markdown) -> Result<TimelineEntry, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let kind = EventKind::parse(&kind).ok_or_else(|| decode_error(format!("event kind {kind}")))?;
    let removed = row.try_get::<Option<String>, _>("removed_at")?.is_some();
    let role: Option<String> = row.try_get("role")?;
    let supplier: Option<String> = row.try_get("supplier_name")?;
    let actor_role = match (role.as_deref().and_then(Role::parse), supplier) {
        (Some(Role::SupplierRep), Some(supplier)) => {
            Some(format!("Supplier representative, {supplier}"))
        }
        (Some(Role::Chair), _) => Some("Chair".to_owned()),
        (Some(Role::Admin), _) => Some("Administrator".to_owned()),
        _ => None,
    };
    let status = |column: &str| -> Result<Option<IssueStatus>, sqlx::Error> {
        row.try_get::<Option<String>, _>(column)?
            .map(|status| parse_status(&status))
            .transpose()
    };
    Ok(TimelineEntry {
        id: row.try_get("id")?,
        kind,
        actor: row.try_get("display_name")?,
        actor_role,
        at: timestamp::from_db(&row.try_get::<String, _>("created_at")?)?,
        body: (!removed && !text.is_empty()).then(|| text.html().clone()),
        from_status: status("from_status")?,
        to_status: status("to_status")?,
        detail: row.try_get("detail")?,
        other_issue: row
            .try_get::<Option<i64>, _>("other_issue_id")?
            .map(IssueId),
        edited: row.try_get::<Option<String>, _>("edited_at")?.is_some(),
        removed,
        version: row.try_get("version")?,
        may_edit: false,
        may_remove: false,
        source: None,
        earlier: Vec::new(),
    })
}

pub async fn affects_and_follows(
    db: &Db,
    id: IssueId,
    account: AccountId,
) -> Result<(bool, bool), sqlx::Error> {
    let (affects, follows): (i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM issue_affects WHERE issue_id = $1 AND account_id = $2), \
           (SELECT COUNT(*) FROM issue_followers WHERE issue_id = $1 AND account_id = $2)",
    )
    .bind(id.0)
    .bind(account.0)
    .fetch_one(db.reader())
    .await?;
    Ok((affects > 0, follows > 0))
}

fn parse_status(text: &str) -> Result<IssueStatus, sqlx::Error> {
    IssueStatus::parse(text).ok_or_else(|| decode_error(format!("issue status {text}")))
}

fn parse_log_number(text: &str) -> Result<LogNumber, sqlx::Error> {
    LogNumber::parse(text).map_err(|_| decode_error(format!("log number {text}")))
}

fn optional_time(text: Option<String>) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    text.as_deref().map(timestamp::from_db).transpose()
}

fn decode_error(what: String) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected {what} in the database").into())
}
