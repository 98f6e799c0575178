//! Markdown is rendered when it is written and stored beside its source; texts an older
//! renderer made are read through the current one and re-rendered in the background.

use app::issues::api::PostToIssue;
use app::{accounts::types::Role, markdown::rerender::rerender_stale};
use leptos::server_fn::ServerFn;

use crate::helpers::{browser_of, TestApp};

async fn stored(app: &TestApp, sql: &str) -> Vec<(String, i64)> {
    sqlx::query_as(sql)
        .fetch_all(app.db.reader())
        .await
        .expect("query")
}

#[tokio::test]
async fn what_is_written_is_stored_rendered_and_pages_read_it() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Systems").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let issue = app.create_issue(supplier, &member, "Blank record").await;
    let client = browser_of(&app, &member).await;
    let posted = app
        .call_with(
            &client,
            PostToIssue::PATH,
            &[
                ("issue", &issue.0.to_string()),
                ("body", "Seen **here** too, see #1."),
            ],
        )
        .await;
    assert!(posted.status().is_success(), "{}", posted.status());

    let descriptions = stored(&app, "SELECT description_html, html_renderer FROM issues").await;
    assert_eq!(
        descriptions,
        vec![(
            "<p>It happens every morning.</p>\n".to_owned(),
            app::markdown::render::VERSION
        )]
    );
    let comments = stored(
        &app,
        "SELECT body_html, html_renderer FROM issue_events WHERE kind = 'comment'",
    )
    .await;
    assert_eq!(comments.len(), 1);
    assert!(
        comments[0].0.contains("<strong>here</strong>")
            && comments[0].0.contains(r#"<a href="/issues/1">#1</a>"#),
        "{comments:?}"
    );

    // The page shows the stored HTML as it is: a marker put into it shows through.
    sqlx::query("UPDATE issues SET description_html = '<p>From the store.</p>'")
        .execute(app.db.reader())
        .await
        .expect("update");
    let page = client
        .get(app.url(&issue.href()))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("From the store."));
}

#[tokio::test]
async fn texts_an_older_renderer_made_are_read_fresh_then_rendered_again() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Systems").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let issue = app.create_issue(supplier, &member, "Blank record").await;
    app.create_comment(issue, &member, "A *second* look.").await;
    // As after the migration that added the columns, or a renderer change: stale HTML.
    for table in ["issues", "issue_events"] {
        let sql = format!(
            "UPDATE {table} SET html_renderer = 0, {} = 'stale'",
            match table {
                "issues" => "description_html",
                _ => "body_html",
            }
        );
        sqlx::query(&sql)
            .execute(app.db.reader())
            .await
            .expect("update");
    }
    let client = browser_of(&app, &member).await;
    let page = client
        .get(app.url(&issue.href()))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!page.contains("stale"), "stale HTML is never shown");
    assert!(page.contains("<em>second</em>"));

    let rendered = rerender_stale(&app.db).await.expect("re-rendered");
    // The description, the "reported" event and the comment.
    assert_eq!(rendered, 3);
    let comments = stored(
        &app,
        "SELECT body_html, html_renderer FROM issue_events WHERE kind = 'comment'",
    )
    .await;
    assert_eq!(
        comments,
        vec![(
            "<p>A <em>second</em> look.</p>\n".to_owned(),
            app::markdown::render::VERSION
        )]
    );
    assert_eq!(rerender_stale(&app.db).await.expect("nothing left"), 0);
}
