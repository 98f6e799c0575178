use crate::helpers::TestApp;
use app::instance::api::GetInstanceInfo;
use leptos::server_fn::ServerFn;

#[tokio::test]
async fn home_page_is_server_rendered_with_the_instance_introduction() {
    let app = TestApp::spawn().await;

    let response = app.get("/").await;

    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = response.text().await.expect("body");
    assert!(
        html.contains(r#"<html lang="en-GB""#),
        "language not declared"
    );
    assert!(
        html.contains("<h1>Watchdog</h1>"),
        "instance name missing:\n{html}"
    );
    assert!(html.contains("the problems members reported to the supplier"));
    assert!(
        html.contains(r#"<nav aria-label="Main" class="site-nav">"#),
        "navigation missing"
    );
    assert!(html.contains(r#"<main id="main""#));
    assert!(
        html.contains("/pkg/watchdog.js"),
        "hydration script missing"
    );
}

#[tokio::test]
async fn home_page_reads_the_instance_settings_from_the_database() {
    let app = TestApp::spawn().await;
    let mut tx = app.db.begin_write().await.expect("begin");
    sqlx::query("UPDATE instance_settings SET name = $1 WHERE id = 1")
        .bind("Northshire Practice Systems User Group")
        .execute(&mut *tx)
        .await
        .expect("update");
    tx.commit().await.expect("commit");

    let html = app.get("/").await.text().await.expect("body");

    assert!(html.contains("<h1>Northshire Practice Systems User Group</h1>"));
}

#[tokio::test]
async fn an_unknown_path_gets_a_friendly_404_page() {
    let app = TestApp::spawn().await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("body");
    assert!(html.contains("Page not found"));
    assert!(html.contains(r#"<a href="/">Go to the home page</a>"#));
}

#[tokio::test]
async fn the_instance_server_function_answers_json() {
    let app = TestApp::spawn().await;

    let response = app
        .client
        .post(app.url(GetInstanceInfo::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("sent");

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["name"], "Watchdog");
}

#[tokio::test]
async fn a_page_whose_data_fails_shows_a_friendly_error_with_status_500() {
    let app = TestApp::spawn().await;
    app.db.close().await;

    let response = app.get("/").await;

    assert_eq!(response.status(), 500);
    let html = response.text().await.expect("body");
    assert!(html.contains("Something went wrong"), "{html}");
    assert!(html.contains("Nothing you saved has been lost"));
    assert!(!html.contains("pool"), "internal detail leaked: {html}");
}

/// Pages rendered side by side must each finish: Leptos' server rendering once raced when
/// several requests waited on resources at once (a panic mid-page, the response never
/// completed). Many clients, on a multi-threaded runtime as in production.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_rendered_side_by_side_all_finish() {
    let app = TestApp::spawn().await;
    watchdog::demo::load(&app.config).await.expect("demo data");
    let browser = crate::helpers::demo_member(&app).await;

    let mut clients = Vec::new();
    for client in 0..8 {
        let (browser, base) = (browser.clone(), app.url(""));
        clients.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            for n in 0..100 {
                let path =
                    ["/", "/issues", "/issues/1", "/issues?q=letters&status=all"][(client + n) % 4];
                let sent = browser
                    .get(format!("{base}{path}"))
                    .header("accept", "text/html")
                    .timeout(std::time::Duration::from_secs(30))
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status() == 200 => {
                        let html = response.text().await.unwrap_or_default();
                        if !(html.contains("</footer>") && html.contains("</html>")) {
                            failures.push(format!("{path}: page cut short"));
                        }
                    }
                    Ok(response) => failures.push(format!("{path}: {}", response.status())),
                    Err(error) => failures.push(format!("{path}: {error}")),
                }
            }
            failures
        }));
    }
    let mut failures = Vec::new();
    for client in clients {
        failures.extend(client.await.expect("client"));
    }
    assert!(
        failures.is_empty(),
        "{} failed: {failures:?}",
        failures.len()
    );
}

#[tokio::test]
async fn a_page_keeps_its_headers_while_a_site_file_is_served_beside_it() {
    use app::{
        accounts::types::Role,
        issues::{store, types::LogNumber},
        markdown::Markdown,
    };
    use futures::future::join_all;

    let site = tempfile::tempdir().expect("site folder");
    std::fs::write(site.path().join("favicon.svg"), "<svg/>").expect("favicon");
    let site_root = site.path().to_path_buf();
    let app = TestApp::spawn_with(|config| config.site_root = Some(site_root)).await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let mut tx = app.db.begin_write().await.expect("transaction");
    let description = Markdown::render("Blank screen.");
    let number = LogNumber::parse("CS0123456").expect("log number");
    let issue = store::NewIssue {
        title: "Blank screen on opening a record",
        description: &description,
        supplier,
        module: None,
        patient_safety: false,
        reporter: chair.id,
        log_number: Some(&number),
    };
    store::create(&mut tx, issue, chrono::Utc::now())
        .await
        .expect("issue");
    tx.commit().await.expect("committed");
    let browser = crate::helpers::browser_of(&app, &chair).await;

    // A log number sought in the list sends the reader to its issue: a 303 whose Location the
    // page sets while it renders. Site files requested meanwhile, on the same worker thread
    // (this test's runtime has one), must not take it.
    let pages = (0..20).map(|_| async {
        let page = app.get_with(&browser, "/issues?q=cs0123456").await;
        (page.status(), page.headers().get("location").cloned())
    });
    let files = (0..20).map(|_| async {
        let file = app.get("/favicon.svg").await;
        (file.status(), file.headers().get("location").cloned())
    });
    let (pages, files) = tokio::join!(join_all(pages), join_all(files));

    for (status, location) in pages {
        assert_eq!(status, 303);
        assert_eq!(location.expect("a Location"), "/issues/1");
    }
    for (status, location) in files {
        assert_eq!(status, 200);
        assert_eq!(location, None);
    }
}
