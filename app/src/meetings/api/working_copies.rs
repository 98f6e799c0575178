//! Chairs' working copies of agenda items: the item editor's island autosaves what its chair
//! types every few seconds, so nothing typed is lost to a closed tab or a dropped connection.
//! A working copy is never a revision and never read by anyone else; "Save item" makes it the
//! item's text (`edit_agenda_item`, refused as usual if someone else saved meanwhile).

use super::*;
#[cfg(feature = "ssr")]
use crate::meetings::store::WorkingCopyFields;
use crate::meetings::types::WorkingCopy;

/// The committee: keeps what the caller has typed into an item's editor as their working
/// copy, and answers the time it was kept, as the page shows times ("14:05:32").
#[server(prefix = "/api", endpoint = "meetings/items/working-copy")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "keep_working_copy", skip_all, fields(item = item.0)))]
pub async fn keep_working_copy(
    item: AgendaItemId,
    version: i64,
    heading: String,
    presenter: String,
    visibility: String,
    minutes: String,
) -> Result<String, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    // Unfinished text is fine here; only what could not be saved as an item's is refused.
    if heading.chars().count() > 1_000 || presenter.chars().count() > 1_000 {
        return Err(AppError::refused(
            FormErrors::new().form("The heading or presenter is too long to keep."),
        ));
    }
    if Visibility::parse(&visibility).is_none() {
        return Err(AppError::BadRequest);
    }
    check_size(&minutes).map_err(|message| AppError::refused(FormErrors::new().form(message)))?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let (_, row) = item_of(&mut tx, item).await?;
    let saved = row.heading == heading.trim()
        && row.presenter == presenter.trim()
        && row.visibility == visibility
        && same_text(&row.body, &minutes);
    if saved {
        // Nothing differs from the item's text (its save may even have overtaken this call):
        // there is nothing to keep, and nothing to offer back later.
        store::discard_working_copy(&mut tx, item, chair.id).await?;
    } else {
        let fields = WorkingCopyFields {
            base_version: version,
            heading: &heading,
            presenter: &presenter,
            visibility: &visibility,
            minutes: &minutes,
        };
        store::keep_working_copy(&mut tx, item, chair.id, &fields, now).await?;
    }
    tx.commit().await?;
    // Not a page: the instance's zone comes from its settings, not the page's context.
    let zone = crate::instance::store::settings(&db).await?.zone();
    Ok(zone.clock(now).format("%H:%M:%S").to_string())
}

/// The committee: the caller's working copies of the meeting's items (for its editor).
#[server(prefix = "/api", endpoint = "meetings/working-copies")]
pub async fn get_working_copies(meeting: MeetingId) -> Result<Vec<WorkingCopy>, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    store::record(&db, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::working_copies(&db, meeting, chair.id).await?)
}

/// The committee: forgets the caller's working copy of an item, going back to its saved text.
#[server(prefix = "/api", endpoint = "meetings/items/working-copy/discard")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "discard_working_copy", skip_all, fields(item = item.0)))]
pub async fn discard_working_copy(item: AgendaItemId) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (record, _) = item_of(&mut tx, item).await?;
    store::discard_working_copy(&mut tx, item, chair.id).await?;
    tx.commit().await?;
    back_to_item(record.id, item, Some("discarded"));
    Ok(())
}

/// Whether two Markdown texts say the same, whichever line endings the browser sent.
#[cfg(feature = "ssr")]
fn same_text(saved: &str, typed: &str) -> bool {
    saved.replace("\r\n", "\n").trim_end() == typed.replace("\r\n", "\n").trim_end()
}
