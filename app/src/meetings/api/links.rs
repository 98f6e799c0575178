//! The issues an agenda item discussed, picked by the chair from a search of the tracker
//! (by number, log number or words); the issue's timeline then says where it was discussed.

use super::*;
use crate::{domain::ids::IssueId, meetings::types::LinkedIssue};

/// The committee: the issues matching `text` (an issue number, a log number, or words of its
/// title and description), at most ten, to link to an agenda item.
#[server(prefix = "/api", endpoint = "meetings/items/find-issues")]
pub async fn find_issues(text: String) -> Result<Vec<LinkedIssue>, AppError> {
    use crate::domain::issue_workflow::IssueStatus;

    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    Ok(store::find_issues(&db, text)
        .await?
        .into_iter()
        .map(|row| LinkedIssue {
            id: row.id,
            title: row.title,
            status: IssueStatus::parse(&row.status)
                .map(IssueStatus::label)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect())
}

/// The committee: links an issue to an agenda item as one it discussed.
#[server(prefix = "/api", endpoint = "meetings/items/link-issue")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "link_issue", skip_all, fields(item = item.0)))]
pub async fn link_issue(item: AgendaItemId, issue: IssueId) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (record, _) = item_of(&mut tx, item).await?;
    if !store::issue_exists_in(&mut tx, issue).await? {
        return Err(AppError::NotFound);
    }
    store::link_issue(&mut tx, item, issue, chair.id, crate::clock::now()).await?;
    tx.commit().await?;
    back_to_item(record.id, item, Some("linked"));
    Ok(())
}

/// The committee: unlinks an issue from an agenda item.
#[server(prefix = "/api", endpoint = "meetings/items/unlink-issue")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "unlink_issue", skip_all, fields(item = item.0)))]
pub async fn unlink_issue(item: AgendaItemId, issue: IssueId) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (record, _) = item_of(&mut tx, item).await?;
    if !store::unlink_issue(&mut tx, item, issue).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    back_to_item(record.id, item, Some("unlinked"));
    Ok(())
}
