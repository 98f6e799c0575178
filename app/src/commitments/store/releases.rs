//! SQL for releases: a supplier's versions with their expected windows, the commitments
//! promised in them, and the entry each open one gets in its ledger when a release's window
//! moves.

use super::*;
use crate::{
    commitments::types::releases::{Release, ReleaseId, ReleaseStatus},
    domain::{permissions::SupplierScope, releases::moved_reason},
};

#[derive(sqlx::FromRow)]
struct ReleaseRow {
    id: ReleaseId,
    supplier_id: SupplierId,
    supplier_name: String,
    name: String,
    status: String,
    words: String,
    timeframe: String,
    window_first: Option<String>,
    window_last: Option<String>,
    released_on: Option<String>,
    open_commitments: i64,
    version: i64,
}

impl ReleaseRow {
    fn release(self) -> Result<Release, sqlx::Error> {
        Ok(Release {
            id: self.id,
            supplier: self.supplier_id,
            supplier_name: self.supplier_name,
            status: ReleaseStatus::parse(&self.status)
                .ok_or_else(|| decode_error(format!("release status {}", self.status)))?,
            name: self.name,
            words: self.words,
            timeframe: self.timeframe,
            window: window(self.window_first.as_deref(), self.window_last.as_deref())?,
            released_on: self.released_on.as_deref().map(date).transpose()?,
            open_commitments: self.open_commitments,
            version: self.version,
        })
    }
}

const SELECT_RELEASES: &str = "SELECT r.id, r.supplier_id, s.name AS supplier_name, r.name, \
       r.status, r.words, r.timeframe, r.window_first, r.window_last, r.released_on, r.version, \
       (SELECT COUNT(*) FROM commitments c WHERE c.release_id = r.id AND c.is_open = 1) \
         AS open_commitments \
     FROM releases r JOIN suppliers s ON s.id = r.supplier_id";

/// Every release of the suppliers `scope` may see, by supplier, newest first.
pub async fn releases(db: &Db, scope: SupplierScope) -> Result<Vec<Release>, sqlx::Error> {
    let mut query = crate::db::query::ListQuery::default();
    if let Some(visible) =
        scope.condition(|supplier| format!("r.supplier_id = {}", query.int(supplier.0)))
    {
        query.condition(visible);
    }
    let rows: Vec<ReleaseRow> = query
        .bind_all(sqlx::query_as(&format!(
            "{SELECT_RELEASES}{} ORDER BY s.name, r.id DESC",
            query.where_clause()
        )))
        .fetch_all(db.reader())
        .await?;
    rows.into_iter().map(ReleaseRow::release).collect()
}

/// One release, if there is one (the caller decides who may see it).
pub async fn release(db: &Db, id: ReleaseId) -> Result<Option<Release>, sqlx::Error> {
    let row: Option<ReleaseRow> = sqlx::query_as(&format!("{SELECT_RELEASES} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    row.map(ReleaseRow::release).transpose()
}

/// A release's own fields, as entered.
pub struct ReleaseFields<'a> {
    pub name: &'a str,
    pub status: ReleaseStatus,
    /// When it is expected: the supplier's words read as a timeframe; none if not said.
    pub expected: Option<&'a Promise>,
    pub released_on: Option<NaiveDate>,
}

impl ReleaseFields<'_> {
    /// The words, their reading, the window's days and the day released, as stored (empty
    /// words and no days when no one has said).
    fn columns(&self) -> [Option<String>; 5] {
        let window = self.expected.and_then(|promise| promise.window);
        [
            Some(
                self.expected
                    .map_or_else(String::new, |promise| promise.words.clone()),
            ),
            Some(
                self.expected
                    .map_or_else(String::new, |promise| promise.timeframe.clone()),
            ),
            window.map(|window| window.first.to_string()),
            window.map(|window| window.last.to_string()),
            self.released_on.map(|day| day.to_string()),
        ]
    }
}

/// Whether `supplier` has a release named `name` (other than `except`).
pub async fn release_named(
    tx: &mut Tx,
    supplier: SupplierId,
    name: &str,
    except: Option<ReleaseId>,
) -> Result<Option<(ReleaseId, Option<Window>)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Found {
        id: ReleaseId,
        window_first: Option<String>,
        window_last: Option<String>,
    }
    let found: Option<Found> = sqlx::query_as(
        "SELECT id, window_first, window_last FROM releases \
         WHERE supplier_id = $1 AND name = $2 AND id <> $3",
    )
    .bind(supplier)
    .bind(name)
    .bind(except.map_or(0, |id| id.0))
    .fetch_optional(&mut **tx)
    .await?;
    found
        .map(|found| {
            Ok((
                found.id,
                window(found.window_first.as_deref(), found.window_last.as_deref())?,
            ))
        })
        .transpose()
}

/// Adds a release of `supplier`.
pub async fn add_release(
    tx: &mut Tx,
    supplier: SupplierId,
    fields: &ReleaseFields<'_>,
    now: DateTime<Utc>,
) -> Result<ReleaseId, sqlx::Error> {
    let at = timestamp::to_db(now);
    let [words, timeframe, first, last, released_on] = fields.columns();
    sqlx::query_scalar(
        "INSERT INTO releases (supplier_id, name, status, words, timeframe, window_first, \
           window_last, released_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(supplier)
    .bind(fields.name)
    .bind(fields.status.as_str())
    .bind(words)
    .bind(timeframe)
    .bind(first)
    .bind(last)
    .bind(released_on)
    .bind(&at)
    .fetch_one(&mut **tx)
    .await
}

/// The release of `supplier` a promise "in `name`" is made in, added (planned, with no
/// window yet) if there is none; and its window.
pub async fn release_for_promise(
    tx: &mut Tx,
    supplier: SupplierId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(ReleaseId, Option<Window>), sqlx::Error> {
    if let Some(found) = release_named(tx, supplier, name, None).await? {
        return Ok(found);
    }
    let fields = ReleaseFields {
        name,
        status: ReleaseStatus::Planned,
        expected: None,
        released_on: None,
    };
    Ok((add_release(tx, supplier, &fields, now).await?, None))
}

/// Changes a release, if it is still at `version`; `false` if someone changed it meanwhile.
pub async fn update_release(
    tx: &mut Tx,
    id: ReleaseId,
    version: i64,
    fields: &ReleaseFields<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let [words, timeframe, first, last, released_on] = fields.columns();
    let changed = sqlx::query(
        "UPDATE releases SET name = $1, status = $2, words = $3, timeframe = $4, \
           window_first = $5, window_last = $6, released_on = $7, updated_at = $8, \
           version = version + 1 \
         WHERE id = $9 AND version = $10",
    )
    .bind(fields.name)
    .bind(fields.status.as_str())
    .bind(words)
    .bind(timeframe)
    .bind(first)
    .bind(last)
    .bind(released_on)
    .bind(timestamp::to_db(now))
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct OpenInRelease {
    id: CommitmentId,
    status: String,
    words: String,
    timeframe: String,
}

/// Gives each open commitment promised in release `name` (`id`) a new entry in its ledger,
/// said `today`: the same words, the release's new `window`, and the reason "release … moved".
/// How many it gave one.
pub async fn move_release_commitments(
    tx: &mut Tx,
    id: ReleaseId,
    name: &str,
    window: Option<Window>,
    today: NaiveDate,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
    let open: Vec<OpenInRelease> = sqlx::query_as(
        "SELECT id, status, words, timeframe FROM commitments \
         WHERE release_id = $1 AND is_open = 1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let at = timestamp::to_db(now);
    let reason = moved_reason(name);
    for commitment in &open {
        let promise = Promise {
            words: commitment.words.clone(),
            timeframe: commitment.timeframe.clone(),
            kind: "release".to_owned(),
            window,
        };
        let entry = NewEntry {
            said_on: today,
            status: status(&commitment.status)?,
            promise: &promise,
            reason: &reason,
            note: "",
            evidence_url: "",
            release: Some(id),
        };
        sqlx::query(
            "UPDATE commitments SET due_first = $1, due_last = $2, updated_at = $3, \
               version = version + 1 WHERE id = $4",
        )
        .bind(window.map(|window| window.first.to_string()))
        .bind(window.map(|window| window.last.to_string()))
        .bind(&at)
        .bind(commitment.id)
        .execute(&mut **tx)
        .await?;
        append_entry(tx, commitment.id, &entry, by, &at).await?;
        restate(tx, commitment.id).await?;
        answer_chase(tx, commitment.id, &entry, by, now).await?;
    }
    Ok(open.len())
}

/// The first `limit` commitments promised in a release while that is their promise: those
/// still owed first, then the newest.
pub async fn in_release(
    db: &Db,
    release: ReleaseId,
    limit: i64,
) -> Result<Vec<crate::commitments::types::CommitmentSummary>, sqlx::Error> {
    let mut query = crate::db::query::ListQuery::default();
    let id = query.int(release.0);
    query.condition(format!("c.release_id = {id}"));
    super::list::summaries(db, &query, "c.is_open DESC, c.id DESC", limit)
        .await?
        .into_iter()
        .map(super::list::SummaryRow::summary)
        .collect()
}
