//! SQL for the instance settings row.

use crate::{db::Db, instance::types::InstanceInfo};

#[derive(sqlx::FromRow)]
struct InstanceRow {
    name: String,
    description: String,
    demo: i64,
}

pub async fn instance_info(db: &Db) -> Result<InstanceInfo, sqlx::Error> {
    let row: InstanceRow =
        sqlx::query_as("SELECT name, description, demo FROM instance_settings WHERE id = 1")
            .fetch_one(db.reader())
            .await?;
    Ok(InstanceInfo {
        name: row.name,
        description: row.description,
        demo: row.demo != 0,
    })
}
