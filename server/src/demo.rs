//! Demonstration data for trying Watchdog out: `watchdog demo load`, which the README's run
//! command calls. It fills only an empty database, so it can never touch a real instance's
//! records, and it is the only place the well-known demo password exists.

use app::{
    accounts::types::Role,
    db::Db,
    suppliers::{self, store::NewSupplier},
};

use crate::{admin, config::Config};

/// The demo accounts' password, shown in the README as demo-only.
pub const PASSWORD: &str = "watchdog demo password";

/// One account per role, named by role; the supplier representative belongs to the demo
/// supplier.
const ACCOUNTS: &[(&str, &str, Role)] = &[
    ("admin@example.org", "Demo Administrator", Role::Admin),
    ("chair@example.org", "Demo Chair", Role::Chair),
    ("member@example.org", "Demo Member", Role::Member),
    (
        "supplier@example.org",
        "Demo Supplier Representative",
        Role::SupplierRep,
    ),
];

/// The demo supplier: a fictional company.
const SUPPLIER: NewSupplier<'static> = NewSupplier {
    name: "Example Clinical Systems",
    slug: "example-clinical-systems",
    description: "A fictional supplier of a clinical system to GP practices.",
    website: "",
};

#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Now,
    /// The database already had accounts; nothing was added.
    Already,
}

pub async fn load(config: &Config) -> anyhow::Result<Loaded> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let db = Db::connect(&config.database_url(), 1).await?;
    db.migrate().await?;
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(db.reader())
        .await?;
    if accounts > 0 {
        db.close().await;
        return Ok(Loaded::Already);
    }
    let mut tx = db.begin_write().await?;
    let supplier = suppliers::store::create_supplier(&mut tx, SUPPLIER, chrono::Utc::now()).await?;
    tx.commit().await?;
    db.close().await;
    for (email, name, role) in ACCOUNTS {
        let belongs_to = (*role == Role::SupplierRep).then_some(supplier);
        admin::create_account(config, email, name, *role, belongs_to, PASSWORD).await?;
    }
    Ok(Loaded::Now)
}
