//! Files attached to meetings and agenda items. Uploading and serving the bytes are plain
//! routes of the server (`server/src/attachments.rs`), streamed a chunk at a time; the rules
//! they follow are here: who may attach where, and who may read which file — a file someone
//! may not read answers exactly as a missing one.

use super::*;
use crate::meetings::types::AttachmentId;
#[cfg(feature = "ssr")]
use crate::{
    accounts::types::CurrentUser,
    domain::{ids::AgendaItemId as ItemId, permissions::allows},
    meetings::store::AttachmentRow,
};

/// The committee: removes a file from a meeting or agenda item.
#[server(prefix = "/api", endpoint = "meetings/attachments/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_attachment", skip_all, fields(attachment = attachment.0)))]
pub async fn remove_attachment(attachment: AttachmentId) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let file = store::attachment_in(&mut tx, attachment)
        .await?
        .ok_or(AppError::NotFound)?;
    store::remove_attachment(&mut tx, attachment).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "{}/edit?saved=removed-file#attachments-heading",
        file.meeting_id.href()
    ));
    Ok(())
}

/// The file `attachment` if `viewer` may read it; else what a missing one answers ("please
/// sign in" to a visitor, who may read more once signed in).
#[cfg(feature = "ssr")]
pub async fn readable_attachment(
    db: &crate::db::Db,
    viewer: Option<&CurrentUser>,
    attachment: AttachmentId,
) -> Result<AttachmentRow, AppError> {
    let audience = Audience::of(viewer);
    let missing = if viewer.is_none() {
        AppError::NotSignedIn
    } else {
        AppError::NotFound
    };
    let Some(file) = store::attachment(db, attachment).await? else {
        return Err(missing);
    };
    let Some(meeting) = store::record(db, file.meeting_id).await? else {
        return Err(missing);
    };
    let item = match file.item_id {
        Some(item) => match store::item(db, item).await? {
            Some(row) => Some(row.visibility()?),
            None => return Err(missing),
        },
        None => None,
    };
    let supplier = meeting.supplier.as_ref().map(|supplier| supplier.id);
    if audience.sees_attachment(meeting.status, meeting.visibility, item, supplier) {
        Ok(file)
    } else {
        Err(missing)
    }
}

/// Whether `viewer` may attach files to `meeting` (and to `item`, which must be on its
/// agenda): the committee, to a meeting that exists.
#[cfg(feature = "ssr")]
pub async fn may_attach(
    db: &crate::db::Db,
    viewer: Option<&CurrentUser>,
    meeting: MeetingId,
    item: Option<ItemId>,
) -> Result<(), AppError> {
    let viewer = viewer.ok_or(AppError::NotSignedIn)?;
    if !allows(viewer.role, Permission::ManageMeetings) {
        return Err(AppError::Forbidden);
    }
    store::record(db, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(item) = item {
        let row = store::item(db, item).await?.ok_or(AppError::NotFound)?;
        if row.meeting_id != meeting {
            return Err(AppError::NotFound);
        }
    }
    Ok(())
}
