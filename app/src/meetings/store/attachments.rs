//! Files attached to meetings and agenda items, kept in the database in chunks (of at most
//! `CHUNK_BYTES`) so that they are written and read a piece at a time. A file being written
//! is not `complete`, and nothing lists or serves it until it is.

use super::*;
use crate::meetings::types::{AttachmentId, AttachmentView};

/// The most one stored chunk holds.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// A complete attached file, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: AttachmentId,
    pub meeting_id: MeetingId,
    pub item_id: Option<AgendaItemId>,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub chunks: i64,
    pub created_at: String,
}

impl AttachmentRow {
    pub fn view(self) -> Result<AttachmentView, sqlx::Error> {
        let image = crate::domain::attachments::kind_by_type(&self.content_type)
            .is_some_and(|kind| kind.image);
        Ok(AttachmentView {
            id: self.id,
            item: self.item_id,
            file_name: self.file_name,
            size_bytes: self.size_bytes,
            image,
            uploaded_at: timestamp::from_db(&self.created_at)?,
        })
    }
}

const ATTACHMENT_COLUMNS: &str = "a.id, a.meeting_id, a.item_id, a.file_name, a.content_type, \
    a.size_bytes, a.sha256, \
    (SELECT COUNT(*) FROM attachment_chunks c WHERE c.attachment_id = a.id) AS chunks, \
    a.created_at";

/// Where a new file goes, and what it is.
pub struct NewAttachment<'a> {
    pub meeting: MeetingId,
    pub item: Option<AgendaItemId>,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub by: AccountId,
}

/// Starts a file: its row, not yet complete; `None` if the meeting, or the item on its
/// agenda, is not there (any more).
pub async fn begin_attachment(
    tx: &mut Tx,
    new: &NewAttachment<'_>,
    now: DateTime<Utc>,
) -> Result<Option<AttachmentId>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO attachments \
           (meeting_id, item_id, file_name, content_type, uploaded_by, created_at) \
         SELECT $1, $2, $3, $4, $5, $6 \
         WHERE EXISTS (SELECT 1 FROM meetings WHERE id = $1) \
           AND ($2 IS NULL \
             OR EXISTS (SELECT 1 FROM agenda_items WHERE id = $2 AND meeting_id = $1)) \
         RETURNING id",
    )
    .bind(new.meeting)
    .bind(new.item)
    .bind(new.file_name)
    .bind(new.content_type)
    .bind(new.by)
    .bind(timestamp::to_db(now))
    .fetch_optional(&mut **tx)
    .await
}

/// Writes the file's chunk number `seq` (from 0); `false` if the file is no longer being
/// written (its meeting or item was removed, or it was given up).
pub async fn add_chunk(
    tx: &mut Tx,
    attachment: AttachmentId,
    seq: i64,
    data: &[u8],
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO attachment_chunks (attachment_id, seq, data, created_at) \
         SELECT $1, $2, $3, $4 \
         WHERE EXISTS (SELECT 1 FROM attachments WHERE id = $1 AND complete = 0)",
    )
    .bind(attachment)
    .bind(seq)
    .bind(data)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Marks the file complete, with its size and SHA-256; `false` if it is gone (or its
/// meeting or item was removed meanwhile).
pub async fn finish_attachment(
    tx: &mut Tx,
    attachment: AttachmentId,
    size_bytes: i64,
    sha256: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE attachments SET complete = 1, size_bytes = $1, sha256 = $2 \
         WHERE id = $3 AND complete = 0",
    )
    .bind(size_bytes)
    .bind(sha256)
    .bind(attachment)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a file and its chunks; `false` if there was none.
pub async fn remove_attachment(tx: &mut Tx, attachment: AttachmentId) -> Result<bool, sqlx::Error> {
    // Chunks first: SQLite applies the cascade only with its foreign keys switched on.
    sqlx::query("DELETE FROM attachment_chunks WHERE attachment_id = $1")
        .bind(attachment)
        .execute(&mut **tx)
        .await?;
    let removed = sqlx::query("DELETE FROM attachments WHERE id = $1")
        .bind(attachment)
        .execute(&mut **tx)
        .await?;
    Ok(removed.rows_affected() == 1)
}

/// The files left incomplete with nothing written to them since `before` (an upload cut
/// off, a process stopped in the middle of one), for removal.
pub async fn abandoned_attachments(
    db: &Db,
    before: DateTime<Utc>,
) -> Result<Vec<AttachmentId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT a.id FROM attachments a WHERE a.complete = 0 AND a.created_at < $1 \
           AND NOT EXISTS (SELECT 1 FROM attachment_chunks c \
             WHERE c.attachment_id = a.id AND c.created_at >= $1)",
    )
    .bind(timestamp::to_db(before))
    .fetch_all(db.reader())
    .await
}

/// The meeting's complete files, in the order they were attached.
pub async fn attachments_of(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments a \
         WHERE a.meeting_id = $1 AND a.complete = 1 ORDER BY a.id"
    ))
    .bind(meeting)
    .fetch_all(db.reader())
    .await
}

/// One complete file, if it exists.
pub async fn attachment(
    db: &Db,
    attachment: AttachmentId,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments a WHERE a.id = $1 AND a.complete = 1"
    ))
    .bind(attachment)
    .fetch_optional(db.reader())
    .await
}

/// One complete file, inside a write.
pub async fn attachment_in(
    tx: &mut Tx,
    attachment: AttachmentId,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments a WHERE a.id = $1 AND a.complete = 1"
    ))
    .bind(attachment)
    .fetch_optional(&mut **tx)
    .await
}

#[derive(sqlx::FromRow)]
struct ChunkRow {
    data: Vec<u8>,
}

/// The file's chunk number `seq`, if it has one.
pub async fn chunk(
    db: &Db,
    attachment: AttachmentId,
    seq: i64,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<ChunkRow> =
        sqlx::query_as("SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND seq = $2")
            .bind(attachment)
            .bind(seq)
            .fetch_optional(db.reader())
            .await?;
    Ok(row.map(|row| row.data))
}
