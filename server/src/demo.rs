//! Demonstration data for trying Watchdog out: `watchdog demo load`, which the README's run
//! command calls. It fills only an empty database, so it can never touch a real instance's
//! records, and it is the only place the well-known demo password exists.

use app::{accounts::types::Role, db::Db};

use crate::{admin, config::Config};

/// The demo accounts' password, shown in the README as demo-only.
pub const PASSWORD: &str = "watchdog demo password";

/// One account per role, named by role.
const ACCOUNTS: &[(&str, &str, Role)] = &[
    ("admin@example.org", "Demo Administrator", Role::Admin),
    ("chair@example.org", "Demo Chair", Role::Chair),
    ("member@example.org", "Demo Member", Role::Member),
];

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
    db.close().await;
    if accounts > 0 {
        return Ok(Loaded::Already);
    }
    for (email, name, role) in ACCOUNTS {
        admin::create_account(config, email, name, *role, PASSWORD).await?;
    }
    Ok(Loaded::Now)
}
