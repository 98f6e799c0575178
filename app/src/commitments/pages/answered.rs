//! The issues a commitment answers, on its page: each with its status, and for the committee
//! and the supplier's representatives a form that links another by its number and a button
//! that unlinks each.

use leptos::prelude::*;

use crate::{
    commitments::{
        api::{LinkCommitmentIssue, UnlinkCommitmentIssue},
        types::{AnsweredIssue, CommitmentId},
    },
    ui::forms::{action_failure, form_errors, Field, FormMessage},
};

#[component]
pub(super) fn AnsweredIssues(
    commitment: CommitmentId,
    issues: Vec<AnsweredIssue>,
    may_link: bool,
) -> impl IntoView {
    let link = ServerAction::<LinkCommitmentIssue>::new();
    let unlink = ServerAction::<UnlinkCommitmentIssue>::new();
    let errors = Signal::derive(move || form_errors(link.value().get()));
    let empty = issues.is_empty();
    let id = commitment.0.to_string();
    let rows = issues
        .into_iter()
        .map(|issue| {
            let name = format!("{} {}", issue.id, issue.title);
            let remove = may_link.then(|| {
                let (commitment, number) = (id.clone(), issue.id.0.to_string());
                view! {
                    " "
                    <ActionForm action=unlink attr:class="inline-form inline-form--in-line">
                        <input type="hidden" name="commitment" value=commitment/>
                        <input type="hidden" name="issue" value=number/>
                        <button type="submit" class="button--quiet">
                            "Unlink" <span class="visually-hidden">{format!(" {}", issue.id)}</span>
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <li>
                    <a href=issue.id.href()>{name}</a>
                    " "
                    <span class=format!("badge badge--{}", issue.status.as_str())>{issue.status.label()}</span>
                    {remove}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="issues-heading">
            <h2 id="issues-heading">"Issues it answers"</h2>
            {if empty {
                view! { <p class="muted">"No issue is linked to it."</p> }.into_any()
            } else {
                view! { <ul class="outcomes">{rows}</ul> }.into_any()
            }}
            {may_link.then(|| view! {
                <FormMessage error=Signal::derive(move || action_failure(unlink))/>
                <FormMessage error=Signal::derive(move || action_failure(link))/>
                <ActionForm action=link attr:class="inline-form">
                    <input type="hidden" name="commitment" value=id.clone()/>
                    <Field name="issue" label="Link an issue" hint="Its number, such as #12: an issue of this supplier whose fix this promise brings." errors/>
                    <button type="submit">"Link issue"</button>
                </ActionForm>
            })}
        </section>
    }
}
