//! The chase policy: the committee changes it on its own page, in the instance settings
//! store, so each change is recorded; bad values are refused by their fields and change
//! nothing; a save from an older page is refused with what was typed kept.

use app::{
    accounts::types::Role,
    error::AppError,
    instance::{
        api::{GetChasePolicy, SaveChasePolicy},
        types::Setting,
    },
};
use chrono::NaiveTime;
use reqwest::StatusCode;

use crate::helpers::{browser_of, field_error, TestApp};

fn form(version: i64, repeat: &str, quiet_from: &str) -> Vec<(&'static str, String)> {
    vec![
        ("version", version.to_string()),
        ("chase_first_after_days", "2".to_owned()),
        ("chase_due_soon_days", "7".to_owned()),
        ("chase_repeat_days", repeat.to_owned()),
        ("chase_escalate_after", "3".to_owned()),
        ("chase_issue_days", "14".to_owned()),
        ("chase_quiet_from", quiet_from.to_owned()),
        ("chase_quiet_until", "08:00".to_owned()),
        ("chase_skip_weekends", "no".to_owned()),
        ("chase_skip_bank_holidays", "yes".to_owned()),
    ]
}

#[tokio::test]
async fn the_committee_changes_the_chase_policy_and_each_change_is_recorded() {
    let app = TestApp::spawn().await;
    let chair = browser_of(
        &app,
        &app.create_account(Role::Chair, "chair@example.org").await,
    )
    .await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let save = |client: reqwest::Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
            app.call_fn::<SaveChasePolicy>(&client, &form).await
        }
    };

    let before = app
        .call_fn::<GetChasePolicy>(&chair, &[])
        .await
        .expect("the policy");
    let policy = before.settings.chase_policy();
    assert_eq!((policy.first_after_days, policy.repeat_days), (1, 14));
    assert!(before.changes.is_empty());
    assert!(!before.bank_holidays.is_empty());
    let version = before.settings.version;

    // Bad values are refused by their fields, and nothing changes.
    let refused = save(chair.clone(), form(version, "0", "18:00")).await;
    assert_eq!(
        field_error(refused, "chase_repeat_days"),
        "Give a number of days from 1 to 365."
    );
    let refused = save(chair.clone(), form(version, "21", "six o'clock")).await;
    assert_eq!(
        field_error(refused, "chase_quiet_from"),
        "Give a time of day, such as 18:00."
    );
    // A member may not change it.
    let refused = save(member.clone(), form(version, "21", "19:30")).await;
    assert!(
        matches!(refused, Err((StatusCode::FORBIDDEN, AppError::Forbidden))),
        "{refused:?}"
    );

    save(chair.clone(), form(version, "21", "19:30"))
        .await
        .expect("saved");
    let after = app
        .call_fn::<GetChasePolicy>(&chair, &[])
        .await
        .expect("the policy");
    let policy = after.settings.chase_policy();
    assert_eq!(
        (
            policy.first_after_days,
            policy.repeat_days,
            policy.escalate_after
        ),
        (2, 21, 3)
    );
    assert_eq!(
        policy.quiet_from,
        NaiveTime::from_hms_opt(19, 30, 0).expect("a time")
    );
    assert!(!policy.skip_weekends && policy.skip_bank_holidays);
    let changes: Vec<_> = after
        .changes
        .iter()
        .map(|change| (change.setting, change.old.as_str(), change.new.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            (Setting::ChaseSkipWeekends, "yes", "no"),
            (Setting::ChaseQuietFrom, "18:00", "19:30"),
            (Setting::ChaseRepeatDays, "14", "21"),
            (Setting::ChaseFirstAfterDays, "1", "2"),
        ]
    );

    // The form it was opened from is stale now.
    let stale = save(chair.clone(), form(version, "28", "19:30")).await;
    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = stale else {
        panic!("not refused as stale: {stale:?}");
    };
    assert_eq!(errors.kept["chase_repeat_days"], "28");

    let page = app.get_with(&chair, "/chases/policy").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(html.contains("Email waits over weekends"), "{html}");
    assert!(html.contains("<td data-label=\"Now\">No</td>"), "{html}");
}
