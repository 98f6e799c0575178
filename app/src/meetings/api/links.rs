//! The issues an agenda item discussed, picked by the chair from a search of the tracker
//! (by number, log number or words); the issue's timeline then says where it was discussed.

use super::*;
use crate::{domain::ids::IssueId, meetings::types::LinkedIssue};

/// The committee: the issues matching `text` (an issue number, a log number, or words of its
/// title and description), at most ten, to link to an agenda item.
#[server(prefix = "/api", endpoint = "meetings/items/find-issues")]
pub async fn find_issues(text: String) -> Result<Vec<LinkedIssue>, AppError> {
    use crate::{domain::issue_workflow::IssueStatus, issues};

    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let one = |id: IssueId| {
        let db = db.clone();
        async move {
            Ok::<_, AppError>(issues::store::record_of(&db, id).await?.map(|issue| {
                vec![LinkedIssue {
                    id,
                    title: issue.title,
                    status: issue.status.label().to_owned(),
                }]
            }))
        }
    };
    if let Some(id) = IssueId::parse(text) {
        return Ok(one(id).await?.unwrap_or_default());
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", text)
        .append_pair("status", "all")
        .finish();
    let found = issues::api::get_issues(query).await?;
    if let Some(id) = found
        .go_to
        .as_deref()
        .and_then(|href| href.strip_prefix("/issues/"))
        .and_then(IssueId::parse)
    {
        return Ok(one(id).await?.unwrap_or_default());
    }
    Ok(found
        .rows
        .into_iter()
        .take(10)
        .map(|row| LinkedIssue {
            id: row.id,
            title: row.title,
            status: IssueStatus::label(row.status).to_owned(),
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
    store::link_issue(&mut tx, item, issue, chair.id, chrono::Utc::now()).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "{}/edit?saved=linked#item-{}",
        record.id.href(),
        item.0
    ));
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
    leptos_axum::redirect(&format!(
        "{}/edit?saved=unlinked#item-{}",
        record.id.href(),
        item.0
    ));
    Ok(())
}
