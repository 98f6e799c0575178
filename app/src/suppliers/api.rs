//! Server functions for administering suppliers and their modules. Each requires
//! `ManageSuppliers` first; edits carry the version the form was loaded with.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::permissions::Permission,
    error::FormErrors,
    guard,
    suppliers::{
        store::{self, NewModule, NewSupplier},
        types::{parse_description, parse_name, parse_website, Slug},
    },
};
use crate::{
    error::AppError,
    suppliers::types::{ModuleId, SupplierDetail, SupplierId, SupplierSummary},
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
pub async fn get_supplier(supplier: SupplierId) -> Result<SupplierDetail, AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    store::supplier_detail(&db, supplier)
        .await?
        .ok_or(AppError::NotFound)
}

/// Administrators: adds a supplier (the short name defaults to one made from the name), and
/// go on to its page to add its modules.
#[server(prefix = "/api", endpoint = "admin/suppliers/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_supplier", skip_all))]
pub async fn add_supplier(
    name: String,
    slug: String,
    website: String,
    description: String,
) -> Result<SupplierId, AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let form = NamedForm::supplier(&name, &slug, &website, &description)?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    form.check_supplier_slug_free(&mut tx, None).await?;
    let id = store::create_supplier(&mut tx, form.supplier_fields(), now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/admin/suppliers/{}?saved=added", id.0));
    Ok(id)
}

/// Administrators: changes a supplier's name, short name, website and description.
#[server(prefix = "/api", endpoint = "admin/suppliers/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_supplier", skip_all, fields(supplier = supplier.0)))]
pub async fn edit_supplier(
    supplier: SupplierId,
    version: i64,
    name: String,
    slug: String,
    website: String,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    if store::supplier_name(&mut tx, supplier).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let form = NamedForm::supplier(&name, &slug, &website, &description)?;
    form.check_supplier_slug_free(&mut tx, Some(supplier))
        .await?;
    if !store::update_supplier(&mut tx, supplier, version, form.supplier_fields(), now).await? {
        return Err(changed_meanwhile("This supplier"));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/admin/suppliers/{}?saved=details", supplier.0));
    Ok(())
}

/// Administrators: adds a module (product) to a supplier.
#[server(prefix = "/api", endpoint = "admin/modules/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_module", skip_all, fields(supplier = supplier.0)))]
pub async fn add_module(
    supplier: SupplierId,
    name: String,
    slug: String,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    if store::supplier_name(&mut tx, supplier).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let form = NamedForm::module(&name, &slug, &description, None)?;
    form.check_module_slug_free(&mut tx, supplier, None).await?;
    store::create_module(&mut tx, supplier, form.module_fields(), now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "/admin/suppliers/{}?saved=module#modules-heading",
        supplier.0
    ));
    Ok(())
}

/// Administrators: changes a module's name, short name and description.
#[server(prefix = "/api", endpoint = "admin/modules/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_module", skip_all, fields(supplier = supplier.0, module = module.0)))]
pub async fn edit_module(
    supplier: SupplierId,
    module: ModuleId,
    version: i64,
    name: String,
    slug: String,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageSuppliers)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    if !store::has_module(&mut tx, supplier, module).await? {
        return Err(AppError::NotFound);
    }
    let form = NamedForm::module(&name, &slug, &description, Some(module))?;
    form.check_module_slug_free(&mut tx, supplier, Some(module))
        .await?;
    if !store::update_module(
        &mut tx,
        supplier,
        module,
        version,
        form.module_fields(),
        now,
    )
    .await?
    {
        return Err(changed_meanwhile("This module"));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "/admin/suppliers/{}?saved=module#modules-heading",
        supplier.0
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
fn changed_meanwhile(what: &str) -> AppError {
    AppError::stale(FormErrors::new().form(format!(
        "{what} was changed by someone else (or removed) after you opened this page. \
         The page now shows the current state; make your change again if it is still needed."
    )))
}

/// A supplier or module form, parsed; refused with every message by its field and what was
/// typed kept. A module has no website (it stays empty). A module edit also keeps the
/// module's id with its messages, so that the page shows them in that module's row.
#[cfg(feature = "ssr")]
struct NamedForm {
    name: String,
    slug: Slug,
    website: String,
    description: String,
    kept: FormErrors,
}

#[cfg(feature = "ssr")]
impl NamedForm {
    fn supplier(
        name: &str,
        slug: &str,
        website: &str,
        description: &str,
    ) -> Result<Self, AppError> {
        let kept = FormErrors::new().keep("website", website);
        NamedForm::parse(kept, name, slug, website, description)
    }

    fn module(
        name: &str,
        slug: &str,
        description: &str,
        editing: Option<ModuleId>,
    ) -> Result<Self, AppError> {
        let kept = match editing {
            Some(module) => FormErrors::new().keep("module", &module.0.to_string()),
            None => FormErrors::new(),
        };
        NamedForm::parse(kept, name, slug, "", description)
    }

    fn parse(
        kept: FormErrors,
        name: &str,
        slug: &str,
        website: &str,
        description: &str,
    ) -> Result<Self, AppError> {
        let kept = kept
            .keep("name", name)
            .keep("slug", slug)
            .keep("description", description);
        let parsed_slug = if slug.trim().is_empty() {
            Slug::from_name(name).map_err(|_| {
                "The name makes no short name; enter one (lower-case letters, digits, hyphens)."
            })
        } else {
            Slug::parse(slug)
        };
        let parsed = (
            parse_name(name),
            parsed_slug,
            parse_website(website),
            parse_description(description),
        );
        match parsed {
            (Ok(name), Ok(slug), Ok(website), Ok(description)) => Ok(NamedForm {
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

    /// Refuses a short name another record has (`holder`, if any), by the short name field.
    fn slug_free(&self, holder: Option<String>, what: &str) -> Result<(), AppError> {
        match holder {
            None => Ok(()),
            Some(other) => Err(AppError::refused(self.kept.clone().field(
                "slug",
                format!("{what}{other} already has this short name; choose another."),
            ))),
        }
    }

    async fn check_supplier_slug_free(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        except: Option<SupplierId>,
    ) -> Result<(), AppError> {
        let holder = store::supplier_with_slug(tx, self.slug.as_str(), except).await?;
        self.slug_free(holder, "")
    }

    async fn check_module_slug_free(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        supplier: SupplierId,
        except: Option<ModuleId>,
    ) -> Result<(), AppError> {
        let holder = store::module_with_slug(tx, supplier, self.slug.as_str(), except).await?;
        self.slug_free(holder, "The module ")
    }

    fn supplier_fields(&self) -> NewSupplier<'_> {
        NewSupplier {
            name: &self.name,
            slug: self.slug.as_str(),
            description: &self.description,
            website: &self.website,
        }
    }

    fn module_fields(&self) -> NewModule<'_> {
        NewModule {
            name: &self.name,
            slug: self.slug.as_str(),
            description: &self.description,
        }
    }
}
