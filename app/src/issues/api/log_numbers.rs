//! The supplier's log numbers on an issue: adding, removing and moving them.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::permissions::{may_add_log_number, may_manage_log_numbers, REPORTER_LOG_NUMBERS},
    error::FormErrors,
    guard,
    issues::{
        store::{self},
        types::LogNumber,
    },
};
use crate::{error::AppError, issues::types::IssueId};

#[cfg(feature = "ssr")]
use super::*;

/// Adds a supplier log number to an issue: its reporter, the committee, or a representative
/// of its supplier. A number the supplier already gave another issue is refused, naming it.
#[server(prefix = "/api", endpoint = "issues/log_number")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_issue_log_number", skip_all, fields(issue = issue.0)))]
pub async fn add_issue_log_number(issue: IssueId, log_number: String) -> Result<(), AppError> {
    let account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let kept = FormErrors::new().keep("log_number", &log_number);
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, issue).await?;
    if !may_add_log_number(&account, core.supplier, core.reporter) {
        return Err(AppError::Forbidden);
    }
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    let number = LogNumber::parse(&log_number)
        .map_err(|message| AppError::refused(kept.clone().field("log_number", message)))?;
    if !may_manage_log_numbers(&account, core.supplier)
        && store::log_numbers_added_by(&mut tx, core.id, account.id).await? >= REPORTER_LOG_NUMBERS
    {
        return Err(AppError::refused(kept.field(
            "log_number",
            format!(
                "You have added {REPORTER_LOG_NUMBERS} log numbers to this issue, the most a \
                 reporter can. A chair or the supplier can add more."
            ),
        )));
    }
    match store::issue_holding(&mut tx, core.supplier, &number).await? {
        Some(holder) if holder == core.id => {
            return Err(AppError::refused(
                kept.field("log_number", "This issue already has that log number."),
            ))
        }
        Some(holder) => return Err(log_number_taken(kept, &number, holder)),
        None => {}
    }
    store::add_log_number(&mut tx, &core, &number, account.id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a log number off an issue, or moves it to another issue of the same supplier (the
/// number was given to the wrong one): the committee and the supplier's representatives.
/// Both timelines record it.
#[server(prefix = "/api", endpoint = "issues/log_number/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_issue_log_number", skip_all, fields(issue = issue.0)))]
pub async fn remove_issue_log_number(
    issue: IssueId,
    log_number: String,
    move_to: Option<String>,
) -> Result<(), AppError> {
    let account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let move_text = move_to.unwrap_or_default();
    let kept = FormErrors::new()
        .keep("log_number", &log_number)
        .keep("move_to", &move_text);
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, issue).await?;
    if !may_manage_log_numbers(&account, core.supplier) {
        return Err(AppError::Forbidden);
    }
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    let number = LogNumber::parse(&log_number)
        .map_err(|message| AppError::refused(kept.clone().field("log_number", message)))?;
    let to = match move_text.trim() {
        "" => None,
        text => {
            let refuse =
                |message: String| AppError::refused(kept.clone().field("move_to", message));
            let target = IssueId::parse(text)
                .ok_or_else(|| refuse("Give the issue's number, such as #12.".to_owned()))?;
            let target = match visible_issue(&mut tx, &account, target).await {
                Ok(target) => target,
                Err(AppError::NotFound) => {
                    return Err(refuse(format!("There is no issue {target}.")))
                }
                Err(other) => return Err(other),
            };
            if target.id == core.id {
                return Err(refuse("That is this issue; choose another.".to_owned()));
            }
            if target.supplier != core.supplier {
                return Err(refuse(format!(
                    "Issue {} is about another supplier, and a log number belongs to its \
                     supplier's issues.",
                    target.id
                )));
            }
            if target.duplicate_of.is_some() {
                return Err(refuse(format!(
                    "Issue {} was merged into another; move the number there.",
                    target.id
                )));
            }
            Some(target.id)
        }
    };
    if !store::remove_log_number(&mut tx, &core, &number, to, account.id, now).await? {
        return Err(AppError::refused(kept.field(
            "log_number",
            format!("This issue does not have the log number {number}."),
        )));
    }
    tx.commit().await?;
    Ok(())
}
