//! The demo commitments among the other demo records: the issues whose fixes they bring, and
//! the autumn meeting's review of two promises that slipped, whose minutes name them (`C-…`),
//! so each shows "discussed at" on its page. Loaded after the commitments, whose numbers the
//! minutes need.

use app::{
    commitments::store,
    db::{timestamp, Db, Tx},
    domain::{
        ids::{CommitmentId, IssueId, MeetingId},
        meetings::Visibility,
    },
    markdown::Markdown,
    meetings::store::{self as meetings, ItemFields},
};
use chrono::{DateTime, Duration, Utc};

use super::issues::{Cast, Who};

/// Each commitment (by title) and the issue (by title) whose fix it brings.
const FIXES: &[(&str, &str)] = &[
    (
        "Fix repeat prescriptions losing their dosage text",
        "Repeat prescriptions drop the dosage text when re-issued",
    ),
    (
        "Fix the appointment book freezing",
        "Appointment book freezes when switching between sessions",
    ),
    (
        "A safety notice about misfiled lab results, to every practice",
        "Lab results filed against the wrong patient after a record merge",
    ),
];

/// The meeting that reviewed the promises that slipped, and the two it went through.
const REVIEWED_AT: &str = "Watchdog meeting with Example Clinical Systems, autumn";
const REVIEWED: [&str; 2] = [
    "Fix repeat prescriptions losing their dosage text",
    "What will replace batch letters, and when",
];

pub async fn load(db: &Db, cast: &Cast, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    let chair = cast.id(Who::Chair);
    for (commitment, issue) in FIXES {
        let commitment = commitment_named(&mut tx, commitment).await?;
        let issue: IssueId = sqlx::query_scalar("SELECT id FROM issues WHERE title = $1")
            .bind(issue)
            .fetch_one(&mut *tx)
            .await
            .map_err(|error| anyhow::anyhow!("the demo issue {issue:?}: {error}"))?;
        store::link_issue(&mut tx, commitment, issue, chair, now).await?;
    }
    let (meeting, starts_at): (MeetingId, String) =
        sqlx::query_as("SELECT id, starts_at FROM meetings WHERE title = $1")
            .bind(REVIEWED_AT)
            .fetch_one(&mut *tx)
            .await
            .map_err(|error| anyhow::anyhow!("the demo meeting {REVIEWED_AT:?}: {error}"))?;
    let [dosage, letters] = [
        commitment_named(&mut tx, REVIEWED[0]).await?,
        commitment_named(&mut tx, REVIEWED[1]).await?,
    ];
    let minutes = Markdown::render(format!(
        "The committee went through the promises that slipped since the summer.\n\n\
         - {}: the supplier said the fix is written and waits for the next release; members \
           asked for the log numbers it covers.\n\
         - {}: still no date. The chair asked for one in writing before the next meeting.",
        dosage.label(),
        letters.label()
    ));
    let fields = ItemFields {
        heading: "Promises that slipped",
        presenter: "Chair",
        visibility: Visibility::Members,
        minutes: &minutes,
    };
    let written = (timestamp::from_db(&starts_at)? + Duration::days(2)).min(now);
    meetings::add_item(&mut tx, meeting, fields, chair, written).await?;
    tx.commit().await?;
    Ok(())
}

async fn commitment_named(tx: &mut Tx, title: &str) -> anyhow::Result<CommitmentId> {
    sqlx::query_scalar("SELECT id FROM commitments WHERE title = $1")
        .bind(title)
        .fetch_one(&mut **tx)
        .await
        .map_err(|error| anyhow::anyhow!("the demo commitment {title:?}: {error}"))
}
