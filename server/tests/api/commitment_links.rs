//! A commitment among the other records: `C-45` in minutes links to it and shows on its page
//! as "discussed at …" to those who may read that item; issues are linked to the commitment
//! their fix is planned under, from its page or by naming it in the target of "fix planned".

use app::{
    accounts::types::Role,
    commitments::api::{LinkCommitmentIssue, UnlinkCommitmentIssue},
    error::AppError,
    issues::{
        api::{ChangeIssueStatus, GetIssue},
        types::IssueView,
    },
    meetings::api::AddAgendaItem,
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, field_error, TestApp};

#[tokio::test]
async fn a_commitment_named_in_minutes_links_and_shows_where_it_was_discussed() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let commitment = app
        .record_commitment(&chair, supplier, "Roll-out to all sites", "Q3 2026", "")
        .await;
    let label = commitment.label();
    let open = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let add = |visibility: &'static str, minutes: String| {
        let (app, chair) = (&app, &chair);
        async move {
            let id = open.0.to_string();
            app.call_fn::<AddAgendaItem>(
                chair,
                &[
                    ("meeting", &id),
                    ("heading", "Roll-out"),
                    ("presenter", ""),
                    ("visibility", visibility),
                    ("minutes", &minutes),
                ],
            )
            .await
            .expect("item added")
        }
    };
    let item = add("members", format!("The supplier restated {label}.")).await;
    add("committee", format!("The committee doubts {label}.")).await;

    // The minutes link the reference to the commitment.
    let minutes = app
        .get_with(&member, &format!("/meetings/{}", open.0))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        minutes.contains(&format!("<a href=\"{}\"", commitment.href())),
        "{minutes}"
    );

    // The member sees the item they may read; the chair both.
    let seen = app
        .commitment(&member, commitment)
        .await
        .expect("the commitment");
    let places: Vec<_> = seen
        .discussions
        .iter()
        .map(|d| (d.meeting, d.item))
        .collect();
    assert_eq!(places, [(open, item)]);
    let seen = app
        .commitment(&chair, commitment)
        .await
        .expect("the commitment");
    assert_eq!(seen.discussions.len(), 2);
    let page = app
        .get_with(&member, &commitment.href())
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Discussed at"), "{page}");
}

async fn issue_view(app: &TestApp, client: &reqwest::Client, id: &str) -> IssueView {
    use leptos::server_fn::ServerFn;
    let response = app
        .call_with(client, GetIssue::PATH, &[("issue", id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("an issue")
}

#[tokio::test]
async fn an_issue_is_linked_to_the_commitment_its_fix_is_planned_under() {
    let app = TestApp::spawn().await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let theirs = app.create_supplier("Other Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair_account).await;
    let rep = browser_of(&app, &app.create_rep(ours, "rep@example.org").await).await;
    let other_rep = browser_of(&app, &app.create_rep(theirs, "rep@other.example").await).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let commitment = app
        .record_commitment(&chair, ours, "Letters print once", "Q3 2026", "")
        .await;
    let letters = app
        .create_issue(ours, &chair_account, "Letters print twice")
        .await;
    let screen = app.create_issue(ours, &chair_account, "Blank screen").await;
    let elsewhere = app
        .create_issue(theirs, &chair_account, "Slow search")
        .await;
    let id = commitment.0.to_string();
    let link = |client: &reqwest::Client, issue: String| {
        let (app, client, id) = (&app, client.clone(), id.clone());
        async move {
            app.call_fn::<LinkCommitmentIssue>(&client, &[("commitment", &id), ("issue", &issue)])
                .await
        }
    };

    // The supplier's representative links an issue by its number, twice without harm.
    link(&rep, format!("#{}", letters.0)).await.expect("linked");
    link(&rep, letters.0.to_string())
        .await
        .expect("linked again");
    let page = app
        .commitment(&member, commitment)
        .await
        .expect("the commitment");
    let linked: Vec<_> = page.issues.iter().map(|issue| issue.id).collect();
    assert_eq!(linked, [letters]);
    let issue = issue_view(&app, &member, &letters.0.to_string()).await;
    assert_eq!(issue.commitments.len(), 1);
    assert_eq!(issue.commitments[0].id, commitment);

    // Another supplier's issue is refused as a missing one is, by the field; so is no number.
    let refused = link(&chair, format!("#{}", elsewhere.0)).await;
    assert_eq!(
        field_error(refused, "issue"),
        format!(
            "There is no issue #{} of Example Clinical Systems.",
            elsewhere.0
        )
    );
    assert_eq!(
        field_error(
            link(&chair, "the one about letters".to_owned()).await,
            "issue"
        ),
        "Give the issue's number, such as #12."
    );
    // A member may not link; another supplier's representative does not see the commitment.
    let refused = link(&member, screen.0.to_string()).await;
    assert!(
        matches!(refused, Err((StatusCode::FORBIDDEN, AppError::Forbidden))),
        "{refused:?}"
    );
    let refused = link(&other_rep, screen.0.to_string()).await;
    assert!(
        matches!(refused, Err((StatusCode::NOT_FOUND, AppError::NotFound))),
        "{refused:?}"
    );

    // A planned fix naming the commitment in its target links the issue to it; a name that
    // is no commitment of the issue's supplier (another's, or none) is left as words.
    let change = |issue: app::domain::ids::IssueId, target: String| {
        let (app, rep) = (&app, rep.clone());
        async move {
            let issue = issue.0.to_string();
            app.call_fn::<ChangeIssueStatus>(
                &rep,
                &[
                    ("issue", issue.as_str()),
                    ("version", "1"),
                    ("status", "fix_planned"),
                    ("target", target.as_str()),
                    ("note", ""),
                ],
            )
            .await
        }
    };
    let theirs_commitment = app
        .record_commitment(&chair, theirs, "Faster search", "Q4 2026", "")
        .await;
    change(
        screen,
        format!("5.2.0, {} and C-987654", theirs_commitment.label()),
    )
    .await
    .expect("fix planned");
    let screen_id = screen.0.to_string();
    assert!(issue_view(&app, &member, &screen_id)
        .await
        .commitments
        .is_empty());
    let printing = app
        .create_issue(ours, &chair_account, "Letters print blank")
        .await;
    change(printing, format!("5.2.0, {}", commitment.label()))
        .await
        .expect("fix planned");
    let page = app
        .commitment(&member, commitment)
        .await
        .expect("the commitment");
    let linked: Vec<_> = page.issues.iter().map(|issue| issue.id).collect();
    assert_eq!(linked, [letters, printing]);

    // Unlinked from the commitment's page; a second unlink finds nothing.
    let printing_id = printing.0.to_string();
    let unlink = [("commitment", id.as_str()), ("issue", printing_id.as_str())];
    app.call_fn::<UnlinkCommitmentIssue>(&chair, &unlink)
        .await
        .expect("unlinked");
    let again = app.call_fn::<UnlinkCommitmentIssue>(&chair, &unlink).await;
    assert!(
        matches!(again, Err((StatusCode::NOT_FOUND, _))),
        "{again:?}"
    );
    assert!(issue_view(&app, &member, &screen_id)
        .await
        .commitments
        .is_empty());
}
