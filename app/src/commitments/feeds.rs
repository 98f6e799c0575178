//! The commitments' feeds, for people who follow them from elsewhere, read as the account
//! whose feed key opens them (commitments are never public): every promise recorded, as
//! Atom (`/feeds/commitments.atom`), and the due dates of the promises still owed, as
//! all-day events on the last day due (`/feeds/commitments.ics`). The formats are written
//! by atom_syndication and icalendar; this chooses what goes in.

use atom_syndication::{Content, Entry, Feed, Link, Person};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::{
    accounts::types::CurrentUser,
    commitments::{
        store::{self, ChangeRow},
        types::{CommitmentId, CommitmentStatus},
    },
    db::{timestamp, Db},
    domain::permissions::SupplierScope,
};

/// Promises in the Atom feed: the most recently recorded.
const CHANGES_IN_FEED: i64 = 50;

/// Due dates in the calendar: from this long ago on, at most this many.
const CALENDAR_DAYS_BACK: i64 = 400;
const DUE_DATES_IN_CALENDAR: i64 = 1000;

/// The Atom feed of the promises recorded for the commitments `reader` may see. `origin`
/// builds the links; `self_path` is the feed's own address (with its key).
pub async fn changes_atom(
    db: &Db,
    reader: &CurrentUser,
    instance: &str,
    origin: &str,
    self_path: &str,
) -> Result<String, sqlx::Error> {
    let rows = store::latest_changes(db, SupplierScope::of(reader), CHANGES_IN_FEED).await?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut newest: Option<DateTime<Utc>> = None;
    for row in rows {
        let at = timestamp::from_db(&row.created_at)?;
        newest = newest.max(Some(at));
        entries.push(change_entry(origin, row, at));
    }
    let mut feed = Feed::default();
    feed.set_title(format!("{instance}: commitments"));
    feed.set_id(format!("{origin}/feeds/commitments.atom"));
    feed.set_updated(newest.unwrap_or(DateTime::<Utc>::UNIX_EPOCH).fixed_offset());
    let mut author = Person::default();
    author.set_name(instance);
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(&format!("{origin}{self_path}"), "self"),
        link(&format!("{origin}/commitments"), "alternate"),
    ]);
    feed.set_entries(entries);
    Ok(feed.to_string())
}

/// What an entry of the ledger did, in a few words.
fn what_happened(row: &ChangeRow) -> String {
    let status = CommitmentStatus::parse(&row.status);
    match (row.seq, status) {
        (1, _) => format!("promised \u{201c}{}\u{201d}", row.words),
        (_, Some(CommitmentStatus::Delivered)) => "delivered".to_owned(),
        (_, Some(CommitmentStatus::Withdrawn)) => "withdrawn".to_owned(),
        (_, Some(status)) => format!(
            "{}, \u{201c}{}\u{201d}",
            status.label().to_lowercase(),
            row.words
        ),
        (_, None) => format!("\u{201c}{}\u{201d}", row.words),
    }
}

fn change_entry(origin: &str, row: ChangeRow, at: DateTime<Utc>) -> Entry {
    let href = format!("{origin}{}", row.commitment_id.href());
    let said_on = row
        .said_on
        .parse::<NaiveDate>()
        .map(|day| day.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| row.said_on.clone());
    let mut text = format!(
        "{}. Said on {said_on}: \u{201c}{}\u{201d}, read as {}.",
        row.supplier_name, row.words, row.timeframe
    );
    if !row.reason.is_empty() {
        text.push_str(&format!(" Why: {}", row.reason));
    }
    if !row.note.is_empty() {
        text.push_str(&format!(" Delivered: {}", row.note));
    }
    let mut content = Content::default();
    content.set_content_type(Some("text".to_owned()));
    content.set_value(Some(text));
    let mut entry = Entry::default();
    entry.set_title(format!(
        "{} {}: {}",
        row.commitment_id.label(),
        row.title,
        what_happened(&row)
    ));
    entry.set_id(format!("{href}#promise-{}", row.seq));
    entry.set_updated(at.fixed_offset());
    entry.set_links(vec![link(&href, "alternate")]);
    entry.set_content(Some(content));
    entry
}

/// The calendar of the promises still owed that `reader` may see: an all-day event on the
/// last day each is due, from a little over a year ago on. Each event's UID names the
/// commitment, so it moves when the promise does.
pub async fn due_ics(
    db: &Db,
    reader: &CurrentUser,
    instance: &str,
    origin: &str,
    today: NaiveDate,
) -> Result<String, sqlx::Error> {
    let since = today - Duration::days(CALENDAR_DAYS_BACK);
    let rows =
        store::due_dates(db, SupplierScope::of(reader), since, DUE_DATES_IN_CALENDAR).await?;
    let host = origin
        .split("://")
        .nth(1)
        .unwrap_or(origin)
        .trim_end_matches('/');
    let mut calendar = Calendar::new();
    calendar.name(&format!("{instance}: commitments due"));
    for row in rows {
        let Ok(due) = row.due_last.parse::<NaiveDate>() else {
            continue;
        };
        let id: CommitmentId = row.id;
        let href = format!("{origin}{}", id.href());
        let mut event = Event::new();
        event
            .uid(&format!("commitment-{}@{host}", id.0))
            .summary(&format!(
                "Due: {} {} ({})",
                id.label(),
                row.title,
                row.supplier_name
            ))
            .all_day(due)
            .timestamp(timestamp::from_db(&row.updated_at)?)
            .description(&format!(
                "Promised as \u{201c}{}\u{201d} ({}). {href}",
                row.words, row.timeframe
            ))
            .url(&href);
        calendar.push(event.done());
    }
    Ok(calendar.done().to_string())
}

fn link(href: &str, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link
}
