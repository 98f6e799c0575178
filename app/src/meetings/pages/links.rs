//! The issues an agenda item discussed: listed under its minutes for readers, and in the
//! editor picked from a search box (a GET form, so it works without JavaScript: the results
//! come back in the item's part of the editor, each with a button that links it).

use leptos::prelude::*;

use crate::meetings::{
    api::{LinkIssue, UnlinkIssue},
    types::{AgendaItemId, LinkedIssue},
};

/// "Issues discussed": each a link to the issue with its status.
#[component]
pub fn LinkedIssues(issues: Vec<LinkedIssue>) -> impl IntoView {
    (!issues.is_empty()).then(|| {
        view! {
            <div class="linked-issues">
                <h3>"Issues discussed"</h3>
                <ul>
                    {issues
                        .into_iter()
                        .map(|issue| view! {
                            <li>
                                {issue_line(&issue)}
                            </li>
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// An issue as the lists here show it: its number and title, linking to it, and its status.
fn issue_line(issue: &LinkedIssue) -> impl IntoView {
    view! {
        <a href=issue.id.href()>{format!("{} {}", issue.id, issue.title)}</a>
        <span class="muted">" — " {issue.status.clone()}</span>
    }
}

/// A search of the tracker made from one item's part of the editor: for which item, what
/// was sought, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IssueSearch {
    pub item: AgendaItemId,
    pub text: String,
    pub found: Vec<LinkedIssue>,
}

/// The server actions of the links, shared by every item's editor.
#[derive(Clone, Copy)]
pub struct LinkActions {
    pub link: ServerAction<LinkIssue>,
    pub unlink: ServerAction<UnlinkIssue>,
}

impl LinkActions {
    pub fn new() -> Self {
        LinkActions {
            link: ServerAction::new(),
            unlink: ServerAction::new(),
        }
    }
}

/// The committee's part of an item's editor: its linked issues, each with "Unlink", and the
/// search box whose results can be linked.
#[component]
pub fn LinkedIssuesEditor(
    item: AgendaItemId,
    issues: Vec<LinkedIssue>,
    /// The item as its heading names it ("3. Outage"), for the search's name.
    label: String,
    /// Where the editor is (`/meetings/N/edit`), for the search form.
    editor_href: String,
    /// The search made from this item, if the last one was.
    search: Option<IssueSearch>,
    actions: LinkActions,
) -> impl IntoView {
    let id = item.0.to_string();
    let search_id = format!("find-issue-{id}");
    let linked: Vec<_> = issues.iter().map(|issue| issue.id).collect();
    let (text, found) = match search {
        Some(search) => (search.text, Some(search.found)),
        None => (String::new(), None),
    };
    view! {
        <div class="linked-issues">
            <h4>"Issues discussed"</h4>
            {if issues.is_empty() {
                view! { <p class="muted">"None linked yet. Issues named in the minutes (#12, log:…) are linked by themselves."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {issues
                            .into_iter()
                            .map(|issue| view! {
                                <li>
                                    {issue_line(&issue)}
                                    <ActionForm action=actions.unlink attr:class="inline-form">
                                        <input type="hidden" name="item" value=item.0.to_string()/>
                                        <input type="hidden" name="issue" value=issue.id.0.to_string()/>
                                        <button type="submit" class="button--quiet">
                                            "Unlink"<span class="visually-hidden">" " {issue.id.to_string()}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <form method="get" action=format!("{editor_href}#item-{id}") class="issue-search" role="search" aria-label=format!("Issues to link to item {label}")>
                <input type="hidden" name="find_for" value=id.clone()/>
                <label for=search_id.clone()>"Find an issue to link"</label>
                <span class="field__hint" id=format!("{search_id}-hint")>"Its number, a log number, or words from it."</span>
                <div class="issue-search__row">
                    <input id=search_id.clone() type="search" name="find" value=text aria-describedby=format!("{search_id}-hint")/>
                    <button type="submit" class="button--secondary">"Find"</button>
                </div>
            </form>
            {found.map(|found| {
                if found.is_empty() {
                    view! { <p role="status">"No issue matches that."</p> }.into_any()
                } else {
                    view! {
                        <ul class="issue-search__results" aria-label="Issues found">
                            {found
                                .into_iter()
                                .map(|issue| {
                                    let already = linked.contains(&issue.id);
                                    view! {
                                        <li>
                                            {issue_line(&issue)}
                                            {if already {
                                                view! { <span class="muted">" (linked)"</span> }.into_any()
                                            } else {
                                                view! {
                                                    <ActionForm action=actions.link attr:class="inline-form">
                                                        <input type="hidden" name="item" value=item.0.to_string()/>
                                                        <input type="hidden" name="issue" value=issue.id.0.to_string()/>
                                                        <button type="submit" class="button--quiet">
                                                            "Link"<span class="visually-hidden">" " {issue.id.to_string()}</span>
                                                        </button>
                                                    </ActionForm>
                                                }
                                                    .into_any()
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            })}
        </div>
    }
}
