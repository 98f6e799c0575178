//! What the issues list keeps instead of reading it afresh on each request: the counts of
//! its usual views (migration 0008) and the supplier and module names (held in memory,
//! migration 0009). Both must stay exactly true, whatever changes and whichever server
//! process changes it.

use app::accounts::types::Role;
use app::issues::api::{ChangeIssueStatus, EditIssue, MergeIssue};
use leptos::server_fn::ServerFn;

use crate::helpers::{browser_of, TestApp};

type CountRow = (i64, i64, String, i64, i64);

/// The kept counts, and the same counted from the issues, without the rows at zero.
async fn kept_and_counted(app: &TestApp) -> (Vec<CountRow>, Vec<CountRow>) {
    let kept: Vec<CountRow> = sqlx::query_as(
        "SELECT supplier_id, module_id, status, patient_safety, issues FROM issue_counts \
         WHERE issues <> 0 ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("kept");
    let counted: Vec<CountRow> = sqlx::query_as(
        "SELECT supplier_id, COALESCE(module_id, 0), status, patient_safety, COUNT(*) \
         FROM issues GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("counted");
    (kept, counted)
}

#[tokio::test]
async fn the_kept_counts_follow_every_change_to_the_issues() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Systems").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let chair_client = browser_of(&app, &chair).await;
    for title in ["One", "Two", "Three", "Four"] {
        app.create_issue(supplier, &member, title).await;
    }
    let (kept, counted) = kept_and_counted(&app).await;
    assert_eq!(kept, counted);
    assert_eq!(kept.iter().map(|row| row.4).sum::<i64>(), 4);

    // A status change, a merge and an edit of the safety flag each move a count.
    let call = |path: &'static str, form: Vec<(&'static str, &'static str)>| {
        let (app, client) = (&app, &chair_client);
        async move {
            let response = app.call_with(client, path, &form).await;
            assert!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
        }
    };
    call(
        ChangeIssueStatus::PATH,
        vec![("issue", "1"), ("version", "1"), ("status", "logged")],
    )
    .await;
    call(
        MergeIssue::PATH,
        vec![("issue", "2"), ("version", "1"), ("into", "3")],
    )
    .await;
    call(
        EditIssue::PATH,
        vec![
            ("issue", "4"),
            ("version", "1"),
            ("title", "Four"),
            ("description", "It happens every morning."),
            ("patient_safety", "on"),
        ],
    )
    .await;
    let (kept, counted) = kept_and_counted(&app).await;
    assert_eq!(kept, counted);
    let statuses: Vec<(&str, i64, i64)> = kept
        .iter()
        .map(|row| (row.2.as_str(), row.3, row.4))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("duplicate", 0, 1),
            ("logged", 0, 1),
            ("new", 0, 1),
            ("new", 1, 1)
        ]
    );

    // And the list's count is the kept one.
    let page = chair_client
        .get(app.url("/issues"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(page.contains("3 issues match."), "open: 1, 3 and 4");
}

#[tokio::test]
async fn a_name_changed_through_another_server_shows_at_once() {
    let first = TestApp::spawn().await;
    let supplier = first.create_supplier("Example Systems").await;
    let member = first
        .create_account(Role::Member, "member@example.org")
        .await;
    first.create_issue(supplier, &member, "Blank record").await;
    // A second server process on the same database, with its own memory.
    let database_url = first.database_url.clone();
    let second = TestApp::spawn_with(|config| config.database_url = Some(database_url)).await;

    let reader = browser_of(&first, &member).await;
    let list = |app: &TestApp| {
        let (url, reader) = (app.url("/issues"), reader.clone());
        async move {
            reader
                .get(url)
                .send()
                .await
                .expect("list")
                .text()
                .await
                .expect("body")
        }
    };
    assert!(list(&first).await.contains("Example Systems"));

    sqlx::query("UPDATE suppliers SET name = 'Renamed Systems' WHERE id = $1")
        .bind(supplier.0)
        .execute(second.db.reader())
        .await
        .expect("renamed");
    let page = list(&first).await;
    assert!(page.contains("Renamed Systems"), "the first server sees it");
    assert!(!page.contains("Example Systems"));
}

/// The ids of every page of `/api/issues` with `form`, walked by its keyset, and the total
/// the first page gave.
async fn walk(app: &TestApp, client: &reqwest::Client, form: &[(&str, &str)]) -> (Vec<i64>, i64) {
    let (mut seen, mut after, mut total) = (Vec::new(), None::<String>, None);
    loop {
        let mut page_form = form.to_vec();
        if let Some(after) = &after {
            page_form.push(("after", after));
        }
        let page = app.list_issues(client, &page_form).await;
        total.get_or_insert(page["total"].as_i64().expect("total"));
        seen.extend(
            page["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .map(|row| row["id"].as_i64().expect("id")),
        );
        match page["next_after"].as_i64() {
            Some(next) => after = Some(next.to_string()),
            None => break,
        }
    }
    (seen, total.unwrap_or_default())
}

#[tokio::test]
async fn a_text_search_is_held_until_an_issue_changes_and_pages_as_the_list_does() {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Systems").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    for n in 0..40 {
        let title = if n % 4 == 0 {
            format!("Printer jams on letter {n}")
        } else {
            format!("Record {n} opens blank")
        };
        app.create_issue(supplier, &member, &title).await;
    }
    let client = browser_of(&app, &member).await;

    for sort in ["updated", "created", "affects", "awaiting"] {
        // Held (the shared view of a text) against the same walk without holding (the
        // member's own issues are not a shared view): the same issues in the same order.
        let (held, total) = walk(&app, &client, &[("q", "blank"), ("sort", sort)]).await;
        let (fresh, _) = walk(
            &app,
            &client,
            &[("q", "blank"), ("sort", sort), ("mine", "1")],
        )
        .await;
        assert_eq!(total, 30, "{sort}");
        assert_eq!(held.len(), 30, "{sort}: two pages, every match once");
        assert_eq!(held, fresh, "{sort}");
    }

    // An issue that changes to match shows at once, at the top of the list.
    let (before, _) = walk(&app, &client, &[("q", "printer")]).await;
    assert_eq!(before.len(), 10);
    app.create_comment(app::issues::types::IssueId(2), &member, "Also a printer.")
        .await;
    let (unchanged, _) = walk(&app, &client, &[("q", "printer")]).await;
    assert_eq!(unchanged.len(), 10, "a comment is not the issue's text");
    sqlx::query(
        "UPDATE issues SET title = 'Printer offline', search_text = 'printer offline' WHERE id = 2",
    )
    .execute(app.db.reader())
    .await
    .expect("retitled");
    let (after, total) = walk(&app, &client, &[("q", "printer")]).await;
    assert_eq!(total, 11);
    assert!(after.contains(&2));
}

#[tokio::test]
async fn a_search_held_by_one_server_follows_a_change_made_through_another() {
    let first = TestApp::spawn().await;
    let supplier = first.create_supplier("Example Systems").await;
    let member = first
        .create_account(Role::Member, "member@example.org")
        .await;
    first.create_issue(supplier, &member, "Blank record").await;
    first.create_issue(supplier, &member, "Slow start").await;
    let database_url = first.database_url.clone();
    let second = TestApp::spawn_with(|config| config.database_url = Some(database_url)).await;
    let reader = browser_of(&first, &member).await;
    let writer = browser_of(&second, &member).await;

    assert_eq!(walk(&first, &reader, &[("q", "blank")]).await.0, vec![1]);
    let edited = second
        .call_with(
            &writer,
            EditIssue::PATH,
            &[
                ("issue", "2"),
                ("version", "1"),
                ("title", "Slow start, then a blank record"),
                ("description", "It happens every morning."),
            ],
        )
        .await;
    assert!(edited.status().is_success(), "{}", edited.status());
    assert_eq!(walk(&first, &reader, &[("q", "blank")]).await.0, vec![2, 1]);
}
