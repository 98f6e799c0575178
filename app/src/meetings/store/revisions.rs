//! Revisions of published minutes: each agenda item's text as published and after every later
//! save. Written by the operations that publish or save (`snapshot`), never changed after.

use std::collections::HashMap;

use super::*;

/// Adds the item's text as it is now as its next revision, if its meeting's minutes are
/// published (a draft has no revisions).
pub(super) async fn snapshot(
    tx: &mut Tx,
    item: AgendaItemId,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agenda_item_revisions (agenda_item_id, number, heading, body, body_html, \
           html_renderer, revised_by, created_at) \
         SELECT i.id, (SELECT COALESCE(MAX(r.number), 0) + 1 FROM agenda_item_revisions r \
             WHERE r.agenda_item_id = i.id), \
           i.heading, i.body, i.body_html, i.html_renderer, $2, $3 \
         FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id \
         WHERE i.id = $1 AND m.status = 'published'",
    )
    .bind(item)
    .bind(by)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Each item's first revision: the minutes as published.
pub(super) async fn snapshot_meeting(
    tx: &mut Tx,
    meeting: MeetingId,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let items: Vec<AgendaItemId> =
        sqlx::query_scalar("SELECT id FROM agenda_items WHERE meeting_id = $1 ORDER BY id")
            .bind(meeting)
            .fetch_all(&mut **tx)
            .await?;
    for item in items {
        snapshot(tx, item, by, now).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MarkRow {
    agenda_item_id: AgendaItemId,
    revisions: i64,
    last_at: String,
}

/// For each item of the meeting with revisions: how many, and when the last was made.
pub async fn revision_marks(
    db: &Db,
    meeting: MeetingId,
) -> Result<HashMap<AgendaItemId, (i64, DateTime<Utc>)>, sqlx::Error> {
    let rows: Vec<MarkRow> = sqlx::query_as(
        "SELECT r.agenda_item_id, COUNT(*) AS revisions, MAX(r.created_at) AS last_at \
         FROM agenda_item_revisions r JOIN agenda_items i ON i.id = r.agenda_item_id \
         WHERE i.meeting_id = $1 GROUP BY r.agenda_item_id",
    )
    .bind(meeting)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                row.agenda_item_id,
                (row.revisions, timestamp::from_db(&row.last_at)?),
            ))
        })
        .collect()
}

/// One revision of an item, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRow {
    pub number: i64,
    pub heading: String,
    pub body: String,
    pub body_html: String,
    pub html_renderer: i64,
    pub revised_by: Option<String>,
    pub created_at: String,
}

impl RevisionRow {
    pub fn minutes(&self) -> Markdown {
        Markdown::stored(
            self.body.clone(),
            self.body_html.clone(),
            self.html_renderer,
        )
    }
}

/// Every revision of the item, oldest first.
pub async fn revisions(db: &Db, item: AgendaItemId) -> Result<Vec<RevisionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.number, r.heading, r.body, r.body_html, r.html_renderer, \
           a.display_name AS revised_by, r.created_at \
         FROM agenda_item_revisions r LEFT JOIN accounts a ON a.id = r.revised_by \
         WHERE r.agenda_item_id = $1 ORDER BY r.number",
    )
    .bind(item)
    .fetch_all(db.reader())
    .await
}
