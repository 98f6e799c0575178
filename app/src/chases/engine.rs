//! The chase engine: one pass finds what has fallen due on a day and records the step each
//! item has reached (`domain::chase::step_in_cycle`), a batch of items per write transaction.
//! It runs hourly in the server and once from the command line (`watchdog chase run`). Run
//! twice, from two processes at once, or again after a process died mid-run, it records each
//! step of an item's cycle once: a step already recorded is skipped by the database's key,
//! and a batch cut off before its commit is found again by the next run. A batch is read and
//! recorded in one write transaction, so a supplier's answer lands before it or after it,
//! never between reading an item's cycle and adding to it.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::store::{self, Audience, Candidate};
use crate::{
    db::{Db, Tx},
    domain::chase::{chase_message, step_in_cycle, ChaseKind, ChasePolicy, Chased as Item, Step},
    notifications::{
        store::{notify, outbox, Notice},
        types::NotificationKind,
    },
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
    /// The earliest its emails may go: `now`, or the end of the quiet hours, weekend or bank
    /// holiday it falls in (`domain::chase::SendingRules`). The inbox never waits.
    pub email_from: DateTime<Utc>,
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
            email_from: now,
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

/// What one pass did: the steps it recorded, how many items it looked at, and how many
/// notifications the steps put into people's inboxes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub looked_at: usize,
    pub chased: Vec<Chased>,
    pub notified: usize,
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
        // Who hears of chases, read with each batch (a few hundred accounts at most).
        let audience = store::audience(&mut tx).await?;
        for chased in due {
            let chase = store::record(
                &mut tx,
                chased.candidate.item,
                chased.candidate.supplier,
                chased.cycle,
                chased.step,
                pass.today,
                pass.now,
            )
            .await?;
            if let Some(chase) = chase {
                report.notified += tell(&mut tx, policy, &audience, &chased, chase, pass).await?;
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

/// Puts `chase` (the step `chased` recorded) into the inbox of everyone it goes to, and an
/// email to each into the outbox, in the transaction that records it; how many it told.
async fn tell(
    tx: &mut Tx,
    policy: &ChasePolicy,
    audience: &Audience,
    chased: &Chased,
    chase: i64,
    pass: Pass,
) -> Result<usize, sqlx::Error> {
    let Chased {
        candidate, step, ..
    } = chased;
    let label = candidate.item.label();
    let message = chase_message(
        policy,
        Item {
            label: &label,
            title: &candidate.title,
            due: candidate.due,
        },
        *step,
        pass.today,
    );
    let mut told = 0;
    for account in audience.of(candidate, *step) {
        let notice = Notice {
            account,
            kind: NotificationKind::Chase,
            item: candidate.item,
            subject: &message.subject,
            body: &message.body,
            chase: Some(chase),
        };
        let Some(notification) = notify(tx, &notice, pass.now).await? else {
            continue;
        };
        told += 1;
        if let Some(path) = candidate.item.href() {
            outbox::enqueue(
                tx,
                account,
                NotificationKind::Chase,
                Some(notification),
                &message.subject,
                &message.body,
                &path,
                pass.email_from,
                pass.now,
            )
            .await?;
        }
    }
    Ok(told)
}
