use crate::helpers::TestApp;
use app::accounts::admin::api::GetUsersOverview;
use app::accounts::api::SignIn;
use app::accounts::own::api::Rename;
use app::instance::api::GetInstanceInfo;
use app::issues::api::{AddIssueLogNumber, GetIssue, PostToIssue, ReportIssue};
use app::markdown::api::PreviewMarkdown;
use leptos::server_fn::ServerFn;

const PAGES: &[&str] = &["/", "/no/such/page"];
const OTHER_RESPONSES: &[&str] = &["/healthz", "/favicon.svg"];

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;

    for path in PAGES.iter().chain(OTHER_RESPONSES) {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        let csp = headers["content-security-policy"].to_str().expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("base-uri 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(
            headers.get("strict-transport-security").is_none(),
            "HSTS over plain HTTP"
        );
    }
}

#[tokio::test]
async fn a_page_allows_exactly_its_own_scripts_by_nonce() {
    let app = TestApp::spawn().await;

    let response = app.get("/").await;

    let csp = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(csp.contains("object-src 'none'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src")
        .to_owned();
    assert!(nonce.len() >= 16, "nonce too short: {nonce}");
    let html = response.text().await.expect("body");
    let scripts = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(scripts > 0);
    assert!(
        with_nonce >= scripts,
        "{scripts} scripts, {with_nonce} carry the nonce"
    );
    // Every page, found or not, names the nonce its own scripts carry.
    for path in ["/sign-in", "/no-such-page", "/issues", "/join/unknown"] {
        let response = app.get(path).await;
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"))
            .to_owned();
        let html = response.text().await.expect("body");
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: the scripts do not carry the policy's nonce"
        );
    }
    // A fresh nonce per response.
    let again = app.get("/").await;
    let csp_again = again.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(!csp_again.contains(&nonce));
}

async fn post_server_function(app: &TestApp, headers: &[(&str, &str)]) -> reqwest::StatusCode {
    let mut request = app
        .client
        .post(app.url(GetInstanceInfo::PATH))
        .header("content-type", "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sent").status()
}

#[tokio::test]
async fn a_forged_cross_site_post_is_refused() {
    let app = TestApp::spawn().await;
    let own_origin = app.address.clone();

    assert_eq!(
        post_server_function(&app, &[("sec-fetch-site", "cross-site")]).await,
        403
    );
    assert_eq!(
        post_server_function(&app, &[("sec-fetch-site", "same-site")]).await,
        403
    );
    assert_eq!(
        post_server_function(&app, &[("origin", "https://evil.example")]).await,
        403
    );
    assert_eq!(post_server_function(&app, &[("origin", "null")]).await, 403);
    assert_eq!(
        post_server_function(&app, &[("referer", "https://evil.example/form.html")]).await,
        403
    );

    assert_eq!(
        post_server_function(&app, &[("sec-fetch-site", "same-origin")]).await,
        200
    );
    assert_eq!(
        post_server_function(&app, &[("origin", own_origin.as_str())]).await,
        200
    );
    let own_page = format!("{own_origin}/");
    assert_eq!(
        post_server_function(&app, &[("referer", own_page.as_str())]).await,
        200
    );
}

#[tokio::test]
async fn a_refusal_is_explained_and_carries_the_headers() {
    let app = TestApp::spawn().await;

    let response = app
        .client
        .post(app.url(GetInstanceInfo::PATH))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("sent");

    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let body = response.text().await.expect("body");
    assert!(body.contains("came from another site"), "{body}");
}

#[tokio::test]
async fn server_functions_are_not_reachable_by_get() {
    let app = TestApp::spawn().await;

    let response = app.get(GetInstanceInfo::PATH).await;

    assert_eq!(response.status(), 405);
}

#[tokio::test]
async fn behind_an_https_proxy_browsers_are_told_to_insist_on_https() {
    let app = TestApp::spawn_with(|config| {
        config.public_url = Some("https://watchdog.example.org".to_owned());
    })
    .await;

    let response = app.get("/").await;

    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=63072000; includeSubDomains"
    );
    // The proxy's public origin counts as this site even though the Host header differs.
    let status = post_server_function(&app, &[("origin", "https://watchdog.example.org")]).await;
    assert_eq!(status, 200);
}

/// Nothing personal is kept by a cache: pages and server functions answer `no-store`, static
/// files (the same for everyone) stay cacheable.
#[tokio::test]
async fn personal_answers_are_never_cached() {
    use app::accounts::types::Role;
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let admin = crate::helpers::browser_of(&app, &admin).await;
    for path in [
        "/",
        "/admin/users",
        "/account",
        "/issues",
        "/sign-in",
        "/no-such-page",
    ] {
        let response = admin.get(app.url(path)).send().await.expect("page");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let answer = app.call_with(&admin, GetUsersOverview::PATH, &[]).await;
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let csv = admin.get(app.url("/issues.csv")).send().await.expect("csv");
    assert!(csv.headers()["cache-control"]
        .to_str()
        .expect("ascii")
        .contains("no-store"));
}

/// A NUL character, which PostgreSQL cannot store, is refused wherever it is typed: in any
/// form field, a search or a URL; a clear message names the field and nothing changes.
#[tokio::test]
async fn a_nul_character_is_refused_by_name_on_every_path() {
    use app::accounts::types::Role;
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Systems").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    app.create_issue(supplier, &chair, "Blank screen").await;
    let chair = crate::helpers::browser_of(&app, &chair).await;
    let supplier = supplier.0.to_string();
    // (server function, its form, the field holding the NUL)
    type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let calls: [Call; 6] = [
        (
            ReportIssue::PATH,
            vec![
                ("title", "Blank\0 screen"),
                ("description", "It is blank."),
                ("supplier", &supplier),
            ],
            "title",
        ),
        (
            PostToIssue::PATH,
            vec![("issue", "1"), ("body", "Seen\0 here")],
            "body",
        ),
        (
            Rename::PATH,
            vec![("display_name", "Chair\0")],
            "display_name",
        ),
        (
            SignIn::PATH,
            vec![("email", "a\0@example.org"), ("password", "x")],
            "email",
        ),
        (PreviewMarkdown::PATH, vec![("text", "\0")], "text"),
        (
            AddIssueLogNumber::PATH,
            vec![("issue", "1"), ("log_number", "CS\u{0}1")],
            "log_number",
        ),
    ];
    for (path, form, field) in calls {
        let response = app.call_with(&chair, path, &form).await;
        assert_eq!(response.status(), 400, "{path}");
        let body = response.text().await.expect("body");
        assert!(
            body.contains(&format!("\u{201c}{field}\u{201d}")),
            "{path}: {body}"
        );
        assert!(body.contains("NUL"), "{path}: {body}");
    }
    // As JSON, as islands send it.
    let response = chair
        .post(app.url(PreviewMarkdown::PATH))
        .header("origin", &app.address)
        .header("content-type", "application/json")
        .body(r#"{"text":"a\u0000b"}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    // Whatever type the body claims: server functions read any body as a form.
    for content_type in ["text/plain", "application/octet-stream"] {
        let response = chair
            .post(app.url(PostToIssue::PATH))
            .header("origin", &app.address)
            .header("content-type", content_type)
            .body("issue=1&body=Seen%00here")
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 400, "{content_type}");
    }
    // A body that is not text at all is bad input, not a failure.
    let response = chair
        .post(app.url(PostToIssue::PATH))
        .header("origin", &app.address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'i', b's', b'=', 0xff, 0xfe])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    // In a URL: the list's search.
    let page = chair
        .get(app.url("/issues?q=crash%00"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 400);
    // Nothing was stored.
    let issue = crate::helpers::json(
        app.call_with(&chair, GetIssue::PATH, &[("issue", "1")])
            .await,
    )
    .await;
    assert_eq!(issue["timeline"].as_array().expect("timeline").len(), 1);
    assert_eq!(app.list_issues(&chair, &[]).await["total"], 1);
}

/// A body larger than any form needs is refused before it is read whole.
#[tokio::test]
async fn an_oversized_body_is_refused() {
    let app = TestApp::spawn().await;
    let huge = "x".repeat(watchdog::input::MAX_BODY_BYTES + 1);
    let response = app
        .call(SignIn::PATH, &[("email", &huge), ("password", "x")])
        .await;
    assert_eq!(response.status(), 413);
}
