//! `watchdog demo generate --commitments N`: N commitments of the demo supplier, made over
//! the last three years in the words suppliers use, each with the ledger a real one gathers:
//! some kept, some slipped once or twice, some delivered late, some withdrawn, some never
//! given a date. Written through the same store functions as the pages (each promise
//! appended to the ledger and the list's facts restated), for measuring the commitments
//! pages. Deterministic: the same N gives the same commitments.

use app::{
    accounts::types::AccountId,
    commitments::{
        store::{self, DetailsFields, NewCommitment, NewEntry},
        types::{CommitmentStatus, Promise},
    },
    db::Db,
    domain::timeframe::{self, QuarterScheme, MONTHS},
    markdown::EMPTY,
    suppliers::types::{ModuleId, SupplierId},
};
use chrono::{Datelike, Duration, NaiveDate, Utc};

use super::sequence::Sequence;

/// Commitments written per transaction.
const BATCH: usize = 500;

const WHAT: &[&str] = &[
    "Roll the new appointment book out to all sites",
    "Fix the dosage text on repeat prescriptions",
    "Publish the outage report to members",
    "Restore the overnight pathology import",
    "Add the batch letters feature back",
    "Speed up opening large records",
    "Bring the template manager back to the old layout",
    "Send practices the new printer drivers",
];

/// The words a first promise is made in: the first four name days, the rest do not.
const FIRST_WORDS: &[&str] = &[
    "mid-{month}",
    "Q{quarter}",
    "by the end of {month}",
    "next month",
    "early {month}",
    "H2",
    "in due course",
    "once the pilot ends",
    "soon",
];

/// Why a promise moved later.
const REASONS: &[&str] = &[
    "Testing found a fault",
    "The pilot sites asked for more time",
    "Waiting for the regulator",
    "Staff moved to the outage work",
];

/// Adds `count` generated commitments; returns how many the database then holds.
pub async fn generate(
    db: &Db,
    supplier: SupplierId,
    modules: &[ModuleId],
    rep: AccountId,
    chair: AccountId,
    count: usize,
) -> anyhow::Result<i64> {
    // Today as the instance's pages reckon it (in its default zone, by the system's clock).
    let today = app::domain::local_time::Zone::default()
        .clock(Utc::now())
        .date();
    let first_day = today - Duration::days(3 * 365);
    let step = (3 * 365 * 24 * 3600 / count.max(1)) as i64;
    let mut sequence = Sequence((count as u64) ^ 0xC0_FFEE);
    let mut written = 0;
    while written < count {
        let mut tx = db.begin_write().await?;
        for n in written..(written + BATCH).min(count) {
            let said_on = first_day + Duration::seconds(step * n as i64);
            let said_on = said_on.min(today);
            let title = format!("{} ({})", sequence.pick(WHAT), n + 1);
            let month = MONTHS[(said_on.month0() as usize + 1 + sequence.below(3)) % 12];
            let quarter = 1 + (said_on.month0() / 3 + 1 + sequence.below(2) as u32) % 4;
            let words = sequence
                .pick(FIRST_WORDS)
                .replace("{month}", month)
                .replace("{quarter}", &quarter.to_string());
            let first = read(&words, said_on)?;
            let new = NewCommitment {
                supplier,
                details: DetailsFields {
                    title: &title,
                    module: modules.get(sequence.below(modules.len().max(1))).copied(),
                    description: &EMPTY,
                    committee_owner: Some(chair),
                    supplier_owner: Some(rep),
                    supplier_owner_name: "",
                },
                item: None,
                action: None,
            };
            let entry = NewEntry {
                said_on,
                status: CommitmentStatus::Promised,
                promise: &first,
                reason: "",
                note: "",
                evidence_url: "",
                release: None,
            };
            let id = store::create(&mut tx, &new, &entry, chair, Utc::now()).await?;
            let mut version = 1;
            let mut on = said_on;
            let mut current = first;
            // Up to two slips, each a quarter or so later than the promise it replaces.
            for _ in 0..sequence.below(3) {
                on += Duration::days(20 + sequence.below(70) as i64);
                let Some(due) = current.window.map(|window| window.last) else {
                    break;
                };
                if on > today {
                    break;
                }
                let later = due + Duration::days(60 + sequence.below(60) as i64);
                current = read(&format!("by {}", later.format("%-d %B %Y")), on)?;
                let entry = NewEntry {
                    said_on: on,
                    status: CommitmentStatus::InProgress,
                    promise: &current,
                    reason: sequence.pick(REASONS),
                    note: "",
                    evidence_url: "",
                    release: None,
                };
                anyhow::ensure!(
                    store::revise(&mut tx, id, version, &entry, rep, Utc::now()).await?,
                    "generated commitment {id:?} moved on while generated"
                );
                version += 1;
            }
            // Then most of those whose day has come are delivered, near it; a few withdrawn.
            let due = current.window.map(|window| window.last);
            let ending = match (due, sequence.below(10)) {
                (_, 0) => Some((CommitmentStatus::Withdrawn, on + Duration::days(30))),
                (Some(due), 1..=6) => Some((
                    CommitmentStatus::Delivered,
                    due - Duration::days(20) + Duration::days(sequence.below(50) as i64),
                )),
                _ => None,
            };
            if let Some((status, day)) = ending.filter(|(_, day)| *day <= today && *day >= on) {
                let entry = NewEntry {
                    said_on: day,
                    status,
                    promise: &current,
                    reason: "",
                    note: if status == CommitmentStatus::Delivered {
                        "Delivered in the release of that month"
                    } else {
                        ""
                    },
                    evidence_url: "",
                    release: None,
                };
                anyhow::ensure!(
                    store::revise(&mut tx, id, version, &entry, rep, Utc::now()).await?,
                    "generated commitment {id:?} moved on while generated"
                );
            }
        }
        tx.commit().await?;
        written = (written + BATCH).min(count);
        if written % 10_000 == 0 || written == count {
            println!("{written} of {count} commitments written");
        }
    }
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM commitments")
        .fetch_one(db.reader())
        .await?)
}

/// `words` said on `said_on`, as the form reads them.
fn read(words: &str, said_on: NaiveDate) -> anyhow::Result<Promise> {
    let timeframe = timeframe::parse(words, said_on, QuarterScheme::Calendar)
        .map_err(|error| anyhow::anyhow!("generated words {words:?}: {error}"))?;
    Ok(Promise::read(words, &timeframe))
}
