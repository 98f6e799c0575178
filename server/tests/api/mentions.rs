//! References in minutes (`#12`, `log:CS0412231`) show on the named issue's timeline as
//! "discussed at …", only to those who may read that item of published minutes, and go when
//! the minutes stop naming the issue.

use app::{
    accounts::types::Role,
    domain::log_number::LogNumber,
    issues::{
        api::GetIssue,
        types::{EventKind, IssueId, IssueView},
    },
    meetings::{
        api::{AddAgendaItem, EditAgendaItem},
        types::{AgendaItemId, MeetingId},
    },
};

use crate::helpers::{browser_of, TestApp};

/// The meetings (and their items) that the issue's timeline says discussed it.
async fn discussed(
    app: &TestApp,
    client: &reqwest::Client,
    issue: IssueId,
) -> Vec<(MeetingId, AgendaItemId)> {
    let id = issue.0.to_string();
    let view: IssueView = app
        .call_fn::<GetIssue>(client, &[("issue", &id)])
        .await
        .expect("the issue");
    view.timeline
        .iter()
        .filter(|entry| entry.kind == EventKind::Discussed)
        .map(|entry| {
            let discussion = entry.discussed.as_ref().expect("where");
            (discussion.meeting, discussion.item)
        })
        .collect()
}

#[tokio::test]
async fn an_issue_named_in_published_minutes_shows_where_it_was_discussed() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let named = app
        .create_issue(supplier, &chair_account, "Letters print twice")
        .await;
    let unnamed = app
        .create_issue(supplier, &chair_account, "Blank screen")
        .await;
    // An issue known by its log number.
    let logged = {
        let description = app::markdown::Markdown::render("Dosage text lost.");
        let number = LogNumber::parse("CS0412231").expect("a log number");
        let mut tx = app.db.begin_write().await.expect("transaction");
        let issue = app::issues::store::NewIssue {
            title: "Repeat prescriptions drop the dosage text",
            description: &description,
            supplier,
            module: None,
            patient_safety: false,
            reporter: chair_account.id,
            log_number: Some(&number),
        };
        let id = app::issues::store::create(&mut tx, issue, chrono::Utc::now())
            .await
            .expect("issue created");
        tx.commit().await.expect("committed");
        id
    };
    let published = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let secret = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let draft = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let mut tx = app.db.begin_write().await.expect("transaction");
    sqlx::query("UPDATE meetings SET status = 'draft' WHERE id = $1")
        .bind(draft)
        .execute(&mut *tx)
        .await
        .expect("a draft again");
    tx.commit().await.expect("committed");

    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let add = |meeting: MeetingId, visibility: &'static str, minutes: String| {
        let (app, chair) = (&app, &chair);
        async move {
            let id = meeting.0.to_string();
            app.call_fn::<AddAgendaItem>(
                chair,
                &[
                    ("meeting", &id),
                    ("heading", "Outstanding issues"),
                    ("presenter", ""),
                    ("visibility", visibility),
                    ("minutes", &minutes),
                ],
            )
            .await
            .expect("item added")
        }
    };
    let item = add(
        published,
        "members",
        format!(
            "We went through #{} and log:CS0412231. Not `#{}`, which is in code.",
            named.0, unnamed.0
        ),
    )
    .await;
    let withheld = add(
        secret,
        "committee",
        format!("The committee on #{}.", named.0),
    )
    .await;
    add(draft, "members", format!("Draft notes on #{}.", named.0)).await;

    assert_eq!(discussed(&app, &member, named).await, [(published, item)]);
    assert_eq!(discussed(&app, &member, logged).await, [(published, item)]);
    assert_eq!(discussed(&app, &member, unnamed).await, []);
    // The committee also sees its own item; a draft leaves no trace, even for them.
    assert_eq!(
        discussed(&app, &chair, named).await,
        [(published, item), (secret, withheld)]
    );

    let page = app
        .get_with(&member, &named.href())
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Discussed at"), "{page}");
    assert!(
        page.contains(&format!(
            "href=\"/meetings/{}#item-{}\"",
            published.0, item.0
        )),
        "{page}"
    );

    // Minutes that stop naming the issue take it off the timeline.
    let view = app.meeting(&chair, published).await.expect("the meeting");
    let version = view.items[0].version.to_string();
    let id = item.0.to_string();
    app.call_fn::<EditAgendaItem>(
        &chair,
        &[
            ("item", &id),
            ("version", &version),
            ("heading", "Outstanding issues"),
            ("presenter", ""),
            ("visibility", "members"),
            ("minutes", "Nothing named now."),
        ],
    )
    .await
    .expect("saved");
    assert_eq!(discussed(&app, &member, named).await, []);
    assert_eq!(discussed(&app, &member, logged).await, []);
}

#[tokio::test]
async fn a_chair_links_an_issue_found_by_search_and_it_shows_where_it_was_discussed() {
    use app::meetings::api::{FindIssues, LinkIssue, UnlinkIssue};

    let app = TestApp::spawn().await;
    let own = app.create_supplier("Example Clinical Systems").await;
    let other = app.create_supplier("Other Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let member_account = app.create_account(Role::Member, "member@example.org").await;
    let other_rep_account = app.create_rep(other, "rep@other.example.org").await;
    let issue = app
        .create_issue(own, &chair_account, "Appointment reminders sent twice")
        .await;
    app.create_issue(own, &chair_account, "Blank screen on opening a record")
        .await;
    let meeting = app
        .create_meeting(&chair_account, Some(own), "members")
        .await;
    let item = app.add_agenda_item(meeting, "Reminders", "members").await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(&app, &member_account).await;
    let other_rep = browser_of(&app, &other_rep_account).await;

    // Found by its number, or by words from it.
    for text in [
        issue.0.to_string(),
        format!("#{}", issue.0),
        "reminders".to_owned(),
    ] {
        let found = app
            .call_fn::<FindIssues>(&chair, &[("text", &text)])
            .await
            .expect("found");
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].id, issue);
        assert_eq!(found[0].title, "Appointment reminders sent twice");
    }
    let none = app
        .call_fn::<FindIssues>(&chair, &[("text", "nothing like it")])
        .await
        .expect("answered");
    assert!(none.is_empty());

    let (item_id, issue_id) = (item.0.to_string(), issue.0.to_string());
    app.call_fn::<LinkIssue>(&chair, &[("item", &item_id), ("issue", &issue_id)])
        .await
        .expect("linked");
    // Linking it again changes nothing; a missing issue answers as missing.
    app.call_fn::<LinkIssue>(&chair, &[("item", &item_id), ("issue", &issue_id)])
        .await
        .expect("linked again");
    let refused = app
        .call_fn::<LinkIssue>(&chair, &[("item", &item_id), ("issue", "9999")])
        .await;
    assert!(
        matches!(refused, Err((reqwest::StatusCode::NOT_FOUND, _))),
        "{refused:?}"
    );
    // Another supplier's issue linked too: only those who may see it are shown it.
    let elsewhere = app
        .create_issue(other, &chair_account, "Pathology results filed late")
        .await;
    app.call_fn::<LinkIssue>(
        &chair,
        &[("item", &item_id), ("issue", &elsewhere.0.to_string())],
    )
    .await
    .expect("linked");
    let own_rep_account = app.create_rep(own, "rep@own.example.org").await;
    let own_rep = browser_of(&app, &own_rep_account).await;
    let titles = |view: app::meetings::types::MeetingView| {
        view.items[0]
            .issues
            .iter()
            .map(|issue| issue.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(app.meeting(&member, meeting).await.expect("the meeting")),
        [
            "Appointment reminders sent twice",
            "Pathology results filed late"
        ]
    );
    assert_eq!(
        titles(app.meeting(&own_rep, meeting).await.expect("the meeting")),
        ["Appointment reminders sent twice"]
    );
    app.call_fn::<UnlinkIssue>(
        &chair,
        &[("item", &item_id), ("issue", &elsewhere.0.to_string())],
    )
    .await
    .expect("unlinked");

    assert_eq!(discussed(&app, &member, issue).await, vec![(meeting, item)]);
    let shown = app.meeting(&member, meeting).await.expect("the meeting");
    assert_eq!(shown.items[0].issues.len(), 1);
    assert_eq!(
        shown.items[0].issues[0].title,
        "Appointment reminders sent twice"
    );
    // Another supplier's representative does not see the meeting at all.
    assert!(app.meeting(&other_rep, meeting).await.is_err());

    app.call_fn::<UnlinkIssue>(&chair, &[("item", &item_id), ("issue", &issue_id)])
        .await
        .expect("unlinked");
    assert!(discussed(&app, &member, issue).await.is_empty());
    let shown = app.meeting(&member, meeting).await.expect("the meeting");
    assert!(shown.items[0].issues.is_empty());

    // Public minutes show a visitor no issues: the tracker is for those signed in.
    let public = app
        .create_meeting(&chair_account, Some(own), "public")
        .await;
    let public_item = app.add_agenda_item(public, "Reminders", "public").await;
    app.call_fn::<LinkIssue>(
        &chair,
        &[("item", &public_item.0.to_string()), ("issue", &issue_id)],
    )
    .await
    .expect("linked");
    let visitor = crate::helpers::new_client();
    let seen = app.meeting(&visitor, public).await.expect("public minutes");
    assert!(seen.items[0].issues.is_empty());
    let seen = app.meeting(&member, public).await.expect("public minutes");
    assert_eq!(seen.items[0].issues.len(), 1);
}
