//! What meetings agree: actions and decisions recorded under agenda items, an action's page
//! and timeline, who may mark one done, and open actions carried over to the next meetings
//! of a series.

use app::{
    accounts::types::Role,
    error::AppError,
    meetings::{
        api::{AddAction, AddDecision, CloseAction, EditAction, ReopenAction},
        types::{ActionEventKind, ActionOwner, ActionStatus, MeetingId},
    },
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, new_client, TestApp};

#[tokio::test]
async fn a_chair_records_outcomes_and_the_supplier_marks_its_action_done() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let item = app.add_agenda_item(meeting, "Outage", "members").await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.org").await).await;
    let item_id = item.0.to_string();

    let action = app
        .call_fn::<AddAction>(
            &chair,
            &[
                ("item", &item_id),
                ("description", "  Send the outage report to the committee "),
                ("owner", "supplier"),
                ("owner_name", "communications lead"),
                ("due", "by the end of next month"),
            ],
        )
        .await
        .expect("action recorded");
    app.call_fn::<AddDecision>(
        &chair,
        &[
            ("item", &item_id),
            ("description", "Outages are reported within a day."),
        ],
    )
    .await
    .expect("decision recorded");

    // The member reads both under the item.
    let seen = app.meeting(&member, meeting).await.expect("the meeting");
    let outcomes = &seen.items[0];
    assert_eq!(outcomes.decisions.len(), 1);
    assert_eq!(
        outcomes.decisions[0].description,
        "Outages are reported within a day."
    );
    let shown = &outcomes.actions[0];
    assert_eq!(shown.description, "Send the outage report to the committee");
    assert_eq!(shown.owner, ActionOwner::Supplier(supplier));
    assert_eq!(
        shown.owner_label,
        "Example Clinical Systems (communications lead)"
    );
    assert_eq!(shown.due_words, "by the end of next month");
    assert_eq!(shown.status, ActionStatus::Open);

    // A member may read the action but not close it; the supplier's representative may.
    let page = app.action(&member, action).await.expect("the action");
    assert!(!page.may_close && !page.may_manage);
    let version = page.action.version.to_string();
    let id = action.0.to_string();
    let close = |note: &'static str| {
        vec![
            ("action", id.clone()),
            ("version", version.clone()),
            ("note", note.to_owned()),
        ]
    };
    let pairs = |form: &Vec<(&'static str, String)>| {
        form.iter()
            .map(|(name, value)| (*name, value.clone()))
            .collect::<Vec<_>>()
    };
    let form = pairs(&close("Done"));
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let refused = app.call_fn::<CloseAction>(&member, &form).await;
    assert!(
        matches!(refused, Err((StatusCode::FORBIDDEN, _))),
        "{refused:?}"
    );
    let form = pairs(&close("Report sent on 3 July."));
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    assert!(
        app.action(&rep, action)
            .await
            .expect("the action")
            .may_close
    );
    app.call_fn::<CloseAction>(&rep, &form)
        .await
        .expect("marked done");

    // Closing again from the same page is refused as stale, keeping the note.
    let stale = app.call_fn::<CloseAction>(&chair, &form).await;
    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = stale else {
        panic!("not refused as stale: {stale:?}");
    };
    assert_eq!(errors.kept["note"], "Report sent on 3 July.");

    let page = app.action(&member, action).await.expect("the action");
    assert_eq!(page.action.status, ActionStatus::Done);
    assert_eq!(page.action.done_note, "Report sent on 3 July.");
    assert!(page.action.done_by.is_some());
    let kinds: Vec<_> = page.events.iter().map(|event| event.kind).collect();
    assert_eq!(kinds, [ActionEventKind::Created, ActionEventKind::Done]);
    assert_eq!(page.events[1].detail, "Report sent on 3 July.");

    // The committee reopens it; the representative may not.
    let version = page.action.version.to_string();
    let reopen = [("action", id.as_str()), ("version", version.as_str())];
    let refused = app.call_fn::<ReopenAction>(&rep, &reopen).await;
    assert!(
        matches!(refused, Err((StatusCode::FORBIDDEN, _))),
        "{refused:?}"
    );
    app.call_fn::<ReopenAction>(&chair, &reopen)
        .await
        .expect("reopened");
    let page = app.action(&chair, action).await.expect("the action");
    assert_eq!(page.action.status, ActionStatus::Open);
    assert_eq!(page.action.done_at, None);
    assert_eq!(page.events.len(), 3);

    // The action's page is served, with its timeline.
    let html = app
        .get_with(&member, &format!("/actions/{}", action.0))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("Send the outage report to the committee"),
        "{html}"
    );
    assert!(html.contains("by the end of next month"));
    assert!(html.contains("reopened it"));
}

#[tokio::test]
async fn an_edit_names_what_changed_and_a_stale_one_keeps_the_text() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let item = app.add_agenda_item(meeting, "Outage", "members").await;
    let action = app
        .add_action(item, &chair_account, "Send the report", ActionOwner::Named)
        .await;
    let chair = browser_of(&app, &chair_account).await;
    let id = action.0.to_string();
    let chair_id = chair_account.id.0.to_string();
    let edit = |version: &'static str, description: &'static str| {
        [
            ("action", id.clone()),
            ("version", version.to_owned()),
            ("description", description.to_owned()),
            ("owner", chair_id.clone()),
            ("owner_name", String::new()),
            ("due", "next week".to_owned()),
        ]
    };
    let form = edit("1", "Send the report");
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    app.call_fn::<EditAction>(&chair, &form)
        .await
        .expect("saved");
    let page = app.action(&chair, action).await.expect("the action");
    assert_eq!(page.action.owner, ActionOwner::Account(chair_account.id));
    assert_eq!(
        page.events[1].detail,
        "who is to do it, when it is due: \"next week\""
    );

    let form = edit("1", "Send the full report");
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let stale = app.call_fn::<EditAction>(&chair, &form).await;
    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = stale else {
        panic!("not refused as stale: {stale:?}");
    };
    assert_eq!(errors.kept["description"], "Send the full report");
    assert_eq!(errors.kept["action"], id);
}

#[tokio::test]
async fn bad_outcome_input_is_refused_by_its_field() {
    let app = TestApp::spawn().await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    // A committee meeting: with no supplier to give an action to.
    let meeting = app.create_meeting(&chair_account, None, "members").await;
    let item = app
        .add_agenda_item(meeting, "Any other business", "members")
        .await;
    let chair = browser_of(&app, &chair_account).await;
    let item_id = item.0.to_string();
    let member_id = member.id.0.to_string();
    let long = "x".repeat(1001);
    let cases: [(&str, &str, &str, &str); 5] = [
        ("", "named", "The secretary", "description"),
        (long.as_str(), "named", "The secretary", "description"),
        ("Write to the supplier", "supplier", "", "owner"),
        ("Write to the supplier", "named", "", "owner_name"),
        ("Write to the supplier", member_id.as_str(), "", "owner"),
    ];
    for (description, owner, owner_name, field) in cases {
        let refused = app
            .call_fn::<AddAction>(
                &chair,
                &[
                    ("item", &item_id),
                    ("description", description),
                    ("owner", owner),
                    ("owner_name", owner_name),
                    ("due", ""),
                ],
            )
            .await;
        let Err((StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(errors))) = refused else {
            panic!("{field}: not refused: {refused:?}");
        };
        assert!(errors.fields.contains_key(field), "{field}: {errors:?}");
        assert_eq!(errors.kept["item"], item_id);
    }
    let refused = app
        .call_fn::<AddDecision>(&chair, &[("item", &item_id), ("description", "  ")])
        .await;
    assert!(
        matches!(&refused, Err((StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(errors))) if errors.fields.contains_key("description")),
        "{refused:?}"
    );
    let seen = app.meeting(&chair, meeting).await.expect("the meeting");
    assert!(seen.items[0].actions.is_empty() && seen.items[0].decisions.is_empty());
}

#[tokio::test]
async fn an_action_is_seen_only_by_those_who_may_read_its_item() {
    let app = TestApp::spawn().await;
    let own = app.create_supplier("Own Supplier").await;
    let other = app.create_supplier("Other Supplier").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair, Some(own), "members").await;
    let open_item = app.add_agenda_item(meeting, "Outage", "members").await;
    let closed_item = app.add_agenda_item(meeting, "Contract", "committee").await;
    let seen = app
        .add_action(open_item, &chair, "Report", ActionOwner::Supplier(own))
        .await;
    let withheld = app
        .add_action(closed_item, &chair, "Negotiate", ActionOwner::Supplier(own))
        .await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let own_rep = browser_of(&app, &app.create_rep(own, "rep@own.example.org").await).await;
    let other_rep = browser_of(&app, &app.create_rep(other, "rep@other.example.org").await).await;
    let visitor = new_client();

    let status = |answer: Result<_, (StatusCode, AppError)>| {
        answer
            .map(|_: app::meetings::types::ActionPage| ())
            .map_err(|(status, _)| status)
    };
    assert_eq!(status(app.action(&member, seen).await), Ok(()));
    assert_eq!(status(app.action(&own_rep, seen).await), Ok(()));
    assert_eq!(
        status(app.action(&other_rep, seen).await),
        Err(StatusCode::NOT_FOUND)
    );
    assert_eq!(
        status(app.action(&visitor, seen).await),
        Err(StatusCode::UNAUTHORIZED)
    );
    assert_eq!(
        status(app.action(&member, withheld).await),
        Err(StatusCode::NOT_FOUND)
    );
    // The owning supplier's representative cannot close what they may not read: it answers
    // as a missing action would.
    let id = withheld.0.to_string();
    let refused = app
        .call_fn::<CloseAction>(&own_rep, &[("action", &id), ("version", "1"), ("note", "")])
        .await;
    assert!(
        matches!(refused, Err((StatusCode::NOT_FOUND, _))),
        "{refused:?}"
    );
    // Nor are the committee's item's outcomes in the meeting the member reads.
    let read = app.meeting(&member, meeting).await.expect("the meeting");
    assert_eq!(read.items.len(), 1);
    assert_eq!(read.items[0].actions.len(), 1);
}

#[tokio::test]
async fn open_actions_carry_over_to_the_later_meetings_of_the_series() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let series = app.create_series("Watchdog meetings", Some(supplier)).await;
    let first = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    app.put_in_series(first, series, 60).await;
    let item = app.add_agenda_item(first, "Outage", "members").await;
    let pending = app
        .add_action(
            item,
            &chair_account,
            "Send the report",
            ActionOwner::Supplier(supplier),
        )
        .await;
    let settled = app
        .add_action(
            item,
            &chair_account,
            "Fix the banner",
            ActionOwner::Supplier(supplier),
        )
        .await;
    let secret_item = app.add_agenda_item(first, "Contract", "committee").await;
    app.add_action(secret_item, &chair_account, "Negotiate", ActionOwner::Named)
        .await;
    let second = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    app.put_in_series(second, series, 30).await;
    let elsewhere = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;

    // "Fix the banner" is done today: after the second meeting, before the third.
    let chair = browser_of(&app, &chair_account).await;
    let id = settled.0.to_string();
    app.call_fn::<CloseAction>(&chair, &[("action", &id), ("version", "1"), ("note", "")])
        .await
        .expect("done");
    let third = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    app.put_in_series(third, series, -7).await;

    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let carried = |meeting: MeetingId| {
        let (app, member) = (&app, &member);
        async move {
            app.meeting(member, meeting)
                .await
                .expect("the meeting")
                .carried_over
                .iter()
                .map(|carried| (carried.action.id, carried.meeting))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(carried(first).await, []);
    // At the second meeting both were still open.
    assert_eq!(carried(second).await, [(pending, first), (settled, first)]);
    // At the next one, only what is still open; never the committee's item's action.
    assert_eq!(carried(third).await, [(pending, first)]);
    assert_eq!(carried(elsewhere).await, []);
    // The committee sees its own item's action carried over too.
    let for_chair = app.meeting(&chair, third).await.expect("the meeting");
    assert_eq!(for_chair.carried_over.len(), 2);
}

#[tokio::test]
async fn the_demo_has_a_year_of_meetings_with_their_outcomes() {
    let app = TestApp::spawn().await;
    watchdog::demo::load(&app.config).await.expect("demo data");
    let member = crate::helpers::demo_member(&app).await;
    let list = app.meetings(&member, "").await;
    // The next meeting is ahead; the committee's own meeting is not shown to a member.
    assert_eq!(list.upcoming.len(), 1);
    assert_eq!(list.past.len(), 5);
    let draft = list
        .past
        .iter()
        .find(|meeting| meeting.status == app::meetings::types::MinutesStatus::Draft)
        .expect("the latest minutes are a draft");
    let autumn = list
        .past
        .iter()
        .find(|meeting| meeting.title.ends_with("autumn"))
        .expect("the autumn meeting");
    let autumn = app.meeting(&member, autumn.id).await.expect("the meeting");
    // Its contract item is the committee's.
    assert_eq!(autumn.withheld, 1);
    assert!(autumn.items.iter().any(|item| !item.actions.is_empty()));
    // Some published minutes were corrected afterwards.
    let summer = list
        .past
        .iter()
        .find(|meeting| meeting.title.ends_with("summer"))
        .expect("the summer meeting");
    let summer = app.meeting(&member, summer.id).await.expect("the meeting");
    assert!(summer.items.iter().any(|item| item.revised.is_some()));
    // Open actions of earlier meetings wait on the latest one's agenda.
    let latest = app.meeting(&member, draft.id).await.expect("the meeting");
    let carried: Vec<&str> = latest
        .carried_over
        .iter()
        .map(|carried| carried.action.description.as_str())
        .collect();
    assert!(
        carried.contains(&"Say what will replace batch letters, and when"),
        "{carried:?}"
    );
    assert!(
        !carried
            .iter()
            .any(|what| what.starts_with("Send the committee the timeline")),
        "done long ago: {carried:?}"
    );
    // The winter meeting has its agenda pack among its papers, and shows the outage's chart
    // in that item's minutes (written before publication: no revision).
    let winter = list
        .past
        .iter()
        .find(|meeting| meeting.title.ends_with("winter"))
        .expect("the winter meeting");
    let winter = app.meeting(&member, winter.id).await.expect("the meeting");
    let files: Vec<(&str, bool)> = winter
        .attachments
        .iter()
        .map(|file| (file.file_name.as_str(), file.item.is_some()))
        .collect();
    assert_eq!(
        files,
        [
            ("Agenda pack, winter meeting.pdf", false),
            ("outage-calls-by-hour.png", true)
        ]
    );
    let chart = &winter.attachments[1];
    let outage = winter
        .items
        .iter()
        .find(|item| Some(item.id) == chart.item)
        .expect("the outage item");
    assert!(outage
        .minutes
        .as_str()
        .contains(&format!("<img src=\"{}\"", chart.href())));
    assert_eq!(outage.revised, None);
    let got = app.get_with(&member, &chart.href()).await;
    assert_eq!(got.headers()["content-type"], "image/png");
}
