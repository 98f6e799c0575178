//! The inbox: a chase reaches the supplier's representatives and the item's owners (and, once
//! escalated, the committee), once each however often the engine runs; the header counts
//! what is unread; one's notifications are one's own; "mark all read" stops at the newest
//! the page showed.

use app::{
    accounts::types::Role,
    commitments::types::CommitmentId,
    notifications::{
        api::{GetInbox, GetUnreadCount, MarkAllNotificationsRead, MarkNotificationRead},
        types::Inbox,
    },
};
use chrono::Duration;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

use crate::helpers::{browser_of, chase_run, said, today, CommitmentForm, TestApp};

async fn inbox(app: &TestApp, client: &reqwest::Client, show: &str) -> Inbox {
    app.call_fn::<GetInbox>(client, &[("show", show)])
        .await
        .expect("inbox read")
}

fn subjects(inbox: &Inbox) -> Vec<&str> {
    inbox
        .notifications
        .iter()
        .map(|notification| notification.subject.as_str())
        .collect()
}

#[tokio::test]
async fn a_chase_reaches_the_representatives_and_owners_once_and_the_committee_when_escalated() {
    let app = TestApp::spawn().await;
    let scene = app.chase_scene().await;
    let (supplier, chair) = (scene.supplier, scene.chair.clone());
    let other = app.create_supplier("Other Systems").await;
    let admin_account = app.create_account(Role::Admin, "admin@example.org").await;
    let admin = browser_of(&app, &admin_account).await;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.com").await).await;
    let other_rep = browser_of(&app, &app.create_rep(other, "rep@example.net").await).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let today = today();
    let due = today - Duration::days(10);
    let commitment: CommitmentId = app
        .add_commitment(
            &chair,
            CommitmentForm {
                title: "Faster search",
                supplier: supplier.0.to_string(),
                words: &format!("by {}", said(due)),
                said_on: &(today - Duration::days(90)).to_string(),
                // The administrator owns it for the committee: owners hear of its chases.
                committee_owner: admin_account.id.0.to_string(),
                ..CommitmentForm::default()
            },
        )
        .await
        .expect("recorded");

    let run = chase_run(&app, today);
    assert!(
        run.contains("1 chase step recorded") && run.contains("2 notifications put into inboxes"),
        "{run}"
    );
    let subject = format!("Overdue, first chase: {} Faster search", commitment.label());
    for client in [&rep, &admin] {
        let inbox = inbox(&app, client, "").await;
        assert_eq!(subjects(&inbox), [subject.as_str()]);
        assert_eq!(inbox.unread, 1);
        assert_eq!(
            inbox.notifications[0].item.href().as_deref(),
            Some(commitment.href().as_str())
        );
        assert!(inbox.notifications[0].body.contains("is 10 days overdue"));
    }
    // Neither another supplier's representative, a member nor a chair who owns nothing.
    for client in [&other_rep, &member, &chair] {
        assert!(inbox(&app, client, "").await.notifications.is_empty());
    }
    // The header counts it, read with the session.
    assert_eq!(
        app.call_fn::<GetUnreadCount>(&rep, &[])
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        app.call_fn::<GetUnreadCount>(&member, &[])
            .await
            .expect("count"),
        0
    );
    let page = app.get_with(&rep, "/inbox").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(html.contains(&subject), "{html}");
    assert!(html.contains(&format!("href=\"{}\"", commitment.href())));
    assert!(
        html.contains("account-inbox"),
        "the header links to the inbox"
    );

    // Ten more runs on the same day tell no one again.
    for _ in 0..10 {
        chase_run(&app, today);
    }
    assert_eq!(inbox(&app, &rep, "").await.notifications.len(), 1);

    // Unanswered: the second and third chases, then the committee is told.
    for weeks in [2, 4, 6] {
        chase_run(&app, today + Duration::weeks(weeks));
    }
    let rep_inbox = inbox(&app, &rep, "").await;
    assert_eq!(rep_inbox.notifications.len(), 4);
    assert_eq!(rep_inbox.unread, 4);
    assert_eq!(
        subjects(&rep_inbox)[0],
        format!("No reply: {} Faster search", commitment.label())
    );
    let committee = inbox(&app, &chair, "").await;
    assert_eq!(
        subjects(&committee),
        [format!("No reply: {} Faster search", commitment.label())]
    );
    assert!(committee.notifications[0]
        .body
        .contains("It was chased 3 times with no reply"));
    app.stop().await.expect("stopped");
}

#[tokio::test]
async fn notifications_are_marked_read_by_their_addressee_only() {
    let app = TestApp::spawn().await;
    let scene = app.chase_scene().await;
    let supplier = scene.supplier;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.com").await).await;
    let other_rep = browser_of(&app, &app.create_rep(supplier, "second@example.com").await).await;
    let today = today();
    for (title, late) in [
        ("Faster search", 3),
        ("Safer prescribing", 20),
        ("Audit trail", 40),
    ] {
        app.record_overdue(&scene, title, late).await;
    }
    chase_run(&app, today);
    let before = inbox(&app, &rep, "").await;
    assert_eq!(before.unread, 3);
    let [newest, middle, oldest] = [0, 1, 2].map(|n| before.notifications[n].id);

    // Another's notification answers as a missing one, and stays unread.
    let refused = app
        .call_fn::<MarkNotificationRead>(&other_rep, &[("notification", &newest.to_string())])
        .await;
    assert_eq!(
        refused.map_err(|(status, _)| status),
        Err(StatusCode::NOT_FOUND)
    );
    let missing = app
        .call_fn::<MarkNotificationRead>(&rep, &[("notification", "999999")])
        .await;
    assert_eq!(
        missing.map_err(|(status, _)| status),
        Err(StatusCode::NOT_FOUND)
    );
    assert_eq!(inbox(&app, &rep, "").await.unread, 3);

    // One read, from the page's form (JavaScript off): back to the page it was on.
    let posted = app
        .post_form_with(
            &rep,
            MarkNotificationRead::PATH,
            "/inbox?show=unread",
            &[
                ("notification", &middle.to_string()),
                ("back", "/inbox?show=unread"),
            ],
        )
        .await;
    assert!(posted.status().is_redirection(), "{}", posted.status());
    assert_eq!(posted.headers()["location"], "/inbox?show=unread");
    let unread = inbox(&app, &rep, "unread").await;
    assert_eq!(
        unread
            .notifications
            .iter()
            .map(|n| n.id)
            .collect::<Vec<_>>(),
        [newest, oldest]
    );
    assert_eq!(unread.unread, 2);
    assert_eq!(
        app.call_fn::<GetUnreadCount>(&rep, &[])
            .await
            .expect("count"),
        2
    );
    // The second representative's own are untouched.
    assert_eq!(inbox(&app, &other_rep, "").await.unread, 3);

    // "Mark all read" up to the oldest: the newest, come since, stays unread.
    app.call_fn::<MarkAllNotificationsRead>(&rep, &[("up_to", &oldest.to_string())])
        .await
        .expect("marked");
    let after = inbox(&app, &rep, "unread").await;
    assert_eq!(
        after.notifications.iter().map(|n| n.id).collect::<Vec<_>>(),
        [newest]
    );
    app.call_fn::<MarkAllNotificationsRead>(&rep, &[("up_to", &newest.to_string())])
        .await
        .expect("marked");
    let read = inbox(&app, &rep, "").await;
    assert_eq!(read.unread, 0);
    assert!(read.notifications.iter().all(|n| n.read));
    assert!(inbox(&app, &rep, "unread").await.notifications.is_empty());
    // A redirect elsewhere is not followed: back to the inbox.
    let posted = app
        .post_form_with(
            &rep,
            MarkNotificationRead::PATH,
            "/inbox",
            &[
                ("notification", &newest.to_string()),
                ("back", "https://example.com/"),
            ],
        )
        .await;
    assert_eq!(posted.headers()["location"], "/inbox");
    app.stop().await.expect("stopped");
}

#[tokio::test]
async fn the_inbox_is_for_people_signed_in() {
    let app = TestApp::spawn().await;
    let (status, _) = app
        .call_fn::<GetInbox>(&app.client, &[])
        .await
        .expect_err("refused");
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.stop().await.expect("stopped");
}
