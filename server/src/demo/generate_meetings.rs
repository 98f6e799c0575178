//! `watchdog demo generate --meetings N`: N published watchdog meetings of the demo supplier,
//! one a week back from today, each with eight agenda items of realistic length (naming an
//! issue each, so their mentions are written too), for measuring the meetings pages. Written
//! through the same store functions as the pages. Deterministic: the same N gives the same
//! meetings.

use app::{
    accounts::types::AccountId,
    db::Db,
    markdown::Markdown,
    meetings::{
        store::{self, ItemFields},
        types::{MeetingDetails, MeetingKind, Visibility},
    },
    suppliers::types::SupplierId,
};
use chrono::{Duration, Utc};

/// Meetings written per transaction.
const BATCH: usize = 100;

const HEADINGS: [&str; 8] = [
    "Apologies and minutes of the last meeting",
    "Matters arising",
    "Service performance and outages",
    "Releases and pilots",
    "Issues raised by members",
    "Infrastructure changes",
    "Commitments review",
    "Any other business",
];

/// Adds `count` generated meetings; returns how many meetings the database holds.
pub async fn generate(
    db: &Db,
    supplier: SupplierId,
    chair: AccountId,
    count: usize,
) -> anyhow::Result<i64> {
    let issues: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM issues")
        .fetch_one(db.reader())
        .await?;
    let now = Utc::now();
    let mut tx = db.begin_write().await?;
    let series = store::create_series(
        &mut tx,
        &format!("Generated watchdog meetings ({count})"),
        MeetingKind::Watchdog,
        Some(supplier),
        now,
    )
    .await?;
    tx.commit().await?;
    let mut written = 0;
    while written < count {
        let mut tx = db.begin_write().await?;
        for n in written..(written + BATCH).min(count) {
            let starts_at = now - Duration::weeks(i64::try_from(count - n)?);
            let details = MeetingDetails {
                title: format!("Watchdog meeting {}", n + 1),
                kind: MeetingKind::Watchdog,
                series: Some(series),
                starts_at,
                duration_minutes: 120,
                place: "Committee room".to_owned(),
                online_link: String::new(),
                supplier: Some(supplier),
                visibility: Visibility::Members,
            };
            let meeting = store::create(&mut tx, &details, chair, starts_at).await?;
            for (index, heading) in HEADINGS.iter().enumerate() {
                let issue = 1 + (n as i64 * 8 + index as i64) % issues.max(1);
                let minutes = Markdown::render(format!(
                    "The supplier reported on this item. Members asked when the work would be \
                     done and how practices would be told; see #{issue}.\n\n\
                     - The supplier will come back to us after the meeting.\n\
                     - The committee will chase if nothing is heard within a month.\n\n\
                     Members noted that the previous promise had slipped twice and asked for \
                     a date, not a quarter."
                ));
                let fields = ItemFields {
                    heading,
                    presenter: "",
                    visibility: Visibility::Members,
                    minutes: &minutes,
                };
                store::add_item(&mut tx, meeting, fields, chair, starts_at).await?;
            }
            let version: i64 = sqlx::query_scalar("SELECT version FROM meetings WHERE id = $1")
                .bind(meeting)
                .fetch_one(&mut *tx)
                .await?;
            store::publish(
                &mut tx,
                meeting,
                version,
                chair,
                starts_at + Duration::days(2),
            )
            .await?;
        }
        tx.commit().await?;
        written = (written + BATCH).min(count);
        if written % 1000 == 0 || written == count {
            println!("{written} of {count} meetings written");
        }
    }
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM meetings")
        .fetch_one(db.reader())
        .await?)
}
