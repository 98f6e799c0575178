use leptos::prelude::*;

use crate::{error::AppError, instance::types::InstanceInfo};

/// Public: visitors may read how the instance introduces itself.
#[server(prefix = "/api", endpoint = "instance_info")]
pub async fn get_instance_info() -> Result<InstanceInfo, AppError> {
    let db = crate::db::use_db()?;
    Ok(crate::instance::store::instance_info(&db).await?)
}
