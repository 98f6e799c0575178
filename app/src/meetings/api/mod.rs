//! Server functions for meetings: the list and a meeting's page (anyone, each meeting and
//! item at its visibility), and for the committee scheduling meetings, their attendees and
//! agenda, and publishing the minutes. A meeting someone may not see answers as a missing one.

use leptos::prelude::*;

mod agenda;
mod attachments;
mod details;
mod imports;
mod links;
mod outcomes;
mod revisions;
mod working_copies;

pub use agenda::*;
pub use attachments::*;
pub use details::*;
pub use imports::*;
pub use links::*;
pub use outcomes::*;
pub use revisions::*;
pub use working_copies::*;

#[cfg(feature = "ssr")]
use crate::{
    db::Tx,
    domain::{
        meetings::Audience,
        permissions::{allows, Permission, SupplierScope},
    },
    error::FormErrors,
    guard,
    markdown::{check_size, Markdown},
    meetings::{
        store::{self, ItemFields, ListFilter, MeetingRecord},
        types::{
            parse_duration, parse_link, parse_short, parse_title, ActionView, AgendaItemView,
            Attendee, CarriedAction, DecisionView, Discussion, LinkedIssue, MeetingDetails,
            MeetingKind, MeetingSeriesId, MinutesStatus, Visibility,
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
    let (upcoming, past) = store::list(&db, audience, &filter, crate::clock::now()).await?;
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
    let (mut actions, mut decisions) = outcomes_by_item(&db, meeting, !rows.is_empty()).await?;
    let any_linked = !rows.is_empty() && record.linked_issues > 0;
    let mut linked = linked_issues_by_item(&db, viewer.as_ref(), meeting, any_linked).await?;
    let revised = if record.status == MinutesStatus::Published && !rows.is_empty() {
        store::revision_marks(&db, meeting).await?
    } else {
        Default::default()
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
            actions: actions.remove(&row.id).unwrap_or_default(),
            decisions: decisions.remove(&row.id).unwrap_or_default(),
            // The first revision is the text as published: revised means there are more.
            revised: revised
                .get(&row.id)
                .filter(|(count, _)| *count > 1)
                .map(|(count, at)| (*at, *count)),
            issues: linked.remove(&row.id).unwrap_or_default(),
        });
    }
    let carried_over = carried_over(&db, audience, &record).await?;
    // A link to the promises made at the items shown, for a reader who may list them.
    let commitments_made = match viewer.as_ref() {
        Some(viewer)
            if record.commitments > 0 && allows(viewer.role, Permission::ReadCommitments) =>
        {
            let shown: Vec<AgendaItemId> = items.iter().map(|item| item.id).collect();
            store::promises_made_at(&db, &shown, SupplierScope::of(viewer)).await?
        }
        _ => false,
    };
    // The item's files go as far as the item; the meeting's papers as far as the meeting.
    let files = if record.files > 0 {
        store::attachments_of(&db, meeting).await?
    } else {
        Vec::new()
    };
    let attachments = files
        .into_iter()
        .filter(|file| {
            file.item_id
                .is_none_or(|item| items.iter().any(|shown| shown.id == item))
        })
        .map(store::AttachmentRow::view)
        .collect::<Result<_, _>>()?;
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
        carried_over,
        attachments,
        version: record.version,
        commitments_made,
        may_manage,
    })
}

/// The issues linked to the meeting's items that `viewer` may see, by item (none are looked
/// for unless `any_items`).
#[cfg(feature = "ssr")]
async fn linked_issues_by_item(
    db: &crate::db::Db,
    viewer: Option<&crate::accounts::types::CurrentUser>,
    meeting: MeetingId,
    any_items: bool,
) -> Result<std::collections::HashMap<AgendaItemId, Vec<LinkedIssue>>, AppError> {
    use crate::domain::{
        issue_workflow::IssueStatus,
        permissions::{allows, may_see_supplier},
    };
    let mut by_item: std::collections::HashMap<_, Vec<_>> = Default::default();
    let Some(viewer) = viewer.filter(|viewer| allows(viewer.role, Permission::ReadIssues)) else {
        return Ok(by_item);
    };
    if !any_items {
        return Ok(by_item);
    }
    for row in store::linked_issues(db, meeting).await? {
        if !may_see_supplier(viewer, row.supplier_id) {
            continue;
        }
        by_item.entry(row.item_id).or_default().push(LinkedIssue {
            id: row.issue_id,
            title: row.title,
            status: IssueStatus::parse(&row.status)
                .map(IssueStatus::label)
                .unwrap_or_default()
                .to_owned(),
        });
    }
    Ok(by_item)
}

/// The committee: the suppliers and series the meeting form offers.
#[server(prefix = "/api", endpoint = "meetings/choices")]
pub async fn get_meeting_choices() -> Result<MeetingChoices, AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    Ok(MeetingChoices {
        suppliers: suppliers::store::names(&db).await?.suppliers.clone(),
        series: store::series_names(&db, Audience::Committee).await?,
        owners: store::owner_choices(&db).await?,
    })
}

/// Sends a form posted from the editor back to the item it was about, with the notice
/// `saved` names, if any (`?saved=item`).
#[cfg(feature = "ssr")]
fn back_to_item(meeting: MeetingId, item: AgendaItemId, saved: Option<&str>) {
    let notice = saved
        .map(|what| format!("?saved={what}"))
        .unwrap_or_default();
    leptos_axum::redirect(&format!("{}/edit{notice}#item-{}", meeting.href(), item.0));
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

/// The meetings whose published minutes discussed `target` (an issue, a commitment), at
/// items `audience` may read, by date: for the record's timeline.
#[cfg(feature = "ssr")]
pub async fn discussions_of(
    db: &crate::db::Db,
    audience: Audience,
    target: crate::domain::ids::ItemRef,
) -> Result<Vec<Discussion>, AppError> {
    let mut found = Vec::new();
    for row in store::discussions_of(db, target).await? {
        let (Some(kind), Some(meeting), Some(item)) = (
            MeetingKind::parse(&row.kind),
            Visibility::parse(&row.meeting_visibility),
            Visibility::parse(&row.item_visibility),
        ) else {
            continue;
        };
        if audience.sees_item(MinutesStatus::Published, meeting, item, row.supplier_id) {
            found.push(Discussion {
                meeting: row.meeting_id,
                item: row.item_id,
                title: row.title,
                kind,
                starts_at: crate::db::timestamp::from_db(&row.starts_at)?,
            });
        }
    }
    Ok(found)
}

/// The meeting's actions and decisions by agenda item (none read when `any_items` is false).
#[cfg(feature = "ssr")]
async fn outcomes_by_item(
    db: &crate::db::Db,
    meeting: MeetingId,
    any_items: bool,
) -> Result<(ByItem<ActionView>, ByItem<DecisionView>), AppError> {
    let mut actions = ByItem::new();
    let mut decisions = ByItem::new();
    if any_items {
        let today = crate::instance::today(db).await?;
        for row in store::actions_of(db, meeting).await? {
            let item = row.agenda_item_id;
            actions.entry(item).or_default().push(row.into_view(today)?);
        }
        for row in store::decisions_of(db, meeting).await? {
            let item = row.agenda_item_id;
            decisions.entry(item).or_default().push(row.into_view());
        }
    }
    Ok((actions, decisions))
}

#[cfg(feature = "ssr")]
type ByItem<T> = std::collections::HashMap<AgendaItemId, Vec<T>>;

/// The actions of earlier meetings of the series that were not done when this one began,
/// those `audience` may read.
#[cfg(feature = "ssr")]
async fn carried_over(
    db: &crate::db::Db,
    audience: Audience,
    record: &MeetingRecord,
) -> Result<Vec<CarriedAction>, AppError> {
    let Some(series) = &record.series else {
        return Ok(Vec::new());
    };
    let mut carried = Vec::new();
    let today = crate::instance::today(db).await?;
    for row in store::carried_over(db, series.id, record.starts_at).await? {
        let (Some(status), Some(meeting), Some(item)) = (
            MinutesStatus::parse(&row.meeting_status),
            Visibility::parse(&row.meeting_visibility),
            Visibility::parse(&row.item_visibility),
        ) else {
            continue;
        };
        if !audience.sees_item(status, meeting, item, row.meeting_supplier) {
            continue;
        }
        carried.push(CarriedAction {
            meeting: row.action.meeting_id,
            meeting_title: row.meeting_title,
            meeting_start: crate::db::timestamp::from_db(&row.meeting_start)?,
            action: row.action.into_view(today)?,
        });
    }
    Ok(carried)
}

#[cfg(feature = "ssr")]
fn changed_meanwhile(kept: FormErrors) -> AppError {
    AppError::stale(kept.form(
        "Someone else changed this meeting after you opened this page. The page now shows \
         the meeting as it is; make your change again if it is still needed.",
    ))
}
