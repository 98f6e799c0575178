//! Suppliers for tests, written straight into the database.

use app::suppliers::types::{ModuleId, SupplierId};

use super::TestApp;

impl TestApp {
    /// Adds a supplier with the given name.
    pub async fn create_supplier(&self, name: &str) -> SupplierId {
        let mut tx = self.db.begin_write().await.expect("transaction");
        let slug = name.to_lowercase().replace(' ', "-");
        let supplier = app::suppliers::store::NewSupplier {
            name,
            slug: &slug,
            description: "",
            website: "",
        };
        let id = app::suppliers::store::create_supplier(&mut tx, supplier, chrono::Utc::now())
            .await
            .expect("supplier created");
        tx.commit().await.expect("committed");
        id
    }

    /// Adds a module of `supplier` with the given name.
    pub async fn create_module(&self, supplier: SupplierId, name: &str) -> ModuleId {
        let mut tx = self.db.begin_write().await.expect("transaction");
        let slug = name.to_lowercase().replace(' ', "-");
        let new = app::suppliers::store::NewModule {
            name,
            slug: &slug,
            description: "",
        };
        let id = app::suppliers::store::create_module(&mut tx, supplier, new, chrono::Utc::now())
            .await
            .expect("module created");
        tx.commit().await.expect("committed");
        id
    }
}
