use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_answers_200_while_the_database_answers() {
    let app = TestApp::spawn().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ok\n");
    app.stop().await.expect("clean stop");
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_does_not() {
    let app = TestApp::spawn().await;
    app.db.close().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn shutdown_stops_serving_and_closes_cleanly() {
    let app = TestApp::spawn().await;
    let address = app.url("/healthz");
    assert_eq!(app.get("/healthz").await.status(), 200);

    app.stop().await.expect("clean stop");

    let after = reqwest::get(&address).await;
    assert!(after.is_err(), "server still answering after shutdown");
}
