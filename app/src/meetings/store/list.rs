//! The meetings list: what an audience may see, upcoming and a page of the past, with how
//! many agenda items of each it sees.

use super::*;

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
            if audience.sees_item(
                meeting.status,
                meeting.visibility,
                item,
                chunk_suppliers[at],
            ) {
                meeting.items += count.items;
            }
        }
    }
    Ok(())
}
