//! Server functions for meetings: the list and a meeting's page (anyone, each meeting and
//! item at its visibility), and for the committee scheduling meetings, their attendees and
//! agenda, and publishing the minutes. A meeting someone may not see answers as a missing one.

// A server function takes its form's fields as its arguments; the meeting form has eleven.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

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
        series: store::series_names(&db).await?,
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
    for (number, row) in store::items(&db, meeting).await?.into_iter().enumerate() {
        let visibility = row.visibility()?;
        if !audience.sees_item(record.visibility, visibility, supplier) {
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
        series: store::series_names(&db).await?,
    })
}

/// The committee: schedules a meeting (its minutes a draft) and goes on to its editor.
#[server(prefix = "/api", endpoint = "meetings/schedule")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "schedule_meeting", skip_all)
)]
pub async fn schedule_meeting(
    title: String,
    kind: String,
    series: String,
    new_series: String,
    date: String,
    time: String,
    duration: String,
    place: String,
    online_link: String,
    supplier: String,
    visibility: String,
) -> Result<MeetingId, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = MeetingForm {
        title,
        kind,
        series,
        new_series,
        date,
        time,
        duration,
        place,
        online_link,
        supplier,
        visibility,
    };
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let details = form.parse(&db, &mut tx, now).await?;
    let id = store::create(&mut tx, &details, chair.id, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit?saved=scheduled", id.href()));
    Ok(id)
}

/// The committee: changes a meeting's details, if no one changed the meeting since.
#[server(prefix = "/api", endpoint = "meetings/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_meeting", skip_all, fields(meeting = meeting.0)))]
pub async fn edit_meeting(
    meeting: MeetingId,
    version: i64,
    title: String,
    kind: String,
    series: String,
    new_series: String,
    date: String,
    time: String,
    duration: String,
    place: String,
    online_link: String,
    supplier: String,
    visibility: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = MeetingForm {
        title,
        kind,
        series,
        new_series,
        date,
        time,
        duration,
        place,
        online_link,
        supplier,
        visibility,
    };
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    let details = form.parse(&db, &mut tx, now).await?;
    if !store::update(&mut tx, meeting, version, &details, now).await? {
        return Err(changed_meanwhile(form.kept()));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit?saved=details", meeting.href()));
    Ok(())
}

/// The committee: publishes a draft's minutes at the meeting's visibility.
#[server(prefix = "/api", endpoint = "meetings/publish")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "publish_meeting", skip_all, fields(meeting = meeting.0)))]
pub async fn publish_meeting(meeting: MeetingId, version: i64) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::publish(&mut tx, meeting, version, chair.id, chrono::Utc::now()).await? {
        return Err(changed_meanwhile(FormErrors::new()));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=published", meeting.href()));
    Ok(())
}

/// The committee: adds someone who attended, or who sent apologies.
#[server(prefix = "/api", endpoint = "meetings/attendees/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_attendee", skip_all, fields(meeting = meeting.0)))]
pub async fn add_attendee(
    meeting: MeetingId,
    name: String,
    role: String,
    organisation: String,
    apologies: Option<String>,
) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let apologies = apologies.is_some_and(|value| !value.is_empty());
    let mut errors = FormErrors::new()
        .keep("name", &name)
        .keep("role", &role)
        .keep("organisation", &organisation)
        .keep("apologies", if apologies { "on" } else { "" });
    let mut checked = |field: &str, result: Result<String, &'static str>| match result {
        Ok(value) => value,
        Err(message) => {
            errors = std::mem::take(&mut errors).field(field, message);
            String::new()
        }
    };
    let name = checked("name", parse_title(&name, "Enter the person's name."));
    let role = checked("role", parse_short(&role));
    let organisation = checked("organisation", parse_short(&organisation));
    if !errors.fields.is_empty() {
        return Err(AppError::refused(errors));
    }
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    let attendee = Attendee {
        id: AttendeeId(0),
        name,
        role,
        organisation,
        apologies,
    };
    store::add_attendee(&mut tx, meeting, &attendee, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit#attendees-heading", meeting.href()));
    Ok(())
}

/// The committee: takes someone off the attendees or apologies.
#[server(prefix = "/api", endpoint = "meetings/attendees/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_attendee", skip_all, fields(meeting = meeting.0)))]
pub async fn remove_attendee(meeting: MeetingId, attendee: AttendeeId) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    if !store::remove_attendee(&mut tx, meeting, attendee, chrono::Utc::now()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit#attendees-heading", meeting.href()));
    Ok(())
}

/// The committee: adds an item at the end of the agenda, with its minutes if already written.
#[server(prefix = "/api", endpoint = "meetings/items/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_agenda_item", skip_all, fields(meeting = meeting.0)))]
pub async fn add_agenda_item(
    meeting: MeetingId,
    heading: String,
    presenter: String,
    visibility: String,
    minutes: String,
) -> Result<AgendaItemId, AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = ItemForm {
        heading,
        presenter,
        visibility,
        minutes,
    };
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let record = store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    let checked = form.parse(&record, None)?;
    let minutes = Markdown::render(checked.minutes.trim_end());
    let id = store::add_item(&mut tx, meeting, checked.fields(&minutes), now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit#item-{}", meeting.href(), id.0));
    Ok(id)
}

/// The committee: saves an agenda item, if no one saved it since the form was loaded.
#[server(prefix = "/api", endpoint = "meetings/items/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_agenda_item", skip_all, fields(item = item.0)))]
pub async fn edit_agenda_item(
    item: AgendaItemId,
    version: i64,
    heading: String,
    presenter: String,
    visibility: String,
    minutes: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = ItemForm {
        heading,
        presenter,
        visibility,
        minutes,
    };
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let (record, row) = item_of(&mut tx, item).await?;
    let checked = form.parse(&record, Some(item))?;
    let minutes = Markdown::render(checked.minutes.trim_end());
    if !store::update_item(&mut tx, &row, version, checked.fields(&minutes), now).await? {
        let saved = store::item_in(&mut tx, item).await?;
        return Err(AppError::stale(
            form.kept(Some(item)).form(match saved {
                Some(saved) => format!(
                    "Someone else saved this item after you opened it. Its heading is now \
                 \"{}\" and its minutes begin: \"{}\". Your text is still in the form: \
                 bring the two together and save again.",
                    saved.heading,
                    saved.body.chars().take(160).collect::<String>()
                ),
                None => "Someone else removed this item after you opened it. Your text is still \
                     in the form: copy it into a new item if it is still needed."
                    .to_owned(),
            }),
        ));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "{}/edit?saved=item#item-{}",
        record.id.href(),
        item.0
    ));
    Ok(())
}

/// The committee: moves an agenda item one place `up` or `down`.
#[server(prefix = "/api", endpoint = "meetings/items/move")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "move_agenda_item", skip_all, fields(item = item.0)))]
pub async fn move_agenda_item(item: AgendaItemId, direction: String) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::BadRequest),
    };
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (record, row) = item_of(&mut tx, item).await?;
    store::move_item(&mut tx, &row, up, chrono::Utc::now()).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit#item-{}", record.id.href(), item.0));
    Ok(())
}

/// The committee: takes an item off the agenda, if no one saved it since.
#[server(prefix = "/api", endpoint = "meetings/items/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_agenda_item", skip_all, fields(item = item.0)))]
pub async fn remove_agenda_item(item: AgendaItemId, version: i64) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (record, row) = item_of(&mut tx, item).await?;
    if !store::remove_item(&mut tx, &row, version, chrono::Utc::now()).await? {
        return Err(changed_meanwhile(FormErrors::new()));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit#agenda-heading", record.id.href()));
    Ok(())
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
            audience.may_see(record.status, record.visibility, supplier)
        })
        .ok_or(if audience == Audience::Public {
            AppError::NotSignedIn
        } else {
            AppError::NotFound
        })
}

/// An agenda item and its meeting, inside a write; 404 if either is gone.
#[cfg(feature = "ssr")]
async fn item_of(
    tx: &mut Tx,
    item: AgendaItemId,
) -> Result<(MeetingRecord, store::ItemRow), AppError> {
    let row = store::item_in(tx, item).await?.ok_or(AppError::NotFound)?;
    let record = store::record_in(tx, row.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((record, row))
}

#[cfg(feature = "ssr")]
fn changed_meanwhile(kept: FormErrors) -> AppError {
    AppError::stale(kept.form(
        "Someone else changed this meeting after you opened this page. The page now shows \
         the meeting as it is; make your change again if it is still needed.",
    ))
}

/// The meeting form as sent.
#[cfg(feature = "ssr")]
struct MeetingForm {
    title: String,
    kind: String,
    series: String,
    new_series: String,
    date: String,
    time: String,
    duration: String,
    place: String,
    online_link: String,
    supplier: String,
    visibility: String,
}

#[cfg(feature = "ssr")]
impl MeetingForm {
    fn kept(&self) -> FormErrors {
        FormErrors::new()
            .keep("title", &self.title)
            .keep("kind", &self.kind)
            .keep("series", &self.series)
            .keep("new_series", &self.new_series)
            .keep("date", &self.date)
            .keep("time", &self.time)
            .keep("duration", &self.duration)
            .keep("place", &self.place)
            .keep("online_link", &self.online_link)
            .keep("supplier", &self.supplier)
            .keep("visibility", &self.visibility)
    }

    /// The meeting's details, with every message by its field; a new series named in the
    /// form is started in `tx`.
    async fn parse(
        &self,
        db: &crate::db::Db,
        tx: &mut Tx,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<MeetingDetails, AppError> {
        let mut errors = self.kept();
        let mut field = |name: &str, result: Result<(), String>| {
            if let Err(message) = result {
                errors = std::mem::take(&mut errors).field(name, message);
            }
        };
        let title = parse_title(&self.title, "Enter the meeting's title.");
        field(
            "title",
            title.as_ref().map(|_| ()).map_err(|m| m.to_string()),
        );
        let kind = MeetingKind::parse(&self.kind).ok_or("Choose what kind of meeting it is.");
        field("kind", kind.map(|_| ()).map_err(str::to_owned));
        let visibility =
            Visibility::parse(&self.visibility).ok_or("Choose who may read the minutes.");
        field("visibility", visibility.map(|_| ()).map_err(str::to_owned));
        let duration = parse_duration(&self.duration);
        field("duration", duration.map(|_| ()).map_err(str::to_owned));
        let place = parse_short(&self.place);
        field(
            "place",
            place.as_ref().map(|_| ()).map_err(|m| m.to_string()),
        );
        let link = parse_link(&self.online_link);
        field(
            "online_link",
            link.as_ref().map(|_| ()).map_err(|m| m.to_string()),
        );
        let date = chrono::NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map_err(|_| "Give the date, e.g. 2026-06-15.".to_owned());
        field("date", date.as_ref().map(|_| ()).map_err(Clone::clone));
        let time = chrono::NaiveTime::parse_from_str(self.time.trim(), "%H:%M")
            .map_err(|_| "Give the time on the 24-hour clock, e.g. 14:00.".to_owned());
        field("time", time.as_ref().map(|_| ()).map_err(Clone::clone));
        let zone = crate::instance::store::settings(db).await?.zone();
        let starts_at = match (date, time) {
            (Ok(date), Ok(time)) => {
                let at = zone.from_local(date, time);
                field("time", at.map(|_| ()).map_err(str::to_owned));
                at.ok()
            }
            _ => None,
        };
        let names = suppliers::store::names(db).await?;
        let supplier = match self.supplier.trim() {
            "" => Ok(None),
            text => text
                .parse::<i64>()
                .ok()
                .and_then(|id| names.suppliers.iter().find(|known| known.id.0 == id))
                .map(|known| Some(known.id))
                .ok_or_else(|| "Choose a supplier from the list.".to_owned()),
        };
        field(
            "supplier",
            supplier.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        if kind == Ok(MeetingKind::Watchdog) && supplier == Ok(None) {
            field(
                "supplier",
                Err("A watchdog meeting is with a supplier: choose which.".to_owned()),
            );
        }
        let series = match self.series.trim() {
            "" => Ok(None),
            "new" => Ok(None),
            text => match text.parse::<i64>().ok().map(MeetingSeriesId) {
                Some(id) if store::has_series(tx, id).await? => Ok(Some(id)),
                _ => Err("Choose a series from the list.".to_owned()),
            },
        };
        field("series", series.as_ref().map(|_| ()).map_err(Clone::clone));
        let new_series = if self.series.trim() == "new" {
            let name = parse_title(&self.new_series, "Name the new series.");
            field(
                "new_series",
                name.as_ref().map(|_| ()).map_err(|m| m.to_string()),
            );
            name.ok()
        } else {
            None
        };
        let (
            Ok(title),
            Ok(kind),
            Ok(visibility),
            Ok(duration),
            Ok(place),
            Ok(link),
            Some(starts_at),
            Ok(supplier),
            Ok(mut series),
        ) = (
            title, kind, visibility, duration, place, link, starts_at, supplier, series,
        )
        else {
            return Err(AppError::refused(errors));
        };
        if !errors.fields.is_empty() {
            return Err(AppError::refused(errors));
        }
        if let Some(name) = new_series {
            series = Some(match store::series_named(tx, &name).await? {
                Some(existing) => existing,
                None => store::create_series(tx, &name, kind, supplier, now).await?,
            });
        }
        Ok(MeetingDetails {
            title,
            kind,
            series,
            starts_at,
            duration_minutes: duration,
            place,
            online_link: link,
            supplier,
            visibility,
        })
    }
}

/// An agenda item's form as sent.
#[cfg(feature = "ssr")]
struct ItemForm {
    heading: String,
    presenter: String,
    visibility: String,
    minutes: String,
}

/// An agenda item's form, checked (the minutes still Markdown).
#[cfg(feature = "ssr")]
struct CheckedItem {
    heading: String,
    presenter: String,
    visibility: Visibility,
    minutes: String,
}

#[cfg(feature = "ssr")]
impl CheckedItem {
    fn fields<'a>(&'a self, minutes: &'a Markdown) -> ItemFields<'a> {
        ItemFields {
            heading: &self.heading,
            presenter: &self.presenter,
            visibility: self.visibility,
            minutes,
        }
    }
}

#[cfg(feature = "ssr")]
impl ItemForm {
    /// What was typed, kept for the form; an edit also keeps which item it was, so that
    /// the page shows the messages in that item's form.
    fn kept(&self, item: Option<AgendaItemId>) -> FormErrors {
        let kept = match item {
            Some(item) => FormErrors::new().keep("item", &item.0.to_string()),
            None => FormErrors::new(),
        };
        kept.keep("heading", &self.heading)
            .keep("presenter", &self.presenter)
            .keep("visibility", &self.visibility)
            .keep("minutes", &self.minutes)
    }

    fn parse(
        &self,
        meeting: &MeetingRecord,
        item: Option<AgendaItemId>,
    ) -> Result<CheckedItem, AppError> {
        let mut errors = self.kept(item);
        let heading = parse_title(&self.heading, "Enter the item's heading.");
        if let Err(message) = &heading {
            errors = errors.field("heading", *message);
        }
        let presenter = parse_short(&self.presenter);
        if let Err(message) = &presenter {
            errors = errors.field("presenter", *message);
        }
        let visibility = match Visibility::parse(&self.visibility) {
            Some(visibility) if visibility < meeting.visibility => {
                errors = errors.field(
                    "visibility",
                    "An item can't be read more widely than its meeting: choose the \
                     meeting's own visibility or a narrower one.",
                );
                None
            }
            Some(visibility) => Some(visibility),
            None => {
                errors = errors.field("visibility", "Choose who may read this item.");
                None
            }
        };
        if let Err(message) = check_size(&self.minutes) {
            errors = errors.field("minutes", message);
        }
        match (heading, presenter, visibility) {
            (Ok(heading), Ok(presenter), Some(visibility)) if errors.fields.is_empty() => {
                Ok(CheckedItem {
                    heading,
                    presenter,
                    visibility,
                    minutes: self.minutes.clone(),
                })
            }
            _ => Err(AppError::refused(errors)),
        }
    }
}
