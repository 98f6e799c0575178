//! The scorecards' arithmetic on a fixture, on a demo instance whose clock reads 15 August
//! 2026: promises counted in the period they were made, on time against the first date
//! promised, the median days late, overdue now, slipped, made with no date, withdrawn; every
//! supplier side by side; a representative sees their own supplier's only.

use app::{
    accounts::types::Role,
    commitments::types::scorecard::{Period, Tally},
};

use crate::helpers::{browser_of, Revision, TestApp};

fn day(text: &str) -> chrono::NaiveDate {
    text.parse().expect("date")
}

#[tokio::test]
async fn scorecards_count_what_became_of_each_promise() {
    let app = TestApp::spawn_on(day("2026-08-15")).await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let theirs = app.create_supplier("Other Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(theirs, "rep@example.com").await).await;
    let add = |supplier, words, said_on| {
        app.record_commitment(&chair, supplier, "A promise", words, said_on)
    };
    let change = |version, status, words, said_on| Revision {
        version,
        status,
        words,
        said_on,
        reason: "The supplier said so",
        note: "Seen working at the pilot sites",
    };
    let on_time = add(ours, "March 2026", "2026-01-05").await;
    app.revise_commitment(&chair, on_time, change(1, "delivered", "", "2026-03-20"))
        .await
        .expect("delivered");
    let two_days_late = add(ours, "by 28 February", "2026-01-10").await;
    app.revise_commitment(
        &chair,
        two_days_late,
        change(1, "delivered", "", "2026-03-02"),
    )
    .await
    .expect("delivered");
    let slipped = add(ours, "January 2026", "2026-01-03").await;
    app.revise_commitment(
        &chair,
        slipped,
        change(1, "promised", "April 2026", "2026-02-01"),
    )
    .await
    .expect("re-promised");
    app.revise_commitment(&chair, slipped, change(2, "delivered", "", "2026-04-30"))
        .await
        .expect("delivered 89 days after the first date");
    add(ours, "by 31 May", "2026-02-01").await;
    add(ours, "once the pilot ends", "2026-05-01").await;
    let withdrawn = add(ours, "Q4 2026", "2026-06-01").await;
    app.revise_commitment(&chair, withdrawn, change(1, "withdrawn", "", "2026-07-01"))
        .await
        .expect("withdrawn");
    let other = add(theirs, "Q1 2026", "2025-11-01").await;
    app.revise_commitment(&chair, other, change(1, "delivered", "", "2026-02-01"))
        .await
        .expect("delivered");

    let expected_2026 = Tally {
        made: 6,
        on_time: 1,
        late: 2,
        overdue: 1,
        slipped: 1,
        vague_when_made: 1,
        withdrawn: 1,
        late_days: Vec::new(),
    };
    let counts = |tally: &Tally| Tally {
        late_days: Vec::new(),
        ..tally.clone()
    };

    let ours_by_year = app
        .scorecard(&chair, &format!("supplier={}", ours.0))
        .await
        .expect("answered");
    assert_eq!(ours_by_year.supplier, Some(ours));
    assert_eq!(ours_by_year.periods.len(), 1);
    let (year, tally) = &ours_by_year.periods[0];
    assert_eq!(year, "2026");
    assert_eq!(counts(tally), expected_2026);
    assert_eq!(tally.on_time_percent(), Some(33));
    assert_eq!(tally.median_late_days(), Some(45), "2 and 89 days late");
    assert_eq!(tally.vague_percent(), Some(17));

    let by_quarter = app
        .scorecard(&chair, &format!("supplier={}&by=quarter", ours.0))
        .await
        .expect("answered");
    assert_eq!(by_quarter.period, Period::Quarter);
    let labels: Vec<(&str, i64)> = by_quarter
        .periods
        .iter()
        .map(|(label, tally)| (label.as_str(), tally.made))
        .collect();
    assert_eq!(labels, [("Q1 2026", 4), ("Q2 2026", 2)]);
    assert_eq!(by_quarter.periods[1].1.withdrawn, 1);
    assert_eq!(by_quarter.periods[1].1.vague_when_made, 1);

    // The committee's dashboard: both suppliers side by side, and everyone's by year.
    let dashboard = app.scorecard(&chair, "").await.expect("answered");
    let names: Vec<(&str, i64)> = dashboard
        .suppliers
        .iter()
        .map(|score| (score.name.as_str(), score.tally.made))
        .collect();
    assert_eq!(
        names,
        [("Example Clinical Systems", 6), ("Other Systems", 1)]
    );
    let years: Vec<(&str, i64, i64)> = dashboard
        .periods
        .iter()
        .map(|(label, tally)| (label.as_str(), tally.made, tally.on_time))
        .collect();
    assert_eq!(years, [("2025", 1, 1), ("2026", 6, 1)]);
    assert_eq!(dashboard.total.made, 7);

    // A representative sees their own supplier's figures, even when naming another.
    let theirs_only = app
        .scorecard(&rep, &format!("supplier={}", ours.0))
        .await
        .expect("answered");
    assert_eq!(theirs_only.supplier, None);
    assert_eq!(theirs_only.total.made, 1);
    assert_eq!(theirs_only.suppliers.len(), 1);

    let page = app
        .get_with(
            &chair,
            &format!("/commitments/scorecard?supplier={}", ours.0),
        )
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("Scorecard: Example Clinical Systems"),
        "{page}"
    );
    assert!(page.contains("2 (median 45 days late)"), "{page}");
    assert!(page.contains("1 (33%)"), "{page}");
    let dashboard_page = app
        .get_with(&chair, "/commitments/scorecard")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        dashboard_page.contains("Suppliers side by side"),
        "{dashboard_page}"
    );
}
