//! A commitment's history: every promise of its ledger and, among them by date, the meetings
//! whose published minutes named it (`C-45`), newest first.

use leptos::prelude::*;

use super::*;
use crate::{commitments::types::LedgerLine, meetings::types::Discussion, ui::time};

/// A line of the history.
enum Entry {
    Promise(LedgerLine),
    Discussed(Discussion),
}

impl Entry {
    /// Its day and, within a day, promises before meetings, each in the order made.
    fn key(&self) -> (NaiveDate, u8, i64) {
        match self {
            Entry::Promise(line) => (line.said_on, 0, line.seq),
            Entry::Discussed(discussion) => (time::zone().clock(discussion.starts_at).date(), 1, 0),
        }
    }
}

/// The ledger and the meetings that discussed the commitment, newest first.
pub(super) fn history(ledger: Vec<LedgerLine>, discussions: Vec<Discussion>) -> impl IntoView {
    let mut entries: Vec<Entry> = ledger
        .into_iter()
        .map(Entry::Promise)
        .chain(discussions.into_iter().map(Entry::Discussed))
        .collect();
    entries.sort_by_key(Entry::key);
    view! {
        <ol class="timeline">
            {entries
                .into_iter()
                .rev()
                .map(|entry| match entry {
                    Entry::Promise(line) => ledger_line(line).into_any(),
                    Entry::Discussed(discussion) => discussed_line(discussion).into_any(),
                })
                .collect_view()}
        </ol>
    }
}

fn ledger_line(line: LedgerLine) -> impl IntoView {
    let by = line.by.clone().unwrap_or_else(|| "Someone".to_owned());
    view! {
        <li class="timeline__item">
            <p class="timeline__meta">
                <strong>{line.status.label()}</strong>
                " · said on " {day(line.said_on)}
                " · recorded by " {by} " on "
                <time datetime=line.at.to_rfc3339()>{time::date_time(line.at)}</time>
            </p>
            {if line.promise.window.is_some() {
                view! { <p>"Promised for " <PromiseText promise=line.promise/></p> }.into_any()
            } else {
                view! { <p>"No date given: " <PromiseText promise=line.promise/></p> }.into_any()
            }}
            {(!line.reason.is_empty()).then(|| view! { <p>"Why: " {line.reason.clone()}</p> })}
            {(!line.note.is_empty()).then(|| view! { <p>"Delivered: " {line.note.clone()}</p> })}
            {(!line.evidence_url.is_empty()).then(|| view! {
                <p><a href=line.evidence_url.clone() rel="noopener noreferrer nofollow">"Evidence"</a></p>
            })}
        </li>
    }
}

/// "Discussed at the watchdog meeting of 15 June 2023", leading to the item in its minutes.
fn discussed_line(discussion: Discussion) -> impl IntoView {
    let href = discussion.href();
    let meeting = discussion.meeting_of(&time::date(discussion.starts_at));
    view! {
        <li class="timeline__item timeline__item--discussed">
            <p class="timeline__meta">
                "Discussed at " <a href=href>{meeting}</a>
                <span class="muted">" — " {discussion.title}</span>
            </p>
        </li>
    }
}
