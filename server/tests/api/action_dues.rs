//! When an action is due: its words read on its meeting's day, the days kept beside them, the
//! action overdue once the last of them has passed, and actions recorded before the words were
//! read given their days when the server starts.

use app::{
    accounts::types::Role,
    domain::timeframe::Window,
    meetings::{api::EditAction, types::ActionOwner},
};
use chrono::{NaiveDate, TimeZone, Utc};

use crate::helpers::{browser_of, TestApp};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

#[tokio::test]
async fn an_actions_words_give_it_a_due_date_read_on_the_meeting_day() {
    let app = TestApp::spawn_on(day("2024-09-10")).await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let june = Utc
        .with_ymd_and_hms(2024, 6, 13, 10, 0, 0)
        .single()
        .expect("a time");
    let meeting = app
        .create_meeting_at(&chair_account, Some(supplier), "members", june)
        .await;
    let item = app.add_agenda_item(meeting, "Outage", "members").await;
    let action = app
        .add_action(
            item,
            &chair_account,
            "Send the report",
            ActionOwner::Supplier(supplier),
        )
        .await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;

    // "By the end of next month", said on 13 June: by 31 July, and on 10 September that is
    // 41 days ago.
    let page = app.action(&member, action).await.expect("the action");
    assert_eq!(
        page.action.due,
        Some(Window {
            first: day("2024-07-01"),
            last: day("2024-07-31"),
        })
    );
    assert_eq!(page.action.overdue_days, Some(41));
    let html = app
        .get_with(&member, &format!("/actions/{}", action.0))
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains("By 31 July 2024"), "{html}");
    assert!(html.contains("41 days overdue"), "{html}");
    let minutes = app
        .get_with(&member, &format!("/meetings/{}", meeting.0))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        minutes.contains("due by the end of next month (31 July 2024)"),
        "{minutes}"
    );

    // The chair rewrites the words: "mid-September", said in June, is not yet past; words
    // that give no day are kept with none.
    let id = action.0.to_string();
    let owner = "supplier".to_owned();
    let mut version = page.action.version;
    for (words, due, overdue) in [
        (
            "mid-September",
            Some(Window {
                first: day("2024-09-11"),
                last: day("2024-09-20"),
            }),
            None,
        ),
        ("at the next meeting", None, None),
        (
            "within two weeks",
            Some(Window {
                first: day("2024-06-27"),
                last: day("2024-06-27"),
            }),
            Some(75),
        ),
    ] {
        let version_text = version.to_string();
        app.call_fn::<EditAction>(
            &chair,
            &[
                ("action", id.as_str()),
                ("version", version_text.as_str()),
                ("description", "Send the report"),
                ("owner", owner.as_str()),
                ("owner_name", ""),
                ("due", words),
            ],
        )
        .await
        .expect("saved");
        let page = app.action(&member, action).await.expect("the action");
        assert_eq!(page.action.due_words, words);
        assert_eq!(page.action.due, due, "{words}");
        assert_eq!(page.action.overdue_days, overdue, "{words}");
        version = page.action.version;
    }

    // Recorded from the minutes' form, the words are read on the meeting's day where the
    // instance is: 23:30 on 13 June in UTC is already 14 June in London.
    let late = Utc
        .with_ymd_and_hms(2024, 6, 13, 23, 30, 0)
        .single()
        .expect("a time");
    let evening = app
        .create_meeting_at(&chair_account, Some(supplier), "members", late)
        .await;
    let evening_item = app
        .add_agenda_item(evening, "Any other business", "members")
        .await;
    let recorded = app
        .call_fn::<app::meetings::api::AddAction>(
            &chair,
            &[
                ("item", evening_item.0.to_string().as_str()),
                ("description", "Send the figures"),
                ("owner", "supplier"),
                ("owner_name", ""),
                ("due", "within two weeks"),
            ],
        )
        .await
        .expect("recorded");
    let page_of_recorded = app.action(&member, recorded).await.expect("the action");
    assert_eq!(
        page_of_recorded.action.due.map(|due| due.last),
        Some(day("2024-06-28"))
    );

    // Done, it is no longer overdue.
    let version_text = version.to_string();
    app.call_fn::<app::meetings::api::CloseAction>(
        &chair,
        &[
            ("action", id.as_str()),
            ("version", version_text.as_str()),
            ("note", "Sent."),
        ],
    )
    .await
    .expect("done");
    let page = app.action(&member, action).await.expect("the action");
    assert!(page.action.due.is_some());
    assert_eq!(page.action.overdue_days, None);
}

#[tokio::test]
async fn actions_recorded_before_the_words_were_read_are_read_once() {
    let app = TestApp::spawn().await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let june = Utc
        .with_ymd_and_hms(2024, 6, 13, 10, 0, 0)
        .single()
        .expect("a time");
    let meeting = app.create_meeting_at(&chair, None, "members", june).await;
    let item = app.add_agenda_item(meeting, "Outage", "members").await;
    let action = app
        .add_action(item, &chair, "Send the report", ActionOwner::Named)
        .await;
    let mut tx = app.db.begin_write().await.expect("transaction");
    sqlx::query(
        "UPDATE meeting_actions SET due_first = NULL, due_last = NULL, due_read = 0 \
         WHERE id = $1",
    )
    .bind(action)
    .execute(&mut *tx)
    .await
    .expect("as before the due days");
    tx.commit().await.expect("committed");

    assert_eq!(
        app::meetings::store::read_unread_dues(&app.db)
            .await
            .expect("read"),
        1
    );
    assert_eq!(
        app::meetings::store::read_unread_dues(&app.db)
            .await
            .expect("read"),
        0
    );
    let reader = browser_of(&app, &chair).await;
    let page = app.action(&reader, action).await.expect("the action");
    assert_eq!(page.action.due.map(|due| due.last), Some(day("2024-07-31")));
}
