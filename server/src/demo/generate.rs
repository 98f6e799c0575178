//! `watchdog demo generate --issues N [--meetings M] [--commitments C]`: a large tracker for
//! measuring speed, N issues (and M meetings, `super::generate_meetings`, and C commitments,
//! `super::generate_commitments`) of the
//! demo supplier spread over three years, with log numbers, responses, status changes and
//! "affects us too" marks, written through the same store functions as the pages. The demo
//! accounts and supplier are loaded first if the database is empty. Deterministic: the same
//! N gives the same tracker.

use std::sync::LazyLock;

use anyhow::Context;
use app::{
    accounts::types::AccountId,
    db::Db,
    domain::ids::{CommitmentId, ItemRef},
    issues::{
        store::{self, NewIssue, StatusChange},
        types::{IssueStatus, LogNumber},
    },
    markdown::{Markdown, EMPTY},
    notifications::{
        store::{self as notifications, Notice},
        types::NotificationKind,
    },
    suppliers::types::{ModuleId, SupplierId},
};
use chrono::{DateTime, Duration, Utc};

use super::sequence::Sequence;
use crate::config::Config;

/// The supplier's first answer to every generated issue it answers.
static RESPONSE: LazyLock<Markdown> =
    LazyLock::new(|| Markdown::render("Thank you. We have logged this and will update you here."));

/// Issues written per transaction.
const BATCH: usize = 2000;

const AREAS: &[&str] = &[
    "Appointment book",
    "Repeat prescribing",
    "Document queue",
    "Pathology inbox",
    "Recall search",
    "Patient summary",
    "Referral letter",
    "Template editor",
    "Practice library",
    "Task list",
    "Medication review",
    "Online consultation",
];

const FAULTS: &[&str] = &[
    "freezes",
    "shows a blank screen",
    "prints twice",
    "loses the dosage text",
    "files to the wrong patient",
    "times out",
    "drops attachments",
    "shows the wrong date",
    "crashes",
    "ignores the practice setting",
];

const WHEN: &[&str] = &[
    "after the update",
    "on Monday mornings",
    "with large records",
    "when switching session",
    "for locum accounts",
    "on the new printers",
    "after a record merge",
    "when offline",
];

/// How much of each kind of record `generate` adds.
pub struct Amounts {
    pub issues: usize,
    pub meetings: usize,
    pub commitments: usize,
    /// Chase notifications in the supplier's representative's inbox.
    pub notifications: usize,
}

/// Adds the generated issues, then the meetings (`super::generate_meetings`) and the
/// commitments (`super::generate_commitments`); returns how many of each the database then
/// holds.
pub async fn generate(config: &Config, amounts: &Amounts) -> anyhow::Result<(i64, i64, i64)> {
    let (count, meetings) = (amounts.issues, amounts.meetings);
    super::load(config).await?;
    let db = Db::connect(&config.database_url(), 1).await?;
    let (supplier, modules, rep, members) = cast(&db).await?;
    let start = Utc::now() - Duration::days(3 * 365);
    let step = Duration::seconds((3 * 365 * 24 * 3600 / count.max(1)) as i64);
    let mut sequence = Sequence(count as u64);
    let already: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM issues")
        .fetch_one(db.reader())
        .await?;
    let mut written = 0;
    while written < count {
        let mut tx = db.begin_write().await?;
        for n in written..(written + BATCH).min(count) {
            let at = start + step * n as i32;
            let serial = already as usize + n + 1;
            write_issue(
                &mut tx,
                &mut sequence,
                serial,
                at,
                supplier,
                &modules,
                rep,
                &members,
            )
            .await
            .with_context(|| format!("generated issue {serial}"))?;
        }
        tx.commit().await?;
        written = (written + BATCH).min(count);
        if written % 10_000 == 0 || written == count {
            println!("{written} of {count} issues written");
        }
    }
    let chair: i64 =
        sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'chair' ORDER BY id LIMIT 1")
            .fetch_one(db.reader())
            .await
            .context("the demo chair")?;
    let commitments = super::generate_commitments::generate(
        &db,
        supplier,
        &modules,
        rep,
        AccountId(chair),
        amounts.commitments,
    )
    .await?;
    let meetings = if meetings > 0 {
        super::generate_meetings::generate(&db, supplier, AccountId(chair), meetings).await?
    } else {
        sqlx::query_scalar("SELECT COUNT(*) FROM meetings")
            .fetch_one(db.reader())
            .await?
    };
    write_notifications(&db, rep, amounts.notifications).await?;
    db.refresh_statistics().await?;
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM issues")
        .fetch_one(db.reader())
        .await?;
    db.close().await;
    Ok((total, meetings, commitments))
}

/// The inbox the benchmark reads: `count` chase notifications for the supplier's
/// representative about the generated commitments, one every seven hours back from now, the
/// older two thirds read.
async fn write_notifications(db: &Db, rep: AccountId, count: usize) -> anyhow::Result<()> {
    let commitments: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM commitments ORDER BY id LIMIT 1000")
            .fetch_all(db.reader())
            .await?;
    if count == 0 || commitments.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let mut written = 0;
    while written < count {
        let mut tx = db.begin_write().await?;
        for n in written..(written + BATCH).min(count) {
            let commitment = CommitmentId(commitments[n % commitments.len()]);
            let subject = format!(
                "Overdue, first chase: {} Generated promise",
                commitment.label()
            );
            let body = format!(
                "{} “Generated promise” is overdue. Please record where it stands, or a new \
                 timeframe, in Watchdog.",
                commitment.label()
            );
            let notice = Notice {
                account: rep,
                kind: NotificationKind::Chase,
                item: ItemRef::Commitment(commitment),
                subject: &subject,
                body: &body,
                chase: None,
            };
            let at = now - Duration::hours(7 * (count - n) as i64);
            let id = notifications::notify(&mut tx, &notice, at).await?;
            if n + 1 == count * 2 / 3 {
                if let Some(id) = id {
                    notifications::mark_all_read(&mut tx, rep, id, now).await?;
                }
            }
        }
        tx.commit().await?;
        written = (written + BATCH).min(count);
    }
    println!("{count} notifications written");
    Ok(())
}

type Cast = (SupplierId, Vec<ModuleId>, AccountId, Vec<AccountId>);

/// The demo supplier, its modules, its representative and the user group's accounts.
async fn cast(db: &Db) -> anyhow::Result<Cast> {
    let supplier: i64 = sqlx::query_scalar("SELECT id FROM suppliers ORDER BY id LIMIT 1")
        .fetch_one(db.reader())
        .await
        .context("the demo supplier")?;
    let modules: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM modules WHERE supplier_id = $1 ORDER BY id")
            .bind(supplier)
            .fetch_all(db.reader())
            .await?;
    let rep: i64 = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE supplier_id = $1 AND role = 'supplier_rep' LIMIT 1",
    )
    .bind(supplier)
    .fetch_one(db.reader())
    .await
    .context("the demo supplier's representative")?;
    let members: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE role <> 'supplier_rep' ORDER BY id")
            .fetch_all(db.reader())
            .await?;
    Ok((
        SupplierId(supplier),
        modules.into_iter().map(ModuleId).collect(),
        AccountId(rep),
        members.into_iter().map(AccountId).collect(),
    ))
}

/// Statuses by how often a tracker holds them: most issues end fixed or closed.
const STATUS_MIX: &[IssueStatus] = &[
    IssueStatus::New,
    IssueStatus::Logged,
    IssueStatus::Logged,
    IssueStatus::Investigating,
    IssueStatus::Investigating,
    IssueStatus::FixPlanned,
    IssueStatus::Fixed,
    IssueStatus::Fixed,
    IssueStatus::Closed,
    IssueStatus::Closed,
    IssueStatus::Closed,
    IssueStatus::WontFix,
];

#[allow(clippy::too_many_arguments)]
async fn write_issue(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    sequence: &mut Sequence,
    serial: usize,
    at: DateTime<Utc>,
    supplier: SupplierId,
    modules: &[ModuleId],
    rep: AccountId,
    members: &[AccountId],
) -> anyhow::Result<()> {
    let title = format!(
        "{} {} {}",
        sequence.pick(AREAS),
        sequence.pick(FAULTS),
        sequence.pick(WHEN)
    );
    let description = Markdown::render(format!(
        "{title}.\n\nSeen by **{}** practices; steps to reproduce are in the supplier's log. \
         Generated issue {serial}.",
        1 + sequence.below(9)
    ));
    let log_number = (sequence.below(4) > 0)
        .then(|| LogNumber::parse(&format!("GEN{serial:07}")))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let reporter = members[sequence.below(members.len())];
    let issue = NewIssue {
        title: &title,
        description: &description,
        supplier,
        module: (!modules.is_empty() && sequence.below(5) > 0)
            .then(|| modules[sequence.below(modules.len())]),
        patient_safety: sequence.below(12) == 0,
        reporter,
        log_number: log_number.as_ref(),
    };
    let id = store::create(tx, issue, at).await?;
    let status = STATUS_MIX[sequence.below(STATUS_MIX.len())];
    if status != IssueStatus::New {
        let answered = at + Duration::hours(20);
        store::post(tx, id, rep, &RESPONSE, true, answered).await?;
        let core = store::core(tx, id).await?.context("just written")?;
        let change = StatusChange {
            to: status,
            target: (status == IssueStatus::FixPlanned).then_some("Next release"),
            note: &EMPTY,
            by: rep,
            by_supplier: true,
        };
        store::change_status(tx, &core, core.version, change, answered).await?;
    }
    for _ in 0..sequence.below(4) {
        let member = members[sequence.below(members.len())];
        store::set_affects(tx, id, member, true, at).await?;
    }
    Ok(())
}
