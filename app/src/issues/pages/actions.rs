//! What the reader of an issue's page can do and is doing: the page's actions, shared by its
//! facts and its timeline, and the part of the page being worked on.

use leptos::prelude::*;

use crate::issues::api::{
    AddIssueLogNumber, ChangeIssueStatus, EditIssue, EditIssuePost, MergeIssue, PostToIssue,
    RemoveIssueLogNumber, RemoveIssuePost, SetIssueAffects, SetIssueFollowing,
};

/// Everything a person can do on an issue's page. Each form posts to its server function,
/// which sends the browser back to the page; a refused one comes back as its action's value.
#[derive(Clone, Copy)]
pub(super) struct IssueActions {
    pub(super) post: ServerAction<PostToIssue>,
    pub(super) status: ServerAction<ChangeIssueStatus>,
    pub(super) log_number: ServerAction<AddIssueLogNumber>,
    pub(super) remove_log_number: ServerAction<RemoveIssueLogNumber>,
    pub(super) affects: ServerAction<SetIssueAffects>,
    pub(super) follow: ServerAction<SetIssueFollowing>,
    pub(super) merge: ServerAction<MergeIssue>,
    pub(super) edit: ServerAction<EditIssue>,
    pub(super) edit_post: ServerAction<EditIssuePost>,
    pub(super) remove_post: ServerAction<RemoveIssuePost>,
}

impl IssueActions {
    pub(super) fn new() -> Self {
        IssueActions {
            post: ServerAction::new(),
            status: ServerAction::new(),
            log_number: ServerAction::new(),
            remove_log_number: ServerAction::new(),
            affects: ServerAction::new(),
            follow: ServerAction::new(),
            merge: ServerAction::new(),
            edit: ServerAction::new(),
            edit_post: ServerAction::new(),
            remove_post: ServerAction::new(),
        }
    }
}

/// What part of an issue's page the reader is working on, from its URL: `?edit=details`,
/// `?edit=<post>` or `?remove=<post>`. Links lead there, so it works without JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Focus {
    Reading,
    EditingDetails,
    EditingPost(i64),
    RemovingPost(i64),
}

impl Focus {
    pub(super) fn from_query(edit: Option<String>, remove: Option<String>) -> Self {
        match (edit.as_deref(), remove) {
            (Some("details"), _) => Focus::EditingDetails,
            (Some(post), _) => post.parse().map_or(Focus::Reading, Focus::EditingPost),
            (None, Some(post)) => post.parse().map_or(Focus::Reading, Focus::RemovingPost),
            (None, None) => Focus::Reading,
        }
    }
}
