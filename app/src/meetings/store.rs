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
pub async fn series_names(db: &Db) -> Result<Vec<SeriesName>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM meeting_series ORDER BY name")
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
    Ok(changed.rows_affected() == 1)
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
           a.display_name AS publisher, m.version \
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
    touch(tx, meeting, now).await?;
    Ok(id)
}

/// Saves an item if it is still at `version` (`false` if someone saved it since).
pub async fn update_item(
    tx: &mut Tx,
    item: &ItemRow,
    version: i64,
    fields: ItemFields<'_>,
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
    Ok(changed.rows_affected() == 1)
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
    touch(tx, item.meeting_id, now).await?;
    Ok(true)
}

/// Which meetings the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub kind: Option<MeetingKind>,
    pub series: Option<MeetingSeriesId>,
    /// Past meetings before this one (the list's next page).
    pub before: Option<MeetingId>,
}

/// Meetings on one page of the past.
pub const PAST_PAGE: i64 = 50;
/// Upcoming meetings shown at most (there are seldom more than a few).
const UPCOMING_SHOWN: i64 = 50;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: MeetingId,
    title: String,
    kind: String,
    series_name: Option<String>,
    starts_at: String,
    supplier_id: Option<SupplierId>,
    supplier_name: Option<String>,
    visibility: String,
    status: String,
}

/// The meetings `audience` may see that `filter` matches: those still to come (soonest
/// first), and a page of those past (newest first, continued before its last).
pub async fn list(
    db: &Db,
    audience: Audience,
    filter: &ListFilter,
    now: DateTime<Utc>,
) -> Result<(Vec<MeetingSummary>, Page<MeetingSummary>), sqlx::Error> {
    let now = timestamp::to_db(now);
    let upcoming = summaries(db, audience, filter, &now, true, UPCOMING_SHOWN).await?;
    let past = summaries(db, audience, filter, &now, false, PAST_PAGE + 1).await?;
    let past = Page::of_one_more(past, PAST_PAGE, |meeting| meeting.id.0);
    Ok((upcoming, past))
}

async fn summaries(
    db: &Db,
    audience: Audience,
    filter: &ListFilter,
    now: &str,
    upcoming: bool,
    limit: i64,
) -> Result<Vec<MeetingSummary>, sqlx::Error> {
    let mut query = ListQuery::default();
    if let Some(visible) = audience.condition("m", |supplier| query.int(supplier.0)) {
        query.condition(visible);
    }
    if let Some(kind) = filter.kind {
        let placeholder = query.text(kind.as_str());
        query.condition(format!("m.kind = {placeholder}"));
    }
    if let Some(series) = filter.series {
        let placeholder = query.int(series.0);
        query.condition(format!("m.series_id = {placeholder}"));
    }
    let now = query.text(now);
    let order = if upcoming {
        query.condition(format!("m.starts_at >= {now}"));
        "m.starts_at ASC, m.id ASC"
    } else {
        query.condition(format!("m.starts_at < {now}"));
        if let Some(before) = filter.before {
            // The meeting to continue before is read under the same visibility, so one the
            // viewer may not see places the page as a missing one does: not at all.
            let before = query.int(before.0);
            let seen = audience
                .condition("b", |supplier| query.int(supplier.0))
                .map(|condition| format!(" AND {condition}"))
                .unwrap_or_default();
            query.condition(format!(
                "(m.starts_at, m.id) < (SELECT b.starts_at, b.id FROM meetings b \
                 WHERE b.id = {before}{seen})"
            ));
        }
        "m.starts_at DESC, m.id DESC"
    };
    let limit = query.int(limit);
    let sql = format!(
        "SELECT m.id, m.title, m.kind, s.name AS series_name, m.starts_at, m.supplier_id, \
           p.name AS supplier_name, m.visibility, m.status \
         FROM meetings m LEFT JOIN meeting_series s ON s.id = m.series_id \
           LEFT JOIN suppliers p ON p.id = m.supplier_id{} ORDER BY {order} LIMIT {limit}",
        query.where_clause()
    );
    let rows: Vec<SummaryRow> = query
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(db.reader())
        .await?;
    let mut meetings = Vec::with_capacity(rows.len());
    let mut suppliers = Vec::with_capacity(rows.len());
    for row in rows {
        suppliers.push(row.supplier_id);
        meetings.push(MeetingSummary {
            id: row.id,
            title: row.title,
            kind: kind(&row.kind)?,
            series: row.series_name,
            starts_at: timestamp::from_db(&row.starts_at)?,
            supplier: row.supplier_name,
            visibility: visibility(&row.visibility)?,
            status: status(&row.status)?,
            items: 0,
        });
    }
    count_items(db, audience, &mut meetings, &suppliers).await?;
    Ok(meetings)
}

#[derive(sqlx::FromRow)]
struct ItemCount {
    meeting_id: MeetingId,
    visibility: String,
    items: i64,
}

/// Fills in how many agenda items of each meeting `audience` sees (`suppliers` are the
/// meetings' suppliers, in the same order).
async fn count_items(
    db: &Db,
    audience: Audience,
    meetings: &mut [MeetingSummary],
    suppliers: &[Option<SupplierId>],
) -> Result<(), sqlx::Error> {
    const AT_ONCE: usize = 25;
    for (chunk, chunk_suppliers) in meetings.chunks_mut(AT_ONCE).zip(suppliers.chunks(AT_ONCE)) {
        let mut query = ListQuery::default();
        let ids: Vec<String> = chunk
            .iter()
            .map(|meeting| query.int(meeting.id.0))
            .collect();
        let sql = format!(
            "SELECT meeting_id, visibility, COUNT(*) AS items FROM agenda_items \
             WHERE meeting_id IN ({}) GROUP BY meeting_id, visibility",
            ids.join(", ")
        );
        let counts: Vec<ItemCount> = query
            .bind_all(sqlx::query_as(&sql))
            .fetch_all(db.reader())
            .await?;
        for count in counts {
            let item = visibility(&count.visibility)?;
            let Some(at) = chunk
                .iter()
                .position(|meeting| meeting.id == count.meeting_id)
            else {
                continue;
            };
            let meeting = &mut chunk[at];
            if audience.sees_item(meeting.visibility, item, chunk_suppliers[at]) {
                meeting.items += count.items;
            }
        }
    }
    Ok(())
}
