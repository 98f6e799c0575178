//! Email through a real SMTP listener: Python's aiosmtpd on 127.0.0.1, started by the test,
//! keeping what it receives in a maildir, read back with Python's own email parser. A chase
//! queues an email in the outbox; a sender whose SMTP server is down leaves it failed with
//! the reason, retries it after its back-off, and sends it once the server is up: both
//! parts, the headers, and a working link to the item. Without SMTP the email waits, and the
//! administrators read it in the outbox.

use std::{
    net::{TcpListener, TcpStream},
    path::Path,
    process::{Child, Command},
    time::{Duration as StdDuration, Instant},
};

use app::{
    accounts::types::Role,
    clock::Clock,
    commitments::types::CommitmentId,
    instance::api::{GetChasePolicy, SaveChasePolicy},
    notifications::{
        api::{GetInbox, GetNotificationPreferences, GetOutbox, SetNotificationPreferences},
        types::{EmailChoice, OutboxState},
    },
};
use chrono::Duration;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use watchdog::{
    config::{Config, SmtpTls},
    mail::{send_due, Sender, Sent},
};

use crate::helpers::{browser_of, chase_run, field_error, today, TestApp};

/// aiosmtpd listening on `port`, writing into a maildir of its own; stopped when dropped.
struct SmtpListener {
    child: Child,
    maildir: tempfile::TempDir,
}

impl SmtpListener {
    fn start(port: u16) -> SmtpListener {
        let maildir = tempfile::tempdir().expect("maildir");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("mail"))
            .spawn()
            .expect("aiosmtpd started (python3 -m pip install aiosmtpd)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < StdDuration::from_secs(20),
                "aiosmtpd did not listen"
            );
            std::thread::sleep(StdDuration::from_millis(50));
        }
        SmtpListener { child, maildir }
    }

    /// Every message received, parsed: (headers, content type, parts by content type).
    fn received(&self) -> Vec<serde_json::Value> {
        let new = self.maildir.path().join("mail").join("new");
        let mut files: Vec<_> = std::fs::read_dir(&new)
            .map(|entries| entries.map(|entry| entry.expect("entry").path()).collect())
            .unwrap_or_default();
        files.sort();
        files.iter().map(|file| parse(file)).collect()
    }
}

impl Drop for SmtpListener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An email as Python's `email` package reads it.
fn parse(file: &Path) -> serde_json::Value {
    let script = r#"
import email, json, sys
from email import policy
with open(sys.argv[1], "rb") as f:
    m = email.message_from_binary_file(f, policy=policy.default)
parts = {p.get_content_type(): p.get_content() for p in m.walk() if not p.is_multipart()}
print(json.dumps({"headers": {k: str(v) for k, v in m.items()}, "type": m.get_content_type(), "parts": parts}))
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .expect("python3 ran");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

fn sender(app: &TestApp, port: u16) -> Sender {
    let config = Config {
        smtp_host: Some("127.0.0.1".to_owned()),
        smtp_port: Some(port),
        smtp_tls: SmtpTls::None,
        smtp_from: Some("Watchdog <watchdog@example.org>".to_owned()),
        ..app.config.clone()
    };
    Sender::from_config(&config, app.address.clone())
        .expect("configured")
        .expect("a sender")
}

/// The committee sets when email may go: quiet from `from` until `until` (equal: never
/// quiet), every day of the week and the year.
async fn set_sending_hours(app: &TestApp, chair: &reqwest::Client, from: &str, until: &str) {
    let policy = app
        .call_fn::<GetChasePolicy>(chair, &[])
        .await
        .expect("the policy");
    let version = policy.settings.version.to_string();
    app.call_fn::<SaveChasePolicy>(
        chair,
        &[
            ("version", &version),
            ("chase_first_after_days", "1"),
            ("chase_due_soon_days", "7"),
            ("chase_repeat_days", "14"),
            ("chase_escalate_after", "3"),
            ("chase_issue_days", "14"),
            ("chase_quiet_from", from),
            ("chase_quiet_until", until),
            ("chase_skip_weekends", "no"),
            ("chase_skip_bank_holidays", "no"),
        ],
    )
    .await
    .expect("the policy saved");
}

#[derive(sqlx::FromRow, Debug)]
struct Row {
    state: String,
    attempts: i64,
    last_error: String,
}

async fn outbox_rows(app: &TestApp) -> Vec<Row> {
    sqlx::query_as("SELECT state, attempts, last_error FROM outbox ORDER BY id")
        .fetch_all(app.db.reader())
        .await
        .expect("outbox read")
}

#[tokio::test]
async fn a_chase_is_emailed_with_both_parts_and_a_working_link_once_the_smtp_server_answers() {
    let app = TestApp::spawn().await;
    let scene = app.chase_scene().await;
    let (supplier, chair) = (scene.supplier, scene.chair.clone());
    let _rep = app.create_rep(supplier, "rep@example.com").await;
    // Email may go at any hour, so the test does not depend on when it runs.
    set_sending_hours(&app, &chair, "00:00", "00:00").await;
    let today = today();
    let commitment: CommitmentId = app.record_overdue(&scene, "Faster search", 4).await;
    chase_run(&app, today);
    let queued = outbox_rows(&app).await;
    assert_eq!(
        queued.len(),
        1,
        "one email, to the representative: {queued:?}"
    );
    assert_eq!(queued[0].state, "queued");

    // Days on: the SMTP server is down.
    let port = free_port();
    let sender = sender(&app, port);
    let later = Clock::starting_on(today + Duration::days(10));
    let round = send_due(&app.db, later, &sender).await.expect("a round");
    assert_eq!(round, Sent { sent: 0, failed: 1 });
    let failed = outbox_rows(&app).await;
    assert_eq!(
        (failed[0].state.as_str(), failed[0].attempts),
        ("failed", 1)
    );
    assert!(
        failed[0].last_error.to_lowercase().contains("connect"),
        "{failed:?}"
    );

    // Up now; the retry waits out its back-off (a minute), then sends it, once.
    let listener = SmtpListener::start(port);
    assert_eq!(
        send_due(&app.db, later, &sender).await.expect("a round"),
        Sent::default()
    );
    let retry = Clock::starting_on(today + Duration::days(11));
    assert_eq!(
        send_due(&app.db, retry, &sender).await.expect("a round"),
        Sent { sent: 1, failed: 0 }
    );
    assert_eq!(
        send_due(&app.db, retry, &sender).await.expect("a round"),
        Sent::default()
    );
    let sent = outbox_rows(&app).await;
    assert_eq!((sent[0].state.as_str(), sent[0].attempts), ("sent", 2));

    let received = listener.received();
    assert_eq!(received.len(), 1);
    let email = &received[0];
    let subject = format!("Overdue, first chase: {} Faster search", commitment.label());
    let link = format!("{}{}", app.address, commitment.href());
    let settings = format!("{}/account/notifications", app.address);
    assert_eq!(email["headers"]["Subject"], subject.as_str());
    assert_eq!(email["headers"]["From"], "Watchdog <watchdog@example.org>");
    assert!(email["headers"]["To"]
        .as_str()
        .expect("To")
        .contains("<rep@example.com>"));
    assert_eq!(
        email["headers"]["List-Unsubscribe"],
        format!("<{settings}>").as_str()
    );
    assert_eq!(email["type"], "multipart/alternative");
    let text = email["parts"]["text/plain"].as_str().expect("a plain part");
    let html = email["parts"]["text/html"].as_str().expect("an HTML part");
    assert!(text.contains("“Faster search” was due by"), "{text}");
    assert!(text.contains(&link) && text.contains(&settings), "{text}");
    assert!(html.contains(&format!("<a href=\"{link}\">")), "{html}");
    // The link works: the representative's page of the promise.
    let rep = browser_of(&app, &app.create_rep(supplier, "second@example.com").await).await;
    let page = app.get_with(&rep, &commitment.href()).await;
    assert_eq!(page.status(), StatusCode::OK);
    app.stop().await.expect("stopped");
}

#[tokio::test]
async fn without_smtp_emails_wait_in_the_outbox_for_the_administrators_to_read() {
    let app = TestApp::spawn().await;
    let scene = app.chase_scene().await;
    let (supplier, chair) = (scene.supplier, scene.chair.clone());
    let admin = browser_of(
        &app,
        &app.create_account(Role::Admin, "admin@example.org").await,
    )
    .await;
    app.create_rep(supplier, "rep@example.com").await;
    let today = today();
    app.record_overdue(&scene, "Faster search", 4).await;
    chase_run(&app, today);
    let outbox = app
        .call_fn::<GetOutbox>(&admin, &[])
        .await
        .expect("outbox read");
    assert_eq!((outbox.queued, outbox.sent, outbox.failed), (1, 0, 0));
    assert_eq!(outbox.emails.len(), 1);
    assert_eq!(outbox.emails[0].to_address, "rep@example.com");
    assert_eq!(outbox.emails[0].state, OutboxState::Queued);
    let page = app.get_with(&admin, "/admin/outbox").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(
        html.contains("rep@example.com") && html.contains("Faster search"),
        "{html}"
    );
    assert!(html.contains("No SMTP server is configured"), "{html}");
    // Only administrators read it.
    let (status, _) = app
        .call_fn::<GetOutbox>(&chair, &[])
        .await
        .expect_err("refused");
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.stop().await.expect("stopped");
}

#[tokio::test]
async fn someone_who_turned_chase_emails_off_gets_them_in_the_inbox_only() {
    let app = TestApp::spawn().await;
    let scene = app.chase_scene().await;
    let supplier = scene.supplier;
    let rep = browser_of(&app, &app.create_rep(supplier, "rep@example.com").await).await;
    let second = browser_of(&app, &app.create_rep(supplier, "second@example.com").await).await;
    // Bad input is refused by its field and changes nothing.
    let refused = app
        .call_fn::<SetNotificationPreferences>(&rep, &[("chase", "sometimes")])
        .await;
    assert_eq!(
        field_error(refused, "chase"),
        "Choose how you hear of chases."
    );
    let chosen = app
        .call_fn::<GetNotificationPreferences>(&rep, &[])
        .await
        .expect("read");
    assert_eq!(chosen.chase, EmailChoice::Immediately);
    // From the settings page's form, JavaScript off.
    let posted = app
        .post_form_with(
            &rep,
            SetNotificationPreferences::PATH,
            "/account/notifications",
            &[("chase", "off")],
        )
        .await;
    assert_eq!(
        posted.headers()["location"],
        "/account/notifications?changed=saved"
    );
    let chosen = app
        .call_fn::<GetNotificationPreferences>(&rep, &[])
        .await
        .expect("read");
    assert_eq!(chosen.chase, EmailChoice::Off);
    let page = app
        .get_with(&rep, "/account/notifications?changed=saved")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Your choices are saved."), "{page}");
    assert!(page.contains(r#"<option value="off" selected"#), "{page}");
    let today = today();
    app.record_overdue(&scene, "Faster search", 4).await;
    chase_run(&app, today);
    let to: Vec<String> = sqlx::query_scalar("SELECT to_address FROM outbox ORDER BY id")
        .fetch_all(app.db.reader())
        .await
        .expect("outbox read");
    assert_eq!(to, ["second@example.com"]);
    for client in [&rep, &second] {
        let inbox = app.call_fn::<GetInbox>(client, &[]).await.expect("inbox");
        assert_eq!(inbox.notifications.len(), 1);
    }
    app.stop().await.expect("stopped");
}

#[derive(sqlx::FromRow)]
struct Timing {
    not_before: String,
    created_at: String,
}

#[tokio::test]
async fn chase_emails_wait_out_the_quiet_hours() {
    let app = TestApp::spawn().await;
    let scene = app.chase_scene().await;
    let (supplier, chair) = (scene.supplier, scene.chair.clone());
    app.create_rep(supplier, "rep@example.com").await;
    // Quiet all day but the last minute, in the instance's zone (London).
    set_sending_hours(&app, &chair, "00:00", "23:59").await;
    let today = today();
    app.record_overdue(&scene, "Faster search", 4).await;
    chase_run(&app, today);
    let timing: Timing = sqlx::query_as("SELECT not_before, created_at FROM outbox")
        .fetch_one(app.db.reader())
        .await
        .expect("one email");
    let zone = app::domain::local_time::Zone::default();
    let not_before = zone.clock(app::db::timestamp::from_db(&timing.not_before).expect("time"));
    let queued = zone.clock(app::db::timestamp::from_db(&timing.created_at).expect("time"));
    // It waits for 23:59 (unless it was queued in that very minute).
    if queued.format("%H:%M").to_string() != "23:59" {
        assert_eq!(not_before.format("%H:%M").to_string(), "23:59");
        assert!(not_before > queued);
    }
    // And a sender in the quiet hours sends nothing, even what is long due.
    let port = free_port();
    let listener = SmtpListener::start(port);
    let sender = sender(&app, port);
    let later = Clock::starting_on(today + Duration::days(3));
    if zone.clock(later.now()).format("%H:%M").to_string() != "23:59" {
        assert_eq!(
            send_due(&app.db, later, &sender).await.expect("a round"),
            Sent::default()
        );
        assert!(listener.received().is_empty());
    }
    app.stop().await.expect("stopped");
}
