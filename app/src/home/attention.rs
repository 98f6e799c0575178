//! The home page's first part for anyone signed in: the supplier's promises that need
//! attention, the most overdue first (against the first promise), then those due this
//! quarter.

use leptos::prelude::*;

use crate::commitments::types::{overdue_words, Attention, CommitmentSummary};

#[component]
pub fn AttentionView(attention: Attention) -> impl IntoView {
    let Attention {
        overdue,
        overdue_total,
        due,
        due_total,
        quarter,
        slipped,
        today,
    } = attention;
    let slipped = slipped.map(|slipped| {
        let since = format!(
            "Since the meeting of {}: {}",
            slipped.meeting.day.format("%-d %B %Y"),
            slipped.meeting.title
        );
        let href = format!("/commitments/since?meeting={}", slipped.meeting.id.0);
        let lines = slipped
            .rows
            .into_iter()
            .map(|row| {
                let when = row.promise.describe();
                line(row, format!("now {when}"))
            })
            .collect_view();
        view! {
            <section class="panel" aria-labelledby="slipped-heading">
                <h2 id="slipped-heading">"Slipped since the last meeting"</h2>
                <p class="muted">{since}</p>
                {if slipped.total == 0 {
                    view! { <p>"Nothing has slipped since."</p> }.into_any()
                } else {
                    view! { <ul class="attention__list">{lines}</ul> }.into_any()
                }}
                <p><a href=href>"Everything that changed since that meeting"</a></p>
            </section>
        }
    });
    let overdue_lines = overdue
        .into_iter()
        .map(|row| {
            let days = row
                .standing
                .overdue(today)
                .map(|(current, original)| overdue_words(current, original))
                .unwrap_or_default();
            line(row, days)
        })
        .collect_view();
    let due_lines = due
        .into_iter()
        .map(|row| {
            let when = row.promise.describe();
            line(row, format!("due {when}"))
        })
        .collect_view();
    view! {
        <div class="attention">
            <section class="panel" aria-labelledby="overdue-heading">
                <h2 id="overdue-heading">"Overdue promises"</h2>
                {if overdue_total == 0 {
                    view! { <p>"None: every dated promise still open is within its date."</p> }.into_any()
                } else {
                    view! {
                        <ul class="attention__list">{overdue_lines}</ul>
                        <p><a href="/commitments?rating=overdue">{all("overdue promises", overdue_total)}</a></p>
                    }
                        .into_any()
                }}
            </section>
            <section class="panel" aria-labelledby="due-heading">
                <h2 id="due-heading">"Due this quarter"</h2>
                <p class="muted">{quarter}</p>
                {if due_total == 0 {
                    view! { <p>"Nothing open falls due this quarter."</p> }.into_any()
                } else {
                    view! {
                        <ul class="attention__list">{due_lines}</ul>
                        <p><a href="/commitments?sort=due">{all("promises due", due_total)}</a></p>
                    }
                        .into_any()
                }}
            </section>
            {slipped}
        </div>
    }
}

fn line(row: CommitmentSummary, detail: String) -> impl IntoView {
    view! {
        <li>
            <span class="issue-number">{row.id.label()}</span>
            " "
            <a href=row.id.href()>{row.title}</a>
            <br/>
            <span class="muted">{row.supplier_name} " · " {detail}</span>
        </li>
    }
}

/// "All 7 overdue promises", or for one, a link to the list.
fn all(many: &str, total: i64) -> String {
    if total == 1 {
        "See it in the list of commitments".to_owned()
    } else {
        format!("All {total} {many}")
    }
}
