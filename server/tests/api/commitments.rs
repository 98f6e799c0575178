//! Commitments: a chair records one from a supplier's action, the supplier's representative
//! re-promises it, and the ledger keeps every promise; who may read and revise which; the
//! database itself refuses any change to the ledger; the list's scope and filters.

use app::{
    accounts::types::Role,
    commitments::types::{CommitmentId, CommitmentStatus, Rating},
    error::AppError,
    meetings::types::ActionOwner,
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, field_error, CommitmentForm, Revision, TestApp};

/// A chair's browser, a supplier with a representative's browser, and a meeting with that
/// supplier (published for members) with an action the supplier owns.
struct Fixture {
    app: TestApp,
    chair: reqwest::Client,
    rep: reqwest::Client,
    supplier: app::domain::ids::SupplierId,
    item: app::meetings::types::AgendaItemId,
    action: app::meetings::types::ActionId,
}

async fn fixture() -> Fixture {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let rep_account = app.create_rep(supplier, "rep@example.com").await;
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let item = app.add_agenda_item(meeting, "Roll-out", "members").await;
    let action = app
        .add_action(
            item,
            &chair_account,
            "Roll the new appointment book out to all sites",
            ActionOwner::Supplier(supplier),
        )
        .await;
    Fixture {
        chair: browser_of(&app, &chair_account).await,
        rep: browser_of(&app, &rep_account).await,
        app,
        supplier,
        item,
        action,
    }
}

fn form(supplier: app::domain::ids::SupplierId, words: &str) -> CommitmentForm<'_> {
    CommitmentForm {
        title: "Roll-out to all sites",
        supplier: supplier.0.to_string(),
        words,
        said_on: "2023-06-15",
        ..CommitmentForm::default()
    }
}

#[tokio::test]
async fn a_chair_makes_a_commitment_of_an_action_and_the_supplier_re_promises_it() {
    let f = fixture().await;
    let app = &f.app;
    let id = app
        .add_commitment(
            &f.chair,
            CommitmentForm {
                action: Some(f.action.0.to_string()),
                ..form(f.supplier, "mid-July")
            },
        )
        .await
        .expect("recorded");

    let page = app.commitment(&f.chair, id).await.expect("the page");
    assert_eq!(page.commitment.promise.timeframe, "mid-July 2023");
    assert_eq!(page.commitment.promise.words, "mid-July");
    assert_eq!(
        page.commitment.promised_at.as_ref().map(|at| at.item),
        Some(f.item)
    );
    assert_eq!(page.commitment.action, Some(f.action));
    assert_eq!(page.ledger.len(), 1);
    assert_eq!(
        page.facts.rating,
        Rating::Overdue,
        "mid-July 2023 is long past"
    );
    assert!(page.may_revise);

    // A later promise needs a reason.
    let version = page.commitment.version;
    let without_reason = Revision {
        version,
        status: "in_progress",
        words: "Q3",
        said_on: "2023-07-25",
        reason: "",
        note: "",
    };
    let refused = app.revise_commitment(&f.rep, id, without_reason).await;
    assert_eq!(
        field_error(refused, "reason"),
        "The promise moves later: say why, as the supplier gave it."
    );
    let q3 = Revision {
        version,
        status: "in_progress",
        words: "Q3",
        said_on: "2023-07-25",
        reason: "Testing found a fault in the booking screen",
        note: "",
    };
    app.revise_commitment(&f.rep, id, q3)
        .await
        .expect("re-promised");
    let page = app.commitment(&f.rep, id).await.expect("the page");
    assert_eq!(page.commitment.status, CommitmentStatus::InProgress);
    assert_eq!(page.commitment.promise.timeframe, "Q3 2023");
    assert_eq!(page.ledger.len(), 2);
    assert_eq!(page.facts.slips, 1);
    assert_eq!(page.facts.slipped_days, 72, "20 July to 30 September");
    assert_eq!(
        page.ledger[1].reason,
        "Testing found a fault in the booking screen"
    );

    // The form loaded before that change is refused, and nothing is added.
    let stale = Revision {
        version,
        status: "piloting",
        words: "",
        said_on: "2023-08-01",
        reason: "",
        note: "",
    };
    let answer = app.revise_commitment(&f.chair, id, stale).await;
    assert!(
        matches!(answer, Err((StatusCode::CONFLICT, AppError::Stale(_)))),
        "{answer:?}"
    );

    // Delivered needs a note of what was delivered.
    let version = page.commitment.version;
    let delivered = |note| Revision {
        version,
        status: "delivered",
        words: "",
        said_on: "2023-09-20",
        reason: "",
        note,
    };
    let refused = app.revise_commitment(&f.chair, id, delivered("")).await;
    assert!(field_error(refused, "note").starts_with("Say what was delivered"));
    app.revise_commitment(&f.chair, id, delivered("In release 5.2.0"))
        .await
        .expect("delivered");
    let page = app.commitment(&f.chair, id).await.expect("the page");
    assert_eq!(page.ledger.len(), 3);
    assert_eq!(page.facts.rating, Rating::KeptLate);
    assert_eq!(
        page.facts
            .delivered
            .map(|(on, late)| (on.to_string(), late)),
        Some(("2023-09-20".to_owned(), 62))
    );
}

#[tokio::test]
async fn who_may_read_and_re_promise_a_commitment() {
    let f = fixture().await;
    let app = &f.app;
    let id = app
        .add_commitment(&f.chair, form(f.supplier, "Q4 2023"))
        .await
        .expect("recorded");
    let other = app.create_supplier("Another Supplier").await;
    let other_rep = browser_of(app, &app.create_rep(other, "other@example.com").await).await;
    let member = browser_of(
        app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let revision = |version| Revision {
        version,
        status: "piloting",
        words: "",
        said_on: "",
        reason: "",
        note: "",
    };

    let read = app.commitment(&member, id).await.expect("members read it");
    assert!(!read.may_revise);
    assert_eq!(
        app.revise_commitment(&member, id, revision(1)).await,
        Err((StatusCode::FORBIDDEN, AppError::Forbidden))
    );
    // Another supplier's representative is told what a missing commitment would tell.
    assert_eq!(
        app.commitment(&other_rep, id).await,
        Err((StatusCode::NOT_FOUND, AppError::NotFound))
    );
    assert_eq!(
        app.commitment(&other_rep, CommitmentId(9999)).await,
        Err((StatusCode::NOT_FOUND, AppError::NotFound))
    );
    assert_eq!(
        app.revise_commitment(&other_rep, id, revision(1)).await,
        Err((StatusCode::NOT_FOUND, AppError::NotFound))
    );
    assert_eq!(
        app.commitment(&app.client, id).await,
        Err((StatusCode::UNAUTHORIZED, AppError::NotSignedIn))
    );
    // Only the committee records commitments.
    assert_eq!(
        app.add_commitment(&f.rep, form(f.supplier, "Q4 2023"))
            .await,
        Err((StatusCode::FORBIDDEN, AppError::Forbidden))
    );
    app.revise_commitment(&f.rep, id, revision(1))
        .await
        .expect("the supplier's own representative may");
}

#[tokio::test]
async fn the_database_refuses_any_change_to_the_ledger() {
    let f = fixture().await;
    let app = &f.app;
    let id = app
        .add_commitment(&f.chair, form(f.supplier, "Q4 2023"))
        .await
        .expect("recorded");
    for statement in [
        "UPDATE commitment_revisions SET reason = 'rewritten' WHERE commitment_id = $1",
        "DELETE FROM commitment_revisions WHERE commitment_id = $1",
    ] {
        let mut tx = app.db.begin_write().await.expect("transaction");
        let error = sqlx::query(statement)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .expect_err("the database refuses it");
        assert!(
            error.to_string().contains("append-only"),
            "{statement}: {error}"
        );
    }
    let kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM commitment_revisions WHERE commitment_id = $1 AND reason = ''",
    )
    .bind(id.0)
    .fetch_one(app.db.reader())
    .await
    .expect("counted");
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn bad_input_is_refused_by_its_field_and_records_nothing() {
    let f = fixture().await;
    let app = &f.app;
    let unreadable = app
        .add_commitment(&f.chair, form(f.supplier, "whenever it suits"))
        .await;
    assert!(!field_error(unreadable, "words").is_empty());
    let unknown = app
        .add_commitment(
            &f.chair,
            CommitmentForm {
                supplier: "999".to_owned(),
                ..form(f.supplier, "Q3 2023")
            },
        )
        .await;
    assert_eq!(
        field_error(unknown, "supplier"),
        "Pick the supplier who made the promise."
    );
    let to_come = app
        .add_commitment(
            &f.chair,
            CommitmentForm {
                said_on: "2999-01-01",
                ..form(f.supplier, "Q3 2023")
            },
        )
        .await;
    assert_eq!(
        field_error(to_come, "said_on"),
        "That day is still to come; give the day it was said."
    );
    let other = app.create_supplier("Another Supplier").await;
    let other_rep = app.create_rep(other, "other@example.com").await;
    let wrong_owner = app
        .add_commitment(
            &f.chair,
            CommitmentForm {
                supplier_owner: other_rep.id.0.to_string(),
                ..form(f.supplier, "Q3 2023")
            },
        )
        .await;
    assert!(field_error(wrong_owner, "supplier_owner").starts_with("Pick one of this supplier"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commitments")
        .fetch_one(app.db.reader())
        .await
        .expect("counted");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_list_shows_what_the_reader_may_see_filtered_by_standing() {
    let f = fixture().await;
    let app = &f.app;
    let overdue = app
        .add_commitment(&f.chair, form(f.supplier, "mid-July"))
        .await
        .expect("recorded");
    let ahead = app
        .add_commitment(&f.chair, form(f.supplier, "December 2099"))
        .await
        .expect("recorded");
    let other = app.create_supplier("Another Supplier").await;
    let elsewhere = app
        .add_commitment(&f.chair, form(other, "soon"))
        .await
        .expect("recorded");

    let all = app.commitments(&f.chair, "").await.expect("the list");
    let ids: Vec<_> = all.rows.iter().map(|row| row.id).collect();
    assert_eq!(all.total, 3);
    assert_eq!(
        ids,
        [overdue, ahead, elsewhere],
        "overdue first, no date last"
    );

    let own = app.commitments(&f.rep, "").await.expect("the list");
    let ids: Vec<_> = own.rows.iter().map(|row| row.id).collect();
    assert_eq!(
        ids,
        [overdue, ahead],
        "a representative sees their supplier's only"
    );

    for (rating, expected) in [
        ("overdue", vec![overdue]),
        ("on_track", vec![ahead]),
        ("not_yet_concrete", vec![elsewhere]),
        ("kept", vec![]),
    ] {
        let list = app
            .commitments(&f.chair, &format!("rating={rating}"))
            .await
            .expect("the list");
        let ids: Vec<_> = list.rows.iter().map(|row| row.id).collect();
        assert_eq!(ids, expected, "{rating}");
    }
    let theirs = app
        .commitments(&f.chair, &format!("supplier={}", other.0))
        .await
        .expect("the list");
    assert_eq!(theirs.total, 1);
}

#[tokio::test]
async fn the_list_continues_after_its_last_row_in_every_order() {
    let f = fixture().await;
    let app = &f.app;
    let months = ["January", "March", "May", "July", "September", "November"];
    let mut made = Vec::new();
    for n in 0..52 {
        let words = format!("{} {}", months[n % months.len()], 2020 + n % 9);
        let id = app
            .add_commitment(&f.chair, form(f.supplier, &words))
            .await
            .expect("recorded");
        made.push(id);
    }
    for sort in ["overdue", "due", "slips", "newest"] {
        let first = app
            .commitments(&f.chair, &format!("sort={sort}"))
            .await
            .expect("the list");
        assert_eq!((first.total, first.rows.len()), (52, 50), "{sort}");
        let after = first.next.expect("more follow");
        assert_eq!(Some(after), first.rows.last().map(|row| row.id));
        let second = app
            .commitments(&f.chair, &format!("sort={sort}&after={}", after.0))
            .await
            .expect("the list");
        assert_eq!(second.rows.len(), 2, "{sort}");
        assert_eq!(second.next, None);
        let mut seen: Vec<_> = first
            .rows
            .iter()
            .chain(&second.rows)
            .map(|row| row.id)
            .collect();
        seen.sort();
        assert_eq!(seen, made, "{sort}: every row once");
    }
    // A row the reader may not see continues nothing.
    let other = app.create_supplier("Another Supplier").await;
    let hidden = app
        .add_commitment(&f.chair, form(other, "Q3 2023"))
        .await
        .expect("recorded");
    let list = app
        .commitments(&f.rep, &format!("after={}", hidden.0))
        .await
        .expect("the list");
    assert!(list.rows.is_empty());
}

#[tokio::test]
async fn generated_commitments_keep_ledgers_the_list_and_the_facts_agree_on() {
    let app = TestApp::spawn().await;
    let amounts = watchdog::demo::generate::Amounts {
        issues: 10,
        meetings: 0,
        commitments: 120,
        notifications: 45,
    };
    let (_, _, commitments) = watchdog::demo::generate::generate(&app.config, &amounts)
        .await
        .expect("generated");
    assert_eq!(
        commitments,
        14 + 120,
        "the demo's fourteen and the generated"
    );
    // The representative's inbox holds the generated notifications, the older two thirds read.
    let generated: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT n.read_at FROM notifications n JOIN accounts a ON a.id = n.account_id \
         WHERE a.role = 'supplier_rep' AND n.subject LIKE '%Generated promise' ORDER BY n.id",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("notifications read");
    assert_eq!(generated.len(), 45);
    assert!(generated[..30].iter().all(Option::is_some));
    assert!(generated[30..].iter().all(Option::is_none));
    let member = crate::helpers::demo_member(&app).await;
    let mut seen = std::collections::HashSet::new();
    let mut after = String::new();
    loop {
        let list = app.commitments(&member, &after).await.expect("the list");
        for row in &list.rows {
            // Every row's standing says what its own page's ledger says.
            let page = app.commitment(&member, row.id).await.expect("its page");
            assert_eq!(
                row.standing.rating(list.today),
                page.facts.rating,
                "{:?}",
                row.id
            );
            seen.insert(page.facts.rating);
        }
        match list.next {
            Some(next) => after = format!("after={}", next.0),
            None => break,
        }
    }
    for rating in [
        Rating::Kept,
        Rating::Overdue,
        Rating::NotYetConcrete,
        Rating::Withdrawn,
    ] {
        assert!(seen.contains(&rating), "no {rating:?} among {seen:?}");
    }
}

#[tokio::test]
async fn the_demo_holds_fourteen_promises_in_every_standing() {
    let app = TestApp::spawn().await;
    watchdog::demo::load(&app.config)
        .await
        .expect("demo loaded");
    let member = crate::helpers::demo_member(&app).await;
    let list = app.commitments(&member, "").await.expect("the list");
    assert_eq!(list.total, 14);
    let ratings: std::collections::HashSet<_> = list
        .rows
        .iter()
        .map(|row| row.standing.rating(list.today))
        .collect();
    for rating in [
        Rating::Kept,
        Rating::KeptLate,
        Rating::Slipped,
        Rating::Overdue,
        Rating::Withdrawn,
        Rating::NotYetConcrete,
    ] {
        assert!(ratings.contains(&rating), "no {rating:?} among {ratings:?}");
    }
    // The first was made of the supplier's action at the winter meeting, and kept.
    let first = app
        .commitment(&member, CommitmentId(1))
        .await
        .expect("its page");
    assert!(first.commitment.promised_at.is_some());
    assert!(first.commitment.action.is_some());
    assert_eq!(first.facts.rating, Rating::Kept);
    // Release 5.3.0 moved, and took the two promises made in it along.
    let releases = app
        .call_fn::<app::commitments::api::GetReleases>(&member, &[])
        .await
        .expect("the releases");
    let moved = releases
        .releases
        .iter()
        .find(|release| release.name == "5.3.0")
        .expect("release 5.3.0");
    assert_eq!(moved.open_commitments, 2);
    let page = app.release(&member, moved.id).await.expect("its page");
    for promise in page.commitments {
        let ledger = app
            .commitment(&member, promise.id)
            .await
            .expect("its page")
            .ledger;
        assert_eq!(ledger.len(), 2, "{}", promise.title);
        assert_eq!(ledger[1].reason, "release 5.3.0 moved");
        assert_eq!(promise.standing.slips, 1);
    }
    // The dosage fix answers its issue and was gone through at the autumn meeting.
    let dosage = list
        .rows
        .iter()
        .find(|row| row.title == "Fix repeat prescriptions losing their dosage text")
        .expect("the dosage fix");
    let page = app.commitment(&member, dosage.id).await.expect("its page");
    assert_eq!(page.issues.len(), 1);
    assert_eq!(
        page.issues[0].title,
        "Repeat prescriptions drop the dosage text when re-issued"
    );
    assert_eq!(page.discussions.len(), 1);
    assert!(page.discussions[0].title.ends_with("autumn"));
    // The chases the engine would have sent had the demo been running all along.
    let mut lines = Vec::new();
    for row in &list.rows {
        let page = app.commitment(&member, row.id).await.expect("its page");
        lines.extend(
            page.chases
                .into_iter()
                .map(|line| format!("{}: {line}", row.title)),
        );
    }
    assert!(
        lines.iter().any(|line| line.starts_with(
            "Why the third data centre move overran, and how the last will not: Reminded on "
        ) && line.contains("chased 3 times")
            && line.contains("the committee was told")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|line| line.ends_with("— no reply yet.")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .all(|line| !line.starts_with("Count reopened calls")),
        "kept: {lines:#?}"
    );
}

#[tokio::test]
async fn a_promise_made_at_one_suppliers_meeting_is_that_suppliers() {
    let f = fixture().await;
    let app = &f.app;
    let other = app.create_supplier("Another Supplier").await;
    let answer = app
        .add_commitment(
            &f.chair,
            CommitmentForm {
                item: Some(f.item.0.to_string()),
                ..form(other, "Q3 2023")
            },
        )
        .await;
    assert_eq!(
        field_error(answer, "supplier"),
        "This was said at a meeting with another supplier: pick that supplier."
    );
}

#[tokio::test]
async fn the_home_page_shows_those_signed_in_the_most_overdue_promises() {
    let f = fixture().await;
    let app = &f.app;
    let overdue = app
        .add_commitment(&f.chair, form(f.supplier, "mid-July"))
        .await
        .expect("recorded");
    app.add_commitment(&f.chair, form(f.supplier, "December 2099"))
        .await
        .expect("recorded");
    let attention = app
        .call_fn::<app::commitments::api::GetAttention>(&f.rep, &[])
        .await
        .expect("answered")
        .expect("for someone signed in");
    assert_eq!(attention.overdue_total, 1);
    assert_eq!(attention.overdue[0].id, overdue);
    assert_eq!(attention.due_total, 0);
    let visitor = app
        .call_fn::<app::commitments::api::GetAttention>(&app.client, &[])
        .await;
    assert_eq!(visitor, Ok(None));

    let home = app.get_with(&f.rep, "/").await.text().await.expect("page");
    assert!(home.contains("Overdue promises"), "{home}");
    assert!(home.contains("Roll-out to all sites"));
    let public = app.get("/").await.text().await.expect("page");
    assert!(!public.contains("Overdue promises"));
}
