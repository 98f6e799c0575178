use crate::helpers::TestApp;

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
        .post(app.url("/api/instance_info"))
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
        .post(app.url("/api/instance_info"))
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

    let response = app.get("/api/instance_info").await;

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
