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
