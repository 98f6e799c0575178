//! The chase engine against the real database, run as the command line runs it
//! (`watchdog chase run`, a process of its own): each step of an item's cycle is recorded
//! once however often it runs, from two processes at once, and after a process killed in the
//! middle of a run; a supplier's new promise answers the chase and starts a new cycle.

use app::{accounts::types::Role, commitments::types::CommitmentId};
use chrono::Duration;

use crate::helpers::{
    browser_of, chase_command, chase_run, said, succeeded, today, Revision, TestApp,
};

/// Every chase recorded, as (commitment, cycle, step, day sent), in order.
async fn chases(app: &TestApp) -> Vec<(i64, i64, String, String)> {
    sqlx::query_as(
        "SELECT item_id, cycle, step, sent_on FROM chases WHERE item_kind = 'commitment' \
         ORDER BY item_id, cycle, id",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("chases read")
}

#[tokio::test]
async fn each_step_is_recorded_once_however_often_and_however_many_run() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let today = today();
    let said_on = (today - Duration::days(90)).to_string();
    // Overdue by ten days, and due in five (inside the week's reminder).
    let overdue = app
        .record_commitment(
            &chair,
            supplier,
            "Faster search",
            &format!("by {}", said(today - Duration::days(10))),
            &said_on,
        )
        .await;
    let soon = app
        .record_commitment(
            &chair,
            supplier,
            "Safer prescribing",
            &format!("by {}", said(today + Duration::days(5))),
            &said_on,
        )
        .await;
    // Withdrawn promises are not chased.
    let withdrawn = app
        .record_commitment(
            &chair,
            supplier,
            "Old report",
            &format!("by {}", said(today - Duration::days(30))),
            &said_on,
        )
        .await;
    let page = app.commitment(&chair, withdrawn).await.expect("read");
    app.revise_commitment(
        &chair,
        withdrawn,
        Revision {
            version: page.commitment.version,
            status: "withdrawn",
            words: "",
            said_on: &said_on,
            reason: "",
            note: "No longer wanted",
        },
    )
    .await
    .expect("withdrawn");

    // A rehearsal records nothing.
    let dry = succeeded(
        &chase_command(&app, today, &["--dry-run"])
            .output()
            .expect("ran"),
    );
    assert!(dry.contains("2 chase steps would record"), "{dry}");
    assert!(chases(&app).await.is_empty());

    // Ten runs on one day: the first chase of the overdue one, the reminder of the other.
    let first = chase_run(&app, today);
    assert!(first.contains("2 chase steps recorded"), "{first}");
    for _ in 1..10 {
        let again = chase_run(&app, today);
        assert!(again.contains("0 chase steps recorded"), "{again}");
    }
    let day = today.to_string();
    assert_eq!(
        chases(&app).await,
        [
            (overdue.0, 1, "chase_1".to_owned(), day.clone()),
            (soon.0, 1, "due_soon".to_owned(), day.clone()),
        ]
    );

    // A fortnight on, from two processes at once, five times over: one more step each.
    let fortnight = today + Duration::days(14);
    for _ in 0..5 {
        let (mut a, mut b) = (
            chase_command(&app, fortnight, &[])
                .spawn()
                .expect("one started"),
            chase_command(&app, fortnight, &[])
                .spawn()
                .expect("another started"),
        );
        assert!(a.wait().expect("one ended").success());
        assert!(b.wait().expect("another ended").success());
    }
    let later = fortnight.to_string();
    assert_eq!(
        chases(&app).await,
        [
            (overdue.0, 1, "chase_1".to_owned(), day.clone()),
            (overdue.0, 1, "chase_2".to_owned(), later.clone()),
            (soon.0, 1, "due_soon".to_owned(), day.clone()),
            (soon.0, 1, "chase_1".to_owned(), later.clone()),
        ]
    );
    app.stop().await.expect("stopped");
}

#[tokio::test]
async fn a_run_killed_midway_leaves_no_duplicate_and_the_next_run_misses_nothing() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let today = today();
    let said_on = (today - Duration::days(90)).to_string();
    let words = format!("by {}", said(today - Duration::days(3)));
    let mut all = Vec::new();
    for n in 0..25 {
        all.push(
            app.record_commitment(&chair, supplier, &format!("Promise {n}"), &words, &said_on)
                .await,
        );
    }
    // Batches of ten; the process dies as it records the fifteenth chase, with the first
    // batch committed and the second not.
    let killed = chase_command(&app, today, &["--batch", "10"])
        .env("WATCHDOG_TEST_CHASE_ABORT_AFTER", "15")
        .output()
        .expect("ran");
    assert!(!killed.status.success(), "the run was to be killed");
    let after_kill = chases(&app).await;
    assert_eq!(after_kill.len(), 10, "{after_kill:?}");

    let rerun = chase_run(&app, today);
    assert!(rerun.contains("15 chase steps recorded"), "{rerun}");
    let recorded = chases(&app).await;
    let mut chased: Vec<i64> = recorded.iter().map(|(id, ..)| *id).collect();
    chased.dedup();
    assert_eq!(chased, all.iter().map(|id| id.0).collect::<Vec<_>>());
    assert!(recorded
        .iter()
        .all(|(_, cycle, step, _)| *cycle == 1 && step == "chase_1"));
    app.stop().await.expect("stopped");
}

#[tokio::test]
async fn a_new_promise_answers_the_chase_and_a_new_cycle_starts_from_it() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.com").await).await;
    let today = today();
    let said_on = (today - Duration::days(90)).to_string();
    let commitment: CommitmentId = app
        .record_commitment(
            &chair,
            supplier,
            "Faster search",
            &format!("by {}", said(today - Duration::days(2))),
            &said_on,
        )
        .await;
    chase_run(&app, today);
    let page = app.commitment(&rep, commitment).await.expect("read");
    assert_eq!(
        page.chases,
        [format!(
            "Chased on {} — no reply yet.",
            app::domain::timeframe::long_date(today)
        )]
    );

    // The supplier's representative re-promises it a month on: the chase is answered.
    let new_due = today + Duration::days(30);
    app.revise_commitment(
        &rep,
        commitment,
        Revision {
            version: page.commitment.version,
            status: "in_progress",
            words: &format!("by {}", said(new_due)),
            said_on: &today.to_string(),
            reason: "Testing found a fault",
            note: "",
        },
    )
    .await
    .expect("re-promised");
    // Answered the day the representative said it.
    let answered = today;
    let page = app.commitment(&chair, commitment).await.expect("read");
    let long = app::domain::timeframe::long_date;
    assert_eq!(
        page.chases,
        [format!(
            "Chased on {} — answered {}.",
            long(today),
            long(answered)
        )]
    );
    // Nothing until the new due end nears; then a reminder and a chase in the new cycle.
    assert!(chase_run(&app, today + Duration::days(14)).contains("0 chase steps recorded"));
    chase_run(&app, new_due - Duration::days(3));
    chase_run(&app, new_due + Duration::days(1));
    // The open second cycle repeats a fortnight after its last chase.
    assert!(chase_run(&app, new_due + Duration::days(14)).contains("0 chase steps recorded"));
    chase_run(&app, new_due + Duration::days(15));
    let cycles: Vec<(i64, i64, String, String)> = chases(&app).await;
    assert_eq!(
        cycles
            .iter()
            .map(|(_, cycle, step, _)| (*cycle, step.as_str()))
            .collect::<Vec<_>>(),
        [
            (1, "chase_1"),
            (2, "due_soon"),
            (2, "chase_1"),
            (2, "chase_2")
        ]
    );
    app.stop().await.expect("stopped");
}
