//! The demo's chases: the chase engine replayed over the demo's past a day at a time, each
//! promise the supplier made after its first answering on the day it was said, so the demo's
//! open commitments carry the chases (reminders, repeats, an escalation) the hourly engine
//! would have recorded against their promises as they stand, and the inboxes of the people
//! told of them (what is older than a fortnight read). The replay reads the promises
//! as they stand now, not as they stood each day: a promise kept or re-promised for later
//! shows no chases from before.

use app::{
    chases::{engine, store},
    db::Db,
    domain::{
        ids::{AccountId, CommitmentId, ItemRef, SupplierId},
        local_time::Zone,
    },
};
use chrono::{DateTime, Duration, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct Answer {
    commitment_id: i64,
    supplier_id: SupplierId,
    said_on: String,
    recorded_by: Option<AccountId>,
}

/// Replays the engine from the first demo due date to today; returns how many chases it
/// recorded.
pub async fn load(db: &Db, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let today = Zone::default().clock(now).date();
    let policy = app::instance::store::settings(db).await?.chase_policy();
    let answers: Vec<Answer> = sqlx::query_as(
        "SELECT r.commitment_id, c.supplier_id, r.said_on, r.recorded_by \
         FROM commitment_revisions r JOIN commitments c ON c.id = r.commitment_id \
         WHERE r.seq > 1 ORDER BY r.said_on, r.id",
    )
    .fetch_all(db.reader())
    .await?;
    let first_due: Option<String> =
        sqlx::query_scalar("SELECT MIN(due_last) FROM commitments WHERE due_last IS NOT NULL")
            .fetch_one(db.reader())
            .await?;
    let Some(first_due) = first_due else {
        return Ok(0);
    };
    // The answers the load recorded as it wrote each ledger are replayed below, in order with
    // the chases between them.
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM chase_cycles")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut answers = answers.into_iter().peekable();
    let mut day = first_due.parse::<NaiveDate>()? - Duration::days(policy.due_soon_days);
    let mut recorded = 0;
    while day <= today {
        let mut tx = db.begin_write().await?;
        while let Some(answer) = answers.next_if(|answer| answer.said_on <= day.to_string()) {
            if let Some(by) = answer.recorded_by {
                let on: NaiveDate = answer.said_on.parse()?;
                let item = ItemRef::Commitment(CommitmentId(answer.commitment_id));
                store::answer(&mut tx, item, answer.supplier_id, by, on, now).await?;
            }
        }
        tx.commit().await?;
        // Each day's pass at nine in the morning, as the hourly engine's first of the day.
        let at = day
            .and_hms_opt(9, 0, 0)
            .map_or(now, |nine| nine.and_utc().min(now));
        recorded += engine::run(db, &policy, engine::Pass::on(day, at))
            .await?
            .chased
            .len();
        day += Duration::days(1);
    }
    // What the demo's people were told more than a fortnight ago they have read by now.
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE notifications SET read_at = created_at WHERE created_at < $1")
        .bind(app::db::timestamp::to_db(now - Duration::days(14)))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(recorded)
}
