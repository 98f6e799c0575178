//! Administering suppliers and modules through the server functions their pages call.

use app::accounts::types::Role;
use app::suppliers::api::{
    AddModule, AddSupplier, EditModule, EditSupplier, GetSupplier, GetSuppliers,
};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{browser_of, json, TestApp};

async fn admin_browser(app: &TestApp) -> reqwest::Client {
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    browser_of(app, &admin).await
}

async fn suppliers(app: &TestApp, browser: &reqwest::Client) -> Value {
    json(app.call_with(browser, GetSuppliers::PATH, &[]).await).await
}

fn supplier_form<'a>(name: &'a str, slug: &'a str, website: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("slug", slug),
        ("website", website),
        ("description", ""),
    ]
}

#[tokio::test]
async fn an_administrator_adds_a_supplier_whose_short_name_comes_from_its_name() {
    let app = TestApp::spawn().await;
    let browser = admin_browser(&app).await;

    let response = app
        .call_with(
            &browser,
            AddSupplier::PATH,
            &supplier_form("  Example Clinical Systems ", "", "https://example.org"),
        )
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    let list = suppliers(&app, &browser).await;
    assert_eq!(list[0]["name"], "Example Clinical Systems");
    assert_eq!(list[0]["slug"], "example-clinical-systems");
    assert_eq!(list[0]["website"], "https://example.org");
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let browser = admin_browser(&app).await;

    let response = app
        .call_with(
            &browser,
            AddSupplier::PATH,
            &supplier_form(" ", "Bad Slug", "javascript:alert(1)"),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal = json(response).await;
    let fields = &refusal["Invalid"]["fields"];
    assert_eq!(fields["name"], "Enter a name.");
    assert!(fields["slug"]
        .as_str()
        .expect("slug message")
        .contains("lower-case"));
    assert!(fields["website"]
        .as_str()
        .expect("website message")
        .contains("https://"));
    assert_eq!(refusal["Invalid"]["kept"]["slug"], "Bad Slug");
    assert_eq!(suppliers(&app, &browser).await, Value::Array(vec![]));
}

#[tokio::test]
async fn a_short_name_in_use_is_refused_naming_its_owner() {
    let app = TestApp::spawn().await;
    let browser = admin_browser(&app).await;
    app.create_supplier("Example Systems").await;

    let response = app
        .call_with(
            &browser,
            AddSupplier::PATH,
            &supplier_form("Example Systems Two", "example-systems", ""),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal = json(response).await;
    assert_eq!(
        refusal["Invalid"]["fields"]["slug"],
        "Example Systems already has this short name; choose another."
    );
}

#[tokio::test]
async fn an_edit_made_on_a_stale_page_is_refused() {
    let app = TestApp::spawn().await;
    let browser = admin_browser(&app).await;
    let supplier = app.create_supplier("Example Systems").await.0.to_string();
    let edit = |name: &'static str, version: &'static str| {
        let supplier = supplier.clone();
        let browser = browser.clone();
        let app = &app;
        async move {
            app.call_with(
                &browser,
                EditSupplier::PATH,
                &[
                    ("supplier", supplier.as_str()),
                    ("version", version),
                    ("name", name),
                    ("slug", "example-systems"),
                    ("website", ""),
                    ("description", "Makes the clinical system."),
                ],
            )
            .await
        }
    };

    let first = edit("Example Systems plc", "1").await;
    let second = edit("Example Systems Ltd", "1").await;

    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(second.status(), StatusCode::CONFLICT);
    assert!(json(second).await["Stale"]["form"]
        .as_str()
        .expect("message")
        .contains("changed by someone else"));
    let detail = json(
        app.call_with(&browser, GetSupplier::PATH, &[("supplier", &supplier)])
            .await,
    )
    .await;
    assert_eq!(detail["name"], "Example Systems plc");
    assert_eq!(detail["version"], 2);
}

#[tokio::test]
async fn modules_are_added_and_renamed_with_short_names_unique_per_supplier() {
    let app = TestApp::spawn().await;
    let browser = admin_browser(&app).await;
    let supplier = app.create_supplier("Example Systems").await.0.to_string();
    let other = app.create_supplier("Other Systems").await.0.to_string();
    let add = |supplier: String, name: &'static str| {
        let browser = browser.clone();
        let app = &app;
        async move {
            app.call_with(
                &browser,
                AddModule::PATH,
                &[
                    ("supplier", supplier.as_str()),
                    ("name", name),
                    ("slug", ""),
                    ("description", ""),
                ],
            )
            .await
        }
    };

    assert_eq!(
        add(supplier.clone(), "Template Manager").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        add(other.clone(), "Template Manager").await.status(),
        StatusCode::OK
    );
    let clash = add(supplier.clone(), "Template  manager").await;
    assert_eq!(clash.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json(clash).await["Invalid"]["fields"]["slug"],
        "The module Template Manager already has this short name; choose another."
    );

    let detail = json(
        app.call_with(&browser, GetSupplier::PATH, &[("supplier", &supplier)])
            .await,
    )
    .await;
    let module = detail["modules"][0]["id"].to_string();
    let renamed = app
        .call_with(
            &browser,
            EditModule::PATH,
            &[
                ("supplier", supplier.as_str()),
                ("module", module.as_str()),
                ("version", "1"),
                ("name", "Templates"),
                ("slug", "templates"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    // The module belongs to the first supplier; naming another is refused.
    let misdirected = app
        .call_with(
            &browser,
            EditModule::PATH,
            &[
                ("supplier", other.as_str()),
                ("module", module.as_str()),
                ("version", "2"),
                ("name", "Stolen"),
                ("slug", "stolen"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(misdirected.status(), StatusCode::NOT_FOUND);
    let detail = json(
        app.call_with(&browser, GetSupplier::PATH, &[("supplier", &supplier)])
            .await,
    )
    .await;
    assert_eq!(detail["modules"][0]["name"], "Templates");
}
