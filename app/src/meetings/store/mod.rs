//! SQL for meetings: series, meetings, their attendees and agenda items. Operations that
//! write take the transaction and make the whole change in it; visibility is decided by the
//! caller with `domain::meetings::Audience`, whose SQL condition the list reads with.

use chrono::{DateTime, Utc};

use crate::{
    db::{page::Page, query::ListQuery, timestamp, Db, Tx},
    domain::{
        ids::{AccountId, SupplierId},
        meetings::{Audience, MeetingKind, MinutesStatus, Visibility},
    },
    markdown::Markdown,
    meetings::types::{
        AgendaItemId, Attendee, AttendeeId, MeetingDetails, MeetingId, MeetingKind as Kind,
        MeetingSeriesId, MeetingSummary, SeriesName,
    },
    suppliers::types::SupplierName,
};

mod agenda;
mod attachments;
mod dues;
mod feeds;
mod imports;
mod links;
mod list;
mod outcomes;
mod revisions;
mod working_copies;

pub use agenda::*;
pub use attachments::*;
pub use dues::*;
pub use feeds::*;
pub use imports::*;
pub use links::*;
pub use list::*;
pub use outcomes::*;
pub use revisions::*;
pub use working_copies::*;

fn decode_error(what: String) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected {what} in the database").into())
}

fn kind(text: &str) -> Result<MeetingKind, sqlx::Error> {
    Kind::parse(text).ok_or_else(|| decode_error(format!("meeting kind {text}")))
}

fn visibility(text: &str) -> Result<Visibility, sqlx::Error> {
    Visibility::parse(text).ok_or_else(|| decode_error(format!("visibility {text}")))
}

fn status(text: &str) -> Result<MinutesStatus, sqlx::Error> {
    MinutesStatus::parse(text).ok_or_else(|| decode_error(format!("minutes status {text}")))
}

/// Every series, by name.
/// The series `audience` may know of, by name: those with a meeting it may see (every
/// series, for the committee).
pub async fn series_names(db: &Db, audience: Audience) -> Result<Vec<SeriesName>, sqlx::Error> {
    let mut query = ListQuery::default();
    if let Some(visible) = audience.condition("m", |supplier| query.int(supplier.0)) {
        query.condition(format!(
            "EXISTS (SELECT 1 FROM meetings m WHERE m.series_id = s.id AND {visible})"
        ));
    }
    let sql = format!(
        "SELECT s.id, s.name FROM meeting_series s{} ORDER BY s.name",
        query.where_clause()
    );
    query
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(db.reader())
        .await
}

/// The series named `name` (compared without regard to case), if there is one.
pub async fn series_named(tx: &mut Tx, name: &str) -> Result<Option<MeetingSeriesId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM meeting_series WHERE LOWER(name) = LOWER($1)")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await
}

/// Whether a series exists.
pub async fn has_series(tx: &mut Tx, id: MeetingSeriesId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM meeting_series WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// Starts a series of meetings of `kind` (with `supplier`, for watchdog meetings).
pub async fn create_series(
    tx: &mut Tx,
    name: &str,
    kind: MeetingKind,
    supplier: Option<SupplierId>,
    now: DateTime<Utc>,
) -> Result<MeetingSeriesId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO meeting_series (name, kind, supplier_id, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(kind.as_str())
    .bind(supplier)
    .bind(timestamp::to_db(now))
    .fetch_one(&mut **tx)
    .await
}

/// Schedules a meeting, its minutes a draft.
pub async fn create(
    tx: &mut Tx,
    details: &MeetingDetails,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<MeetingId, sqlx::Error> {
    let at = timestamp::to_db(now);
    sqlx::query_scalar(
        "INSERT INTO meetings (series_id, title, kind, starts_at, duration_minutes, place, \
           online_link, supplier_id, visibility, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(details.series)
    .bind(&details.title)
    .bind(details.kind.as_str())
    .bind(timestamp::to_db(details.starts_at))
    .bind(details.duration_minutes)
    .bind(&details.place)
    .bind(&details.online_link)
    .bind(details.supplier)
    .bind(details.visibility.as_str())
    .bind(by)
    .bind(&at)
    .fetch_one(&mut **tx)
    .await
}

/// Saves a meeting's details if it is still at `version` (`false` if it changed since).
pub async fn update(
    tx: &mut Tx,
    id: MeetingId,
    version: i64,
    details: &MeetingDetails,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE meetings SET series_id = $1, title = $2, kind = $3, starts_at = $4, \
           duration_minutes = $5, place = $6, online_link = $7, supplier_id = $8, \
           visibility = $9, updated_at = $10, version = version + 1 \
         WHERE id = $11 AND version = $12",
    )
    .bind(details.series)
    .bind(&details.title)
    .bind(details.kind.as_str())
    .bind(timestamp::to_db(details.starts_at))
    .bind(details.duration_minutes)
    .bind(&details.place)
    .bind(&details.online_link)
    .bind(details.supplier)
    .bind(details.visibility.as_str())
    .bind(timestamp::to_db(now))
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Publishes a meeting's minutes if it is still at `version` and a draft.
pub async fn publish(
    tx: &mut Tx,
    id: MeetingId,
    version: i64,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let changed = sqlx::query(
        "UPDATE meetings SET status = 'published', published_at = $1, published_by = $2, \
           updated_at = $1, version = version + 1 \
         WHERE id = $3 AND version = $4 AND status = 'draft'",
    )
    .bind(&at)
    .bind(by)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    revisions::snapshot_meeting(tx, id, by, now).await?;
    Ok(true)
}

/// Marks a meeting changed (its agenda or attendees): its version moves, so a form loaded
/// before the change is refused.
pub async fn touch(tx: &mut Tx, id: MeetingId, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE meetings SET updated_at = $1, version = version + 1 WHERE id = $2")
        .bind(timestamp::to_db(now))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A meeting as stored, with what deciding who may see it needs.
#[derive(Debug, Clone)]
pub struct MeetingRecord {
    pub id: MeetingId,
    pub title: String,
    pub kind: MeetingKind,
    pub series: Option<SeriesName>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub place: String,
    pub online_link: String,
    pub supplier: Option<SupplierName>,
    pub visibility: Visibility,
    pub status: MinutesStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<String>,
    pub version: i64,
    /// How many complete files are attached to it and its items.
    pub files: i64,
    /// How many issues its items link.
    pub linked_issues: i64,
    /// How many commitments were made at it.
    pub commitments: i64,
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    title: String,
    kind: String,
    series_id: Option<MeetingSeriesId>,
    series_name: Option<String>,
    starts_at: String,
    duration_minutes: i64,
    place: String,
    online_link: String,
    supplier_id: Option<SupplierId>,
    supplier_name: Option<String>,
    visibility: String,
    status: String,
    published_at: Option<String>,
    publisher: Option<String>,
    version: i64,
    files: i64,
    linked_issues: i64,
    commitments: i64,
}

/// The meeting `id`, if it exists (whoever may see it).
pub async fn record(db: &Db, id: MeetingId) -> Result<Option<MeetingRecord>, sqlx::Error> {
    read_record(db.reader(), id).await
}

/// As `record`, inside a write.
pub async fn record_in(tx: &mut Tx, id: MeetingId) -> Result<Option<MeetingRecord>, sqlx::Error> {
    read_record(&mut **tx, id).await
}

async fn read_record<'e, E>(
    executor: E,
    id: MeetingId,
) -> Result<Option<MeetingRecord>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row: Option<RecordRow> = sqlx::query_as(
        "SELECT m.title, m.kind, m.series_id, s.name AS series_name, m.starts_at, \
           m.duration_minutes, m.place, m.online_link, m.supplier_id, \
           p.name AS supplier_name, m.visibility, m.status, m.published_at, \
           a.display_name AS publisher, m.version, \
           (SELECT COUNT(*) FROM attachments f \
             WHERE f.meeting_id = m.id AND f.complete = 1) AS files, \
           (SELECT COUNT(*) FROM agenda_item_issues l \
             JOIN agenda_items i ON i.id = l.item_id WHERE i.meeting_id = m.id) AS linked_issues, \
           (SELECT COUNT(*) FROM commitments c WHERE c.meeting_id = m.id) AS commitments \
         FROM meetings m LEFT JOIN meeting_series s ON s.id = m.series_id \
           LEFT JOIN suppliers p ON p.id = m.supplier_id \
           LEFT JOIN accounts a ON a.id = m.published_by \
         WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(MeetingRecord {
        id,
        title: row.title,
        kind: kind(&row.kind)?,
        series: row
            .series_id
            .zip(row.series_name)
            .map(|(id, name)| SeriesName { id, name }),
        starts_at: timestamp::from_db(&row.starts_at)?,
        duration_minutes: row.duration_minutes,
        place: row.place,
        online_link: row.online_link,
        supplier: row
            .supplier_id
            .zip(row.supplier_name)
            .map(|(id, name)| SupplierName { id, name }),
        visibility: visibility(&row.visibility)?,
        status: status(&row.status)?,
        published_at: row
            .published_at
            .as_deref()
            .map(timestamp::from_db)
            .transpose()?,
        published_by: row.publisher,
        version: row.version,
        files: row.files,
        linked_issues: row.linked_issues,
        commitments: row.commitments,
    }))
}

#[derive(sqlx::FromRow)]
struct AttendeeRow {
    id: AttendeeId,
    name: String,
    role: String,
    organisation: String,
    apologies: i64,
}

/// Who attended the meeting and who sent apologies, in the order they were added.
pub async fn attendees(db: &Db, meeting: MeetingId) -> Result<Vec<Attendee>, sqlx::Error> {
    let rows: Vec<AttendeeRow> = sqlx::query_as(
        "SELECT id, name, role, organisation, apologies FROM meeting_attendees \
         WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Attendee {
            id: row.id,
            name: row.name,
            role: row.role,
            organisation: row.organisation,
            apologies: row.apologies != 0,
        })
        .collect())
}

/// Adds someone to the meeting's attendees (or apologies).
pub async fn add_attendee(
    tx: &mut Tx,
    meeting: MeetingId,
    attendee: &Attendee,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO meeting_attendees (meeting_id, name, role, organisation, apologies, \
           created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(meeting)
    .bind(&attendee.name)
    .bind(&attendee.role)
    .bind(&attendee.organisation)
    .bind(i64::from(attendee.apologies))
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    touch(tx, meeting, now).await
}

/// Takes someone off the meeting's attendees; `false` if they were not on them.
pub async fn remove_attendee(
    tx: &mut Tx,
    meeting: MeetingId,
    attendee: AttendeeId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query("DELETE FROM meeting_attendees WHERE id = $1 AND meeting_id = $2")
        .bind(attendee)
        .bind(meeting)
        .execute(&mut **tx)
        .await?;
    if removed.rows_affected() != 1 {
        return Ok(false);
    }
    touch(tx, meeting, now).await?;
    Ok(true)
}

/// Whether a commitment of a supplier in `scope` was promised at one of `items` (the agenda
/// items of a meeting its reader may read), for the meeting page's link to them.
pub async fn promises_made_at(
    db: &Db,
    items: &[AgendaItemId],
    scope: crate::domain::permissions::SupplierScope,
) -> Result<bool, sqlx::Error> {
    if items.is_empty() {
        return Ok(false);
    }
    let mut query = ListQuery::default();
    let ids: Vec<String> = items.iter().map(|item| query.int(item.0)).collect();
    query.condition(format!("c.agenda_item_id IN ({})", ids.join(", ")));
    if let Some(own) =
        scope.condition(|supplier| format!("c.supplier_id = {}", query.int(supplier.0)))
    {
        query.condition(own);
    }
    let found: Option<i64> = query
        .bind_all(sqlx::query_scalar(&format!(
            "SELECT 1 FROM commitments c{} LIMIT 1",
            query.where_clause()
        )))
        .fetch_optional(db.reader())
        .await?;
    Ok(found.is_some())
}
