//! The roadmap by quarter, on a demo instance whose clock reads 15 August 2026: each promise
//! still owed in the quarter it is due in now with its trail, the quarter it was first
//! promised for showing that it moved on, overdue ones in past quarters, delivered ones in the
//! quarter they landed, those with no date apart; a representative sees their own
//! supplier's only; the list's "due in" filter names the same promises.

use app::{
    accounts::types::Role,
    commitments::types::{roadmap::When, CommitmentId, Rating},
};

use reqwest::StatusCode;

use crate::helpers::{browser_of, Revision, TestApp};

fn day(text: &str) -> chrono::NaiveDate {
    text.parse().expect("date")
}

fn ids(lane: &app::commitments::types::roadmap::Lane) -> Vec<CommitmentId> {
    lane.cards.iter().map(|card| card.summary.id).collect()
}

#[tokio::test]
async fn the_roadmap_places_each_promise_in_its_quarter_with_its_trail() {
    let app = TestApp::spawn_on(day("2026-08-15")).await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let other = app.create_supplier("Other Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.com").await).await;
    let add = |title, supplier, words, said_on| {
        app.record_commitment(&chair, supplier, title, words, said_on)
    };
    // Promised for mid-July, then Q3, then Q4: it slipped out of this quarter into the next.
    let moved = add("Roll-out to all sites", supplier, "mid-July", "2026-06-15").await;
    let revise = |version, words, said_on| Revision {
        version,
        status: "promised",
        words,
        said_on,
        reason: "Testing found a fault",
        note: "",
    };
    app.revise_commitment(&rep, moved, revise(1, "Q3", "2026-07-01"))
        .await
        .expect("re-promised");
    app.revise_commitment(&rep, moved, revise(2, "Q4", "2026-08-01"))
        .await
        .expect("re-promised again");
    let overdue = add(
        "Weekly outage reports",
        supplier,
        "by 31 March",
        "2026-01-10",
    )
    .await;
    let delivered = add(
        "New appointment letters",
        supplier,
        "May 2026",
        "2026-02-01",
    )
    .await;
    app.revise_commitment(
        &chair,
        delivered,
        Revision {
            version: 1,
            status: "delivered",
            words: "May 2026",
            said_on: "2026-05-20",
            reason: "",
            note: "In release 5.2.0",
        },
    )
    .await
    .expect("delivered");
    let undated = add("Bulk export", supplier, "once the pilot ends", "2026-03-02").await;
    let hidden = add("Another supplier's promise", other, "Q4 2026", "2026-08-01").await;

    let roadmap = app.roadmap(&rep, "").await.expect("answered");
    let labels: Vec<&str> = roadmap
        .columns
        .iter()
        .map(|column| column.quarter.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Q1 2027", "Q2 2027",
            "Q3 2027"
        ]
    );
    assert_eq!(roadmap.columns[4].quarter.when, When::Current);
    let column = |label: &str| {
        roadmap
            .columns
            .iter()
            .find(|column| column.quarter.label == label)
            .expect("a column of that quarter")
    };
    let q4 = column("Q4 2026");
    assert_eq!(ids(&q4.due), [moved]);
    assert_eq!(q4.due.cards[0].trail, ["Q3 2026", "Q4 2026"]);
    assert_eq!(
        q4.due.cards[0].summary.standing.rating(roadmap.today),
        Rating::Slipped
    );
    let q3 = column("Q3 2026");
    assert_eq!(
        ids(&q3.moved_on),
        [moved],
        "the trail starts where it was first promised"
    );
    assert_eq!(q3.due.total, 0);
    let q1 = column("Q1 2026");
    assert_eq!(ids(&q1.due), [overdue]);
    assert_eq!(
        q1.due.cards[0].summary.standing.overdue(roadmap.today),
        Some((137, 137))
    );
    assert_eq!(ids(&column("Q2 2026").delivered), [delivered]);
    assert_eq!(ids(&roadmap.undated), [undated]);
    assert_eq!((roadmap.earlier.total, roadmap.later.total), (0, 0));
    let everywhere: Vec<CommitmentId> = roadmap
        .columns
        .iter()
        .flat_map(|column| [&column.due, &column.delivered, &column.moved_on])
        .flat_map(ids)
        .collect();
    assert!(
        !everywhere.contains(&hidden),
        "another supplier's promise is not shown"
    );

    // The chair sees both suppliers, and may look at one.
    let all = app.roadmap(&chair, "").await.expect("answered");
    let q4 = all
        .columns
        .iter()
        .find(|c| c.quarter.label == "Q4 2026")
        .expect("Q4");
    assert_eq!(q4.due.total, 2);
    let one = app
        .roadmap(&chair, &format!("supplier={}", other.0))
        .await
        .expect("answered");
    assert_eq!(one.supplier, Some(other));
    assert_eq!(one.columns[5].due.cards[0].summary.id, hidden);
    // A representative naming another supplier is shown their own, as for a missing one.
    let refused = app
        .roadmap(&rep, &format!("supplier={}", other.0))
        .await
        .expect("answered");
    assert_eq!(refused.supplier, None);
    assert_eq!(refused.columns[5].due.total, 1);

    // "All in the list" of a quarter is the list's "due in" filter.
    let list = app
        .commitments(&chair, "due=2026-10-01%2F2026-12-31")
        .await
        .expect("answered");
    assert_eq!(list.total, 2);
    assert!(list
        .quarters
        .iter()
        .any(|(days, label)| days == "2026-10-01/2026-12-31" && label == "Q4 2026"));

    // The page itself, as the representative reads it.
    let page = app
        .get_with(&rep, "/commitments/roadmap")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Roadmap by quarter"), "{page}");
    assert!(page.contains("Roll-out to all sites"));
    assert!(page.contains("First promised for this quarter; now due in <strong>Q4 2026</strong>"));
    assert!(page.contains("Delivered 20 May 2026"), "{page}");
    assert!(page.contains("137 days overdue"));
    assert!(!page.contains("Another supplier"));
}

#[tokio::test]
async fn the_csv_export_is_the_lists_view_with_both_windows_and_the_slip_figures() {
    let app = TestApp::spawn_on(day("2026-08-15")).await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let other = app.create_supplier("Other Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.com").await).await;
    let slipped = app
        .record_commitment(
            &chair,
            supplier,
            "=HYPERLINK(\"x\") Roll-out",
            "mid-July",
            "2026-06-15",
        )
        .await;
    app.revise_commitment(
        &rep,
        slipped,
        Revision {
            version: 1,
            status: "in_progress",
            words: "by 31 July",
            said_on: "2026-07-01",
            reason: "Testing found a fault",
            note: "",
        },
    )
    .await
    .expect("re-promised");
    app.record_commitment(&chair, supplier, "Letters", "Q4 2026", "2026-08-01")
        .await;
    app.record_commitment(&chair, other, "Another supplier's", "Q4 2026", "2026-08-01")
        .await;

    let response = rep
        .get(app.url("/commitments.csv?rating=overdue&after=99"))
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .contains("commitments-2026-08-15.csv"));
    let body = response.text().await.expect("body");
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "the header and the one overdue: {body}");
    assert!(lines[0].starts_with("Commitment,Title,Supplier,Module,Status,Standing,"));
    let label = format!("C-{}", slipped.0);
    // A formula is written as text; both windows, one slip of 11 days, 15 and 26 days late.
    assert_eq!(
        lines[1],
        format!(
            "{label},\"'=HYPERLINK(\"\"x\"\") Roll-out\",Example Clinical Systems,,In progress,overdue,\
             by 31 July,by 31 July 2026,2026-07-31,2026-07-31,2026-07-11,2026-07-20,1,11,15,26,,\
             {}/commitments/{}",
            app.address, slipped.0
        )
    );
    let everything = rep
        .get(app.url("/commitments.csv"))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("body");
    assert_eq!(
        everything.lines().count(),
        3,
        "their own supplier's two only: {everything}"
    );
    let anonymous = app.get("/commitments.csv").await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
