//! The issues an agenda item discussed, as the chair picked them from a search (its minutes
//! may also name issues in their text: `crate::mentions`).

use super::*;
use crate::domain::ids::IssueId;

/// An issue a chair may link, as a search finds it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FoundIssueRow {
    pub id: IssueId,
    pub title: String,
    pub status: String,
}

/// At most ten issues for a chair to link: the one numbered `text` ("12", "#12"), those
/// holding it as a log number, or those whose title or description holds it, newest first.
pub async fn find_issues(db: &Db, text: &str) -> Result<Vec<FoundIssueRow>, sqlx::Error> {
    const COLUMNS: &str = "SELECT i.id, i.title, i.status FROM issues i";
    if let Some(id) = IssueId::parse(text) {
        return sqlx::query_as(&format!("{COLUMNS} WHERE i.id = $1"))
            .bind(id)
            .fetch_all(db.reader())
            .await;
    }
    if let Ok(number) = crate::domain::log_number::LogNumber::parse(text) {
        let found: Vec<FoundIssueRow> = sqlx::query_as(&format!(
            "{COLUMNS} WHERE i.id IN \
               (SELECT l.issue_id FROM issue_log_numbers l WHERE l.log_number = $1) \
             ORDER BY i.id DESC LIMIT 10"
        ))
        .bind(number.as_str())
        .fetch_all(db.reader())
        .await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let pattern = format!("%{}%", crate::db::query::escape_like(&text.to_lowercase()));
    sqlx::query_as(&format!(
        "{COLUMNS} WHERE i.search_text LIKE $1 ESCAPE '\\' ORDER BY i.id DESC LIMIT 10"
    ))
    .bind(pattern)
    .fetch_all(db.reader())
    .await
}

/// Whether `issue` exists, inside a write.
pub async fn issue_exists_in(tx: &mut Tx, issue: IssueId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM issues WHERE id = $1")
        .bind(issue)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// Links `issue` to `item`; `false` if it was already linked.
pub async fn link_issue(
    tx: &mut Tx,
    item: AgendaItemId,
    issue: IssueId,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO agenda_item_issues (item_id, issue_id, linked_by, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(item)
    .bind(issue)
    .bind(by)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Unlinks `issue` from `item`; `false` if it was not linked.
pub async fn unlink_issue(
    tx: &mut Tx,
    item: AgendaItemId,
    issue: IssueId,
) -> Result<bool, sqlx::Error> {
    let removed =
        sqlx::query("DELETE FROM agenda_item_issues WHERE item_id = $1 AND issue_id = $2")
            .bind(item)
            .bind(issue)
            .execute(&mut **tx)
            .await?;
    Ok(removed.rows_affected() == 1)
}

/// An issue linked to one of a meeting's items, with what its readers are shown of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedIssueRow {
    pub item_id: AgendaItemId,
    pub issue_id: IssueId,
    pub title: String,
    pub status: String,
    pub supplier_id: SupplierId,
}

/// The issues linked to the meeting's items, by item and issue number.
pub async fn linked_issues(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<LinkedIssueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.item_id, l.issue_id, s.title, s.status, s.supplier_id \
         FROM agenda_item_issues l JOIN agenda_items i ON i.id = l.item_id \
           JOIN issues s ON s.id = l.issue_id \
         WHERE i.meeting_id = $1 ORDER BY l.item_id, l.issue_id",
    )
    .bind(meeting)
    .fetch_all(db.reader())
    .await
}
