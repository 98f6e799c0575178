//! Files attached to meetings and agenda items: taken only in the kinds Watchdog serves
//! safely and up to the configured size, kept in the database in chunks, served with their
//! type and disposition to exactly those who may read the meeting or item — by any server
//! process sharing the database.

use app::{
    accounts::types::Role,
    meetings::{api::RemoveAttachment, types::MeetingId},
};
use reqwest::{header, StatusCode};

use crate::helpers::{browser_of, new_client, TestApp};

/// A small PDF: its first bytes are what make it one.
fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend([0u8; 64]);
    bytes
}

/// `size` bytes that compress to nothing alike and repeat nowhere near a chunk.
fn noise(size: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut bytes = b"%PDF-1.7\n".to_vec();
    while bytes.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(size);
    bytes
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .expect("a location")
        .to_owned()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(app.db.reader())
        .await
        .expect("counted")
}

#[tokio::test]
async fn a_chair_attaches_a_pdf_and_readers_get_it_as_a_pdf_shown_inline() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let member_account = app.create_account(Role::Member, "member@example.org").await;
    let meeting = app
        .create_meeting(&chair_account, Some(supplier), "members")
        .await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(&app, &member_account).await;

    // Posted as the page's form posts it: back to the editor, saying so.
    let part = reqwest::multipart::Part::bytes(pdf()).file_name("Agenda pack – June.pdf");
    let form = reqwest::multipart::Form::new()
        .text("item", "")
        .part("file", part);
    let posted = chair
        .post(app.url(&format!("/meetings/{}/attachments", meeting.0)))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .multipart(form)
        .send()
        .await
        .expect("posted");
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&posted),
        format!(
            "/meetings/{}/edit?saved=attached#attachments-heading",
            meeting.0
        )
    );

    let shown = app.meeting(&member, meeting).await.expect("the meeting");
    assert_eq!(shown.attachments.len(), 1);
    let file = &shown.attachments[0];
    assert_eq!(file.file_name, "Agenda pack – June.pdf");
    assert_eq!(file.item, None);
    assert_eq!(file.size_bytes, pdf().len() as i64);
    assert_eq!(
        file.href(),
        format!(
            "/attachments/{}/Agenda%20pack%20%E2%80%93%20June.pdf",
            file.id.0
        )
    );

    let got = app.get_with(&member, &file.href()).await;
    assert_eq!(got.status(), StatusCode::OK);
    let headers = got.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "inline; filename=\"Agenda pack _ June.pdf\"; filename*=UTF-8''Agenda%20pack%20%E2%80%93%20June.pdf"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CONTENT_LENGTH], pdf().len().to_string());
    assert_eq!(got.bytes().await.expect("bytes").to_vec(), pdf());

    // Asked again with its ETag, it is not sent again.
    let etag = headers[header::ETAG].clone();
    let again = member
        .get(app.url(&file.href()))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .expect("asked");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // The page lists it with its size; removing it leaves nothing to serve.
    let page = app
        .get_with(&member, &meeting.href())
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("Agenda pack – June.pdf"));
    app.call_fn::<RemoveAttachment>(&chair, &[("attachment", &file.id.0.to_string())])
        .await
        .expect("removed");
    assert_eq!(
        app.get_with(&member, &file.href()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&app, "attachment_chunks").await, 0);
}

#[tokio::test]
async fn kinds_that_could_run_are_downloads_and_other_kinds_or_disguises_are_refused() {
    let app = TestApp::spawn().await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair_account, None, "public").await;
    let chair = browser_of(&app, &chair_account).await;

    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec();
    for (name, bytes, content_type) in [
        ("diagram.svg", svg.clone(), "image/svg+xml"),
        (
            "page.html",
            b"<script>alert(1)</script>".to_vec(),
            "text/html; charset=utf-8",
        ),
    ] {
        let posted = app.upload(&chair, meeting, "", name, bytes).await;
        assert_eq!(posted.status(), StatusCode::CREATED, "{name}");
        let got = app.get(&location(&posted)).await;
        assert_eq!(got.status(), StatusCode::OK, "{name}");
        let headers = got.headers();
        assert_eq!(headers[header::CONTENT_TYPE], content_type);
        assert!(headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("text")
            .starts_with("attachment;"));
        assert!(headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("text")
            .contains("sandbox"));
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }

    let before = count(&app, "attachments").await;
    for (name, bytes, status) in [
        (
            "setup.exe",
            b"MZ\x90\0".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "photo.png",
            b"<html><script>alert(1)</script>".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "minutes.pdf",
            b"not a pdf at all".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "notes.txt",
            b"binary\0data".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("empty.pdf", Vec::new(), StatusCode::UNPROCESSABLE_ENTITY),
        ("", pdf(), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let posted = app.upload(&chair, meeting, "", name, bytes).await;
        assert_eq!(posted.status(), status, "{name}");
    }
    assert_eq!(
        count(&app, "attachments").await,
        before,
        "nothing refused is kept"
    );
    assert_eq!(count(&app, "attachment_chunks").await, 2);

    // A browser is sent back to the editor with the reason.
    let part = reqwest::multipart::Part::bytes(b"MZ".to_vec()).file_name("setup.exe");
    let refused = chair
        .post(app.url(&format!("/meetings/{}/attachments", meeting.0)))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("posted");
    assert_eq!(
        location(&refused),
        format!(
            "/meetings/{}/edit?attach=kind#attachments-heading",
            meeting.0
        )
    );
    let editor = app
        .get_with(&chair, &location(&refused))
        .await
        .text()
        .await
        .expect("page");
    assert!(editor.contains("That kind of file cannot be attached."));
}

#[tokio::test]
async fn names_are_kept_safe_and_big_files_come_back_whole_a_chunk_at_a_time() {
    let app = TestApp::spawn().await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair_account, None, "public").await;
    let chair = browser_of(&app, &chair_account).await;

    let big = noise(1_300_000);
    let posted = app
        .upload(
            &chair,
            meeting,
            "",
            "..\\..\\minutes\u{202e}fdp.report.pdf",
            big.clone(),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let href = location(&posted);
    let shown = app.meeting(&chair, meeting).await.expect("the meeting");
    assert_eq!(shown.attachments[0].file_name, "minutesfdp.report.pdf");
    assert_eq!(count(&app, "attachment_chunks").await, 5, "256 KB chunks");
    let got = app.get(&href).await;
    assert_eq!(got.bytes().await.expect("bytes").to_vec(), big);
}

#[tokio::test]
async fn a_file_over_the_configured_limit_is_refused_and_nothing_is_kept() {
    let app = TestApp::spawn_with(|config| config.attachment_max_megabytes = 1).await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair_account, None, "public").await;
    let chair = browser_of(&app, &chair_account).await;

    let posted = app
        .upload(&chair, meeting, "", "scan.pdf", noise(1024 * 1024 + 1))
        .await;
    assert_eq!(posted.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(count(&app, "attachments").await, 0);
    assert_eq!(count(&app, "attachment_chunks").await, 0);
    let posted = app
        .upload(&chair, meeting, "", "scan.pdf", noise(1024 * 1024))
        .await;
    assert_eq!(
        posted.status(),
        StatusCode::CREATED,
        "exactly the limit is taken"
    );
}

#[tokio::test]
async fn each_file_is_read_exactly_by_those_who_may_read_its_meeting_or_item() {
    let app = TestApp::spawn().await;
    let own = app.create_supplier("Example Clinical Systems").await;
    let other_supplier = app.create_supplier("Other Systems").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let member_account = app.create_account(Role::Member, "member@example.org").await;
    let rep_account = app.create_rep(own, "rep@example.org").await;
    let other_rep_account = app
        .create_rep(other_supplier, "other-rep@example.org")
        .await;
    let meeting = app
        .create_meeting(&chair_account, Some(own), "members")
        .await;
    let open_item = app.add_agenda_item(meeting, "Outage", "members").await;
    let closed_item = app.add_agenda_item(meeting, "Contract", "committee").await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(&app, &member_account).await;
    let rep = browser_of(&app, &rep_account).await;
    let other_rep = browser_of(&app, &other_rep_account).await;
    let visitor = new_client();

    let mut files = Vec::new();
    for item in [
        String::new(),
        open_item.0.to_string(),
        closed_item.0.to_string(),
    ] {
        let posted = app.upload(&chair, meeting, &item, "chart.png", png()).await;
        assert_eq!(posted.status(), StatusCode::CREATED, "item {item}");
        files.push(location(&posted));
    }
    let status = |client: &reqwest::Client, href: &String| {
        let (client, href) = (client.clone(), href.clone());
        let app = &app;
        async move { app.get_with(&client, &href).await.status() }
    };
    for (who, client, papers, open, closed) in [
        ("chair", &chair, 200, 200, 200),
        ("member", &member, 200, 200, 404),
        ("own rep", &rep, 200, 200, 404),
        ("other rep", &other_rep, 404, 404, 404),
        ("visitor", &visitor, 401, 401, 401),
    ] {
        assert_eq!(
            status(client, &files[0]).await.as_u16(),
            papers,
            "{who}: papers"
        );
        assert_eq!(
            status(client, &files[1]).await.as_u16(),
            open,
            "{who}: open item"
        );
        assert_eq!(
            status(client, &files[2]).await.as_u16(),
            closed,
            "{who}: closed item"
        );
    }
    // The meeting page lists only what the reader may open.
    let shown = app.meeting(&member, meeting).await.expect("the meeting");
    assert_eq!(shown.attachments.len(), 2);
    // A missing file answers as a hidden one.
    assert_eq!(
        status(&member, &"/attachments/999/x.png".to_owned()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(&member, &"/attachments/x/x.png".to_owned()).await,
        StatusCode::NOT_FOUND
    );

    // Only the committee attaches, to a meeting that exists and an item on its agenda.
    assert_eq!(
        app.upload(&member, meeting, "", "a.pdf", pdf())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.upload(&rep, meeting, "", "a.pdf", pdf()).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.upload(&visitor, meeting, "", "a.pdf", pdf())
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.upload(&chair, MeetingId(999), "", "a.pdf", pdf())
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let elsewhere = app.create_meeting(&chair_account, None, "public").await;
    assert_eq!(
        app.upload(&chair, elsewhere, &open_item.0.to_string(), "a.pdf", pdf())
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.upload(&chair, meeting, "twelve", "a.pdf", pdf())
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_file_written_through_one_server_is_served_by_another_sharing_the_database() {
    let first = TestApp::spawn().await;
    let url = first.database_url.clone();
    let second = TestApp::spawn_with(move |config| config.database_url = Some(url)).await;
    let chair_account = first.create_account(Role::Chair, "chair@example.org").await;
    let meeting = first.create_meeting(&chair_account, None, "public").await;
    let chair = browser_of(&first, &chair_account).await;

    let file = noise(700_000);
    let posted = first
        .upload(&chair, meeting, "", "Board pack.pdf", file.clone())
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let got = second.get(&location(&posted)).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(got.bytes().await.expect("bytes").to_vec(), file);
}

#[tokio::test]
async fn an_upload_that_never_finished_is_served_to_no_one_and_removed_later() {
    let app = TestApp::spawn().await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let meeting = app.create_meeting(&chair_account, None, "public").await;
    let long_ago = "2020-01-01T00:00:00.000000Z";
    let mut tx = app.db.begin_write().await.expect("transaction");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO attachments (meeting_id, file_name, content_type, uploaded_by, created_at) \
         VALUES ($1, 'cut.pdf', 'application/pdf', $2, $3) RETURNING id",
    )
    .bind(meeting)
    .bind(chair_account.id)
    .bind(long_ago)
    .fetch_one(&mut *tx)
    .await
    .expect("inserted");
    sqlx::query(
        "INSERT INTO attachment_chunks (attachment_id, seq, data, created_at) VALUES ($1, 0, $2, $3)",
    )
    .bind(id)
    .bind(pdf())
    .bind(long_ago)
    .execute(&mut *tx)
    .await
    .expect("inserted");
    tx.commit().await.expect("committed");
    let chair = browser_of(&app, &chair_account).await;
    assert_eq!(
        app.get_with(&chair, &format!("/attachments/{id}/cut.pdf"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let removed = watchdog::attachments::remove_abandoned(&app.db, app::clock::Clock::system())
        .await
        .expect("swept");
    assert_eq!(removed, 1);
    assert_eq!(count(&app, "attachment_chunks").await, 0);
}
