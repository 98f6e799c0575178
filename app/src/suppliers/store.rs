//! SQL for suppliers.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    db::{timestamp, Db},
    suppliers::types::{SupplierId, SupplierName},
};

/// Every supplier, by name.
pub async fn supplier_names(db: &Db) -> Result<Vec<SupplierName>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM suppliers ORDER BY name")
        .fetch_all(db.reader())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| SupplierName {
            id: SupplierId(id),
            name,
        })
        .collect())
}

/// The supplier with this id, if there is one.
pub async fn supplier_name(
    tx: &mut Transaction<'static, Any>,
    id: SupplierId,
) -> Result<Option<SupplierName>, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM suppliers WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(name.map(|name| SupplierName { id, name }))
}

pub struct NewSupplier<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub website: &'a str,
}

pub async fn create_supplier(
    tx: &mut Transaction<'static, Any>,
    supplier: NewSupplier<'_>,
    now: DateTime<Utc>,
) -> Result<SupplierId, sqlx::Error> {
    let now = timestamp::to_db(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO suppliers (name, slug, description, website, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(supplier.name)
    .bind(supplier.slug)
    .bind(supplier.description)
    .bind(supplier.website)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(SupplierId(id))
}
