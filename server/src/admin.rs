//! Account administration from the command line: creating the first administrator, before
//! anyone can sign in to invite others (and the demo accounts).

use anyhow::{anyhow, Context};
use app::{
    accounts::{
        audit_store::{self, AuditEvent},
        passwords,
        store::{self, NewAccount},
        types::{AccountId, AuditAction, DisplayName, Email, Password, Role},
    },
    db::Db,
    suppliers::types::SupplierId,
};

use crate::config::Config;

/// Creates an account with the given details and role.
pub async fn create_account(
    config: &Config,
    email: &str,
    name: &str,
    role: Role,
    supplier: Option<SupplierId>,
    password: &str,
) -> anyhow::Result<AccountId> {
    if (role == Role::SupplierRep) != supplier.is_some() {
        return Err(anyhow!(
            "a supplier representative, and only one, belongs to a supplier"
        ));
    }
    let email = Email::parse(email).map_err(|message| anyhow!("--email: {message}"))?;
    let name = DisplayName::parse(name).map_err(|message| anyhow!("--name: {message}"))?;
    let password = Password::parse(password).map_err(|message| anyhow!("password: {message}"))?;
    passwords::check_new(&password).map_err(|message| anyhow!("password: {message}"))?;
    let password_hash = passwords::hash(password).await?;

    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("could not create {}", config.data_dir.display()))?;
    }
    let db = Db::connect(&config.database_url(), 1).await?;
    db.migrate().await?;
    let now = chrono::Utc::now();
    let mut tx = db.begin_write().await?;
    let account = NewAccount {
        email: &email,
        display_name: &name,
        role,
        supplier,
        password_hash: &password_hash,
    };
    let id = match store::create_account(&mut tx, account, now).await {
        Ok(id) => id,
        Err(store::StoreError::EmailTaken) => {
            return Err(anyhow!("--email: an account with {email} already exists"));
        }
        Err(store::StoreError::Database(error)) => return Err(error.into()),
    };
    let event = AuditEvent {
        action: AuditAction::AccountCreated,
        actor: None,
        account: Some(id),
        detail: "created from the command line",
        client_address: "",
    };
    audit_store::record(&mut tx, event, now).await?;
    tx.commit().await?;
    db.close().await;
    Ok(id)
}
