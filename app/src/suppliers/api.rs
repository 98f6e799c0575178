//! Server functions for administering suppliers and their modules. Each requires
//! `ManageSuppliers` first; edits carry the version the form was loaded with.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts::guard,
    domain::permissions::Permission,
    error::FormErrors,
    suppliers::{
        store::{self, NewModule, NewSupplier},
        types::{parse_description, parse_name, parse_website, ModuleId, Slug},
    },
};
use crate::{
    error::AppError,
    suppliers::types::{SupplierDetail, SupplierId, SupplierSummary},
};

/// Administrators: every supplier, with its counts.
#[server(prefix = "/api", endpoint = "admin/suppliers")]
pub async fn get_suppliers() -> Result<Vec<SupplierSummary>, AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    Ok(store::supplier_summaries(&db).await?)
}

/// Administrators: one supplier with its modules.
#[server(prefix = "/api", endpoint = "admin/supplier")]
pub async fn get_supplier(supplier: i64) -> Result<SupplierDetail, AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    store::supplier_detail(&db, SupplierId(supplier))
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())
}

/// Administrators: adds a supplier. The short name defaults to one made from the name.
#[server(prefix = "/api", endpoint = "admin/suppliers/add")]
pub async fn add_supplier(
    name: String,
    slug: String,
    website: String,
    description: String,
) -> Result<SupplierId, AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let form = SupplierForm::parse(&name, &slug, &website, &description)?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    form.check_slug_free(&mut tx, None).await?;
    let id = store::create_supplier(&mut tx, form.fields(), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Administrators: changes a supplier's name, short name, website and description.
#[server(prefix = "/api", endpoint = "admin/suppliers/edit")]
pub async fn edit_supplier(
    supplier: i64,
    version: i64,
    name: String,
    slug: String,
    website: String,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let supplier = SupplierId(supplier);
    let form = SupplierForm::parse(&name, &slug, &website, &description)?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    if store::supplier_name(&mut tx, supplier).await?.is_none() {
        return Err(AppError::NotFound.with_status());
    }
    form.check_slug_free(&mut tx, Some(supplier)).await?;
    if !store::update_supplier(&mut tx, supplier, version, form.fields(), now).await? {
        return Err(changed_meanwhile("This supplier"));
    }
    tx.commit().await?;
    Ok(())
}

/// Administrators: adds a module (product) to a supplier.
#[server(prefix = "/api", endpoint = "admin/modules/add")]
pub async fn add_module(
    supplier: i64,
    name: String,
    slug: String,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let supplier = SupplierId(supplier);
    let form = ModuleForm::parse(&name, &slug, &description, None)?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    if store::supplier_name(&mut tx, supplier).await?.is_none() {
        return Err(AppError::NotFound.with_status());
    }
    form.check_slug_free(&mut tx, supplier, None).await?;
    store::create_module(&mut tx, supplier, form.fields(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Administrators: changes a module's name, short name and description.
#[server(prefix = "/api", endpoint = "admin/modules/edit")]
pub async fn edit_module(
    supplier: i64,
    module: i64,
    version: i64,
    name: String,
    slug: String,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let (supplier, module) = (SupplierId(supplier), ModuleId(module));
    let form = ModuleForm::parse(&name, &slug, &description, Some(module))?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    form.check_slug_free(&mut tx, supplier, Some(module))
        .await?;
    if !store::update_module(&mut tx, supplier, module, version, form.fields(), now).await? {
        return Err(changed_meanwhile("This module"));
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn changed_meanwhile(what: &str) -> AppError {
    AppError::refused(FormErrors::new().form(format!(
        "{what} was changed by someone else (or removed) after you opened this page. \
         The page now shows the current state; make your change again if it is still needed."
    )))
}

/// A supplier form, parsed; refused with every message by its field.
#[cfg(feature = "ssr")]
struct SupplierForm {
    name: String,
    slug: Slug,
    website: String,
    description: String,
    kept: FormErrors,
}

#[cfg(feature = "ssr")]
impl SupplierForm {
    fn parse(name: &str, slug: &str, website: &str, description: &str) -> Result<Self, AppError> {
        let kept = FormErrors::new()
            .keep("name", name)
            .keep("slug", slug)
            .keep("website", website)
            .keep("description", description);
        let parsed_name = parse_name(name);
        let parsed_slug = if slug.trim().is_empty() {
            Slug::from_name(name).map_err(|_| {
                "The name makes no short name; enter one (lower-case letters, digits, hyphens)."
            })
        } else {
            Slug::parse(slug)
        };
        let parsed_website = parse_website(website);
        let parsed_description = parse_description(description);
        match (parsed_name, parsed_slug, parsed_website, parsed_description) {
            (Ok(name), Ok(slug), Ok(website), Ok(description)) => Ok(SupplierForm {
                name,
                slug,
                website,
                description,
                kept,
            }),
            (name, slug, website, description) => {
                let mut errors = kept;
                for (field, result) in [
                    ("name", name.err()),
                    ("slug", slug.err()),
                    ("website", website.err()),
                    ("description", description.err()),
                ] {
                    if let Some(message) = result {
                        errors = errors.field(field, message);
                    }
                }
                Err(AppError::refused(errors))
            }
        }
    }

    async fn check_slug_free(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        except: Option<SupplierId>,
    ) -> Result<(), AppError> {
        match store::supplier_with_slug(tx, self.slug.as_str(), except).await? {
            None => Ok(()),
            Some(other) => Err(AppError::refused(self.kept.clone().field(
                "slug",
                format!("{other} already has this short name; choose another."),
            ))),
        }
    }

    fn fields(&self) -> NewSupplier<'_> {
        NewSupplier {
            name: &self.name,
            slug: self.slug.as_str(),
            description: &self.description,
            website: &self.website,
        }
    }
}

/// A module form, parsed; refused with every message by its field. An edit keeps the
/// module's id with its messages, so that the page shows them in that module's row.
#[cfg(feature = "ssr")]
struct ModuleForm {
    name: String,
    slug: Slug,
    description: String,
    kept: FormErrors,
}

#[cfg(feature = "ssr")]
impl ModuleForm {
    fn parse(
        name: &str,
        slug: &str,
        description: &str,
        editing: Option<ModuleId>,
    ) -> Result<Self, AppError> {
        let mut kept = FormErrors::new()
            .keep("name", name)
            .keep("slug", slug)
            .keep("description", description);
        if let Some(module) = editing {
            kept = kept.keep("module", &module.0.to_string());
        }
        match SupplierForm::parse(name, slug, "", description) {
            Ok(form) => Ok(ModuleForm {
                name: form.name,
                slug: form.slug,
                description: form.description,
                kept,
            }),
            Err(AppError::Invalid(errors)) => {
                let mut refused = kept;
                refused.fields = errors.fields;
                Err(AppError::refused(refused))
            }
            Err(other) => Err(other),
        }
    }

    async fn check_slug_free(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        supplier: SupplierId,
        except: Option<ModuleId>,
    ) -> Result<(), AppError> {
        match store::module_with_slug(tx, supplier, self.slug.as_str(), except).await? {
            None => Ok(()),
            Some(other) => Err(AppError::refused(self.kept.clone().field(
                "slug",
                format!("The module {other} already has this short name; choose another."),
            ))),
        }
    }

    fn fields(&self) -> NewModule<'_> {
        NewModule {
            name: &self.name,
            slug: self.slug.as_str(),
            description: &self.description,
        }
    }
}
