//! The agenda: its items in order, each with its minutes.

use super::*;
use crate::domain::ids::ItemRef;

/// An agenda item as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: AgendaItemId,
    pub meeting_id: MeetingId,
    pub position: i64,
    pub heading: String,
    pub body: String,
    pub body_html: String,
    pub html_renderer: i64,
    pub presenter: String,
    pub visibility: String,
    pub version: i64,
}

impl ItemRow {
    pub fn visibility(&self) -> Result<Visibility, sqlx::Error> {
        visibility(&self.visibility)
    }

    pub fn minutes(&self) -> Markdown {
        Markdown::stored(
            self.body.clone(),
            self.body_html.clone(),
            self.html_renderer,
        )
    }
}

const ITEM_COLUMNS: &str = "id, meeting_id, position, heading, body, body_html, html_renderer, \
    presenter, visibility, version";

/// The meeting's agenda, in order.
pub async fn items(db: &Db, meeting: MeetingId) -> Result<Vec<ItemRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id"
    ))
    .bind(meeting)
    .fetch_all(db.reader())
    .await
}

/// One agenda item, if it exists.
pub async fn item(db: &Db, item: AgendaItemId) -> Result<Option<ItemRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items WHERE id = $1"
    ))
    .bind(item)
    .fetch_optional(db.reader())
    .await
}

/// One agenda item, inside a write.
pub async fn item_in(tx: &mut Tx, item: AgendaItemId) -> Result<Option<ItemRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items WHERE id = $1"
    ))
    .bind(item)
    .fetch_optional(&mut **tx)
    .await
}

/// What an agenda item's form sends, checked; the minutes rendered.
pub struct ItemFields<'a> {
    pub heading: &'a str,
    pub presenter: &'a str,
    pub visibility: Visibility,
    pub minutes: &'a Markdown,
}

/// Adds an item at the end of the meeting's agenda.
pub async fn add_item(
    tx: &mut Tx,
    meeting: MeetingId,
    fields: ItemFields<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<AgendaItemId, sqlx::Error> {
    let at = timestamp::to_db(now);
    let id = sqlx::query_scalar(
        "INSERT INTO agenda_items (meeting_id, position, heading, body, body_html, \
           html_renderer, presenter, visibility, created_at, updated_at) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items \
           WHERE meeting_id = $1), $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(meeting)
    .bind(fields.heading)
    .bind(fields.minutes.source())
    .bind(fields.minutes.html().as_str())
    .bind(crate::markdown::render::VERSION)
    .bind(fields.presenter)
    .bind(fields.visibility.as_str())
    .bind(&at)
    .fetch_one(&mut **tx)
    .await?;
    record_mentions(tx, id, fields.minutes, now).await?;
    super::revisions::snapshot(tx, id, by, now).await?;
    touch(tx, meeting, now).await?;
    Ok(id)
}

/// Keeps the records the item's minutes name (`crate::mentions`); log numbers are looked up
/// among the meeting's supplier's issues.
async fn record_mentions(
    tx: &mut Tx,
    item: AgendaItemId,
    minutes: &Markdown,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let references = crate::markdown::render::references_in(minutes.source());
    let supplier: Option<SupplierId> = sqlx::query_scalar(
        "SELECT m.supplier_id FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id \
         WHERE i.id = $1",
    )
    .bind(item)
    .fetch_one(&mut **tx)
    .await?;
    crate::mentions::record(tx, ItemRef::AgendaItem(item), &references, supplier, now).await
}

/// Saves an item if it is still at `version` (`false` if someone saved it since); in
/// published minutes the save is a new revision.
pub async fn update_item(
    tx: &mut Tx,
    item: &ItemRow,
    version: i64,
    fields: ItemFields<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE agenda_items SET heading = $1, body = $2, body_html = $3, html_renderer = $4, \
           presenter = $5, visibility = $6, updated_at = $7, version = version + 1 \
         WHERE id = $8 AND version = $9",
    )
    .bind(fields.heading)
    .bind(fields.minutes.source())
    .bind(fields.minutes.html().as_str())
    .bind(crate::markdown::render::VERSION)
    .bind(fields.presenter)
    .bind(fields.visibility.as_str())
    .bind(timestamp::to_db(now))
    .bind(item.id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    record_mentions(tx, item.id, fields.minutes, now).await?;
    // A revision is a change of what the minutes say, not of who presented or may read them.
    if fields.heading != item.heading || fields.minutes.source() != item.body {
        super::revisions::snapshot(tx, item.id, by, now).await?;
    }
    // The meeting moves on too, so publishing from a page loaded before this save is refused.
    touch(tx, item.meeting_id, now).await?;
    Ok(true)
}

/// Moves an item one place up or down its agenda by swapping it with its neighbour; `false`
/// if it is already first (or last).
pub async fn move_item(
    tx: &mut Tx,
    item: &ItemRow,
    up: bool,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let neighbour: Option<NeighbourRow> = sqlx::query_as(if up {
        "SELECT id, position FROM agenda_items WHERE meeting_id = $1 AND position < $2 \
         ORDER BY position DESC LIMIT 1"
    } else {
        "SELECT id, position FROM agenda_items WHERE meeting_id = $1 AND position > $2 \
         ORDER BY position ASC LIMIT 1"
    })
    .bind(item.meeting_id)
    .bind(item.position)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(neighbour) = neighbour else {
        return Ok(false);
    };
    for (id, position) in [(item.id, neighbour.position), (neighbour.id, item.position)] {
        sqlx::query("UPDATE agenda_items SET position = $1 WHERE id = $2")
            .bind(position)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    touch(tx, item.meeting_id, now).await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct NeighbourRow {
    id: AgendaItemId,
    position: i64,
}

/// Takes an item off the agenda if it is still at `version`.
pub async fn remove_item(
    tx: &mut Tx,
    item: &ItemRow,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query("DELETE FROM agenda_items WHERE id = $1 AND version = $2")
        .bind(item.id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    if removed.rows_affected() != 1 {
        return Ok(false);
    }
    crate::mentions::forget(tx, ItemRef::AgendaItem(item.id)).await?;
    touch(tx, item.meeting_id, now).await?;
    Ok(true)
}

/// A published agenda item that names an issue, with what deciding who may see it needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DiscussionRow {
    pub meeting_id: MeetingId,
    pub title: String,
    pub kind: String,
    pub starts_at: String,
    pub meeting_visibility: String,
    pub supplier_id: Option<SupplierId>,
    pub item_id: AgendaItemId,
    pub item_visibility: String,
}

/// The agenda items of published minutes that name `target` in their text or, for an issue,
/// link it, by meeting date.
pub async fn discussions_of(
    db: &Db,
    target: crate::domain::ids::ItemRef,
) -> Result<Vec<DiscussionRow>, sqlx::Error> {
    let (kind, id) = target.stored();
    sqlx::query_as(
        "SELECT m.id AS meeting_id, m.title, m.kind, m.starts_at, \
           m.visibility AS meeting_visibility, m.supplier_id, i.id AS item_id, \
           i.visibility AS item_visibility \
         FROM (SELECT n.source_id AS item_id FROM mentions n \
               WHERE n.target_kind = $1 AND n.target_id = $2 \
                 AND n.source_kind = 'agenda_item' \
               UNION SELECT l.item_id FROM agenda_item_issues l \
                 WHERE $1 = 'issue' AND l.issue_id = $2) d \
           JOIN agenda_items i ON i.id = d.item_id \
           JOIN meetings m ON m.id = i.meeting_id \
         WHERE m.status = 'published' \
         ORDER BY m.starts_at, i.position",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(db.reader())
    .await
}
