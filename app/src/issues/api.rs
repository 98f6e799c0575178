//! Server functions of the issue tracker. Each obtains the caller first, then checks the
//! record: a supplier representative reads and acts only on their own supplier's issues.

// The list's server function takes the URL's parameters one by one, so a link and a call
// name them alike.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts::{guard, types::CurrentUser},
    domain::{
        issue_workflow::{check_transition, days_awaiting, parse_target, StatusChanger},
        permissions::{allows, may_see_supplier, Permission},
    },
    error::FormErrors,
    issues::{
        store::{self, IssueCore, NewEvent, NewIssue},
        types::{
            EventKind, IssueDetails, IssueEditing, IssueFilter, IssueStatus, LogNumber,
            ViewerRights,
        },
    },
    markdown::{check_required, check_size, Markdown},
    suppliers::{
        self,
        types::{ModuleId, SupplierId},
    },
};
use crate::{
    error::AppError,
    issues::types::{IssueId, IssueListPage, IssueView, ReportOptions},
};

/// Issues per page of the list.
#[cfg(feature = "ssr")]
const PAGE_SIZE: i64 = 25;

/// A page of the issues list. Parameters are the URL's, read leniently. A text that is a
/// log number held by exactly one issue goes straight to that issue.
#[server(prefix = "/api", endpoint = "issues")]
pub async fn get_issues(
    status: Option<String>,
    supplier: Option<String>,
    module: Option<String>,
    safety: Option<String>,
    awaiting: Option<String>,
    following: Option<String>,
    mine: Option<String>,
    q: Option<String>,
    sort: Option<String>,
    after: Option<String>,
) -> Result<IssueListPage, AppError> {
    let viewer = guard::require(Permission::ReadIssues)?;
    let db = crate::db::use_db()?;
    let pairs = [
        ("status", status),
        ("supplier", supplier),
        ("module", module),
        ("safety", safety),
        ("awaiting", awaiting),
        ("following", following),
        ("mine", mine),
        ("q", q),
        ("sort", sort),
        ("after", after),
    ];
    let filter = IssueFilter::from_pairs(
        pairs
            .iter()
            .filter_map(|(key, value)| value.as_deref().map(|value| (*key, value))),
    );
    if let Some(number) = filter.log_number_sought() {
        if let [only] = store::issues_with_log_number(&db, &number, &viewer).await?[..] {
            leptos_axum::redirect(&only.href());
        }
    }
    let now = chrono::Utc::now();
    let names = suppliers::store::names(&db).await?;
    let (rows, total, next_after) =
        store::list(&db, &filter, &viewer, now, PAGE_SIZE, &names).await?;
    let (total, total_capped) = match total {
        store::Total::Exactly(count) => (count, false),
        store::Total::MoreThan(count) => (count, true),
    };
    let suppliers = names
        .suppliers
        .iter()
        .filter(|supplier| may_see_supplier(&viewer, supplier.id))
        .cloned()
        .collect();
    let modules = names
        .modules
        .iter()
        .filter(|module| may_see_supplier(&viewer, module.supplier))
        .cloned()
        .collect();
    Ok(IssueListPage {
        rows,
        total,
        total_capped,
        next_after,
        suppliers,
        modules,
        may_report: allows(viewer.role, Permission::ReportIssues),
    })
}

/// The user group: the suppliers and modules an issue can be reported against.
#[server(prefix = "/api", endpoint = "issues/report_options")]
pub async fn get_report_options() -> Result<ReportOptions, AppError> {
    guard::require(Permission::ReportIssues)?;
    let db = crate::db::use_db()?;
    let names = suppliers::store::names(&db).await?;
    Ok(ReportOptions {
        suppliers: names.suppliers.clone(),
        modules: names.modules.clone(),
    })
}

/// One issue with its timeline, and what the caller may do there.
#[server(prefix = "/api", endpoint = "issue")]
pub async fn get_issue(issue: i64) -> Result<IssueView, AppError> {
    let viewer = guard::require(Permission::ReadIssues)?;
    let db = crate::db::use_db()?;
    let id = IssueId(issue);
    let record = store::record_of(&db, id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if !may_see_supplier(&viewer, record.supplier.id) {
        return Err(AppError::Forbidden.with_status());
    }
    let now = chrono::Utc::now();
    let (affects_me, following) = store::affects_and_follows(&db, id, viewer.id).await?;
    let changer = status_changer(&viewer, record.supplier.id);
    let next_statuses = changer
        .map(|changer| {
            IssueStatus::ALL
                .into_iter()
                .filter(|to| check_transition(record.status, *to, changer).is_ok())
                .collect()
        })
        .unwrap_or_default();
    let open = record.duplicate_of.is_none();
    let viewer_rights = ViewerRights {
        may_post: open && may_post(&viewer, record.supplier.id),
        posts_officially: allows(viewer.role, Permission::RespondForSupplier),
        next_statuses,
        may_add_log_number: open
            && may_add_log_number(&viewer, &record.supplier.id, record.reporter),
        may_mark_affects: open && allows(viewer.role, Permission::ReportIssues),
        may_merge: open && allows(viewer.role, Permission::TriageIssues),
        may_edit_details: open && may_edit_details(&viewer, record.reporter),
        affects_me,
        following,
    };
    let editing = if viewer_rights.may_edit_details {
        let names = suppliers::store::names(&db).await?;
        let modules = names
            .modules
            .iter()
            .filter(|module| module.supplier == record.supplier.id)
            .cloned()
            .collect();
        Some(IssueEditing {
            description: record.description.source().to_owned(),
            module: record.module_id,
            modules,
        })
    } else {
        None
    };
    Ok(IssueView {
        id,
        editing,
        title: record.title,
        description: record.description.into_html(),
        supplier: record.supplier,
        module: record.module,
        patient_safety: record.patient_safety,
        status: record.status,
        target: (!record.target.is_empty()).then_some(record.target),
        duplicate_of: record.duplicate_of,
        reporter: record.reporter_name,
        created_at: record.created_at,
        updated_at: record.updated_at,
        version: record.version,
        log_numbers: store::log_numbers_of(&db, id).await?,
        affects: record.affects,
        days_awaiting: record
            .awaiting_since
            .and_then(|since| days_awaiting(record.status, since, now)),
        timeline: timeline_for(&db, &viewer, id, open).await?,
        viewer: viewer_rights,
    })
}

/// The user group: reports an issue, with the supplier's log number if it has one, and goes
/// to its page.
#[server(prefix = "/api", endpoint = "issues/report")]
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
    let now = chrono::Utc::now();
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
    let id = store::create(&mut tx, issue, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&id.href());
    Ok(id)
}

/// Posts to an issue's timeline: a comment from the user group, or an official response
/// from a representative of the issue's supplier. The poster follows the issue from then on.
#[server(prefix = "/api", endpoint = "issues/post")]
pub async fn post_to_issue(issue: i64, body: String) -> Result<(), AppError> {
    let poster = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &poster, IssueId(issue)).await?;
    if !may_post(&poster, core.supplier) {
        return Err(AppError::Forbidden.with_status());
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
    let official = allows(poster.role, Permission::RespondForSupplier);
    store::post(&mut tx, core.id, poster.id, &body, official, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves an issue along the workflow (with an optional note). Representatives of the
/// issue's supplier and the committee may, each within the workflow's rules; a change made
/// on a page loaded before someone else's change is refused.
#[server(prefix = "/api", endpoint = "issues/status")]
pub async fn change_issue_status(
    issue: i64,
    version: i64,
    status: String,
    target: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    let changer_account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let target_text = target.unwrap_or_default();
    let note = note.unwrap_or_default();
    let kept = FormErrors::new()
        .keep("status", &status)
        .keep("target", &target_text)
        .keep("note", &note);
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &changer_account, IssueId(issue)).await?;
    let Some(changer) = status_changer(&changer_account, core.supplier) else {
        return Err(AppError::Forbidden.with_status());
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
        return Err(AppError::refused(kept.form(
            "Someone changed this issue after you opened the page. It now shows the current \
             status; choose again if your change is still needed.",
        )));
    }
    tx.commit().await?;
    Ok(())
}

/// Adds a supplier log number to an issue: its reporter, the committee, or a representative
/// of its supplier. A number the supplier already gave another issue is refused, naming it.
#[server(prefix = "/api", endpoint = "issues/log_number")]
pub async fn add_issue_log_number(issue: i64, log_number: String) -> Result<(), AppError> {
    let account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let kept = FormErrors::new().keep("log_number", &log_number);
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, IssueId(issue)).await?;
    if !may_add_log_number(&account, &core.supplier, core.reporter) {
        return Err(AppError::Forbidden.with_status());
    }
    if core.duplicate_of.is_some() {
        return Err(merged_refusal(&core));
    }
    let number = LogNumber::parse(&log_number)
        .map_err(|message| AppError::refused(kept.clone().field("log_number", message)))?;
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

/// The user group: says the issue affects the caller's practice too (who then follows it),
/// or withdraws that. Counted once per account however often it is sent.
#[server(prefix = "/api", endpoint = "issues/affects")]
pub async fn set_issue_affects(issue: i64, affects: bool) -> Result<(), AppError> {
    let account = guard::require(Permission::ReportIssues)?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, IssueId(issue)).await?;
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
pub async fn set_issue_following(issue: i64, follow: bool) -> Result<(), AppError> {
    let account = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &account, IssueId(issue)).await?;
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
pub async fn merge_issue(issue: i64, version: i64, into: String) -> Result<(), AppError> {
    let chair = guard::require(Permission::TriageIssues)?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let kept = FormErrors::new().keep("into", &into);
    let refuse = |message: String| Err(AppError::refused(kept.clone().field("into", message)));
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &chair, IssueId(issue)).await?;
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
        return Err(AppError::refused(kept.form(
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
pub async fn edit_issue(
    issue: i64,
    version: i64,
    title: String,
    description: String,
    module: Option<String>,
    patient_safety: Option<String>,
) -> Result<(), AppError> {
    let editor = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let module_text = module.unwrap_or_default();
    let safety = patient_safety.is_some_and(|value| !value.is_empty());
    let kept = FormErrors::new()
        .keep("title", &title)
        .keep("description", &description)
        .keep("module", &module_text)
        .keep("patient_safety", if safety { "on" } else { "" });
    let names = suppliers::store::names(&db).await?;
    let mut tx = db.begin_write().await?;
    let core = visible_issue(&mut tx, &editor, IssueId(issue)).await?;
    if !may_edit_details(&editor, core.reporter) {
        return Err(AppError::Forbidden.with_status());
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
            return Err(AppError::refused(kept.form(
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

/// The author of a comment or official response replaces its text; the committee can still
/// read what it said before.
#[server(prefix = "/api", endpoint = "issues/post/edit")]
pub async fn edit_issue_post(post: i64, version: i64, body: String) -> Result<(), AppError> {
    let editor = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let kept = FormErrors::new().keep("body", &body);
    let mut tx = db.begin_write().await?;
    let (post, issue) = visible_post(&mut tx, &editor, post).await?;
    if post.author != Some(editor.id) {
        return Err(AppError::Forbidden.with_status());
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
        return Err(AppError::refused(kept.form(
            "This changed after you opened the page. It now shows the current text; edit \
             again if your change is still needed.",
        )));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}#event-{}", issue.id.href(), post.id));
    Ok(())
}

/// Its author, or the committee, removes a comment or official response: the timeline says
/// it was removed, and the committee can still read what it said.
#[server(prefix = "/api", endpoint = "issues/post/remove")]
pub async fn remove_issue_post(post: i64, version: i64) -> Result<(), AppError> {
    let remover = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let (post, issue) = visible_post(&mut tx, &remover, post).await?;
    let own = post.author == Some(remover.id);
    if !(own || allows(remover.role, Permission::TriageIssues)) {
        return Err(AppError::Forbidden.with_status());
    }
    if !post.removed && !store::remove_post(&mut tx, &post, version, remover.id, now).await? {
        return Err(AppError::refused(FormErrors::new().form(
            "This changed after you opened the page. Look at it again before removing it.",
        )));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}#event-{}", issue.id.href(), post.id));
    Ok(())
}

/// The timeline as `viewer` sees it: which posts they may edit or remove, and, for the
/// committee, the earlier texts of edited and removed posts.
#[cfg(feature = "ssr")]
async fn timeline_for(
    db: &crate::db::Db,
    viewer: &CurrentUser,
    id: IssueId,
    open: bool,
) -> Result<Vec<crate::issues::types::TimelineEntry>, AppError> {
    let committee = allows(viewer.role, Permission::TriageIssues);
    let mut earlier = if committee {
        store::earlier_texts(db, id).await?
    } else {
        Vec::new()
    };
    let entries = store::timeline(db, id).await?;
    Ok(entries
        .into_iter()
        .map(|row| {
            let mut entry = row.entry;
            if open && entry.kind.is_post() && !entry.removed {
                let own = row.author == Some(viewer.id);
                entry.may_edit = own;
                entry.may_remove = own || committee;
                entry.source = own.then_some(row.text);
            }
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut earlier)
                .into_iter()
                .partition(|(post, _)| *post == entry.id);
            earlier = rest;
            entry.earlier = mine.into_iter().map(|(_, text)| text).collect();
            entry
        })
        .collect())
}

/// The post, with its issue, if it exists and the caller may see that issue.
#[cfg(feature = "ssr")]
async fn visible_post(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    viewer: &CurrentUser,
    post: i64,
) -> Result<(store::PostCore, IssueCore), AppError> {
    let post = store::post_core(tx, post)
        .await?
        .filter(|post| post.kind.is_post())
        .ok_or_else(|| AppError::NotFound.with_status())?;
    let issue = visible_issue(tx, viewer, post.issue).await?;
    Ok((post, issue))
}

/// The issue, if the caller may see it: 404 if there is none, 403 if it is another
/// supplier's and the caller represents a supplier.
#[cfg(feature = "ssr")]
async fn visible_issue(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    viewer: &CurrentUser,
    id: IssueId,
) -> Result<IssueCore, AppError> {
    let core = store::core(tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if may_see_supplier(viewer, core.supplier) {
        Ok(core)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// A title as given, trimmed, or why it will not do.
#[cfg(feature = "ssr")]
fn check_title(title: &str) -> Result<&str, &'static str> {
    let title = title.trim();
    if title.is_empty() {
        Err("Give the issue a title: what goes wrong, in a line.")
    } else if title.chars().count() > 200 {
        Err("Keep the title under 200 characters.")
    } else {
        Ok(title)
    }
}

/// The module chosen (by id, one of `supplier`'s), none, or why it will not do.
#[cfg(feature = "ssr")]
fn check_module(
    text: &str,
    supplier: Option<SupplierId>,
    modules: &[suppliers::types::ModuleName],
) -> Result<Option<ModuleId>, &'static str> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse::<i64>()
            .ok()
            .and_then(|id| {
                modules
                    .iter()
                    .find(|module| module.id.0 == id && Some(module.supplier) == supplier)
            })
            .map(|module| Some(module.id))
            .ok_or("Choose one of this supplier's modules, or none."),
    }
}

/// Its reporter (while still in the user group) and the committee edit an issue's details.
#[cfg(feature = "ssr")]
fn may_edit_details(
    user: &CurrentUser,
    reporter: Option<crate::accounts::types::AccountId>,
) -> bool {
    allows(user.role, Permission::TriageIssues)
        || (allows(user.role, Permission::ReportIssues) && reporter == Some(user.id))
}

/// Who posts: the user group comments, a representative of the issue's supplier responds.
#[cfg(feature = "ssr")]
fn may_post(user: &CurrentUser, supplier: SupplierId) -> bool {
    allows(user.role, Permission::ReportIssues)
        || (allows(user.role, Permission::RespondForSupplier) && user.supplier == Some(supplier))
}

#[cfg(feature = "ssr")]
fn status_changer(user: &CurrentUser, supplier: SupplierId) -> Option<StatusChanger> {
    if allows(user.role, Permission::TriageIssues) {
        Some(StatusChanger::Committee)
    } else if allows(user.role, Permission::RespondForSupplier) && user.supplier == Some(supplier) {
        Some(StatusChanger::SupplierRep)
    } else {
        None
    }
}

#[cfg(feature = "ssr")]
fn may_add_log_number(
    user: &CurrentUser,
    supplier: &SupplierId,
    reporter: Option<crate::accounts::types::AccountId>,
) -> bool {
    status_changer(user, *supplier).is_some() || reporter == Some(user.id)
}

#[cfg(feature = "ssr")]
fn log_number_taken(kept: FormErrors, number: &LogNumber, holder: IssueId) -> AppError {
    AppError::refused(kept.field(
        "log_number",
        format!("{number} is already on issue {holder}; add to that issue instead."),
    ))
}

#[cfg(feature = "ssr")]
fn merged_refusal(core: &IssueCore) -> AppError {
    let target = core
        .duplicate_of
        .map(|id| id.to_string())
        .unwrap_or_default();
    AppError::refused(FormErrors::new().form(format!(
        "This issue was merged into {target}; continue there."
    )))
}
