//! SQL for issues: reporting, the timeline, status and log-number changes; the list is in
//! `list`. Every change writes its timeline event in the same transaction.

mod list;
mod log_numbers;
mod merge;
mod timeline;

pub use list::{list, page, Total, TEXT_COUNT_CAP};
use log_numbers::insert_log_number;
pub use log_numbers::*;
pub use merge::*;
pub use timeline::*;

use chrono::{DateTime, Utc};

use crate::{
    db::{timestamp, Db},
    domain::ids::AccountId,
    issues::types::{EventKind, IssueDetails, IssueId, IssueStatus, LogNumber},
    markdown::{render, Markdown, EMPTY},
    suppliers::types::{ModuleId, SupplierId, SupplierName},
};

pub(crate) use crate::db::Tx;

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

/// When `reporter` reported issues since `since`.
pub async fn reported_since(
    tx: &mut Tx,
    reporter: AccountId,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    let times: Vec<String> = sqlx::query_scalar(
        "SELECT created_at FROM issues WHERE reporter_id = $1 AND created_at > $2",
    )
    .bind(reporter.0)
    .bind(timestamp::to_db(since))
    .fetch_all(&mut **tx)
    .await?;
    times.iter().map(|at| timestamp::from_db(at)).collect()
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

/// The fields an edit can change, as stored.
pub async fn details(tx: &mut Tx, id: IssueId) -> Result<IssueDetails, sqlx::Error> {
    let row: DetailsRow = sqlx::query_as(
        "SELECT title, description, module_id, patient_safety FROM issues WHERE id = $1",
    )
    .bind(id.0)
    .fetch_one(&mut **tx)
    .await?;
    Ok(IssueDetails {
        title: row.title,
        description: row.description,
        module: row.module_id.map(ModuleId),
        patient_safety: row.patient_safety != 0,
    })
}

#[derive(sqlx::FromRow)]
struct DetailsRow {
    title: String,
    description: String,
    module_id: Option<i64>,
    patient_safety: i64,
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
    /// Some other record's text names this issue (`crate::mentions`), or an agenda item links
    /// it: its timeline may have meetings that discussed it to show.
    pub mentioned: bool,
}

pub async fn record_of(db: &Db, id: IssueId) -> Result<Option<IssueRecord>, sqlx::Error> {
    let row: Option<RecordRow> = sqlx::query_as(
        "SELECT i.title, i.description, i.description_html, i.html_renderer, i.supplier_id, \
           s.name AS supplier_name, i.module_id, m.name AS module_name, \
           i.patient_safety, i.status, i.target, i.duplicate_of, i.reporter_id, a.display_name, \
           i.affects_count, i.awaiting_since, i.created_at, i.updated_at, i.version, \
           (SELECT COUNT(*) FROM mentions n \
             WHERE n.target_kind = 'issue' AND n.target_id = i.id) \
           + (SELECT COUNT(*) FROM agenda_item_issues l WHERE l.issue_id = i.id) AS mentions \
         FROM issues i JOIN suppliers s ON s.id = i.supplier_id \
           LEFT JOIN modules m ON m.id = i.module_id \
           LEFT JOIN accounts a ON a.id = i.reporter_id \
         WHERE i.id = $1",
    )
    .bind(id.0)
    .fetch_optional(db.reader())
    .await?;
    row.map(|row| row.into_record(id)).transpose()
}

/// An issue as `record_of` reads it.
#[derive(sqlx::FromRow)]
struct RecordRow {
    title: String,
    description: String,
    description_html: String,
    html_renderer: i64,
    supplier_id: i64,
    supplier_name: String,
    module_id: Option<i64>,
    module_name: Option<String>,
    patient_safety: i64,
    status: String,
    target: String,
    duplicate_of: Option<i64>,
    reporter_id: Option<i64>,
    display_name: Option<String>,
    affects_count: i64,
    awaiting_since: Option<String>,
    created_at: String,
    updated_at: String,
    version: i64,
    mentions: i64,
}

impl RecordRow {
    fn into_record(self, id: IssueId) -> Result<IssueRecord, sqlx::Error> {
        Ok(IssueRecord {
            id,
            title: self.title,
            description: Markdown::stored(
                self.description,
                self.description_html,
                self.html_renderer,
            ),
            supplier: SupplierName {
                id: SupplierId(self.supplier_id),
                name: self.supplier_name,
            },
            module: self.module_name,
            module_id: self.module_id.map(ModuleId),
            patient_safety: self.patient_safety != 0,
            status: parse_status(&self.status)?,
            target: self.target,
            duplicate_of: self.duplicate_of.map(IssueId),
            reporter: self.reporter_id.map(AccountId),
            reporter_name: self.display_name,
            affects: self.affects_count,
            awaiting_since: optional_time(self.awaiting_since)?,
            created_at: timestamp::from_db(&self.created_at)?,
            updated_at: timestamp::from_db(&self.updated_at)?,
            version: self.version,
            mentioned: self.mentions > 0,
        })
    }
}

pub async fn affects_and_follows(
    db: &Db,
    id: IssueId,
    account: AccountId,
) -> Result<(bool, bool), sqlx::Error> {
    let marks: Marks = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM issue_affects WHERE issue_id = $1 AND account_id = $2) AS affects, \
           (SELECT COUNT(*) FROM issue_followers WHERE issue_id = $1 AND account_id = $2) AS follows",
    )
    .bind(id.0)
    .bind(account.0)
    .fetch_one(db.reader())
    .await?;
    Ok((marks.affects > 0, marks.follows > 0))
}

#[derive(sqlx::FromRow)]
struct Marks {
    affects: i64,
    follows: i64,
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
