//! "Since the last meeting", on a demo instance whose clock reads 15 August 2026: what was
//! promised, slipped, went overdue, was delivered or withdrawn since a meeting held, of that
//! meeting's supplier; the latest meeting unless another is chosen; a meeting the reader may
//! not see answers as a missing one; the home page shows what slipped.

use app::{
    accounts::types::Role,
    commitments::{
        api::GetAttention,
        types::{since::SincePage, CommitmentId},
    },
    error::AppError,
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, Revision, TestApp};

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    format!("{text}T10:00:00Z").parse().expect("time")
}

fn ids(
    page: &SincePage,
    holds: impl Fn(&app::commitments::types::since::Since) -> bool,
) -> Vec<CommitmentId> {
    let mut ids: Vec<_> = page
        .changed
        .iter()
        .filter(|row| holds(&row.since))
        .map(|row| row.summary.id)
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn since_a_meeting_shows_what_became_of_its_suppliers_promises() {
    let app = TestApp::spawn_on("2026-08-15".parse().expect("date")).await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let theirs = app.create_supplier("Other Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair_account).await;
    let rep = browser_of(&app, &app.create_rep(ours, "rep@example.com").await).await;
    let june = app
        .create_meeting_at(&chair_account, Some(ours), "members", at("2026-06-15"))
        .await;
    let july = app
        .create_meeting_at(&chair_account, Some(ours), "members", at("2026-07-20"))
        .await;
    let other = app
        .create_meeting_at(&chair_account, Some(theirs), "committee", at("2026-05-20"))
        .await;
    app.create_meeting_at(&chair_account, Some(ours), "members", at("2026-09-01"))
        .await;

    let record = |supplier, title, words, said_on| {
        app.record_commitment(&chair, supplier, title, words, said_on)
    };
    let change = |version, status, words, said_on| Revision {
        version,
        status,
        words,
        said_on,
        reason: "The supplier said so",
        note: "Seen working",
    };
    let slipped = record(ours, "Roll-out", "Q3 2026", "2026-05-01").await;
    app.revise_commitment(
        &rep,
        slipped,
        change(1, "promised", "Q4 2026", "2026-07-25"),
    )
    .await
    .expect("re-promised");
    let overdue = record(ours, "Outage report", "by 31 July", "2026-05-10").await;
    let new = record(ours, "Letters", "September 2026", "2026-07-22").await;
    let delivered = record(ours, "Release notes", "May 2026", "2026-04-01").await;
    app.revise_commitment(&chair, delivered, change(1, "delivered", "", "2026-06-20"))
        .await
        .expect("delivered");
    record(ours, "Bulk export", "once signed off", "2026-03-01").await;
    record(theirs, "Another supplier's", "Q4 2026", "2026-07-25").await;

    let latest = app.since(&chair, "").await.expect("answered");
    let meeting = latest.meeting.clone().expect("a meeting held");
    assert_eq!(
        (meeting.id, meeting.day.to_string()),
        (july, "2026-07-20".to_owned())
    );
    assert_eq!(ids(&latest, |s| s.promised), [new]);
    assert_eq!(ids(&latest, |s| s.slipped > 0), [slipped]);
    assert_eq!(ids(&latest, |s| s.went_overdue), [overdue]);
    assert!(ids(&latest, |s| s.delivered).is_empty());
    assert_eq!(
        latest.changed.len(),
        3,
        "nothing of the other supplier's, nothing unchanged"
    );
    assert_eq!(latest.meetings.len(), 3, "the one to come is not offered");

    let from_june = app
        .since(&chair, &format!("meeting={}", june.0))
        .await
        .expect("answered");
    assert_eq!(ids(&from_june, |s| s.delivered), [delivered]);
    assert_eq!(ids(&from_june, |s| s.promised), [new]);
    assert_eq!(ids(&from_june, |s| s.went_overdue), [overdue]);

    // A representative counts from their own supplier's meetings; another's is missing.
    let theirs_latest = app.since(&rep, "").await.expect("answered");
    assert_eq!(theirs_latest.meeting.expect("held").id, july);
    let refused = app.since(&rep, &format!("meeting={}", other.0)).await;
    assert_eq!(refused, Err((StatusCode::NOT_FOUND, AppError::NotFound)));

    // The home page names what slipped since the latest meeting.
    let attention = app
        .call_fn::<GetAttention>(&chair, &[])
        .await
        .expect("answered")
        .expect("signed in");
    let slipped_since = attention.slipped.expect("a meeting held");
    assert_eq!(slipped_since.meeting.id, july);
    assert_eq!(slipped_since.total, 1);
    assert_eq!(slipped_since.rows[0].id, slipped);

    let page = app
        .get_with(&chair, "/commitments/since")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Since the meeting of 20 July 2026"), "{page}");
    assert!(page.contains("slipped once since"), "{page}");
    let home = app.get_with(&chair, "/").await.text().await.expect("page");
    assert!(home.contains("Slipped since the last meeting"), "{home}");
}
