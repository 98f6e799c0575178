//! Invitations, password resets, role changes, disabling, the account page's actions and
//! the audit log, through the server functions the pages call.

use app::accounts::admin::api::{
    AuditLog, ChangeRole, GetUsersOverview, Invite, IssuePasswordReset, RevokeInvitation,
    SetAccountActive,
};
use app::accounts::api::GetCurrentUser;
use app::accounts::links::api::{GetLink, UseLink};
use app::accounts::own::api::{ChangePassword, EndOwnSession, GetOwnAccount};
use app::accounts::types::Role;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{browser_of, json, TestApp};

fn token_of(link: &Value) -> String {
    let url = link["url"].as_str().expect("url");
    url.rsplit('/').next().expect("token").to_owned()
}

async fn signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    let user = json(app.call_with(client, GetCurrentUser::PATH, &[]).await).await;
    !user.is_null()
}

#[tokio::test]
async fn an_invitation_is_accepted_once_and_the_new_account_signs_in() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;

    let link = json(
        app.call_with(
            &admin_browser,
            Invite::PATH,
            &[("email", "New.Chair@example.org"), ("role", "chair")],
        )
        .await,
    )
    .await;
    assert_eq!(link["recipient"], "New.Chair@example.org");
    let token = token_of(&link);
    let details = json(app.call(GetLink::PATH, &[("token", &token)]).await).await;
    assert_eq!(details["Invitation"]["role"], "chair");

    let accept = [
        ("token", token.as_str()),
        ("display_name", "New Chair"),
        ("password", "quiet meadow lantern"),
        ("confirm_password", "quiet meadow lantern"),
    ];
    let first = app.call(UseLink::PATH, &accept).await;
    let second = app.call(UseLink::PATH, &accept).await;

    assert!(first.status().is_success() || first.status().is_redirection());
    assert_eq!(second.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(second)
        .await
        .to_string()
        .contains("expired or has been used"));
    let response = app
        .sign_in_with("new.chair@example.org", "quiet meadow lantern")
        .await;
    assert!(response.headers().contains_key("set-cookie"));
    let user = json(app.call(GetCurrentUser::PATH, &[]).await).await;
    assert_eq!(user["role"], "chair");
    assert_eq!(user["display_name"], "New Chair");
}

/// Links are built from the address the server is configured with, never from what a
/// request's `Host` header claims.
#[tokio::test]
async fn a_link_names_this_site_whatever_the_request_says_it_is() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;
    let link = json(
        admin_browser
            .post(app.url(Invite::PATH))
            .header("host", "evil.example")
            .header("origin", "http://evil.example")
            .form(&[("email", "new.member@example.org"), ("role", "member")])
            .send()
            .await
            .expect("invited"),
    )
    .await;
    let url = link["url"].as_str().expect("url");
    assert!(url.starts_with(&format!("{}/join/", app.address)), "{url}");
}

#[tokio::test]
async fn an_invitation_can_be_revoked_by_another_administrator() {
    let app = TestApp::spawn().await;
    let inviter = app.create_account(Role::Admin, "inviter@example.org").await;
    let other = app.create_account(Role::Admin, "other@example.org").await;
    let inviter = browser_of(&app, &inviter).await;
    let other = browser_of(&app, &other).await;
    let link = json(
        app.call_with(
            &inviter,
            Invite::PATH,
            &[("email", "new.member@example.org"), ("role", "member")],
        )
        .await,
    )
    .await;
    let token = token_of(&link);
    let overview = json(app.call_with(&other, GetUsersOverview::PATH, &[]).await).await;
    let id = overview["invitations"][0]["id"]
        .as_i64()
        .expect("invitation id");
    let people = other
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("page");
    assert!(people.text().await.expect("body").contains("Revoke"));

    let revoked = app
        .call_with(&other, RevokeInvitation::PATH, &[("link", &id.to_string())])
        .await;
    assert!(revoked.status().is_success(), "{}", revoked.status());
    let again = app
        .call_with(&other, RevokeInvitation::PATH, &[("link", &id.to_string())])
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "already revoked");

    let details = json(app.call(GetLink::PATH, &[("token", &token)]).await).await;
    assert!(details.is_null(), "the link no longer works: {details}");
    let overview = json(app.call_with(&other, GetUsersOverview::PATH, &[]).await).await;
    assert_eq!(overview["invitations"], serde_json::json!([]));
    let audit = json(app.call_with(&other, AuditLog::PATH, &[]).await).await;
    assert_eq!(audit["entries"][0]["action"], "invitation_revoked");
    assert_eq!(audit["entries"][0]["detail"], "new.member@example.org");
}

#[tokio::test]
async fn accepting_checks_the_name_and_password_and_keeps_the_link_usable() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;
    let link = json(
        app.call_with(
            &admin_browser,
            Invite::PATH,
            &[("email", "member@example.org"), ("role", "member")],
        )
        .await,
    )
    .await;
    let token = token_of(&link);

    let refused = app
        .call(
            UseLink::PATH,
            &[
                ("token", &token),
                ("display_name", "  "),
                ("password", "password1234"),
                ("confirm_password", "password1234"),
            ],
        )
        .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = json(refused).await;
    let fields = &errors["Invalid"]["fields"];
    assert!(fields["display_name"].is_string(), "{errors}");
    assert!(
        fields["password"]
            .as_str()
            .unwrap_or("")
            .contains("commonly used"),
        "{errors}"
    );
    let details = json(app.call(GetLink::PATH, &[("token", &token)]).await).await;
    assert!(!details.is_null(), "the link still works");
}

#[tokio::test]
async fn inviting_refuses_bad_input_and_existing_accounts_and_needs_a_supplier_for_reps() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    app.create_supplier("Example Supplier").await;
    let admin_browser = browser_of(&app, &admin).await;

    for (form, field) in [
        (vec![("email", "nobody"), ("role", "member")], "email"),
        (vec![("email", "a@example.org"), ("role", "owner")], "role"),
        (
            vec![("email", "a@example.org"), ("role", "supplier_rep")],
            "supplier",
        ),
        (
            vec![
                ("email", "a@example.org"),
                ("role", "supplier_rep"),
                ("supplier", "999"),
            ],
            "supplier",
        ),
        (
            vec![("email", "ADMIN@example.org"), ("role", "member")],
            "email",
        ),
    ] {
        let response = app.call_with(&admin_browser, Invite::PATH, &form).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}"
        );
        let errors = json(response).await;
        assert!(
            errors["Invalid"]["fields"][field].is_string(),
            "{form:?}: {errors}"
        );
    }
    let overview = json(
        app.call_with(&admin_browser, GetUsersOverview::PATH, &[])
            .await,
    )
    .await;
    assert_eq!(overview["invitations"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_stale_role_change_is_refused_and_a_fresh_one_applies_at_the_next_request() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;
    let member_browser = browser_of(&app, &member).await;
    let id = member.id.0.to_string();

    let fresh = app
        .call_with(
            &admin_browser,
            ChangeRole::PATH,
            &[("account", &id), ("version", "1"), ("role", "chair")],
        )
        .await;
    let stale = app
        .call_with(
            &admin_browser,
            ChangeRole::PATH,
            &[("account", &id), ("version", "1"), ("role", "admin")],
        )
        .await;

    assert!(fresh.status().is_success(), "{}", fresh.status());
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(json(stale)
        .await
        .to_string()
        .contains("changed by someone else"));
    let user = json(
        app.call_with(&member_browser, GetCurrentUser::PATH, &[])
            .await,
    )
    .await;
    assert_eq!(user["role"], "chair");
}

#[tokio::test]
async fn disabling_ends_the_sessions_at_once_and_an_admin_cannot_lock_themself_out() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;
    let member_browser = browser_of(&app, &member).await;

    let disabled = app
        .call_with(
            &admin_browser,
            SetAccountActive::PATH,
            &[
                ("account", &member.id.0.to_string()),
                ("version", "1"),
                ("active", "false"),
            ],
        )
        .await;
    let self_disable = app
        .call_with(
            &admin_browser,
            SetAccountActive::PATH,
            &[
                ("account", &admin.id.0.to_string()),
                ("version", "1"),
                ("active", "false"),
            ],
        )
        .await;
    let self_demote = app
        .call_with(
            &admin_browser,
            ChangeRole::PATH,
            &[
                ("account", &admin.id.0.to_string()),
                ("version", "1"),
                ("role", "member"),
            ],
        )
        .await;

    assert!(disabled.status().is_success());
    assert!(!signed_in(&app, &member_browser).await, "thrown out");
    let again = app.sign_in(&member).await;
    assert!(
        !again.headers().contains_key("set-cookie"),
        "cannot sign in"
    );
    assert_eq!(self_disable.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(self_demote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(signed_in(&app, &admin_browser).await);
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;
    let member_browser = browser_of(&app, &member).await;

    let first = json(
        app.call_with(
            &admin_browser,
            IssuePasswordReset::PATH,
            &[("account", &member.id.0.to_string())],
        )
        .await,
    )
    .await;
    let second = json(
        app.call_with(
            &admin_browser,
            IssuePasswordReset::PATH,
            &[("account", &member.id.0.to_string())],
        )
        .await,
    )
    .await;
    let new_password = "silver thistle harbour";
    let app_ref = &app;
    let use_link = |token: String| async move {
        app_ref
            .call(
                UseLink::PATH,
                &[
                    ("token", &token),
                    ("password", new_password),
                    ("confirm_password", new_password),
                ],
            )
            .await
            .status()
    };

    assert_eq!(
        use_link(token_of(&first)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "superseded"
    );
    assert!(!use_link(token_of(&second)).await.is_client_error());
    assert!(
        !signed_in(&app, &member_browser).await,
        "old sessions ended"
    );
    let old = app.sign_in(&member).await;
    assert!(!old.headers().contains_key("set-cookie"));
    let new = app.sign_in_with(&member.email, new_password).await;
    assert!(new.headers().contains_key("set-cookie"));
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let here = browser_of(&app, &member).await;
    let elsewhere = browser_of(&app, &member).await;
    let change = |current: &'static str| {
        let here = here.clone();
        let app = &app;
        async move {
            app.call_with(
                &here,
                ChangePassword::PATH,
                &[
                    ("current_password", current),
                    ("new_password", "copper willow station"),
                    ("confirm_password", "copper willow station"),
                ],
            )
            .await
        }
    };

    let wrong = change("not my password at all").await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(wrong).await["Invalid"]["fields"]["current_password"].is_string());
    assert!(signed_in(&app, &elsewhere).await, "nothing changed yet");

    let right = change("violet kettle harbour").await;
    assert!(!right.status().is_client_error(), "{}", right.status());
    assert!(signed_in(&app, &here).await, "this session stays");
    assert!(!signed_in(&app, &elsewhere).await, "the other one ended");
    let new = app
        .sign_in_with(&member.email, "copper willow station")
        .await;
    assert!(new.headers().contains_key("set-cookie"));
}

#[tokio::test]
async fn people_see_and_end_their_own_sessions_only() {
    let app = TestApp::spawn().await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let here = browser_of(&app, &member).await;
    let elsewhere = browser_of(&app, &member).await;
    let chair_browser = browser_of(&app, &chair).await;

    let account = json(app.call_with(&here, GetOwnAccount::PATH, &[]).await).await;
    let sessions = account["sessions"].as_array().expect("sessions").clone();
    assert_eq!(sessions.len(), 2);
    let other = sessions
        .iter()
        .find(|session| session["current"] == false)
        .expect("the other session");
    let other_id = other["id"].to_string();
    let chairs = json(
        app.call_with(&chair_browser, GetOwnAccount::PATH, &[])
            .await,
    )
    .await;
    let chair_session = chairs["sessions"][0]["id"].to_string();

    app.call_with(&here, EndOwnSession::PATH, &[("session", &chair_session)])
        .await;
    app.call_with(&here, EndOwnSession::PATH, &[("session", &other_id)])
        .await;

    assert!(signed_in(&app, &chair_browser).await, "not theirs to end");
    assert!(!signed_in(&app, &elsewhere).await);
    assert!(signed_in(&app, &here).await);

    let own = sessions
        .iter()
        .find(|session| session["current"] == true)
        .expect("this session");
    let ended = app
        .call_with(
            &here,
            EndOwnSession::PATH,
            &[("session", &own["id"].to_string())],
        )
        .await;
    assert!(
        ended.headers()["set-cookie"]
            .to_str()
            .unwrap_or("")
            .contains("Max-Age=0"),
        "ending the session in use clears its cookie"
    );
    assert!(!signed_in(&app, &here).await);
}

#[tokio::test]
async fn the_audit_log_records_who_did_what_newest_first_a_page_at_a_time() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    for n in 0..55 {
        app.sign_in_with(&format!("nobody{n}@example.org"), "wrong password here")
            .await;
    }
    let admin_browser = browser_of(&app, &admin).await;
    app.call_with(
        &admin_browser,
        Invite::PATH,
        &[("email", "someone@example.org"), ("role", "member")],
    )
    .await;

    let first = json(app.call_with(&admin_browser, AuditLog::PATH, &[]).await).await;
    let entries = first["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 50);
    assert_eq!(entries[0]["action"], "invited");
    assert_eq!(entries[0]["actor_name"], "Test Administrator");
    assert_eq!(entries[1]["action"], "sign_in");
    let older = first["older"].to_string();
    let second = json(
        app.call_with(&admin_browser, AuditLog::PATH, &[("before", &older)])
            .await,
    )
    .await;
    let rest = second["entries"].as_array().expect("entries");
    // 1 account created + 55 failures + 1 sign-in + 1 invitation = 58 entries.
    assert_eq!(rest.len(), 8);
    assert!(second["older"].is_null());
    assert_eq!(rest.last().expect("oldest")["action"], "account_created");
}

#[tokio::test]
async fn the_people_page_showing_a_fresh_link_is_never_compressed() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let admin_browser = browser_of(&app, &admin).await;
    let people = || async {
        admin_browser
            .get(app.url("/admin/users"))
            .header("accept-encoding", "br, gzip")
            .send()
            .await
            .expect("page")
    };
    assert_eq!(
        people().await.headers()["content-encoding"],
        "br",
        "pages are compressed when they carry no secret"
    );

    let invited = admin_browser
        .post(app.url(Invite::PATH))
        .header("origin", &app.address)
        .header("referer", app.url("/admin/users"))
        .header("accept", "text/html")
        .form(&[("email", "new.member@example.org"), ("role", "member")])
        .send()
        .await
        .expect("invited");
    assert!(invited.status().is_redirection());
    let with_link = people().await;
    assert!(
        !with_link.headers().contains_key("content-encoding"),
        "the page with the one-time link goes out as it is"
    );
    assert!(!with_link
        .headers()
        .contains_key(app::security::UNCOMPRESSED));
    let body = with_link.text().await.expect("body");
    assert!(body.contains("/join/"), "the link is on the page");
}
