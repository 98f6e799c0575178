//! Releases, on a demo instance whose clock reads 15 August 2026: a promise "in 5.2.0" adds
//! the release it names and takes the release's window; when the release's window moves,
//! each open commitment in it gets an entry in its ledger ("release 5.2.0 moved"), the closed
//! ones none; who may read and change a release; bad input is refused by its field.

use app::{accounts::types::Role, commitments::types::releases::ReleaseStatus, error::AppError};
use reqwest::StatusCode;

use crate::helpers::{browser_of, field_error, Revision, TestApp};

#[tokio::test]
async fn a_release_that_moves_takes_its_open_commitments_with_it() {
    let app = TestApp::spawn_on("2026-08-15".parse().expect("date")).await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let theirs = app.create_supplier("Other Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(ours, "rep@example.com").await).await;
    let other_rep = browser_of(&app, &app.create_rep(theirs, "other@example.com").await).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;

    // A promise in a release no one has dated yet: the release is added, planned, undated.
    let early = app
        .record_commitment(&chair, ours, "Bulk export", "in 5.2.0", "2026-06-15")
        .await;
    let list = app
        .call_fn::<app::commitments::api::GetReleases>(&chair, &[])
        .await
        .expect("answered");
    assert_eq!(list.releases.len(), 1);
    let release = list.releases[0].clone();
    assert_eq!(
        (release.name.as_str(), release.status),
        ("5.2.0", ReleaseStatus::Planned)
    );
    assert_eq!((release.window, release.open_commitments), (None, 1));
    let page = app.commitment(&chair, early).await.expect("commitment");
    assert_eq!(page.commitment.promise.window, None);

    // Dated: the promise made in it is dated too, with the reason in its ledger.
    app.edit_release(&chair, release.id, 1, ("5.2.0", "planned", "Q3 2026"))
        .await
        .expect("dated");
    let page = app.commitment(&chair, early).await.expect("commitment");
    let q3_end = "2026-09-30".parse().expect("date");
    assert_eq!(page.commitment.promise.window.map(|w| w.last), Some(q3_end));
    assert_eq!(page.ledger.len(), 2);
    assert_eq!(
        page.ledger.last().expect("a ledger").reason,
        "release 5.2.0 moved"
    );
    assert_eq!(page.facts.original.map(|w| w.last), Some(q3_end));
    assert!(page.facts.vague_when_made);

    // A promise made in it now takes its window at once.
    let later = app
        .record_commitment(&chair, ours, "New letters", "in v5.2.0", "2026-07-01")
        .await;
    let kept = app
        .record_commitment(&chair, ours, "Release notes", "release 5.2.0", "2026-07-02")
        .await;
    let page = app.commitment(&chair, later).await.expect("commitment");
    assert_eq!(page.commitment.promise.window.map(|w| w.last), Some(q3_end));
    app.revise_commitment(
        &chair,
        kept,
        Revision {
            version: 1,
            status: "delivered",
            words: "",
            said_on: "2026-08-10",
            reason: "",
            note: "In the pilot build",
        },
    )
    .await
    .expect("delivered");

    // The supplier's representative moves it a quarter: both open promises slip with it,
    // the delivered one is left as it was.
    app.edit_release(&rep, release.id, 2, ("5.2.0", "piloting", "Q4 2026"))
        .await
        .expect("moved");
    for id in [early, later] {
        let page = app.commitment(&chair, id).await.expect("commitment");
        assert_eq!(
            page.commitment.promise.window.map(|w| w.last.to_string()),
            Some("2026-12-31".to_owned())
        );
        assert_eq!(page.facts.slips, 1, "{id:?}");
        assert_eq!(
            page.ledger.last().expect("a ledger").reason,
            "release 5.2.0 moved"
        );
        assert_eq!(
            page.ledger.last().expect("a ledger").said_on.to_string(),
            "2026-08-15"
        );
    }
    let delivered = app.commitment(&chair, kept).await.expect("commitment");
    assert_eq!(delivered.ledger.len(), 2);
    let release_page = app.release(&rep, release.id).await.expect("release");
    assert_eq!(release_page.release.status, ReleaseStatus::Piloting);
    assert_eq!(release_page.commitments.len(), 3);
    assert_eq!(release_page.release.open_commitments, 2);

    // A form read before that change is refused, and changes nothing.
    let stale = app
        .edit_release(&chair, release.id, 2, ("5.2.0", "planned", "Q1 2027"))
        .await;
    assert!(matches!(stale, Err((StatusCode::CONFLICT, _))), "{stale:?}");
    // Only the committee and the supplier's own representatives change it; another
    // supplier's representative cannot even see it.
    let refused = app
        .edit_release(&member, release.id, 3, ("5.2.0", "planned", "Q1 2027"))
        .await;
    assert_eq!(refused, Err((StatusCode::FORBIDDEN, AppError::Forbidden)));
    let hidden = app.release(&other_rep, release.id).await;
    assert_eq!(hidden, Err((StatusCode::NOT_FOUND, AppError::NotFound)));
    let hidden = app
        .edit_release(&other_rep, release.id, 3, ("5.2.0", "planned", "Q1 2027"))
        .await;
    assert_eq!(hidden, Err((StatusCode::NOT_FOUND, AppError::NotFound)));
    let page = app.commitment(&chair, early).await.expect("commitment");
    assert_eq!(page.ledger.len(), 3, "nothing refused was recorded");

    // Bad input, by its field.
    assert_eq!(
        field_error(app.add_release(&chair, ours, "5.2.0", "").await, "name"),
        "This supplier already has a release of that name."
    );
    assert_eq!(
        field_error(app.add_release(&chair, ours, "next one", "").await, "name"),
        "Give the version as the supplier numbers it, such as 5.2.0."
    );
    assert_eq!(
        field_error(app.add_release(&chair, ours, "5.3.0", "soon").await, "words"),
        "Say when it is expected as a time (\u{201c}Q3 2026\u{201d}, \u{201c}June\u{201d}), or leave it empty."
    );
    assert!(matches!(
        app.add_release(&other_rep, ours, "5.3.0", "").await,
        Err((StatusCode::FORBIDDEN, _))
    ));
    // The same version of another supplier is another release.
    app.add_release(&chair, theirs, "5.2.0", "Q2 2027")
        .await
        .expect("another supplier's 5.2.0");

    let html = app
        .get_with(&rep, &release.id.href())
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains("Release 5.2.0"), "{html}");
    assert!(html.contains("Bulk export"), "{html}");
}
