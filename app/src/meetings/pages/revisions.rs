//! An agenda item's revisions (`/meetings/:id/items/:item/revisions`), for the committee:
//! every version of its published text, any one as it read, and what changed between two.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    meetings::{
        api::get_item_revisions,
        types::{AgendaItemId, ItemRevisions, LineChange, RevisionDiff},
    },
    ui::{errors::Refusal, markdown::MarkdownView, time},
};

#[component]
pub fn RevisionsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        let number = |key: &str| query.read().get(key).and_then(|value| value.parse().ok());
        let item = params
            .read()
            .get("item")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0);
        (
            AgendaItemId(item),
            number("show"),
            number("from"),
            number("to"),
        )
    });
    let page = Resource::new_blocking(
        move || wanted.get(),
        |(item, show, from, to)| get_item_revisions(item, show, from, to),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! { <Revisions page/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Revisions(page: ItemRevisions) -> impl IntoView {
    let ItemRevisions {
        meeting,
        meeting_title,
        item,
        heading,
        revisions,
        shown,
        diff,
    } = page;
    let base = format!("{}/items/{}/revisions", meeting.href(), item.0);
    let shown_number = shown.as_ref().map(|shown| shown.number);
    let rows = revisions
        .into_iter()
        .map(|revision| {
            let number = revision.number;
            let what = if number == 1 { "As published".to_owned() } else { format!("Revision {number}") };
            let current = shown_number == Some(number);
            view! {
                <tr>
                    <td>{what}</td>
                    <td data-label="Saved">{time::date_time(revision.at)}</td>
                    <td data-label="By">{revision.by.unwrap_or_else(|| "Someone".to_owned())}</td>
                    <td>
                        {if current {
                            view! { <span class="muted">"Shown below"</span> }.into_any()
                        } else {
                            view! { <a href=format!("{base}?show={number}")>"Read"<span class="visually-hidden">" revision " {number}</span></a> }.into_any()
                        }}
                        {(number > 1).then(|| view! {
                            " · "
                            <a href=format!("{base}?show={number}&from={}&to={number}", number - 1)>
                                "Changes" <span class="visually-hidden">" in revision " {number}</span>
                            </a>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("Revisions: {heading}")/>
        <p class="breadcrumbs">
            <a href="/meetings">"Meetings"</a>
            " › "
            <a href=meeting.href()>{meeting_title}</a>
            " › "
            <a href=format!("{}#item-{}", meeting.href(), item.0)>{heading.clone()}</a>
        </p>
        <h1>"Revisions of \u{201c}" {heading} "\u{201d}"</h1>
        <p class="muted">"The text as the minutes were published, and after every later save."</p>
        <div class="table-wrap">
            <table class="list">
                <thead>
                    <tr>
                        <th scope="col">"Revision"</th>
                        <th scope="col">"Saved"</th>
                        <th scope="col">"By"</th>
                        <th scope="col"><span class="visually-hidden">"Read or compare"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {diff.map(|diff| view! { <Diff diff/> })}
        {shown.map(|shown| {
            let title = if shown.number == 1 {
                "As published".to_owned()
            } else {
                format!("Revision {}", shown.number)
            };
            view! {
                <section class="panel" aria-labelledby="shown-heading">
                    <h2 id="shown-heading">{title} ": " {shown.heading}</h2>
                    <MarkdownView html=shown.minutes/>
                </section>
            }
        })}
    }
}

#[component]
fn Diff(diff: RevisionDiff) -> impl IntoView {
    let title = format!(
        "Changes from revision {} to revision {}",
        diff.from, diff.to
    );
    view! {
        <section aria-labelledby="diff-heading">
            <h2 id="diff-heading">{title}</h2>
            {diff.heading.map(|(old, new)| view! {
                <p>"Heading: " <del>{old}</del> " → " <ins>{new}</ins></p>
            })}
            {if diff.lines.is_empty() {
                view! { <p>"The minutes' text is the same in both."</p> }.into_any()
            } else {
                view! {
                    <ol class="diff" aria-label="Lines of the minutes">
                        {diff.lines.into_iter().map(|line| match line.change {
                            LineChange::Same => view! { <li class="diff__same">{line.text}</li> }.into_any(),
                            LineChange::Added => view! { <li class="diff__added"><ins><span class="visually-hidden">"Added: "</span>{line.text}</ins></li> }.into_any(),
                            LineChange::Removed => view! { <li class="diff__removed"><del><span class="visually-hidden">"Removed: "</span>{line.text}</del></li> }.into_any(),
                            LineChange::Gap => view! { <li class="diff__gap">"…"</li> }.into_any(),
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
