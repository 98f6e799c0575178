//! The chase records: cycles (one per item until the supplier answers) and the steps sent in
//! them, each at most once per item, cycle and step (the tables' keys, `0031_chases.sql`).

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    db::{timestamp, Db, Tx},
    domain::{
        chase::{ChaseRecord, Step},
        ids::{AccountId, CommitmentId, ItemRef, SupplierId},
        people::Role,
    },
};

/// Something the supplier owes an answer on, as the engine reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub item: ItemRef,
    pub supplier: SupplierId,
    pub title: String,
    /// The day its clock runs from: a commitment's current due end.
    pub due: NaiveDate,
    /// Whoever owns it by name, on either side: they hear of its chases too.
    pub owners: Vec<AccountId>,
}

/// An item's latest cycle: its number, the day it was answered, and the steps sent in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LatestCycle {
    pub cycle: i64,
    pub answered_on: Option<NaiveDate>,
    /// The day the cycle before it was answered (where this one's clock started).
    pub previous_answered_on: Option<NaiveDate>,
    pub sent: Vec<crate::domain::chase::Sent>,
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: i64,
    supplier_id: SupplierId,
    title: String,
    due_last: String,
    committee_owner_id: Option<AccountId>,
    supplier_owner_id: Option<AccountId>,
}

/// Up to `limit` open commitments with an id above `after` whose current due end is on or
/// before `until` (today and the "due soon" days ahead), by id.
pub async fn commitments_due(
    tx: &mut Tx,
    until: NaiveDate,
    after: i64,
    limit: i64,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows: Vec<CandidateRow> = sqlx::query_as(
        "SELECT id, supplier_id, title, due_last, committee_owner_id, supplier_owner_id \
         FROM commitments \
         WHERE is_open = 1 AND due_last IS NOT NULL AND due_last <= $1 AND id > $2 \
         ORDER BY id LIMIT $3",
    )
    .bind(until.to_string())
    .bind(after)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Candidate {
                item: ItemRef::Commitment(CommitmentId(row.id)),
                supplier: row.supplier_id,
                title: row.title,
                due: day(&row.due_last)?,
                owners: row
                    .committee_owner_id
                    .into_iter()
                    .chain(row.supplier_owner_id)
                    .collect(),
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct CycleRow {
    item_id: i64,
    cycle: i64,
    answered_on: Option<String>,
    previous_answered_on: Option<String>,
    step: Option<String>,
    sent_on: Option<String>,
}

/// The latest cycle of each item of `kind` with an id from `first` to `last`, by item id
/// (an item never chased has none).
pub async fn latest_cycles(
    tx: &mut Tx,
    kind: &str,
    first: i64,
    last: i64,
) -> Result<std::collections::HashMap<i64, LatestCycle>, sqlx::Error> {
    let rows: Vec<CycleRow> = sqlx::query_as(
        "SELECT y.item_id, y.cycle, y.answered_on, p.answered_on AS previous_answered_on, \
           c.step, c.sent_on \
         FROM chase_cycles y \
         LEFT JOIN chase_cycles p ON p.item_kind = y.item_kind AND p.item_id = y.item_id \
           AND p.cycle = y.cycle - 1 \
         LEFT JOIN chases c ON c.item_kind = y.item_kind AND c.item_id = y.item_id \
           AND c.cycle = y.cycle \
         WHERE y.item_kind = $1 AND y.item_id BETWEEN $2 AND $3 \
           AND y.cycle = (SELECT MAX(z.cycle) FROM chase_cycles z \
             WHERE z.item_kind = y.item_kind AND z.item_id = y.item_id)",
    )
    .bind(kind)
    .bind(first)
    .bind(last)
    .fetch_all(&mut **tx)
    .await?;
    let mut cycles = std::collections::HashMap::<i64, LatestCycle>::new();
    for row in rows {
        let latest = cycles.entry(row.item_id).or_default();
        latest.cycle = row.cycle;
        latest.answered_on = row.answered_on.as_deref().map(day).transpose()?;
        latest.previous_answered_on = row.previous_answered_on.as_deref().map(day).transpose()?;
        if let (Some(step), Some(sent_on)) = (row.step, row.sent_on) {
            latest.sent.push(crate::domain::chase::Sent {
                step: step_of(&step)?,
                on: day(&sent_on)?,
            });
        }
    }
    Ok(cycles)
}

/// Records `step` of `cycle` for `item`, opening the cycle if it is new: the chase's id, or
/// `None` when that step was already recorded (by another run): nothing is written twice.
pub async fn record(
    tx: &mut Tx,
    item: ItemRef,
    supplier: SupplierId,
    cycle: i64,
    step: Step,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let (kind, id) = item.stored();
    let at = timestamp::to_db(now);
    sqlx::query(
        "INSERT INTO chase_cycles (item_kind, item_id, cycle, supplier_id, started_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (item_kind, item_id, cycle) DO NOTHING",
    )
    .bind(kind)
    .bind(id)
    .bind(cycle)
    .bind(supplier)
    .bind(&at)
    .execute(&mut **tx)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO chases (item_kind, item_id, cycle, step, supplier_id, sent_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (item_kind, item_id, cycle, step) DO NOTHING RETURNING id",
    )
    .bind(kind)
    .bind(id)
    .bind(cycle)
    .bind(step.as_str())
    .bind(supplier)
    .bind(today.to_string())
    .bind(&at)
    .fetch_optional(&mut **tx)
    .await
}

/// Who hears of the chases: each supplier's active representatives, the active chairs (the
/// committee, told of escalations), and every active account with its role and supplier (an
/// item's owner who has since been disabled, or moved to another supplier, hears nothing).
#[derive(Debug, Clone, Default)]
pub struct Audience {
    representatives: std::collections::HashMap<SupplierId, Vec<AccountId>>,
    committee: Vec<AccountId>,
    active: std::collections::HashMap<AccountId, (Option<Role>, Option<SupplierId>)>,
}

impl Audience {
    /// Who hears of `step` of a chase about `candidate`, each once, in id order: its
    /// supplier's representatives and its owners; for an escalation the committee as well.
    pub fn of(&self, candidate: &Candidate, step: Step) -> Vec<AccountId> {
        let mut people: Vec<AccountId> = self
            .representatives
            .get(&candidate.supplier)
            .into_iter()
            .flatten()
            .chain(
                candidate
                    .owners
                    .iter()
                    .filter(|owner| self.may_hear(**owner, candidate)),
            )
            .copied()
            .collect();
        if step == Step::Escalation {
            people.extend(self.committee.iter().copied());
        }
        people.sort_unstable_by_key(|account| account.0);
        people.dedup();
        people
    }

    /// Whether `account` is active and may still see `candidate`: a representative only
    /// while they represent its supplier.
    fn may_hear(&self, account: AccountId, candidate: &Candidate) -> bool {
        match self.active.get(&account) {
            Some((Some(Role::SupplierRep), supplier)) => *supplier == Some(candidate.supplier),
            Some((Some(_), _)) => true,
            Some((None, _)) | None => false,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AudienceRow {
    id: AccountId,
    role: String,
    supplier_id: Option<SupplierId>,
}

/// Who hears of chases now (read once a pass: a user group's accounts are a few hundred).
pub async fn audience(tx: &mut Tx) -> Result<Audience, sqlx::Error> {
    let rows: Vec<AudienceRow> =
        sqlx::query_as("SELECT id, role, supplier_id FROM accounts WHERE active = 1 ORDER BY id")
            .fetch_all(&mut **tx)
            .await?;
    let mut audience = Audience::default();
    for row in rows {
        let role = Role::parse(&row.role);
        audience.active.insert(row.id, (role, row.supplier_id));
        match (role, row.supplier_id) {
            (Some(Role::SupplierRep), Some(supplier)) => audience
                .representatives
                .entry(supplier)
                .or_default()
                .push(row.id),
            (Some(Role::Chair), _) => audience.committee.push(row.id),
            _ => {}
        }
    }
    Ok(audience)
}

/// The supplier answered `item` of `supplier` on `on` (a new status or timeframe): its open
/// cycle is closed, and the next chase starts a new one from the answer. With no cycle open,
/// the answer is kept as a cycle of its own without chases, so the next one still starts
/// from it.
pub async fn answer(
    tx: &mut Tx,
    item: ItemRef,
    supplier: SupplierId,
    by: AccountId,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let (kind, id) = item.stored();
    let at = timestamp::to_db(now);
    let closed = sqlx::query(
        "UPDATE chase_cycles SET answered_at = $1, answered_on = $2, answered_by = $3 \
         WHERE item_kind = $4 AND item_id = $5 AND answered_at IS NULL",
    )
    .bind(&at)
    .bind(on.to_string())
    .bind(by)
    .bind(kind)
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if closed == 0 {
        sqlx::query(
            "INSERT INTO chase_cycles (item_kind, item_id, cycle, supplier_id, started_at, \
               answered_at, answered_on, answered_by) \
             SELECT $1, $2, COALESCE(MAX(cycle), 0) + 1, $3, $4, $4, $5, $6 \
             FROM chase_cycles WHERE item_kind = $1 AND item_id = $2",
        )
        .bind(kind)
        .bind(id)
        .bind(supplier)
        .bind(&at)
        .bind(on.to_string())
        .bind(by)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    cycle: i64,
    step: String,
    sent_on: String,
    answered_on: Option<String>,
}

/// Every chase of `item`, for its timeline.
pub async fn history(db: &Db, item: ItemRef) -> Result<Vec<ChaseRecord>, sqlx::Error> {
    let (kind, id) = item.stored();
    let rows: Vec<RecordRow> = sqlx::query_as(
        "SELECT c.cycle, c.step, c.sent_on, y.answered_on FROM chases c \
         JOIN chase_cycles y ON y.item_kind = c.item_kind AND y.item_id = c.item_id \
           AND y.cycle = c.cycle \
         WHERE c.item_kind = $1 AND c.item_id = $2 ORDER BY c.id",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(ChaseRecord {
                cycle: row.cycle,
                step: step_of(&row.step)?,
                sent_on: day(&row.sent_on)?,
                answered_on: row.answered_on.as_deref().map(day).transpose()?,
            })
        })
        .collect()
}

fn day(text: &str) -> Result<NaiveDate, sqlx::Error> {
    text.parse()
        .map_err(|error: chrono::ParseError| sqlx::Error::Decode(error.into()))
}

fn step_of(text: &str) -> Result<Step, sqlx::Error> {
    Step::parse(text).ok_or_else(|| sqlx::Error::Decode(format!("a chase step: {text}").into()))
}
