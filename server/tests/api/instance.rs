//! The instance settings: administrators change them through the settings page's server
//! functions, each change is recorded, and pages follow them (the name, the time zone).

use app::{
    accounts::types::Role, domain::local_time::Zone, error::AppError, instance::types::Setting,
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, SettingsForm, TestApp};

#[tokio::test]
async fn an_administrator_changes_the_settings_and_each_change_is_recorded() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let browser = browser_of(&app, &admin).await;
    let before = app.instance_info().await;
    assert_eq!(before.time_zone, "Europe/London");

    let saved = app
        .save_instance_settings(
            &browser,
            SettingsForm {
                version: before.version,
                name: "  Northshire Practice Systems User Group ",
                description: &before.description,
                time_zone: "America/New_York",
                quarter_scheme: "uk_financial",
            },
        )
        .await;

    assert_eq!(saved, Ok(()));
    let after = app.instance_info().await;
    assert_eq!(after.name, "Northshire Practice Systems User Group");
    assert_eq!(after.time_zone, "America/New_York");
    assert_eq!(
        after.quarter_scheme(),
        app::domain::timeframe::QuarterScheme::UkFinancial
    );
    assert_eq!(after.version, before.version + 1);
    let view = app.instance_settings(&browser).await.expect("settings");
    let changes: Vec<_> = view
        .changes
        .iter()
        .map(|change| (change.setting, change.old.as_str(), change.new.as_str()))
        .collect();
    // Newest first; the introduction did not change, so it has no entry.
    assert_eq!(
        changes,
        [
            (Setting::QuarterScheme, "calendar", "uk_financial"),
            (Setting::TimeZone, "Europe/London", "America/New_York"),
            (
                Setting::Name,
                "Watchdog",
                "Northshire Practice Systems User Group"
            ),
        ]
    );
    assert!(view
        .changes
        .iter()
        .all(|change| change.by.as_deref() == Some("Test Administrator")));

    let page = app.get_with(&browser, "/admin/settings").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(
        html.contains(r#"<option value="America/New_York" selected"#),
        "{html}"
    );
    assert!(html.contains("<td data-label=\"Was\">Europe/London</td>"));
    let home = app.get("/").await.text().await.expect("page");
    assert!(home.contains("Northshire Practice Systems User Group"));
}

#[tokio::test]
async fn bad_values_are_refused_by_their_fields_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let browser = browser_of(&app, &admin).await;
    let before = app.instance_info().await;

    let refused = app
        .save_instance_settings(
            &browser,
            SettingsForm {
                version: before.version,
                name: " ",
                description: "",
                time_zone: "Europe/Atlantis",
                quarter_scheme: "calendar",
            },
        )
        .await;

    let Err((StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(errors))) = refused else {
        panic!("not refused as invalid: {refused:?}");
    };
    assert_eq!(
        errors.fields["name"],
        "Enter the name the instance goes by."
    );
    assert_eq!(
        errors.fields["time_zone"],
        "Choose a time zone from the list."
    );
    assert_eq!(errors.kept["time_zone"], "Europe/Atlantis");
    assert_eq!(app.instance_info().await, before);
    let view = app.instance_settings(&browser).await.expect("settings");
    assert!(view.changes.is_empty());
}

#[tokio::test]
async fn a_save_from_an_older_page_is_refused_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let browser = browser_of(&app, &admin).await;
    let loaded = app.instance_info().await;
    let form = |name| SettingsForm {
        version: loaded.version,
        name,
        description: "",
        time_zone: "Europe/London",
        quarter_scheme: "calendar",
    };
    assert_eq!(
        app.save_instance_settings(&browser, form("First Group"))
            .await,
        Ok(())
    );

    let second = app
        .save_instance_settings(&browser, form("Second Group"))
        .await;

    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = second else {
        panic!("not refused as stale: {second:?}");
    };
    assert_eq!(errors.kept["name"], "Second Group");
    assert!(errors
        .form
        .expect("a message")
        .contains("Someone else saved"));
    assert_eq!(app.instance_info().await.name, "First Group");
}

#[tokio::test]
async fn pages_show_times_in_the_instance_time_zone() {
    let app = TestApp::spawn().await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let supplier = app.create_supplier("Example Clinical Systems").await;
    let issue = app.create_issue(supplier, &chair, "Slow start-up").await;
    app.create_comment(issue, &chair, "Still slow.").await;
    let reader = browser_of(&app, &chair).await;
    let page = format!("/issues/{}", issue.0);
    let html = app
        .get_with(&reader, &page)
        .await
        .text()
        .await
        .expect("page");
    // The comment's time as stored, from its <time datetime=…>.
    let stored = html
        .split(r#"<time datetime=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a timeline time");
    let at = chrono::DateTime::parse_from_rfc3339(stored)
        .expect("RFC 3339")
        .with_timezone(&chrono::Utc);
    let tokyo = Zone::parse("Asia/Tokyo").expect("zone");
    assert!(html.contains(&Zone::default().date_time(at)));
    assert!(!html.contains(&tokyo.date_time(at)));

    let loaded = app.instance_info().await;
    let admin_browser = browser_of(&app, &admin).await;
    app.save_instance_settings(
        &admin_browser,
        SettingsForm {
            version: loaded.version,
            name: &loaded.name,
            description: &loaded.description,
            time_zone: "Asia/Tokyo",
            quarter_scheme: "calendar",
        },
    )
    .await
    .expect("saved");

    let html = app
        .get_with(&reader, &page)
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains(&tokyo.date_time(at)), "{html}");
    assert!(!html.contains(&Zone::default().date_time(at)));
}

#[tokio::test]
async fn only_a_demo_instance_may_run_on_another_day() {
    let first = TestApp::spawn().await;
    let mut config = first.config.clone();
    config.listen = "127.0.0.1:0".parse().expect("address");
    config.demo_today = chrono::NaiveDate::from_ymd_opt(2023, 9, 1);
    let refused = watchdog::startup::Application::build(&config)
        .await
        .err()
        .expect("a demo day on an instance without the demo is refused");
    assert!(refused.to_string().contains("demo_today"), "{refused}");

    let demo = TestApp::spawn_on(chrono::NaiveDate::from_ymd_opt(2023, 9, 1).expect("date")).await;
    let admin = demo.create_account(Role::Admin, "admin@example.org").await;
    let browser = browser_of(&demo, &admin).await;
    let settings = demo.instance_settings(&browser).await.expect("settings");
    let day = settings.now.date_naive();
    assert!(
        day.to_string() == "2023-09-01" || day.to_string() == "2023-09-02",
        "the demo's clock reads {day}"
    );
}
