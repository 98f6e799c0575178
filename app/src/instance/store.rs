//! SQL for the instance settings: the one settings row, held in memory by each process and
//! checked against its `cache_versions` row, and the history of its changes.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    db::{timestamp, Db},
    domain::ids::AccountId,
    instance::types::{InstanceInfo, Setting, SettingChange},
};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    description: String,
    time_zone: String,
    quarter_scheme: String,
    demo: i64,
    version: i64,
}

impl From<SettingsRow> for InstanceInfo {
    fn from(row: SettingsRow) -> Self {
        InstanceInfo {
            name: row.name,
            description: row.description,
            time_zone: row.time_zone,
            quarter_scheme: row.quarter_scheme,
            demo: row.demo != 0,
            version: row.version,
        }
    }
}

const SELECT_SETTINGS: &str =
    "SELECT name, description, time_zone, quarter_scheme, demo, version FROM instance_settings \
     WHERE id = 1";

/// The settings as they are now (one primary-key read while they have not changed).
pub async fn settings(db: &Db) -> Result<Arc<InstanceInfo>, sqlx::Error> {
    db.cache::<InstanceInfo>("instance")
        .get(db, || async {
            let row: SettingsRow = sqlx::query_as(SELECT_SETTINGS)
                .fetch_one(db.reader())
                .await?;
            Ok(row.into())
        })
        .await
}

/// Saves `new` over the settings, if they are still at `version`, with one history entry per
/// setting that changed, all in `tx`. `false` if someone saved first (nothing is written).
pub async fn update(
    tx: &mut Transaction<'static, Any>,
    by: AccountId,
    version: i64,
    new: &InstanceInfo,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let current: InstanceInfo = sqlx::query_as::<_, SettingsRow>(SELECT_SETTINGS)
        .fetch_one(&mut **tx)
        .await?
        .into();
    if current.version != version {
        return Ok(false);
    }
    let changed: Vec<Setting> = Setting::ALL
        .into_iter()
        .filter(|setting| setting.of(&current) != setting.of(new))
        .collect();
    if changed.is_empty() {
        return Ok(true);
    }
    let at = timestamp::to_db(now);
    for setting in changed {
        sqlx::query(
            "INSERT INTO setting_changes (setting, old_value, new_value, changed_by, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(setting.key())
        .bind(setting.of(&current))
        .bind(setting.of(new))
        .bind(by.0)
        .bind(&at)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "UPDATE instance_settings \
         SET name = $1, description = $2, time_zone = $3, quarter_scheme = $4, updated_at = $5, \
           version = version + 1 \
         WHERE id = 1 AND version = $6",
    )
    .bind(&new.name)
    .bind(&new.description)
    .bind(&new.time_zone)
    .bind(&new.quarter_scheme)
    .bind(&at)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    setting: String,
    old_value: String,
    new_value: String,
    display_name: Option<String>,
    created_at: String,
}

/// The latest `limit` changes, newest first.
pub async fn changes(db: &Db, limit: i64) -> Result<Vec<SettingChange>, sqlx::Error> {
    let rows: Vec<ChangeRow> = sqlx::query_as(
        "SELECT c.setting, c.old_value, c.new_value, a.display_name, c.created_at \
         FROM setting_changes c LEFT JOIN accounts a ON a.id = c.changed_by \
         ORDER BY c.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .filter_map(|row| {
            // A setting a later version retired keeps its rows, unshown.
            let setting = Setting::parse(&row.setting)?;
            Some(timestamp::from_db(&row.created_at).map(|at| SettingChange {
                setting,
                old: row.old_value,
                new: row.new_value,
                by: row.display_name,
                at,
            }))
        })
        .collect()
}
