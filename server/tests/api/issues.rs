//! Reporting issues, log numbers, official responses and the workflow, through the server
//! functions the pages call and the pages themselves.

use app::accounts::types::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{browser_of, json, TestApp};

struct Tracker {
    app: TestApp,
    supplier: String,
    member: reqwest::Client,
    rep: reqwest::Client,
    chair: reqwest::Client,
}

async fn tracker() -> Tracker {
    let app = TestApp::spawn().await;
    let supplier = app.create_supplier("Example Systems").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    let rep = app.create_rep(supplier, "rep@example.org").await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    Tracker {
        member: browser_of(&app, &member).await,
        rep: browser_of(&app, &rep).await,
        chair: browser_of(&app, &chair).await,
        supplier: supplier.0.to_string(),
        app,
    }
}

impl Tracker {
    async fn report(&self, title: &str, log_number: &str) -> reqwest::Response {
        self.app
            .call_with(
                &self.member,
                "/api/issues/report",
                &[
                    ("title", title),
                    ("description", "The record opens **blank**. See #2."),
                    ("supplier", &self.supplier),
                    ("log_number", log_number),
                    ("patient_safety", "on"),
                ],
            )
            .await
    }

    async fn issue(&self, client: &reqwest::Client, id: &str) -> Value {
        json(
            self.app
                .call_with(client, "/api/issue", &[("issue", id)])
                .await,
        )
        .await
    }
}

#[tokio::test]
async fn a_member_reports_an_issue_that_a_log_number_then_finds() {
    let t = tracker().await;

    let response = t
        .report("Blank screen on opening a record", " cs0123456 ")
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["location"],
        "/issues/1",
        "the app goes there"
    );
    let issue = t.issue(&t.member, "1").await;
    assert_eq!(issue["title"], "Blank screen on opening a record");
    assert_eq!(issue["status"], "new");
    assert_eq!(issue["patient_safety"], true);
    assert_eq!(issue["log_numbers"][0], "CS0123456");
    assert_eq!(issue["timeline"][0]["kind"], "reported");
    let description = issue["description"].as_str().expect("html");
    assert!(
        description.contains("<strong>blank</strong>"),
        "{description}"
    );
    assert!(
        description.contains("<a href=\"/issues/2\">#2</a>"),
        "{description}"
    );
    assert_eq!(issue["viewer"]["following"], true);

    for lookup in ["/issues?q=log:CS0123456", "/issues?q=cs0123456"] {
        let page = t
            .member
            .get(t.app.url(lookup))
            .header("accept", "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(page.status(), StatusCode::FOUND, "{lookup}");
        assert_eq!(page.headers()["location"], "/issues/1", "{lookup}");
    }
}

#[tokio::test]
async fn a_log_number_is_unique_per_supplier_and_a_clash_names_the_issue() {
    let t = tracker().await;
    t.report("First report", "CS0123456").await;

    let clash = t.report("Same problem again", "cs0123456").await;

    assert_eq!(clash.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal = json(clash).await;
    assert_eq!(
        refusal["Invalid"]["fields"]["log_number"],
        "CS0123456 is already on issue #1; add to that issue instead."
    );
    assert_eq!(refusal["Invalid"]["kept"]["title"], "Same problem again");
    let listed = json(t.app.call_with(&t.member, "/api/issues", &[]).await).await;
    assert_eq!(listed["total"], 1, "nothing was filed");

    // Another supplier may use the same number for its own issue.
    let other = t.app.create_supplier("Other Systems").await.0.to_string();
    let elsewhere = t
        .app
        .call_with(
            &t.member,
            "/api/issues/report",
            &[
                ("title", "Other supplier's problem"),
                ("description", "Slow."),
                ("supplier", &other),
                ("log_number", "CS0123456"),
            ],
        )
        .await;
    assert_eq!(elsewhere.status(), StatusCode::OK);

    let added = t
        .app
        .call_with(
            &t.rep,
            "/api/issues/log_number",
            &[("issue", "2"), ("log_number", "CS0123456")],
        )
        .await;
    assert_eq!(
        added.status(),
        StatusCode::FORBIDDEN,
        "not the rep's supplier"
    );
}

#[tokio::test]
async fn bad_reports_are_refused_by_field() {
    let t = tracker().await;

    let response = t
        .app
        .call_with(
            &t.member,
            "/api/issues/report",
            &[
                ("title", " "),
                ("description", ""),
                ("supplier", "999"),
                ("log_number", "CS 01"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields = json(response).await["Invalid"]["fields"].clone();
    for field in ["title", "description", "supplier", "log_number"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
}

#[tokio::test]
async fn the_supplier_responds_and_plans_a_fix_within_the_workflow() {
    let t = tracker().await;
    t.report("Blank screen", "").await;
    let version = |issue: &Value| issue["version"].to_string();

    let response = t
        .app
        .call_with(
            &t.rep,
            "/api/issues/post",
            &[("issue", "1"), ("body", "We are looking into it.")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let issue = t.issue(&t.rep, "1").await;
    let planned = t
        .app
        .call_with(
            &t.rep,
            "/api/issues/status",
            &[
                ("issue", "1"),
                ("version", &version(&issue)),
                ("status", "fix_planned"),
                ("target", "9.21.0, Q3 2024"),
                ("note", "Fixed in the next release."),
            ],
        )
        .await;
    assert_eq!(planned.status(), StatusCode::OK);

    let issue = t.issue(&t.member, "1").await;
    assert_eq!(issue["status"], "fix_planned");
    assert_eq!(issue["target"], "9.21.0, Q3 2024");
    let kinds: Vec<&str> = issue["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .map(|entry| entry["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["reported", "official_response", "status_changed"]);
    assert_eq!(
        issue["timeline"][1]["actor_role"],
        "Supplier representative, Example Systems"
    );

    // The member may not move it; the supplier may not close it; a stale page is refused.
    let current = version(&issue);
    let member_move = t
        .app
        .call_with(
            &t.member,
            "/api/issues/status",
            &[("issue", "1"), ("version", &current), ("status", "fixed")],
        )
        .await;
    assert_eq!(member_move.status(), StatusCode::FORBIDDEN);
    let rep_close = t
        .app
        .call_with(
            &t.rep,
            "/api/issues/status",
            &[("issue", "1"), ("version", &current), ("status", "closed")],
        )
        .await;
    assert_eq!(rep_close.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stale = t
        .app
        .call_with(
            &t.chair,
            "/api/issues/status",
            &[("issue", "1"), ("version", "1"), ("status", "closed")],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(stale).await["Invalid"]["form"]
        .as_str()
        .expect("message")
        .contains("Someone changed this issue"));
    let no_target = t
        .app
        .call_with(
            &t.chair,
            "/api/issues/status",
            &[
                ("issue", "1"),
                ("version", &current),
                ("status", "investigating"),
            ],
        )
        .await;
    assert_eq!(
        no_target.status(),
        StatusCode::OK,
        "the committee may move it back"
    );
}

#[tokio::test]
async fn the_list_filters_and_a_representative_sees_only_their_suppliers_issues() {
    let t = tracker().await;
    t.report("Blank screen", "").await;
    let other = t.app.create_supplier("Other Systems").await;
    let member = t
        .app
        .create_account(Role::Member, "second@example.org")
        .await;
    t.app.create_issue(other, &member, "Printing fails").await;

    let everything = json(t.app.call_with(&t.chair, "/api/issues", &[]).await).await;
    assert_eq!(everything["total"], 2);
    let text = json(
        t.app
            .call_with(&t.chair, "/api/issues", &[("q", "PRINT")])
            .await,
    )
    .await;
    assert_eq!(text["total"], 1);
    assert_eq!(text["rows"][0]["title"], "Printing fails");
    let safety = json(
        t.app
            .call_with(&t.chair, "/api/issues", &[("safety", "1")])
            .await,
    )
    .await;
    assert_eq!(safety["rows"][0]["title"], "Blank screen");
    assert_eq!(safety["total"], 1);
    let closed = json(
        t.app
            .call_with(&t.chair, "/api/issues", &[("status", "closed")])
            .await,
    )
    .await;
    assert_eq!(closed["total"], 0);

    let for_rep = json(t.app.call_with(&t.rep, "/api/issues", &[]).await).await;
    assert_eq!(for_rep["total"], 1);
    assert_eq!(for_rep["rows"][0]["title"], "Blank screen");
    let hidden = t
        .app
        .call_with(&t.rep, "/api/issue", &[("issue", "2")])
        .await;
    assert_eq!(hidden.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_list_pages_by_keyset_through_every_issue_once() {
    let t = tracker().await;
    let supplier = app_supplier(&t);
    let member = t.app.create_account(Role::Member, "many@example.org").await;
    for n in 0..30 {
        t.app
            .create_issue(supplier, &member, &format!("Issue {n}"))
            .await;
    }
    let first = json(t.app.call_with(&t.chair, "/api/issues", &[]).await).await;
    assert_eq!(first["rows"].as_array().expect("rows").len(), 25);
    let after = first["next_after"].to_string();
    let second = json(
        t.app
            .call_with(&t.chair, "/api/issues", &[("after", &after)])
            .await,
    )
    .await;
    assert_eq!(second["rows"].as_array().expect("rows").len(), 5);
    assert!(second["next_after"].is_null());
    let mut seen: Vec<i64> = first["rows"]
        .as_array()
        .into_iter()
        .chain(second["rows"].as_array())
        .flatten()
        .map(|row| row["id"].as_i64().expect("id"))
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 30);
}

fn app_supplier(t: &Tracker) -> app::suppliers::types::SupplierId {
    app::suppliers::types::SupplierId(t.supplier.parse().expect("id"))
}
