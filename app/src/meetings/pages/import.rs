//! Bringing minutes in (`/meetings/:id/import`): the chair pastes a whole minutes document,
//! sees the agenda items Watchdog proposes, adjusts the split in the Markdown (each `## `
//! line starts an item) and adds them. Every step is a plain form post.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    meetings::{
        api::{get_minutes_import, AddMinutesImport, DiscardMinutesImport, ProposeMinutesImport},
        types::{ImportProposal, MinutesImport},
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, FormMessage, TextAreaField},
        markdown::MarkdownView,
    },
};

use super::meeting::meeting_in_url;

#[component]
pub fn MinutesImportPage() -> impl IntoView {
    let meeting = meeting_in_url();
    let page = Resource::new_blocking(move || meeting.get(), get_minutes_import);
    let propose = ServerAction::<ProposeMinutesImport>::new();
    let add = ServerAction::<AddMinutesImport>::new();
    let discard = ServerAction::<DiscardMinutesImport>::new();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! { <Import page propose add discard/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(
    page: MinutesImport,
    propose: ServerAction<ProposeMinutesImport>,
    add: ServerAction<AddMinutesImport>,
    discard: ServerAction<DiscardMinutesImport>,
) -> impl IntoView {
    let MinutesImport {
        meeting,
        title,
        proposal,
    } = page;
    view! {
        <Title text=format!("Bring in minutes: {title}")/>
        <p class="breadcrumbs">
            <a href="/meetings">"Meetings"</a>
            " › "
            <a href=meeting.href()>{title.clone()}</a>
            " › "
            <a href=format!("{}/edit", meeting.href())>"Edit"</a>
        </p>
        <h1>"Bring in minutes"</h1>
        {match proposal {
            None => view! { <Paste meeting=meeting.0.to_string() propose/> }.into_any(),
            Some(proposal) => view! {
                <Proposal meeting=meeting.0.to_string() proposal propose add discard/>
            }
                .into_any(),
        }}
    }
}

#[component]
fn Paste(meeting: String, propose: ServerAction<ProposeMinutesImport>) -> impl IntoView {
    let errors = Signal::derive(move || form_errors(propose.value().get()));
    view! {
        <p>
            "Paste a whole minutes document: Markdown, or text copied from a word processor or a web page. "
            "Watchdog proposes how it splits into agenda items, and you adjust that before anything is added."
        </p>
        <FormMessage error=Signal::derive(move || action_failure(propose))/>
        <ActionForm action=propose attr:class="panel">
            <input type="hidden" name="meeting" value=meeting/>
            <TextAreaField
                name="text"
                label="The minutes document"
                hint="Short lines standing alone become headings; bullets become lists; #12 and log numbers the tracker knows become references."
                required=true
                rows=18
                errors
            />
            <button type="submit">"Propose agenda items"</button>
        </ActionForm>
    }
}

#[component]
fn Proposal(
    meeting: String,
    proposal: ImportProposal,
    propose: ServerAction<ProposeMinutesImport>,
    add: ServerAction<AddMinutesImport>,
    discard: ServerAction<DiscardMinutesImport>,
) -> impl IntoView {
    let ImportProposal { text, items } = proposal;
    let count = items.len();
    let errors = Signal::derive(move || {
        let added = form_errors(add.value().get());
        if added.kept.is_empty() {
            form_errors(propose.value().get())
        } else {
            added
        }
    });
    let add_label = match count {
        1 => "Add this item to the agenda".to_owned(),
        n => format!("Add these {n} items to the agenda"),
    };
    let discard_meeting = meeting.clone();
    view! {
        <section aria-labelledby="proposal-heading">
            <h2 id="proposal-heading">
                {match count {
                    1 => "One proposed agenda item".to_owned(),
                    n => format!("{n} proposed agenda items"),
                }}
            </h2>
            <ol class="proposal">
                {items
                    .into_iter()
                    .map(|item| view! {
                        <li>
                            <h3>{item.heading}</h3>
                            <MarkdownView html=item.minutes/>
                        </li>
                    })
                    .collect_view()}
            </ol>
        </section>
        <section class="panel" aria-labelledby="adjust-heading">
            <h2 id="adjust-heading">"Adjust the split"</h2>
            <p>
                "Each line starting " <code>"## "</code> " starts an item, with the rest of the line as its heading. "
                "Add, join or rename items here, then see the split again or add the items."
            </p>
            <FormMessage error=Signal::derive(move || action_failure(add).or_else(|| action_failure(propose)))/>
            <ActionForm action=add>
                <input type="hidden" name="meeting" value=meeting/>
                // Read only by "Show the split again": the text is a proposal already.
                <input type="hidden" name="adjusted" value="1"/>
                <TextAreaField name="text" label="The items, in Markdown" required=true rows=20 value=Signal::stored(text) errors/>
                <div class="button-row">
                    <button type="submit">{add_label}</button>
                    <button type="submit" class="button--secondary" formaction=ProposeMinutesImport::PATH>
                        "Show the split again"
                    </button>
                </div>
            </ActionForm>
        </section>
        <ActionForm action=discard attr:class="inline-form">
            <input type="hidden" name="meeting" value=discard_meeting/>
            <button type="submit" class="button--quiet">"Start again with another document"</button>
        </ActionForm>
    }
}
