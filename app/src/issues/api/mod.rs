//! Server functions of the issue tracker. Each obtains the caller first, then checks the
//! record: a supplier representative reads and acts only on their own supplier's issues.

mod changes;
mod log_numbers;
mod posts;
mod report;

pub use changes::*;
pub use log_numbers::*;
pub use posts::*;
pub use report::*;

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{
        issue_workflow::{check_transition, days_awaiting},
        people::CurrentUser,
        permissions::{
            allows, may_add_log_number, may_edit_details, may_manage_log_numbers, may_post,
            may_see_supplier, status_changer, Permission,
        },
    },
    error::FormErrors,
    guard,
    issues::{
        store::{self, IssueCore},
        types::{
            IssueEditing, IssueFilter, IssueStatus, LogNumber, PostId, TimelineEntry, ViewerRights,
        },
    },
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

/// A page of the issues list, for the list URL's query string (read leniently). A text that
/// is a log number held by exactly one issue answers with that issue to go to instead.
#[server(prefix = "/api", endpoint = "issues")]
pub async fn get_issues(query: String) -> Result<IssueListPage, AppError> {
    let viewer = guard::require(Permission::ReadIssues)?;
    let db = crate::db::use_db()?;
    let filter = IssueFilter::from_query(&query);
    if let Some(number) = filter.log_number_sought() {
        if let [only] = store::issues_with_log_number(&db, &number, &viewer).await?[..] {
            return Ok(IssueListPage::going_to(only.href()));
        }
    }
    let now = crate::clock::now();
    let names = suppliers::store::names(&db).await?;
    let (page, total) = store::list(&db, &filter, &viewer, now, PAGE_SIZE, &names).await?;
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
        rows: page.rows,
        total,
        total_capped,
        next_after: page.next,
        suppliers,
        modules,
        may_report: allows(viewer.role, Permission::ReportIssues),
        go_to: None,
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

/// How many timeline events a page of an issue shows; earlier ones are a link away.
#[cfg(feature = "ssr")]
const TIMELINE_PAGE: i64 = 50;

/// One issue with a page of its timeline (the newest events, or those before the event
/// `before`), and what the caller may do there.
#[server(prefix = "/api", endpoint = "issue")]
pub async fn get_issue(issue: IssueId, before: Option<i64>) -> Result<IssueView, AppError> {
    let viewer = guard::require(Permission::ReadIssues)?;
    let db = crate::db::use_db()?;
    let id = issue;
    let record = store::record_of(&db, id).await?.ok_or(AppError::NotFound)?;
    if !may_see_supplier(&viewer, record.supplier.id) {
        // Another supplier's issue answers exactly as a missing one: its existence is not
        // the caller's to learn.
        return Err(AppError::NotFound);
    }
    let now = crate::clock::now();
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
            && may_add_log_number(&viewer, record.supplier.id, record.reporter),
        may_manage_log_numbers: open && may_manage_log_numbers(&viewer, record.supplier.id),
        may_mark_affects: open && allows(viewer.role, Permission::ReportIssues),
        may_merge: open && allows(viewer.role, Permission::TriageIssues),
        may_edit_details: open && may_edit_details(&viewer, record.reporter),
        affects_me,
        following,
    };
    let (timeline, earlier_events) =
        timeline_for(&db, &viewer, id, open, record.mentioned, before).await?;
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
        commitments: crate::commitments::store::commitments_of_issue(&db, id).await?,
        affects: record.affects,
        days_awaiting: record
            .awaiting_since
            .and_then(|since| days_awaiting(record.status, since, now)),
        timeline,
        earlier_events,
        before,
        viewer: viewer_rights,
    })
}

/// The timeline as `viewer` sees it: which posts they may edit or remove, and, for the
/// committee, the earlier texts of edited and removed posts.
#[cfg(feature = "ssr")]
async fn timeline_for(
    db: &crate::db::Db,
    viewer: &CurrentUser,
    id: IssueId,
    open: bool,
    mentioned: bool,
    before: Option<i64>,
) -> Result<(Vec<TimelineEntry>, Option<i64>), AppError> {
    let committee = allows(viewer.role, Permission::TriageIssues);
    let page = store::timeline(db, id, before, TIMELINE_PAGE).await?;
    let rows = page.rows;
    let mut earlier: std::collections::HashMap<i64, Vec<_>> = std::collections::HashMap::new();
    if let (true, Some(first), Some(last)) = (committee, rows.first(), rows.last()) {
        for (post, text) in store::earlier_texts(db, id, first.entry.id, last.entry.id).await? {
            earlier.entry(post).or_default().push(text);
        }
    }
    let earlier_events = page.next;
    // Meetings that discussed the issue join the page whose time span holds their date: after
    // its first event when earlier pages exist, before the next page's first event. Looked
    // for only when something names the issue at all (most issues: nothing).
    let discussed = if mentioned {
        let from = earlier_events.and(rows.first()).map(|row| row.entry.at);
        let until = match before {
            Some(event) => store::time_of_event_from(db, id, event).await?,
            None => None,
        };
        let audience = crate::domain::meetings::Audience::of(Some(viewer));
        crate::meetings::api::discussions_of(db, audience, crate::domain::ids::ItemRef::Issue(id))
            .await?
            .into_iter()
            .filter(|discussion| {
                from.is_none_or(|from| discussion.starts_at > from)
                    && until.is_none_or(|until| discussion.starts_at <= until)
            })
            .map(discussed_entry)
            .collect()
    } else {
        Vec::new()
    };
    let mut entries: Vec<TimelineEntry> = rows
        .into_iter()
        .map(|row| {
            let mut entry = row.entry;
            if open && entry.kind.is_post() && !entry.removed {
                let own = row.author == Some(viewer.id);
                entry.may_edit = own;
                entry.may_remove = own || committee;
                entry.source = own.then_some(row.text);
            }
            entry.earlier = earlier.remove(&entry.id).unwrap_or_default();
            entry
        })
        .collect();
    if !discussed.is_empty() {
        entries.extend(discussed);
        // Stable: events of one moment keep their order, a meeting after them.
        entries.sort_by_key(|entry| entry.at);
    }
    Ok((entries, earlier_events))
}

/// A timeline entry saying a meeting discussed the issue.
#[cfg(feature = "ssr")]
fn discussed_entry(discussion: crate::meetings::types::Discussion) -> TimelineEntry {
    TimelineEntry {
        id: 0,
        kind: crate::issues::types::EventKind::Discussed,
        actor: None,
        actor_role: None,
        at: discussion.starts_at,
        body: None,
        from_status: None,
        to_status: None,
        detail: String::new(),
        other_issue: None,
        edited: false,
        removed: false,
        version: 0,
        may_edit: false,
        may_remove: false,
        source: None,
        earlier: Vec::new(),
        discussed: Some(discussion),
    }
}

/// The page of the issue's timeline that shows the event `event`: the issue's own page while
/// the event is among the newest, else the page of events up to it.
#[cfg(feature = "ssr")]
async fn timeline_page_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    issue: IssueId,
    event: i64,
) -> Result<String, AppError> {
    if store::events_after(tx, issue, event).await? < TIMELINE_PAGE {
        Ok(issue.href())
    } else {
        Ok(format!("{}?before={}", issue.href(), event + 1))
    }
}

/// The post, with its issue, if it exists and the caller may see that issue.
#[cfg(feature = "ssr")]
async fn visible_post(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    viewer: &CurrentUser,
    post: PostId,
) -> Result<(store::PostCore, IssueCore), AppError> {
    let post = store::post_core(tx, post)
        .await?
        .filter(|post| post.kind.is_post())
        .ok_or(AppError::NotFound)?;
    let issue = visible_issue(tx, viewer, post.issue).await?;
    Ok((post, issue))
}

/// The issue, if the caller may see it: 404 if there is none, and the same 404 if it is
/// another supplier's and the caller represents a supplier.
#[cfg(feature = "ssr")]
async fn visible_issue(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    viewer: &CurrentUser,
    id: IssueId,
) -> Result<IssueCore, AppError> {
    let core = store::core(tx, id).await?.ok_or(AppError::NotFound)?;
    if may_see_supplier(viewer, core.supplier) {
        Ok(core)
    } else {
        Err(AppError::NotFound)
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
