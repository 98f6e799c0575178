//! The revisions of an agenda item's published text, for the committee: the list, any one
//! revision as it read, and what changed between two.

use super::*;
use crate::meetings::types::ItemRevisions;
#[cfg(feature = "ssr")]
use crate::meetings::types::{RevisionDiff, RevisionSummary, ShownRevision};

/// The committee: an item's revisions, with revision `show` as it read (the newest if not
/// named) and what changed from revision `from` to `to` (from the one before `show`, if not
/// named). A number that is not one of the item's revisions shows nothing for it.
#[server(prefix = "/api", endpoint = "meetings/items/revisions")]
pub async fn get_item_revisions(
    item: AgendaItemId,
    show: Option<i64>,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<ItemRevisions, AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let row = store::item(&db, item).await?.ok_or(AppError::NotFound)?;
    let record = store::record(&db, row.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = store::revisions(&db, item).await?;
    let newest = rows.last().map(|revision| revision.number);
    let show = show.or(newest);
    let to = to.or(show);
    let from = from.or(to.map(|to| to - 1));
    let find = |number: Option<i64>| {
        number.and_then(|number| rows.iter().find(|revision| revision.number == number))
    };
    let shown = find(show).map(|revision| ShownRevision {
        number: revision.number,
        heading: revision.heading.clone(),
        minutes: revision.minutes().into_html(),
    });
    let diff = match (find(from), find(to)) {
        (Some(old), Some(new)) if old.number != new.number => Some(RevisionDiff {
            from: old.number,
            to: new.number,
            heading: (old.heading != new.heading)
                .then(|| (old.heading.clone(), new.heading.clone())),
            lines: crate::meetings::diff::lines(&old.body, &new.body),
        }),
        _ => None,
    };
    let revisions = rows
        .iter()
        .map(|revision| {
            Ok(RevisionSummary {
                number: revision.number,
                by: revision.revised_by.clone(),
                at: crate::db::timestamp::from_db(&revision.created_at)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(ItemRevisions {
        meeting: record.id,
        meeting_title: record.title,
        item,
        heading: row.heading,
        revisions,
        shown,
        diff,
    })
}
