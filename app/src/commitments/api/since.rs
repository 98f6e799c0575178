//! "Since the last meeting": what was promised, slipped, delivered, withdrawn or went overdue
//! since a meeting held (the latest the reader may see, unless they choose another), of that
//! meeting's supplier: the chair's preparation for the next one.

use leptos::prelude::*;

use crate::{commitments::types::since::SincePage, error::AppError};
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        store,
        types::{
            since::{Changed, FromMeeting, MEETING_KEY, SINCE_ROWS},
            MeetingId, SupplierId,
        },
    },
    db::timestamp,
    domain::{commitments::since::since, meetings::Audience, permissions::Permission},
    guard,
};

/// Meetings offered to count from: those held in the last few years, newest first.
#[cfg(feature = "ssr")]
const MEETINGS_OFFERED: i64 = 200;
#[cfg(feature = "ssr")]
const YEARS_OFFERED: i64 = 3;

/// What happened to the promises since the meeting the query names (`meeting`), or since the
/// latest one held that the reader may see.
#[server(prefix = "/api", endpoint = "commitments/since")]
pub async fn get_since(query: String) -> Result<SincePage, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let reading = super::Reading::of(&db, &viewer).await?;
    let meetings = meetings_held(&db, &viewer, &reading).await?;
    let chosen = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == MEETING_KEY)
        .and_then(|(_, value)| value.parse().ok().map(MeetingId));
    // A meeting named that is not among them answers as a missing one.
    let meeting = match chosen {
        Some(id) => Some(
            meetings
                .iter()
                .find(|(_, meeting)| meeting.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => meetings.first().cloned(),
    };
    let (changed, more) = match &meeting {
        Some((supplier, meeting)) => {
            changes_since(&db, &reading, *supplier, meeting.day, SINCE_ROWS).await?
        }
        None => (Vec::new(), false),
    };
    Ok(SincePage {
        meeting: meeting.map(|(_, meeting)| meeting),
        meetings: meetings.into_iter().map(|(_, meeting)| meeting).collect(),
        changed,
        more,
        today: reading.today,
    })
}

/// The meetings held that the reader may see (in the last few years, newest first), each
/// with its supplier: those of a supplier the reader may not see are none of theirs.
#[cfg(feature = "ssr")]
pub(crate) async fn meetings_held(
    db: &crate::db::Db,
    viewer: &crate::accounts::types::CurrentUser,
    reading: &super::Reading,
) -> Result<Vec<(Option<SupplierId>, FromMeeting)>, AppError> {
    let zone = crate::instance::store::settings(db).await?.zone();
    let now = crate::clock::now();
    let held = crate::meetings::store::feed_meetings(
        db,
        Audience::of(Some(viewer)),
        false,
        now - chrono::Duration::days(365 * YEARS_OFFERED),
        MEETINGS_OFFERED,
    )
    .await?;
    let mut meetings = Vec::new();
    for row in held {
        let starts = timestamp::from_db(&row.starts_at)?;
        let supplier_name = match row.supplier_id {
            Some(id) => match reading.suppliers.iter().find(|(known, _)| *known == id) {
                Some((_, name)) => Some(name.clone()),
                None => continue,
            },
            None => None,
        };
        if starts <= now {
            meetings.push((
                row.supplier_id,
                FromMeeting {
                    id: row.id,
                    title: row.title,
                    day: zone.clock(starts).date(),
                    supplier_name,
                },
            ));
        }
    }
    Ok(meetings)
}

/// At most `limit` of the promises the reader may see (of `supplier` alone, if given) that
/// something happened to from `from` on, with what; and whether there were more.
#[cfg(feature = "ssr")]
pub(crate) async fn changes_since(
    db: &crate::db::Db,
    reading: &super::Reading,
    supplier: Option<SupplierId>,
    from: chrono::NaiveDate,
    limit: i64,
) -> Result<(Vec<Changed>, bool), AppError> {
    let (rows, more) =
        store::changed_since(db, reading.scope, supplier, from, reading.today, limit).await?;
    let changed = rows
        .into_iter()
        .map(|(summary, ledger)| Changed {
            since: since(&ledger, from, reading.today),
            summary,
        })
        .filter(|changed| changed.since.any())
        .collect();
    Ok((changed, more))
}
