//! What an issue's page shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{EventKind, IssueId, IssueStatus, LogNumber};
use crate::{
    markdown::SafeHtml,
    meetings::types::Discussion,
    suppliers::types::{ModuleId, ModuleName, SupplierName},
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueView {
    pub id: IssueId,
    pub title: String,
    pub description: SafeHtml,
    pub supplier: SupplierName,
    pub module: Option<String>,
    pub patient_safety: bool,
    pub status: IssueStatus,
    /// What a planned fix targets (release and/or timeframe).
    pub target: Option<String>,
    pub duplicate_of: Option<IssueId>,
    pub reporter: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub log_numbers: Vec<LogNumber>,
    /// The commitments its fix is planned under.
    pub commitments: Vec<crate::commitments::types::PlannedUnder>,
    pub affects: i64,
    pub days_awaiting: Option<i64>,
    /// A page of the timeline, oldest first: the newest events unless the reader asked
    /// for earlier ones.
    pub timeline: Vec<TimelineEntry>,
    /// When earlier events are not shown: the event they come before (`?before=`).
    pub earlier_events: Option<i64>,
    /// The page shows the events before this one (`?before=`), and newer ones are a link away.
    pub before: Option<i64>,
    pub viewer: ViewerRights,
    /// What the edit form needs, when the viewer may edit the details.
    pub editing: Option<IssueEditing>,
}

/// The details as typed, and the choices, for the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueEditing {
    /// The description's Markdown.
    pub description: String,
    pub module: Option<ModuleId>,
    /// The issue's supplier's modules.
    pub modules: Vec<ModuleName>,
}

/// What the person looking may do here, so the page offers only that (the server
/// checks again on every call).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerRights {
    /// Comment (the user group) or respond officially (the supplier's representative).
    pub may_post: bool,
    pub posts_officially: bool,
    /// The statuses this person may move the issue to.
    pub next_statuses: Vec<IssueStatus>,
    pub may_add_log_number: bool,
    /// Remove a log number or move it to another issue.
    pub may_manage_log_numbers: bool,
    pub may_mark_affects: bool,
    /// Mark it a duplicate of another issue (the committee).
    pub may_merge: bool,
    /// Edit its title, description, module and safety flag (its reporter, the committee).
    pub may_edit_details: bool,
    pub affects_me: bool,
    pub following: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: i64,
    pub kind: EventKind,
    pub actor: Option<String>,
    /// "Supplier representative, Example Systems" and the like, beside the name.
    pub actor_role: Option<String>,
    pub at: DateTime<Utc>,
    /// The rendered text of a comment or response (none once removed).
    pub body: Option<SafeHtml>,
    pub from_status: Option<IssueStatus>,
    pub to_status: Option<IssueStatus>,
    pub detail: String,
    pub other_issue: Option<IssueId>,
    pub edited: bool,
    pub removed: bool,
    /// For the edit and removal forms, which refuse a stale page.
    pub version: i64,
    /// Its author may edit a post; its author or the committee may remove it.
    pub may_edit: bool,
    pub may_remove: bool,
    /// A post's Markdown, for its author's edit form (only theirs).
    pub source: Option<String>,
    /// What an edited or removed post said before (shown to the committee only).
    pub earlier: Vec<EarlierText>,
    /// For `EventKind::Discussed`: where.
    pub discussed: Option<Discussion>,
}

/// A post's text as it was before an edit or its removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierText {
    pub replaced_at: DateTime<Utc>,
    pub replaced_by: Option<String>,
    pub body: SafeHtml,
}
