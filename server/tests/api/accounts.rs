use app::accounts::api::{GetCurrentUser, SignIn, SignOut};
use app::accounts::types::Role;
use leptos::server_fn::ServerFn;
use sqlx::Row;

use crate::helpers::{browser_of, new_client, TestApp};

fn set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("set-cookie")
        .map(|value| value.to_str().expect("ascii").to_owned())
}

async fn current_user(app: &TestApp) -> serde_json::Value {
    app.call(GetCurrentUser::PATH, &[])
        .await
        .json()
        .await
        .expect("JSON")
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query("SELECT action FROM audit_events ORDER BY id")
        .fetch_all(app.db.reader())
        .await
        .expect("audit")
        .iter()
        .map(|row| row.try_get("action").expect("action"))
        .collect()
}

#[tokio::test]
async fn signing_in_starts_a_server_side_session_with_a_safe_cookie() {
    let app = TestApp::spawn().await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;

    let response = app.sign_in(&chair).await;

    assert!(response.status().is_success() || response.status().is_redirection());
    let cookie = set_cookie(&response).expect("a session cookie");
    assert!(cookie.starts_with("watchdog_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Max-Age"),
        "without remember me it ends with the browser"
    );
    let token = cookie["watchdog_session=".len()..]
        .split(';')
        .next()
        .expect("token");
    assert!(token.len() >= 43, "token of at least 256 bits: {token}");
    let user = current_user(&app).await;
    assert_eq!(user["display_name"], "Test Chair");
    assert_eq!(user["role"], "chair");
    let html = app.get("/").await.text().await.expect("body");
    assert!(
        html.contains("Test Chair"),
        "the header names who is signed in"
    );
    assert!(audit_actions(&app).await.contains(&"sign_in".to_owned()));
}

#[tokio::test]
async fn email_is_matched_without_regard_to_case() {
    let app = TestApp::spawn().await;
    let mut member = app.create_account(Role::Member, "Member@Example.org").await;
    member.email = "  member@EXAMPLE.org ".to_owned();

    app.sign_in(&member).await;

    assert_eq!(current_user(&app).await["role"], "member");
}

#[tokio::test]
async fn remember_me_keeps_the_session_for_thirty_days() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;

    let response = app
        .call(
            SignIn::PATH,
            &[
                ("email", &member.email),
                ("password", &member.password),
                ("remember", "on"),
            ],
        )
        .await;

    let cookie = set_cookie(&response).expect("cookie");
    assert!(cookie.contains("Max-Age=2592000"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;

    let wrong = app
        .call(
            SignIn::PATH,
            &[
                ("email", &member.email),
                ("password", "not the password at all"),
            ],
        )
        .await;
    assert!(set_cookie(&wrong).is_none());
    assert_eq!(wrong.status(), 422, "a refusal, not a server failure");
    let wrong: serde_json::Value = wrong.json().await.expect("JSON");
    let unknown: serde_json::Value = app
        .call(
            SignIn::PATH,
            &[
                ("email", "nobody@example.org"),
                ("password", "not the password at all"),
            ],
        )
        .await
        .json()
        .await
        .expect("JSON");

    assert_eq!(wrong["Invalid"]["form"], unknown["Invalid"]["form"]);
    assert_eq!(wrong["Invalid"]["fields"], unknown["Invalid"]["fields"]);
    assert_eq!(
        wrong["Invalid"]["form"],
        "That email address and password do not match an active account."
    );
    assert_eq!(wrong["Invalid"]["kept"]["email"], member.email);
    assert!(current_user(&app).await.is_null());
    let failures = audit_actions(&app)
        .await
        .iter()
        .filter(|a| *a == "sign_in_failed")
        .count();
    assert_eq!(failures, 2);
}

#[tokio::test]
async fn each_sign_in_gets_a_new_session_id() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;

    let first = set_cookie(&app.sign_in(&member).await).expect("cookie");
    let second = set_cookie(&app.sign_in(&member).await).expect("cookie");

    assert_ne!(first, second);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let cookie = set_cookie(&app.sign_in(&member).await).expect("cookie");
    let session = cookie.split(';').next().expect("pair").to_owned();

    let response = app.call(SignOut::PATH, &[]).await;

    assert!(set_cookie(&response)
        .expect("clearing cookie")
        .contains("Max-Age=0"));
    assert!(current_user(&app).await.is_null());
    // The old cookie, replayed, no longer names a session.
    let replay = reqwest::Client::new()
        .post(app.url(GetCurrentUser::PATH))
        .header("cookie", session)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        replay.json::<serde_json::Value>().await.expect("JSON"),
        serde_json::Value::Null
    );
    assert!(audit_actions(&app).await.contains(&"sign_out".to_owned()));
}

#[tokio::test]
async fn a_disabled_account_is_signed_out_at_its_next_request() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    app.sign_in(&member).await;
    assert_eq!(current_user(&app).await["role"], "member");

    let mut tx = app.db.begin_write().await.expect("begin");
    sqlx::query("UPDATE accounts SET active = 0")
        .execute(&mut *tx)
        .await
        .expect("disable");
    tx.commit().await.expect("commit");

    assert!(current_user(&app).await.is_null());
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db.reader())
        .await
        .expect("count");
    assert_eq!(sessions, 0, "the session was ended, not just ignored");
    // And it cannot sign in again.
    let response = app.sign_in(&member).await;
    assert!(set_cookie(&response).is_none());
}

#[tokio::test]
async fn without_javascript_sign_in_redirects_home_or_back_with_the_error() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;

    let refused = app
        .post_form(
            SignIn::PATH,
            "/sign-in",
            &[
                ("email", "member@example.org"),
                ("password", "wrong password here"),
                ("next", ""),
            ],
        )
        .await;
    assert_eq!(refused.status(), 302);
    let back = refused.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    // Only an opaque id rides in the redirect; why it was refused and what was typed stay on
    // the server (see refused_forms.rs).
    assert!(
        back.starts_with("/sign-in?") && back.contains("__form=") && !back.contains("__err"),
        "{back}"
    );
    assert!(!back.contains("member%40example.org"), "{back}");
    let page = app.get(&back).await.text().await.expect("body");
    assert!(
        page.contains("do not match an active account"),
        "the refusal is shown"
    );
    assert!(
        page.contains(r#"value="member@example.org""#),
        "the email is kept"
    );

    let accepted = app
        .post_form(
            SignIn::PATH,
            "/sign-in",
            &[
                ("email", &member.email),
                ("password", &member.password),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), 302);
    assert_eq!(accepted.headers()["location"], "/");
    assert!(set_cookie(&accepted).is_some());
}

#[tokio::test]
async fn sign_in_never_redirects_to_another_site() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;

    let response = app
        .post_form(
            SignIn::PATH,
            "/sign-in",
            &[
                ("email", &member.email),
                ("password", &member.password),
                ("next", "//evil.example/"),
            ],
        )
        .await;

    assert_eq!(response.headers()["location"], "/");
}

#[tokio::test]
async fn the_command_line_refuses_a_second_account_with_the_same_email_or_a_common_password() {
    let app = TestApp::spawn().await;
    app.create_account(Role::Admin, "admin@example.org").await;

    let again = watchdog::admin::create_account(
        &app.config,
        "ADMIN@example.org",
        "Other",
        Role::Admin,
        None,
        "violet kettle harbour",
    )
    .await;
    let common = watchdog::admin::create_account(
        &app.config,
        "new@example.org",
        "New",
        Role::Admin,
        None,
        "password123456",
    )
    .await;

    assert!(again
        .expect_err("duplicate")
        .to_string()
        .contains("already exists"));
    assert!(common
        .expect_err("common")
        .to_string()
        .contains("most commonly used"));
}

#[tokio::test]
async fn demo_data_loads_once_into_an_empty_database_only() {
    let app = TestApp::spawn().await;
    let banner = "Demonstration instance";
    let home = app.get("/").await.text().await.expect("home");
    assert!(!home.contains(banner), "a real instance says nothing");

    let first = watchdog::demo::load(&app.config).await.expect("loaded");
    let second = watchdog::demo::load(&app.config).await.expect("checked");

    assert_eq!(first, watchdog::demo::Loaded::Now);
    assert_eq!(second, watchdog::demo::Loaded::Already);
    for (email, role) in [
        ("admin@example.org", "admin"),
        ("chair@example.org", "chair"),
        ("member@example.org", "member"),
        ("supplier@example.org", "supplier_rep"),
    ] {
        app.sign_in_with(email, watchdog::demo::PASSWORD).await;
        let user = current_user(&app).await;
        assert_eq!(user["role"], role);
        assert_eq!(user["supplier"].is_null(), role != "supplier_rep", "{user}");
    }
    for page in ["/", "/sign-in", "/issues"] {
        let html = app.get(page).await.text().await.expect("page");
        assert!(html.contains(banner), "{page} says it is a demonstration");
    }
}

#[test]
fn demo_data_is_refused_on_an_instance_others_can_reach() {
    let local = watchdog::config::Config {
        listen: "127.0.0.1:3000".parse().expect("address"),
        ..watchdog::config::Config::default()
    };
    assert_eq!(watchdog::demo::refusal(&local), None);
    let everywhere = watchdog::config::Config {
        listen: "0.0.0.0:3000".parse().expect("address"),
        ..local.clone()
    };
    assert!(watchdog::demo::refusal(&everywhere).is_some());
    let public = watchdog::config::Config {
        public_url: Some("https://watchdog.example.org".to_owned()),
        ..local
    };
    assert!(watchdog::demo::refusal(&public)
        .expect("refused")
        .contains("https://watchdog.example.org"));
}

#[tokio::test]
async fn repeated_failures_make_the_next_try_wait_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    for _ in 0..5 {
        app.call(
            SignIn::PATH,
            &[("email", &member.email), ("password", "guess guess guess")],
        )
        .await;
    }

    let response = app.sign_in(&member).await;

    assert!(set_cookie(&response).is_none(), "signed in while throttled");
    let body: serde_json::Value = response.json().await.expect("JSON");
    let message = body["Invalid"]["form"].as_str().expect("message");
    assert!(message.starts_with("Too many failed attempts"), "{message}");
    assert!(message.ends_with("Try again in 1 minute."), "{message}");
}

/// The message a sign-in answered with, if it was refused.
async fn refusal_of(response: reqwest::Response) -> Option<String> {
    let signed_in = set_cookie(&response).is_some_and(|cookie| cookie.contains("session"));
    if signed_in {
        return None;
    }
    let body: serde_json::Value = response.json().await.expect("JSON");
    Some(
        body["Invalid"]["form"]
            .as_str()
            .expect("message")
            .to_owned(),
    )
}

#[tokio::test]
async fn a_stranger_guessing_cannot_lock_the_owner_out() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    // The owner's browser has signed in before.
    let owners = browser_of(&app, &member).await;
    let password = [
        ("email", member.email.as_str()),
        ("password", member.password.as_str()),
    ];
    let wrong = [
        ("email", member.email.as_str()),
        ("password", "guess guess guess"),
    ];

    let stranger = new_client();
    for _ in 0..8 {
        app.call_with(&stranger, SignIn::PATH, &wrong).await;
    }
    // The stranger is held back, even with the right password …
    let refused = refusal_of(app.call_with(&stranger, SignIn::PATH, &password).await).await;
    assert!(
        refused
            .as_deref()
            .is_some_and(|m| m.starts_with("Too many failed attempts")),
        "{refused:?}"
    );
    // … and so is any other browser that never signed in to the account,
    let other = refusal_of(app.call_with(&new_client(), SignIn::PATH, &password).await).await;
    assert!(other.is_some(), "a new browser counts with the stranger's");
    // but the owner's browser is not.
    let owner = refusal_of(app.call_with(&owners, SignIn::PATH, &password).await).await;
    assert_eq!(owner, None, "the owner signs in");
}

#[tokio::test]
async fn the_owners_browser_is_held_back_by_its_own_failures() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let owners = browser_of(&app, &member).await;
    let wrong = [
        ("email", member.email.as_str()),
        ("password", "guess guess guess"),
    ];
    for _ in 0..5 {
        app.call_with(&owners, SignIn::PATH, &wrong).await;
    }
    let password = [
        ("email", member.email.as_str()),
        ("password", member.password.as_str()),
    ];
    let refused = refusal_of(app.call_with(&owners, SignIn::PATH, &password).await).await;
    assert!(
        refused
            .as_deref()
            .is_some_and(|m| m.starts_with("Too many failed attempts")),
        "{refused:?}"
    );
}

/// Guesses sent at once each see the ones before them: no more than the free tries are
/// checked, however many arrive together.
#[tokio::test]
async fn parallel_guesses_cannot_slip_past_the_limit() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let mut guesses = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let (url, origin, email) = (
            app.url(SignIn::PATH),
            app.address.clone(),
            member.email.clone(),
        );
        guesses.spawn(async move {
            let response = new_client()
                .post(url)
                .header("origin", origin)
                .form(&[("email", email.as_str()), ("password", "guess guess guess")])
                .send()
                .await
                .expect("request sent");
            refusal_of(response).await
        });
    }
    let answers = guesses.join_all().await;
    let checked = answers
        .iter()
        .filter(|answer| {
            answer
                .as_deref()
                .is_some_and(|m| m.contains("do not match"))
        })
        .count();
    assert_eq!(
        checked,
        app::domain::sign_in_throttle::FREE_FAILURES + 1,
        "{answers:?}"
    );
}

#[tokio::test]
async fn an_unknown_email_is_throttled_exactly_like_a_known_one() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.call(
            SignIn::PATH,
            &[
                ("email", "nobody@example.org"),
                ("password", "guess guess guess"),
            ],
        )
        .await;
    }

    let body: serde_json::Value = app
        .call(
            SignIn::PATH,
            &[
                ("email", "NOBODY@example.org"),
                ("password", "guess guess guess"),
            ],
        )
        .await
        .json()
        .await
        .expect("JSON");

    assert!(body["Invalid"]["form"]
        .as_str()
        .expect("message")
        .starts_with("Too many failed attempts"));
}

#[tokio::test]
async fn one_address_trying_many_emails_is_stopped() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 3).await;
    for n in 0..3 {
        let email = format!("guess{n}@example.org");
        app.call(
            SignIn::PATH,
            &[("email", &email), ("password", "guess guess guess")],
        )
        .await;
    }

    let body: serde_json::Value = app
        .call(
            SignIn::PATH,
            &[
                ("email", "guess9@example.org"),
                ("password", "guess guess guess"),
            ],
        )
        .await
        .json()
        .await
        .expect("JSON");

    let message = body["Invalid"]["form"].as_str().expect("message");
    assert!(
        message.starts_with("Too many attempts to sign in from your network"),
        "{message}"
    );
}
