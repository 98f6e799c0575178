//! SQL for the instance settings: the one settings row, held in memory by each process and
//! checked against its `cache_versions` row, and the history of its changes.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    db::{timestamp, Db},
    domain::ids::AccountId,
    instance::types::{ChaseSettings, InstanceInfo, Setting, SettingChange},
};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    description: String,
    time_zone: String,
    quarter_scheme: String,
    demo: i64,
    chase_first_after_days: String,
    chase_due_soon_days: String,
    chase_repeat_days: String,
    chase_escalate_after: String,
    chase_issue_days: String,
    chase_quiet_from: String,
    chase_quiet_until: String,
    chase_skip_weekends: String,
    chase_skip_bank_holidays: String,
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
            chase: ChaseSettings {
                first_after_days: row.chase_first_after_days,
                due_soon_days: row.chase_due_soon_days,
                repeat_days: row.chase_repeat_days,
                escalate_after: row.chase_escalate_after,
                issue_days: row.chase_issue_days,
                quiet_from: row.chase_quiet_from,
                quiet_until: row.chase_quiet_until,
                skip_weekends: row.chase_skip_weekends,
                skip_bank_holidays: row.chase_skip_bank_holidays,
            },
            version: row.version,
        }
    }
}

const SELECT_SETTINGS: &str =
    "SELECT name, description, time_zone, quarter_scheme, demo, chase_first_after_days, \
       chase_due_soon_days, chase_repeat_days, chase_escalate_after, chase_issue_days, \
       chase_quiet_from, chase_quiet_until, chase_skip_weekends, chase_skip_bank_holidays, \
       version \
     FROM instance_settings WHERE id = 1";

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
    // Every setting's column, in the order of `Setting::ALL`.
    let columns: Vec<String> = Setting::ALL
        .into_iter()
        .enumerate()
        .map(|(index, setting)| format!("{} = ${}", setting.key(), index + 3))
        .collect();
    let sql = format!(
        "UPDATE instance_settings SET {}, updated_at = $1, version = version + 1 \
         WHERE id = 1 AND version = $2",
        columns.join(", ")
    );
    let mut update = sqlx::query(&sql).bind(&at).bind(version);
    for setting in Setting::ALL {
        update = update.bind(setting.of(new));
    }
    update.execute(&mut **tx).await?;
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
