//! Server functions for meetings: the list and a meeting's page (anyone, each meeting and
//! item at its visibility), and for the committee scheduling meetings, their attendees and
//! agenda, and publishing the minutes. A meeting someone may not see answers as a missing one.

use leptos::prelude::*;

mod agenda;
mod details;

pub use agenda::*;
pub use details::*;

#[cfg(feature = "ssr")]
use crate::{
    db::Tx,
    domain::{meetings::Audience, permissions::Permission},
    error::FormErrors,
    guard,
    markdown::{check_size, Markdown},
    meetings::{
        store::{self, ItemFields, ListFilter, MeetingRecord},
        types::{
            parse_duration, parse_link, parse_short, parse_title, AgendaItemView, Attendee,
            MeetingDetails, MeetingKind, MeetingSeriesId, Visibility,
        },
    },
    suppliers,
};
use crate::{
    error::AppError,
    meetings::types::{
        AgendaItemId, AttendeeId, MeetingChoices, MeetingId, MeetingView, MeetingsList,
    },
};

/// Anyone: the meetings they may see, for the list URL's query (`kind`, `series`, `before`).
#[server(prefix = "/api", endpoint = "meetings")]
pub async fn get_meetings(query: String) -> Result<MeetingsList, AppError> {
    let viewer = guard::current_user();
    let audience = Audience::of(viewer.as_ref());
    let db = crate::db::use_db()?;
    let mut filter = ListFilter::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "kind" => filter.kind = MeetingKind::parse(&value),
            "series" => filter.series = value.parse().ok().map(MeetingSeriesId),
            "before" => filter.before = value.parse().ok().map(MeetingId),
            _ => {}
        }
    }
    let (upcoming, past) = store::list(&db, audience, &filter, chrono::Utc::now()).await?;
    Ok(MeetingsList {
        upcoming,
        past: past.rows,
        older: past.next.map(MeetingId),
        series: store::series_names(&db, audience).await?,
        may_manage: audience == Audience::Committee,
    })
}

/// Anyone: a meeting with the parts of it they may see; a meeting they may not see answers
/// as a missing one.
#[server(prefix = "/api", endpoint = "meeting")]
pub async fn get_meeting(meeting: MeetingId) -> Result<MeetingView, AppError> {
    let viewer = guard::current_user();
    let audience = Audience::of(viewer.as_ref());
    let db = crate::db::use_db()?;
    let record = visible(&db, audience, meeting).await?;
    let may_manage = audience == Audience::Committee;
    let supplier = record.supplier.as_ref().map(|supplier| supplier.id);
    let mut items = Vec::new();
    let mut withheld = 0;
    // Unpublished minutes are not shown at all, so nothing is said to be withheld from them.
    let rows = if audience.reads_minutes(record.status) {
        store::items(&db, meeting).await?
    } else {
        Vec::new()
    };
    // An item keeps its number on the full agenda, so everyone quotes the same numbers.
    for (number, row) in rows.into_iter().enumerate() {
        let visibility = row.visibility()?;
        if !audience.sees_item(record.status, record.visibility, visibility, supplier) {
            withheld += 1;
            continue;
        }
        let minutes = row.minutes();
        items.push(AgendaItemView {
            id: row.id,
            number: i64::try_from(number).unwrap_or(0) + 1,
            heading: row.heading,
            presenter: row.presenter,
            visibility,
            source: may_manage.then(|| minutes.source().to_owned()),
            minutes: minutes.into_html(),
            version: row.version,
        });
    }
    Ok(MeetingView {
        id: record.id,
        title: record.title,
        kind: record.kind,
        series: record.series,
        starts_at: record.starts_at,
        duration_minutes: record.duration_minutes,
        place: record.place,
        online_link: record.online_link,
        supplier: record.supplier,
        visibility: record.visibility,
        status: record.status,
        published_at: record.published_at,
        published_by: record.published_by,
        attendees: store::attendees(&db, meeting).await?,
        items,
        withheld,
        version: record.version,
        may_manage,
    })
}

/// The committee: the suppliers and series the meeting form offers.
#[server(prefix = "/api", endpoint = "meetings/choices")]
pub async fn get_meeting_choices() -> Result<MeetingChoices, AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    Ok(MeetingChoices {
        suppliers: suppliers::store::names(&db).await?.suppliers.clone(),
        series: store::series_names(&db, Audience::Committee).await?,
    })
}

/// The meeting `id` if `audience` may see it; else exactly what a missing one answers: "not
/// found" to someone signed in, "please sign in" to a visitor (who may see more once signed
/// in, whether the meeting exists or not).
#[cfg(feature = "ssr")]
async fn visible(
    db: &crate::db::Db,
    audience: Audience,
    id: MeetingId,
) -> Result<MeetingRecord, AppError> {
    store::record(db, id)
        .await?
        .filter(|record| {
            let supplier = record.supplier.as_ref().map(|supplier| supplier.id);
            audience.may_see(record.visibility, supplier)
        })
        .ok_or(if audience == Audience::Public {
            AppError::NotSignedIn
        } else {
            AppError::NotFound
        })
}

#[cfg(feature = "ssr")]
fn changed_meanwhile(kept: FormErrors) -> AppError {
    AppError::stale(kept.form(
        "Someone else changed this meeting after you opened this page. The page now shows \
         the meeting as it is; make your change again if it is still needed.",
    ))
}
