//! Meetings and minutes through the server functions their pages call: scheduling in the
//! instance's time zone, the agenda, publishing, who sees which meeting and item, and edits
//! that would overwrite someone else's.

use app::{
    accounts::types::Role,
    error::AppError,
    meetings::{
        api::{
            AddAgendaItem, AddAttendee, AddMinutesImport, EditAgendaItem, GetItemRevisions,
            GetMinutesImport, MoveAgendaItem, ProposeMinutesImport, PublishMeeting,
            ScheduleMeeting,
        },
        types::{LineChange, MeetingId, MinutesStatus},
    },
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, new_client, TestApp};

fn schedule_form<'a>(
    title: &'a str,
    date: &'a str,
    time: &'a str,
    supplier: &'a str,
    visibility: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("kind", "watchdog"),
        ("series", "new"),
        (
            "new_series",
            "Watchdog meetings with Example Clinical Systems",
        ),
        ("date", date),
        ("time", time),
        ("duration", "120"),
        ("place", "Committee room, Northshire"),
        ("online_link", "https://meet.example.org/watchdog"),
        ("supplier", supplier),
        ("visibility", visibility),
    ]
}

#[tokio::test]
async fn a_chair_schedules_writes_and_publishes_and_a_member_reads_the_minutes() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let chair = browser_of(&app, &chair).await;
    let member = browser_of(&app, &member).await;
    let supplier_id = supplier.0.to_string();

    // 10:00 on 15 June 2023 in London is 09:00 UTC (summer time).
    let meeting = app
        .call_fn::<ScheduleMeeting>(
            &chair,
            &schedule_form(
                "Watchdog meeting, June",
                "2023-06-15",
                "10:00",
                &supplier_id,
                "members",
            ),
        )
        .await
        .expect("scheduled");
    let id = meeting.0.to_string();
    for (heading, minutes) in [
        ("Outage on 2 June", "The supplier apologised; see #1."),
        ("Release 5.2 pilot", "Piloting at three sites."),
    ] {
        app.call_fn::<AddAgendaItem>(
            &chair,
            &[
                ("meeting", &id),
                ("heading", heading),
                ("presenter", "Chair"),
                ("visibility", "members"),
                ("minutes", minutes),
            ],
        )
        .await
        .expect("item added");
    }
    app.call_fn::<AddAttendee>(
        &chair,
        &[
            ("meeting", &id),
            ("name", "Communications lead"),
            ("role", "communications department lead"),
            ("organisation", "the supplier"),
        ],
    )
    .await
    .expect("attendee added");

    // Draft minutes are the committee's alone; the meeting itself reaches its audience.
    let draft = app
        .meeting(&chair, meeting)
        .await
        .expect("the chair sees it");
    assert_eq!(draft.status, MinutesStatus::Draft);
    assert_eq!(draft.items.len(), 2);
    assert_eq!(draft.starts_at.to_rfc3339(), "2023-06-15T09:00:00+00:00");
    assert_eq!(
        draft.series.expect("a series").name,
        "Watchdog meetings with Example Clinical Systems"
    );
    let before = app
        .meeting(&member, meeting)
        .await
        .expect("the member sees the meeting");
    assert_eq!((before.items.len(), before.withheld), (0, 0));
    assert_eq!(before.attendees.len(), 1);
    let listed = app.meetings(&member, "").await;
    assert_eq!((listed.past.len(), listed.past[0].items), (1, 0));
    let page = app
        .get_with(&member, &format!("/meetings/{}", meeting.0))
        .await;
    let html = page.text().await.expect("page");
    assert!(html.contains("The minutes of this meeting are not published yet."));
    assert!(!html.contains("Outage on 2 June"), "{html}");

    let version = draft.version.to_string();
    app.call_fn::<PublishMeeting>(&chair, &[("meeting", &id), ("version", &version)])
        .await
        .expect("published");

    let minutes = app
        .meeting(&member, meeting)
        .await
        .expect("the member sees it");
    assert_eq!(minutes.status, MinutesStatus::Published);
    assert_eq!(minutes.items.len(), 2);
    assert_eq!(minutes.items[0].heading, "Outage on 2 June");
    assert!(minutes.items[0]
        .minutes
        .as_str()
        .contains(r#"<a href="/issues/1">#1</a>"#));
    assert_eq!(minutes.items[0].source, None, "the Markdown is for editors");
    assert_eq!(minutes.attendees[0].organisation, "the supplier");
    let list = app.meetings(&member, "").await;
    assert_eq!(list.past.len(), 1);
    assert_eq!(list.past[0].items, 2);

    let page = app.get_with(&member, &format!("/meetings/{id}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(html.contains("15 June 2023, 10:00 to 12:00"), "{html}");
    assert!(html.contains(r##"href="#item-1""##));
    assert!(html.contains("communications department lead, the supplier"));
}

#[tokio::test]
async fn each_meeting_and_item_is_seen_at_its_visibility_and_hidden_ones_answer_as_missing() {
    let app = TestApp::spawn().await;
    let own = app.create_supplier("Own Supplier").await;
    let other = app.create_supplier("Other Supplier").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let members_meeting = app
        .create_meeting(&chair_account, Some(own), "members")
        .await;
    app.add_agenda_item(members_meeting, "Open to members", "members")
        .await;
    app.add_agenda_item(members_meeting, "The committee's view", "committee")
        .await;
    let public_meeting = app
        .create_meeting(&chair_account, Some(own), "public")
        .await;
    app.add_agenda_item(public_meeting, "Open to all", "public")
        .await;
    app.add_agenda_item(public_meeting, "For members", "members")
        .await;
    let committee_meeting = app.create_meeting(&chair_account, None, "committee").await;

    let member = app.create_account(Role::Member, "member@example.org").await;
    let member = browser_of(&app, &member).await;
    let own_rep = browser_of(&app, &app.create_rep(own, "rep@own.example.org").await).await;
    let other_rep = browser_of(&app, &app.create_rep(other, "rep@other.example.org").await).await;
    let chair = browser_of(&app, &chair_account).await;
    let visitor = new_client();

    let status = |answer: Result<app::meetings::types::MeetingView, (StatusCode, AppError)>| {
        answer
            .map(|meeting| (meeting.items.len(), meeting.withheld))
            .map_err(|(status, _)| status)
    };
    // The members' meeting: its committee item withheld, and said to be.
    assert_eq!(
        status(app.meeting(&member, members_meeting).await),
        Ok((1, 1))
    );
    assert_eq!(
        status(app.meeting(&own_rep, members_meeting).await),
        Ok((1, 1))
    );
    assert_eq!(
        status(app.meeting(&chair, members_meeting).await),
        Ok((2, 0))
    );
    assert_eq!(
        status(app.meeting(&other_rep, members_meeting).await),
        Err(StatusCode::NOT_FOUND)
    );
    assert_eq!(
        status(app.meeting(&visitor, members_meeting).await),
        Err(StatusCode::UNAUTHORIZED)
    );
    // The public meeting: its members' item is not for visitors, nor for another supplier's
    // representative.
    assert_eq!(
        status(app.meeting(&visitor, public_meeting).await),
        Ok((1, 1))
    );
    assert_eq!(
        status(app.meeting(&other_rep, public_meeting).await),
        Ok((1, 1))
    );
    assert_eq!(
        status(app.meeting(&member, public_meeting).await),
        Ok((2, 0))
    );
    // The committee's meeting, and one that does not exist, answer alike.
    assert_eq!(
        status(app.meeting(&member, committee_meeting).await),
        Err(StatusCode::NOT_FOUND)
    );
    assert_eq!(
        status(app.meeting(&member, MeetingId(987654)).await),
        Err(StatusCode::NOT_FOUND)
    );

    let ids = |list: app::meetings::types::MeetingsList| {
        list.past
            .iter()
            .map(|meeting| (meeting.id, meeting.items))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(app.meetings(&visitor, "").await), [(public_meeting, 1)]);
    assert_eq!(
        ids(app.meetings(&other_rep, "").await),
        [(public_meeting, 1)]
    );
    assert_eq!(
        ids(app.meetings(&member, "").await),
        [(public_meeting, 2), (members_meeting, 1)]
    );
    assert_eq!(ids(app.meetings(&chair, "").await).len(), 3);
    // A page key naming a meeting the viewer may not see places the page nowhere.
    let hidden_key = format!("before={}", committee_meeting.0);
    assert!(app.meetings(&member, &hidden_key).await.past.is_empty());
}

#[tokio::test]
async fn a_second_save_of_an_item_is_refused_with_what_was_saved_and_keeps_the_text() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    app.add_agenda_item(meeting, "Outage", "members").await;
    let first = browser_of(&app, &chair_account).await;
    let second_account = app.create_account(Role::Chair, "second@example.org").await;
    let second = browser_of(&app, &second_account).await;
    let loaded = app.meeting(&first, meeting).await.expect("meeting");
    let item = loaded.items[0].id.0.to_string();
    let version = loaded.items[0].version.to_string();
    let save = |heading: &'static str, minutes: &'static str| {
        let (item, version) = (item.clone(), version.clone());
        vec![
            ("item", item),
            ("version", version),
            ("heading", heading.to_owned()),
            ("presenter", String::new()),
            ("visibility", "members".to_owned()),
            ("minutes", minutes.to_owned()),
        ]
    };
    let as_pairs = |form: &Vec<(&'static str, String)>| {
        form.iter()
            .map(|(name, value)| (*name, value.clone()))
            .collect::<Vec<_>>()
    };

    let form = save("Outage on 2 June", "Restored after four hours.");
    let pairs = as_pairs(&form);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
    app.call_fn::<EditAgendaItem>(&first, &pairs)
        .await
        .expect("the first save");

    let form = save("Outage", "Our own notes of the outage.");
    let pairs = as_pairs(&form);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let refused = app.call_fn::<EditAgendaItem>(&second, &pairs).await;

    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = refused else {
        panic!("not refused as stale: {refused:?}");
    };
    let message = errors.form.expect("a message");
    assert!(message.contains("Outage on 2 June"), "{message}");
    assert!(message.contains("Restored after four hours."), "{message}");
    assert_eq!(errors.kept["minutes"], "Our own notes of the outage.");
    let now = app.meeting(&first, meeting).await.expect("meeting");
    assert_eq!(now.items[0].heading, "Outage on 2 June");
}

#[tokio::test]
async fn bad_meeting_input_is_refused_by_its_field() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair).await;
    let supplier_id = supplier.0.to_string();

    // A watchdog meeting without a supplier, on a date that is not one.
    let refused = app
        .call_fn::<ScheduleMeeting>(
            &chair,
            &schedule_form(" ", "2023-02-30", "10:00", "", "everyone"),
        )
        .await;
    let Err((StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(errors))) = refused else {
        panic!("not refused: {refused:?}");
    };
    for field in ["title", "date", "supplier", "visibility"] {
        assert!(errors.fields.contains_key(field), "{field}: {errors:?}");
    }
    // 01:30 on the night the clocks go forward does not exist in London.
    let refused = app
        .call_fn::<ScheduleMeeting>(
            &chair,
            &schedule_form(
                "Night meeting",
                "2024-03-31",
                "01:30",
                &supplier_id,
                "members",
            ),
        )
        .await;
    let Err((_, AppError::Invalid(errors))) = refused else {
        panic!("not refused: {refused:?}");
    };
    assert!(errors.fields["time"].contains("clocks go forward"));
    // A year chrono would read but no meeting has (and the database could not give back).
    let refused = app
        .call_fn::<ScheduleMeeting>(
            &chair,
            &schedule_form(
                "Far future",
                "+20260-06-15",
                "10:00",
                &supplier_id,
                "members",
            ),
        )
        .await;
    let Err((_, AppError::Invalid(errors))) = refused else {
        panic!("not refused: {refused:?}");
    };
    assert!(errors.fields["date"].contains("2000 and 2100"));

    // An item may not be read more widely than its meeting.
    let meeting = app
        .call_fn::<ScheduleMeeting>(
            &chair,
            &schedule_form(
                "Committee",
                "2024-05-01",
                "10:00",
                &supplier_id,
                "committee",
            ),
        )
        .await
        .expect("scheduled")
        .0
        .to_string();
    let refused = app
        .call_fn::<AddAgendaItem>(
            &chair,
            &[
                ("meeting", meeting.as_str()),
                ("heading", "Open to all"),
                ("presenter", ""),
                ("visibility", "public"),
                ("minutes", ""),
            ],
        )
        .await;
    let Err((_, AppError::Invalid(errors))) = refused else {
        panic!("not refused: {refused:?}");
    };
    assert!(errors.fields.contains_key("visibility"));
    assert!(app
        .meetings(&chair, "")
        .await
        .upcoming
        .iter()
        .all(|m| m.items == 0));
}

#[tokio::test]
async fn agenda_items_move_up_and_down() {
    let app = TestApp::spawn().await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair_account, None, "members").await;
    for heading in ["First", "Second", "Third"] {
        app.add_agenda_item(meeting, heading, "members").await;
    }
    let chair = browser_of(&app, &chair_account).await;
    let headings = |view: app::meetings::types::MeetingView| {
        view.items
            .into_iter()
            .map(|item| item.heading)
            .collect::<Vec<_>>()
    };
    let third = app.meeting(&chair, meeting).await.expect("meeting").items[2]
        .id
        .0
        .to_string();

    app.call_fn::<MoveAgendaItem>(&chair, &[("item", &third), ("direction", "up")])
        .await
        .expect("moved");
    assert_eq!(
        headings(app.meeting(&chair, meeting).await.expect("meeting")),
        ["First", "Third", "Second"]
    );
    app.call_fn::<MoveAgendaItem>(&chair, &[("item", &third), ("direction", "up")])
        .await
        .expect("moved");
    // Already first: nothing moves.
    app.call_fn::<MoveAgendaItem>(&chair, &[("item", &third), ("direction", "up")])
        .await
        .expect("still first");
    assert_eq!(
        headings(app.meeting(&chair, meeting).await.expect("meeting")),
        ["Third", "First", "Second"]
    );
    let refused = app
        .call_fn::<MoveAgendaItem>(&chair, &[("item", &third), ("direction", "sideways")])
        .await;
    assert!(matches!(refused, Err((StatusCode::BAD_REQUEST, _))));
}

#[tokio::test]
async fn saves_after_publishing_are_revisions_the_committee_can_read_and_compare() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let supplier_id = supplier.0.to_string();
    let meeting = app
        .call_fn::<ScheduleMeeting>(
            &chair,
            &schedule_form("June", "2026-06-15", "10:00", &supplier_id, "members"),
        )
        .await
        .expect("scheduled");
    let id = meeting.0.to_string();
    let item = app
        .call_fn::<AddAgendaItem>(
            &chair,
            &[
                ("meeting", &id),
                ("heading", "Outage"),
                ("presenter", ""),
                ("visibility", "members"),
                (
                    "minutes",
                    "The outage lasted four hours.\nThe supplier apologised.",
                ),
            ],
        )
        .await
        .expect("item added");
    let item_id = item.0.to_string();
    let save = |version: &'static str, heading: &'static str, minutes: &'static str| {
        let (app, chair, item_id) = (&app, &chair, item_id.clone());
        async move {
            app.call_fn::<EditAgendaItem>(
                chair,
                &[
                    ("item", &item_id),
                    ("version", version),
                    ("heading", heading),
                    ("presenter", ""),
                    ("visibility", "members"),
                    ("minutes", minutes),
                ],
            )
            .await
            .expect("saved")
        }
    };
    // A draft's saves are not revisions.
    save(
        "1",
        "Outage",
        "The outage lasted four hours.\nThe supplier apologised.",
    )
    .await;
    let revisions = |show: &'static str, from: &'static str, to: &'static str| {
        let (app, chair, item_id) = (&app, &chair, item_id.clone());
        async move {
            let mut form = vec![("item", item_id.as_str())];
            for (key, value) in [("show", show), ("from", from), ("to", to)] {
                if !value.is_empty() {
                    form.push((key, value));
                }
            }
            app.call_fn::<GetItemRevisions>(chair, &form)
                .await
                .expect("revisions")
        }
    };
    assert!(revisions("", "", "").await.revisions.is_empty());

    let version = app
        .meeting(&chair, meeting)
        .await
        .expect("meeting")
        .version
        .to_string();
    app.call_fn::<PublishMeeting>(&chair, &[("meeting", &id), ("version", &version)])
        .await
        .expect("published");
    assert_eq!(
        app.meeting(&member, meeting).await.expect("meeting").items[0].revised,
        None,
        "as published, not revised"
    );
    save(
        "2",
        "Outage on 2 June",
        "The outage lasted four and a half hours.\nThe supplier apologised.",
    )
    .await;
    save(
        "3",
        "Outage on 2 June",
        "The outage lasted four and a half hours.\nThe supplier apologised.\nA report follows.",
    )
    .await;

    let read = app.meeting(&member, meeting).await.expect("meeting");
    let (_, count) = read.items[0].revised.expect("revised");
    assert_eq!(count, 3);
    let page = revisions("", "", "").await;
    let numbers: Vec<i64> = page.revisions.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    // By default: the newest, and what it changed.
    let diff = page.diff.expect("a diff");
    assert_eq!((diff.from, diff.to), (2, 3));
    assert_eq!(diff.heading, None);
    assert!(diff
        .lines
        .iter()
        .any(|line| line.change == LineChange::Added && line.text == "A report follows."));
    // The text as published, and the changes since.
    let first = revisions("1", "1", "3").await;
    let shown = first.shown.expect("shown");
    assert!(shown.minutes.as_str().contains("four hours"), "{shown:?}");
    let diff = first.diff.expect("a diff");
    assert_eq!(
        diff.heading,
        Some(("Outage".to_owned(), "Outage on 2 June".to_owned()))
    );
    let removed: Vec<&str> = diff
        .lines
        .iter()
        .filter(|line| line.change == LineChange::Removed)
        .map(|line| line.text.as_str())
        .collect();
    assert_eq!(removed, ["The outage lasted four hours."]);
    // A number that is no revision shows nothing rather than failing.
    assert!(revisions("9", "", "").await.shown.is_none());

    let html = app
        .get_with(
            &chair,
            &format!(
                "/meetings/{}/items/{}/revisions?show=1&from=1&to=3",
                meeting.0, item.0
            ),
        )
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("Changes from revision 1 to revision 3"),
        "{html}"
    );
    assert!(html.contains("<ins>"), "{html}");
}

#[tokio::test]
async fn a_pasted_minutes_document_becomes_the_agenda_items_the_chair_settles_on() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let other_chair = app.create_account(Role::Chair, "second@example.org").await;
    // An issue known by a log number, named bare in the document.
    let issue = app
        .create_issue(supplier, &chair_account, "Letters print twice")
        .await;
    let mut tx = app.db.begin_write().await.expect("transaction");
    sqlx::query(
        "INSERT INTO issue_log_numbers (issue_id, supplier_id, log_number, created_at) \
         VALUES ($1, $2, 'CS0398774', '2026-01-01T00:00:00.000000Z')",
    )
    .bind(issue)
    .bind(supplier)
    .execute(&mut *tx)
    .await
    .expect("log number");
    tx.commit().await.expect("committed");
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let chair = browser_of(&app, &chair_account).await;
    let second = browser_of(&app, &other_chair).await;
    let id = meeting.0.to_string();

    // Nothing pasted: refused by the field, nothing kept.
    let refused = app
        .call_fn::<ProposeMinutesImport>(&chair, &[("meeting", &id), ("text", "  ")])
        .await;
    assert!(
        matches!(&refused, Err((StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(errors))) if errors.fields.contains_key("text")),
        "{refused:?}"
    );

    let document = "Minutes of the watchdog meeting held on 15 June 2023\n\n\
        Present: the chair, three members and the account manager.\n\n\
        1. Letters printing twice\n\
        Raised as CS0398774. The supplier has a fix in testing.\n\n\
        2. Any other business\n\
        None.\n";
    app.call_fn::<ProposeMinutesImport>(&chair, &[("meeting", &id), ("text", document)])
        .await
        .expect("proposed");
    let page = app
        .call_fn::<GetMinutesImport>(&chair, &[("meeting", &id)])
        .await
        .expect("the import");
    let proposal = page.proposal.expect("a proposal");
    let headings: Vec<&str> = proposal
        .items
        .iter()
        .map(|item| item.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        ["Opening", "Letters printing twice", "Any other business"]
    );
    assert!(proposal.text.contains("log:CS0398774"), "{}", proposal.text);
    // The proposal is the chair's own.
    let theirs = app
        .call_fn::<GetMinutesImport>(&second, &[("meeting", &id)])
        .await
        .expect("the import");
    assert_eq!(theirs.proposal, None);

    // The chair joins the opening into the first item and adds them.
    let adjusted = proposal.text.replace("## Opening\n\n", "").replace(
        "## Letters printing twice\n\n",
        "## Letters printing twice\n\nFrom the opening: ",
    );
    let adjusted = format!("## Attendance\n\n{adjusted}");
    let added = app
        .call_fn::<AddMinutesImport>(&chair, &[("meeting", &id), ("text", &adjusted)])
        .await
        .expect("added");
    assert_eq!(added, 3);
    // The same form sent again (a double click, a reload) adds nothing more.
    let again = app
        .call_fn::<AddMinutesImport>(&chair, &[("meeting", &id), ("text", &adjusted)])
        .await;
    assert!(matches!(again, Err((StatusCode::CONFLICT, _))), "{again:?}");
    let view = app.meeting(&chair, meeting).await.expect("the meeting");
    let headings: Vec<&str> = view
        .items
        .iter()
        .map(|item| item.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        ["Attendance", "Letters printing twice", "Any other business"]
    );
    assert!(
        view.items[1].minutes.as_str().contains("<a href="),
        "the log number links: {:?}",
        view.items[1].minutes
    );
    // The proposal is gone once used.
    let page = app
        .call_fn::<GetMinutesImport>(&chair, &[("meeting", &id)])
        .await
        .expect("the import");
    assert_eq!(page.proposal, None);
    // The reference in the imported minutes reaches the issue's timeline.
    let issue_view: app::issues::types::IssueView = app
        .call_fn::<app::issues::api::GetIssue>(&chair, &[("issue", &issue.0.to_string())])
        .await
        .expect("the issue");
    assert!(issue_view.timeline.iter().any(|entry| entry
        .discussed
        .as_ref()
        .is_some_and(|d| d.meeting == meeting)));
}

#[tokio::test]
async fn generated_meetings_are_published_with_eight_items_that_name_issues() {
    let app = TestApp::spawn().await;
    let amounts = watchdog::demo::generate::Amounts {
        issues: 20,
        meetings: 3,
        commitments: 0,
        notifications: 0,
    };
    let (issues, meetings, _) = watchdog::demo::generate::generate(&app.config, &amounts)
        .await
        .expect("generated");
    assert!(issues >= 20);
    let member = crate::helpers::demo_member(&app).await;
    let generated = MeetingId(meetings);
    let view = app.meeting(&member, generated).await.expect("the meeting");
    assert_eq!(view.status, MinutesStatus::Published);
    assert_eq!(view.items.len(), 8);
    assert!(view.items[0].minutes.as_str().contains("href=\"/issues/"));
}
