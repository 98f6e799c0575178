//! Server functions for the instance's settings: read by every page (public), edited by
//! administrators with each change recorded; the chase policy among them, which the
//! committee changes on its own page.

// A server function takes its form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{chase::ENGLAND_AND_WALES, permissions::Permission},
    error::FormErrors,
    guard,
    instance::{store, types::Setting},
};
use crate::{
    error::AppError,
    instance::types::{ChasePolicyView, InstanceInfo, SettingsView},
};

/// How many changes the settings page lists.
#[cfg(feature = "ssr")]
const CHANGES_SHOWN: i64 = 100;

/// Public: visitors may read how the instance introduces itself and its time zone.
#[server(prefix = "/api", endpoint = "instance_info")]
pub async fn get_instance_info() -> Result<InstanceInfo, AppError> {
    let db = crate::db::use_db()?;
    Ok(store::settings(&db).await?.as_ref().clone())
}

/// Administrators: the settings and their latest changes.
#[server(prefix = "/api", endpoint = "admin/settings")]
pub async fn get_instance_settings() -> Result<SettingsView, AppError> {
    guard::require(Permission::ManageInstance)?;
    let db = crate::db::use_db()?;
    let settings = store::settings(&db).await?.as_ref().clone();
    let changes = store::changes(&db, CHANGES_SHOWN).await?;
    Ok(SettingsView {
        settings,
        changes,
        now: crate::clock::now(),
    })
}

/// Administrators: saves the settings form, if no one saved the settings since it was loaded.
#[server(prefix = "/api", endpoint = "admin/settings/save")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "save_instance_settings", skip_all)
)]
pub async fn save_instance_settings(
    version: i64,
    name: String,
    description: String,
    time_zone: String,
    quarter_scheme: String,
) -> Result<(), AppError> {
    let admin = guard::require(Permission::ManageInstance)?;
    let typed = [
        (Setting::Name, &name),
        (Setting::Description, &description),
        (Setting::TimeZone, &time_zone),
        (Setting::QuarterScheme, &quarter_scheme),
    ];
    save(admin.id, version, &typed).await?;
    leptos_axum::redirect("/admin/settings?saved=settings");
    Ok(())
}

/// Saves the settings typed, if no one saved the settings since the form was loaded: each
/// checked by its own rule (all refused by their fields if any is wrong), and each change
/// recorded.
#[cfg(feature = "ssr")]
async fn save(
    by: crate::domain::ids::AccountId,
    version: i64,
    typed: &[(Setting, &String)],
) -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let mut errors = FormErrors::new();
    for (setting, text) in typed {
        errors = errors.keep(setting.key(), text);
    }
    let mut new = store::settings(&db).await?.as_ref().clone();
    for (setting, text) in typed {
        match setting.parse_value(text) {
            Ok(value) => setting.set(&mut new, value),
            Err(message) => errors = errors.field(setting.key(), message),
        }
    }
    if !errors.fields.is_empty() {
        return Err(AppError::refused(errors));
    }
    let mut tx = db.begin_write().await?;
    if !store::update(&mut tx, by, version, &new, crate::clock::now()).await? {
        return Err(AppError::stale(errors.form(
            "Someone else saved the settings after you opened this page: their change is at \
             the top of the history below. What you typed is still in the form; save again to \
             keep it.",
        )));
    }
    tx.commit().await?;
    Ok(())
}

/// The committee: the chase policy and the latest changes to it.
#[server(prefix = "/api", endpoint = "chases/policy")]
pub async fn get_chase_policy() -> Result<ChasePolicyView, AppError> {
    guard::require(Permission::ManageChasePolicy)?;
    let db = crate::db::use_db()?;
    let settings = store::settings(&db).await?.as_ref().clone();
    let changes = store::changes(&db, CHANGES_SHOWN)
        .await?
        .into_iter()
        .filter(|change| change.setting.is_chase())
        .collect();
    let today = settings.zone().clock(crate::clock::now()).date();
    Ok(ChasePolicyView {
        bank_holidays: ENGLAND_AND_WALES
            .iter()
            .filter_map(|(year, month, day)| chrono::NaiveDate::from_ymd_opt(*year, *month, *day))
            .filter(|day| *day >= today)
            .take(8)
            .collect(),
        settings,
        changes,
    })
}

/// The committee: saves the chase policy, if no one saved the settings since the form was
/// loaded; each change is recorded.
#[server(prefix = "/api", endpoint = "chases/policy/save")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "save_chase_policy", skip_all)
)]
pub async fn save_chase_policy(
    version: i64,
    chase_first_after_days: String,
    chase_due_soon_days: String,
    chase_repeat_days: String,
    chase_escalate_after: String,
    chase_issue_days: String,
    chase_quiet_from: String,
    chase_quiet_until: String,
    chase_skip_weekends: String,
    chase_skip_bank_holidays: String,
) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageChasePolicy)?;
    let typed = [
        (Setting::ChaseFirstAfterDays, &chase_first_after_days),
        (Setting::ChaseDueSoonDays, &chase_due_soon_days),
        (Setting::ChaseRepeatDays, &chase_repeat_days),
        (Setting::ChaseEscalateAfter, &chase_escalate_after),
        (Setting::ChaseIssueDays, &chase_issue_days),
        (Setting::ChaseQuietFrom, &chase_quiet_from),
        (Setting::ChaseQuietUntil, &chase_quiet_until),
        (Setting::ChaseSkipWeekends, &chase_skip_weekends),
        (Setting::ChaseSkipBankHolidays, &chase_skip_bank_holidays),
    ];
    save(chair.id, version, &typed).await?;
    leptos_axum::redirect("/chases/policy?saved=policy");
    Ok(())
}
