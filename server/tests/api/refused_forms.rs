//! A refused form comes back to its page with only an opaque id in the URL: shown there once,
//! never on another page, and never from a crafted link.

use app::accounts::admin::api::{ChangeRole, Invite, SetAccountActive};
use app::accounts::api::SignIn;
use app::accounts::links::api::UseLink;
use app::accounts::own::api::{ChangePassword, Rename};
use app::accounts::types::Role;
use app::issues::api::{
    AddIssueLogNumber, ChangeIssueStatus, EditIssue, MergeIssue, PostToIssue, ReportIssue,
};
use app::suppliers::api::{AddModule, AddSupplier, EditSupplier};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use leptos::server_fn::ServerFn;

use crate::helpers::{browser_of, new_client, TestApp};

/// Posts a sign-in that is refused, from `page`, and returns where the browser is sent.
async fn refused_sign_in(app: &TestApp, page: &str) -> String {
    let refused = app
        .post_form(
            SignIn::PATH,
            page,
            &[
                ("email", "someone@example.org"),
                ("password", "not the password at all"),
                ("next", ""),
            ],
        )
        .await;
    assert_eq!(refused.status(), 302);
    refused.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned()
}

const REFUSAL: &str = "do not match an active account";

#[tokio::test]
async fn a_refusal_is_shown_once_on_the_page_it_came_from() {
    let app = TestApp::spawn().await;
    let back = refused_sign_in(&app, "/sign-in").await;

    let page = app.get(&back).await.text().await.expect("body");
    assert!(page.contains(REFUSAL), "shown on its page");
    assert!(
        page.contains(r#"value="someone@example.org""#),
        "what was typed is kept"
    );

    let again = app.get(&back).await.text().await.expect("body");
    assert!(!again.contains(REFUSAL), "taken once");
    assert!(!again.contains("someone@example.org"));
}

#[tokio::test]
async fn a_refusal_is_not_shown_on_another_page() {
    let app = TestApp::spawn().await;
    let back = refused_sign_in(&app, "/sign-in").await;
    let id = back.split("__form=").nth(1).expect("an id");

    // The same id on another page that has the same form (the header's sign-in link does
    // not, but the sign-in page with another path would): nothing.
    let elsewhere = app
        .get(&format!("/sign-in/?__form={id}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(!elsewhere.contains(REFUSAL));
    // And the id was spent by that look: the right page no longer shows it either.
    let page = app.get(&back).await.text().await.expect("body");
    assert!(!page.contains(REFUSAL));
}

#[tokio::test]
async fn a_crafted_link_shows_nothing() {
    let app = TestApp::spawn().await;
    // The error encoding server_fn once read from the URL: a made-up refusal.
    let forged = "/sign-in?__path=%2Fapi%2Fsign_in&__err=eyJJbnZhbGlkIjp7ImZvcm0iOiJZb3VyIGFjY291bnQgaXMgbG9ja2VkLiBDYWxsIDAxMjMgNDU2Nzg5LiIsImZpZWxkcyI6e30sImtlcHQiOnt9fX0";
    let page = app.get(forged).await.text().await.expect("body");
    assert!(!page.contains("Your account is locked"), "{page}");
    // An id that was never issued.
    let page = app
        .get("/sign-in?__form=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(page.status(), 200);
    assert!(!page.text().await.expect("body").contains(REFUSAL));
}

#[tokio::test]
async fn a_long_text_never_rides_in_the_redirect() {
    let app = TestApp::spawn().await;
    let long = "x".repeat(150 * 1024);
    let refused = app
        .post_form(
            SignIn::PATH,
            "/sign-in",
            &[("email", &long), ("password", "short"), ("next", "")],
        )
        .await;
    let back = refused.headers()["location"].to_str().expect("ascii");
    assert!(back.len() < 100, "{} bytes", back.len());
}

#[tokio::test]
async fn a_refusal_shows_only_in_the_browser_that_posted_it() {
    let app = TestApp::spawn().await;
    let back = refused_sign_in(&app, "/sign-in").await;

    // Someone else given the link (say, by its poster, to put words in their form) sees a
    // plain page, and the link stays good for its own browser.
    let other = new_client();
    let page = other
        .get(app.url(&back))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!page.contains(REFUSAL));
    assert!(!page.contains("someone@example.org"));
    let own = app.get(&back).await.text().await.expect("body");
    assert!(
        own.contains(REFUSAL),
        "still there for the browser that posted it"
    );
}

/// Every page with a form, as someone who sees that form, with the server function each of
/// its forms posts to: a link crafted to put words in any of them shows nothing.
#[tokio::test]
async fn a_crafted_link_shows_nothing_on_any_page_with_a_form() {
    const FORGED: &str = "Forged: your account is locked, call 0123 456789";
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let supplier = app.create_supplier("Example Systems").await;
    app.create_issue(supplier, &chair, "Blank screen").await;
    let (admin, chair, anonymous) = (
        browser_of(&app, &admin).await,
        browser_of(&app, &chair).await,
        new_client(),
    );
    let supplier_page = format!("/admin/suppliers/{}", supplier.0);
    let pages: [(&reqwest::Client, &str, &[&str]); 8] = [
        (&anonymous, "/sign-in", &[SignIn::PATH]),
        (&chair, "/issues/new", &[ReportIssue::PATH]),
        (
            &chair,
            "/issues/1",
            &[
                PostToIssue::PATH,
                ChangeIssueStatus::PATH,
                AddIssueLogNumber::PATH,
                MergeIssue::PATH,
                EditIssue::PATH,
            ],
        ),
        (&chair, "/account", &[Rename::PATH, ChangePassword::PATH]),
        (
            &admin,
            "/admin/users",
            &[Invite::PATH, ChangeRole::PATH, SetAccountActive::PATH],
        ),
        (&admin, "/admin/suppliers", &[AddSupplier::PATH]),
        (
            &admin,
            &supplier_page,
            &[EditSupplier::PATH, AddModule::PATH],
        ),
        (&anonymous, "/join/not-a-real-token", &[UseLink::PATH]),
    ];
    for (browser, page, actions) in pages {
        for action in actions {
            let refusal = format!(
                r#"{{"Invalid":{{"form":"{FORGED}","fields":{{"email":"{FORGED}","body":"{FORGED}"}},"kept":{{"body":"{FORGED}","title":"{FORGED}","email":"{FORGED}"}}}}}}"#
            );
            let crafted = format!(
                "{page}?__path={}&__err={}&__form=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                form_urlencoded::byte_serialize(action.as_bytes()).collect::<String>(),
                URL_SAFE_NO_PAD.encode(refusal)
            );
            let response = browser.get(app.url(&crafted)).send().await.expect("page");
            assert!(
                response.status().is_success() || response.status() == 404,
                "{crafted}: {}",
                response.status()
            );
            let body = response.text().await.expect("body");
            if let Some(at) = body.find("Forged") {
                panic!(
                    "{crafted} shows the forged text: …{}…",
                    &body[at.saturating_sub(300)..(at + 100).min(body.len())]
                );
            }
        }
    }
}
