//! The meetings' feeds, for people who follow them from elsewhere: the published minutes as
//! Atom (`/feeds/minutes.atom`) and the meetings as iCalendar (`/feeds/meetings.ics`). Each
//! is read as an `Audience`: the public's, or an account's when its feed key is given. The
//! formats are written by atom_syndication and icalendar; this chooses what goes in.

use atom_syndication::{Content, Entry, Feed, Link, Person};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::{
    db::{timestamp, Db},
    domain::meetings::{Audience, MeetingKind, MinutesStatus, Visibility},
    meetings::store::{self, FeedRow},
};

/// Minutes in the Atom feed: the most recently published.
const MINUTES_IN_FEED: i64 = 30;

/// Meetings in the calendar: those starting from this long ago on (and every later one).
const CALENDAR_DAYS_BACK: i64 = 400;
const MEETINGS_IN_CALENDAR: i64 = 500;

/// The Atom feed of published minutes `audience` may read. `origin` builds the links;
/// `self_path` is the feed's own address (with its key, if any).
pub async fn minutes_atom(
    db: &Db,
    audience: Audience,
    instance: &str,
    origin: &str,
    self_path: &str,
) -> Result<String, sqlx::Error> {
    let rows = store::feed_meetings(
        db,
        audience,
        true,
        DateTime::<Utc>::MIN_UTC,
        MINUTES_IN_FEED,
    )
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut newest: Option<DateTime<Utc>> = None;
    for row in rows {
        let updated = timestamp::from_db(&row.updated_at)?;
        newest = newest.max(Some(updated));
        entries.push(minutes_entry(db, audience, origin, row, updated).await?);
    }
    let mut feed = Feed::default();
    feed.set_title(format!("{instance}: published minutes"));
    feed.set_id(format!("{origin}/feeds/minutes.atom"));
    feed.set_updated(fixed(newest.unwrap_or(DateTime::<Utc>::UNIX_EPOCH)));
    feed.set_authors(vec![person(instance)]);
    feed.set_links(vec![
        link(&format!("{origin}{self_path}"), "self"),
        link(&format!("{origin}/meetings"), "alternate"),
    ]);
    feed.set_entries(entries);
    Ok(feed.to_string())
}

async fn minutes_entry(
    db: &Db,
    audience: Audience,
    origin: &str,
    row: FeedRow,
    updated: DateTime<Utc>,
) -> Result<Entry, sqlx::Error> {
    let href = format!("{origin}{}", row.id.href());
    let visibility = Visibility::parse(&row.visibility).unwrap_or(Visibility::Committee);
    let mut html = String::new();
    for item in store::items(db, row.id).await? {
        let shown = audience.sees_item(
            MinutesStatus::Published,
            visibility,
            item.visibility()?,
            row.supplier_id,
        );
        if shown {
            html.push_str(&format!(
                "<h2>{}</h2>{}",
                escape(&item.heading),
                item.minutes().html().as_str()
            ));
        }
    }
    let mut content = Content::default();
    content.set_content_type(Some("html".to_owned()));
    content.set_value(Some(html));
    let mut entry = Entry::default();
    entry.set_title(row.title.clone());
    entry.set_id(href.clone());
    entry.set_updated(fixed(updated));
    entry.set_published(
        row.published_at
            .as_deref()
            .map(timestamp::from_db)
            .transpose()?
            .map(fixed),
    );
    entry.set_links(vec![link(&href, "alternate")]);
    entry.set_content(Some(content));
    Ok(entry)
}

/// The iCalendar feed of the meetings `audience` may see: from a little over a year ago on.
/// Each meeting's UID is its address, so it stays the same however the meeting is edited;
/// times are UTC, which every calendar converts to its own zone.
pub async fn meetings_ics(
    db: &Db,
    audience: Audience,
    instance: &str,
    origin: &str,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let since = now - Duration::days(CALENDAR_DAYS_BACK);
    let rows = store::feed_meetings(db, audience, false, since, MEETINGS_IN_CALENDAR).await?;
    let mut calendar = Calendar::new();
    calendar.name(&format!("{instance}: meetings"));
    for row in rows {
        let starts = timestamp::from_db(&row.starts_at)?;
        let href = format!("{origin}{}", row.id.href());
        let host = origin
            .split("://")
            .nth(1)
            .unwrap_or(origin)
            .trim_end_matches('/');
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@{host}", row.id.0))
            .summary(&row.title)
            .starts(starts)
            .ends(starts + Duration::minutes(row.duration_minutes))
            .timestamp(timestamp::from_db(&row.updated_at)?)
            .url(&href);
        let kind = MeetingKind::parse(&row.kind).map_or("Meeting", MeetingKind::label);
        let mut description = format!("{kind}. {href}");
        if !row.online_link.is_empty() {
            description.push_str(&format!("\nOnline: {}", row.online_link));
        }
        event.description(&description);
        if !row.place.is_empty() {
            event.location(&row.place);
        }
        calendar.push(event.done());
    }
    Ok(calendar.done().to_string())
}

fn fixed(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.fixed_offset()
}

fn link(href: &str, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link
}

fn person(name: &str) -> Person {
    let mut person = Person::default();
    person.set_name(name);
    person
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
