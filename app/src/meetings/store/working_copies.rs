//! Chairs' working copies of agenda items: what each one's editor autosaved, one per chair
//! and item, read by that chair alone.

use super::*;
use crate::meetings::types::WorkingCopy;

/// A working copy as typed (the fields are kept as they were, checked only for size).
pub struct WorkingCopyFields<'a> {
    pub base_version: i64,
    pub heading: &'a str,
    pub presenter: &'a str,
    pub visibility: &'a str,
    pub minutes: &'a str,
}

/// Keeps the chair's working copy of `item`, in place of their earlier one.
pub async fn keep_working_copy(
    tx: &mut Tx,
    item: AgendaItemId,
    chair: AccountId,
    fields: &WorkingCopyFields<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agenda_item_working_copies \
           (item_id, account_id, base_version, heading, presenter, visibility, minutes, \
            created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (item_id, account_id) DO UPDATE SET base_version = $3, heading = $4, \
           presenter = $5, visibility = $6, minutes = $7, updated_at = $8",
    )
    .bind(item)
    .bind(chair)
    .bind(fields.base_version)
    .bind(fields.heading)
    .bind(fields.presenter)
    .bind(fields.visibility)
    .bind(fields.minutes)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WorkingCopyRow {
    item_id: AgendaItemId,
    base_version: i64,
    heading: String,
    presenter: String,
    visibility: String,
    minutes: String,
    updated_at: String,
}

/// The chair's working copies of the meeting's items.
pub async fn working_copies(
    db: &Db,
    meeting: MeetingId,
    chair: AccountId,
) -> Result<Vec<WorkingCopy>, sqlx::Error> {
    let rows: Vec<WorkingCopyRow> = sqlx::query_as(
        "SELECT w.item_id, w.base_version, w.heading, w.presenter, w.visibility, w.minutes, \
           w.updated_at \
         FROM agenda_item_working_copies w JOIN agenda_items i ON i.id = w.item_id \
         WHERE i.meeting_id = $1 AND w.account_id = $2",
    )
    .bind(meeting)
    .bind(chair)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(WorkingCopy {
                item: row.item_id,
                base_version: row.base_version,
                heading: row.heading,
                presenter: row.presenter,
                visibility: row.visibility,
                minutes: row.minutes,
                saved_at: timestamp::from_db(&row.updated_at)?,
            })
        })
        .collect()
}

/// Forgets the chair's working copy of `item`; `false` if there was none.
pub async fn discard_working_copy(
    tx: &mut Tx,
    item: AgendaItemId,
    chair: AccountId,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query(
        "DELETE FROM agenda_item_working_copies WHERE item_id = $1 AND account_id = $2",
    )
    .bind(item)
    .bind(chair)
    .execute(&mut **tx)
    .await?;
    Ok(removed.rows_affected() == 1)
}
