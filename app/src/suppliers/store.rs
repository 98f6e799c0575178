//! SQL for suppliers.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::{
    db::{timestamp, Db},
    suppliers::types::{
        ModuleDetail, ModuleId, ModuleName, SupplierDetail, SupplierId, SupplierName,
        SupplierSummary,
    },
};

/// Every supplier's and module's name, as the issue pages show them and their forms offer
/// them. Held in memory: they change a few times a year, and nearly every page reads them.
pub struct Names {
    /// By name.
    pub suppliers: Vec<SupplierName>,
    /// By supplier, then name.
    pub modules: Vec<ModuleName>,
}

impl Names {
    pub fn supplier(&self, id: SupplierId) -> Option<&str> {
        self.suppliers
            .iter()
            .find(|supplier| supplier.id == id)
            .map(|supplier| supplier.name.as_str())
    }

    pub fn module(&self, id: ModuleId) -> Option<&str> {
        self.modules
            .iter()
            .find(|module| module.id == id)
            .map(|module| module.name.as_str())
    }
}

/// The names as they are now (see `Names`).
pub async fn names(db: &Db) -> Result<Arc<Names>, sqlx::Error> {
    db.cache::<Names>("suppliers")
        .get(db, || async {
            Ok(Names {
                suppliers: supplier_names(db).await?,
                modules: module_names(db).await?,
            })
        })
        .await
}

/// Every supplier, by name.
async fn supplier_names(db: &Db) -> Result<Vec<SupplierName>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM suppliers ORDER BY name")
        .fetch_all(db.reader())
        .await
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

/// Whether `supplier` has the module `module`.
pub async fn has_module(
    tx: &mut Transaction<'static, Any>,
    supplier: SupplierId,
    module: ModuleId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM modules WHERE id = $1 AND supplier_id = $2")
            .bind(module.0)
            .bind(supplier.0)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(found.is_some())
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

/// Every supplier with its counts, by name.
pub async fn supplier_summaries(db: &Db) -> Result<Vec<SupplierSummary>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.name, s.slug, s.website, \
           (SELECT COUNT(*) FROM modules m WHERE m.supplier_id = s.id) AS modules, \
           (SELECT COUNT(*) FROM accounts a WHERE a.supplier_id = s.id AND a.active = 1) \
             AS representatives, \
           (SELECT COUNT(*) FROM issues i WHERE i.supplier_id = s.id) AS issues \
         FROM suppliers s ORDER BY s.name",
    )
    .fetch_all(db.reader())
    .await
}

/// One supplier with its modules, if it exists.
pub async fn supplier_detail(
    db: &Db,
    id: SupplierId,
) -> Result<Option<SupplierDetail>, sqlx::Error> {
    let row: Option<SupplierRow> = sqlx::query_as(
        "SELECT name, slug, description, website, version FROM suppliers WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let modules: Vec<ModuleDetail> = sqlx::query_as(
        "SELECT id, name, slug, description, version FROM modules \
         WHERE supplier_id = $1 ORDER BY name",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    Ok(Some(SupplierDetail {
        id,
        name: row.name,
        slug: row.slug,
        description: row.description,
        website: row.website,
        version: row.version,
        modules,
    }))
}

#[derive(sqlx::FromRow)]
struct SupplierRow {
    name: String,
    slug: String,
    description: String,
    website: String,
    version: i64,
}

/// Every module of every supplier, by supplier and name.
async fn module_names(db: &Db) -> Result<Vec<ModuleName>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, supplier_id AS supplier, name FROM modules ORDER BY supplier_id, name",
    )
    .fetch_all(db.reader())
    .await
}

/// The name of the supplier that already has this slug, other than `except`.
pub async fn supplier_with_slug(
    tx: &mut Transaction<'static, Any>,
    slug: &str,
    except: Option<SupplierId>,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM suppliers WHERE slug = $1 AND id <> $2")
        .bind(slug)
        .bind(except.map_or(0, |id| id.0))
        .fetch_optional(&mut **tx)
        .await
}

/// Changes a supplier if it is still at `version`; `false` if someone changed it since.
pub async fn update_supplier(
    tx: &mut Transaction<'static, Any>,
    id: SupplierId,
    version: i64,
    supplier: NewSupplier<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE suppliers SET name = $1, slug = $2, description = $3, website = $4, \
         updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7",
    )
    .bind(supplier.name)
    .bind(supplier.slug)
    .bind(supplier.description)
    .bind(supplier.website)
    .bind(timestamp::to_db(now))
    .bind(id.0)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

pub struct NewModule<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
}

/// The name of the module of this supplier that already has this slug, other than `except`.
pub async fn module_with_slug(
    tx: &mut Transaction<'static, Any>,
    supplier: SupplierId,
    slug: &str,
    except: Option<ModuleId>,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM modules WHERE supplier_id = $1 AND slug = $2 AND id <> $3")
        .bind(supplier.0)
        .bind(slug)
        .bind(except.map_or(0, |id| id.0))
        .fetch_optional(&mut **tx)
        .await
}

pub async fn create_module(
    tx: &mut Transaction<'static, Any>,
    supplier: SupplierId,
    module: NewModule<'_>,
    now: DateTime<Utc>,
) -> Result<ModuleId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO modules (supplier_id, name, slug, description, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(supplier.0)
    .bind(module.name)
    .bind(module.slug)
    .bind(module.description)
    .bind(timestamp::to_db(now))
    .fetch_one(&mut **tx)
    .await?;
    Ok(ModuleId(id))
}

/// Changes a module of `supplier` if it is still at `version`; `false` if someone changed it
/// since (or it is not that supplier's).
pub async fn update_module(
    tx: &mut Transaction<'static, Any>,
    supplier: SupplierId,
    id: ModuleId,
    version: i64,
    module: NewModule<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE modules SET name = $1, slug = $2, description = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND supplier_id = $6 AND version = $7",
    )
    .bind(module.name)
    .bind(module.slug)
    .bind(module.description)
    .bind(timestamp::to_db(now))
    .bind(id.0)
    .bind(supplier.0)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}
