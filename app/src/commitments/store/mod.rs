//! SQL for commitments and their ledgers. A commitment holds the promise in force; each
//! promise made for it is appended to `commitment_revisions` (the database refuses any change
//! to a row there), and the facts lists sort on are rewritten from the whole ledger in the
//! same transaction (`restate`), by `domain::commitments::facts`.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    commitments::types::{CommitmentId, CommitmentStatus, LedgerLine, Promise, PromisedAt, Window},
    db::{timestamp, Db, Tx},
    domain::{
        commitments::{facts, LedgerEntry},
        ids::{AccountId, ActionId, AgendaItemId, MeetingId, ModuleId, SupplierId},
        meetings::{Audience, MinutesStatus, Visibility},
    },
    markdown::Markdown,
};

mod drafts;
mod feeds;
mod issues;
mod list;
mod releases;
mod roadmap;
mod scorecard;
mod since;

pub use drafts::*;
pub use feeds::*;
pub use issues::*;
pub use list::*;
pub use releases::*;
pub use roadmap::*;
pub use scorecard::*;
pub use since::*;

fn decode_error(what: String) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected {what} in the database").into())
}

fn status(text: &str) -> Result<CommitmentStatus, sqlx::Error> {
    CommitmentStatus::parse(text).ok_or_else(|| decode_error(format!("commitment status {text}")))
}

fn date(text: &str) -> Result<NaiveDate, sqlx::Error> {
    text.parse()
        .map_err(|_| decode_error(format!("date {text}")))
}

fn window(first: Option<&str>, last: Option<&str>) -> Result<Option<Window>, sqlx::Error> {
    timestamp::window_from_db(first, last)
}

/// A promise as it is entered: what was said, when, and what it moves the commitment to.
pub struct NewEntry<'a> {
    pub said_on: NaiveDate,
    pub status: CommitmentStatus,
    pub promise: &'a Promise,
    pub reason: &'a str,
    pub note: &'a str,
    pub evidence_url: &'a str,
    /// The release whose window the promise takes, when it was made "in 5.2.0".
    pub release: Option<crate::domain::ids::ReleaseId>,
}

/// A new commitment's own fields.
pub struct NewCommitment<'a> {
    pub supplier: SupplierId,
    pub details: DetailsFields<'a>,
    pub item: Option<(MeetingId, AgendaItemId)>,
    pub action: Option<ActionId>,
}

/// A commitment's details, which the committee may change later (its supplier, where it was
/// promised and its ledger stay).
pub struct DetailsFields<'a> {
    pub title: &'a str,
    pub module: Option<ModuleId>,
    pub description: &'a Markdown,
    pub committee_owner: Option<AccountId>,
    pub supplier_owner: Option<AccountId>,
    pub supplier_owner_name: &'a str,
}

/// Saves a commitment's details if it is still at `version`; `false` if someone changed it
/// since.
pub async fn update_details(
    tx: &mut Tx,
    id: CommitmentId,
    version: i64,
    details: &DetailsFields<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE commitments SET title = $1, module_id = $2, description = $3, \
           description_html = $4, html_renderer = $5, committee_owner_id = $6, \
           supplier_owner_id = $7, supplier_owner_name = $8, updated_at = $9, \
           details_changed_at = $9, details_changed_by = $12, version = version + 1 \
         WHERE id = $10 AND version = $11",
    )
    .bind(details.title)
    .bind(details.module)
    .bind(details.description.source())
    .bind(details.description.html().as_str())
    .bind(crate::markdown::render::VERSION)
    .bind(details.committee_owner)
    .bind(details.supplier_owner)
    .bind(details.supplier_owner_name)
    .bind(timestamp::to_db(now))
    .bind(id)
    .bind(version)
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Records a commitment with its first promise.
pub async fn create(
    tx: &mut Tx,
    new: &NewCommitment<'_>,
    first: &NewEntry<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<CommitmentId, sqlx::Error> {
    let at = timestamp::to_db(now);
    let window = first.promise.window;
    let id: CommitmentId = sqlx::query_scalar(
        "INSERT INTO commitments (supplier_id, module_id, title, description, description_html, \
           html_renderer, meeting_id, agenda_item_id, action_id, committee_owner_id, \
           supplier_owner_id, supplier_owner_name, status, words, timeframe, timeframe_kind, \
           due_first, due_last, promised_on, created_by, created_at, updated_at, release_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
           $18, $19, $20, $21, $21, $22) RETURNING id",
    )
    .bind(new.supplier)
    .bind(new.details.module)
    .bind(new.details.title)
    .bind(new.details.description.source())
    .bind(new.details.description.html().as_str())
    .bind(crate::markdown::render::VERSION)
    .bind(new.item.map(|(meeting, _)| meeting))
    .bind(new.item.map(|(_, item)| item))
    .bind(new.action)
    .bind(new.details.committee_owner)
    .bind(new.details.supplier_owner)
    .bind(new.details.supplier_owner_name)
    .bind(first.status.as_str())
    .bind(&first.promise.words)
    .bind(&first.promise.timeframe)
    .bind(&first.promise.kind)
    .bind(window.map(|window| window.first.to_string()))
    .bind(window.map(|window| window.last.to_string()))
    .bind(first.said_on.to_string())
    .bind(by)
    .bind(&at)
    .bind(first.release)
    .fetch_one(&mut **tx)
    .await?;
    append_entry(tx, id, first, by, &at).await?;
    restate(tx, id).await?;
    Ok(id)
}

/// Makes `entry` the promise in force, if the commitment is still at `version`, and appends
/// it to the ledger. `false` if someone changed the commitment meanwhile.
pub async fn revise(
    tx: &mut Tx,
    id: CommitmentId,
    version: i64,
    entry: &NewEntry<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let window = entry.promise.window;
    let changed = sqlx::query(
        "UPDATE commitments SET status = $1, words = $2, timeframe = $3, timeframe_kind = $4, \
           due_first = $5, due_last = $6, updated_at = $7, release_id = $8, \
           version = version + 1 \
         WHERE id = $9 AND version = $10",
    )
    .bind(entry.status.as_str())
    .bind(&entry.promise.words)
    .bind(&entry.promise.timeframe)
    .bind(&entry.promise.kind)
    .bind(window.map(|window| window.first.to_string()))
    .bind(window.map(|window| window.last.to_string()))
    .bind(&at)
    .bind(entry.release)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    append_entry(tx, id, entry, by, &at).await?;
    restate(tx, id).await?;
    answer_chase(tx, id, entry, by, now).await?;
    Ok(true)
}

/// A new status or timeframe is the supplier's answer (given by a representative, recorded
/// for it by the committee, or a release of theirs moving): it closes the chase cycle open on
/// the commitment, answered the day it was said.
async fn answer_chase(
    tx: &mut Tx,
    id: CommitmentId,
    entry: &NewEntry<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let Some(supplier) = supplier_of(tx, id).await? else {
        return Ok(());
    };
    crate::chases::store::answer(
        tx,
        crate::domain::ids::ItemRef::Commitment(id),
        supplier,
        by,
        entry.said_on,
        now,
    )
    .await
}

async fn append_entry(
    tx: &mut Tx,
    id: CommitmentId,
    entry: &NewEntry<'_>,
    by: AccountId,
    at: &str,
) -> Result<(), sqlx::Error> {
    let window = entry.promise.window;
    sqlx::query(
        "INSERT INTO commitment_revisions (commitment_id, seq, said_on, status, words, \
           timeframe, timeframe_kind, window_first, window_last, reason, note, evidence_url, \
           recorded_by, created_at) \
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM commitment_revisions \
           WHERE commitment_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(id)
    .bind(entry.said_on.to_string())
    .bind(entry.status.as_str())
    .bind(&entry.promise.words)
    .bind(&entry.promise.timeframe)
    .bind(&entry.promise.kind)
    .bind(window.map(|window| window.first.to_string()))
    .bind(window.map(|window| window.last.to_string()))
    .bind(entry.reason)
    .bind(entry.note)
    .bind(entry.evidence_url)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    said_on: String,
    status: String,
    window_first: Option<String>,
    window_last: Option<String>,
}

impl EntryRow {
    fn entry(&self) -> Result<LedgerEntry, sqlx::Error> {
        Ok(LedgerEntry {
            on: date(&self.said_on)?,
            status: status(&self.status)?,
            window: window(self.window_first.as_deref(), self.window_last.as_deref())?,
        })
    }
}

/// The ledger as the facts read it, oldest first.
pub async fn ledger_entries(
    tx: &mut Tx,
    id: CommitmentId,
) -> Result<Vec<LedgerEntry>, sqlx::Error> {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT said_on, status, window_first, window_last FROM commitment_revisions \
         WHERE commitment_id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(EntryRow::entry).collect()
}

/// Rewrites what the list keeps of the ledger's facts (those that do not depend on today).
async fn restate(tx: &mut Tx, id: CommitmentId) -> Result<(), sqlx::Error> {
    let ledger = ledger_entries(tx, id).await?;
    let Some(last) = ledger.last() else {
        return Ok(());
    };
    let Some(facts) = facts(&ledger, last.on) else {
        return Ok(());
    };
    let sort_key = facts.original.or(facts.current).map(|window| window.last);
    sqlx::query(
        "UPDATE commitments SET original_first = $1, original_last = $2, vague_when_made = $3, \
           slips = $4, slipped_days = $5, delivered_on = $6, is_open = $7, sort_key = $8, \
           late_days = $9 \
         WHERE id = $10",
    )
    .bind(facts.original.map(|window| window.first.to_string()))
    .bind(facts.original.map(|window| window.last.to_string()))
    .bind(i64::from(facts.vague_when_made))
    .bind(i64::from(facts.slips))
    .bind(facts.slipped_days)
    .bind(facts.delivered.map(|(on, _)| on.to_string()))
    .bind(i64::from(!last.status.is_closed()))
    .bind(sort_key.map(|day| day.to_string()))
    .bind(facts.delivered.map(|(_, late)| late))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A commitment as stored, with the names it is shown with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommitmentRow {
    pub id: CommitmentId,
    pub supplier_id: SupplierId,
    pub supplier_name: String,
    pub module_id: Option<ModuleId>,
    pub module_name: Option<String>,
    pub title: String,
    pub description: String,
    pub description_html: String,
    pub html_renderer: i64,
    pub agenda_item_id: Option<AgendaItemId>,
    pub action_id: Option<ActionId>,
    pub committee_owner_id: Option<AccountId>,
    pub committee_owner: Option<String>,
    pub supplier_owner_id: Option<AccountId>,
    pub supplier_owner: Option<String>,
    pub supplier_owner_name: String,
    pub status: String,
    pub words: String,
    pub timeframe: String,
    pub timeframe_kind: String,
    pub due_first: Option<String>,
    pub due_last: Option<String>,
    pub release_id: Option<crate::domain::ids::ReleaseId>,
    pub details_changed_at: Option<String>,
    pub details_changed_by: Option<String>,
    pub version: i64,
}

impl CommitmentRow {
    pub fn status(&self) -> Result<CommitmentStatus, sqlx::Error> {
        status(&self.status)
    }

    pub fn promise(&self) -> Result<Promise, sqlx::Error> {
        Ok(Promise {
            words: self.words.clone(),
            timeframe: self.timeframe.clone(),
            kind: self.timeframe_kind.clone(),
            window: window(self.due_first.as_deref(), self.due_last.as_deref())?,
        })
    }

    /// The supplier's side: the account's name, the named party, or both.
    pub fn supplier_owner_label(&self) -> String {
        match (&self.supplier_owner, self.supplier_owner_name.is_empty()) {
            (Some(account), true) => account.clone(),
            (Some(account), false) => format!("{account} ({})", self.supplier_owner_name),
            (None, _) => self.supplier_owner_name.clone(),
        }
    }

    pub fn description(&self) -> Markdown {
        Markdown::stored(
            self.description.clone(),
            self.description_html.clone(),
            self.html_renderer,
        )
    }
}

/// One commitment, if there is one (whoever asks: the caller decides who may see it).
pub async fn find(db: &Db, id: CommitmentId) -> Result<Option<CommitmentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.supplier_id, s.name AS supplier_name, c.module_id, \
           m.name AS module_name, c.title, c.description, c.description_html, c.html_renderer, \
           c.agenda_item_id, c.action_id, c.committee_owner_id, \
           co.display_name AS committee_owner, c.supplier_owner_id, \
           so.display_name AS supplier_owner, \
           c.supplier_owner_name, c.status, c.words, c.timeframe, c.timeframe_kind, \
           c.due_first, c.due_last, c.release_id, c.details_changed_at, \
           dc.display_name AS details_changed_by, c.version \
         FROM commitments c JOIN suppliers s ON s.id = c.supplier_id \
         LEFT JOIN modules m ON m.id = c.module_id \
         LEFT JOIN accounts co ON co.id = c.committee_owner_id \
         LEFT JOIN accounts so ON so.id = c.supplier_owner_id \
         LEFT JOIN accounts dc ON dc.id = c.details_changed_by \
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await
}

/// The supplier a commitment belongs to, read inside a write.
pub async fn supplier_of(tx: &mut Tx, id: CommitmentId) -> Result<Option<SupplierId>, sqlx::Error> {
    sqlx::query_scalar("SELECT supplier_id FROM commitments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

#[derive(sqlx::FromRow)]
struct LedgerRow {
    seq: i64,
    said_on: String,
    status: String,
    words: String,
    timeframe: String,
    timeframe_kind: String,
    window_first: Option<String>,
    window_last: Option<String>,
    reason: String,
    note: String,
    evidence_url: String,
    by_name: Option<String>,
    created_at: String,
}

/// The ledger as its page shows it, oldest first.
pub async fn ledger(db: &Db, id: CommitmentId) -> Result<Vec<LedgerLine>, sqlx::Error> {
    let rows: Vec<LedgerRow> = sqlx::query_as(
        "SELECT r.seq, r.said_on, r.status, r.words, r.timeframe, r.timeframe_kind, \
           r.window_first, r.window_last, r.reason, r.note, r.evidence_url, \
           a.display_name AS by_name, r.created_at \
         FROM commitment_revisions r LEFT JOIN accounts a ON a.id = r.recorded_by \
         WHERE r.commitment_id = $1 ORDER BY r.seq",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(LedgerLine {
                seq: row.seq,
                said_on: date(&row.said_on)?,
                status: status(&row.status)?,
                promise: Promise {
                    window: window(row.window_first.as_deref(), row.window_last.as_deref())?,
                    words: row.words,
                    timeframe: row.timeframe,
                    kind: row.timeframe_kind,
                },
                reason: row.reason,
                note: row.note,
                evidence_url: row.evidence_url,
                by: row.by_name,
                at: timestamp::from_db(&row.created_at)?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct PromisedAtRow {
    meeting_id: MeetingId,
    title: String,
    starts_at: String,
    meeting_visibility: String,
    minutes_status: String,
    supplier_id: Option<SupplierId>,
    item_id: AgendaItemId,
    heading: String,
    item_visibility: String,
}

/// The agenda item a promise was made under, if `audience` may read that item.
pub async fn promised_at(
    db: &Db,
    item: AgendaItemId,
    audience: Audience,
) -> Result<Option<PromisedAt>, sqlx::Error> {
    let row: Option<PromisedAtRow> = sqlx::query_as(
        "SELECT m.id AS meeting_id, m.title, m.starts_at, m.visibility AS meeting_visibility, \
           m.status AS minutes_status, m.supplier_id, i.id AS item_id, i.heading, \
           i.visibility AS item_visibility \
         FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = $1",
    )
    .bind(item)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let level = |text: &str| {
        Visibility::parse(text).ok_or_else(|| decode_error(format!("visibility {text}")))
    };
    let minutes = MinutesStatus::parse(&row.minutes_status)
        .ok_or_else(|| decode_error(format!("minutes status {}", row.minutes_status)))?;
    let seen = audience.sees_item(
        minutes,
        level(&row.meeting_visibility)?,
        level(&row.item_visibility)?,
        row.supplier_id,
    );
    if !seen {
        return Ok(None);
    }
    Ok(Some(PromisedAt {
        meeting: row.meeting_id,
        meeting_title: row.title,
        meeting_start: timestamp::from_db(&row.starts_at)?,
        item: row.item_id,
        item_heading: row.heading,
    }))
}
