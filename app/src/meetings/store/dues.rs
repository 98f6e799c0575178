//! Actions recorded before their due words were read as a timeframe (`due_read` 0, set by
//! the migration that added the due days): read once, when the server starts, on their
//! meeting's day with the instance's quarter numbering as it is then.

use super::*;
use crate::{domain::action_due::due_window, meetings::types::ActionId};

#[derive(sqlx::FromRow)]
struct UnreadDue {
    id: ActionId,
    due_words: String,
    starts_at: String,
}

/// Actions read per write transaction.
const BATCH: i64 = 500;

/// Reads the due words of every action not yet read, a batch per short write transaction;
/// how many there were.
pub async fn read_unread_dues(db: &Db) -> Result<usize, sqlx::Error> {
    let settings = crate::instance::store::settings(db).await?;
    let mut read = 0;
    loop {
        let rows: Vec<UnreadDue> = sqlx::query_as(
            "SELECT a.id, a.due_words, m.starts_at FROM meeting_actions a \
             JOIN meetings m ON m.id = a.meeting_id WHERE a.due_read = 0 ORDER BY a.id LIMIT $1",
        )
        .bind(BATCH)
        .fetch_all(db.reader())
        .await?;
        if rows.is_empty() {
            return Ok(read);
        }
        let mut tx = db.begin_write().await?;
        for row in &rows {
            let said = settings
                .zone()
                .clock(timestamp::from_db(&row.starts_at)?)
                .date();
            let due = due_window(&row.due_words, said, settings.quarter_scheme());
            sqlx::query(
                "UPDATE meeting_actions SET due_first = $1, due_last = $2, due_read = 1 \
                 WHERE id = $3",
            )
            .bind(due.map(|due| due.first.to_string()))
            .bind(due.map(|due| due.last.to_string()))
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        read += rows.len();
    }
}
