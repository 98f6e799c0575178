//! A meeting's attendance and agenda: who came, and the items with their minutes.

use super::*;

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
    let now = crate::clock::now();
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
    if !store::remove_attendee(&mut tx, meeting, attendee, crate::clock::now()).await? {
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
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = ItemForm {
        heading,
        presenter,
        visibility,
        minutes,
    };
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let record = store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    let checked = form.parse(&record, None)?;
    let minutes = Markdown::render(checked.minutes.trim_end());
    let id = store::add_item(&mut tx, meeting, checked.fields(&minutes), chair.id, now).await?;
    tx.commit().await?;
    back_to_item(meeting, id, None);
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
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = ItemForm {
        heading,
        presenter,
        visibility,
        minutes,
    };
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let (record, row) = item_of(&mut tx, item).await?;
    let checked = form.parse(&record, Some(item))?;
    let minutes = Markdown::render(checked.minutes.trim_end());
    let fields = checked.fields(&minutes);
    if !store::update_item(&mut tx, &row, version, fields, chair.id, now).await? {
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
    // The chair's working copy has become the item's text.
    store::discard_working_copy(&mut tx, item, chair.id).await?;
    tx.commit().await?;
    back_to_item(record.id, item, Some("item"));
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
    store::move_item(&mut tx, &row, up, crate::clock::now()).await?;
    tx.commit().await?;
    back_to_item(record.id, item, None);
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
    if !store::remove_item(&mut tx, &row, version, crate::clock::now()).await? {
        return Err(changed_meanwhile(FormErrors::new()));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/edit#agenda-heading", record.id.href()));
    Ok(())
}

/// An agenda item and its meeting, inside a write; 404 if either is gone.
#[cfg(feature = "ssr")]
pub(super) async fn item_of(
    tx: &mut Tx,
    item: AgendaItemId,
) -> Result<(MeetingRecord, store::ItemRow), AppError> {
    let row = store::item_in(tx, item).await?.ok_or(AppError::NotFound)?;
    let record = store::record_in(tx, row.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((record, row))
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
