//! Demonstration data for trying Watchdog out: `watchdog demo load`, which the README's run
//! command calls. It fills only an empty database, so it can never touch a real instance's
//! records, and it is the only place the well-known demo password exists.

use app::{
    accounts::types::Role,
    db::Db,
    suppliers::{
        self,
        store::{NewModule, NewSupplier},
    },
};

use crate::{admin, config::Config};

mod attachments;
mod chases;
mod commitment_links;
mod commitments;
pub mod generate;
mod generate_commitments;
mod generate_meetings;
mod issues;
mod meetings;
mod sequence;

use issues::Who;

/// The demo accounts' password, shown in the README as demo-only.
pub const PASSWORD: &str = "watchdog demo password";

/// One account per role, named by role (the supplier representative belongs to the demo
/// supplier), and more members, named by their job at fictional practices, so an issue can
/// affect several practices.
const ACCOUNTS: &[(&str, &str, Role, Option<Who>)] = &[
    ("admin@example.org", "Demo Administrator", Role::Admin, None),
    (
        "chair@example.org",
        "Demo Chair",
        Role::Chair,
        Some(Who::Chair),
    ),
    (
        "member@example.org",
        "Demo Member",
        Role::Member,
        Some(Who::Member),
    ),
    (
        "supplier@example.org",
        "Demo Supplier Representative",
        Role::SupplierRep,
        Some(Who::Rep),
    ),
    (
        "manager@northfield.example.org",
        "Practice Manager, Northfield",
        Role::Member,
        Some(Who::PracticeManager),
    ),
    (
        "partner@riverside.example.org",
        "GP Partner, Riverside",
        Role::Member,
        Some(Who::Partner),
    ),
    (
        "nurse@hillcrest.example.org",
        "Practice Nurse, Hillcrest",
        Role::Member,
        Some(Who::Nurse),
    ),
    (
        "reception@meadowbank.example.org",
        "Reception Lead, Meadowbank",
        Role::Member,
        Some(Who::Reception),
    ),
];

/// The demo supplier: a fictional company.
const SUPPLIER: NewSupplier<'static> = NewSupplier {
    name: "Example Clinical Systems",
    slug: "example-clinical-systems",
    description: "A fictional supplier of a clinical system to GP practices.",
    website: "",
};

/// Its products: the clinical system, its resource publisher and its template manager.
const MODULES: [NewModule<'static>; 3] = [
    NewModule {
        name: "Clinical system",
        slug: "clinical-system",
        description: "The patient record, prescribing and appointments.",
    },
    NewModule {
        name: "Resource publisher",
        slug: "resource-publisher",
        description: "Leaflets and documents published to the practice library.",
    },
    NewModule {
        name: "Template manager",
        slug: "template-manager",
        description: "Consultation templates and their sharing.",
    },
];

#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Now,
    /// The database already had accounts; nothing was added.
    Already,
}

/// Why the demo data may not go into this instance, if it may not: its accounts' password
/// is published, so an instance others can reach must not hold them. One that listens only
/// on this machine, with no public address configured, may.
pub fn refusal(config: &Config) -> Option<String> {
    if !config.listen.ip().is_loopback() {
        return Some(format!(
            "this instance listens on {}, beyond this machine, and the demo accounts' password \
             is published; listen on 127.0.0.1 instead, or pass --force if you are sure",
            config.listen
        ));
    }
    if let Some(url) = &config.public_url {
        return Some(format!(
            "this instance has a public address ({url}) and the demo accounts' password is \
             published; pass --force if you are sure"
        ));
    }
    None
}

/// Loads the demo data into an empty database (see `refusal` first).
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
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE instance_settings SET demo = 1 WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let supplier = suppliers::store::create_supplier(&mut tx, SUPPLIER, now).await?;
    let mut modules = Vec::with_capacity(MODULES.len());
    for module in MODULES {
        modules.push(suppliers::store::create_module(&mut tx, supplier, module, now).await?);
    }
    tx.commit().await?;
    let mut accounts = Vec::new();
    for (email, name, role, who) in ACCOUNTS {
        let belongs_to = (*role == Role::SupplierRep).then_some(supplier);
        let id = admin::create_account(config, email, name, *role, belongs_to, PASSWORD).await?;
        if let Some(who) = who {
            accounts.push((*who, id));
        }
    }
    let cast = issues::Cast {
        supplier,
        modules: [modules[0], modules[1], modules[2]],
        accounts,
    };
    issues::load(&db, &cast, now).await?;
    meetings::load(&db, &cast, now).await?;
    commitments::load(&db, &cast, now).await?;
    commitment_links::load(&db, &cast, now).await?;
    chases::load(&db, now).await?;
    db.close().await;
    Ok(Loaded::Now)
}
