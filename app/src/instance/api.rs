//! Server functions for the instance's settings: read by every page (public), edited by
//! administrators with each change recorded.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::permissions::Permission,
    error::FormErrors,
    guard,
    instance::{store, types::Setting},
};
use crate::{
    error::AppError,
    instance::types::{InstanceInfo, SettingsView},
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
    let db = crate::db::use_db()?;
    let typed = [
        (Setting::Name, &name),
        (Setting::Description, &description),
        (Setting::TimeZone, &time_zone),
        (Setting::QuarterScheme, &quarter_scheme),
    ];
    let mut errors = FormErrors::new();
    for (setting, text) in typed {
        errors = errors.keep(setting.key(), text);
    }
    let mut new = store::settings(&db).await?.as_ref().clone();
    for (setting, text) in typed {
        match setting.parse_value(text) {
            Ok(value) => match setting {
                Setting::Name => new.name = value,
                Setting::Description => new.description = value,
                Setting::TimeZone => new.time_zone = value,
                Setting::QuarterScheme => new.quarter_scheme = value,
            },
            Err(message) => errors = errors.field(setting.key(), message),
        }
    }
    if !errors.fields.is_empty() {
        return Err(AppError::refused(errors));
    }
    let mut tx = db.begin_write().await?;
    if !store::update(&mut tx, admin.id, version, &new, crate::clock::now()).await? {
        return Err(AppError::stale(errors.form(
            "Someone else saved the settings after you opened this page: their change is at \
             the top of the history below. What you typed is still in the form; save again to \
             keep it.",
        )));
    }
    tx.commit().await?;
    leptos_axum::redirect("/admin/settings?saved=settings");
    Ok(())
}
