//! Posting to an issue's timeline, and editing or removing a post.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{
        permissions::{allows, may_post, Permission},
        posting_limits::{self, longest_window, POSTS},
    },
    error::FormErrors,
    guard,
    issues::store::{self},
    markdown::{check_required, Markdown},
};
use crate::{
    error::AppError,
    issues::types::{IssueId, PostId},
};

#[cfg(feature = "ssr")]
use super::*;

/// Posts to an issue's timeline: a comment from the user group, or an official response
/// from a representative of the issue's supplier. The poster follows the issue from then on.
#[server(prefix = "/api", endpoint = "issues/post")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "post_to_issue", skip_all, fields(issue = issue.0)))]
pub async fn post_to_issue(issue: IssueId, body: String) -> Result<(), AppError> {
    let poster = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &poster, issue).await?;
    if !may_post(&poster, core.supplier) {
        return Err(AppError::Forbidden);
    }
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    let kept = FormErrors::new().keep("body", &body);
    if let Err(message) = check_required(&body, "Write something to post.") {
        return Err(AppError::refused(kept.field("body", message)));
    }
    let body = Markdown::render(body.trim_end());
    // A second click on "Post", or the form sent again from the browser's history, posts
    // nothing more: the text is already there.
    if store::just_posted(&mut tx, core.id, poster.id, body.source(), now).await? {
        return Ok(());
    }
    let recent = store::posted_since(&mut tx, poster.id, now - longest_window(&POSTS)).await?;
    if let Some(wait) = posting_limits::wait(&POSTS, &recent, now) {
        return Err(AppError::refused(kept.form(format!(
            "You have posted as much as Watchdog takes from one account in a short while. \
             What you wrote is kept below. {}",
            posting_limits::try_again_in(wait)
        ))));
    }
    let official = allows(poster.role, Permission::RespondForSupplier);
    store::post(&mut tx, core.id, poster.id, &body, official, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The author of a comment or official response replaces its text; the committee can still
/// read what it said before.
#[server(prefix = "/api", endpoint = "issues/post/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_issue_post", skip_all, fields(post = post.0)))]
pub async fn edit_issue_post(post: PostId, version: i64, body: String) -> Result<(), AppError> {
    let editor = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let kept = FormErrors::new().keep("body", &body);
    let mut tx = db.begin_write().await?;
    let (post, issue) = visible_post(&mut tx, &editor, post).await?;
    if post.author != Some(editor.id) {
        return Err(AppError::Forbidden);
    }
    if issue.duplicate_of.is_some() {
        return Err(merged_refusal(&issue));
    }
    if post.removed {
        return Err(AppError::refused(
            kept.form("This was removed, so it can no longer be edited."),
        ));
    }
    if let Err(message) = check_required(&body, "Write something, or remove the post instead.") {
        return Err(AppError::refused(kept.field("body", message)));
    }
    let body = Markdown::render(body.trim_end());
    if !store::edit_post(&mut tx, &post, version, &body, editor.id, now).await? {
        return Err(AppError::stale(kept.form(
            "This changed after you opened the page. It now shows the current text; edit \
             again if your change is still needed.",
        )));
    }
    let page = timeline_page_of(&mut tx, issue.id, post.id).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{page}#event-{}", post.id));
    Ok(())
}

/// Its author, or the committee, removes a comment or official response: the timeline says
/// it was removed, and the committee can still read what it said.
#[server(prefix = "/api", endpoint = "issues/post/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_issue_post", skip_all, fields(post = post.0)))]
pub async fn remove_issue_post(post: PostId, version: i64) -> Result<(), AppError> {
    let remover = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let (post, issue) = visible_post(&mut tx, &remover, post).await?;
    let own = post.author == Some(remover.id);
    if !(own || allows(remover.role, Permission::TriageIssues)) {
        return Err(AppError::Forbidden);
    }
    if !post.removed && !store::remove_post(&mut tx, &post, version, remover.id, now).await? {
        return Err(AppError::stale(FormErrors::new().form(
            "This changed after you opened the page. Look at it again before removing it.",
        )));
    }
    let page = timeline_page_of(&mut tx, issue.id, post.id).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{page}#event-{}", post.id));
    Ok(())
}
