//! The chase engine: one pass finds what has fallen due on a day and records the step each
//! item has reached (`domain::chase::step_in_cycle`), a batch of items per write transaction.
//! It runs hourly in the server and once from the command line (`watchdog chase run`). Run
//! twice, from two processes at once, or again after a process died mid-run, it records each
//! step of an item's cycle once: a step already recorded is skipped by the database's key,
//! and a batch cut off before its commit is found again by the next run. A batch is read and
//! recorded in one write transaction, so a supplier's answer lands before it or after it,
//! never between reading an item's cycle and adding to it.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::store::{self, Candidate};
use crate::{
    db::Db,
    domain::chase::{step_in_cycle, ChaseKind, ChasePolicy, Step},
};

/// How one pass runs.
#[derive(Debug, Clone, Copy)]
pub struct Pass {
    /// The day it chases for (the one clock's today, or a rehearsal's).
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    /// Reports what it would record, recording nothing.
    pub dry_run: bool,
    /// Items read and written per transaction.
    pub batch: i64,
    /// Test-only: the process aborts once this many steps are recorded in this pass (whether
    /// or not their batch was committed), so a test can kill a run at a chosen moment.
    pub abort_after: Option<usize>,
}

impl Pass {
    pub const BATCH: i64 = 500;

    pub fn on(today: NaiveDate, now: DateTime<Utc>) -> Pass {
        Pass {
            today,
            now,
            dry_run: false,
            batch: Pass::BATCH,
            abort_after: None,
        }
    }
}

/// A step the pass recorded (or, dry, would record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chased {
    pub candidate: Candidate,
    pub cycle: i64,
    pub step: Step,
}

/// What one pass did: the steps it recorded, and how many items it looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub looked_at: usize,
    pub chased: Vec<Chased>,
}

/// Runs one pass over the commitments under `policy`.
pub async fn run(db: &Db, policy: &ChasePolicy, pass: Pass) -> Result<Report, sqlx::Error> {
    let until = pass.today + Duration::days(policy.due_soon_days.max(0));
    let mut report = Report::default();
    let mut after = 0;
    loop {
        // A batch is read inside the transaction that records it: writes take the write
        // lock one at a time, so no answer can land between reading a cycle and adding to
        // it. A rehearsal reads in a transaction of the read pool and writes nothing.
        let mut tx = if pass.dry_run {
            db.reader().begin().await?
        } else {
            db.begin_write().await?
        };
        let candidates = store::commitments_due(&mut tx, until, after, pass.batch).await?;
        let (Some(first), Some(last)) = (candidates.first(), candidates.last()) else {
            break;
        };
        let (first, last) = (first.item.stored().1, last.item.stored().1);
        after = last;
        report.looked_at += candidates.len();
        let cycles = store::latest_cycles(&mut tx, "commitment", first, last).await?;
        let due: Vec<Chased> = candidates
            .into_iter()
            .filter_map(|candidate| {
                let latest = cycles
                    .get(&candidate.item.stored().1)
                    .cloned()
                    .unwrap_or_default();
                // A new cycle once the last was answered (or before the first); an open one
                // runs from the answer to the cycle before it, as it did when it opened.
                let (cycle, answered_on, sent) = match latest.answered_on {
                    Some(answered) => (latest.cycle + 1, Some(answered), Vec::new()),
                    None if latest.cycle == 0 => (1, None, Vec::new()),
                    None => (latest.cycle, latest.previous_answered_on, latest.sent),
                };
                let step = step_in_cycle(
                    policy,
                    ChaseKind::Commitment,
                    candidate.due,
                    answered_on,
                    &sent,
                    pass.today,
                )?;
                Some(Chased {
                    candidate,
                    cycle,
                    step,
                })
            })
            .collect();
        if pass.dry_run {
            report.chased.extend(due);
            continue;
        }
        for chased in due {
            let written = store::record(
                &mut tx,
                chased.candidate.item,
                chased.candidate.supplier,
                chased.cycle,
                chased.step,
                pass.today,
                pass.now,
            )
            .await?;
            if written {
                report.chased.push(chased);
                if pass.abort_after == Some(report.chased.len()) {
                    eprintln!("watchdog: aborting the chase run (test fault point)");
                    std::process::abort();
                }
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}
