//! Chairs' working copies of agenda items: what the editor autosaves is kept for its chair
//! alone, is never a revision, becomes the item's text only by "Save item" (refused if someone
//! else saved in between), and can be discarded.

use app::{
    accounts::types::Role,
    error::AppError,
    meetings::api::{DiscardWorkingCopy, EditAgendaItem, GetWorkingCopies, KeepWorkingCopy},
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, TestApp};

/// The working copies `client`'s chair has of the meeting's items.
async fn copies(
    app: &TestApp,
    client: &reqwest::Client,
    meeting: app::meetings::types::MeetingId,
) -> Vec<app::meetings::types::WorkingCopy> {
    let id = meeting.0.to_string();
    app.call_fn::<GetWorkingCopies>(client, &[("meeting", &id)])
        .await
        .expect("the chair's working copies")
}

fn form<'a>(item: &'a str, version: &'a str, minutes: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("item", item),
        ("version", version),
        ("heading", "Outage"),
        ("presenter", ""),
        ("visibility", "members"),
        ("minutes", minutes),
    ]
}

#[tokio::test]
async fn a_working_copy_is_its_chairs_alone_until_saved_and_a_stale_one_is_refused() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let other_account = app.create_account(Role::Chair, "second@example.org").await;
    let member_account = app.create_account(Role::Member, "member@example.org").await;
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let item = app.add_agenda_item(meeting, "Outage", "members").await;
    let (chair, other, member) = (
        browser_of(&app, &chair_account).await,
        browser_of(&app, &other_account).await,
        browser_of(&app, &member_account).await,
    );
    let (id, meeting_id) = (item.0.to_string(), meeting.0.to_string());
    let editor = format!("/meetings/{meeting_id}/edit");

    let at = app
        .call_fn::<KeepWorkingCopy>(&chair, &form(&id, "1", "Half-written notes of the outage"))
        .await
        .expect("kept");
    assert_eq!(at.len(), "14:05:32".len(), "{at}");

    // The chair's editor offers it back; no one else sees it anywhere.
    let kept = copies(&app, &chair, meeting).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].minutes, "Half-written notes of the outage");
    assert_eq!(kept[0].base_version, 1);
    let page = app
        .get_with(&chair, &editor)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Half-written notes of the outage"));
    assert!(page.contains("The form holds your working copy"));
    let kept = copies(&app, &other, meeting).await;
    assert!(kept.is_empty());
    let page = app
        .get_with(&other, &editor)
        .await
        .text()
        .await
        .expect("page");
    assert!(!page.contains("Half-written"));
    let read = app.meeting(&member, meeting).await.expect("the meeting");
    assert!(read.items[0]
        .minutes
        .as_str()
        .contains("Minutes of Outage."));
    assert_eq!(read.items[0].revised, None, "a working copy is no revision");
    assert_eq!(read.items[0].version, 1);

    // Someone else saves meanwhile: the chair's save from their copy is refused, copy kept.
    app.call_fn::<EditAgendaItem>(&other, &form(&id, "1", "The other chair's minutes."))
        .await
        .expect("the other chair saves");
    let refused = app
        .call_fn::<EditAgendaItem>(&chair, &form(&id, "1", "Half-written notes of the outage"))
        .await;
    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = refused else {
        panic!("not refused as stale: {refused:?}");
    };
    assert!(errors
        .form
        .expect("a message")
        .contains("The other chair's minutes."));
    let page = app
        .get_with(&chair, &editor)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Someone else has saved the item since you began"));

    // Discarding it goes back to the saved text.
    app.call_fn::<DiscardWorkingCopy>(&chair, &[("item", &id)])
        .await
        .expect("discarded");
    let kept = copies(&app, &chair, meeting).await;
    assert!(kept.is_empty());

    // A save from a current copy makes it the item's text and forgets the copy.
    app.call_fn::<KeepWorkingCopy>(&chair, &form(&id, "2", "Restored after four hours."))
        .await
        .expect("kept");
    app.call_fn::<EditAgendaItem>(&chair, &form(&id, "2", "Restored after four hours."))
        .await
        .expect("saved");
    let kept = copies(&app, &chair, meeting).await;
    assert!(kept.is_empty());

    // A copy that says what the item already says (a late autosave) is not kept.
    app.call_fn::<KeepWorkingCopy>(&chair, &form(&id, "2", "Restored after four hours.\r\n"))
        .await
        .expect("answered");
    let kept = copies(&app, &chair, meeting).await;
    assert!(kept.is_empty());
}

#[tokio::test]
async fn a_working_copy_that_could_not_be_an_items_text_is_refused_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair_account, None, "members").await;
    let item = app.add_agenda_item(meeting, "Outage", "members").await;
    let chair = browser_of(&app, &chair_account).await;
    let id = item.0.to_string();

    let mut bad_visibility = form(&id, "1", "Notes");
    bad_visibility[4] = ("visibility", "everyone");
    let refused = app
        .call_fn::<KeepWorkingCopy>(&chair, &bad_visibility)
        .await;
    assert!(
        matches!(refused, Err((StatusCode::BAD_REQUEST, _))),
        "{refused:?}"
    );
    let huge = "x".repeat(300 * 1024);
    let refused = app
        .call_fn::<KeepWorkingCopy>(&chair, &form(&id, "1", &huge))
        .await;
    assert!(
        matches!(refused, Err((StatusCode::UNPROCESSABLE_ENTITY, _))),
        "{refused:?}"
    );
    let refused = app
        .call_fn::<KeepWorkingCopy>(&chair, &form("999", "1", "Notes"))
        .await;
    assert!(
        matches!(refused, Err((StatusCode::NOT_FOUND, _))),
        "{refused:?}"
    );
    let kept = copies(&app, &chair, meeting).await;
    assert!(kept.is_empty());
}
