//! Changing an issue: its status, its details, who it affects and who follows it, and merging
//! it into another.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{
        issue_workflow::{check_transition, parse_target, StatusChanger},
        permissions::{may_edit_details, status_changer, Permission},
    },
    error::FormErrors,
    guard,
    issues::{
        store::{self, NewEvent},
        types::{EventKind, IssueDetails, IssueStatus},
    },
    markdown::{check_required, check_size, Markdown},
    suppliers::{self},
};
use crate::{error::AppError, issues::types::IssueId};

#[cfg(feature = "ssr")]
use super::*;

/// Moves an issue along the workflow (with an optional note). Representatives of the
/// issue's supplier and the committee may, each within the workflow's rules; a change made
/// on a page loaded before someone else's change is refused.
#[server(prefix = "/api", endpoint = "issues/status")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "change_issue_status", skip_all, fields(issue = issue.0)))]
pub async fn change_issue_status(
    issue: IssueId,
    version: i64,
    status: String,
    target: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    let changer_account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let target_text = target.unwrap_or_default();
    let note = note.unwrap_or_default();
    let kept = FormErrors::new()
        .keep("status", &status)
        .keep("target", &target_text)
        .keep("note", &note);
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &changer_account, issue).await?;
    let Some(changer) = status_changer(&changer_account, core.supplier) else {
        return Err(AppError::Forbidden);
    };
    let Some(to) = IssueStatus::parse(&status) else {
        return Err(AppError::refused(kept.field("status", "Choose a status.")));
    };
    if let Err(refusal) = check_transition(core.status, to, changer) {
        return Err(AppError::refused(kept.field("status", refusal.message())));
    }
    let target = parse_target(to, &target_text)
        .map_err(|message| AppError::refused(kept.clone().field("target", message)))?;
    if let Err(message) = check_size(&note) {
        return Err(AppError::refused(kept.field("note", message)));
    }
    let note = Markdown::render(note.trim_end());
    let change = store::StatusChange {
        to,
        target: target.as_deref(),
        note: &note,
        by: changer_account.id,
        by_supplier: changer == StatusChanger::SupplierRep,
    };
    if !store::change_status(&mut tx, &core, version, change, now).await? {
        return Err(AppError::stale(kept.form(
            "Someone changed this issue after you opened the page. It now shows the current \
             status; choose again if your change is still needed.",
        )));
    }
    // A commitment of the supplier named in the target ("C-45") is the promise the fix is
    // planned under.
    if let Some(target) = target.as_deref() {
        crate::commitments::api::link_planned_fix(
            &mut tx,
            issue,
            core.supplier,
            target,
            changer_account.id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The user group: says the issue affects the caller's practice too (who then follows it),
/// or withdraws that. Counted once per account however often it is sent.
#[server(prefix = "/api", endpoint = "issues/affects")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_issue_affects", skip_all, fields(issue = issue.0)))]
pub async fn set_issue_affects(issue: IssueId, affects: bool) -> Result<(), AppError> {
    let account = guard::require(Permission::ReportIssues)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, issue).await?;
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    store::set_affects(&mut tx, core.id, account.id, affects, now).await?;
    if affects {
        store::follow(&mut tx, core.id, account.id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Anyone who may see the issue: follows it, or stops following it.
#[server(prefix = "/api", endpoint = "issues/follow")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_issue_following", skip_all, fields(issue = issue.0)))]
pub async fn set_issue_following(issue: IssueId, follow: bool) -> Result<(), AppError> {
    let account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, issue).await?;
    if follow {
        store::follow(&mut tx, core.id, account.id, now).await?;
    } else {
        store::unfollow(&mut tx, core.id, account.id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The committee: marks the issue a duplicate of another issue of the same supplier, which
/// takes over its log numbers, followers and "affects us too" marks; then goes there.
#[server(prefix = "/api", endpoint = "issues/merge")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "merge_issue", skip_all, fields(issue = issue.0)))]
pub async fn merge_issue(issue: IssueId, version: i64, into: String) -> Result<(), AppError> {
    let chair = guard::require(Permission::TriageIssues)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let kept = FormErrors::new().keep("into", &into);
    let refuse = |message: String| Err(AppError::refused(kept.clone().field("into", message)));
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &chair, issue).await?;
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    let Some(target) = IssueId::parse(&into) else {
        return refuse("Give the number of the issue to merge into, such as #12.".to_owned());
    };
    if target == core.id {
        return refuse("An issue cannot be merged into itself.".to_owned());
    }
    let Some(survivor) = store::core(&mut tx, target).await? else {
        return refuse(format!("There is no issue {target}."));
    };
    if let Some(further) = survivor.duplicate_of {
        return refuse(format!(
            "{target} was itself merged into {further}; merge into {further} instead."
        ));
    }
    if survivor.supplier != core.supplier {
        return refuse(format!(
            "{target} is about another supplier's system; only issues of the same supplier can \
             be merged."
        ));
    }
    if store::merge(&mut tx, &core, version, survivor.id, chair.id, now)
        .await?
        .is_none()
    {
        return Err(AppError::stale(kept.form(
            "Someone changed this issue after you opened the page. Check it, then merge again \
             if it is still a duplicate.",
        )));
    }
    tx.commit().await?;
    leptos_axum::redirect(&survivor.id.href());
    Ok(())
}

/// Its reporter, or the committee, edits an issue's title, description, module and
/// patient-safety flag; the timeline says what changed. A stale page's edit is refused.
#[server(prefix = "/api", endpoint = "issues/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_issue", skip_all, fields(issue = issue.0)))]
pub async fn edit_issue(
    issue: IssueId,
    version: i64,
    title: String,
    description: String,
    module: Option<String>,
    patient_safety: Option<String>,
) -> Result<(), AppError> {
    let editor = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let module_text = module.unwrap_or_default();
    let safety = patient_safety.is_some_and(|value| !value.is_empty());
    let kept = FormErrors::new()
        .keep("title", &title)
        .keep("description", &description)
        .keep("module", &module_text)
        .keep("patient_safety", if safety { "on" } else { "" });
    let names = suppliers::store::names(&db).await?;
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &editor, issue).await?;
    if !may_edit_details(&editor, core.reporter) {
        return Err(AppError::Forbidden);
    }
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    let mut errors = kept.clone();
    let title = check_title(&title).unwrap_or_else(|message| {
        errors = errors.clone().field("title", message);
        ""
    });
    if let Err(message) = check_required(
        &description,
        "Describe the problem: what you did, what happened, what you expected.",
    ) {
        errors = errors.field("description", message);
    }
    let module =
        check_module(&module_text, Some(core.supplier), &names.modules).unwrap_or_else(|message| {
            errors = errors.clone().field("module", message);
            None
        });
    if !errors.fields.is_empty() {
        return Err(AppError::refused(errors));
    }
    let description = Markdown::render(description.trim_end());
    let details = IssueDetails {
        title: title.to_owned(),
        description: description.source().to_owned(),
        module,
        patient_safety: safety,
    };
    let before = store::details(&mut tx, core.id).await?;
    if let Some(changes) = details.changes_from(&before) {
        if !store::update_details(&mut tx, &core, version, &details, &description, now).await? {
            return Err(AppError::stale(kept.form(
                "Someone changed this issue after you opened the page. Open it again to see \
                 the current details, then make your change.",
            )));
        }
        let event = NewEvent {
            detail: &changes,
            ..NewEvent::new(EventKind::DetailsChanged, editor.id)
        };
        store::record(&mut tx, core.id, event, now).await?;
        tx.commit().await?;
    }
    leptos_axum::redirect(&core.id.href());
    Ok(())
}
