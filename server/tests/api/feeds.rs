//! The feeds as feed readers and calendar apps read them: each parsed by the Python parsers
//! they build on (feedparser, icalendar; the test command installs them), public without a
//! key, an account's view with its key, a key that is no one's answering as a missing feed.

use std::{io::Write, process::Command};

use app::{
    accounts::{feeds::api::RenewFeedKey, types::Role},
    meetings::api::EditMeeting,
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, new_client, TestApp};

/// What a Python script prints when given `input` on its standard input.
fn python(script: &str, input: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (installed by the test command)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    let output = child.wait_with_output().expect("python ran");
    assert!(
        output.status.success(),
        "the parser refused the feed: {}\n{input}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The entries' titles, as feedparser reads an Atom feed (which it must read without error).
fn atom_titles(feed: &str) -> Vec<String> {
    python(
        "import sys, feedparser\n\
         d = feedparser.parse(sys.stdin.read())\n\
         assert not d.bozo, d.bozo_exception\n\
         assert d.version == 'atom10', d.version\n\
         for e in d.entries: print(e.title)",
        feed,
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

/// Each event's UID, summary and start, as icalendar reads the calendar.
fn calendar_events(calendar: &str) -> Vec<String> {
    python(
        "import sys\n\
         from icalendar import Calendar\n\
         c = Calendar.from_ical(sys.stdin.read())\n\
         for e in c.walk('VEVENT'):\n\
         \x20   print(str(e['UID']) + '|' + str(e['SUMMARY']) + '|' + e['DTSTART'].dt.isoformat())",
        calendar,
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

#[tokio::test]
async fn feeds_parse_and_give_each_reader_what_they_may_read() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let public = app
        .create_meeting(&chair_account, Some(supplier), "public")
        .await;
    app.add_agenda_item(public, "Open to all <& \"quoted\">", "public")
        .await;
    let members = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    app.add_agenda_item(members, "For members", "members").await;
    let mut tx = app.db.begin_write().await.expect("transaction");
    sqlx::query("UPDATE meetings SET title = 'Members meeting' WHERE id = $1")
        .bind(members)
        .execute(&mut *tx)
        .await
        .expect("renamed");
    tx.commit().await.expect("committed");
    let visitor = new_client();

    let atom = app.get_with(&visitor, "/feeds/minutes.atom").await;
    assert_eq!(atom.status(), StatusCode::OK);
    assert_eq!(
        atom.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let atom = atom.text().await.expect("feed");
    assert_eq!(atom_titles(&atom), ["Watchdog meeting"]);
    assert!(!atom.contains("For members"), "{atom}");

    let ics = app.get_with(&visitor, "/feeds/meetings.ics").await;
    assert_eq!(
        ics.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let events = calendar_events(&ics.text().await.expect("calendar"));
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(
        events[0].starts_with(&format!("meeting-{}@", public.0)),
        "{events:?}"
    );
    assert!(events[0].ends_with("+00:00"), "UTC: {events:?}");

    // A member's own key shows the members' meeting too.
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    app.call_fn::<RenewFeedKey>(&member, &[])
        .await
        .expect("a key");
    let links = app
        .call_fn::<app::accounts::feeds::api::GetFeedLinks>(&member, &[])
        .await
        .expect("links");
    let feeds = links.own.expect("own feeds");
    let (minutes, meetings) = (feeds.minutes, feeds.meetings);
    let path = |url: &str| url[url.find("/feeds/").expect("a feed path")..].to_owned();
    let own = app
        .get_with(&visitor, &path(&minutes))
        .await
        .text()
        .await
        .expect("feed");
    let mut titles = atom_titles(&own);
    titles.sort();
    assert_eq!(titles, ["Members meeting", "Watchdog meeting"]);
    let own_events = calendar_events(
        &app.get_with(&visitor, &path(&meetings))
            .await
            .text()
            .await
            .expect("calendar"),
    );
    assert_eq!(own_events.len(), 2);

    // A renewed key retires the old one, which answers as a missing feed; so does nonsense.
    app.call_fn::<RenewFeedKey>(&member, &[])
        .await
        .expect("renewed");
    for stale in [
        path(&minutes),
        "/feeds/meetings.ics?key=nonsense".to_owned(),
    ] {
        let answer = app.get_with(&visitor, &stale).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{stale}");
    }

    // A meeting keeps its UID however it is edited.
    let chair = browser_of(&app, &chair_account).await;
    let view = app.meeting(&chair, public).await.expect("meeting");
    let id = public.0.to_string();
    let version = view.version.to_string();
    let supplier_id = supplier.0.to_string();
    app.call_fn::<EditMeeting>(
        &chair,
        &[
            ("meeting", &id),
            ("version", &version),
            ("title", "Renamed watchdog meeting"),
            ("kind", "watchdog"),
            ("series", ""),
            ("new_series", ""),
            ("date", "2026-03-10"),
            ("time", "10:00"),
            ("duration", "90"),
            ("place", "Committee room"),
            ("online_link", ""),
            ("supplier", &supplier_id),
            ("visibility", "public"),
        ],
    )
    .await
    .expect("edited");
    let after = calendar_events(
        &app.get_with(&visitor, "/feeds/meetings.ics")
            .await
            .text()
            .await
            .expect("calendar"),
    );
    let uid = |event: &str| event.split('|').next().unwrap_or_default().to_owned();
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(uid(&after[0]), uid(&events[0]));
    assert!(
        after[0].contains("Renamed watchdog meeting|2026-03-10T10:00:00+00:00"),
        "{after:?}"
    );
}

#[tokio::test]
async fn commitments_feeds_need_a_key_and_show_what_its_holder_may_read() {
    let app = TestApp::spawn_on("2026-08-15".parse().expect("date")).await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let theirs = app.create_supplier("Other Systems").await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(ours, "rep@example.com").await).await;
    let add = |supplier, title, words| {
        app.record_commitment(&chair, supplier, title, words, "2026-06-15")
    };
    let roll_out = add(ours, "Roll-out to all sites", "mid-July").await;
    app.revise_commitment(
        &rep,
        roll_out,
        crate::helpers::Revision {
            version: 1,
            status: "in_progress",
            words: "Q4",
            said_on: "2026-08-01",
            reason: "Testing found a fault",
            note: "",
        },
    )
    .await
    .expect("re-promised");
    add(theirs, "Another supplier's promise", "September 2026").await;

    app.call_fn::<RenewFeedKey>(&rep, &[]).await.expect("a key");
    let links = app
        .call_fn::<app::accounts::feeds::api::GetFeedLinks>(&rep, &[])
        .await
        .expect("links");
    let (changes, due) = links
        .own
        .expect("own feeds")
        .commitments
        .expect("a representative reads commitments");
    let path = |url: &str| url[url.find("/feeds/").expect("a feed path")..].to_owned();
    let visitor = new_client();
    let atom = app.get_with(&visitor, &path(&changes)).await;
    assert_eq!(atom.headers()["cache-control"], "private, no-store");
    let titles = atom_titles(&atom.text().await.expect("feed"));
    let label = format!("C-{}", roll_out.0);
    assert_eq!(
        titles,
        [
            format!("{label} Roll-out to all sites: in progress, \u{201c}Q4\u{201d}"),
            format!("{label} Roll-out to all sites: promised \u{201c}mid-July\u{201d}"),
        ]
    );
    let events = calendar_events(
        &app.get_with(&visitor, &path(&due))
            .await
            .text()
            .await
            .expect("calendar"),
    );
    assert_eq!(events.len(), 1, "only their own supplier's: {events:?}");
    assert!(
        events[0].starts_with(&format!("commitment-{}@", roll_out.0)),
        "{events:?}"
    );
    assert!(
        events[0]
            .ends_with("|Due: C-1 Roll-out to all sites (Example Clinical Systems)|2026-12-31"),
        "an all-day event on the last day due: {events:?}"
    );

    // Never public: without a key, or with one that is no one's, there is no such feed.
    for path in [
        "/feeds/commitments.atom".to_owned(),
        "/feeds/commitments.ics".to_owned(),
        "/feeds/commitments.atom?key=nonsense".to_owned(),
    ] {
        let answer = app.get_with(&visitor, &path).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
