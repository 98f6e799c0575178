//! Scheduling a meeting, changing its details, publishing its minutes.

// A server function takes its form's fields as its arguments; the meeting form has eleven.
#![allow(clippy::too_many_arguments)]

use super::*;

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
    let now = crate::clock::now();
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
    let now = crate::clock::now();
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
    if !store::publish(&mut tx, meeting, version, chair.id, crate::clock::now()).await? {
        return Err(changed_meanwhile(FormErrors::new()));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=published", meeting.href()));
    Ok(())
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
        // chrono reads any year, signed or longer than four digits; a meeting is in this era.
        let date = chrono::NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map_err(|_| "Give the date, e.g. 2026-06-15.".to_owned())
            .and_then(|date| {
                if (2000..=2100).contains(&chrono::Datelike::year(&date)) {
                    Ok(date)
                } else {
                    Err("Give a date between the years 2000 and 2100.".to_owned())
                }
            });
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
