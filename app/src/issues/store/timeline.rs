//! An issue's timeline: posting, reading a page of it, and editing or removing posts with
//! their earlier texts kept.

use chrono::{DateTime, Utc};

use crate::{
    db::{page::Page, timestamp, Db},
    domain::{ids::AccountId, people::Role},
    issues::types::{EarlierText, EventKind, IssueId, PostId, TimelineEntry},
    markdown::{render, Markdown},
};

use super::*;

/// Posts a comment, or an official response from the supplier (which restarts the clock of
/// "awaiting the supplier"); the poster follows the issue from then on.
pub async fn post(
    tx: &mut Tx,
    issue: IssueId,
    author: AccountId,
    body: &Markdown,
    official: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let kind = if official {
        EventKind::OfficialResponse
    } else {
        EventKind::Comment
    };
    let event = NewEvent {
        body,
        ..NewEvent::new(kind, author)
    };
    record(tx, issue, event, now).await?;
    if official {
        supplier_answered(tx, issue, now).await?;
    }
    follow(tx, issue, author, now).await
}

/// How long the same text from the same person counts as the same post sent twice.
const REPEAT_WINDOW: chrono::Duration = chrono::Duration::minutes(10);

/// Whether `author`'s latest post on the issue, within the last few minutes, says exactly
/// `text`: the same post sent twice (a double click, a form sent again), not a new one.
pub async fn just_posted(
    tx: &mut Tx,
    issue: IssueId,
    author: AccountId,
    text: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let latest: Option<LatestPost> = sqlx::query_as(
        "SELECT body, created_at FROM issue_events \
         WHERE issue_id = $1 AND actor_id = $2 AND kind IN ('comment', 'official_response') \
           AND removed_at IS NULL \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(issue.0)
    .bind(author.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(latest) = latest else {
        return Ok(false);
    };
    Ok(latest.body == text && now - timestamp::from_db(&latest.created_at)? < REPEAT_WINDOW)
}

#[derive(sqlx::FromRow)]
struct LatestPost {
    body: String,
    created_at: String,
}

/// When `author` wrote comments and official responses (removed ones too) since `since`.
pub async fn posted_since(
    tx: &mut Tx,
    author: AccountId,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    let times: Vec<String> = sqlx::query_scalar(
        "SELECT created_at FROM issue_events \
         WHERE actor_id = $1 AND created_at > $2 AND kind IN ('comment', 'official_response')",
    )
    .bind(author.0)
    .bind(timestamp::to_db(since))
    .fetch_all(&mut **tx)
    .await?;
    times.iter().map(|at| timestamp::from_db(at)).collect()
}

/// A timeline entry with what deciding who may edit it needs.
pub struct TimelineRow {
    pub author: Option<AccountId>,
    /// A post's Markdown (empty once removed).
    pub text: String,
    pub entry: TimelineEntry,
}

/// A page of the timeline: its newest `limit` events before the event `before` (or the very
/// newest), oldest first, continued before its first event if earlier ones remain.
pub async fn timeline(
    db: &Db,
    id: IssueId,
    before: Option<i64>,
    limit: i64,
) -> Result<Page<TimelineRow>, sqlx::Error> {
    let read: Vec<EventRow> = sqlx::query_as(
        "SELECT e.id, e.kind, e.actor_id, a.display_name, a.role, \
           s.name AS supplier_name, e.body, e.body_html, e.html_renderer, e.from_status, \
           e.to_status, e.detail, e.other_issue_id, e.created_at, e.edited_at, e.removed_at, \
           e.version \
         FROM issue_events e LEFT JOIN accounts a ON a.id = e.actor_id \
           LEFT JOIN suppliers s ON s.id = a.supplier_id \
         WHERE e.issue_id = $1 AND e.id < $2 ORDER BY e.id DESC LIMIT $3",
    )
    .bind(id.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit + 1)
    .fetch_all(db.reader())
    .await?;
    // Read newest first, so that the page's key is its oldest event; shown oldest first.
    let mut page = Page::of_one_more(read, limit, |row| row.id).try_map(EventRow::into_row)?;
    page.rows.reverse();
    Ok(page)
}

/// When the issue's first event from `event` on happened, if any did.
pub async fn time_of_event_from(
    db: &Db,
    issue: IssueId,
    event: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let at: Option<String> = sqlx::query_scalar(
        "SELECT created_at FROM issue_events WHERE issue_id = $1 AND id >= $2 \
         ORDER BY id LIMIT 1",
    )
    .bind(issue.0)
    .bind(event)
    .fetch_optional(db.reader())
    .await?;
    at.as_deref().map(timestamp::from_db).transpose()
}

/// How many of the issue's events came after the event `event`.
pub async fn events_after(tx: &mut Tx, issue: IssueId, event: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM issue_events WHERE issue_id = $1 AND id > $2")
        .bind(issue.0)
        .bind(event)
        .fetch_one(&mut **tx)
        .await
}

/// The earlier texts of the issue's edited and removed posts among its events `first` to
/// `last`, oldest first, by post.
pub async fn earlier_texts(
    db: &Db,
    id: IssueId,
    first: i64,
    last: i64,
) -> Result<Vec<(i64, EarlierText)>, sqlx::Error> {
    let rows: Vec<RevisionRow> = sqlx::query_as(
        "SELECT r.event_id, r.body, r.body_html, r.html_renderer, a.display_name, r.created_at \
         FROM issue_event_revisions r JOIN issue_events e ON e.id = r.event_id \
           LEFT JOIN accounts a ON a.id = r.edited_by \
         WHERE e.issue_id = $1 AND r.event_id BETWEEN $2 AND $3 ORDER BY r.id",
    )
    .bind(id.0)
    .bind(first)
    .bind(last)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                row.event_id,
                EarlierText {
                    replaced_at: timestamp::from_db(&row.created_at)?,
                    replaced_by: row.display_name,
                    body: Markdown::stored(row.body, row.body_html, row.html_renderer).into_html(),
                },
            ))
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    event_id: i64,
    body: String,
    body_html: String,
    html_renderer: i64,
    display_name: Option<String>,
    created_at: String,
}

/// A comment or official response, as an edit or removal checks it.
#[derive(Debug, Clone)]
pub struct PostCore {
    pub id: i64,
    pub issue: IssueId,
    pub kind: EventKind,
    pub author: Option<AccountId>,
    pub body: Markdown,
    pub removed: bool,
    pub version: i64,
}

/// Issue, kind, author, text, its HTML and renderer, removal time and version, as stored.
type PostRow = (
    i64,
    String,
    Option<i64>,
    String,
    String,
    i64,
    Option<String>,
    i64,
);

pub async fn post_core(tx: &mut Tx, id: PostId) -> Result<Option<PostCore>, sqlx::Error> {
    let row: Option<PostRow> = sqlx::query_as(
        "SELECT issue_id, kind, actor_id, body, body_html, html_renderer, removed_at, version \
         FROM issue_events \
         WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((issue, kind, author, body, html, renderer, removed, version)) = row else {
        return Ok(None);
    };
    let kind = EventKind::parse(&kind).ok_or_else(|| decode_error(format!("event kind {kind}")))?;
    Ok(Some(PostCore {
        id: id.0,
        issue: IssueId(issue),
        kind,
        author: author.map(AccountId),
        body: Markdown::stored(body, html, renderer),
        removed: removed.is_some(),
        version,
    }))
}

/// Replaces a post's text if it is still at `version` (`false` if not), keeping the text
/// it replaces for the committee.
pub async fn edit_post(
    tx: &mut Tx,
    post: &PostCore,
    version: i64,
    body: &Markdown,
    editor: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let changed = sqlx::query(
        "UPDATE issue_events SET body = $1, body_html = $5, html_renderer = $6, edited_at = $2, \
           version = version + 1 \
         WHERE id = $3 AND version = $4 AND removed_at IS NULL",
    )
    .bind(body.source())
    .bind(&at)
    .bind(post.id)
    .bind(version)
    .bind(body.html().as_str())
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    keep_earlier_text(tx, post, editor, &at).await?;
    Ok(true)
}

/// Removes a post's text if it is still at `version` (`false` if not): the timeline shows
/// that it was removed, and the committee can still read what it said.
pub async fn remove_post(
    tx: &mut Tx,
    post: &PostCore,
    version: i64,
    remover: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let changed = sqlx::query(
        "UPDATE issue_events SET body = '', body_html = '', html_renderer = $5, removed_at = $1, \
           removed_by = $2, \
           version = version + 1 \
         WHERE id = $3 AND version = $4 AND removed_at IS NULL",
    )
    .bind(&at)
    .bind(remover.0)
    .bind(post.id)
    .bind(version)
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    keep_earlier_text(tx, post, remover, &at).await?;
    Ok(true)
}

async fn keep_earlier_text(
    tx: &mut Tx,
    post: &PostCore,
    by: AccountId,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO issue_event_revisions (event_id, body, body_html, html_renderer, \
           edited_by, created_at) \
         VALUES ($1, $2, $5, $6, $3, $4)",
    )
    .bind(post.id)
    .bind(post.body.source())
    .bind(by.0)
    .bind(at)
    .bind(post.body.html().as_str())
    .bind(render::VERSION)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An event as read for the timeline.
#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    actor_id: Option<i64>,
    display_name: Option<String>,
    role: Option<String>,
    supplier_name: Option<String>,
    body: String,
    body_html: String,
    html_renderer: i64,
    from_status: Option<String>,
    to_status: Option<String>,
    detail: String,
    other_issue_id: Option<i64>,
    created_at: String,
    edited_at: Option<String>,
    removed_at: Option<String>,
    version: i64,
}

impl EventRow {
    fn into_row(self) -> Result<TimelineRow, sqlx::Error> {
        let kind = EventKind::parse(&self.kind)
            .ok_or_else(|| decode_error(format!("event kind {}", self.kind)))?;
        let removed = self.removed_at.is_some();
        let actor_role = match (
            self.role.as_deref().and_then(Role::parse),
            self.supplier_name,
        ) {
            (Some(Role::SupplierRep), Some(supplier)) => {
                Some(format!("Supplier representative, {supplier}"))
            }
            (Some(Role::Chair), _) => Some("Chair".to_owned()),
            (Some(Role::Admin), _) => Some("Administrator".to_owned()),
            _ => None,
        };
        let status = |text: Option<String>| text.map(|text| parse_status(&text)).transpose();
        let text = Markdown::stored(self.body, self.body_html, self.html_renderer);
        let entry = TimelineEntry {
            id: self.id,
            kind,
            actor: self.display_name,
            actor_role,
            at: timestamp::from_db(&self.created_at)?,
            body: (!removed && !text.is_empty()).then(|| text.html().clone()),
            from_status: status(self.from_status)?,
            to_status: status(self.to_status)?,
            detail: self.detail,
            other_issue: self.other_issue_id.map(IssueId),
            edited: self.edited_at.is_some(),
            removed,
            version: self.version,
            may_edit: false,
            may_remove: false,
            source: None,
            earlier: Vec::new(),
            discussed: None,
        };
        Ok(TimelineRow {
            author: self.actor_id.map(AccountId),
            text: text.source().to_owned(),
            entry,
        })
    }
}
