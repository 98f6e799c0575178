//! Reporting an issue.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{
        permissions::Permission,
        posting_limits::{self, longest_window, ISSUES},
    },
    error::FormErrors,
    guard,
    issues::{
        store::{self, NewIssue},
        types::LogNumber,
    },
    markdown::{check_required, Markdown},
    suppliers::{self},
};
use crate::{error::AppError, issues::types::IssueId};

#[cfg(feature = "ssr")]
use super::*;

/// The user group: reports an issue, with the supplier's log number if it has one, and goes
/// to its page.
#[server(prefix = "/api", endpoint = "issues/report")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "report_issue", skip_all))]
pub async fn report_issue(
    title: String,
    description: String,
    supplier: String,
    module: Option<String>,
    patient_safety: Option<String>,
    log_number: Option<String>,
) -> Result<IssueId, AppError> {
    let reporter = guard::require(Permission::ReportIssues)?;
    let db = crate::db::use_db()?;
    let module_text = module.clone().unwrap_or_default();
    let log_text = log_number.clone().unwrap_or_default();
    let safety = patient_safety.is_some_and(|value| !value.is_empty());
    let kept = FormErrors::new()
        .keep("title", &title)
        .keep("description", &description)
        .keep("supplier", &supplier)
        .keep("module", &module_text)
        .keep("log_number", &log_text)
        .keep("patient_safety", if safety { "on" } else { "" });
    let mut errors = kept.clone();

    let title_value = match check_title(&title) {
        Ok(title) => title,
        Err(message) => {
            errors = errors.field("title", message);
            ""
        }
    };
    if let Err(message) = check_required(
        &description,
        "Describe the problem: what you did, what happened, what you expected.",
    ) {
        errors = errors.field("description", message);
    }
    let names = suppliers::store::names(&db).await?;
    let supplier_id = supplier
        .parse::<i64>()
        .ok()
        .and_then(|id| names.suppliers.iter().find(|known| known.id.0 == id))
        .map(|known| known.id);
    if supplier_id.is_none() {
        errors = errors.field(
            "supplier",
            "Choose the supplier whose system has the problem.",
        );
    }
    let module_id = match check_module(&module_text, supplier_id, &names.modules) {
        Ok(module) => module,
        Err(message) => {
            errors = errors.field("module", message);
            None
        }
    };
    let log = match log_text.trim() {
        "" => None,
        text => match LogNumber::parse(text) {
            Ok(number) => Some(number),
            Err(message) => {
                errors = errors.field("log_number", message);
                None
            }
        },
    };
    let Some(supplier_id) = supplier_id.filter(|_| errors.fields.is_empty()) else {
        return Err(AppError::refused(errors));
    };

    let description = Markdown::render(description.trim_end());
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    if let Some(number) = &log {
        if let Some(holder) = store::issue_holding(&mut tx, supplier_id, number).await? {
            return Err(log_number_taken(kept, number, holder));
        }
    }
    let issue = NewIssue {
        title: title_value,
        description: &description,
        supplier: supplier_id,
        module: module_id,
        patient_safety: safety,
        reporter: reporter.id,
        log_number: log.as_ref(),
    };
    let recent = store::reported_since(&mut tx, reporter.id, now - longest_window(&ISSUES)).await?;
    if let Some(wait) = posting_limits::wait(&ISSUES, &recent, now) {
        return Err(AppError::refused(kept.form(format!(
            "You have reported as many issues as Watchdog takes from one account in a short \
             while. What you wrote is kept below. {}",
            posting_limits::try_again_in(wait)
        ))));
    }
    let id = store::create(&mut tx, issue, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&id.href());
    Ok(id)
}
